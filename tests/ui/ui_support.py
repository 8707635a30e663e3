"""Shared by the UI tests: an app on a real store in a temporary folder, a clock to move."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from time import monotonic

from textual import events
from textual.keys import _character_to_key, key_to_character
from textual.pilot import Pilot
from textual.widget import Widget

from data.store import FileStore
from planner.domain.models import Day, Task
from planner.services.ports import Change
from planner.shell.app import PlannerApp

TZ = timezone(timedelta(hours=8))
MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=TZ)


class Clock:
    def __init__(self, moment: datetime = MONDAY) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


def fixed_task(number: int, title: str, **fields: object) -> Task:
    """A task with a stable id and creation time, so snapshots do not change between runs."""
    created = MONDAY - timedelta(days=1, minutes=number)
    ident = f"t{number:02d}".ljust(12, "0")
    return Task(
        id=ident,
        created=created,
        updated=created,
        external_ref=None,
        title=title,
        **fields,  # type: ignore[arg-type]
    )


def sample_tasks(language: str) -> tuple[list[Task], str]:
    """A small board for tests and snapshots: every lane filled; returns (tasks, main id)."""
    zh = language == "zh"
    today = MONDAY.date()
    tasks = [
        fixed_task(
            1,
            "准备季度工作会材料" if zh else "Prepare the quarterly review pack",
            status="open",
            central=True,
            people=("王处长", "李科长") if zh else ("Wang", "Li"),
            due=datetime(2026, 11, 23, 17, 0, tzinfo=TZ),
        ),
        fixed_task(
            2,
            "落实会议纪要分发" if zh else "Circulate the meeting minutes",
            status="open",
            source="张主任" if zh else "Director Zhang",
            received=today,
            report_by=today + timedelta(days=2),
        ),
        fixed_task(
            3,
            "核对接待日程" if zh else "Check the visitor schedule",
            status="open",
            due=today - timedelta(days=2),
            priority="high",
        ),
        fixed_task(
            4,
            "周报" if zh else "Weekly summary",
            status="open",
            due=date(2026, 11, 27),
            recur="FREQ=WEEKLY;BYDAY=FR",
        ),
        fixed_task(
            5,
            "人事调整方案" if zh else "Staffing changes draft",
            status="open",
            confidential=True,
            due=today + timedelta(days=1),
        ),
        fixed_task(
            6,
            "等待财务处回复" if zh else "Waiting on finance reply",
            status="waiting",
            people=("刘秘书",) if zh else ("Liu",),
        ),
        fixed_task(7, "整理档案柜" if zh else "Tidy the archive cabinet", status="inbox"),
        fixed_task(
            8,
            "学习新版公文格式" if zh else "Read the new document format rules",
            status="open",
            scheduled=today + timedelta(days=7),
        ),
    ]
    return tasks, tasks[0].id


def build_store(tmp_path: Path, clock: Clock, tasks: list[Task], main: str | None) -> FileStore:
    store = FileStore(tmp_path / "data", clock=clock)
    changes = [Change(None, task) for task in tasks]
    if main:
        day = Day(
            id="d01000000000",
            created=MONDAY,
            updated=MONDAY,
            external_ref=None,
            date=MONDAY.date(),
            main=main,
            carry_answered=True,
        )
        changes.append(Change(None, day))
    if changes:
        store.apply(changes)
    return store


AppFactory = Callable[..., PlannerApp]


async def until(pilot: Pilot[None], condition: Callable[[], bool], *, limit: float = 10.0) -> None:
    """Pause until ``condition`` holds; fail the test when ``limit`` seconds pass first.
    For what a screen asks of the app by a message: ``pilot.pause`` waits for the screen's
    queues, and on a loaded machine can return before the app's has run.

    It fails by itself (it once only waited, and two tests that never asserted afterwards
    passed while what they waited for never came)."""
    deadline = monotonic() + limit
    await pilot.pause()
    while not condition():
        if monotonic() >= deadline:
            raise AssertionError(f"still not so after {limit} s: {condition.__qualname__}")
        await pilot.pause(0.02)


def send_at_once(app: PlannerApp, *keys: str, paste: str | None = None) -> None:
    """Queue ``keys`` (named as for ``pilot.press``), then ``paste``, back to back.

    This is how a terminal delivers keys typed fast, pasted, or sent by ``tmux send-keys``:
    all in the app's queue before it handles the first. ``pilot.press`` waits for the app
    to go idle after every key, so it never shows what happens between keys.
    """
    for key in keys:
        name = _character_to_key(key) if len(key) == 1 and not key.isalnum() else key
        event = events.Key(name, key_to_character(name))
        event.set_sender(app)
        app.post_message(event)
    if paste is not None:
        pasted = events.Paste(paste)
        pasted.set_sender(app)
        app.post_message(pasted)


def screen_lines(app: PlannerApp, widget: Widget | None = None) -> list[str]:
    """The text on the screen as shown, line by line (a wide character once); with
    ``widget``, only the lines and columns of its region."""
    strips = app.screen._compositor.render_strips()
    if widget is not None:
        region = widget.region
        strips = [strip.crop(region.x, region.right) for strip in strips[region.y : region.bottom]]
    return ["".join(segment.text for segment in strip).rstrip() for strip in strips]
