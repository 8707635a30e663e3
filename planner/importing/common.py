"""What the importers share: per-line issues, imported records, and how text is read.

Parsers are pure: they turn a file's text into records (with ``external_ref`` set) and a list
of issues, each naming its line and a reason as a catalog key (``import.reason.<key>``) with
its values, so the command can word it in the user's language.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Generic, Literal, TypeVar

from planner.domain.ids import ref_id
from planner.domain.models import Task

T = TypeVar("T")

IssueKey = Literal[
    "not_utf8",
    "not_text",
    "not_texts",
    "not_text_or_texts",
    "not_bool",
    "not_annotations",
    "too_deep",
    "line_too_long",
    "too_many_records",
    "too_many_skipped",
    "bad_completion_date",
    "bad_creation_date",
    "bad_due_date",
    "bad_threshold_date",
    "no_text",
    "invalid",
    "due_not_date",
    "json",
    "not_object",
    "no_uuid",
    "duplicate_uuid",
    "no_description",
    "bad_status",
    "bad_date",
    "unknown_recur",
    "folded",
    "unruled_series",
    "no_entries",
    "bad_entry_date",
    "bad_entry_field",
    "empty_entry",
    "entry_edited_both",
]
"""Every reason an importer gives (``import.reason.<key>`` in the catalog): spelled out so
that a test can check each is worded in both languages."""


@dataclass(frozen=True, slots=True)
class Issue:
    """A line that was skipped (an error) or imported with a caveat (a warning)."""

    line: int
    key: IssueKey
    values: dict[str, str] = field(default_factory=dict)


def issue(line: int, key: IssueKey, **values: object) -> Issue:
    return Issue(line, key, {name: str(value) for name, value in values.items()})


class Skipped(Exception):
    """A record that cannot be imported, with the error reported for it: raised where the
    parser finds the fault, caught where it moves on to the next record."""

    def __init__(self, found: Issue) -> None:
        super().__init__(found.key)
        self.issue = found


@dataclass(frozen=True, slots=True)
class ImportedTask:
    """A task read from a file: a new record with its ``external_ref`` and the id derived
    from it (``imported_id``).

    ``former_refs`` are refs the same task had in an earlier version of the file (a todo.txt
    line before it was marked done) or in planner (a Taskwarrior occurrence of a series
    closed in planner). ``carried`` names fields the source drops when it closes a task that
    way (todo.sh drops the priority): matched through a former ref, they count as unchanged.
    ``source_dated`` says ``task.updated`` is the source's own modification time, which
    decides a record imported before bases were kept (see ``merge``).
    """

    line: int
    task: Task
    former_refs: tuple[str, ...] = ()
    source_dated: bool = False
    carried: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Section:
    """One imported journal text (a jrnl entry) as it is written into a day's entry.

    ``markers`` are the pieces of text whose presence in an entry shows it already holds
    this section, however its heading was edited since. ``key`` names it among the day's
    sections: its heading line, then a line with its number when the day has two alike
    (jrnl entries have no id, so one is known by its date, time and title).
    """

    line: int
    text: str
    markers: tuple[str, ...]
    key: str = ""

    @property
    def heading(self) -> str:
        return self.text.split("\n", 1)[0]

    @property
    def fingerprint(self) -> str:
        """What the entry's import base keeps of this section, to see later whether the
        text planner holds is still the one imported."""
        return content_hash(self.text.strip("\n"))


@dataclass(frozen=True, slots=True)
class ImportedDay:
    """Everything one file says about one date's journal entry."""

    date: date
    sections: tuple[Section, ...]
    tags: tuple[str, ...]
    ref: str

    @property
    def text(self) -> str:
        return joined(self.sections)


def joined(sections: Iterable[Section]) -> str:
    """Sections as one Markdown text, a blank line between them."""
    return "\n\n".join(section.text for section in sections) + "\n"


@dataclass
class Parsed(Generic[T]):
    """What a parser read: the records, the lines it skipped, the caveats."""

    records: list[T] = field(default_factory=list)
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)


def imported_id(external_ref: str, taken: Container[str] = ()) -> str:
    """The id of a record imported with ``external_ref``: ``planner.domain.ids.ref_id`` of
    the importer's name (every importer's refs begin with it: "todotxt:...") and the ref, so
    importing one file on two machines makes one record. ``taken``: ids already in use."""
    source, _sep, _rest = external_ref.partition(":")
    return ref_id(source, external_ref, taken)


def content_hash(text: str) -> str:
    """A short, stable fingerprint of ``text`` for an ``external_ref``."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def decode(raw: bytes) -> str:
    """The file's text; bytes that are not UTF-8 become lone surrogates, found per record."""
    text = raw.decode("utf-8", "surrogateescape")
    return text.removeprefix("\ufeff")


def has_bad_text(value: object) -> bool:
    """True when ``value`` (or anything inside it) holds text that was not UTF-8."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False
    if isinstance(value, dict):
        return any(has_bad_text(k) or has_bad_text(v) for k, v in value.items())
    if isinstance(value, list):
        return any(has_bad_text(item) for item in value)
    return False


def lines_of(text: str) -> Iterator[tuple[int, str]]:
    """Each line with its 1-based number, without its line ending (``\n`` or ``\r\n``).

    Only ``\n`` ends a line, as in editors, so the numbers match what the user sees. One
    line at a time: a file of millions of empty lines is never a list of them.
    """
    start, number = 0, 1
    while (end := text.find("\n", start)) != -1:
        yield number, text[start:end].removesuffix("\r")
        start, number = end + 1, number + 1
    yield number, text[start:].removesuffix("\r")


_FILLED = re.compile(r"^[^\S\n]*\S[^\n]*", re.MULTILINE)


def filled_lines(text: str) -> Iterator[tuple[int, str]]:
    """``lines_of`` without the lines that hold only white space, found by the regular
    expression engine rather than one by one: a file of sixty million line breaks takes a
    second, not a minute."""
    counted, number = 0, 1
    for match in _FILLED.finditer(text):
        number += text.count("\n", counted, match.start())
        counted = match.start()
        yield number, match.group().removesuffix("\r")
