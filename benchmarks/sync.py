"""What sync costs on the ten-year data set, as whole ``planner`` processes (issue #14).

    uv run python -m benchmarks.sync [--years 10] [--rounds 3] [--changes 50]

Two machines and a bare remote on one disk (a USB stick's case: no network), ``HOME`` and
the config in a temporary folder. ``alpha`` holds the data set (``benchmarks.dataset``,
generated once and cached under the temp dir by years, seed and schema); ``beta`` starts
empty. Timed, each as one ``planner`` process (``PLANNER_DATA_DIR`` says which machine):

1. ``planner sync init REMOTE`` on alpha, the remote empty (snapshot of every record, push);
2. ``planner sync init REMOTE`` on beta: a second machine's first sync, ten years coming in;
3. ``--rounds`` times: ``--changes`` changes made on each machine (adds, title edits, journal
   appends, through the services, not timed), then ``planner sync`` on alpha (sending),
   on beta (both ways: the everyday sync) and on alpha again (receiving); medians.

For each: the whole process's wall time, the time spent in ``git`` (every git command the
process ran goes through a small wrapper script first on ``PATH`` that adds up its time; the
wrapper's own fork of ``date`` is a few milliseconds per command, counted as planner's), and
planner's own time (the difference, Python's start included). Then the size of the remote
(``du`` of the bare repository) and of alpha's log (``sync/ops``), against the goals: an
everyday sync under 1 s of planner's own time, the first sync of ten years under 10 s, the
log of ten years under 25 MB.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.dataset import write
from data.store import FileStore
from data.tinydb.schema import CURRENT_SCHEMA
from planner.domain.clock import system_clock
from planner.domain.config import Config
from planner.services.planner import Planner

SEED = 20261123
ROOT = Path(__file__).resolve().parents[1]
WRAPPER = """#!/bin/sh
start=$(date +%s%N)
"{git}" "$@"
code=$?
end=$(date +%s%N)
echo $((end - start)) >> "$PLANNER_BENCH_GIT_LOG"
exit $code
"""


@dataclass(frozen=True, slots=True)
class Timing:
    whole: float
    git: float

    @property
    def own(self) -> float:
        return self.whole - self.git


def data_set(years: int) -> Path:
    """The data set of ``years`` at this schema, generated once under the temp dir."""
    cache = Path(tempfile.gettempdir()) / "planner-benchmark-data"
    folder = cache / f"sync-{years}y-{SEED}-schema{CURRENT_SCHEMA}"
    done = folder / "complete"
    if not done.exists():
        shutil.rmtree(folder, ignore_errors=True)
        started = time.perf_counter()
        counts = write(folder / "data", years, SEED)
        done.write_text(f"{counts}\n", encoding="utf-8")
        print(f"generated {years} years ({counts}) in {time.perf_counter() - started:.1f} s")
    return folder / "data"


class Bench:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        home = folder / "home"
        home.mkdir()
        (home / "config.toml").write_text("", encoding="utf-8")
        real = shutil.which("git")
        if real is None:
            raise SystemExit("the git command is not installed")
        bin_dir = folder / "bin"
        bin_dir.mkdir()
        wrapper = bin_dir / "git"
        wrapper.write_text(WRAPPER.format(git=real), encoding="utf-8")
        wrapper.chmod(0o755)
        self.git_log = folder / "git-times"
        self.env = {
            **os.environ,
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "PLANNER_CONFIG": str(home / "config.toml"),
            "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
            "PLANNER_BENCH_GIT_LOG": str(self.git_log),
            "LANG": "C.UTF-8",
        }
        for name in ("PLANNER_LANG", "LC_ALL", "LC_MESSAGES", "PLANNER_DATA_DIR"):
            self.env.pop(name, None)

    def planner(self, data: Path, *args: str) -> Timing:
        """``planner ARGS`` on machine ``data`` as a whole process, timed."""
        self.git_log.write_text("", encoding="utf-8")
        env = {**self.env, "PLANNER_DATA_DIR": str(data)}
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "planner", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        whole = time.perf_counter() - started
        if done.returncode != 0:
            raise SystemExit(f"planner {' '.join(args)} failed ({done.returncode}):\n{done.stderr}")
        lines = self.git_log.read_text(encoding="utf-8").split()
        return Timing(whole, sum(int(n) for n in lines) / 1e9)


def make_changes(data: Path, count: int, tag: str) -> None:
    """``count`` changes on machine ``data`` through the services: a third new tasks, a
    third title edits of open tasks, a third journal appends to today's entry."""
    clock = system_clock
    planner = Planner(FileStore(data, clock=clock), Config(), clock)
    tasks = [t for t in planner.all_tasks() if t.is_active]
    for index in range(count):
        if index % 3 == 0 or not tasks:
            planner.quick_add(f"{tag} new task {index} #sync")
        elif index % 3 == 1:
            task = tasks[(index * 7) % len(tasks)]
            planner.edit(task.id, {"title": f"{tag} edited {index}"})
        else:
            planner.journal_append(f"{tag} line {index}")


def size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def du(path: Path) -> int:
    """Bytes on disk (``du -sk``), as the user would see the folder."""
    done = subprocess.run(["du", "-sk", str(path)], capture_output=True, text=True, check=True)
    return int(done.stdout.split()[0]) * 1024


def row(name: str, timing: Timing, goal: str) -> str:
    return f"{name:<44} {timing.whole:8.2f} {timing.git:8.2f} {timing.own:8.2f}   {goal}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--changes", type=int, default=50)
    args = parser.parse_args()
    source = data_set(args.years)
    with tempfile.TemporaryDirectory(prefix="planner-sync-bench-") as tmp:
        folder = Path(tmp)
        bench = Bench(folder)
        alpha, beta, remote = folder / "alpha", folder / "beta", folder / "remote.git"
        shutil.copytree(source, alpha, symlinks=True)
        remote.mkdir()
        subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
        bench.planner(alpha, "list")  # the bytecode cache and alpha's summaries, not timed
        init = bench.planner(alpha, "sync", "init", str(remote))
        log_after_init = size(alpha / "sync" / "ops")
        first = bench.planner(beta, "sync", "init", str(remote))
        sending: list[Timing] = []
        both: list[Timing] = []
        receiving: list[Timing] = []
        for round_ in range(args.rounds):
            make_changes(alpha, args.changes, f"alpha{round_}")
            make_changes(beta, args.changes, f"beta{round_}")
            sending.append(bench.planner(alpha, "sync"))
            both.append(bench.planner(beta, "sync"))
            receiving.append(bench.planner(alpha, "sync"))
        n = args.changes
        print(f"\nsync on {args.years} years ({source}), seconds; median of {args.rounds} rounds")
        print(f"{'step':<44} {'whole':>8} {'git':>8} {'planner':>8}   goal (planner's own)")
        print(row("sync init, empty remote (alpha)", init, ""))
        print(row("first sync of a second machine (beta)", first, "< 10 s"))
        print(row(f"sync sending {n} (alpha)", median(sending), ""))
        print(row(f"sync, {n} changes each way (beta)", median(both), "< 1 s"))
        print(row(f"sync receiving {n} (alpha)", median(receiving), "< 1 s"))
        log_mb = log_after_init / 1e6
        print(
            f"\nlog of {args.years} years after init (alpha's sync/ops): {log_mb:.1f} MB (< 25 MB)"
        )
        print(f"alpha's log at the end: {size(alpha / 'sync' / 'ops') / 1e6:.1f} MB")
        print(f"remote (du of the bare repository): {du(remote) / 1e6:.1f} MB")
        print(f"alpha's sync folder with its .git (du): {du(alpha / 'sync') / 1e6:.1f} MB")


def median(timings: list[Timing]) -> Timing:
    """The median whole time and the median of planner's own (git: their difference)."""
    whole = statistics.median(t.whole for t in timings)
    return Timing(whole, whole - statistics.median(t.own for t in timings))


if __name__ == "__main__":
    main()
