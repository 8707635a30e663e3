"""Edit every field of a task in one form; each field is checked, errors show beside it.

The form saves only the fields the user changed, over the task as it is when saved. When
another process changed one of those same fields while the form was open, it asks first:
``y`` writes the user's value over theirs, ``n`` keeps theirs and saves the rest.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, Static, TextArea

from planner.domain.errors import DomainError, ParseError
from planner.domain.estimates import parse_estimate
from planner.domain.models import Task
from planner.domain.recurrence import RecurrenceError, rule_from_text
from planner.domain.visible import count_controls, unshown_in_editor, visible
from planner.i18n.errors import describe_date_error, describe_reason
from planner.i18n.formats import format_estimate
from planner.i18n.history import field_words
from planner.i18n.translate import t
from widgets.dialogs.wrapped import WrappedText
from widgets.keys.translate import TranslatedBindings

if TYPE_CHECKING:
    from planner.domain.dates import Direction
    from planner.services.planner import EditClash, Planner

TEXT_FIELDS = (
    "title",
    "due",
    "scheduled",
    "priority",
    "estimate",
    "source",
    "received",
    "report_by",
    "people",
    "tags",
    "recur",
)
DATE_DIRECTIONS: dict[str, Direction] = {
    "due": "forward",
    "scheduled": "forward",
    "report_by": "forward",
    "received": "backward",
}
"""The direction each date field reads in: the plan looks ahead, while the day an
instruction was received has passed (``fri`` there is the most recent Friday)."""
PRIORITY_WORDS = {
    "h": "high",
    "high": "high",
    "m": "medium",
    "medium": "medium",
    "l": "low",
    "low": "low",
}


def date_text(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d@%H:%M")
    return value.isoformat()


def initial_values(task: Task) -> dict[str, str]:
    return {
        "title": task.title,
        "due": date_text(task.due),
        "scheduled": date_text(task.scheduled),
        "priority": {"high": "h", "medium": "m", "low": "l"}.get(task.priority or "", ""),
        "estimate": format_estimate(task),
        "source": task.source or "",
        "received": date_text(task.received),
        "report_by": date_text(task.report_by),
        "people": " ".join(task.people),
        "tags": " ".join(task.tags),
        "recur": task.recur or "",
    }


def unshown_controls(task: Task) -> int:
    """How many control characters the form's fields hold but do not draw (an imported
    title may carry ``ESC ]0;...``): the fields keep them, so saving changes nothing."""
    values = initial_values(task)
    fields = sum(count_controls(values[name]) for name in TEXT_FIELDS)
    return fields + unshown_in_editor(task.notes)


def field_text(task: Task, name: str) -> str:
    """A field of ``task`` as the form writes it (notes: their first line)."""
    if name in TEXT_FIELDS:
        return initial_values(task)[name]
    if name == "notes":
        first = task.notes.strip().splitlines()[0] if task.notes.strip() else ""
        return first if len(first) <= 40 else first[:39] + "…"
    value = getattr(task, name)
    if isinstance(value, bool):
        return t("history.on") if value else t("history.off")
    return str(value)


class EditScreen(TranslatedBindings, ModalScreen[None]):
    CSS_PATH = "edit_form.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "key.save"),
        Binding("escape", "cancel", "key.cancel"),
    ]

    def __init__(
        self, task: Task, planner: Planner, save: Callable[[dict[str, object], Task], None]
    ):
        """``save(fields, base)``: write the changed ``fields``, made on ``base`` (the task as
        the form showed it, so the service can refuse a field changed since)."""
        super().__init__()
        self.task_value = task
        self.planner = planner
        self.save = save

    def compose(self) -> ComposeResult:
        values = initial_values(self.task_value)
        with Vertical(id="dialog"):
            yield Label(t("edit.heading"), id="dialog-title")
            unshown = unshown_controls(self.task_value)
            if unshown:
                # The fields keep them; the screen drops them (widgets/parts/terminal_safe.py).
                yield Label(t("edit.controls", count=unshown), id="controls-note", markup=False)
            with VerticalScroll(id="fields"):
                for name in TEXT_FIELDS:
                    with Horizontal(classes="row"):
                        yield Label(t(f"edit.{name}"), classes="field-label")
                        with Vertical(classes="field"):
                            yield Input(
                                value=values[name],
                                id=f"field-{name}",
                                placeholder=t(f"edit.{name}_hint"),
                            )
                            yield Static("", id=f"error-{name}", classes="error")
                with Horizontal(classes="row"):
                    yield Label(t("edit.flags"), classes="field-label")
                    yield Checkbox(t("field.central"), self.task_value.central, id="field-central")
                    yield Checkbox(
                        t("field.confidential"),
                        self.task_value.confidential,
                        id="field-confidential",
                    )
                with Horizontal(classes="row notes-row"):
                    yield Label(t("edit.notes"), classes="field-label")
                    yield TextArea(self.task_value.notes, id="field-notes")
            yield WrappedText(t("edit.help"), id="edit-help")

    def on_mount(self) -> None:
        for error in self.query(".error"):
            error.display = False
        self.query_one("#field-title", Input).focus()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def _error(self, name: str, message: str) -> None:
        box = self.query_one(f"#error-{name}", Static)
        box.update(message)
        box.display = True

    def collect(self) -> dict[str, object] | None:
        """The changed fields, or None after showing an error beside each bad one."""
        for error in self.query(".error"):
            error.display = False
        raw = {name: self.query_one(f"#field-{name}", Input).value.strip() for name in TEXT_FIELDS}
        fields: dict[str, object] = {}
        ok = True
        if not raw["title"]:
            self._error("title", t("edit.title_required"))
            ok = False
        fields["title"] = raw["title"]
        for name in ("due", "scheduled", "received", "report_by"):
            if not raw[name]:
                fields[name] = None
                continue
            try:
                fields[name] = self.planner.parse_date(
                    raw[name], DATE_DIRECTIONS[name], allow_time=name == "due"
                )
            except ParseError as exc:
                self._error(name, describe_date_error(t(f"edit.{name}"), exc))
                ok = False
        priority = raw["priority"].casefold()
        if priority and priority not in PRIORITY_WORDS:
            self._error("priority", t("reason.bad_priority"))
            ok = False
        fields["priority"] = PRIORITY_WORDS.get(priority)
        fields["estimate"] = fields["estimate_low"] = None
        if raw["estimate"]:
            try:
                estimate = parse_estimate(raw["estimate"])
            except ParseError as exc:
                reason = describe_reason(exc)
                words = t(
                    "error.bad_date_value", name=t("edit.estimate"), value=exc.part, reason=reason
                )
                self._error("estimate", visible(words))
                ok = False
            else:
                fields["estimate"], fields["estimate_low"] = estimate.minutes, estimate.low
        fields["source"] = raw["source"] or None
        fields["people"] = tuple(name.lstrip("@＠") for name in raw["people"].split())
        fields["tags"] = tuple(name.lstrip("#＃") for name in raw["tags"].split())
        if raw["recur"]:
            try:
                fields["recur"] = rule_from_text(raw["recur"])
            except RecurrenceError:
                self._error("recur", t("reason.bad_rule"))
                ok = False
        else:
            fields["recur"] = None
        fields["central"] = self.query_one("#field-central", Checkbox).value
        fields["confidential"] = self.query_one("#field-confidential", Checkbox).value
        fields["notes"] = self.query_one("#field-notes", TextArea).text
        if not ok:
            return None
        try:
            self.task_value.touched(self.task_value.updated, **fields)
        except DomainError as exc:
            field = "estimate" if exc.field == "estimate_low" else exc.field
            target = field if field in TEXT_FIELDS else "title"
            self._error(target, exc.message)
            return None
        current = self.task_value
        changed = {name: value for name, value in fields.items() if getattr(current, name) != value}
        if "estimate" in changed or "estimate_low" in changed:
            # the two ends are saved together, so a range never meets another edit's half
            changed.update(estimate=fields["estimate"], estimate_low=fields["estimate_low"])
        return changed

    def action_save(self) -> None:
        changes = self.collect()
        if changes is None:
            return
        if not changes:
            self.dismiss()
            return
        clash = self.planner.edit_clashes(self.task_value.id, self.task_value, changes)
        if not clash.fields:
            self.save(changes, self.task_value)
            self.dismiss()
            return
        from widgets.dialogs.confirm import ConfirmScreen

        mine = self.task_value.touched(self.task_value.updated, **changes)
        detail = "\n".join(
            t(
                "history.edit_clash",
                field=field_words(name),
                theirs=field_text(clash.current, name),
                yours=field_text(mine, name),
            )
            for name in clash.fields
        )
        question = ConfirmScreen(t("history.edit_question"), detail, t("history.edit_keys"))
        self.app.push_screen(question, partial(self._answered, changes, clash))

    def _answered(self, changes: dict[str, object], clash: EditClash, ours: bool | None) -> None:
        """``y``: the user's values over theirs (the base now holds what the question showed,
        so only a change made after it is refused); ``n``: theirs kept, the rest saved."""
        if ours:
            seen = {name: getattr(clash.current, name) for name in clash.fields}
            self.save(changes, replace(self.task_value, **seen))
        else:
            rest = {name: value for name, value in changes.items() if name not in clash.fields}
            if rest:
                self.save(rest, self.task_value)
            names = t("history.list_separator").join(field_words(n) for n in clash.fields)
            self.app.notify(t("history.edit_kept", fields=names))
        self.dismiss()

    def action_cancel(self) -> None:
        self.dismiss()
