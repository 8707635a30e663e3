"""From the store to finished Markdown: which records an export holds, and the documents.

Confidential records are left out here, before anything is written or counted, unless the
user asked for them (DESIGN section 6): confidential entries, analyses and tasks, measures
of a confidential analysis, and days whose main contradiction is confidential.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, time, timedelta

from planner.domain.clock import planning_date
from planner.domain.models import Day, JournalEntry, SetbackAnalysis, Task
from planner.domain.ranking import build_board
from planner.export.documents import (
    DayPage,
    SetbackRecord,
    day_title,
    done_day,
    journal_day_document,
    journal_document,
    journal_pieces,
    range_text,
    setbacks_document,
    tasks_document,
)
from planner.export.kinds import ExportKind
from planner.export.markdown import front_matter
from planner.export.ranges import DateRange
from planner.export.report import ReportInput, next_range, report_document, report_title
from planner.i18n.translate import t
from planner.services.planner import Planner
from planner.services.ports import TaskQuery

Advance = Callable[[int, int], None]
"""Reports progress as (done, total) records."""


@dataclass(frozen=True, slots=True)
class ExportRequest:
    kind: ExportKind
    span: DateRange
    split_daily: bool = False
    front_matter: bool = False
    include_confidential: bool = False


@dataclass(frozen=True, slots=True)
class ExportFile:
    """One finished document; ``name`` is its file name when split by day. Its ``content``
    is the text, or (the whole journal) a function giving the text in pieces, made as they
    are written: the document is never held whole (``pieces``)."""

    name: str
    content: str | Callable[[], Iterator[str]]

    @property
    def text(self) -> str:
        content = self.content
        return content if isinstance(content, str) else "".join(content())

    def pieces(self) -> Iterator[str]:
        if isinstance(self.content, str):
            yield self.content
        else:
            yield from self.content()


@dataclass(frozen=True, slots=True)
class Rendered:
    files: tuple[ExportFile, ...]
    counted: int | Callable[[], int]
    """How many records went in, or (a streamed document) how to ask, once it is written."""

    @property
    def records(self) -> int:
        """How many records (entries, analyses, tasks) went in: 0 means nothing in range.
        Of a streamed document, known once its pieces have been read."""
        counted = self.counted
        return counted if isinstance(counted, int) else counted()


def _noop(_done: int, _total: int) -> None:
    return None


class ExportBuilder:
    """Reads what ``request`` covers through the planner's store and renders it."""

    def __init__(self, planner: Planner, request: ExportRequest) -> None:
        self.planner = planner
        self.request = request
        self.today = planner.today()

    def _visible(self, record: Task | JournalEntry | SetbackAnalysis) -> bool:
        return self.request.include_confidential or not record.confidential

    # -- documents ----------------------------------------------------------------------------

    def render(self, advance: Advance = _noop) -> Rendered:
        kind = self.request.kind
        if kind == "journal":
            return self._journal(advance)
        if kind == "setbacks":
            return self._setbacks()
        if kind == "tasks":
            return self._tasks()
        return self._report()

    def _setback_records(self) -> list[SetbackRecord]:
        span = self.request.span
        analyses = [  # only the span's years are read
            analysis
            for analysis in self.planner.store.setbacks(span.start, span.end)
            if analysis.date in span and self._visible(analysis)
        ]
        if not analyses:
            return []
        wanted = {analysis.id for analysis in analyses}
        measures: dict[str, list[Task]] = {analysis.id: [] for analysis in analyses}
        linked = self._tasks_with(TaskQuery(setbacks=frozenset(wanted)))
        for task in linked:
            if task.setback in wanted:
                measures[task.setback].append(task)
        records: list[SetbackRecord] = []
        for analysis in sorted(analyses, key=lambda a: (a.date, a.created, a.id)):
            every = sorted(measures[analysis.id], key=lambda task: (task.created, task.id))
            # The state comes from every measure, as ``planner setbacks`` and the app derive
            # it: a public analysis whose open measure is confidential is still open. Only
            # the measures that may be shown are listed (and counted).
            shown = tuple(task for task in every if self._visible(task))
            state = analysis.state(every, self.today)
            withheld = len(shown) < len(every)
            records.append(SetbackRecord(analysis, shown, state, withheld=withheld))
        return records

    def _tasks_since(self, first: date) -> Iterable[Task]:
        """Open work and every archived task closed on or after ``first``.

        A moment's calendar date is never before its planning day, so a day's margin keeps
        work closed early in the morning of ``first`` (and so belonging to the day before)
        out of nothing it should be in.
        """
        far = date.max - timedelta(days=1)
        return self._tasks_with(TaskQuery(done=(first - timedelta(days=1), far)))

    def _tasks_with(self, query: TaskQuery) -> Iterable[Task]:
        """Open work and the archived tasks ``query`` matches (the archive's copy wins)."""
        latest: dict[str, Task] = {task.id: task for task in self.planner.store.open_tasks()}
        for task in self.planner.store.archived_tasks_matching(query):
            latest[task.id] = task
        return latest.values()

    def _journal(self, advance: Advance) -> Rendered:
        if not self.request.split_daily and not self.request.front_matter:
            return self._journal_streamed(advance)
        span = self.request.span
        entries = [
            entry
            for entry in self.planner.store.journal_entries(span.start, span.end)
            if self._visible(entry) and (entry.body.strip() or entry.tags)
        ]
        by_day: dict[date, list[SetbackRecord]] = {}
        for record in self._setback_records():
            by_day.setdefault(record.analysis.date, []).append(record)
        entry_of = {entry.date: entry for entry in entries}
        pages = [
            DayPage(day, entry_of.get(day), tuple(by_day.get(day, ())))
            for day in sorted(set(entry_of) | set(by_day))
        ]
        count = len(entries) + sum(len(records) for records in by_day.values())
        if self.request.split_daily:
            files = []
            for number, page in enumerate(pages, start=1):
                text = journal_day_document(page)
                if self.request.front_matter:
                    text = self._front(day_title(page.day), page.day, page.tags, "journal") + text
                files.append(ExportFile(f"{page.day.isoformat()}.md", text))
                advance(number, len(pages))
            return Rendered(tuple(files), count)
        text = journal_document(pages, span, lambda done: advance(done, len(pages)))
        if self.request.front_matter:
            tags = sorted({tag for page in pages for tag in page.tags})
            title = f"{t('export.title.journal')} · {range_text(span)}"
            text = self._front(title, self._first_day(pages), tags, "journal") + text
        return Rendered((ExportFile("journal.md", text),), count)

    def _journal_streamed(self, advance: Advance) -> Rendered:
        """The whole journal as one document, a year at a time: each year's entries are read
        through a reader of their own, dropped once the year is written, so memory holds one
        year whatever the history (the front matter, which lists every tag first, and the
        daily files take ``_journal``'s way)."""
        span = self.request.span
        store = self.planner.store
        by_day: dict[date, list[SetbackRecord]] = {}
        for record in self._setback_records():
            by_day.setdefault(record.analysis.date, []).append(record)
        first_year = span.start.year if span.start else date.min.year
        last_year = span.end.year if span.end else date.max.year
        years = sorted(
            year
            for year in set(store.journal_years()) | {day.year for day in by_day}
            if first_year <= year <= last_year
        )
        count = [sum(len(records) for records in by_day.values())]

        def pages() -> Iterator[DayPage]:
            for done, year in enumerate(years, start=1):
                start = max(span.start or date.min, date(year, 1, 1))
                end = min(span.end or date.max, date(year, 12, 31))
                reader = store.reader()
                entry_of = {
                    entry.date: entry
                    for entry in reader.journal_entries(start, end)
                    if self._visible(entry) and (entry.body.strip() or entry.tags)
                }
                del reader
                count[0] += len(entry_of)
                days = set(entry_of) | {day for day in by_day if day.year == year}
                for day in sorted(days):
                    yield DayPage(day, entry_of.get(day), tuple(by_day.get(day, ())))
                advance(done, len(years))

        def pieces() -> Iterator[str]:
            return journal_pieces(pages(), span)

        return Rendered((ExportFile("journal.md", pieces),), lambda: count[0])

    def _setbacks(self) -> Rendered:
        span = self.request.span
        records = self._setback_records()
        if self.request.split_daily:
            by_day: dict[date, list[SetbackRecord]] = {}
            for record in records:
                by_day.setdefault(record.analysis.date, []).append(record)
            files = []
            for day, day_records in sorted(by_day.items()):
                text = journal_day_document(DayPage(day, None, tuple(day_records)))
                if self.request.front_matter:
                    text = self._front(day_title(day), day, [], "setbacks") + text
                files.append(ExportFile(f"{day.isoformat()}.md", text))
            return Rendered(tuple(files), len(records))
        text = setbacks_document(records, span)
        if self.request.front_matter:
            title = f"{t('export.title.setbacks')} · {range_text(span)}"
            first = records[0].analysis.date if records else span.start or self.today
            text = self._front(title, first, [], "setbacks") + text
        return Rendered((ExportFile("setbacks.md", text),), len(records))

    def _tasks(self) -> Rendered:
        span = self.request.span
        assert span.start is not None and span.end is not None
        as_of = max(self.today, span.end) if span.end > self.today else self.today
        open_work = [task for task in self.planner.store.open_tasks() if self._visible(task)]
        ctx = self.planner.rank_context(as_of)
        main = self.planner.main_id(as_of)
        main_task = next((task for task in open_work if task.id == main), None)
        board = build_board(open_work, main if main_task else None, ctx)
        done = self._done_in(span)
        text = tasks_document(board, done, span, as_of=as_of, warn_until=ctx.warn_until)
        if self.request.front_matter:
            tags = sorted({tag for item in board.items() for tag in item.task.tags})
            title = t("export.tasks_heading", range=range_text(span))
            text = self._front(title, span.start, tags, "tasks") + text
        count = sum(1 for _ in board.items()) + len(done)
        return Rendered((ExportFile("tasks.md", text),), count)

    def _done_in(self, span: DateRange) -> list[Task]:
        assert span.start is not None
        starts_at = self.planner.config.day_starts_at
        done = [
            task
            for task in self._tasks_since(span.start)
            if task.status == "done" and done_day(task, starts_at) in span and self._visible(task)
        ]
        return sorted(done, key=lambda task: (task.done_at, task.id))

    def _report(self) -> Rendered:
        span = self.request.span
        assert span.start is not None and span.end is not None
        candidates = list(self._tasks_since(span.start))
        if not self.request.split_daily:
            single, count = self._report_file(span, candidates, "report.md")
            return Rendered((single,), count)
        files = []
        total = 0
        day = span.start
        while day <= span.end:
            single, count = self._report_file(
                DateRange("day", day, day), candidates, f"{day.isoformat()}.md"
            )
            files.append(single)
            total += count
            day += timedelta(days=1)
        return Rendered(tuple(files), total)

    def _report_file(
        self, span: DateRange, candidates: Iterable[Task], name: str
    ) -> tuple[ExportFile, int]:
        """The report of ``span`` from ``candidates`` (open work and everything closed since
        the export's first day, so one read of the store serves every day of a split)."""
        assert span.start is not None and span.end is not None
        next_start, next_end = next_range(span)
        starts_at = self.planner.config.day_starts_at
        as_they_stood = (as_of(task, span.end, starts_at) for task in candidates)
        tasks = {
            task.id: task
            for task in as_they_stood
            if task is not None
            and self._visible(task)
            and (
                task.status not in ("done", "dropped")
                or task.awaiting_feedback
                or done_day(task, starts_at) in span
            )
        }
        main_tasks: dict[str, Task] = {}
        days: list[Day] = []
        for record in self.planner.store.days(span.start, next_end):
            if record.main is None:
                continue
            main = tasks.get(record.main) or self.planner.store.get_task(record.main)
            if main is None or not self._visible(main):
                continue
            main_tasks[main.id] = main
            days.append(record)
        analyses = [
            analysis
            for analysis in self.planner.store.setbacks()
            if analysis.date in span and self._visible(analysis) and not analysis.draft
        ]
        data = ReportInput(
            span=span,
            today=min(self.today, span.end),
            past=span.end < self.today,
            tasks=tuple(tasks.values()),
            days=tuple(days),
            main_tasks=main_tasks,
            analyses=tuple(analyses),
            next_context=self.planner.rank_context(next_start),
            day_starts_at=starts_at,
            warn_until=self.planner.warn_until(min(self.today, span.end)),
        )
        text = report_document(data)
        if self.request.front_matter:
            kind = {"day": "daily-report", "week": "weekly-report", "month": "monthly-report"}
            front = self._front(report_title(span), span.start, [], kind.get(span.kind, "report"))
            text = front + text
        return ExportFile(name, text), len(tasks) + len(analyses)

    # -- helpers ------------------------------------------------------------------------------

    def _first_day(self, pages: Sequence[DayPage]) -> date:
        if pages:
            return pages[0].day
        return self.request.span.start or self.today

    @staticmethod
    def _front(title: str, day: date, tags: Sequence[str], kind: str) -> str:
        fields = {"title": title, "date": day, "tags": list(tags), "kind": kind}
        return front_matter(fields) + "\n\n"


def as_of(task: Task, end: date, day_starts_at: time) -> Task | None:
    """``task`` as it stood at the end of the planning day ``end``: None if it was created
    later; open if it was closed later (done or dropped after ``end``)."""
    if planning_date(task.created, day_starts_at) > end:
        return None
    closed = done_day(task, day_starts_at)
    if task.status in ("done", "dropped") and closed is not None and closed > end:
        return replace(task, status="open", done_at=None, feedback=())
    return task
