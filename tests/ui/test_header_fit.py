"""The header at 80 columns: the details give way, never the encryption mark or the sync
state (with the day's load, a holiday's name and the count without estimate they fell off
the end of the line)."""

from __future__ import annotations

from datetime import date

import pytest
from textual.app import App, ComposeResult

from planner.domain.load import DayLoad
from planner.i18n import translate as i18n
from widgets.parts.header import AppHeader

DAY = date(2026, 10, 1)
LOAD = DayLoad(
    DAY, planned=450, capacity=0, unestimated=("a", "b", "c"), workday=False,
    reason="holiday", holiday="national_day", holiday_name="National Day",
)  # fmt: skip


class HeaderApp(App[None]):
    def compose(self) -> ComposeResult:
        yield AppHeader()


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("width", [80, 120])
async def test_the_encryption_mark_and_sync_always_show(language: str, width: int) -> None:
    i18n.set_language(language)
    try:
        app = HeaderApp()
        async with app.run_test(size=(width, 3)) as pilot:
            header = app.query_one(AppHeader)
            header.show(
                DAY, demo=False, privacy=True, unsaved=2, screen_title="Board 看板",
                sync="3 to send", encryption="encrypted · keyring", load=LOAD,
                timer=("Write the quarterly report for the director", 25),
            )  # fmt: skip
            await pilot.pause()
            line = str(header.render())
            assert line.rstrip().endswith("encrypted · keyring")
            assert "3 to send" in line
            assert "2026-10-01" in line
            from rich.cells import cell_len

            assert cell_len(line) <= width
    finally:
        i18n.set_language("en")


async def test_the_details_show_where_there_is_room() -> None:
    app = HeaderApp()
    async with app.run_test(size=(160, 3)) as pilot:
        header = app.query_one(AppHeader)
        header.show(
            DAY, demo=False, privacy=False, unsaved=0, screen_title="Board",
            sync="synced", encryption="encrypted", load=LOAD,
        )  # fmt: skip
        await pilot.pause()
        line = str(header.render())
        assert "3 without estimate" in line
        assert "National Day" in line
        assert line.rstrip().endswith("encrypted")
