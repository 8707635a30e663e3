"""Encrypted against plain on the ten-year data set, in one run (issue #15's figures).

    uv run python -m benchmarks.encrypted [--runs 7] [--years 10]

The data set (``benchmarks.dataset``) is written once and copied; the copy is encrypted
with ``planner encrypt``'s own function at the real Argon2id cost (``PLANNER_TEST_KDF`` is
ignored here: the key file is made with ``data.crypto.kdf.REAL_COST``). Prints a table of
medians, each figure plain, encrypted and their ratio:

- launch to the board's first frame with data (``benchmarks._launch``, processes alternated
  as in ``benchmarks.startup``). The encrypted app takes its passphrase from
  ``PLANNER_PASSPHRASE_FILE``; its child (``benchmarks._launch_encrypted``) times the
  Argon2id derivation, which is reported apart and taken out of its launch ("after the
  passphrase");
- a triage key (``w``) to the board repainted and the change durably saved
  (``benchmarks.startup.key_latency``, one process on each folder);
- the journal screen's search, what a user of the app waits for (``app_search``, as
  ``benchmarks.journal`` measures it): the screen open with every year loaded, a word set in
  the search box, to the first repaint after the screen has made its results (one app in
  this process on each folder, the encrypted one opened with the key as the app holds it
  after the passphrase);
- ``planner journal --search`` over the ten years as a whole command run, in this process
  (``run``, its output to memory: parsing, opening the store, reading and decrypting every
  year, matching, snippets; not the interpreter's start-up) with the key derived once
  beforehand, as ``planner unlock``'s agent hands it: a phrase in many entries, and a word
  in none;
- ``planner add`` sealed while locked against plain (``benchmarks.sealed_add``: whole
  processes).

The launched processes use Python's bytecode cache in a scratch folder
(``PYTHONPYCACHEPREFIX``; ``PYTHONDONTWRITEBYTECODE`` is dropped), as a user's machine has
one: without it every launch would mostly measure compiling.

The load average is printed before and after: the figures are only as quiet as the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks import sealed_add
from benchmarks.dataset import END, TZ, write
from benchmarks.startup import key_latency

if TYPE_CHECKING:
    from data.crypto.keyfile import Keys
    from widgets.screens.journal import JournalScreen

PASSPHRASE = "benchmark 口令 correct horse"
SEARCHES = {"many": "保密文件 登记", "none": "Qzabsentword"}
APP_WORDS = ("材料", "纪要", "领导")
"""What ``benchmarks.journal`` types into the journal screen's search box."""


def launch(data_dir: Path, env: dict[str, str], *, sealed: bool) -> tuple[float, float]:
    """Seconds from starting the process to the board's first frame with data, less the
    key derivation; and the derivation's seconds (0 for a plain folder)."""
    child = (
        ["benchmarks._launch_encrypted", str(data_dir)]
        if sealed
        else [
            "benchmarks._launch",
            "planner",
            str(data_dir),
        ]
    )
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", *child], stdout=subprocess.PIPE, text=True, env=env
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    elapsed = time.perf_counter() - started
    rest = process.stdout.read()
    process.wait()
    if not line.startswith("ready") or process.returncode != 0:
        raise RuntimeError(f"launch failed: {line!r}{rest!r}, exit {process.returncode}")
    derived = 0.0
    if sealed:
        word, seconds, count = rest.split()
        assert word == "kdf" and count == "1", rest  # the passphrase derived once, not twice
        derived = float(seconds)
    return elapsed - derived, derived


def search(data_dir: Path, words: str, runs: int, keys: Keys | None) -> list[float]:
    """``planner journal --search WORDS`` in this process, ``runs`` times (after one run
    that pays for the imports); ``keys`` stand for the agent's."""
    from planner.shell import wiring
    from planner.shell.cli.main import run

    wiring.cli_keys = lambda ctx: keys
    moment = datetime(END.year, END.month, END.day, 10, 0, tzinfo=TZ)
    argv = ["--data-dir", str(data_dir), "journal", "--search", *words.split()]
    samples: list[float] = []
    for _ in range(runs + 1):
        out, err = io.StringIO(), io.StringIO()
        started = time.perf_counter()
        code = run(argv, clock=lambda: moment, out=out, err=err)
        samples.append(time.perf_counter() - started)
        assert code == 0, err.getvalue()
    return samples[1:]


async def app_search(data_dir: Path, runs: int, keys: Keys | None = None) -> list[float]:
    """Seconds from a word set in the journal screen's search box to the first repaint
    after the screen has made its results, ``runs`` times each of ``APP_WORDS``, with the
    screen open and every year loaded (``keys`` open an encrypted folder)."""
    from functools import partial

    from benchmarks.journal import POLL, ready_after
    from data.store import FileStore
    from planner.domain.config import Config
    from planner.services.planner import Planner
    from planner.shell.app import PlannerApp
    from widgets.screens.journal import JournalScreen, SearchInput

    moment = datetime(END.year, END.month, END.day, 10, 0, tzinfo=TZ)
    store = FileStore(data_dir, clock=lambda: moment, keys=keys)
    app = PlannerApp(Planner(store, Config(data_dir=data_dir), lambda: moment))
    samples: list[float] = []
    # As ``benchmarks.journal``: what start-up built is exempt from the collector, as
    # ``PlannerApp.run`` does (``run_test`` does not).
    gc.collect()
    gc.freeze()
    try:
        async with app.run_test(size=(140, 45)) as pilot:
            await pilot.pause(0.5)

            def loaded() -> bool:
                screen = app.screen
                return isinstance(screen, JournalScreen) and screen.complete and not screen.filling

            await ready_after(app, app.action_journal, loaded, POLL)
            await app.workers.wait_for_complete()
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, JournalScreen)
            screen.action_search()
            await pilot.pause()
            box = screen.query_one(SearchInput)
            for _ in range(runs):
                for word in APP_WORDS:
                    searched = partial(_searched, screen, screen.results)
                    seconds = await ready_after(app, partial(setattr, box, "value", word), searched)
                    assert screen.results, f"{word!r} found nothing"
                    samples.append(seconds)
                    await pilot.pause()
    finally:
        gc.unfreeze()
    return samples


def _searched(screen: JournalScreen, before: object) -> bool:
    """Whether the screen has searched again since its results were ``before``."""
    return screen.results is not before


def row(label: str, plain: float, sealed: float, goal: str = "") -> str:
    return f"{label:<44}{plain * 1000:>9.1f}{sealed * 1000:>11.1f}{sealed / plain:>8.2f}  {goal}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--years", type=int, default=10)
    args = parser.parse_args()
    os.environ.pop("PLANNER_TEST_KDF", None)  # the real cost, always
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        plain, sealed = base / "plain", base / "sealed"
        counts = write(plain, args.years)
        shutil.copytree(plain, sealed)
        from data.crypto.folder import encrypt_folder
        from data.crypto.kdf import REAL_COST

        started = time.perf_counter()
        made = encrypt_folder(sealed, PASSPHRASE, created=datetime.now(UTC), cost=REAL_COST)
        encrypting = time.perf_counter() - started
        assert made is not None
        keys = made.keys
        print(f"data set: {counts}; encrypted in {encrypting:.1f} s")
        passfile = base / "passphrase.txt"
        passfile.write_text(PASSPHRASE + "\n", encoding="utf-8")
        (base / "run").mkdir(mode=0o700)
        # Python's bytecode cache, as on a user's machine (filled by the unreported first
        # launches), in a scratch folder: without it every launch compiles every module.
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        os.environ["PYTHONPYCACHEPREFIX"] = str(base / "pycache")
        env = {k: v for k, v in os.environ.items() if not k.startswith("PLANNER_")}
        env |= {
            "PLANNER_CONFIG": os.devnull,
            "XDG_RUNTIME_DIR": str(base / "run"),  # no agent of the user's
            "PLANNER_PASSPHRASE_FILE": str(passfile),
        }
        launch(plain, env, sealed=False)  # bytecode caches, file caches
        launch(sealed, env, sealed=True)
        launches: dict[bool, list[float]] = {False: [], True: []}
        derivations: list[float] = []
        for run in range(args.runs):
            for kind in (False, True) if run % 2 == 0 else (True, False):
                seconds, derived = launch(sealed if kind else plain, env, sealed=kind)
                launches[kind].append(seconds)
                if kind:
                    derivations.append(derived)
        key_runs = max(args.runs * 3, 15)
        key_plain = asyncio.run(key_latency(plain, key_runs))
        key_sealed = asyncio.run(key_latency(sealed, key_runs, keys))
        app_searched = (
            asyncio.run(app_search(plain, args.runs)),
            asyncio.run(app_search(sealed, args.runs, keys)),
        )
        searched = {
            name: (search(plain, words, args.runs, None), search(sealed, words, args.runs, keys))
            for name, words in SEARCHES.items()
        }
        adds = sealed_add.measure(max(args.runs * 2, 11))
        med = statistics.median
        print(f"{'median of runs (ms)':<44}{'plain':>9}{'encrypted':>11}{'ratio':>8}  goal")
        print(row("launch to the board, after the passphrase", med(launches[False]),
                  med(launches[True]), "ratio <= 1.15"))  # fmt: skip
        print(row("triage key to repainted and saved", med(key_plain), med(key_sealed),
                  "encrypted < 35 ms"))  # fmt: skip
        print(row(f"app: journal search, {args.years} years, to repaint",
                  med(app_searched[0]), med(app_searched[1]), "encrypted < 100 ms"))  # fmt: skip
        for name, (p, s) in searched.items():
            label = f"journal --search, whole command ({name})"
            print(row(label, med(p), med(s), "encrypted < 100 ms"))
        print(row("planner add (process), sealed while locked", med(adds["plain"]),
                  med(adds["sealed"]), "ratio <= 1.20"))  # fmt: skip
        print(
            f"passphrase key derivation at launch (Argon2id {REAL_COST.memory_kib // 1024} MiB, "
            f"{REAL_COST.iterations} passes): median {med(derivations):.3f} s, "
            f"fastest {min(derivations):.3f} s, slowest {max(derivations):.3f} s"
        )
        print(f"runs: launch {args.runs} each, key {key_runs}, "
              f"app search {len(app_searched[0])}, search {args.runs}, "
              f"add {len(adds['plain'])}")  # fmt: skip
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
