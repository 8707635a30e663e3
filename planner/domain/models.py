"""The records planner keeps (DESIGN section 2), as immutable values validated on construction.

Every model converts to and from a plain JSON-ready dict (``to_dict``/``from_dict``): that is
the shape the store writes and the shape ``--json`` prints, with every key present.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any, ClassVar, Literal, Self, TypeVar, cast

from planner.domain.clock import parse_moment
from planner.domain.errors import DomainError
from planner.domain.estimates import MAX_MINUTES
from planner.domain.ids import date_id, is_valid_id, new_id
from planner.domain.recurrence import RecurrenceError, validate_rrule
from planner.domain.timer import Interval, intervals_value, spent_seconds, stopped

TaskStatus = Literal["inbox", "open", "waiting", "done", "dropped"]
STATUSES: tuple[TaskStatus, ...] = ("inbox", "open", "waiting", "done", "dropped")
ACTIVE_STATUSES: frozenset[str] = frozenset({"inbox", "open", "waiting"})
CLOSED_STATUSES: frozenset[str] = frozenset({"done", "dropped"})

Priority = Literal["high", "medium", "low"]
PRIORITIES: tuple[Priority, ...] = ("high", "medium", "low")

SetbackKind = Literal["communication", "beyond_ability", "tedium", "dispute", "other"]
SETBACK_KINDS: tuple[SetbackKind, ...] = (
    "communication",
    "beyond_ability",
    "tedium",
    "dispute",
    "other",
)

Dimension = Literal["objective", "subjective", "goal", "environment", "conditions"]
DIMENSIONS: tuple[Dimension, ...] = ("objective", "subjective", "goal", "environment", "conditions")

SetbackState = Literal["draft", "open", "review_due", "resolved"]

DueValue = date | datetime
CalendarDate = date
"""Alias used inside records that have a field named ``date``."""


# --- value conversion -------------------------------------------------------------------------


def date_to_json(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def datetime_to_json(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat(timespec="seconds")


def due_to_json(value: DueValue | None) -> str | None:
    if isinstance(value, datetime):
        return datetime_to_json(value)
    return date_to_json(value)


def _parse_date(name: str, value: object) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        raise DomainError(name, "expected a date without a time")
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise DomainError(name, f"not a date (YYYY-MM-DD): {value!r}") from None
    raise DomainError(name, f"not a date: {value!r}")


def _required_date(value: object) -> date:
    day = _parse_date("date", value)
    if day is None:
        raise DomainError("date", "is required")
    return day


def _parse_datetime(name: str, value: object) -> datetime | None:
    """``parse_moment``, reading an empty text as no value (as older files wrote it)."""
    return None if value == "" else parse_moment(name, value)


def _parse_due(name: str, value: object) -> DueValue | None:
    if isinstance(value, str) and "T" in value:
        return _parse_datetime(name, value)
    if isinstance(value, datetime):
        return _parse_datetime(name, value)
    return _parse_date(name, value)


def _text(name: str, value: object, *, required: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise DomainError(name, f"expected text, got {type(value).__name__}")
    if required and not value.strip():
        raise DomainError(name, "must not be empty")
    return value


def _optional_text(name: str, value: object) -> str | None:
    text = _text(name, value).strip()
    return text or None


def _names(name: str, value: object) -> tuple[str, ...]:
    if value is None or value == ():
        return ()
    # tuple and list, what records hold, are tested before the slower abstract Iterable
    if isinstance(value, str) or not isinstance(value, (tuple, list, Iterable)):
        raise DomainError(name, "expected a list of names")
    cleaned: list[str] = []
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise DomainError(name, f"each entry must be non-empty text, got {item!r}")
        stripped = item.strip()
        if len(stripped.split()) > 1:
            raise DomainError(name, f"a name cannot contain spaces: {stripped!r}")
        if stripped not in cleaned:
            cleaned.append(stripped)
    return tuple(cleaned)


def _bool(name: str, value: object) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise DomainError(name, f"expected true or false, got {value!r}")
    return value


def _minutes(name: str, value: object) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise DomainError(name, f"expected whole minutes, got {value!r}")
    if not 0 < value <= MAX_MINUTES:
        raise DomainError(name, f"must be from 1 to {MAX_MINUTES} minutes, got {value}")
    return value


def _choice(name: str, value: object, choices: tuple[str, ...], *, optional: bool) -> Any:
    if value is None and optional:
        return None
    if value not in choices:
        raise DomainError(name, f"must be one of {', '.join(choices)}; got {value!r}")
    return value


ImportBase = tuple[tuple[str, Any], ...]
"""What the last import brought, field by field (DESIGN section 7): JSON values, lists held
as tuples so the record stays hashable, sorted by field name as the data files keep them.
Empty for a record no import has touched."""


def _import_base(name: str, value: object) -> ImportBase:
    if value is None or value == ():
        return ()
    if isinstance(value, Mapping):
        value = tuple(value.items())
    if not isinstance(value, tuple):
        raise DomainError(name, "expected an object of field values")
    pairs: list[tuple[str, Any]] = []
    for item in value:
        if not (isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str)):
            raise DomainError(name, f"expected field names with values, got {item!r}")
        pairs.append((item[0], _frozen_json(name, item[1])))
    return tuple(sorted(pairs, key=lambda pair: pair[0]))


def _frozen_json(name: str, value: object) -> Any:
    if value is None or isinstance(value, (str, bool)):
        return value
    if isinstance(value, (list, tuple)) and all(isinstance(item, str) for item in value):
        return tuple(value)
    raise DomainError(name, f"expected text, true/false, null or a list of texts, got {value!r}")


def import_base_to_json(base: ImportBase) -> dict[str, Any] | None:
    if not base:
        return None
    return {key: list(value) if isinstance(value, tuple) else value for key, value in base}


def _record_id(name: str, value: object, *, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if not is_valid_id(value):
        raise DomainError(name, f"not a record id: {value!r}")
    return cast(str, value)


# --- records ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Feedback:
    """One report back on an instruction: when it was given and what was said."""

    at: datetime
    text: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "at", _parse_datetime("feedback.at", self.at))
        if self.at is None:
            raise DomainError("feedback.at", "is required")
        object.__setattr__(self, "text", _text("feedback.text", self.text, required=True))

    def to_dict(self) -> dict[str, Any]:
        return {"at": datetime_to_json(self.at), "text": self.text}

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> Feedback:
        if not isinstance(raw, Mapping):
            raise DomainError("feedback", f"expected an object, got {raw!r}")
        return cls(at=raw.get("at"), text=raw.get("text"))  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Record:
    """Fields every record carries: a stable id, timestamps and an import reference."""

    id: str
    created: datetime
    updated: datetime
    external_ref: str | None

    record_kind: ClassVar[str] = "record"

    def _check_common(self) -> None:
        _record_id("id", self.id)
        created = _parse_datetime("created", self.created)
        updated = _parse_datetime("updated", self.updated)
        if created is None or updated is None:
            raise DomainError("created", "created and updated are required")
        object.__setattr__(self, "created", created)
        object.__setattr__(self, "updated", updated)
        object.__setattr__(self, "external_ref", _optional_text("external_ref", self.external_ref))

    def touched(self, now: datetime, **changes: Any) -> Self:
        """A copy with ``changes`` applied and ``updated`` set to ``now``."""
        return replace(self, updated=now, **changes)

    def _common_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "created": datetime_to_json(self.created),
            "updated": datetime_to_json(self.updated),
            "external_ref": self.external_ref,
        }


@dataclass(frozen=True, slots=True)
class Task(Record):
    title: str
    notes: str = ""
    status: TaskStatus = "inbox"
    due: DueValue | None = None
    scheduled: date | None = None
    priority: Priority | None = None
    estimate: int | None = None
    """Minutes the task is expected to take (a range's upper end, the one planned)."""
    estimate_low: int | None = None
    """A range's lower end (``est:1-2h``: 60), below ``estimate``; None for one value."""
    central: bool = False
    source: str | None = None
    received: date | None = None
    report_by: date | None = None
    feedback: tuple[Feedback, ...] = ()
    extension_to: date | None = None
    """The report-back date an extension asks for, until it is approved (申请延期)."""
    extension_reason: str | None = None
    """Why the extension was asked for; kept once approved, to show beside the original."""
    report_by_original: date | None = None
    """The report-back date before the first approved extension moved it (null until then)."""
    people: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    confidential: bool = False
    recur: str | None = None
    setback: str | None = None
    done_at: datetime | None = None
    import_base: ImportBase = ()
    intervals: tuple[Interval, ...] = ()
    """The runs of the task's timer, by start (``planner.domain.timer``); one without an end
    is running."""

    record_kind: ClassVar[str] = "task"

    def __post_init__(self) -> None:
        self._check_common()
        title = " ".join(_text("title", self.title, required=True).split())
        object.__setattr__(self, "title", title)
        object.__setattr__(self, "notes", _text("notes", self.notes))
        _choice("status", self.status, STATUSES, optional=False)
        object.__setattr__(self, "due", _parse_due("due", self.due))
        object.__setattr__(self, "scheduled", _parse_date("scheduled", self.scheduled))
        _choice("priority", self.priority, PRIORITIES, optional=True)
        estimate = _minutes("estimate", self.estimate)
        low = _minutes("estimate_low", self.estimate_low)
        if low is not None and (estimate is None or low >= estimate):
            raise DomainError("estimate_low", "a range's lower end must be below the estimate")
        object.__setattr__(self, "central", _bool("central", self.central))
        object.__setattr__(self, "source", _optional_text("source", self.source))
        object.__setattr__(self, "received", _parse_date("received", self.received))
        object.__setattr__(self, "report_by", _parse_date("report_by", self.report_by))
        if self.feedback is None or isinstance(self.feedback, (str, Mapping)):
            raise DomainError("feedback", "expected a list of {at, text}")
        items = tuple(
            item if isinstance(item, Feedback) else Feedback.from_dict(item)
            for item in self.feedback
        )
        object.__setattr__(self, "feedback", tuple(sorted(items, key=lambda f: f.at)))
        object.__setattr__(self, "extension_to", _parse_date("extension_to", self.extension_to))
        reason = _optional_text("extension_reason", self.extension_reason)
        object.__setattr__(self, "extension_reason", reason)
        original = _parse_date("report_by_original", self.report_by_original)
        object.__setattr__(self, "report_by_original", original)
        object.__setattr__(self, "people", _names("people", self.people))
        object.__setattr__(self, "tags", _names("tags", self.tags))
        object.__setattr__(self, "confidential", _bool("confidential", self.confidential))
        if self.recur is not None:
            try:
                object.__setattr__(self, "recur", validate_rrule(_text("recur", self.recur)))
            except RecurrenceError as exc:
                raise DomainError("recur", str(exc)) from None
        _record_id("setback", self.setback, optional=True)
        done_at = _parse_datetime("done_at", self.done_at)
        object.__setattr__(self, "done_at", done_at)
        if self.status in CLOSED_STATUSES and done_at is None:
            raise DomainError("done_at", f"a {self.status} task needs the time it was closed")
        if self.status not in CLOSED_STATUSES and done_at is not None:
            raise DomainError("done_at", f"an {self.status} task cannot have a closing time")
        object.__setattr__(self, "import_base", _import_base("import_base", self.import_base))
        object.__setattr__(self, "intervals", intervals_value(self.intervals))

    # -- derived facts --

    @property
    def spent(self) -> int:
        """Seconds its timer ran, stopped runs only (``planner.domain.timer.spent_seconds``)."""
        return spent_seconds(self.intervals) if self.intervals else 0

    @property
    def is_instruction(self) -> bool:
        return self.source is not None

    @property
    def reported(self) -> bool:
        return bool(self.feedback)

    @property
    def awaiting_feedback(self) -> bool:
        """A done instruction with a report-back date and no feedback yet."""
        return (
            self.status == "done"
            and self.is_instruction
            and self.report_by is not None
            and not self.reported
        )

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def due_date(self) -> date | None:
        if isinstance(self.due, datetime):
            return self.due.date()
        return self.due

    # -- status changes (DESIGN section 2); each returns a new value --

    def accept(self, now: datetime) -> Task:
        """Inbox → open, for today."""
        return self.touched(now, status="open", scheduled=None)

    def schedule(self, day: date | None, now: datetime) -> Task:
        status: TaskStatus = "open" if self.status in ("inbox", "open") else self.status
        return self.touched(now, scheduled=day, status=status)

    def toggle_waiting(self, now: datetime) -> Task:
        if self.status == "waiting":
            return self.touched(now, status="open")
        if self.status in ("open", "inbox"):
            return self.touched(now, status="waiting")
        raise DomainError("status", f"a {self.status} task cannot wait")

    def complete(self, now: datetime) -> Task:
        """Done; a running timer stops with it."""
        return self.touched(now, status="done", done_at=now, intervals=stopped(self.intervals, now))

    def drop(self, now: datetime) -> Task:
        return self.touched(
            now, status="dropped", done_at=now, intervals=stopped(self.intervals, now)
        )

    def reopen(self, now: datetime) -> Task:
        return self.touched(now, status="open", done_at=None)

    def add_feedback(self, text: str, now: datetime) -> Task:
        return self.touched(now, feedback=(*self.feedback, Feedback(at=now, text=text)))

    def request_extension(self, day: date, reason: str, now: datetime) -> Task:
        """Ask to report back on ``day`` instead (申请延期); the date in force stays until
        ``approve_extension``. Only an instruction with a report-back date, a later ``day``
        and a reason can ask."""
        if not self.is_instruction:
            raise DomainError("extension", "only an instruction (a task with from:) is extended")
        if self.report_by is None:
            raise DomainError("extension", "the instruction has no report-back date to extend")
        if day <= self.report_by:
            raise DomainError(
                "extension", f"the new date must be after {self.report_by.isoformat()}"
            )
        if not reason.strip():
            raise DomainError("extension", "an extension needs a reason")
        return self.touched(now, extension_to=day, extension_reason=reason.strip())

    def approve_extension(self, now: datetime) -> Task:
        """The requested date becomes the report-back date in force; the first original is
        kept in ``report_by_original``, and the reason stays."""
        if self.extension_to is None:
            raise DomainError("extension", "no extension was requested")
        original = self.report_by_original or self.report_by
        return self.touched(
            now, report_by=self.extension_to, report_by_original=original, extension_to=None
        )

    # -- serialisation --

    def to_dict(self) -> dict[str, Any]:
        data = self._common_dict()
        data.update(
            {
                "title": self.title,
                "notes": self.notes,
                "status": self.status,
                "due": due_to_json(self.due),
                "scheduled": date_to_json(self.scheduled),
                "priority": self.priority,
                "estimate": self.estimate,
                "estimate_low": self.estimate_low,
                "central": self.central,
                "source": self.source,
                "received": date_to_json(self.received),
                "report_by": date_to_json(self.report_by),
                "feedback": [item.to_dict() for item in self.feedback],
                "extension_to": date_to_json(self.extension_to),
                "extension_reason": self.extension_reason,
                "report_by_original": date_to_json(self.report_by_original),
                "people": list(self.people),
                "tags": list(self.tags),
                "confidential": self.confidential,
                "recur": self.recur,
                "setback": self.setback,
                "done_at": datetime_to_json(self.done_at),
                "import_base": import_base_to_json(self.import_base),
                "intervals": [item.to_dict() for item in self.intervals],
            }
        )
        return data

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> Task:
        return _from_dict(cls, raw)

    @classmethod
    def create(cls, title: str, now: datetime, **fields: Any) -> Task:
        return cls(id=new_id(), created=now, updated=now, external_ref=None, title=title, **fields)


@dataclass(frozen=True, slots=True)
class Day(Record):
    """The plan of one date: its main contradiction and where it was carried from."""

    date: CalendarDate
    main: str | None = None
    carried_from: CalendarDate | None = None
    carry_answered: bool = False

    record_kind: ClassVar[str] = "day"

    def __post_init__(self) -> None:
        self._check_common()
        day = _parse_date("date", self.date)
        if day is None:
            raise DomainError("date", "is required")
        object.__setattr__(self, "date", day)
        _record_id("main", self.main, optional=True)
        object.__setattr__(self, "carried_from", _parse_date("carried_from", self.carried_from))
        object.__setattr__(self, "carry_answered", _bool("carry_answered", self.carry_answered))

    def to_dict(self) -> dict[str, Any]:
        data = self._common_dict()
        data.update(
            {
                "date": date_to_json(self.date),
                "main": self.main,
                "carried_from": date_to_json(self.carried_from),
                "carry_answered": self.carry_answered,
            }
        )
        return data

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> Day:
        return _from_dict(cls, raw)

    @classmethod
    def create(cls, day: CalendarDate, now: datetime, **fields: Any) -> Day:
        """The plan of ``day``, with the id every machine gives it (``date_id``)."""
        record_id = date_id("day", _required_date(day))
        return cls(id=record_id, created=now, updated=now, external_ref=None, date=day, **fields)


@dataclass(frozen=True, slots=True)
class JournalEntry(Record):
    date: CalendarDate
    body: str = ""
    tags: tuple[str, ...] = ()
    confidential: bool = False
    import_base: ImportBase = ()
    """For an entry jrnl entries were imported into: each imported section's heading with the
    fingerprint of the text it was imported with."""

    record_kind: ClassVar[str] = "journal entry"

    def __post_init__(self) -> None:
        self._check_common()
        day = _parse_date("date", self.date)
        if day is None:
            raise DomainError("date", "is required")
        object.__setattr__(self, "date", day)
        object.__setattr__(self, "body", _text("body", self.body))
        object.__setattr__(self, "tags", _names("tags", self.tags))
        object.__setattr__(self, "confidential", _bool("confidential", self.confidential))
        object.__setattr__(self, "import_base", _import_base("import_base", self.import_base))

    def appended(self, text: str, now: datetime) -> JournalEntry:
        """The entry with ``text`` added as a new paragraph."""
        addition = text.strip("\n")
        body = self.body.rstrip("\n")
        joined = f"{body}\n\n{addition}\n" if body else f"{addition}\n"
        return self.touched(now, body=joined)

    def to_dict(self) -> dict[str, Any]:
        data = self._common_dict()
        data.update(
            {
                "date": date_to_json(self.date),
                "body": self.body,
                "tags": list(self.tags),
                "confidential": self.confidential,
                "import_base": import_base_to_json(self.import_base),
            }
        )
        return data

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> JournalEntry:
        return _from_dict(cls, raw)

    @classmethod
    def create(cls, day: CalendarDate, now: datetime, **fields: Any) -> JournalEntry:
        """The entry of ``day``, with the id every machine gives it (``date_id``)."""
        record_id = date_id("journal", _required_date(day))
        return cls(id=record_id, created=now, updated=now, external_ref=None, date=day, **fields)


@dataclass(frozen=True, slots=True)
class SetbackAnalysis(Record):
    """A guided analysis of a setback along the five dimensions (挫折分析)."""

    date: CalendarDate
    title: str
    kind: SetbackKind = "other"
    objective: str = ""
    subjective: str = ""
    goal: str = ""
    environment: str = ""
    conditions: str = ""
    principal_cause: Dimension | None = None
    lesson: str = ""
    review_on: CalendarDate | None = None
    reviewed_at: datetime | None = None
    draft: bool = False
    confidential: bool = False

    record_kind: ClassVar[str] = "setback"

    def __post_init__(self) -> None:
        self._check_common()
        day = _parse_date("date", self.date)
        if day is None:
            raise DomainError("date", "is required")
        object.__setattr__(self, "date", day)
        object.__setattr__(self, "title", _text("title", self.title, required=True).strip())
        _choice("kind", self.kind, SETBACK_KINDS, optional=False)
        for name in DIMENSIONS:
            object.__setattr__(self, name, _text(name, getattr(self, name)))
        _choice("principal_cause", self.principal_cause, DIMENSIONS, optional=True)
        object.__setattr__(self, "lesson", _text("lesson", self.lesson))
        object.__setattr__(self, "review_on", _parse_date("review_on", self.review_on))
        object.__setattr__(self, "reviewed_at", _parse_datetime("reviewed_at", self.reviewed_at))
        object.__setattr__(self, "draft", _bool("draft", self.draft))
        object.__setattr__(self, "confidential", _bool("confidential", self.confidential))

    def state(self, measures: Iterable[Task], today: CalendarDate) -> SetbackState:
        """Derived state (DESIGN section 2) from the analysis and its measures.

        From its review date an unreviewed analysis is due for review whether or not its
        measures are all closed: the review is when one checks whether they worked (or were
        carried out at all), which is what the wizard promises the review date brings."""
        if self.draft:
            return "draft"
        unreviewed = self.review_on is not None and self.reviewed_at is None
        if unreviewed and self.review_on is not None and self.review_on <= today:
            return "review_due"
        if unreviewed or any(m.is_active for m in measures):
            return "open"
        return "resolved"

    def to_dict(self) -> dict[str, Any]:
        data = self._common_dict()
        data.update(
            {
                "date": date_to_json(self.date),
                "title": self.title,
                "kind": self.kind,
                "objective": self.objective,
                "subjective": self.subjective,
                "goal": self.goal,
                "environment": self.environment,
                "conditions": self.conditions,
                "principal_cause": self.principal_cause,
                "lesson": self.lesson,
                "review_on": date_to_json(self.review_on),
                "reviewed_at": datetime_to_json(self.reviewed_at),
                "draft": self.draft,
                "confidential": self.confidential,
            }
        )
        return data

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> SetbackAnalysis:
        return _from_dict(cls, raw)

    @classmethod
    def create(cls, day: CalendarDate, title: str, now: datetime, **fields: Any) -> SetbackAnalysis:
        return cls(
            id=new_id(),
            created=now,
            updated=now,
            external_ref=None,
            date=day,
            title=title,
            **fields,
        )


AnyRecord = Task | Day | JournalEntry | SetbackAnalysis
R = TypeVar("R", bound=Record)


_FIELD_NAMES: dict[type[Record], frozenset[str]] = {}


def _from_dict(cls: type[R], raw: Mapping[str, Any]) -> R:
    """Build ``cls`` from a stored dict: unknown keys are refused, missing ones default."""
    if not isinstance(raw, Mapping):
        raise DomainError(cls.record_kind, f"expected an object, got {type(raw).__name__}")
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = frozenset(f.name for f in dataclasses.fields(cls))
    if not names.issuperset(raw):
        unknown = sorted(set(raw) - names)
        raise DomainError(unknown[0], f"unknown field in a {cls.record_kind}")
    values = dict(raw)
    for list_field in ("feedback", "people", "tags", "intervals"):
        if list_field in values and isinstance(values[list_field], list):
            values[list_field] = tuple(values[list_field])
    try:
        return cls(**values)
    except TypeError as exc:
        raise DomainError(cls.record_kind, f"missing a required field ({exc})") from None


__all__ = [
    "DIMENSIONS",
    "PRIORITIES",
    "SETBACK_KINDS",
    "STATUSES",
    "AnyRecord",
    "Day",
    "Feedback",
    "JournalEntry",
    "Record",
    "SetbackAnalysis",
    "Task",
]
