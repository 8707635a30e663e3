"""The guided setback analysis (挫折分析): one question per step, with back, skip and draft.

Steps: what happened → the five dimensions → the principal cause → remedial measures (each
becomes a linked task) → the lesson → the review date.

Nothing typed is lost, and the wizard never holds you in it:

- ``esc`` keeps what was written (a new analysis as a draft, one already finished as it
  is) and ``ctrl+d`` saves a draft, whatever the fields hold. A date that does not read
  leaves the analysis the date it had (today's, for a new one; no review date) and a
  measure that does not read is not added yet: the notice names each, and opening the
  analysis again (``e``) puts the typed texts back in their fields, each with what is wrong
  beside it, for as long as the app runs.
- ``ctrl+s`` finishes: what does not read is shown beside its field, on its step, and the
  wizard stays. Without a principal cause the analysis is saved as a draft, and the notice
  says why.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import ContentSwitcher, Input, OptionList, TextArea
from textual.widgets.option_list import Option

from planner.domain.dates import is_far_short_date
from planner.domain.errors import DomainError, ParseError
from planner.domain.models import DIMENSIONS, SETBACK_KINDS, SetbackAnalysis, Task
from planner.domain.textwidth import truncate
from planner.domain.visible import visible
from planner.i18n.errors import describe_date_error, describe_error
from planner.i18n.formats import recur_word
from planner.i18n.translate import t
from widgets.dialogs.wrapped import WrappedText
from widgets.keys.translate import TranslatedBindings
from widgets.messages import PerformAction, ask

if TYPE_CHECKING:
    from planner.domain.dates import Direction
    from planner.domain.quickadd import QuickAdd
    from planner.services.planner import Planner

STEPS: tuple[str, ...] = ("what", *DIMENSIONS, "cause", "measures", "lesson", "review")

FIELD_STEPS: dict[str, str] = {
    "title": "what",
    "day": "what",
    "measure": "measures",
    "review": "review",
}
"""The one-line fields, in the order of the steps, and the step each is on: a field's error
shows beside it (``#<field>-error``), on its step."""

DATE_FIELDS: dict[str, tuple[Direction, str]] = {
    "day": ("backward", "wizard.date_field"),
    "review": ("forward", "wizard.review"),
}
"""The date fields: the direction each reads in (the setback happened, ``fri`` is the most
recent Friday; its review lies ahead) and the catalog key of its name."""

Mode = Literal["finish", "draft", "leave"]
"""How the wizard is left: ``ctrl+s``, ``ctrl+d`` or ``esc``."""

KeptTexts = dict[str, dict[str, str]]
"""Per analysis id, what a saved draft's fields held that could not be read (field → text),
put back in its fields when the analysis is opened again. The setbacks screen keeps it."""


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
    measure_text: str = ""
    """A measure typed but not yet entered."""
    lesson: str = ""
    review_text: str = ""

    def typed(self) -> bool:
        """Whether there is anything to keep: an analysis already saved always is."""
        return bool(
            self.analysis is not None
            or self.title
            or self.day_text
            or any(text.strip() for text in self.texts.values())
            or self.cause
            or self.measures
            or self.measure_text
            or self.lesson.strip()
        )


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
        kept: KeptTexts | None = None,
    ) -> None:
        super().__init__()
        self.planner = planner
        """The service, to read dates as they are typed; saving is asked of the app."""
        self.draft = draft_from(analysis)
        self.base = analysis
        """The analysis as opened: saving writes only the fields changed from it, so what
        another process changed meanwhile in the others stays."""
        self.existing_measures = measures
        self.step = 0
        self.on_done = on_done
        self.kept: KeptTexts = kept if kept is not None else {}
        self.restored = self.kept.pop(analysis.id, {}) if analysis is not None else {}
        """What could not be read when this analysis was last saved, back in its fields."""
        for name, text in self.restored.items():
            setattr(self.draft, f"{name}_text", text)
        self.far_dates: list[str] = []
        """Lines for the saved notice: each short date read as a far day, in full."""
        self.errors_about: dict[str, str] = {}
        """Field → the text its shown error is about (typing something else hides it)."""

    # -- layout ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        draft = self.draft
        with Vertical(id="dialog"):
            yield WrappedText(id="step-title")
            yield WrappedText(id="step-prompts")
            with ContentSwitcher(initial="step-what", id="steps"):
                with Vertical(id="step-what"):
                    yield Input(draft.title, placeholder=t("wizard.title_hint"), id="title")
                    yield _field_error("title")
                    yield Input(draft.day_text, placeholder=t("wizard.date_hint"), id="day")
                    yield _field_error("day")
                    yield OptionList(
                        *[Option(t(f"setback.kind.{kind}"), id=kind) for kind in SETBACK_KINDS],
                        id="kind",
                    )
                for name in DIMENSIONS:
                    yield TextArea(draft.texts.get(name, ""), id=f"step-{name}")
                yield OptionList(id="step-cause")
                with Vertical(id="step-measures"):
                    yield WrappedText(id="measure-list")
                    yield Input(
                        draft.measure_text, placeholder=t("wizard.measure_hint"), id="measure"
                    )
                    yield _field_error("measure")
                yield TextArea(draft.lesson, id="step-lesson")
                with Vertical(id="step-review"):
                    yield Input(draft.review_text, placeholder=t("wizard.review_hint"), id="review")
                    yield _field_error("review")
            yield WrappedText(id="wizard-error")
            yield WrappedText(t("wizard.keys"), id="wizard-keys")

    def on_mount(self) -> None:
        kinds = self.query_one("#kind", OptionList)
        kinds.highlighted = SETBACK_KINDS.index(self.draft.kind)
        for name in FIELD_STEPS:
            self.query_one(f"#{name}-error", WrappedText).display = False
        self.query_one("#wizard-error", WrappedText).display = False
        self.show_step()
        for name in self.restored:
            self._check_field(name)

    def show_step(self) -> None:
        name = STEPS[self.step]
        self.query_one("#step-title", WrappedText).show_text(
            t("wizard.step", number=self.step + 1, total=len(STEPS), title=t(f"wizard.{name}"))
        )
        self.query_one("#step-prompts", WrappedText).show_text(t(f"wizard.{name}_prompts"))
        self.query_one("#wizard-error", WrappedText).display = False
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

    def _go_to(self, step_name: str, focus: str | None = None) -> None:
        self.step = STEPS.index(step_name)
        self.show_step()
        if focus is not None:
            self.query_one(f"#{focus}").focus()

    def _fill_causes(self) -> None:
        causes = self.query_one("#step-cause", OptionList)
        self._collect()
        options = []
        for name in DIMENSIONS:
            text = self.draft.texts.get(name, "").strip().splitlines()
            summary = truncate(visible(text[0]), 60) if text else t("wizard.unanswered")
            options.append(Option(f"{t(f'dimension.{name}')}: {summary}", id=name))
        causes.set_options(options)
        if self.draft.cause in DIMENSIONS:
            causes.highlighted = DIMENSIONS.index(self.draft.cause)

    def _show_measures(self) -> None:
        lines = [
            visible(f"[x] {m.title}" if m.status == "done" else f"[ ] {m.title}")
            for m in self.existing_measures
        ]
        for measure in self.draft.measures:
            line = f"[ ] {measure.title}  {measure_tokens(measure)}({t('wizard.new')})"
            lines.append(visible(line))
        self.query_one("#measure-list", WrappedText).show_text(
            "\n".join(lines) if lines else t("wizard.no_measures")
        )

    # -- gathering -------------------------------------------------------------------------

    def _collect(self) -> None:
        """Copy what every step's fields hold into the draft."""
        draft = self.draft
        draft.title = self._value("title")
        draft.day_text = self._value("day")
        kind = self.query_one("#kind", OptionList).highlighted
        if kind is not None:
            draft.kind = SETBACK_KINDS[kind]
        for name in DIMENSIONS:
            draft.texts[name] = self.query_one(f"#step-{name}", TextArea).text
        cause = self.query_one("#step-cause", OptionList).highlighted
        if cause is not None and self.query_one("#step-cause", OptionList).option_count:
            draft.cause = DIMENSIONS[cause]
        draft.measure_text = self._value("measure")
        draft.lesson = self.query_one("#step-lesson", TextArea).text
        draft.review_text = self._value("review")

    def _value(self, name: str) -> str:
        return self.query_one(f"#{name}", Input).value.strip()

    # -- errors, beside their fields -------------------------------------------------------

    def _field_problem(self, name: str) -> str | None:
        """What is wrong with the text in field ``name``, or None when it reads."""
        text = self._value(name)
        if name == "title":
            return None if text else t("wizard.title_required")
        if name == "measure":
            if not text:
                return None
            try:
                self.planner.quick_add_check(text)
            except ParseError as exc:
                return describe_error(exc)
            return None
        direction, label = DATE_FIELDS[name]
        try:
            self.planner.parse_date(text, direction)
        except ParseError as exc:
            return describe_date_error(t(label), exc)
        return None

    def _check_field(self, name: str) -> bool:
        """Show beside field ``name`` what is wrong with it, or hide its error: True if it
        reads."""
        problem = self._field_problem(name)
        box = self.query_one(f"#{name}-error", WrappedText)
        if problem is None:
            box.display = False
            self.errors_about.pop(name, None)
            return True
        box.show_text(problem)
        box.display = True
        self.errors_about[name] = self._value(name)
        return False

    @on(Input.Changed, "#title, #day, #measure, #review")
    def _field_changed(self, event: Input.Changed) -> None:
        name = event.input.id or ""
        if name in self.errors_about and event.value.strip() != self.errors_about[name]:
            self.query_one(f"#{name}-error", WrappedText).display = False
            del self.errors_about[name]

    def _error(self, message: str) -> None:
        box = self.query_one("#wizard-error", WrappedText)
        box.show_text(message)
        box.display = True

    # -- measures --------------------------------------------------------------------------

    def _take_measure(self) -> bool:
        """Add the measure typed in its field to the list (True), or show beside the field
        what does not read (False); an empty field is fine."""
        field_ = self.query_one("#measure", Input)
        text = field_.value.strip()
        if not text:
            return True
        try:
            parsed = self.planner.quick_add_check(text)
        except ParseError:
            return self._check_field("measure")
        self.draft.measures.append(parsed)
        field_.value = ""
        self.draft.measure_text = ""
        self._check_field("measure")
        self._show_measures()
        return True

    @on(Input.Submitted, "#measure")
    def _add_measure(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            self.action_next()
            return
        self._take_measure()

    @on(Input.Submitted, "#title, #day, #review")
    def _submitted(self) -> None:
        self.action_next()

    # -- moving ----------------------------------------------------------------------------

    def _check_step(self) -> bool:
        """Whether the fields of this step read (each shows its own error)."""
        name = STEPS[self.step]
        self._collect()
        if name == "measures":
            return self._take_measure()
        checks = [self._check_field(f) for f, step in FIELD_STEPS.items() if step == name]
        return all(checks)

    def action_next(self) -> None:
        if not self._check_step():
            return
        if self.step < len(STEPS) - 1:
            self.step += 1
            self.show_step()
        else:
            self.action_finish()

    def action_skip(self) -> None:
        if STEPS[self.step] == "what" and not self._check_field("title"):
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
        self._save("draft")

    def action_finish(self) -> None:
        self._save("finish")

    def action_leave(self) -> None:
        self._save("leave")

    # -- saving ----------------------------------------------------------------------------

    def _ready_to_finish(self) -> bool:
        """Whether every field reads; if not, each error shows beside its field and the
        wizard goes to the first one's step."""
        self._collect()
        failed = [name for name in FIELD_STEPS if not self._check_field(name)]
        if failed:
            self._go_to(FIELD_STEPS[failed[0]], failed[0])
            return False
        return True

    def _save(self, mode: Mode) -> None:
        """Save as ``mode`` asks (see the module's docstring), then close."""
        self._collect()
        if not self.draft.typed() and mode != "finish":
            if mode == "draft":
                self.app.notify(t("wizard.nothing_to_save"))
            self.dismiss()
            return
        if mode == "finish" and not self._ready_to_finish():
            return
        kept: dict[str, str] = {}
        notes: list[str] = []
        if self.draft.measure_text and not self._take_measure():
            text = self.draft.measure_text
            kept["measure"] = text
            reason = self._field_problem("measure") or ""
            notes.append(t("wizard.kept_measure", value=text, reason=reason))
        analysis = self.build(mode, kept, notes)
        if analysis is None:
            return
        original = self.draft.analysis
        if mode == "leave" and analysis == original and not self.draft.measures and not kept:
            self.dismiss()  # nothing changed: nothing to save or say
            return
        self._send(analysis, kept, notes)

    def build(self, mode: Mode, kept: dict[str, str], notes: list[str]) -> SetbackAnalysis | None:
        """The analysis as entered, saved as ``mode`` asks. A date that does not read keeps
        the analysis's own (today's for a new one; no review date) and is added to ``kept``
        and named in ``notes``; None after showing a refusal of the record itself."""
        self.far_dates.clear()
        planner = self.planner
        d = self.draft
        before = d.analysis
        own_day = before.date if before else planner.today()
        day = self._date("day", kept, notes, own_day) or planner.today()
        review = self._date("review", kept, notes, before.review_on if before else None)
        draft = {
            "finish": d.cause is None,
            "draft": True,
            "leave": before is None or before.draft,
        }[mode]
        if mode == "finish" and d.cause is None:
            notes.insert(0, t("wizard.no_cause", step=STEPS.index("cause") + 1))
        title = d.title or (before.title if before else t("wizard.untitled"))
        fields: dict[str, Any] = {
            "title": title,
            "date": day,
            "kind": d.kind,
            **{name: d.texts.get(name, "") for name in DIMENSIONS},
            "principal_cause": d.cause,
            "lesson": d.lesson,
            "review_on": review,
            "draft": draft,
        }
        try:
            if before is None:
                return SetbackAnalysis.create(
                    day,
                    title,
                    planner.now(),
                    **{k: v for k, v in fields.items() if k not in ("title", "date")},
                )
            return replace(before, **fields)
        except DomainError as exc:
            self._error(f"{exc.field}: {exc.message}")
            return None

    def _date(
        self, name: str, kept: dict[str, str], notes: list[str], fallback: date | None
    ) -> date | None:
        """The date typed into field ``name``, read in its direction (None when empty).
        One that does not read gives ``fallback``, its text kept and named in ``notes``; a
        short date read as a day over six months away is remembered for the saved notice."""
        direction, label = DATE_FIELDS[name]
        text = self._value(name)
        try:
            value = self.planner.parse_date(text, direction)
        except ParseError:
            kept[name] = text
            shown = fallback.isoformat() if fallback is not None else t("wizard.no_review")
            notes.append(t("wizard.kept_date", field=t(label), value=text, kept=shown))
            return fallback
        if value is None:
            return None
        day = value.date() if isinstance(value, datetime) else value
        if is_far_short_date(text, day, self.planner.today()):
            self.far_dates.append(
                t("wizard.far_date", field=t(label), value=text, date=day.isoformat())
            )
        return day

    def _send(self, analysis: SetbackAnalysis, kept: dict[str, str], notes: list[str]) -> None:
        """Ask the app to save ``analysis``; once saved, its new measures follow (each an
        action of its own), the notice says what happened, and the wizard closes. If the
        save fails the wizard stays open, the reason shown by the app."""
        planner = self.planner
        measures = self.draft.measures

        def saved(result: object) -> None:
            if not isinstance(result, SetbackAnalysis):
                return
            for measure in measures:
                ask(self, PerformAction("action.measure", partial(_add, planner, result, measure)))
            on_board = bool(measures) or any(m.is_active for m in self.existing_measures)
            if result.draft:
                head = t("wizard.saved_draft_measures" if on_board else "wizard.saved_draft")
            else:
                head = t("wizard.saved_measures" if on_board else "wizard.saved")
            self.draft.measures = []
            if kept:
                self.kept[result.id] = kept
            self.app.notify(
                "\n".join([head, *notes, *self.far_dates]),
                severity="warning" if notes else "information",
                timeout=12 if notes else 5,
            )
            if self.on_done is not None:
                self.on_done()
            self.dismiss()

        base = self.base
        save = PerformAction(
            "action.setback", lambda: planner.save_setback(analysis, base=base), then=saved
        )
        ask(self, save)


def _field_error(name: str) -> WrappedText:
    """The line under a one-line field that says what in it does not read."""
    box = WrappedText(id=f"{name}-error")
    box.add_class("field-error")
    return box


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
        words.append(f"every:{recur_word(measure.recur)}")
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
