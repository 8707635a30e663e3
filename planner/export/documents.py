"""The journal, setback and task exports as Markdown (DESIGN section 6).

Pure functions over records: what to include (range, confidentiality) is decided by the
caller, ``planner.export.gather``; here every record given is written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, time

from planner.domain.clock import planning_date
from planner.domain.instructions import extended, state_of
from planner.domain.models import DIMENSIONS, JournalEntry, SetbackAnalysis, Task
from planner.domain.ranking import Board, Lane
from planner.export.markdown import body, heading, inline, tag_line, task_item
from planner.export.ranges import DateRange
from planner.i18n.formats import format_due, format_estimate
from planner.i18n.instruction_words import state_words
from planner.i18n.translate import t

Lines = list[str]


@dataclass(frozen=True, slots=True)
class SetbackRecord:
    """An analysis with the measures that may be shown and its derived state (from every
    measure, the hidden ones too: the state is the same as everywhere else)."""

    analysis: SetbackAnalysis
    measures: tuple[Task, ...]
    state: str
    withheld: bool = False
    """Whether confidential measures were left out (so "no measures" is not said)."""


@dataclass(frozen=True, slots=True)
class DayPage:
    """What one day contributes to a journal export."""

    day: date
    entry: JournalEntry | None
    setbacks: tuple[SetbackRecord, ...] = field(default_factory=tuple)

    @property
    def tags(self) -> tuple[str, ...]:
        tags = list(self.entry.tags) if self.entry else []
        return tuple(dict.fromkeys(tags))


def weekday_long(day: date) -> str:
    return t(f"weekday.long.{day.weekday()}")


def day_title(day: date) -> str:
    return t("export.day_heading", date=day.isoformat(), weekday=weekday_long(day))


def range_text(span: DateRange) -> str:
    if span.start is not None and span.end is not None:
        if span.start == span.end:
            return day_title(span.start)
        return t("export.range.span", start=span.start.isoformat(), end=span.end.isoformat())
    if span.start is not None:
        return t("export.range.from", start=span.start.isoformat())
    if span.end is not None:
        return t("export.range.until", end=span.end.isoformat())
    return t("export.range.all")


def join_blocks(blocks: Iterable[str]) -> str:
    """Blocks separated by one blank line; the document ends with one newline."""
    return "\n\n".join(block for block in blocks if block) + "\n"


# --- journal ---------------------------------------------------------------------------------


def journal_document(
    pages: Sequence[DayPage], span: DateRange, on_page: Callable[[int], None] | None = None
) -> str:
    blocks = [heading(1, f"{t('export.title.journal')} · {range_text(span)}")]
    if not pages:
        blocks.append(t("export.none"))
    for number, page in enumerate(pages, start=1):
        blocks.extend(day_blocks(page, level=2))
        if on_page is not None and number % 100 == 0:
            on_page(number)
    if on_page is not None:
        on_page(len(pages))
    return join_blocks(blocks)


def journal_pieces(pages: Iterable[DayPage], span: DateRange) -> Iterator[str]:
    """``journal_document`` in pieces, as ``pages`` come: the same text, never held whole."""
    yield heading(1, f"{t('export.title.journal')} · {range_text(span)}")
    empty = True
    for page in pages:
        empty = False
        for block in day_blocks(page, level=2):
            if block:
                yield "\n\n"
                yield block
    if empty:
        yield "\n\n" + t("export.none")
    yield "\n"


def journal_day_document(page: DayPage) -> str:
    """One day's file of ``--split daily`` (the daily-notes convention)."""
    return join_blocks(day_blocks(page, level=1))


def day_blocks(page: DayPage, level: int) -> Lines:
    blocks = [heading(level, day_title(page.day))]
    if page.entry is not None:
        if page.entry.tags:
            blocks.append(t("export.tags", tags=tag_line(page.entry.tags)))
        blocks.append(body(page.entry.body, level))
    for record in page.setbacks:
        blocks.extend(setback_blocks(record, level + 1, dated=False))
    return blocks


# --- setbacks --------------------------------------------------------------------------------


def setbacks_document(records: Sequence[SetbackRecord], span: DateRange) -> str:
    blocks = [heading(1, f"{t('export.title.setbacks')} · {range_text(span)}")]
    if not records:
        blocks.append(t("export.none"))
    for record in records:
        blocks.extend(setback_blocks(record, 2, dated=True))
    return join_blocks(blocks)


def setback_blocks(record: SetbackRecord, level: int, *, dated: bool) -> Lines:
    analysis = record.analysis
    title = t("export.setback_heading", title=inline(analysis.title))
    if dated:
        title = f"{analysis.date.isoformat()} · {title}"
    facts = t(
        "export.setback_facts",
        date=analysis.date.isoformat(),
        kind=t(f"setback.kind.{analysis.kind}"),
        state=t(f"setback.state.{record.state}"),
    )
    principal = analysis.principal_cause
    principal_name = t(f"dimension.{principal}") if principal else t("dimension.unset")
    blocks = [
        f"{'#' * min(level, 6)} {title}",
        facts + "  \n" + t("export.principal", name=principal_name),
    ]
    for name in DIMENSIONS:
        label = t(f"dimension.{name}")
        if name == principal:
            label = t("export.dimension_principal", name=label)
        blocks.append(f"{'#' * min(level + 1, 6)} {label}")
        text = getattr(analysis, name)
        blocks.append(body(text, level + 1) if text.strip() else t("export.not_written"))
    blocks.append(heading(level + 1, t("export.measures")))
    if record.measures:
        blocks.append("\n".join(measure_line(task) for task in record.measures))
    else:
        blocks.append(t("export.no_measures_shown" if record.withheld else "export.no_measures"))
    blocks.append(heading(level + 1, t("export.lesson")))
    blocks.append(
        body(analysis.lesson, level + 1) if analysis.lesson.strip() else t("export.not_written")
    )
    if analysis.reviewed_at is not None:
        blocks.append(t("export.reviewed_at", date=analysis.reviewed_at.date().isoformat()))
    elif analysis.review_on is not None:
        blocks.append(t("export.review_on", date=analysis.review_on.isoformat()))
    else:
        blocks.append(t("export.no_review"))
    return blocks


def measure_line(task: Task) -> str:
    details = [inline(task.title)]
    if task.due is not None:
        details.append(t("export.due", date=format_due(task.due)))
    if task.estimate is not None:
        details.append(t("export.estimate", estimate=format_estimate(task)))
    if task.people:
        details.append(people_text(task.people))
    if task.status == "dropped":
        details.append(t("export.dropped"))
    return task_item(task.status == "done", " · ".join(details))


# --- tasks -----------------------------------------------------------------------------------


LANE_ORDER: tuple[Lane, ...] = ("main", "today", "awaiting", "inbox", "later")


def tasks_document(
    board: Board,
    done: Sequence[Task],
    span: DateRange,
    *,
    as_of: date,
    warn_until: date | None = None,
) -> str:
    """``warn_until``: the last day an instruction is due soon on ``as_of`` (its state)."""
    blocks = [heading(1, t("export.tasks_heading", range=range_text(span)))]
    blocks.append(heading(2, t("export.open_as_of", date=as_of.isoformat())))
    for lane in LANE_ORDER:
        items = [ranked.task for ranked in board.lane(lane)]
        if not items:
            continue
        blocks.append(heading(3, f"{t(f'lane.{lane}')} ({len(items)})"))
        lines = [
            task_item(False, task_text(task, today=as_of, warn_until=warn_until)) for task in items
        ]
        blocks.append("\n".join(lines))
    blocks.append(heading(2, f"{t('export.done_in', range=range_text(span))} ({len(done)})"))
    if done:
        lines = [
            task_item(True, task_text(task, today=as_of, warn_until=warn_until)) for task in done
        ]
        blocks.append("\n".join(lines))
    else:
        blocks.append(t("export.none"))
    return join_blocks(blocks)


def task_text(
    task: Task, *, today: date, feedback: bool = False, warn_until: date | None = None
) -> str:
    """A task's title and what a reader needs to know of it, as one inline line; an
    instruction's 督办 state on ``today`` (due soon up to ``warn_until``, else only today),
    and the original report-back date an approved extension moved."""
    details = [inline(task.title)]
    if task.central:
        details.append(t("export.central"))
    if task.source:
        details.append(t("export.from", source=inline(task.source)))
    if task.due is not None and task.status not in ("done", "dropped"):
        text = t("export.due", date=format_due(task.due))
        if task.due_date is not None and task.due_date < today:
            text += f" ({t('export.overdue')})"
        details.append(text)
    if task.estimate is not None:
        details.append(t("export.estimate", estimate=format_estimate(task)))
    if task.scheduled is not None and task.status in ("inbox", "open") and task.scheduled > today:
        details.append(t("export.scheduled", date=task.scheduled.isoformat()))
    if task.report_by is not None and not task.reported:
        details.append(t("export.report_by", date=task.report_by.isoformat()))
    if extended(task) and task.report_by_original is not None:
        original = task.report_by_original.isoformat()
        details.append(t("instruction.extended_short", original=original))
    if task.extension_to is not None:
        asked = t("export.extension_asked", date=task.extension_to.isoformat())
        details.append(f"{asked} ({inline(task.extension_reason or '')})")
    state = state_of(task, today, warn_until or today)
    if state is not None:
        details.append(t("export.instruction_state", state=state_words(state)))
    if task.status == "waiting":
        details.append(t("export.waiting"))
    if task.done_at is not None and task.status == "done":
        details.append(t("export.done_on", date=task.done_at.date().isoformat()))
    if task.people:
        details.append(people_text(task.people))
    if task.tags:
        details.append(tag_line(task.tags))
    if feedback and task.is_instruction:
        if task.feedback:
            details.extend(
                t("export.feedback", date=item.at.date().isoformat(), text=inline(item.text))
                for item in task.feedback
            )
        else:
            details.append(t("export.no_feedback"))
    return " · ".join(details)


def people_text(people: Iterable[str]) -> str:
    return " ".join(inline(f"@{person}") for person in people)


def done_day(task: Task, day_starts_at: time) -> date | None:
    """The planning day a task was closed on (work at 01:00 belongs to the evening before)."""
    if task.done_at is None:
        return None
    return planning_date(task.done_at, day_starts_at)
