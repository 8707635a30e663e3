"""Child of ``benchmarks.startup``: start an app headless, print "ready" at its first frame
with data, then exit. ``bare`` is a Textual app with one label; ``planner`` is our board."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any


def peak_rss_kib() -> int:
    """VmHWM: this process's peak resident set (reset by exec, unlike a child's ru_maxrss)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def run_bare() -> None:
    from textual.app import App, ComposeResult
    from textual.pilot import Pilot
    from textual.widgets import Label

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Label("hello")

    async def ready(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        print(f"ready {peak_rss_kib()}", flush=True)
        pilot.app.exit()

    Bare().run(headless=True, auto_pilot=ready)


def run_planner(data_dir: Path) -> None:
    from textual.pilot import Pilot

    from planner.app import PlannerApp
    from planner.cli import build_parser
    from planner.cli_support import Context
    from planner.clock import system_clock
    from planner.commands import open_planner
    from planner.config import load_config

    args = build_parser().parse_args(["--data-dir", str(data_dir)])
    config = load_config(data_dir=data_dir)
    planner = open_planner(Context(args, config, system_clock, sys.stdout, sys.stderr))

    async def ready(pilot: Pilot[Any]) -> None:
        app = pilot.app
        assert isinstance(app, PlannerApp)
        while True:
            board = app.board_screen()
            if board is not None and board.board is not None:
                break
            await pilot.pause(0.001)
        await pilot.pause()
        print(f"ready {peak_rss_kib()}", flush=True)
        app.exit()

    PlannerApp(planner).run(headless=True, auto_pilot=ready)


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        run_bare()
    else:
        run_planner(Path(sys.argv[2]))
