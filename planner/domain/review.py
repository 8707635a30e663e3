"""The review of a week or a month (DESIGN section 5): what actually happened.

Pure functions over records, so the screen, the CLI and the tests share one definition of
every figure and none of them touches the store. ``Planner.review`` loads the records.

Definitions, where DESIGN leaves a choice open:

- "Up to today" includes today. Days after ``today`` are never counted, so a week in
  progress is judged on the days that have happened.
- Every moment (``done_at``, a feedback's ``at``) is placed on its *planning* day with
  ``day_starts_at``: work finished at 01:00 still belongs to the evening before.
- A main contradiction is kept when its task is ``done`` (not dropped) and its ``done_at``
  falls on that very planning day. A main whose task no longer exists counts as not kept.
  Today's main, still open, is in progress: it counts neither way until the day ends.
- Instructions are tasks with a ``source`` (DESIGN section 2). A dropped instruction with no
  feedback is no longer expected to report, so it is left out; with feedback it counts.
- A journal day is written when its entry has non-blank text; entries dated after today
  (notes written ahead) count neither as written days nor towards streaks.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Literal

from planner.domain.clock import DEFAULT_DAY_START, planning_date
from planner.domain.estimate_accuracy import NO_TASKS, EstimateAccuracy, estimate_accuracy
from planner.domain.instructions import extended
from planner.domain.models import DIMENSIONS, CalendarDate, Day, JournalEntry, SetbackAnalysis, Task

PeriodKind = Literal["week", "month"]
PERIOD_KINDS: tuple[PeriodKind, ...] = ("week", "month")

UNSET = "unset"
"""The bucket of analyses with no principal cause chosen yet (drafts, mostly)."""

CAUSES: tuple[str, ...] = (*DIMENSIONS, UNSET)

InstructionOutcome = Literal["on_time", "late", "pending"]


# --- the period ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Period:
    """A week (Monday to Sunday) or a calendar month, both ends included."""

    kind: PeriodKind
    start: date
    end: date

    @property
    def days(self) -> tuple[date, ...]:
        count = (self.end - self.start).days + 1
        return tuple(self.start + timedelta(days=offset) for offset in range(count))

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    def elapsed(self, today: date) -> tuple[date, ...]:
        """The days of the period up to and including ``today`` (none for a future period)."""
        return tuple(day for day in self.days if day <= today)

    def previous(self) -> Period:
        return period_of(self.kind, self.start - timedelta(days=1))

    def next(self) -> Period:
        return period_of(self.kind, self.end + timedelta(days=1))


def period_of(kind: PeriodKind, day: date) -> Period:
    """The week (Monday to Sunday) or the calendar month that contains ``day``."""
    if kind == "week":
        start = day - timedelta(days=day.weekday())
        return Period("week", start, start + timedelta(days=6))
    if kind == "month":
        last = calendar.monthrange(day.year, day.month)[1]
        return Period("month", day.replace(day=1), day.replace(day=last))
    raise ValueError(f"a period is a week or a month, not {kind!r}")


# --- results ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MainDay:
    """One planning day that had a main contradiction, and whether it was kept.

    ``in_progress``: it is today's and still open; it counts neither way until the day ends.
    """

    date: CalendarDate
    task_id: str
    kept: bool
    in_progress: bool = False


@dataclass(frozen=True, slots=True)
class MainKept:
    kept: int
    total: int
    days: tuple[MainDay, ...]

    @property
    def rate(self) -> float | None:
        """kept ÷ total, or None when no day of the period so far had a main contradiction."""
        return self.kept / self.total if self.total else None


@dataclass(frozen=True, slots=True)
class InstructionResult:
    task_id: str
    report_by: date
    outcome: InstructionOutcome
    first_feedback: date | None
    """The planning day of the first feedback, or None while pending."""
    overdue: bool
    """Pending and ``report_by`` is before today."""
    extended: bool = False
    """An approved extension moved its report-back date (judged against the new one)."""


@dataclass(frozen=True, slots=True)
class Instructions:
    """The period's instructions by outcome. ``on_time``, ``late`` and ``pending`` count
    those whose report-back date was never moved; the ``extended_*`` counts, apart, those
    an approved extension moved (judged against the new date): reporting on time after an
    extension is not the same as on time."""

    on_time: int
    late: int
    pending: int
    overdue: int
    """How many of the pending ones (extended or not) are past their report-back date."""
    items: tuple[InstructionResult, ...]
    extended_on_time: int = 0
    extended_late: int = 0
    extended_pending: int = 0

    @property
    def extended(self) -> int:
        return self.extended_on_time + self.extended_late + self.extended_pending

    @property
    def total(self) -> int:
        return self.on_time + self.late + self.pending + self.extended


@dataclass(frozen=True, slots=True)
class DoneDay:
    date: CalendarDate
    count: int


@dataclass(frozen=True, slots=True)
class Setbacks:
    analyses: tuple[str, ...]
    """Ids of the analyses dated in the period, oldest first."""
    by_cause: tuple[tuple[str, int], ...]
    """``(cause, count)`` for every dimension in DESIGN order, then ``"unset"``; zeros kept."""
    measures_done: int
    measures_open: int
    measures_dropped: int

    def count(self, cause: str) -> int:
        return dict(self.by_cause)[cause]


@dataclass(frozen=True, slots=True)
class Journal:
    days_written: int
    dates: tuple[date, ...]
    """The written days of the period, up to today."""
    current_streak: int
    longest_streak: int


@dataclass(frozen=True, slots=True)
class Review:
    period: Period
    today: date
    main: MainKept
    instructions: Instructions
    done_per_day: tuple[DoneDay, ...]
    """Every day of the period in order (days after today are 0), for a sparkline."""
    setbacks: Setbacks
    journal: Journal
    accuracy: EstimateAccuracy = NO_TASKS
    """Time spent against the estimates of the work done in the period (issue 16)."""

    @property
    def done_counts(self) -> tuple[int, ...]:
        return tuple(day.count for day in self.done_per_day)


# --- the figures -----------------------------------------------------------------------------


def main_kept(
    period: Period,
    today: date,
    days: Iterable[Day],
    tasks: Iterable[Task],
    day_starts_at: time = DEFAULT_DAY_START,
) -> MainKept:
    by_id = {task.id: task for task in tasks}
    results: list[MainDay] = []
    for record in sorted(days, key=lambda d: d.date):
        if record.main is None or record.date not in period or record.date > today:
            continue
        task = by_id.get(record.main)
        kept = (
            task is not None
            and task.status == "done"
            and task.done_at is not None
            and planning_date(task.done_at, day_starts_at) == record.date
        )
        in_progress = (
            record.date == today
            and not kept
            and task is not None
            and task.status not in ("done", "dropped")
        )
        results.append(MainDay(record.date, record.main, kept, in_progress))
    kept_count = sum(1 for item in results if item.kept)
    total = sum(1 for item in results if not item.in_progress)
    return MainKept(kept_count, total, tuple(results))


def instructions(
    period: Period,
    today: date,
    tasks: Iterable[Task],
    day_starts_at: time = DEFAULT_DAY_START,
) -> Instructions:
    items: list[InstructionResult] = []
    for task in tasks:
        if not task.is_instruction or task.report_by is None or task.report_by not in period:
            continue
        moved = extended(task)
        if task.feedback:
            first = planning_date(task.feedback[0].at, day_starts_at)
            outcome: InstructionOutcome = "on_time" if first <= task.report_by else "late"
            items.append(InstructionResult(task.id, task.report_by, outcome, first, False, moved))
        elif task.status != "dropped":
            overdue = task.report_by < today
            items.append(
                InstructionResult(task.id, task.report_by, "pending", None, overdue, moved)
            )
    items.sort(key=lambda item: (item.report_by, item.task_id))

    def count(outcome: InstructionOutcome, moved: bool) -> int:
        return sum(1 for i in items if i.outcome == outcome and i.extended == moved)

    return Instructions(
        on_time=count("on_time", False),
        late=count("late", False),
        pending=count("pending", False),
        overdue=sum(1 for i in items if i.overdue),
        items=tuple(items),
        extended_on_time=count("on_time", True),
        extended_late=count("late", True),
        extended_pending=count("pending", True),
    )


def done_per_day(
    period: Period, tasks: Iterable[Task], day_starts_at: time = DEFAULT_DAY_START
) -> tuple[DoneDay, ...]:
    counts = dict.fromkeys(period.days, 0)
    for task in tasks:
        if task.status != "done" or task.done_at is None:
            continue
        day = planning_date(task.done_at, day_starts_at)
        if day in counts:
            counts[day] += 1
    return tuple(DoneDay(day, count) for day, count in counts.items())


def setbacks(
    period: Period, analyses: Iterable[SetbackAnalysis], tasks: Iterable[Task]
) -> Setbacks:
    chosen = sorted(
        (a for a in analyses if a.date in period), key=lambda a: (a.date, a.created, a.id)
    )
    counts = dict.fromkeys(CAUSES, 0)
    for analysis in chosen:
        counts[analysis.principal_cause or UNSET] += 1
    ids = {a.id for a in chosen}
    measures = [task for task in tasks if task.setback in ids]
    return Setbacks(
        analyses=tuple(a.id for a in chosen),
        by_cause=tuple(counts.items()),
        measures_done=sum(1 for m in measures if m.status == "done"),
        measures_open=sum(1 for m in measures if m.is_active),
        measures_dropped=sum(1 for m in measures if m.status == "dropped"),
    )


def journal(period: Period, today: date, entries: Iterable[JournalEntry]) -> Journal:
    written = sorted({e.date for e in entries if e.body.strip() and e.date <= today})
    in_period = tuple(day for day in written if day in period)
    return Journal(
        days_written=len(in_period),
        dates=in_period,
        current_streak=current_streak(written, today),
        longest_streak=longest_streak(written),
    )


def journal_from_runs(period: Period, today: date, runs: Sequence[tuple[date, date]]) -> Journal:
    """``journal`` from the runs of consecutive written days up to ``today`` (first and last
    day, oldest first): the same figures, without reading a single entry."""
    in_period = tuple(
        first + timedelta(days=offset)
        for first, last in (
            (max(start, period.start), min(stop, period.end, today)) for start, stop in runs
        )
        for offset in range((last - first).days + 1)
    )
    current = 0
    if runs:
        first, last = runs[-1]
        if last >= today - timedelta(days=1):
            current = (min(last, today) - first).days + 1
    longest = max(((last - first).days + 1 for first, last in runs), default=0)
    return Journal(
        days_written=len(in_period),
        dates=in_period,
        current_streak=current,
        longest_streak=longest,
    )


def current_streak(written: Iterable[date], today: date) -> int:
    """Consecutive written days ending today, or yesterday while today is still unwritten."""
    days = set(written)
    cursor = today if today in days else today - timedelta(days=1)
    count = 0
    while cursor in days:
        count += 1
        cursor -= timedelta(days=1)
    return count


def longest_streak(written: Iterable[date]) -> int:
    best = run = 0
    previous: date | None = None
    for day in sorted(set(written)):
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        best = max(best, run)
        previous = day
    return best


def review(
    period: Period,
    today: date,
    *,
    tasks: Iterable[Task],
    days: Iterable[Day],
    entries: Iterable[JournalEntry],
    analyses: Iterable[SetbackAnalysis],
    day_starts_at: time = DEFAULT_DAY_START,
    journal_runs: Sequence[tuple[date, date]] | None = None,
) -> Review:
    """Every figure of the review of ``period`` as seen on ``today``.

    ``tasks`` should be open work and the archive together; a task given twice counts once
    (the later copy wins, as the archive's does when the caller lists it second). With
    ``journal_runs`` (the runs of written days up to today), ``entries`` are not needed:
    see ``journal_from_runs``.
    """
    unique = list({task.id: task for task in tasks}.values())
    return Review(
        period=period,
        today=today,
        main=main_kept(period, today, days, unique, day_starts_at),
        instructions=instructions(period, today, unique, day_starts_at),
        done_per_day=done_per_day(period, unique, day_starts_at),
        setbacks=setbacks(period, analyses, unique),
        journal=journal(period, today, entries)
        if journal_runs is None
        else journal_from_runs(period, today, journal_runs),
        accuracy=estimate_accuracy(period.elapsed(today), unique, day_starts_at),
    )


__all__ = [
    "CAUSES",
    "PERIOD_KINDS",
    "UNSET",
    "DoneDay",
    "InstructionResult",
    "Instructions",
    "Journal",
    "MainDay",
    "MainKept",
    "Period",
    "PeriodKind",
    "Review",
    "Setbacks",
    "current_streak",
    "done_per_day",
    "instructions",
    "journal",
    "journal_from_runs",
    "longest_streak",
    "main_kept",
    "period_of",
    "review",
    "setbacks",
]
