"""The app on the ten-year data set, against a bare Textual app in the same run.

    uv run python -m benchmarks.startup [--runs 7]

Prints, each the median of ``--runs``:
- launch: from starting the process to the board's first frame with data, for planner and
  for a bare Textual app showing one label, launched in turn (the ratio is the figure that
  matters; also the median of each pair's ratio, which a machine whose load drifts during
  the run disturbs less);
- key: from pressing a triage key (``w``, waiting on and off) to the board repainted and the
  change durably saved, measured in one process on the same data;
- peak RSS of each launched process (its VmHWM at the first frame).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.dataset import END, TZ, write

if TYPE_CHECKING:
    from data.crypto.keyfile import Keys

CHILD = "benchmarks._launch"


def launch(kind: str, data_dir: Path) -> tuple[float, float]:
    """Seconds to the first frame with data, and peak RSS in MiB, of one child process."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", CHILD, kind, str(data_dir)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PLANNER_CONFIG": os.devnull},
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    elapsed = time.perf_counter() - started
    child.stdout.read()
    child.wait()
    word, _, peak_kib = line.partition(" ")
    if word != "ready" or child.returncode != 0:
        raise RuntimeError(f"{kind} launch failed: {line!r}, exit {child.returncode}")
    return elapsed, int(peak_kib) / 1024


async def key_latency(data_dir: Path, runs: int, keys: Keys | None = None) -> list[float]:
    """From a triage action to the first repaint after it (``call_after_refresh``).

    Timed from the action rather than through ``pilot.press``, whose own waiting costs about
    80 ms even for a key that does nothing and is not what a user waits for. ``keys`` opens
    an encrypted folder (``benchmarks.encrypted``).

    The garbage collector is as the ``planner`` command leaves it (``run_test`` goes round
    ``planner.shell.cli.main``): off while the data is read and the board built, then on
    from the first frame with what start-up built frozen and the app's threshold for young
    objects (``PlannerApp.collect_from_now_on``).
    With the collector on all along, a collection walking the whole ten-year set fell into
    every tenth key or so.
    """
    import asyncio
    import gc
    from datetime import datetime

    from data.store import FileStore
    from planner.domain.config import Config
    from planner.services.planner import Planner
    from planner.shell.app import PlannerApp

    moment = datetime(END.year, END.month, END.day, 10, 0, tzinfo=TZ)
    samples: list[float] = []
    thresholds = gc.get_threshold()
    gc.disable()  # as ``planner.shell.cli.main`` does before it opens the app
    try:
        store = FileStore(data_dir, clock=lambda: moment, keys=keys)
        planner = Planner(store, Config(data_dir=data_dir), lambda: moment)
        app = PlannerApp(planner)
        async with app.run_test(size=(140, 45)) as pilot:
            await pilot.pause()
            assert gc.isenabled()  # turned on again by the app at its first frame
            board = app.board_screen()
            assert board is not None
            today = board.query_one("#lane-today")
            today.focus()
            await pilot.pause()
            for _ in range(runs):
                painted = asyncio.Event()
                started = time.perf_counter()
                board.action_wait()  # what the "w" binding runs: the write returns once durable
                app.call_after_refresh(painted.set)
                await asyncio.wait_for(painted.wait(), 10)
                samples.append(time.perf_counter() - started)
                await pilot.pause()
    finally:
        gc.enable()
        gc.unfreeze()
        gc.set_threshold(*thresholds)
    return samples


def main() -> None:
    import asyncio

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--years", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        counts = write(data_dir, args.years)
        print(f"data set: {counts}")
        launch("bare", data_dir)
        launch("planner", data_dir)
        bare: list[tuple[float, float]] = []
        ours: list[tuple[float, float]] = []
        for run in range(args.runs):
            # Interleaved, alternating which goes first, so that a change in the machine's
            # load during the run weighs on both figures alike rather than on one of them.
            for kind in ("bare", "planner") if run % 2 == 0 else ("planner", "bare"):
                (bare if kind == "bare" else ours).append(launch(kind, data_dir))
        bare_launch = statistics.median(s for s, _ in bare)
        our_launch = statistics.median(s for s, _ in ours)
        paired = statistics.median(o / b for (o, _), (b, _) in zip(ours, bare, strict=True))
        keys = asyncio.run(key_latency(data_dir, max(args.runs * 3, 15)))
        print(f"launch, bare Textual app (ms)      {bare_launch * 1000:8.1f}")
        print(f"launch, planner board (ms)         {our_launch * 1000:8.1f}")
        print(f"launch ratio planner / bare        {our_launch / bare_launch:8.2f}")
        print(f"  median of the paired runs' ratios  {paired:8.2f}")
        print(f"key to repainted and saved (ms)    {statistics.median(keys) * 1000:8.1f}")
        print(f"peak RSS, bare (MiB)               {max(r for _, r in bare):8.1f}")
        print(f"peak RSS, planner (MiB)            {max(r for _, r in ours):8.1f}")


if __name__ == "__main__":
    main()
