"""What keeping control characters off the terminal costs the app's frames.

    uv run python -m benchmarks.terminal_safety [--runs 7]

Renders the board on the ten-year data set at 130x40 (headless), takes the segments of the
widget lines drawn until the board has settled (recorded by one more line filter), and
times the app's last guard (``widgets.parts.terminal_safe``, the line filter Textual
applies to every line every widget draws) over all of them.
Prints the median of ``--runs``.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from datetime import datetime
from pathlib import Path

from rich.segment import Segment
from textual.color import Color

from benchmarks.dataset import END, TZ, write

MOMENT = datetime(END.year, END.month, END.day, 10, 0, tzinfo=TZ)
SIZE = (130, 40)


async def _frame_lines(data_dir: Path) -> list[list[Segment]]:
    """The segments of every line the widgets of the board's first frame drew, as Textual
    handed them to the line filters (recorded by one more filter)."""
    from collections.abc import Sequence

    from textual.filter import LineFilter

    from data.store import FileStore
    from planner.domain.config import Config
    from planner.services.planner import Planner
    from planner.shell.app import PlannerApp

    seen: list[list[Segment]] = []

    class Recorder(LineFilter):
        def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
            seen.append(list(segments))
            return segments

    recorder = Recorder()

    class RecordingApp(PlannerApp):
        def get_line_filters(self) -> Sequence[LineFilter]:
            return [*super().get_line_filters(), recorder]

    store = FileStore(data_dir, clock=lambda: MOMENT)
    app = RecordingApp(Planner(store, Config(data_dir=data_dir), lambda: MOMENT))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.5)
    return seen


def _time_guard(lines: list[list[Segment]], rounds: int = 200) -> float:
    from widgets.parts.terminal_safe import ControlsOff

    guard = ControlsOff()
    background = Color(0, 0, 0)
    start = time.perf_counter()
    for _ in range(rounds):
        for line in lines:
            guard.apply(line, background)
    return (time.perf_counter() - start) / rounds


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder) / "data"
        write(data_dir, 10)
        lines = asyncio.run(_frame_lines(data_dir))
    guard = statistics.median(_time_guard(lines) for _ in range(runs))
    segments = sum(len(line) for line in lines)
    print(f"widget lines drawn up to the settled board: {len(lines)}, {segments} segments")
    print(f"the guard over all of them: {guard * 1e3:.3f} ms (median of {runs})")


if __name__ == "__main__":
    main()
