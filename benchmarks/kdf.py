"""What one passphrase derivation costs at the real Argon2id parameters (issue #15 asks
for about 0.3-0.5 s on the development machine), and unlocking a key file with them.

    uv run python -m benchmarks.kdf [--runs 7]

Prints the median, fastest and slowest of ``--runs`` derivations in seconds, then one
``establish`` + ``unlock`` of a key file in a temporary folder.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from data.crypto.kdf import REAL_COST, KdfParams
from data.crypto.keyfile import establish, unlock_folder

MOMENT = datetime(2026, 11, 23, 9, 0, tzinfo=timezone(timedelta(hours=8)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    params = KdfParams.fresh(REAL_COST)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        params.derive("correct horse battery staple")
        times.append(time.perf_counter() - started)
    print(
        f"argon2id {REAL_COST.memory_kib // 1024} MiB, {REAL_COST.iterations} passes, "
        f"{REAL_COST.lanes} lane(s): median {statistics.median(times):.3f} s, "
        f"fastest {min(times):.3f} s, slowest {max(times):.3f} s ({runs} runs)"
    )
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        establish(Path(folder), "pass", created=MOMENT, cost=REAL_COST)
        made = time.perf_counter() - started
        started = time.perf_counter()
        unlock_folder(Path(folder), "pass")
        print(f"establish {made:.3f} s, unlock {time.perf_counter() - started:.3f} s")


if __name__ == "__main__":
    main()
