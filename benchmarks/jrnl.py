"""planner against jrnl on the same 3,650 journal entries, as whole processes, paired.

    uv tool install jrnl      # once: jrnl in its own environment (4.6 measured)
    uv run python -m benchmarks.jrnl [--runs 7] [--jrnl PATH]

The ten-year data set's journal is written out in jrnl's plain-text format (``[date time]
title.`` then the body, with headings, lists and emphasis, as jrnl users write entries; every
50th entry mentions the word searched for). jrnl gets a config file in a temporary
``XDG_CONFIG_HOME`` (and ``HOME``) pointing at that journal; planner imports jrnl's own JSON
of it (``jrnl --format json`` into ``planner import jrnl``), so both hold the same entries.
Then, each run timing jrnl and planner back to back (the order alternating), it measures:

- the whole journal to a Markdown file: ``jrnl --format md --file F`` against
  ``planner export journal -o F --force``;
- searching a word: ``jrnl -contains WORD`` against ``planner journal --search WORD``
  (standard output to ``/dev/null`` for both);

and prints the median wall time and the peak resident memory of each process (``os.wait4``'s
``ru_maxrss`` of it alone, forked from a bare interpreter: ``LAUNCHER``), and the ratios
planner/jrnl. The target (issue 13): both ratios below 1.0, planner's memory no higher.
Without jrnl it says how to install it and exits 2.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.dataset import build

WORD = "quarterly"
"""Mentioned (in three spellings) in every 50th entry: 73 of the 3,650 match."""
EVERY = 50

JRNL_CONFIG = """\
colors:
  body: none
  date: none
  tags: none
  title: none
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: false
indent_character: '|'
journals:
  default:
    journal: {journal}
linewrap: 79
tagsymbols: '#@'
template: false
timeformat: '%Y-%m-%d %H:%M'
version: v4.6
"""

_SPELLINGS = ("Quarterly", "quarterly", "QUARTERLY")


def entry_text(index: int, day: str, body: str, tags: Sequence[str]) -> str:
    """One jrnl entry as a user writes it: a title sentence, then Markdown."""
    paragraphs = [part for part in body.strip().split("\n\n") if part.strip()]
    lines = [f"[{day} 21:00] Notes of {day}."]
    lines.append("")
    lines.append("## 上午")
    lines.append("")
    lines.append(paragraphs[0])
    lines.append("")
    lines.append("## 下午")
    lines.append("")
    lines.extend(f"- {part[:40]}" for part in paragraphs[1:4])
    lines.append("")
    lines.extend(paragraphs[1:])
    if index % EVERY == 0:
        spelling = _SPELLINGS[index // EVERY % len(_SPELLINGS)]
        lines.append("")
        lines.append(f"**Reminder**: the {spelling} figures are due, see *the plan*.")
    if tags:
        lines.append("")
        lines.append(" ".join(f"@{tag}" for tag in tags))
    return "\n".join(lines) + "\n"


def write_journal(path: Path, years: int) -> int:
    """The data set's journal in jrnl's plain-text format; returns how many entries."""
    entries = build(years)["journal"]
    with path.open("w", encoding="utf-8") as handle:
        for index, entry in enumerate(entries):
            day = entry.date.isoformat()  # type: ignore[attr-defined]
            body = entry.body  # type: ignore[attr-defined]
            tags = entry.tags  # type: ignore[attr-defined]
            handle.write(entry_text(index, day, body, tags))
            handle.write("\n")
    return len(entries)


@dataclass
class Sample:
    seconds: list[float] = field(default_factory=list)
    peak_kib: list[int] = field(default_factory=list)

    def add(self, seconds: float, peak_kib: int) -> None:
        self.seconds.append(seconds)
        self.peak_kib.append(peak_kib)

    @property
    def ms(self) -> float:
        return statistics.median(self.seconds) * 1000

    @property
    def mib(self) -> float:
        return statistics.median(self.peak_kib) / 1024


LAUNCHER = """\
import os, sys, time
started = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
_pid, status, usage = os.wait4(pid, 0)
elapsed = time.perf_counter() - started
os.write(int(sys.argv[1]), f"{elapsed} {usage.ru_maxrss}".encode())
sys.exit(os.waitstatus_to_exitcode(status))
"""
"""Runs one command and reports its wall time and own peak resident memory (KiB). Linux
counts into a process's peak the memory of the process that forked it, at the fork: forked
from this benchmark (which holds the data set), every tool would show its size. So a bare
interpreter (``-S``, about 8 MiB) forks it instead."""


def timed(command: Sequence[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall time of ``command`` as a process and its own peak resident memory (KiB)."""
    read, write = os.pipe()
    quiet = subprocess.DEVNULL  # jrnl's boxed notes go to stderr
    try:
        result = subprocess.run(
            [sys.executable, "-S", "-c", LAUNCHER, str(write), *command],
            env=env,
            stdin=quiet,
            stdout=quiet,
            stderr=quiet,
            pass_fds=(write,),
            check=False,
        )
        os.close(write)
        report = os.read(read, 100).decode()
    finally:
        os.close(read)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} exited with {result.returncode}")
    seconds, peak = report.split()
    return float(seconds), int(peak)


def prepare(root: Path, jrnl: str, years: int) -> tuple[dict[str, str], dict[str, str], Path]:
    """The jrnl journal and config, planner's data folder filled from jrnl's JSON; returns
    the environment of each tool and planner's data folder."""
    home = root / "home"
    config = home / ".config" / "jrnl"
    config.mkdir(parents=True)
    journal = root / "journal.txt"
    count = write_journal(journal, years)
    (config / "jrnl.yaml").write_text(JRNL_CONFIG.format(journal=journal), encoding="utf-8")
    base = {key: value for key, value in os.environ.items() if not key.startswith("PLANNER_")}
    jrnl_env = base | {"HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config")}
    jrnl_env["XDG_DATA_HOME"] = str(home / ".local" / "share")
    exported = root / "jrnl.json"
    with exported.open("w", encoding="utf-8") as handle:
        subprocess.run(
            [jrnl, "--format", "json"],
            env=jrnl_env,
            stdout=handle,
            stderr=subprocess.DEVNULL,
            check=True,
        )
    read = len(json.loads(exported.read_text(encoding="utf-8"))["entries"])
    data_dir = root / "planner-data"
    planner_env = base | {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(root / "planner-config"),  # none there: the defaults
        "PLANNER_DATA_DIR": str(data_dir),
    }
    subprocess.run(
        [sys.executable, "-m", "planner", "import", "jrnl", str(exported)],
        env=planner_env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    print(f"jrnl journal: {count} entries written, {read} read back by jrnl")
    return jrnl_env, planner_env, data_dir


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--jrnl", default=shutil.which("jrnl") or "", help="jrnl's executable")
    args = parser.parse_args()
    jrnl = args.jrnl or str(Path.home() / ".local" / "bin" / "jrnl")
    if not Path(jrnl).exists():
        print("jrnl is not installed: `uv tool install jrnl` (or a venv), then run again")
        raise SystemExit(2)
    version = subprocess.run([jrnl, "--version"], capture_output=True, text=True).stdout
    print(f"{version.splitlines()[0] if version else 'jrnl'} at {jrnl}")
    with tempfile.TemporaryDirectory(prefix="planner-jrnl-bench-") as folder:
        root = Path(folder)
        jrnl_env, planner_env, _data_dir = prepare(root, jrnl, args.years)
        out = root / "out"
        out.mkdir()
        planner = [sys.executable, "-m", "planner"]
        tasks = {
            "whole journal to Markdown": (
                [jrnl, "--format", "md", "--file", str(out / "jrnl.md")],
                [*planner, "export", "journal", "-o", str(out / "planner.md"), "--force"],
            ),
            f"search '{WORD}'": (
                [jrnl, "-contains", WORD],
                [*planner, "journal", "--search", WORD],
            ),
        }
        samples = {name: (Sample(), Sample()) for name in tasks}
        for jrnl_command, planner_command in tasks.values():  # warm caches, check
            timed(jrnl_command, jrnl_env)
            timed(planner_command, planner_env)
        for run in range(args.runs):
            for name, (jrnl_command, planner_command) in tasks.items():
                jrnl_sample, planner_sample = samples[name]
                pairs = [(jrnl_command, jrnl_env, jrnl_sample)]
                pairs.append((planner_command, planner_env, planner_sample))
                for command, env, sample in pairs if run % 2 == 0 else reversed(pairs):
                    sample.add(*timed(command, env))
        matches = subprocess.run(
            [*planner, "journal", "--search", WORD], env=planner_env, capture_output=True, text=True
        ).stdout.count("\n")
        print(f"planner finds {matches} entries with '{WORD}'")
        print(f"{'':<28} {'planner':>17} {'jrnl':>17} {'time':>6} {'memory':>7}")
        for name, (jrnl_sample, planner_sample) in samples.items():
            print(
                f"{name:<28} {planner_sample.ms:7.0f} ms {planner_sample.mib:4.0f} MiB"
                f" {jrnl_sample.ms:7.0f} ms {jrnl_sample.mib:4.0f} MiB"
                f" {planner_sample.ms / jrnl_sample.ms:6.2f}"
                f" {planner_sample.mib / jrnl_sample.mib:7.2f}"
            )
        print(f"medians of {args.runs} paired runs; ratios are planner/jrnl")


if __name__ == "__main__":
    main()
