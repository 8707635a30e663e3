"""The demo sample: complete, current, valid, and natural in both languages."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from data.memory import MemoryStore
from data.store import FileStore
from planner.demo.records import populate
from planner.domain.clock import planning_date
from planner.domain.config import Config
from planner.domain.models import AnyRecord, Day, JournalEntry, SetbackAnalysis, Task
from planner.services.planner import Planner

TZ = timezone(timedelta(hours=8))
MONDAY = datetime(2026, 11, 23, 10, 0, tzinfo=TZ)
SATURDAY = datetime(2026, 11, 28, 10, 0, tzinfo=TZ)
EARLY_WEDNESDAY = datetime(2026, 11, 25, 4, 30, tzinfo=TZ)
AFTER_MIDNIGHT = datetime(2026, 11, 27, 1, 30, tzinfo=TZ)  # still Thursday's planning day
MOMENTS = [MONDAY, SATURDAY, EARLY_WEDNESDAY, AFTER_MIDNIGHT]
LANGUAGES = ["en", "zh"]

CJK = re.compile(r"[\u4e00-\u9fff]")
ASCII_LETTER = re.compile(r"[A-Za-z]")


def demo(language: str, now: datetime) -> tuple[MemoryStore, Planner]:
    store = MemoryStore()
    populate(store, language, now)
    return store, Planner(store, Config(), lambda: now)


def records(store: MemoryStore) -> list[AnyRecord]:
    return [
        *store.tasks.values(),
        *store.archive.values(),
        *store.day_records.values(),
        *store.entries.values(),
        *store.analyses.values(),
    ]


def texts(store: MemoryStore) -> list[str]:
    """Every piece of text the user reads (not ids, not kinds)."""
    found: list[str] = []
    for task in store.tasks.values():
        found += [
            task.title,
            task.notes,
            *task.people,
            *task.tags,
            *(f.text for f in task.feedback),
        ]
        found += [task.source] if task.source else []
    for entry in store.entries.values():
        found += [entry.body, *entry.tags]
    for analysis in store.analyses.values():
        found += [analysis.title, analysis.lesson, analysis.objective, analysis.subjective]
        found += [analysis.goal, analysis.environment, analysis.conditions]
    return [text for text in found if text]


@pytest.mark.parametrize("now", MOMENTS, ids=lambda m: m.strftime("%a-%H%M"))
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_board_is_full_and_asks_nothing(language: str, now: datetime) -> None:
    store, planner = demo(language, now)
    board = planner.board()
    assert board.date == planning_date(now)
    assert board.main is not None
    assert board.main.task.central and len(board.main.task.people) == 2
    assert board.main.task.due == datetime.combine(board.date, datetime.min.time(), TZ).replace(
        hour=17
    )
    for lane in ("today", "awaiting", "inbox", "later"):
        assert board.lane(lane), lane
    assert len(board.inbox) == 3 and len(board.later) == 2
    assert planner.carry_offer() is None
    active = [task for task in store.tasks.values() if task.is_active]
    assert 12 <= len(active) <= 16


@pytest.mark.parametrize("now", [MONDAY, SATURDAY], ids=["monday", "saturday"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_habit_is_shown(language: str, now: datetime) -> None:
    store, planner = demo(language, now)
    today = planner.today()
    tasks = list(store.tasks.values())
    board = planner.board()

    assert any(task.confidential for task in tasks)
    weekly = [task for task in tasks if task.recur]
    assert len(weekly) == 1 and weekly[0].recur == "FREQ=WEEKLY;BYDAY=FR"
    assert isinstance(weekly[0].due, date) and weekly[0].due.weekday() == 4
    assert 0 <= (weekly[0].due - today).days < 7

    instructions = [t for t in tasks if t.is_instruction and t.report_by and t.report_by >= today]
    assert len(instructions) == 2
    awaiting = [t for t in instructions if t.awaiting_feedback]
    assert len(awaiting) == 1
    assert awaiting[0].done_at is not None and awaiting[0].done_at.date() == now.date()
    assert awaiting[0].id in {item.task.id for item in board.awaiting}
    assert any(item.task.status == "waiting" for item in board.awaiting)

    terms = {
        term.name
        for item in board.today
        for term in planner.explain(item.task.id).terms
        if term.points > 0
    }
    assert terms >= {"due", "report", "central", "priority", "instruction", "setback"}
    assert terms >= {"scheduled", "people"}
    assert any(
        t.due is not None and t.due_date == today - timedelta(days=2) for t in tasks if t.is_active
    )

    (analysis,) = store.analyses.values()
    assert analysis.kind == "communication" and analysis.principal_cause == "subjective"
    assert all(
        getattr(analysis, name).strip()
        for name in ("objective", "subjective", "goal", "environment", "conditions", "lesson")
    )
    assert analysis.review_on == analysis.date + timedelta(days=7)
    assert analysis.date <= today - timedelta(days=3) and analysis.date.weekday() < 5
    ((_, measures),) = planner.setbacks()
    assert sorted(m.status for m in measures) == ["done", "open"]
    assert all(m.due is not None for m in measures if m.status == "open")
    assert analysis.state(measures, today) == "open"

    entries = store.journal_entries()
    assert len(entries) == 4 and sum(e.confidential for e in entries) == 1
    assert all(entry.date < today and entry.body.count("\n\n") >= 2 for entry in entries)


@pytest.mark.parametrize("now", [MONDAY, SATURDAY], ids=["monday", "saturday"])
def test_the_past_week_has_main_contradictions_all_kept_but_one(now: datetime) -> None:
    store, planner = demo("en", now)
    today = planner.today()
    past = [day for day in store.days(today - timedelta(days=7), today) if day.date < today]
    assert len(past) == 5 and all(day.date.weekday() < 5 for day in past)

    def kept(day: Day) -> bool:
        assert day.main is not None
        task = store.get_task(day.main)
        return task is not None and task.done_at is not None and task.done_at.date() == day.date

    assert sum(kept(day) for day in past) == 4
    (missed,) = [day for day in past if not kept(day)]
    assert store.analyses and missed.date == next(iter(store.analyses.values())).date
    today_record = store.get_day(today)
    assert today_record is not None and today_record.main is not None


@pytest.mark.parametrize("now", MOMENTS, ids=lambda m: m.strftime("%a-%H%M"))
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_record_is_valid_and_in_the_past(language: str, now: datetime) -> None:
    store, _ = demo(language, now)
    for record in records(store):
        assert type(record).from_dict(record.to_dict()) == record
        assert record.created <= record.updated <= now
        assert record.created.utcoffset() == now.utcoffset()
        if isinstance(record, Task):
            if record.done_at is not None:
                assert record.created < record.done_at <= record.updated
            for item in record.feedback:
                assert record.created < item.at <= now
            if record.received is not None:
                assert record.received <= record.created.date()
    assert {type(r) for r in records(store)} == {Task, Day, JournalEntry, SetbackAnalysis}


def test_chinese_is_chinese_and_english_is_ascii() -> None:
    zh, _ = demo("zh", MONDAY)
    en, _ = demo("en", MONDAY)
    assert all(CJK.search(task.title) for task in zh.tasks.values())
    assert not [text for text in texts(zh) if ASCII_LETTER.search(text)]
    assert all(task.title.isascii() for task in en.tasks.values())
    assert all(text.isascii() for text in texts(en))
    assert {"王处长", "张主任", "李科长", "刘秘书"} <= {
        p for t in zh.tasks.values() for p in t.people
    }


def test_the_meeting_day_is_the_next_working_day() -> None:
    _, friday = demo("en", datetime(2026, 11, 27, 10, 0, tzinfo=TZ))
    assert friday.board().main is not None
    assert "Monday's quarterly review" in friday.board().main.task.title  # type: ignore[union-attr]
    _, monday = demo("zh", MONDAY)
    assert "周二" in monday.board().main.task.title  # type: ignore[union-attr]


def test_it_fills_only_an_empty_store_in_a_known_language() -> None:
    store, _ = demo("en", MONDAY)
    with pytest.raises(ValueError):
        populate(store, "en", MONDAY)
    with pytest.raises(ValueError):
        populate(MemoryStore(), "fr", MONDAY)


def test_each_run_is_fresh() -> None:
    first, _ = demo("en", MONDAY)
    second, _ = demo("en", MONDAY)
    assert not set(first.tasks) & set(second.tasks)


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_fills_a_file_store(tmp_path: Path, language: str) -> None:
    store = FileStore(tmp_path / "d", clock=lambda: MONDAY)
    populate(store, language, MONDAY)
    memory, _ = demo(language, MONDAY)
    planner = Planner(store, Config(), lambda: MONDAY)
    board = planner.board()
    assert board.main is not None
    assert all(board.lane(lane) for lane in ("today", "awaiting", "inbox", "later"))
    assert planner.carry_offer() is None
    assert len(planner.all_tasks(include_archive=True)) == len(memory.tasks)
    assert len(store.journal_entries()) == 4 and len(store.setbacks()) == 1
    reopened = FileStore(tmp_path / "d", clock=lambda: MONDAY)
    assert sorted(t.id for t in reopened.open_tasks()) == sorted(t.id for t in store.open_tasks())
