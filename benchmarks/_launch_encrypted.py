"""Child of ``benchmarks.encrypted``: ``benchmarks._launch``'s planner run on an encrypted
folder (the passphrase from ``PLANNER_PASSPHRASE_FILE``), with the seconds spent deriving
the passphrase's key (Argon2id) printed after the app exits as ``kdf SECONDS``, so that the
launch can be reported after the passphrase and the derivation apart."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from benchmarks import _launch
from data.crypto.kdf import KdfParams

_spent: list[float] = []
_derive = KdfParams.derive


def _timed_derive(self: KdfParams, passphrase: str) -> bytes:
    started = time.perf_counter()
    try:
        return _derive(self, passphrase)
    finally:
        _spent.append(time.perf_counter() - started)


if __name__ == "__main__":
    KdfParams.derive = _timed_derive  # type: ignore[method-assign]
    try:
        _launch.run_planner(Path(sys.argv[1]))
    finally:
        print(f"kdf {sum(_spent):.6f} {len(_spent)}", flush=True)
