"""What sync's git transport costs on its own: the git steps of a sync, without the data files.

    uv run python -m benchmarks.git_transport [--runs 10] [--lines 50]

Two machines and a bare remote on one disk (a USB stick's case: no network delay), in a
temporary folder with ``HOME`` pointed there (no user config). Prints the median of
``--runs``, in milliseconds, of:

- init: a machine's ``SyncRepo.init`` on an empty remote, and a second machine's on the
  remote holding the first one's log (it adopts the remote's ``main``);
- sync, sending: alpha's ``sync`` after appending ``--lines`` lines to its log (commit,
  fetch, push);
- sync, both ways: beta's ``sync`` after appending as many (commit, fetch, merge, push);
- sync, receiving: alpha's next ``sync`` (fetch, fast-forward);
- sync, nothing to do.

Then the size of the remote's objects after all runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from data.sync.git_command import run_git
from data.sync.git_repo import SyncRepo


def timed(step: Callable[[], object]) -> float:
    started = time.perf_counter()
    step()
    return (time.perf_counter() - started) * 1000


def append(repo: SyncRepo, machine: str, lines: int, run: int) -> None:
    folder = repo.path / "ops" / machine
    folder.mkdir(parents=True, exist_ok=True)
    text = "".join(
        f'{{"v":1,"stamp":"{run:013d}.{n:06d}.{machine}","kind":"task","field":"title",'
        f'"value":"a title of a task, edited {run}/{n}"}}\n'
        for n in range(lines)
    )
    with (folder / "2026-12.jsonl").open("a", encoding="utf-8") as handle:
        handle.write(text)


def folder_size(path: Path) -> int:
    return sum(item.stat().st_size for item in path.rglob("*") if item.is_file())


NAMES = (
    "init, empty remote",
    "init, remote holding a planner",
    "sync, sending",
    "sync, both ways",
    "sync, receiving",
    "sync, nothing to do",
)


def one_run(base: Path, lines: int, results: dict[str, list[float]]) -> Path:
    """Two fresh machines and a fresh remote under ``base``: two inits, then three rounds."""
    remote = base / "usb" / "planner.git"
    remote.mkdir(parents=True)
    run_git(remote, ["init", "-q", "--bare"])
    alpha = SyncRepo(base / "alpha" / "sync")
    beta = SyncRepo(base / "beta" / "sync")
    results[NAMES[0]].append(timed(lambda: alpha.init(str(remote), machine_id="alpha")))
    append(alpha, "alpha", lines, 0)
    alpha.sync("alpha")
    results[NAMES[1]].append(timed(lambda: beta.init(str(remote), machine_id="beta")))
    beta.sync("beta")
    for step in range(1, 4):
        append(alpha, "alpha", lines, step)
        results[NAMES[2]].append(timed(lambda: alpha.sync("alpha")))
        append(beta, "beta", lines, step)
        results[NAMES[3]].append(timed(lambda: beta.sync("beta")))
        results[NAMES[4]].append(timed(lambda: alpha.sync("alpha")))
        results[NAMES[5]].append(timed(lambda: alpha.sync("alpha")))
    return remote


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--lines", type=int, default=50)
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be 1 or more")
    results: dict[str, list[float]] = {name: [] for name in NAMES}
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["HOME"] = tmp
        for run in range(args.runs):
            remote = one_run(Path(tmp) / f"run{run}", args.lines, results)
        objects = folder_size(remote / "objects")
    print(f"runs: {args.runs}, lines per machine per sync: {args.lines}")
    for name in NAMES:
        print(f"{name:32} {statistics.median(results[name]):7.1f} ms")
    print(f"remote objects after one run (2 inits, 11 syncs): {objects / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
