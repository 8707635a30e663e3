"""A syncing process for the kill tests (run as a script, never collected).

sync_child.py sync SYNC_DIR MACHINE FIRST
    append line FIRST, FIRST+1, ... to the machine's own log, one ``sync`` after each, and
    print ``synced N`` once that sync returned; until killed.
sync_child.py init SYNC_DIR MACHINE REMOTE
    ``init`` on REMOTE once, then print ``ready``.

Either prints ``started`` first, once imported, so the test's kill lands inside git work.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from data.sync.git_repo import SyncRepo  # noqa: E402


def say(line: str) -> None:
    os.write(1, (line + "\n").encode("utf-8"))


def append(repo: SyncRepo, machine: str, n: int) -> None:
    folder = repo.path / "ops" / machine
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "2026-12.jsonl").open("a", encoding="utf-8") as handle:
        handle.write(f'{{"machine": "{machine}", "n": {n}}}\n')


def main(mode: str, folder: str, machine: str, extra: str) -> None:
    repo = SyncRepo(Path(folder), stale_after=1.0)
    say("started")
    if mode == "init":
        repo.init(extra, machine_id=machine)
        say("ready")
        return
    n = int(extra)
    while True:
        append(repo, machine, n)
        repo.sync(machine)
        say(f"synced {n}")
        n += 1


if __name__ == "__main__":
    main(*sys.argv[1:5])
