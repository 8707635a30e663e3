"""Child of ``benchmarks.startup``: start an app headless, print "ready" at its first frame
with data, then exit. ``bare`` is a Textual app with one label; ``planner`` is our board."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

SIZE = (80, 24)
"""Both apps start at one terminal size, as in a real terminal. Left to itself, the headless
driver reports 80x25 while the app first lays out at the console's 80x24, and every screen
is laid out twice more as the two disagree: work a real start-up never does."""


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

    Bare().run(headless=True, size=SIZE, auto_pilot=ready)


def run_planner(data_dir: Path) -> None:
    """``planner --data-dir DATA`` through the console script's own entry point, with the
    app run headless and stopped at its first frame with data."""
    from textual.pilot import Pilot

    from planner.shell import app as app_module
    from planner.shell.cli.main import main

    async def ready(pilot: Pilot[Any]) -> None:
        app = pilot.app
        assert isinstance(app, app_module.PlannerApp)
        while True:
            board = app.board_screen()
            if board is not None and board.board is not None:
                break
            await pilot.pause(0.001)
        await pilot.pause()
        print(f"ready {peak_rss_kib()}", flush=True)
        app.exit()

    run = app_module.PlannerApp.run

    def run_headless(self: app_module.PlannerApp, *args: Any, **kwargs: Any) -> Any:
        return run(self, headless=True, size=SIZE, auto_pilot=ready)

    app_module.PlannerApp.run = run_headless  # type: ignore[method-assign]
    code = main(["--data-dir", str(data_dir)])
    if code:
        raise SystemExit(code)


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        run_bare()
    else:
        run_planner(Path(sys.argv[2]))
