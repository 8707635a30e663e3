"""A real working day on the board (issue #11): done work in view and reopened, why a task
awaits, when Later work comes back, privacy on every column and in the People view, a
filter that hides the main contradiction, and the board at 80 columns."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.widgets import Static
from ui_support import MONDAY, AppFactory, fixed_task, screen_lines, until

from planner.domain.models import Task
from planner.domain.privacy import MASKED
from planner.domain.textwidth import cell_width
from planner.services.ports import Change
from planner.shell.app import PlannerApp
from widgets.parts.lanes import COLUMNS, DROP_ORDER, LaneTable, MainPanel, lane_columns
from widgets.screens.board import BoardScreen, FilterInput
from widgets.screens.people import PeopleScreen

SIZE = (130, 45)
TODAY = MONDAY.date()


def board(app: PlannerApp) -> BoardScreen:
    screen = app.board_screen()
    assert screen is not None
    return screen


def lane(app: PlannerApp, name: str) -> LaneTable:
    return board(app).query_one(f"#lane-{name}", LaneTable)


def titles(app: PlannerApp, name: str) -> list[str]:
    return [item.task.title for item in lane(app, name).items]


def rows(app: PlannerApp, name: str) -> list[str]:
    return [line.plain for line in lane(app, name).lines]


def add(app: PlannerApp, *tasks: Task) -> None:
    app.planner.store.apply([Change(None, task) for task in tasks])


async def select(app: PlannerApp, pilot: object, title: str) -> None:
    for task in app.planner.store.open_tasks():
        if task.title == title:
            assert board(app).select(task.id)
            await pilot.pause()  # type: ignore[attr-defined]
            return
    raise AssertionError(f"no task {title!r}")


async def set_filter(app: PlannerApp, pilot: object, text: str) -> None:
    await pilot.press("slash")  # type: ignore[attr-defined]
    board(app).query_one(FilterInput).value = text
    await until(pilot, lambda: board(app).filter_text == text)  # type: ignore[arg-type]
    await pilot.pause()  # type: ignore[attr-defined]


async def test_done_today_is_a_collapsed_lane_that_v_opens_and_space_reopens(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        title = board(app).query_one("#title-done", Static)
        assert not title.display  # nothing done yet
        await select(app, pilot, "Check the visitor schedule")
        await pilot.press("space")
        await until(pilot, lambda: "Check the visitor schedule" not in titles(app, "today"))
        assert title.display
        assert "Done today (1)" in str(title.render())
        assert not lane(app, "done").display  # collapsed: its title and count only
        await pilot.press("v")
        await pilot.pause()
        assert titles(app, "done") == ["Check the visitor schedule"]
        assert app.focused is lane(app, "done")
        await pilot.press("space")  # reopens
        await until(pilot, lambda: "Check the visitor schedule" in titles(app, "today"))
        assert not title.display


async def test_v_at_80x24_brings_the_done_lane_into_view(make_app: AppFactory) -> None:
    """At 80x24 the done lane lies below the fold: v opened it and focused it, but the
    board stayed where it was, its row out of sight, and G then did not scroll either."""
    app = make_app("zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await select(app, pilot, "核对接待日程")
        await pilot.press("space")
        await until(pilot, lambda: "核对接待日程" not in titles(app, "today"))
        await pilot.press("g", "v")
        await pilot.pause(0.3)
        done = lane(app, "done")
        assert app.focused is done
        assert done.region.y >= 0 and done.region.bottom <= app.size.height - 1
        await pilot.press("g", "G")
        await pilot.pause(0.3)
        assert done.region.bottom <= app.size.height - 1


async def test_the_filter_finds_done_and_dropped_work_in_the_archive_too(
    make_app: AppFactory,
) -> None:
    app = make_app()
    earlier = MONDAY - timedelta(days=3)
    archived = fixed_task(20, "Filed the October report", status="done", done_at=earlier)
    dropped = fixed_task(21, "Old idea", status="dropped", done_at=earlier)
    add(app, archived, dropped)
    app.planner.store.compact(TODAY)
    assert not any(task.id == archived.id for task in app.planner.store.open_tasks())
    async with app.run_test(size=SIZE) as pilot:
        await select(app, pilot, "Tidy the archive cabinet")
        await pilot.press("x")
        await pilot.pause()
        await set_filter(app, pilot, "status:done")
        assert titles(app, "done") == ["Filed the October report"]
        assert lane(app, "done").display
        assert "Done and dropped (1)" in str(board(app).query_one("#title-done").render())
        await set_filter(app, pilot, "status:dropped")
        assert titles(app, "done") == ["Tidy the archive cabinet", "Old idea"]
        assert rows(app, "done")[1].split()[1] == "[dropped]"
        await set_filter(app, pilot, "status:done october")
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is lane(app, "done")
        await pilot.press("space")  # reopens the archived task
        await until(pilot, lambda: app.planner.task(archived.id).status == "open")
        assert app.planner.task(archived.id).done_at is None


@pytest.mark.parametrize(
    ("language", "waiting", "feedback"),
    [("en", "[waiting]", "[feedback due]"), ("zh", "[等待中]", "[待反馈]")],
)
async def test_awaiting_rows_say_waiting_or_feedback_due(
    make_app: AppFactory, language: str, waiting: str, feedback: str
) -> None:
    app = make_app(language)
    instruction = fixed_task(
        22,
        "Report on the visit",
        status="done",
        done_at=MONDAY,
        source="Zhang",
        received=TODAY,
        report_by=TODAY + timedelta(days=1),
    )
    add(app, instruction)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = rows(app, "awaiting")
        assert len(shown) == 2
        assert [line for line in shown if waiting in line] == [
            line for line in shown if "Report on the visit" not in line
        ]
        assert [line for line in shown if feedback in line] == [
            line for line in shown if "Report on the visit" in line
        ]


async def test_later_shows_when_work_comes_back_and_flags_an_earlier_report(
    make_app: AppFactory,
) -> None:
    app = make_app()
    early = fixed_task(
        23,
        "Brief the bureau",
        status="open",
        source="Zhang",
        received=TODAY,
        report_by=TODAY + timedelta(days=2),
        scheduled=TODAY + timedelta(days=9),
    )
    add(app, early)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        heading = str(board(app).query_one("#title-later").render())
        assert "back on" in heading
        later = dict(zip(titles(app, "later"), rows(app, "later"), strict=True))
        assert "11-30" in later["Read the new document format rules"]
        assert "12-02" in later["Brief the bureau"]
        assert "[report first] Brief the bureau" in later["Brief the bureau"]
        assert "[report first]" not in later["Read the new document format rules"]


async def test_privacy_masks_a_confidential_tasks_people_and_source(make_app: AppFactory) -> None:
    app = make_app(privacy=True)
    secret = fixed_task(
        24,
        "Cabinet reshuffle",
        status="open",
        confidential=True,
        people=("Minister",),
        source="Chief",
        received=TODAY,
    )
    add(app, secret)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = "\n".join(screen_lines(app))
        assert "Minister" not in text and "Chief" not in text
        row = rows(app, "today")[titles(app, "today").index("Cabinet reshuffle")]
        assert row.count("[confidential]") == 2  # the title and the people
        await pilot.press("5")
        await until(pilot, lambda: isinstance(app.screen, PeopleScreen))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PeopleScreen)
        assert screen.groups[-1].name is MASKED
        text = "\n".join(screen_lines(app))
        assert "Minister" not in text and "Chief" not in text
        assert text.count("[confidential]") >= 2  # the group and the title, never a blank
        await pilot.press("z")
        await until(pilot, lambda: "Minister" in "\n".join(screen_lines(app)))


async def test_the_main_panel_says_when_the_filter_hides_it(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await set_filter(app, pilot, "schedule")
        panel = board(app).query_one(MainPanel)
        shown = str(panel.render())
        assert "filter hides" in shown
        assert "No main contradiction chosen" not in shown


def test_columns_give_way_in_the_stated_order() -> None:
    names = [name for name, _ in COLUMNS]
    wide = lane_columns(200, "later")
    assert [name for name, _ in wide] == names
    assert "back" not in dict(lane_columns(200, "today"))
    dropped: list[str] = []
    for total in range(200, 20, -1):
        shown = [name for name, _ in lane_columns(total, "later")]
        gone = [name for name in names if name not in shown]
        assert set(gone) == set(DROP_ORDER[: len(gone)])  # always a prefix of the order
        assert "title" in shown and shown[-1] == "score"
        dropped = gone
    assert set(dropped) == set(DROP_ORDER)


@pytest.mark.parametrize("language", ["en", "zh"])
async def test_at_80_columns_every_row_shows_its_score_and_nothing_wraps(
    make_app: AppFactory, language: str
) -> None:
    app = make_app(language)
    long_title = ("A very long title " * 6).strip()
    add(app, fixed_task(25, long_title, status="open"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for name in ("today", "awaiting", "inbox"):
            table = lane(app, name)
            columns = table.widths()
            assert [n for n, _ in columns][-1] == "score"
            heading = board(app).query_one(f"#title-{name}", Static)
            assert heading.size.height == 2  # the title and one line of headers
            for line, item in zip(table.lines, table.items, strict=True):
                assert cell_width(line.plain) <= table.size.width
                assert line.plain.rstrip().endswith(f"{item.score:5.1f}".strip())
        long_row = rows(app, "today")[titles(app, "today").index(long_title)]
        assert "~" in long_row


@pytest.mark.parametrize("key", ["d", "s"])
async def test_the_date_prompts_hint_breaks_by_the_chinese_rule_at_80_columns(
    make_app: AppFactory, key: str
) -> None:
    """At 80x24 the hint under the date field wrapped with a line starting ``、`` and broke
    ``2026-\\n12-01``: it is laid out by the Chinese line-breaking rule now."""
    from planner.domain.textwidth import NO_LINE_START
    from widgets.dialogs.prompt import PromptScreen

    app = make_app("zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("j", key)
        await until(pilot, lambda: isinstance(app.screen, PromptScreen))
        hint = app.screen.query_one("#hint")
        lines = [line.strip() for line in screen_lines(app, hint)]
        assert len([line for line in lines if line]) >= 2
        assert not [line for line in lines if line and line[0] in NO_LINE_START]
        assert "2026-12-01" in "".join(lines).replace(" ", "")
        assert not [line for line in lines if line.endswith("2026-")]


@pytest.mark.parametrize("language", ["en", "zh"])
async def test_the_filter_placeholder_fits_at_80_columns(
    make_app: AppFactory, language: str
) -> None:
    """Textual cuts a placeholder without the cut mark: it must fit whole."""
    app = make_app(language)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        field = app.screen.query_one(FilterInput)
        assert cell_width(str(field.placeholder)) < field.content_region.width


async def test_the_due_prompt_does_not_silently_replace_another_processes_change(
    make_app: AppFactory, tmp_path: object, clock: object
) -> None:
    """d open on a task, another process sets its due date meanwhile, a new date typed and
    Enter: the prompt says what the other process wrote and replaces it only on a second
    Enter (it replaced it without a word)."""
    from dataclasses import replace
    from datetime import date
    from pathlib import Path

    from data.store import FileStore
    from widgets.dialogs.prompt import PromptScreen

    app = make_app("en")
    async with app.run_test(size=(120, 36)) as pilot:
        await select(app, pilot, "Tidy the archive cabinet")
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, PromptScreen))
        other = FileStore(Path(str(tmp_path)) / "data", clock=clock)  # type: ignore[arg-type]
        task = next(t for t in other.open_tasks() if t.title == "Tidy the archive cabinet")
        other.apply([Change(task, replace(task, due=date(2026, 12, 24)))])
        await pilot.press(*"2026-12-31", "enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, PromptScreen)
        error = str(app.screen.query_one("#error", Static).render())
        assert "2026-12-24" in error and "Enter again" in error
        stored = FileStore(Path(str(tmp_path)) / "data", clock=clock)  # type: ignore[arg-type]
        kept = next(t for t in stored.open_tasks() if t.id == task.id)
        assert kept.due == date(2026, 12, 24)
        await pilot.press("enter")
        await until(pilot, lambda: not isinstance(app.screen, PromptScreen))
        await pilot.pause(0.3)
        again = FileStore(Path(str(tmp_path)) / "data", clock=clock)  # type: ignore[arg-type]
        assert next(t for t in again.open_tasks() if t.id == task.id).due == date(2026, 12, 31)
