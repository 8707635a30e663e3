"""The weekly report (周报) and the daily report (日报) an aide hands to a leader.

Exactly the sections of DESIGN section 6, in the user's language, kept short enough to
paste into a message: long lists end with "and N more". Definitions where DESIGN is brief:

- **Done**: tasks closed as ``done`` on a planning day in the period.
- **In progress / Not done**: work opened and due to be on the plate by the period's end
  (status ``open``, scheduled by then), by rank.
- **Needs coordination**: tasks waiting on someone and done instructions still awaiting
  feedback, with their key people.
- **Next week / Tomorrow**: the main contradictions already chosen for the next period's
  days, then open and inbox work ranked as of the next period's first day.
- **Lessons**: the lessons of the analyses dated in the period.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta

from planner.domain.models import Day, SetbackAnalysis, Task
from planner.domain.ranking import RankContext, score
from planner.domain.review import period_of
from planner.export.documents import done_day, join_blocks, task_text, weekday_long
from planner.export.markdown import bullet, heading, inline, task_item
from planner.export.ranges import DateRange
from planner.i18n.formats import weekday_name
from planner.i18n.translate import t

OPEN_LIMIT = 15
NEXT_LIMIT = 10

VARIANTS: tuple[str, ...] = ("day", "week", "month", "span")
"""How a report words its title and headings (``report.main.<variant>``...): by the kind of
its range, a range of any other kind being worded as a span."""

DONE_GROUPS: tuple[str, ...] = ("central", "instructions", "other")
"""The groups of work done, in their order (``report.group.<name>``)."""


@dataclass(frozen=True, slots=True)
class ReportInput:
    span: DateRange
    today: date
    """The day the report is written as of: today, or the last day of a past period."""
    past: bool
    """The period ended before today: the report shows the work as it stood then."""
    tasks: Sequence[Task]
    """Open work and the archived tasks closed in the period (already filtered for privacy)."""
    days: Sequence[Day]
    """Day records of the period and of the next one that have a (visible) main."""
    main_tasks: Mapping[str, Task]
    """The main contradictions of those days, wherever they now are."""
    analyses: Sequence[SetbackAnalysis]
    """Analyses dated in the period."""
    next_context: RankContext
    day_starts_at: time
    warn_until: date | None = None
    """The last day an instruction is due soon on ``today`` (its 督办 state)."""


def next_range(span: DateRange) -> tuple[date, date]:
    """The period a report plans for: tomorrow, next week, next month, or as long again."""
    assert span.start is not None and span.end is not None
    if span.kind == "day":
        tomorrow = span.end + timedelta(days=1)
        return tomorrow, tomorrow
    if span.kind in ("week", "month"):
        period = period_of(span.kind, span.end + timedelta(days=1))
        return period.start, period.end
    length = span.end - span.start
    return span.end + timedelta(days=1), span.end + timedelta(days=1) + length


def report_title(span: DateRange) -> str:
    """The report's title: the daily report names its day, the others their first and last."""
    assert span.start is not None and span.end is not None
    if span.kind == "day":
        return t("report.title.day", date=span.start.isoformat(), weekday=weekday_long(span.start))
    variant = span.kind if span.kind in ("week", "month") else "span"
    return t(f"report.title.{variant}", start=span.start.isoformat(), end=span.end.isoformat())


def report_document(data: ReportInput) -> str:
    span = data.span
    assert span.start is not None and span.end is not None
    variant = span.kind if span.kind in VARIANTS else "span"
    tasks = {**data.main_tasks, **{task.id: task for task in data.tasks}}
    title = report_title(span)
    blocks = [heading(1, title)]

    blocks.append(heading(2, t(f"report.main.{variant}")))
    blocks.append(_mains(data, tasks, span.start, span.end, planned=False))

    blocks.append(heading(2, t(f"report.done.{variant}")))
    blocks.extend(_done(data))

    blocks.append(heading(2, t(f"report.open.{variant}")))
    blocks.append(_open_work(data))

    blocks.append(heading(2, t("report.coordination")))
    blocks.append(_coordination(data))

    blocks.append(heading(2, t(f"report.next.{variant}")))
    blocks.append(_next(data, tasks))

    if variant != "day":
        blocks.append(heading(2, t("report.lessons")))
        blocks.append(_lessons(data))
    return join_blocks(blocks)


def _day_label(day: date) -> str:
    return f"{day.isoformat()} {weekday_name(day)}"


def _mains(
    data: ReportInput, tasks: dict[str, Task], start: date, end: date, *, planned: bool
) -> str:
    lines: list[str] = []
    for record in sorted(data.days, key=lambda day: day.date):
        if not (start <= record.date <= end) or record.main is None:
            continue
        task = tasks.get(record.main)
        if task is None:
            continue
        kept = task.status == "done" and done_day(task, data.day_starts_at) == record.date
        if planned or (record.date > data.today and not kept):
            state = t("report.planned")
        elif record.date == data.today and not kept and task.status not in ("done", "dropped"):
            state = t("report.in_progress")
        else:
            state = t("report.kept") if kept else t("report.not_kept")
        text = t(
            "report.main_line", day=_day_label(record.date), title=inline(task.title), state=state
        )
        lines.append(task_item(kept, text))
    return "\n".join(lines) if lines else t("report.no_main")


def _done(data: ReportInput) -> list[str]:
    done = [
        task
        for task in data.tasks
        if task.status == "done" and done_day(task, data.day_starts_at) in data.span
    ]
    if not done:
        return [t("export.none")]
    done.sort(key=lambda task: (task.done_at, task.id))
    groups: dict[str, list[Task]] = {name: [] for name in DONE_GROUPS}
    for task in done:
        if task.central:
            groups["central"].append(task)
        elif task.is_instruction:
            groups["instructions"].append(task)
        else:
            groups["other"].append(task)
    blocks: list[str] = []
    for name, members in groups.items():
        if not members:
            continue
        blocks.append(heading(3, f"{t(f'report.group.{name}')} ({len(members)})"))
        blocks.append(
            "\n".join(
                task_item(
                    True,
                    task_text(task, today=data.today, feedback=True, warn_until=data.warn_until),
                )
                for task in members
            )
        )
    return blocks


def _ranked(data: ReportInput, tasks: Sequence[Task]) -> list[Task]:
    return sorted(tasks, key=lambda task: (-score(task, data.next_context), task.created, task.id))


def _limited(lines: list[str], limit: int) -> str:
    if not lines:
        return t("export.none")
    shown = lines[:limit]
    if len(lines) > limit:
        shown.append(t("report.more", count=len(lines) - limit))
    return "\n".join(shown)


def _open_work(data: ReportInput) -> str:
    end = data.span.end
    assert end is not None
    pending = [
        task
        for task in data.tasks
        if task.status == "open" and (task.scheduled is None or task.scheduled <= end)
    ]
    lines = [
        task_item(False, task_text(task, today=data.today, warn_until=data.warn_until))
        for task in _ranked(data, pending)
    ]
    return _limited(lines, OPEN_LIMIT)


def _coordination(data: ReportInput) -> str:
    waiting = [task for task in data.tasks if task.status == "waiting" or task.awaiting_feedback]
    lines = [
        task_item(
            False,
            task_text(
                task,
                today=data.today,
                feedback=task.status == "done",
                warn_until=data.warn_until,
            ),
        )
        for task in _ranked(data, waiting)
    ]
    return _limited(lines, OPEN_LIMIT)


def _next(data: ReportInput, tasks: dict[str, Task]) -> str:
    start, end = next_range(data.span)
    planned_ids = {
        record.main for record in data.days if record.main and start <= record.date <= end
    }
    blocks: list[str] = []
    mains = [record for record in data.days if record.main in tasks and start <= record.date <= end]
    if mains:
        blocks.append(_mains(data, tasks, start, end, planned=True))
    candidates = [
        task
        for task in data.tasks
        if task.status in ("open", "inbox")
        and task.id not in planned_ids
        and (not data.past or data.span.kind != "day" or _meant_for(task, start))
    ]
    lines = [
        task_item(False, task_text(task, today=data.today, warn_until=data.warn_until))
        for task in _ranked(data, candidates)
    ]
    if lines or not blocks:
        blocks.append(_limited(lines, NEXT_LIMIT))
    return "\n\n".join(blocks)


def _meant_for(task: Task, day: date) -> bool:
    """Whether ``task`` was scheduled or due for ``day``: a past day's plan for tomorrow."""
    return task.scheduled == day or task.due_date == day


def _lessons(data: ReportInput) -> str:
    lines = [
        bullet(
            t("report.lesson_line", title=inline(analysis.title), lesson=inline(analysis.lesson))
        )
        for analysis in sorted(data.analyses, key=lambda a: (a.date, a.id))
        if analysis.lesson.strip()
    ]
    return "\n".join(lines) if lines else t("export.none")
