"""Changing a task's fields with quick-add tokens (``planner edit ID TOKENS``, Taskwarrior's
``modify``).

Every word of the text must be a token, so that a typo never renames a task: the title and
the notes are changed only by name (``--title``, ``--notes``). A word is one of

- a quick-add token, which sets its field: ``due:fri``, ``sched:+1w``, ``report:周三``,
  ``from:张主任``, ``every:fri``, ``pri:h``, ``est:1.5h``, ``!central``, ``!secret``; ``#tag`` and
  ``@person`` add a tag or a key person;
- ``-#tag``, ``-@person``, ``-!central``, ``-!secret``: take it away;
- ``due:none``, ``sched:none``, ``report:none``, ``from:none``, ``every:none``,
  ``pri:none``, ``est:none``: clear that field.

Dates read forward, as in quick add. ``!main`` is refused (the main contradiction belongs to
a day, not to the task: ``planner main ID``). A field given twice, or a name both added and
taken away, is an error naming the second word.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING, Any

from planner.domain.dates import FarDate
from planner.domain.errors import DomainError, ParseError
from planner.domain.models import Task
from planner.domain.quickadd import KEYS, TERMINATORS, Token, read_tokens, tokenize
from planner.domain.recurrence import first_occurrence
from planner.domain.weekdays import fold

if TYPE_CHECKING:
    from planner.domain.workdays import WorkCalendar

_WORD = re.compile(r"\S+")
_MINUS = frozenset("-－")
_TAKE_AWAY_SIGNS = frozenset("#＃@＠!！")
_CLEAR = re.compile(r"([a-z]+):none", re.ASCII)
_FIELD_OF_KEY = {
    "due": "due",
    "sched": "scheduled",
    "report": "report_by",
    "from": "source",
    "every": "recur",
    "pri": "priority",
    "est": "estimate",
}
_FIELD_OF_FLAG = {"central": "central", "secret": "confidential"}

FREE_WORD = "not a token; to change the title use --title (the notes: --notes)"
EDIT_MAIN = "the main contradiction belongs to a day: use planner main ID"
CONTRADICTORY = "both added and taken away"


@dataclass(frozen=True, slots=True)
class TaskEdit:
    """What an edit asks: fields to set (``None`` clears one), names to add and take away,
    and a new title or notes. Applied to the task as it is when the change is written."""

    values: Mapping[str, object] = field(default_factory=dict)
    """Task field -> its new value, ``None`` to clear it (``due``, ``scheduled``,
    ``report_by``, ``source``, ``recur``, ``priority``, ``estimate`` with ``estimate_low``,
    ``central``, ``confidential``)."""
    add_tags: tuple[str, ...] = ()
    remove_tags: tuple[str, ...] = ()
    add_people: tuple[str, ...] = ()
    remove_people: tuple[str, ...] = ()
    title: str | None = None
    notes: str | None = None
    far_dates: tuple[FarDate, ...] = ()
    """Short dates read as days more than about six months away, for the confirmation."""

    @property
    def is_empty(self) -> bool:
        return (
            not self.values
            and not (self.add_tags or self.remove_tags or self.add_people or self.remove_people)
            and self.title is None
            and self.notes is None
        )

    def fields(self, task: Task, today: date) -> dict[str, Any]:
        """The fields of ``task`` this edit changes, with their new values (only those that
        differ). As in quick add, ``from:`` receives the instruction today (unless it was
        already one), ``sched:`` and ``every:`` take an inbox task out of the inbox, and a
        repeating task left without a due date is due on the rule's first occurrence."""
        wanted: dict[str, Any] = dict(self.values)
        if "source" in wanted:
            if wanted["source"] is None:
                wanted["received"] = None
            elif task.source is None or task.received is None:
                wanted["received"] = today
        recur = wanted.get("recur")
        due = wanted.get("due", task.due)
        if recur is not None and due is None:
            wanted["due"] = first_occurrence(str(recur), today)
        opens = wanted.get("scheduled") is not None or recur is not None
        if opens and task.status == "inbox":
            wanted["status"] = "open"
        tags = _names_after(task.tags, self.add_tags, self.remove_tags)
        people = _names_after(task.people, self.add_people, self.remove_people)
        wanted.update(tags=tags, people=people)
        if self.title is not None:
            wanted["title"] = " ".join(self.title.split())
        if self.notes is not None:
            wanted["notes"] = self.notes
        return {name: value for name, value in wanted.items() if getattr(task, name) != value}

    def applied(self, task: Task, today: date, now: datetime) -> Task:
        """``task`` with this edit made (``updated`` = ``now``), or ``task`` itself when the
        edit changes nothing."""
        changed = self.fields(task, today)
        if not changed:
            return task
        edited = task.touched(now, **changed)
        # The model normalises some values (a rule's spelling): unchanged once stored.
        return task if replace(edited, updated=task.updated) == task else edited


def _names_after(
    names: tuple[str, ...], added: tuple[str, ...], removed: tuple[str, ...]
) -> tuple[str, ...]:
    """``names`` without ``removed`` and then with ``added`` (each once; case and width do
    not matter, as everywhere names are compared)."""
    gone = {fold(name) for name in removed}
    kept = [name for name in names if fold(name) not in gone]
    present = {fold(name) for name in kept}
    for name in added:
        if fold(name) not in present:
            present.add(fold(name))
            kept.append(name)
    return tuple(kept)


def parse_edit(
    text: str,
    today: date,
    tz: tzinfo,
    *,
    title: str | None = None,
    notes: str | None = None,
    workdays: WorkCalendar | None = None,
) -> TaskEdit:
    """Read the tokens of an edit (see the module's docstring); raises ``ParseError`` naming
    the first word it cannot take, with its column in ``text``. ``title`` and ``notes``
    are taken as given; a blank title is a ``DomainError`` (a task needs one)."""
    if title is not None and not title.strip():
        raise DomainError("title", "cannot be empty")
    tokens: list[Token] = []
    taken: list[Token] = []
    cleared: list[Token] = []
    for match in _WORD.finditer(text):
        word, start = match.group(), match.start()
        if len(word) > 1 and word[0] in _MINUS and word[1] in _TAKE_AWAY_SIGNS:
            taken.append(_one_token(word, word[1:], start + 1))
            continue
        key = _cleared_key(word)
        if key is not None:
            cleared.append(Token("clear", key, "", start, word))
            continue
        tokens.extend(_tokens_of(word, start))
    for token in (*tokens, *taken):
        if token.kind == "flag" and token.key == "main":
            raise ParseError(token.raw, token.start, EDIT_MAIN, "edit_main")
    values = read_tokens(tokens, today, tz, workdays=workdays)
    given: dict[str, object] = {
        "due": values.due,
        "scheduled": values.scheduled,
        "report_by": values.report_by,
        "source": values.source,
        "recur": values.recur,
        "priority": values.priority,
    }
    settings = {name: value for name, value in given.items() if value is not None}
    if values.estimate is not None:
        # both ends, so that a single value given over a range drops the range's lower end
        settings["estimate"] = values.estimate.minutes
        settings["estimate_low"] = values.estimate.low
    set_keys = {token.key for token in tokens if token.kind == "key"}
    for token in cleared:
        if token.key in set_keys:
            raise ParseError(token.raw, token.start, "given twice", "duplicate")
        set_keys.add(token.key)
        settings[_FIELD_OF_KEY[token.key]] = None
        if token.key == "est":
            settings["estimate_low"] = None
    flags = {token.key for token in tokens if token.kind == "flag"}
    for name in sorted(flags):
        settings[_FIELD_OF_FLAG[name]] = True
    add_tags, add_people = values.tags, values.people
    remove_tags: list[str] = []
    remove_people: list[str] = []
    for token in taken:
        if token.kind == "flag":
            _refuse_both(token, token.key in flags)
            settings[_FIELD_OF_FLAG[token.key]] = False
        elif token.kind == "tag":
            _refuse_both(token, fold(token.key) in {fold(tag) for tag in add_tags})
            remove_tags.append(token.key)
        else:
            _refuse_both(token, fold(token.key) in {fold(person) for person in add_people})
            remove_people.append(token.key)
    return TaskEdit(
        values=settings,
        add_tags=add_tags,
        remove_tags=tuple(remove_tags),
        add_people=add_people,
        remove_people=tuple(remove_people),
        title=title,
        notes=notes,
        far_dates=values.far_dates,
    )


def _refuse_both(token: Token, added: bool) -> None:
    if added:
        raise ParseError(token.raw, token.start, CONTRADICTORY, "contradictory")


def _cleared_key(word: str) -> str | None:
    """``due`` for ``due:none`` (any case or width, a trailing ``，`` allowed), else None."""
    match = _CLEAR.fullmatch(fold(word).rstrip("".join(TERMINATORS)))
    if match is None or match.group(1) not in KEYS:
        return None
    return match.group(1)


def _tokens_of(word: str, start: int) -> list[Token]:
    """The tokens of one word, at their column in the whole text; a word with anything but
    tokens (and the ``，。；、（）`` that may end them) is refused."""
    try:
        found, free = tokenize(word)
    except ParseError as err:
        # tokenize's errors (an unknown flag, a missing value) always carry their key
        at = err.position + start
        raise ParseError(err.part, at, err.reason, err.reason_key or "free_word") from None
    if not found or free.strip("".join(TERMINATORS) + " "):
        raise ParseError(word, start, FREE_WORD, "free_word")
    return [
        Token(token.kind, token.key, token.value, token.start + start, token.raw) for token in found
    ]


def _one_token(word: str, inner: str, start: int) -> Token:
    """What ``-#tag``, ``-@person`` or ``-!flag`` takes away: exactly one tag, person or
    ``central``/``secret`` flag, named by the whole word when it is anything else."""
    try:
        tokens = _tokens_of(inner, start)
    except ParseError as err:
        if err.reason_key != "free_word":
            raise
        tokens = []
    if len(tokens) != 1 or tokens[0].kind == "key" or tokens[0].start != start:
        raise ParseError(word, start - 1, FREE_WORD, "free_word")
    token = tokens[0]
    return Token(token.kind, token.key, "", start - 1, word)
