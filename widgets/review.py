"""The review (screen 4): what really happened in a week or a month, every figure from records."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Sparkline, Static

from planner.i18n import t
from planner.models import DIMENSIONS
from planner.review import PeriodKind, Review, period_of
from widgets.header import AppHeader
from widgets.keybar import KeyBar
from widgets.translate import TranslatedBindings

if TYPE_CHECKING:
    from planner.app import PlannerApp

BAR_WIDTH = 30


def bar(count: int, most: int) -> str:
    """A bar of ``#`` (never an ambiguous-width block character) scaled to the largest."""
    if most <= 0 or count <= 0:
        return ""
    return "#" * max(1, round(BAR_WIDTH * count / most))


def percent(rate: float | None) -> str:
    return "-" if rate is None else f"{rate * 100:.0f}%"


class ReviewScreen(TranslatedBindings, Screen[None]):
    CSS_PATH = "review.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("w", "kind('week')", "key.review_week"),
        Binding("m", "kind('month')", "key.review_month"),
        Binding("left_square_bracket", "move(-1)", "key.review_previous", key_display="["),
        Binding("right_square_bracket", "move(1)", "key.review_next", key_display="]"),
        Binding("t", "this_period", "key.review_this", show=False),
    ]

    def __init__(self) -> None:
        super().__init__(id="review", name="review")
        self.ready = False
        self.kind: PeriodKind = "week"
        self.around: date | None = None
        self.result: Review | None = None

    @property
    def planner_app(self) -> PlannerApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield AppHeader()
        with VerticalScroll(id="review-body"):
            yield Label("", id="period")
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
            yield Sparkline([], id="done-spark")
            yield Static("", id="done-days")
            yield Label(t("review.setbacks"), classes="card-title")
            yield Static("", id="setbacks")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        self.ready = True
        self.planner_app.render_screen(self)

    def show(self) -> None:
        """Compute the review of the chosen period from the records and show it."""
        app = self.planner_app
        today = app.planner.today()
        anchor = self.around or today
        self.result = app.planner.review(self.kind, anchor)
        self._show_review(self.result)

    def _show_review(self, review: Review) -> None:
        period = review.period
        self.query_one("#period", Label).update(
            t(
                f"review.period_{period.kind}",
                start=period.start.isoformat(),
                end=period.end.isoformat(),
            )
        )
        main = review.main
        marks = " ".join(
            f"{day.date.strftime('%m-%d')} {'[x]' if day.kept else '[ ]'}" for day in main.days
        )
        self.query_one("#main", Static).update(
            Text.assemble(
                (t("review.kept", kept=main.kept, total=main.total), "bold"),
                f"  ({percent(main.rate)})\n",
                marks or t("review.no_mains"),
            )
        )
        ins = review.instructions
        self.query_one("#instructions", Static).update(
            t(
                "review.instruction_counts",
                on_time=ins.on_time,
                late=ins.late,
                pending=ins.pending,
                overdue=ins.overdue,
            )
        )
        journal = review.journal
        self.query_one("#journal", Static).update(
            t(
                "review.journal_counts",
                written=journal.days_written,
                days=len(period.elapsed(review.today)),
                current=journal.current_streak,
                longest=journal.longest_streak,
            )
        )
        counts = list(review.done_counts)
        spark = self.query_one("#done-spark", Sparkline)
        spark.data = [float(c) for c in counts] or [0.0]
        self.query_one("#done-days", Static).update(
            t("review.done_total", total=sum(counts), best=max(counts, default=0))
        )
        setbacks = review.setbacks
        most = max((count for _, count in setbacks.by_cause), default=0)
        lines = []
        for cause, count in setbacks.by_cause:
            if cause == "unset" and count == 0:
                continue
            name = t(f"dimension.{cause}") if cause in (*DIMENSIONS, "unset") else cause
            lines.append(f"{name:<8} {count:>3}  {bar(count, most)}")
        lines.append(
            t(
                "review.measures",
                done=setbacks.measures_done,
                open=setbacks.measures_open,
                dropped=setbacks.measures_dropped,
            )
        )
        self.query_one("#setbacks", Static).update("\n".join(lines))

    def action_kind(self, kind: str) -> None:
        self.kind = "month" if kind == "month" else "week"
        self.show()

    def action_move(self, step: int) -> None:
        today = self.planner_app.planner.today()
        period = period_of(self.kind, self.around or today)
        target = period.next() if step > 0 else period.previous()
        self.around = target.start
        self.show()

    def action_this_period(self) -> None:
        self.around = None
        self.show()
