"""The review (screen 4): what really happened in a week or a month, every figure from records.

The figures are computed in a worker thread on the screen's own ``reader()`` of the store:
a cold review reads ten years of archive and journal, which must never stall the keys. The
reader stays warm for the next period and is refreshed before each review, so it sees every
write (this app's and other processes'). Until the chosen period's figures arrive the screen
shows its title and a short loading line, never another period's figures.

Each period's figures are kept once computed, and once a period is on screen the periods a
key away (the one before, the other kind's, the one after) are computed in the background,
so ``[``, ``]``, ``w`` and ``m`` usually find theirs ready. What is kept is dropped whenever
the app shows the screen new data (its own writes, another process's write it noticed, a new
day) and whenever the reader finds a file it read changed; the written journal days, which
come from per-year summaries of files the reader may not hold, are compared each time.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult, RenderResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.reactive import reactive
from textual.renderables.sparkline import Sparkline as SparklineRenderable
from textual.widgets import Label, Sparkline, Static
from textual.worker import Worker, WorkerState

from planner.domain.errors import ParseError
from planner.domain.models import DIMENSIONS
from planner.domain.review import MainDay, Period, PeriodKind, Review, period_of
from planner.domain.textwidth import cell_width, pad
from planner.i18n.errors import describe_date_error, describe_error
from planner.i18n.translate import t
from planner.services.ports import Store
from widgets.keys.translate import TranslatedBindings
from widgets.parts.header import AppHeader
from widgets.parts.keybar import KeyBar
from widgets.parts.screen_css import mark_styles_current, stylesheet
from widgets.screens.base import PlannerScreen, ShowData

if TYPE_CHECKING:
    from planner.services.planner import Planner

BAR_WIDTH = 30
LOADING_DELAY = 0.12
"""Seconds before a slow review replaces the previous period's figures by a loading line."""
MAIN_LINES: dict[PeriodKind, int] = {"week": 4, "month": 9}
"""Lines the main contradiction's card keeps for a kind of period: the first line, the
weekdays, the weeks (a month spans up to six) and the legend. Moving to the next period of
the same kind then changes no size in the card row (each change of size lays the screen
out again, a frame later)."""
LOOK_AHEAD = True
"""Compute the periods a key away in the background once a period is shown."""
LOOK_AHEAD_DELAY = 0.1
"""Seconds after the figures are shown before that starts: their frame is drawn first."""

Runs = list[tuple[date, date]]


def bar(count: int, most: int) -> str:
    """A bar of ``#`` (never an ambiguous-width block character) scaled to the largest."""
    if most <= 0 or count <= 0:
        return ""
    return "#" * max(1, round(BAR_WIDTH * count / most))


def percent(rate: float | None) -> str:
    return "-" if rate is None else f"{rate * 100:.0f}%"


CELL = 3
"""Cells per day in the main contradiction's calendar and under a week's sparkline: a day of
the month and a mark, or a weekday's initial (two cells in Chinese) and a space."""


def initials() -> list[str]:
    return t("review.weekday_initials").split()


def main_calendar(period: Period, days: Sequence[MainDay]) -> list[str]:
    """The period's days in rows of a week under the weekdays' initials, each day its date
    and a mark: ``x`` kept, ``-`` not kept, ``~`` today's, in progress; blank without a main.
    Seven cells of three fit the narrowest card (80 columns), in both languages."""
    marks = {day.date: "~" if day.in_progress else ("x" if day.kept else "-") for day in days}
    rows = ["".join(pad(name, CELL) for name in initials()).rstrip()]
    first = period.start - timedelta(days=period.start.weekday())
    while first <= period.end:
        cells = []
        for offset in range(7):
            day = first + timedelta(days=offset)
            cells.append(f"{day.day:>2}{marks.get(day, ' ')}" if day in period else " " * CELL)
        rows.append("".join(cells).rstrip())
        first += timedelta(days=7)
    return rows


def spark_labels(period: Period) -> tuple[int, str]:
    """How many cells each day gets under the sparkline, and the line of labels beneath it:
    a week's weekday initials, a month's dates every seven days."""
    if period.kind == "week":
        return CELL, "".join(pad(name, CELL) for name in initials()).rstrip()
    width = 2
    line = ""
    for index, day in enumerate(period.days):
        if index % 7 == 0:
            line = pad(line, index * width) + str(day.day)
    return width, line


class DaySpark(Sparkline):
    """The tasks done per day: ``cells_per_day`` cells for each day, from the left.

    Textual's ``Sparkline`` spreads its data over its whole width, so its width had to follow
    the period's days, and every change of it (a month of 30 days after one of 31) laid the
    screen out a second time, a frame later. This one keeps its width and draws the days
    at a fixed number of cells each (the same bars, colours and summary)."""

    cells_per_day = reactive(CELL)

    def render(self) -> RenderResult:
        data = self.data or []
        _, base = self.background_colors
        low = base + self.get_component_styles("sparkline--min-color").color
        high = base + self.get_component_styles("sparkline--max-color").color
        return SparklineRenderable(
            data,
            width=min(self.cells_per_day * max(len(data), 1), self.size.width),
            height=self.size.height,
            min_color=low.rich_color,
            max_color=high.rich_color,
            summary_function=self.summary_function,
        )


def first_week_of(month: Period, today: date) -> date | None:
    """Where ``w`` goes from a month: this week in the current month (``None``: today's
    period), else the first week that starts in the month shown (the week of its 1st may
    be mostly the month before)."""
    if today in month:
        return None
    return month.start + timedelta(days=(7 - month.start.weekday()) % 7)


class ReviewScreen(TranslatedBindings, PlannerScreen):
    DEFAULT_CSS = stylesheet(__file__, "review.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("w", "kind('week')", "key.review_week", id="review.week"),
        Binding("m", "kind('month')", "key.review_month", id="review.month"),
        Binding(
            "left_square_bracket",
            "move(-1)",
            "key.review_previous",
            key_display="[",
            id="review.previous",
        ),
        Binding(
            "right_square_bracket", "move(1)", "key.review_next", key_display="]", id="review.next"
        ),
        Binding("t", "this_period", "key.review_this", show=False, id="review.this"),
        Binding("g", "go_to", "key.review_go", show=False, id="review.go"),
        Binding("E", "export", "key.export_report", id="review.export"),
    ]

    def __init__(self, planner: Planner, *, privacy: bool, show_data: ShowData) -> None:
        super().__init__(planner, privacy=privacy, name="review", show_data=show_data)
        mark_styles_current(self)
        self.kind: PeriodKind = "week"
        self.around: date | None = None
        self.result: Review | None = None
        """The figures on screen (possibly of an earlier period while ``awaiting``)."""
        self.awaiting = True
        """Whether the chosen period's figures are still being computed (not ``loading``:
        that is Textual's, and covers the whole screen with its indicator)."""
        self._reader: Store | None = None
        self._reader_lock = threading.Lock()
        """One review at a time uses the reader (a quick ``]]]`` starts several workers)."""
        self._ticket = 0
        """Counts the requests: only the latest one's figures are shown."""
        self._answered = 0
        """The latest request answered (or given up because a later one came)."""
        self._tickets: dict[Worker[Any], int] = {}
        self._figures: dict[tuple[PeriodKind, date, date], tuple[Runs, Review]] = {}
        """Computed figures by kind, first day and today, with the written journal days
        they were computed from; used by the worker threads under ``_reader_lock``."""
        self._shown: dict[str, object] = {}
        """What each widget was last given: an unchanged one is not updated (each update
        lays the whole screen out again)."""

    def compose(self) -> ComposeResult:
        yield AppHeader()
        with VerticalScroll(id="review-body"):
            yield Label("", id="period")
            yield Static(t("review.loading"), id="review-loading")
            with Vertical(id="figures"):
                with Horizontal(id="top"):
                    with Vertical(classes="card"):
                        yield Label(t("review.main"), classes="card-title")
                        yield Static("", id="main")
                    with Vertical(classes="card"):
                        yield Label(t("review.instructions"), classes="card-title")
                        yield Static("", id="instructions")
                    with Vertical(classes="card"):
                        yield Label(t("review.journal"), classes="card-title")
                        yield Static("", id="journal")
                yield Label(t("review.done_per_day"), classes="card-title")
                yield DaySpark([], id="done-spark")
                yield Static("", id="done-labels")
                yield Static("", id="done-days")
                yield Label(t("review.setbacks"), classes="card-title")
                yield Static("", id="setbacks")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        self.ready = True
        self.show_data(self)

    def action_export(self) -> None:
        """Export the report (周报 or 月报) of the period on screen."""
        from planner.export.ranges import DateRange
        from widgets.dialogs.exporting import ask_export

        period = period_of(self.kind, self.around or self.planner.today())
        ask_export(
            self.app,
            self.planner,
            "report",
            period=DateRange(period.kind, period.start, period.end),
        )

    def show(self) -> None:
        """Show the chosen period with the store's current data (the app calls this after
        every change it sees): figures computed before are computed again."""
        self._figures = {}
        self._request()

    def _reader_of(self) -> Store:
        if self._reader is None:
            self._reader = self.planner.store.reader()
        return self._reader

    def _figures_of(self, kind: PeriodKind, anchor: date) -> Review:
        """The review of the ``kind`` period holding ``anchor``, as kept or computed now.
        Call in a worker thread, holding ``_reader_lock``."""
        reader, planner = self._reader_of(), self.planner
        # Taken before the refresh: figures dropped by ``show`` from now on were computed
        # from what the refresh may not see yet, and go into the dropped mapping.
        figures = self._figures
        if reader.refresh():
            figures = self._figures = {}  # a file it read changed: any figure may have
        today = planner.today()
        key = (kind, period_of(kind, anchor).start, today)
        runs = reader.journal_written_runs(today)
        kept = figures.get(key)
        if kept is not None and kept[0] == runs:
            return kept[1]
        review = planner.review(kind, anchor, store=reader)
        figures[key] = (runs, review)
        return review

    def _request(self) -> None:
        """Ask for the review of the chosen period; it is shown when the worker has it."""
        planner = self.planner
        kind = self.kind
        anchor = self.around or planner.today()
        period = period_of(kind, anchor)
        lock = self._reader_lock
        self._ticket += 1
        ticket = self._ticket

        def compute() -> tuple[int, Review | None]:
            with lock:
                if ticket != self._ticket:
                    return ticket, None  # a later request came while this one waited
                return ticket, self._figures_of(kind, anchor)

        def start() -> None:
            if ticket != self._ticket:
                self._answered = max(self._answered, ticket)  # superseded before it began
                return
            worker = self.run_worker(compute, thread=True, group="review", exit_on_error=False)
            self._tickets[worker] = ticket

        if self.result is None:
            # Nothing shown yet: the title and the loading line at once, and the thread after
            # that frame (it would slow the frame down, holding the GIL half the time).
            self._show_period(period)
            self._set_loading(True)
            self.call_after_refresh(start)
            return
        if self.result.period != period:
            # The figures shown are another period's: until the new ones come, the title and
            # the figures stay as they are (in step), and a loading line replaces them only if
            # that takes long enough to notice; a quick answer then costs one frame, not two.
            self.awaiting = True
            self.set_timer(LOADING_DELAY, partial(self._loading, ticket, period))
        start()

    def _loading(self, ticket: int, period: Period) -> None:
        if ticket == self._ticket and self.busy:
            self._show_period(period)
            self._set_loading(True)

    @property
    def busy(self) -> bool:
        """Whether the latest request is still being answered (the figures may change)."""
        return self._answered < self._ticket

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.group != "review" or not worker.is_finished:
            return
        ticket = self._tickets.pop(worker, 0)
        self._answered = max(self._answered, ticket)
        if event.state == WorkerState.SUCCESS:
            _, review = worker.result  # type: ignore[misc]
            if ticket == self._ticket and isinstance(review, Review):
                self.result = review
                self._set_loading(False)
                self._show_review(review)
                if LOOK_AHEAD:
                    self.set_timer(LOOK_AHEAD_DELAY, partial(self._look_ahead, ticket))
        elif event.state == WorkerState.ERROR and ticket == self._ticket:
            # A file that cannot be read (DataError names it): say so where the figures were.
            message = describe_error(worker.error)  # type: ignore[arg-type]
            self._set_loading(True)
            self.query_one("#review-loading", Static).update(Text(message))  # not markup
            self.app.notify(message, severity="error", timeout=10)

    def _nearby(self) -> list[tuple[PeriodKind, date]]:
        """The periods a key away from the one chosen, the likeliest first: ``[``, the
        other kind (``m`` or ``w``), ``]`` (unless it is still to come)."""
        today = self.planner.today()
        period = period_of(self.kind, self.around or today)
        nearby: list[tuple[PeriodKind, date]] = [(self.kind, period.previous().start)]
        if self.kind == "week":
            nearby.append(("month", self.around or today))
        else:
            week = first_week_of(period, today) if self.around is not None else None
            nearby.append(("week", week or today))
        following = period.next()
        if following.start <= today:
            nearby.append((self.kind, following.start))
        return nearby

    def _look_ahead(self, ticket: int) -> None:
        """Compute the periods a key away in a thread, after the frame showing this one;
        a new request stops it (at most one period late, which that request waits for)."""
        if ticket != self._ticket:
            return
        nearby, lock = self._nearby(), self._reader_lock

        def ahead() -> None:
            for kind, anchor in nearby:
                with lock:
                    if ticket != self._ticket:
                        return
                    self._figures_of(kind, anchor)

        self.run_worker(ahead, thread=True, group="review-ahead", exit_on_error=False)

    def _put(self, ident: str, content: str | Text) -> None:
        """Give the Static ``ident`` its content, unless it already shows that."""
        if self._shown.get(ident) != content:
            self._shown[ident] = content
            self.query_one(f"#{ident}", Static).update(content)

    def _set_loading(self, loading: bool) -> None:
        self.awaiting = loading
        loading_line = self.query_one("#review-loading", Static)
        if loading:
            loading_line.update(t("review.loading"))
        loading_line.display = loading
        self.query_one("#figures", Vertical).display = not loading

    def _show_period(self, period: Period) -> None:
        self._put(
            "period",
            t(
                f"review.period_{period.kind}",
                start=period.start.isoformat(),
                end=period.end.isoformat(),
            ),
        )

    def _show_review(self, review: Review) -> None:
        period = review.period
        self._show_period(period)
        main = review.main
        # Inline, not a class: a class change restyles the widget (up to 30 ms more).
        self.query_one("#main", Static).styles.min_height = MAIN_LINES[period.kind]
        calendar = ""
        if main.days:
            calendar = "\n".join([*main_calendar(period, main.days), t("review.calendar_legend")])
        self._put(
            "main",
            Text.assemble(
                (t("review.kept", kept=main.kept, total=main.total), "bold"),
                f"  ({percent(main.rate)})\n",
                calendar or t("review.no_mains"),
            ),
        )
        ins = review.instructions
        reported = t(
            "review.instruction_counts",
            on_time=ins.on_time,
            late=ins.late,
            pending=ins.pending,
            overdue=ins.overdue,
        )
        if ins.extended:
            reported += "\n" + t(
                "review.instruction_extended",
                extended=ins.extended,
                on_time=ins.extended_on_time,
                late=ins.extended_late,
                pending=ins.extended_pending,
            )
        self._put("instructions", reported)
        journal = review.journal
        self._put(
            "journal",
            t(
                "review.journal_counts",
                written=journal.days_written,
                days=len(period.elapsed(review.today)),
                current=journal.current_streak,
                longest=journal.longest_streak,
            ),
        )
        counts = list(review.done_counts)
        spark = self.query_one("#done-spark", DaySpark)
        data = [float(c) for c in counts] or [0.0]
        if spark.data != data:
            spark.data = data
        per_day, labels = spark_labels(period)
        spark.cells_per_day = per_day
        self._put("done-labels", labels)
        done = t("review.done_total", total=sum(counts), best=max(counts, default=0))
        accuracy = review.accuracy
        if accuracy.tasks:
            done += "\n" + t(
                "review.accuracy",
                percent=accuracy.percent,
                count=accuracy.tasks,
                over=accuracy.over,
                within=accuracy.within,
            )
        self._put("done-days", done)
        setbacks = review.setbacks
        most = max((count for _, count in setbacks.by_cause), default=0)
        shown = [
            (t(f"dimension.{cause}") if cause in (*DIMENSIONS, "unset") else cause, count)
            for cause, count in setbacks.by_cause
            if cause != "unset" or count
        ]
        width = max((cell_width(name) for name, _ in shown), default=0)
        lines = [f"{pad(name, width)} {count:>3}  {bar(count, most)}" for name, count in shown]
        lines.append(
            t(
                "review.measures",
                done=setbacks.measures_done,
                open=setbacks.measures_open,
                dropped=setbacks.measures_dropped,
            )
        )
        self._put("setbacks", "\n".join(lines))

    def action_kind(self, kind: str) -> None:
        chosen: PeriodKind = "month" if kind == "month" else "week"
        if chosen == "week" and self.kind == "month" and self.around is not None:
            self.around = first_week_of(period_of("month", self.around), self.planner.today())
        self.kind = chosen
        self._request()

    def action_move(self, step: int) -> None:
        today = self.planner.today()
        period = period_of(self.kind, self.around or today)
        target = period.next() if step > 0 else period.previous()
        self.around = target.start
        self._request()

    def action_this_period(self) -> None:
        self.around = None
        self._request()

    def action_go_to(self) -> None:
        """Show the week or month holding a typed date. The date is read backward, as a
        review looks at what has happened: ``fri`` or ``11-20`` is the most recent one, and
        ``last-week``, ``上周``, ``上周五`` or ``-1m`` say it outright; empty is this period."""
        from widgets.dialogs.prompt import PromptScreen

        planner = self.planner

        def apply(text: str) -> str | None:
            try:
                value = planner.parse_date(text, "backward")
            except ParseError as exc:
                return describe_date_error(t("review.go_field"), exc)
            self.around = value.date() if isinstance(value, datetime) else value
            self._request()
            return None

        title = t("review.go_month" if self.kind == "month" else "review.go_week")
        self.app.push_screen(PromptScreen(title, apply, hint=t("review.go_hint")))
