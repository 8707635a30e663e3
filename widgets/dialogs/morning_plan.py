"""The morning plan (issue 16): five short steps, one key per task, each skippable.

1. the work left unfinished since the last working day: carry to today, Later or drop;
2. the inbox: accept, Later or drop;
3. the main contradiction, chosen (or confirmed) from today's work;
4. estimates for today's work that lacks one (typed as quick add's ``est:`` takes them);
5. the load against today's capacity, with work moved to Later until it fits.

Steps with nothing to do are passed over. Every act is posted to the app as a
``PerformAction`` (a ``Planner`` call, undone by the board's ``u``), and the dialog moves on at
once, so keys typed ahead are not lost; a step's list is read from the planner when the step
begins, after the acts posted before it (``call_later`` runs behind them on the app's queue).
``esc`` leaves at any step; what was done stays done.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, Final

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from planner.domain.errors import ParseError
from planner.domain.estimates import parse_estimate
from planner.domain.models import Task
from planner.domain.textwidth import truncate
from planner.i18n.errors import describe_error
from planner.i18n.formats import format_estimate
from planner.i18n.load_words import hours_words, load_line
from planner.i18n.privacy import title_words
from planner.i18n.translate import t
from planner.services import morning
from widgets.dialogs.wrapped import WrappedText
from widgets.keys.translate import TranslatedBindings
from widgets.messages import PerformAction, ask

if TYPE_CHECKING:
    from planner.services.planner import Planner

STEPS: Final = ("leftovers", "inbox", "main", "estimates", "load")
ACTIONS: Final[dict[str, frozenset[str]]] = {
    "leftovers": frozenset({"carry", "later", "drop", "next"}),
    "inbox": frozenset({"accept", "later", "drop", "next"}),
    "main": frozenset({"choose", "up", "down"}),
    "estimates": frozenset(),
    "load": frozenset({"later", "next"}),
}
"""The keys each step answers to (``tab`` and ``esc`` work in every step)."""
LIST_ROWS: Final = 6
"""Rows of today's work shown at once in step 3 (around the cursor)."""
ROW_WIDTH: Final = 68
"""A row's width before the dialog is laid out (its width less border and padding)."""


class MorningPlanScreen(TranslatedBindings, ModalScreen[None]):
    CSS_PATH = "morning_plan.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "key.plan_leave"),
        Binding("tab", "skip", "key.plan_skip", priority=True),
        Binding("c", "carry", "key.plan_carry", show=False),
        Binding("t", "accept", "key.plan_accept", show=False),
        Binding("l", "later", "key.plan_later", show=False),
        Binding("x", "drop", "key.plan_drop", show=False),
        Binding("n", "next", "key.plan_next", show=False),
        Binding("enter", "choose", "key.plan_choose", show=False),
        Binding("up", "up", "key.up", show=False),
        Binding("down", "down", "key.down", show=False),
    ]

    def __init__(self, planner: Planner, *, privacy: bool) -> None:
        super().__init__()
        self.planner = planner
        self.privacy = privacy
        self.step = -1
        self.plan: morning.MorningPlan = morning.morning_plan(planner)
        self.queue: list[Task] = []
        self.index = 0
        self.finished = False

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(t("morning.title", date=self.plan.day.isoformat()), id="dialog-title")
            yield Static("", id="step", markup=False)
            yield WrappedText("", id="subject")
            yield Static("", id="detail", markup=False)
            yield Input(id="estimate", placeholder="30m", disabled=True)
            yield Static("", id="keys", markup=False)
            yield Static(t("morning.keys.common"), id="common-keys", markup=False)

    def on_mount(self) -> None:
        self.query_one("#estimate", Input).display = False
        self._enter(0)

    # -- steps ---------------------------------------------------------------------------

    @property
    def step_name(self) -> str:
        return STEPS[self.step] if 0 <= self.step < len(STEPS) else ""

    def _enter(self, step: int) -> None:
        """Begin ``step`` with the data as it stands; steps with nothing to do are passed."""
        self.plan = morning.morning_plan(self.planner)
        while step < len(STEPS):
            queue = self._queue_of(STEPS[step])
            if queue or STEPS[step] == "load":
                break
            step += 1
        self.step = step
        if step >= len(STEPS):
            self.finished = True
            self._show()
            return
        self.queue = self._queue_of(STEPS[step])
        self.index = 0
        if self.step_name == "main" and self.plan.main_id is not None:
            self.index = next(
                (at for at, task in enumerate(self.queue) if task.id == self.plan.main_id), 0
            )
        self._show()

    def _queue_of(self, name: str) -> list[Task]:
        plan = self.plan
        if name == "leftovers":
            return list(plan.leftovers)
        if name == "inbox":
            return list(plan.inbox)
        if name == "main":
            return list(plan.today)
        if name == "estimates":
            return list(plan.unestimated)
        if not plan.load.over:
            return []
        # the lowest ranked first: what matters least goes to Later first; a task without
        # an estimate weighs nothing in the load, so moving it would not help it fit
        return [
            task
            for task in reversed(plan.today)
            if task.id != plan.main_id
            and task.estimate is not None
            and morning.can_go_later(task, plan.day)
        ]

    def _next_step(self) -> None:
        self.app.call_later(self._enter, self.step + 1)

    def _advance(self) -> None:
        """On to the next task of the step, or to the next step."""
        self.index += 1
        if self.step_name == "load":
            self.app.call_later(self._reload_load)
            return
        if self.index >= len(self.queue):
            self._next_step()
        else:
            self._show()

    def _reload_load(self) -> None:
        self.plan = morning.morning_plan(self.planner)
        if not self.plan.load.over or self.index >= len(self.queue):
            self.queue = self.queue[: self.index]  # the day fits: nothing more to move
        self._show()

    # -- drawing -------------------------------------------------------------------------

    def _title(self, task: Task) -> str:
        return title_words(task, self.privacy)

    def _show(self) -> None:
        step_line = self.query_one("#step", Static)
        subject = self.query_one("#subject", WrappedText)
        detail = self.query_one("#detail", Static)
        keys = self.query_one("#keys", Static)
        entry = self.query_one("#estimate", Input)
        name = self.step_name
        typing = name == "estimates" and not self.finished
        entry.display = typing
        entry.disabled = not typing  # a hidden field must not take the steps' keys
        if not typing:
            self.set_focus(None)
        if self.finished:
            step_line.update("")
            subject.show_text(t("morning.done"))
            detail.update(load_line(self.plan.load))
            keys.update("")
            return
        label = t(f"morning.step.{name}", date=self.plan.since.isoformat())
        step_line.update(t("morning.step", number=self.step + 1, name=label))
        if name == "main":
            current = self.plan.main_id
            now = next((task for task in self.queue if task.id == current), None)
            subject.show_text(
                t("morning.main_now", title=self._title(now)) if now else t("morning.main_none")
            )
            detail.update(self._main_list())
        elif name == "load":
            self._show_load(subject, detail)
        else:
            task = self.queue[self.index]
            subject.show_text(self._title(task))
            detail.update(self._task_detail(task))
            if name == "estimates":
                entry.value = ""
                entry.focus()
        acting = name != "load" or (self.plan.load.over > 0 and self.index < len(self.queue))
        keys.update(t(f"morning.keys.{name}") if acting else "")

    def _task_detail(self, task: Task) -> str:
        count = t("morning.count", index=self.index + 1, total=len(self.queue))
        estimate = format_estimate(task)
        said = t("morning.estimate", estimate=estimate) if estimate else t("morning.no_estimate")
        carry = self.plan.carry
        if self.step_name == "leftovers" and carry is not None and carry.task.id == task.id:
            was = t("morning.was_main", date=carry.from_day.isoformat())
            return f"{count} · {was} · {said}"
        return f"{count} · {said}"

    def _main_list(self) -> str:
        start = max(0, min(self.index - LIST_ROWS // 2, len(self.queue) - LIST_ROWS))
        width = max(10, (self.query_one("#detail", Static).size.width or ROW_WIDTH) - 2)
        rows = []
        for at, task in enumerate(self.queue[start : start + LIST_ROWS], start):
            mark = "▶" if at == self.index else " "
            rows.append(f"{mark} {truncate(self._title(task), width)}")  # one line a task
        return "\n".join(rows)

    def _show_load(self, subject: WrappedText, detail: Static) -> None:
        load = self.plan.load
        if load.over and self.index < len(self.queue):
            task = self.queue[self.index]
            subject.show_text(self._title(task))
            over = t("morning.over", over=hours_words(load.over))
            detail.update(f"{load_line(load)}\n{over}\n{self._task_detail(task)}")
        else:
            subject.show_text(t("morning.fits") if not load.over else t("morning.nothing"))
            detail.update(load_line(load))

    # -- keys ----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("leave", "skip"):
            return True
        if self.finished or action not in ACTIONS.get(self.step_name, frozenset()):
            return False
        if self.step_name == "load":
            return self.index < len(self.queue)
        return True

    def _act(self, label: str, call: Callable[[], Any]) -> None:
        ask(self, PerformAction(label, call))
        self._advance()

    def _current(self) -> Task:
        return self.queue[self.index]

    def action_carry(self) -> None:
        task, plan, planner = self._current(), self.plan, self.planner
        self._act("action.carry", lambda: morning.carry(planner, plan, task))

    def action_accept(self) -> None:
        task, planner = self._current(), self.planner
        self._act("action.accept", lambda: planner.accept(task.id))

    def action_later(self) -> None:
        task, plan, planner = self._current(), self.plan, self.planner
        if task.status != "inbox" and not morning.can_go_later(task, plan.day):
            self.app.notify(t("morning.due_stays"), severity="warning")
            self._advance()
            return
        self._act("action.schedule", lambda: morning.later(planner, plan, task))

    def action_drop(self) -> None:
        task, plan, planner = self._current(), self.plan, self.planner
        self._act("action.drop", lambda: morning.drop(planner, plan, task))

    def action_next(self) -> None:
        self._advance()

    def action_up(self) -> None:
        if self.index > 0:
            self.index -= 1
            self._show()

    def action_down(self) -> None:
        if self.index < len(self.queue) - 1:
            self.index += 1
            self._show()

    def action_choose(self) -> None:
        task, planner = self._current(), self.planner
        if task.id != self.plan.main_id:
            ask(self, PerformAction("action.main", lambda: planner.set_main(task.id)))
        self._next_step()

    def action_skip(self) -> None:
        if self.finished:
            self.dismiss(None)
            return
        self._next_step()

    def action_leave(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted, "#estimate")
    def _estimate_given(self, event: Input.Submitted) -> None:
        event.stop()
        if self.step_name != "estimates" or self.finished:
            return
        text = event.value.strip()
        if text:
            try:
                minutes = parse_estimate(text).minutes
            except ParseError as exc:
                self.app.notify(describe_error(exc), severity="warning")
                return
            task, planner = self._current(), self.planner
            ask(
                self,
                PerformAction("action.edit", lambda: morning.set_estimate(planner, task, minutes)),
            )
        self._advance()
