"""The app's list of sync conflicts (issue #14): worded as ``planner sync conflicts`` words
them, in both languages, fitting 80x24; ``r`` or enter reverses the highlighted one, a click
only highlights. A fake ``AppSync`` gives real conflicts' words (no git here; the real one is
tested with git in ``test_sync_app.py``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from test_snapshots import LANGUAGES
from test_sync_app import app_with, header_text
from textual.pilot import Pilot
from ui_support import until

from planner.domain.sync.hlc import Stamp
from planner.domain.sync.merge import Conflict
from planner.i18n.conflicts import conflict_line
from planner.shell.app_sync import Severity, SyncDone, SyncState

Snap = Callable[..., bool]
HERE = "laptop7k2m9q"
OFFICE = "office4h8r2w"


def conflict(number: int, field: str, winner: object, loser: object) -> Conflict:
    return Conflict(
        id=f"{number}c0ffee{number}a1",
        kind="task",
        record="6qm3yrabcdef",
        field=field,
        winner=winner,
        winner_stamp=Stamp(1_000 + number, 0, HERE),
        loser=loser,
        loser_stamp=Stamp(900 + number, 0, OFFICE),
        at=1_796_000_000_000 + number * 60_000,
    )


CONFLICTS = (
    conflict(1, "title", "Weekly report (laptop) [draft]", "Weekly report, office version, long"),
    conflict(2, "priority", "low", "high"),
    conflict(
        3, "notes", "写在笔记本上的备注", "办公室的备注，很长很长很长很长很长很长很长很长很长"
    ),
)


class ConflictSync:
    """A planner that syncs, with ``CONFLICTS`` open; records what it is asked to reverse."""

    def __init__(self) -> None:
        self.reversed: list[str] = []
        self.widths: list[int] = []

    def state(self) -> SyncState:
        return SyncState(enabled=True, conflicts=len(CONFLICTS) - len(self.reversed))

    def sync(self) -> SyncDone:
        return SyncDone(self.state())

    def conflicts(self, *, privacy: bool, width: int = 80) -> list[tuple[str, str]]:
        self.widths.append(width)
        return [
            (c.id, conflict_line(c, UTC, privacy=privacy, here=HERE, width=width))
            for c in CONFLICTS
            if c.id not in self.reversed
        ]

    def reverse(self, conflict_id: str, *, privacy: bool) -> tuple[str, Severity]:
        self.reversed.append(conflict_id)
        return f"reversed {conflict_id}", "information"


async def open_list(pilot: Pilot[Any]) -> None:
    app = pilot.app
    await until(pilot, lambda: "onflicts" in header_text(app) or "冲突" in header_text(app))  # type: ignore[arg-type]
    app.clear_notifications()
    words = "同步冲突" if app.planner.config.language == "zh" else "Sync conflicts"  # type: ignore[attr-defined]
    await pilot.press("ctrl+p", *words)
    await pilot.pause(0.3)
    await pilot.press("enter")
    await until(pilot, lambda: bool(app.screen.query("#conflicts")))
    await pilot.pause()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_conflicts_list_at_80(snap_compare: Snap, tmp_path: Path, language: str) -> None:
    app = app_with(tmp_path, ConflictSync(), language=language)  # type: ignore[arg-type]
    assert snap_compare(app, terminal_size=(80, 24), run_before=open_list)


async def test_enter_and_r_reverse_the_highlighted_conflict_and_a_click_only_highlights(
    tmp_path: Path,
) -> None:
    from textual.widgets import OptionList

    sync = ConflictSync()
    app = app_with(tmp_path, sync, language="zh")  # type: ignore[arg-type]
    async with app.run_test(size=(80, 24)) as pilot:
        await open_list(pilot)
        assert sync.widths == [80 * 9 // 10 - 10]
        options = app.screen.query_one("#conflicts", OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(3)]
        assert "任务 6qm3yr：标题" in prompts[0]
        assert "“Weekly report (laptop) [draft]”  来自本机" in prompts[0]  # no markup
        assert all(cell_len(line) <= sync.widths[0] for p in prompts for line in p.splitlines())
        await pilot.click(options, offset=(4, 6))  # the second conflict's heading
        await pilot.pause()
        assert options.highlighted == 1 and sync.reversed == []
        await pilot.press("enter")
        await until(pilot, lambda: sync.reversed == [CONFLICTS[1].id])
        assert sync.reversed == [CONFLICTS[1].id]
        await until(pilot, lambda: "2 处冲突" in header_text(app))
        await open_list(pilot)
        await pilot.press("down", "r")
        await until(pilot, lambda: len(sync.reversed) == 2)
        assert sync.reversed == [CONFLICTS[1].id, CONFLICTS[2].id]
