"""Sync of the ten-year data set, plain against encrypted (issue 15): the snapshot ``sync
init`` writes, the log's size, and the first receive of it on a second data folder
(in-process, no git). Encrypted, every log value is sealed per operation and the receiving
folder's data files are sealed whole.

    uv run python -m benchmarks.sync_sealed [--folder /tmp/sync-sealed]

The key derivation is not measured here (``benchmarks.kdf``).
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from benchmarks import dataset
from data.crypto.folder import encrypt_folder
from data.crypto.keyfile import Keys
from data.store import FileStore
from data.sync.machine import MachineIdentity
from data.sync.receive import receive
from data.sync.snapshot import write_snapshot
from data.sync.state import enable

MOMENT = datetime(2026, 11, 23, 12, tzinfo=timezone(timedelta(hours=8)))


def clock() -> datetime:
    return MOMENT


@dataclass(frozen=True, slots=True)
class Figures:
    mode: str
    ops: int
    snapshot_s: float
    log_mb: float
    receive_s: float


def _start(root: Path, keys: Keys | None) -> tuple[FileStore, str, int, float]:
    store = FileStore(root, clock=clock, keys=keys)
    me = MachineIdentity.load_or_create(root).id
    started = time.perf_counter()
    with store.transaction():
        enable(root, me)
        count = write_snapshot(store)
    return store, me, count, time.perf_counter() - started


def measure(source: Path, work: Path, *, sealed: bool) -> Figures:
    mode = "encrypted" if sealed else "plain"
    first, second = work / f"{mode}-a", work / f"{mode}-b"
    shutil.copytree(source, first)
    second.mkdir()
    FileStore(second, clock=clock)
    keys: Keys | None = None
    if sealed:
        made = encrypt_folder(first, "benchmark passphrase", created=clock())
        assert made is not None
        keys = made.keys
        encrypt_folder(second, "benchmark passphrase", created=clock(), adopt=(made.keyfile, keys))
    _store, me, count, snapshot_s = _start(first, keys)
    size = sum(p.stat().st_size for p in (first / "sync" / "ops").rglob("*.jsonl"))
    other, _other_id, _n, _s = _start(second, keys)
    shutil.copytree(first / "sync" / "ops" / me, second / "sync" / "ops" / me)
    started = time.perf_counter()
    receive(other)
    return Figures(mode, count, snapshot_s, size / 1e6, time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=None)
    args = parser.parse_args()
    work = args.folder or Path(tempfile.mkdtemp(prefix="sync-sealed-"))
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    source = work / "source"
    dataset.write(source, 10)
    for sealed in (False, True):
        f = measure(source, work, sealed=sealed)
        print(
            f"{f.mode}: snapshot of {f.ops} records {f.snapshot_s:.2f} s, "
            f"log {f.log_mb:.1f} MB, first receive {f.receive_s:.2f} s"
        )
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
