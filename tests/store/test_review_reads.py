"""The review reads only the archived tasks its period can involve, from a reader in a worker
thread: its figures must equal those computed from every record, on real files."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest

from benchmarks.dataset import END, TZ, build, write
from data.store import FileStore
from planner.domain.config import Config
from planner.domain.models import Feedback, Task
from planner.domain.review import PeriodKind, period_of, review
from planner.services.planner import Planner
from planner.services.ports import Change

NOW = datetime(END.year, END.month, END.day, 10, 0, tzinfo=TZ)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


def edge_tasks(setbacks: list[Any]) -> list[Task]:
    """Tasks whose archive year is not their period's: done the next morning across a year's
    end, reported back a year later, measures of an old setback done much later."""
    created = at(date(2025, 1, 2), 9)
    old_setback = min(setbacks, key=lambda s: s.date)
    tasks = [
        Task.create("done on new year's night", created, status="open").complete(
            at(date(2026, 1, 1), 1, 30)
        ),
        Task.create("done on the 1st at 03:59", created, status="open").complete(
            at(date(2025, 12, 1), 3, 59)
        ),
    ]
    late = Task.create(
        "reported a year late",
        created,
        status="open",
        source="王处长",
        report_by=date(2025, 2, 10),
    )
    late = late.touched(NOW, feedback=(Feedback(at(date(2026, 2, 1), 9), "补报"),))
    tasks.append(late.complete(at(date(2026, 2, 1), 10)))
    early = Task.create(
        "reported early", created, status="open", source="Li", report_by=date(2026, 3, 5)
    )
    early = early.touched(NOW, feedback=(Feedback(at(date(2025, 1, 3), 9), "ok"),))
    tasks.append(early.complete(at(date(2025, 1, 3), 10)))
    tasks.append(
        Task.create("measure done later", created, status="open", setback=old_setback.id).complete(
            at(date(2026, 6, 1), 11)
        )
    )
    tasks.append(
        Task.create("measure dropped", created, status="open", setback=old_setback.id).drop(
            at(date(2025, 9, 1), 11)
        )
    )
    return tasks


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("review") / "data"
    write(folder, 2)
    store = FileStore(folder, clock=lambda: NOW)
    setbacks = build(2)["setbacks"]
    store.apply([Change(None, task) for task in edge_tasks(setbacks)])
    store.compact(END)
    return folder


def expected(planner: Planner, kind: PeriodKind, day: date) -> Any:
    """The review from every record: open work and the whole archive."""
    store = planner.store
    period = period_of(kind, day)
    today = planner.today()
    return review(
        period,
        today,
        tasks=planner.all_tasks(include_archive=True),
        days=store.days(period.start, period.end),
        entries=store.journal_entries(end=today),
        analyses=store.setbacks(),
        day_starts_at=planner.config.day_starts_at,
    )


def periods() -> list[tuple[PeriodKind, date]]:
    months = [(date(2024, 11, 1) + timedelta(days=31 * n)).replace(day=1) for n in range(25)]
    weeks = [date(2025, 12, 29), date(2026, 1, 1), END, date(2025, 2, 10), date(2026, 2, 1)]
    return [("month", day) for day in months] + [("week", day) for day in weeks]


@pytest.mark.parametrize("starts", [time(0, 0), time(4, 0)])
def test_every_figure_equals_the_full_computation(data_dir: Path, starts: time) -> None:
    store = FileStore(data_dir, clock=lambda: NOW, day_starts_at=starts)
    planner = Planner(store, Config(data_dir=data_dir, day_starts_at=starts), lambda: NOW)
    reader = store.reader()
    checked = 0
    for kind, day in periods():
        want = expected(planner, kind, day)
        assert planner.review(kind, day) == want, (kind, day)
        assert planner.review(kind, day, store=reader) == want, (kind, day)
        checked += want.instructions.total + sum(want.done_counts) + want.main.total
    assert checked > 1000  # the data set really exercises the figures


def test_the_measures_of_an_old_setback_done_later(data_dir: Path) -> None:
    store = FileStore(data_dir, clock=lambda: NOW)
    planner = Planner(store, Config(data_dir=data_dir), lambda: NOW)
    oldest = min(store.setbacks(), key=lambda s: s.date)
    result = planner.review("month", oldest.date, store=store.reader())
    assert oldest.id in result.setbacks.analyses
    # done in June 2026 and dropped in September 2025, both in other years' archives
    assert result.setbacks.measures_done >= 1 and result.setbacks.measures_dropped >= 1


def test_the_edge_tasks_count(data_dir: Path) -> None:
    starts = time(4, 0)
    store = FileStore(data_dir, clock=lambda: NOW, day_starts_at=starts)
    planner = Planner(store, Config(data_dir=data_dir, day_starts_at=starts), lambda: NOW)
    december = planner.review("month", date(2025, 12, 1), store=store.reader())
    # done Jan 1 01:30, before the day starts: December 31's work, in the 2026 archive
    assert december.done_per_day[-1].count >= 1
    february = planner.review("month", date(2025, 2, 1))
    assert any(item.outcome == "late" for item in february.instructions.items)
    march = planner.review("month", date(2026, 3, 1))
    assert any(item.first_feedback == date(2025, 1, 3) for item in march.instructions.items)
