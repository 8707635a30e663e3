"""The guided setback analysis (挫折分析): one question per step, with back, skip and draft.

Steps: what happened → the five dimensions → the principal cause → remedial measures (each
becomes a linked task) → the lesson → the review date. Nothing typed is lost: leaving with
``esc`` keeps what was written as a draft.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import ContentSwitcher, Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from planner.domain.dates import is_far_short_date
from planner.domain.errors import DomainError, ParseError
from planner.domain.models import DIMENSIONS, SETBACK_KINDS, SetbackAnalysis, Task
from planner.i18n.errors import describe_date_error, describe_error
from planner.i18n.translate import t
from widgets.keys.translate import TranslatedBindings
from widgets.messages import PerformAction, ask

if TYPE_CHECKING:
    from planner.domain.dates import Direction
    from planner.domain.quickadd import QuickAdd
    from planner.services.planner import Planner

STEPS: tuple[str, ...] = ("what", *DIMENSIONS, "cause", "measures", "lesson", "review")


@dataclass
class Draft:
    """What the wizard has gathered so far."""

    analysis: SetbackAnalysis | None
    title: str = ""
    day_text: str = ""
    kind: str = "other"
    texts: dict[str, str] = field(default_factory=dict)
    cause: str | None = None
    measures: list[QuickAdd] = field(default_factory=list)
    """New measures as typed (quick-add lines, read): each becomes a task on saving."""
    lesson: str = ""
    review_text: str = ""


def draft_from(analysis: SetbackAnalysis | None) -> Draft:
    if analysis is None:
        return Draft(analysis=None, review_text="+2w")
    return Draft(
        analysis=analysis,
        title=analysis.title,
        day_text=analysis.date.isoformat(),
        kind=analysis.kind,
        texts={name: getattr(analysis, name) for name in DIMENSIONS},
        cause=analysis.principal_cause,
        lesson=analysis.lesson,
        review_text=analysis.review_on.isoformat() if analysis.review_on else "",
    )


class SetbackWizard(TranslatedBindings, ModalScreen[None]):
    CSS_PATH = "setback_wizard.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "next", "key.wizard_next", priority=True),
        Binding("ctrl+b", "back", "key.wizard_back", priority=True),
        Binding("ctrl+k", "skip", "key.wizard_skip", priority=True),
        Binding("ctrl+d", "draft", "key.wizard_draft", priority=True),
        Binding("ctrl+s", "finish", "key.wizard_finish", priority=True),
        Binding("escape", "leave", "key.wizard_leave"),
    ]

    def __init__(
        self,
        analysis: SetbackAnalysis | None,
        measures: list[Task],
        planner: Planner,
        on_done: Callable[[], None] | None = None,
    ) -> None:
        super().__init__()
        self.planner = planner
        """The service, to read dates as they are typed; saving is asked of the app."""
        self.draft = draft_from(analysis)
        self.existing_measures = measures
        self.step = 0
        self.on_done = on_done
        self.far_dates: list[str] = []
        """Lines for the saved notice: each short date read as a far day, in full."""

    # -- layout ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("", id="step-title")
            yield Static("", id="step-prompts")
            with ContentSwitcher(initial="step-what", id="steps"):
                with Vertical(id="step-what"):
                    yield Input(self.draft.title, placeholder=t("wizard.title_hint"), id="title")
                    yield Input(self.draft.day_text, placeholder=t("wizard.date_hint"), id="day")
                    yield OptionList(
                        *[Option(t(f"setback.kind.{kind}"), id=kind) for kind in SETBACK_KINDS],
                        id="kind",
                    )
                for name in DIMENSIONS:
                    yield TextArea(self.draft.texts.get(name, ""), id=f"step-{name}")
                yield OptionList(id="step-cause")
                with Vertical(id="step-measures"):
                    yield Static("", id="measure-list")
                    yield Input(placeholder=t("wizard.measure_hint"), id="measure")
                yield TextArea(self.draft.lesson, id="step-lesson")
                with Vertical(id="step-review"):
                    yield Input(
                        self.draft.review_text, placeholder=t("wizard.review_hint"), id="review"
                    )
            yield Static("", id="wizard-error")
            yield Static("", id="wizard-keys")

    def on_mount(self) -> None:
        kinds = self.query_one("#kind", OptionList)
        kinds.highlighted = SETBACK_KINDS.index(self.draft.kind)
        self.query_one("#wizard-keys", Static).update(t("wizard.keys"))
        self.show_step()

    def show_step(self) -> None:
        name = STEPS[self.step]
        self.query_one("#step-title", Label).update(
            t("wizard.step", number=self.step + 1, total=len(STEPS), title=t(f"wizard.{name}"))
        )
        self.query_one("#step-prompts", Static).update(t(f"wizard.{name}_prompts"))
        self.query_one("#wizard-error", Static).display = False
        if name == "cause":
            self._fill_causes()
        if name == "measures":
            self._show_measures()
        self.query_one(ContentSwitcher).current = f"step-{name}"
        target = {
            "what": "#title",
            "measures": "#measure",
            "review": "#review",
        }.get(name, f"#step-{name}")
        self.query_one(target).focus()

    def _fill_causes(self) -> None:
        causes = self.query_one("#step-cause", OptionList)
        self._collect()
        options = []
        for name in DIMENSIONS:
            text = self.draft.texts.get(name, "").strip().splitlines()
            summary = text[0][:60] if text else t("wizard.unanswered")
            options.append(Option(f"{t(f'dimension.{name}')}: {summary}", id=name))
        causes.set_options(options)
        if self.draft.cause in DIMENSIONS:
            causes.highlighted = DIMENSIONS.index(self.draft.cause)

    def _show_measures(self) -> None:
        lines = [
            f"[x] {m.title}" if m.status == "done" else f"[ ] {m.title}"
            for m in self.existing_measures
        ]
        for measure in self.draft.measures:
            lines.append(f"[ ] {measure.title}  {measure_tokens(measure)}({t('wizard.new')})")
        self.query_one("#measure-list", Static).update(
            "\n".join(lines) if lines else t("wizard.no_measures")
        )

    # -- gathering -------------------------------------------------------------------------

    def _collect(self) -> None:
        """Copy what every step's fields hold into the draft."""
        draft = self.draft
        draft.title = self.query_one("#title", Input).value.strip()
        draft.day_text = self.query_one("#day", Input).value.strip()
        kind = self.query_one("#kind", OptionList).highlighted
        if kind is not None:
            draft.kind = SETBACK_KINDS[kind]
        for name in DIMENSIONS:
            draft.texts[name] = self.query_one(f"#step-{name}", TextArea).text
        cause = self.query_one("#step-cause", OptionList).highlighted
        if cause is not None and self.query_one("#step-cause", OptionList).option_count:
            draft.cause = DIMENSIONS[cause]
        draft.lesson = self.query_one("#step-lesson", TextArea).text
        draft.review_text = self.query_one("#review", Input).value.strip()

    def _error(self, message: str) -> None:
        box = self.query_one("#wizard-error", Static)
        box.update(message)
        box.display = True

    @on(Input.Submitted, "#measure")
    def _add_measure(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            self.action_next()
            return
        try:
            parsed = self.planner.quick_add_check(text)
        except ParseError as exc:
            self._error(describe_error(exc))
            return
        self.draft.measures.append(parsed)
        event.input.value = ""
        self._show_measures()

    @on(Input.Submitted, "#title, #day, #review")
    def _submitted(self) -> None:
        self.action_next()

    # -- moving ----------------------------------------------------------------------------

    def _check_step(self) -> bool:
        name = STEPS[self.step]
        self._collect()
        if name == "what" and not self.draft.title:
            self._error(t("wizard.title_required"))
            return False
        return True

    def action_next(self) -> None:
        if not self._check_step():
            return
        if self.step < len(STEPS) - 1:
            self.step += 1
            self.show_step()
        else:
            self.action_finish()

    def action_skip(self) -> None:
        if STEPS[self.step] == "what" and not self.query_one("#title", Input).value.strip():
            self._error(t("wizard.title_required"))
            return
        self._collect()
        self.step = min(self.step + 1, len(STEPS) - 1)
        self.show_step()

    def action_back(self) -> None:
        self._collect()
        if self.step > 0:
            self.step -= 1
            self.show_step()

    def action_draft(self) -> None:
        self._save(draft=True)

    def action_finish(self) -> None:
        self._save(draft=False)

    def action_leave(self) -> None:
        self._collect()
        typed = self.draft.title or any(self.draft.texts.values()) or self.draft.measures
        if typed and self.draft.title:
            self._save(draft=self.draft.analysis is None or self.draft.analysis.draft)
        else:
            self.dismiss()

    # -- saving ----------------------------------------------------------------------------

    def build(self, *, draft: bool) -> SetbackAnalysis | None:
        """The analysis as entered, or None after showing what is wrong and where."""
        self._collect()
        self.far_dates.clear()
        planner = self.planner
        d = self.draft
        if not d.title:
            self.step = 0
            self.show_step()
            self._error(t("wizard.title_required"))
            return None
        try:
            day = self._date(d.day_text, "backward", "wizard.date_field") or planner.today()
            review = self._date(d.review_text, "forward", "wizard.review")
        except ParseError:
            return None
        fields: dict[str, Any] = {
            "title": d.title,
            "date": day,
            "kind": d.kind,
            **{name: d.texts.get(name, "") for name in DIMENSIONS},
            "principal_cause": d.cause,
            "lesson": d.lesson,
            "review_on": review,
            "draft": draft,
        }
        try:
            if d.analysis is None:
                return SetbackAnalysis.create(
                    day,
                    d.title,
                    planner.now(),
                    **{k: v for k, v in fields.items() if k not in ("title", "date")},
                )
            return replace(d.analysis, **fields)
        except DomainError as exc:
            self._error(f"{exc.field}: {exc.message}")
            return None

    def _date(self, text: str, direction: Direction, field_key: str) -> date | None:
        """The date typed into a field, read in its direction: the setback happened (``fri``
        is the most recent Friday), its review lies ahead (``12-15`` is the next one). An
        unreadable one is shown naming the field, and raised again; a short date read as a
        day over six months away is remembered for the saved notice."""
        planner = self.planner
        try:
            value = planner.parse_date(text, direction)
        except ParseError as exc:
            self._error(describe_date_error(t(field_key), exc))
            raise
        if value is None:
            return None
        day = value.date() if isinstance(value, datetime) else value
        if is_far_short_date(text, day, planner.today()):
            self.far_dates.append(
                t("wizard.far_date", field=t(field_key), value=text, date=day.isoformat())
            )
        return day

    def _save(self, *, draft: bool) -> None:
        analysis = self.build(draft=draft)
        if analysis is None:
            return
        planner = self.planner

        def saved(result: object) -> None:
            """The analysis is saved (else the wizard stays open, the reason shown): its
            new measures follow, each an action of its own."""
            if result is None:
                return
            for measure in self.draft.measures:
                ask(
                    self, PerformAction("action.measure", partial(_add, planner, analysis, measure))
                )
            self.draft.measures.clear()
            saved_notice = t("wizard.saved_draft" if draft else "wizard.saved")
            self.app.notify("\n".join([saved_notice, *self.far_dates]))
            if self.on_done is not None:
                self.on_done()
            self.dismiss()

        save = PerformAction("action.setback", lambda: planner.save_setback(analysis), then=saved)
        ask(self, save)


def _add(planner: Planner, analysis: SetbackAnalysis, measure: QuickAdd) -> Task:
    """Add ``measure`` to ``analysis`` (one remedial measure, one action)."""
    return planner.add_measure(analysis.id, measure)


def measure_tokens(measure: QuickAdd) -> str:
    """What a new measure will carry besides its title, written as quick-add tokens with
    full dates (so a short date read far away is seen), each followed by two spaces."""
    dates = (
        ("due", measure.due),
        ("sched", measure.scheduled),
        ("report", measure.report_by),
    )
    words = [f"{key}:{date_token(value)}" for key, value in dates if value is not None]
    if measure.source:
        words.append(f"from:{measure.source}")
    if measure.recur:
        words.append(f"every:{measure.recur}")
    if measure.priority:
        words.append(f"pri:{measure.priority[0]}")
    words.extend(f"@{name}" for name in measure.people)
    words.extend(f"#{tag}" for tag in measure.tags)
    flags = (
        ("!main", measure.main),
        ("!central", measure.central),
        ("!secret", measure.confidential),
    )
    words.extend(flag for flag, on in flags if on)
    return "".join(f"{word}  " for word in words)


def date_token(value: date) -> str:
    """A date as a quick-add value reads it back: ``2026-11-27``, ``2026-11-27@14:00``."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d@%H:%M")
    return value.isoformat()
