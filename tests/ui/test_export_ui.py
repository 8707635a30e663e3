"""Exporting from the app: the key on the setbacks, journal and review screens, the palette
action, the path prompt (with Enter twice to replace), and the notification."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static
from ui_support import MONDAY, AppFactory

from planner.domain.models import JournalEntry, SetbackAnalysis
from planner.services.ports import Change
from widgets.dialogs.prompt import PromptScreen

SIZE = (130, 45)


async def answer(pilot: object, path: Path) -> None:
    app = pilot.app  # type: ignore[attr-defined]
    box = app.screen.query_one("#answer", Input)
    box.value = str(path)
    await pilot.press("enter")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


async def finished(pilot: object) -> None:
    app = pilot.app  # type: ignore[attr-defined]
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]


def notices(app: object) -> list[str]:
    return [str(n.message) for n in app._notifications]  # type: ignore[attr-defined]


async def test_setbacks_screen_exports_with_e(make_app: AppFactory, tmp_path: Path) -> None:
    app = make_app()
    analysis = SetbackAnalysis.create(
        MONDAY.date(),
        "Minutes went out late",
        MONDAY,
        kind="other",
        lesson="Draft during the meeting",
    )
    app.planner.store.apply([Change(None, analysis)])
    target = tmp_path / "exports" / "setbacks.md"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("E")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        suggested = app.screen.query_one("#answer", Input).value
        assert suggested.endswith(f"setbacks-{MONDAY.date().isoformat()}.md")
        await answer(pilot, target)
        await finished(pilot)
        assert not isinstance(app.screen, PromptScreen)
    text = target.read_text(encoding="utf-8")
    assert "Setback: Minutes went out late" in text and "Draft during the meeting" in text
    assert any("Wrote" in message and "setbacks.md" in message for message in notices(app))


async def test_an_existing_file_needs_enter_twice(make_app: AppFactory, tmp_path: Path) -> None:
    app = make_app()
    target = tmp_path / "tasks.md"
    target.write_text("old", encoding="utf-8")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.action_export("tasks")
        await pilot.pause()
        await answer(pilot, target)
        assert isinstance(app.screen, PromptScreen)
        error = app.screen.query_one("#error", Static)
        assert error.display and "exists" in str(error.render())
        assert target.read_text(encoding="utf-8") == "old"
        await pilot.press("enter")
        await pilot.pause()
        await finished(pilot)
        assert not isinstance(app.screen, PromptScreen)
    assert target.read_text(encoding="utf-8").startswith("# Tasks for")


async def test_a_path_through_a_file_is_refused_inline(
    make_app: AppFactory, tmp_path: Path
) -> None:
    app = make_app()
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.action_export("week")
        await pilot.pause()
        await answer(pilot, blocker / "report.md")
        assert isinstance(app.screen, PromptScreen)
        assert "is a file" in str(app.screen.query_one("#error", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, PromptScreen)


async def test_palette_offers_the_daily_report(make_app: AppFactory, tmp_path: Path) -> None:
    app = make_app("zh")
    target = tmp_path / "日报.md"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"导出今日工作日报")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        await answer(pilot, target)
        await finished(pilot)
    assert target.read_text(encoding="utf-8").startswith("# 工作日报（")


async def test_journal_export_leaves_confidential_entries_out(
    make_app: AppFactory, tmp_path: Path
) -> None:
    app = make_app()
    app.planner.store.apply(
        [
            Change(None, JournalEntry.create(MONDAY.date(), MONDAY, body="Open notes")),
            Change(
                None,
                JournalEntry.create(
                    MONDAY.date().replace(day=20), MONDAY, body="HIDDEN-7", confidential=True
                ),
            ),
        ]
    )
    target = tmp_path / "journal.md"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.action_export("journal")
        await pilot.pause()
        await answer(pilot, target)
        await finished(pilot)
    text = target.read_text(encoding="utf-8")
    assert "Open notes" in text and "HIDDEN-7" not in text


async def test_journal_screen_exports_with_e(make_app: AppFactory, tmp_path: Path) -> None:
    app = make_app()
    app.planner.store.apply(
        [Change(None, JournalEntry.create(MONDAY.date(), MONDAY, body="Notes"))]
    )
    target = tmp_path / "journal.md"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.press("E")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        await answer(pilot, target)
        await finished(pilot)
    assert "## 2026-11-23 Monday" in target.read_text(encoding="utf-8")


async def test_review_screen_exports_the_report_of_the_period_shown(
    make_app: AppFactory, tmp_path: Path
) -> None:
    app = make_app("zh")
    target = tmp_path / "月报.md"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("E")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        assert app.screen.query_one("#answer", Input).value.endswith("report-month-2026-11-01.md")
        await answer(pilot, target)
        await finished(pilot)
    assert target.read_text(encoding="utf-8").startswith("# 工作月报（2026-11-01 至 2026-11-30）")
