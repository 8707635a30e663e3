"""The quick-add line (DESIGN section 4): tokens around free text, read into task fields.

Tokens are ``#tag``, ``@person``, ``key:value`` for the known keys (``est:`` is an estimate,
read by ``planner.domain.estimates``) and ``!flag``; the
full-width ``＃＠：！`` count the same. A token starts at the beginning of the text or
after any character that is not an ASCII letter or digit, so ``a@b.com``, ``C#`` and
``wow!main`` stay plain text while ``联系@张三`` (no space, as Chinese is typed) is a
token. A name or value ends at white space or at ``，。；、（）`` (the parentheses too,
so ``@李局（上午）`` names 李局).
"""

from __future__ import annotations

import string
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING

from planner.domain.dates import Direction, FarDate, is_far_short_date, parse_date_expr
from planner.domain.errors import ParseError
from planner.domain.estimates import Estimate, parse_estimate
from planner.domain.recurrence import RecurrenceError, first_occurrence, rule_from_text
from planner.domain.weekdays import fold

if TYPE_CHECKING:
    from planner.domain.workdays import WorkCalendar

KEYS = frozenset({"due", "sched", "report", "from", "every", "pri", "est"})
DATE_DIRECTIONS: dict[str, Direction] = {
    "due": "forward",
    "sched": "forward",
    "report": "forward",
}
"""The direction each date key is read in: all three plan ahead, so ``due:fri`` is the next
Friday and ``due:12-01`` the next 1 December (``due:-1d`` and ``due:上周五`` still work)."""
FLAGS = frozenset({"main", "central", "secret"})
TERMINATORS = frozenset("，。；、（）")

_TAG_SIGNS = frozenset("#＃")
_PERSON_SIGNS = frozenset("@＠")
_FLAG_SIGNS = frozenset("!！")
_COLONS = frozenset(":：")
_ASCII_ALNUM = frozenset(string.ascii_letters + string.digits)
_ASCII_LETTERS = frozenset(string.ascii_letters)
_PRIORITIES = {
    "h": "high",
    "high": "high",
    "m": "medium",
    "medium": "medium",
    "l": "low",
    "low": "low",
}


@dataclass(frozen=True, slots=True)
class Token:
    """One token found in the text.

    ``kind`` is ``tag``, ``person``, ``key`` or ``flag``. ``key`` is the name for tags and
    people (as typed), the lower-case key name for key tokens and the flag name for flags.
    ``value`` is the raw value of a key token, else empty; ``start`` is 0-based in the
    original text and ``raw`` is the token's exact source text.
    """

    kind: str
    key: str
    value: str
    start: int
    raw: str


def _is_word_char(ch: str) -> bool:
    return any(c in _ASCII_ALNUM for c in unicodedata.normalize("NFKC", ch))


def _is_key_letter(ch: str) -> bool:
    folded = fold(ch)
    return bool(folded) and all(c in _ASCII_LETTERS for c in folded)


def _ends_value(ch: str) -> bool:
    return ch.isspace() or ch in TERMINATORS


def _readable(name: str) -> bool:
    return any(ch.isalnum() for ch in name)


OPEN_QUOTES = frozenset('"“')
CLOSE_QUOTES = frozenset('"”')
QUOTABLE_KEYS = frozenset({"from"})
"""Besides ``@``, the keys whose value is a name, which may be quoted: ``from:"Director Li"``."""


def _quoted(text: str, start: int) -> int | None:
    """The index of the quote closing the one at ``start``, if a quoted name that is not
    blank follows (``@"Director Zhang"``); else None, and the sign reads as it would
    without quotes."""
    if start >= len(text) or text[start] not in OPEN_QUOTES:
        return None
    for end in range(start + 1, len(text)):
        if text[end] in CLOSE_QUOTES:
            return end if text[start + 1 : end].strip() else None
    return None


def tokenize(text: str, extra_keys: frozenset[str] = frozenset()) -> tuple[list[Token], str]:
    """Split ``text`` into tokens and the remaining free text (white space collapsed).

    ``extra_keys`` adds keys beyond quick add's own (the filter adds ``status``). Raises
    ``ParseError`` only for structure: an unknown ``!word`` or a known key with no value.
    """
    keys = KEYS | extra_keys
    tokens: list[Token] = []
    free: list[str] = []
    n = len(text)
    i = 0
    plain_from = 0

    def value_end(start: int) -> int:
        end = start
        while end < n and not _ends_value(text[end]):
            end += 1
        return end

    def emit(kind: str, key: str, value: str, start: int, end: int) -> None:
        nonlocal plain_from
        free.append(text[plain_from:start])
        tokens.append(Token(kind, key, value, start, text[start:end]))
        plain_from = end

    while i < n:
        ch = text[i]
        if i > 0 and _is_word_char(text[i - 1]):
            i += 1
            continue
        if ch in _PERSON_SIGNS and (close := _quoted(text, i + 1)) is not None:
            emit("person", text[i + 2 : close].strip(), "", i, close + 1)
            i = close + 1
            continue
        if ch in _TAG_SIGNS or ch in _PERSON_SIGNS:
            end = value_end(i + 1)
            name = text[i + 1 : end]
            if _readable(name):
                emit("tag" if ch in _TAG_SIGNS else "person", name, "", i, end)
                i = end
                continue
            i += 1
            continue
        if ch in _FLAG_SIGNS:
            end = value_end(i + 1)
            word = fold(text[i + 1 : end])
            if word in FLAGS:
                emit("flag", word, "", i, end)
                i = end
                continue
            if word and all(c in _ASCII_LETTERS for c in word):
                raise ParseError(
                    text[i:end], i, "unknown flag; use !main, !central or !secret", "unknown_flag"
                )
            i += 1
            continue
        if _is_key_letter(ch):
            j = i
            while j < n and _is_key_letter(text[j]):
                j += 1
            if j < n and text[j] in _COLONS:
                key = fold(text[i:j])
                close = _quoted(text, j + 1) if key in QUOTABLE_KEYS else None
                if close is not None:
                    emit("key", key, text[j + 2 : close].strip(), i, close + 1)
                    i = close + 1
                    continue
                if key in keys:
                    end = value_end(j + 1)
                    if end == j + 1:
                        raise ParseError(text[i:end], i, "the value is missing", "empty_value")
                    emit("key", key, text[j + 1 : end], i, end)
                    i = end
                    continue
                if text.startswith("//", j + 1):
                    i = value_end(j)
                    continue
            i = j
            continue
        i += 1
    free.append(text[plain_from:])
    return tokens, " ".join("".join(free).split())


@dataclass(frozen=True, slots=True)
class TokenValues:
    """What a list of tokens says, read and checked; shared by quick add and the filter.

    ``extra`` keeps the key tokens of ``extra_keys`` (such as ``status:``) for the caller.
    """

    tags: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    due: date | datetime | None = None
    scheduled: date | None = None
    report_by: date | None = None
    source: str | None = None
    recur: str | None = None
    priority: str | None = None
    estimate: Estimate | None = None
    main: bool = False
    central: bool = False
    confidential: bool = False
    extra: tuple[Token, ...] = ()
    far_dates: tuple[FarDate, ...] = ()


def _unique(names: Sequence[str]) -> tuple[str, ...]:
    seen: set[str] = set()
    kept: list[str] = []
    for name in names:
        if fold(name) not in seen:
            seen.add(fold(name))
            kept.append(name)
    return tuple(kept)


def _token_error(token: Token, err: ParseError) -> ParseError:
    return ParseError(token.raw, token.start, err.reason, err.reason_key or "bad_date")


def read_tokens(
    tokens: Sequence[Token],
    today: date,
    tz: tzinfo,
    *,
    workdays: WorkCalendar | None = None,
) -> TokenValues:
    """Read the values of ``tokens``: dates, rule and priority. ``workdays`` counts the
    working days of ``due:+3wd`` (plain weekdays when ``None``).

    A key given twice is an error; repeated tags, people and flags count once (first
    seen kept), since repeating them cannot mean two different things.
    """
    tags: list[str] = []
    people: list[str] = []
    flags: set[str] = set()
    seen: set[str] = set()
    extra: list[Token] = []
    due: date | datetime | None = None
    scheduled: date | None = None
    report_by: date | None = None
    source: str | None = None
    recur: str | None = None
    priority: str | None = None
    estimate: Estimate | None = None
    far: list[FarDate] = []

    def read_date(token: Token) -> date:
        day = _read_date(token, today, tz, workdays)
        if is_far_short_date(token.value, day, today):
            far.append(FarDate(token.raw, day.date() if isinstance(day, datetime) else day))
        return day

    for token in tokens:
        if token.kind == "tag":
            tags.append(token.key)
            continue
        if token.kind == "person":
            people.append(token.key)
            continue
        if token.kind == "flag":
            flags.add(token.key)
            continue
        if token.key in seen:
            raise ParseError(token.raw, token.start, "given twice", "duplicate")
        seen.add(token.key)
        if token.key == "due":
            due = read_date(token)
        elif token.key == "sched":
            scheduled = read_date(token)
        elif token.key == "report":
            report_by = read_date(token)
        elif token.key == "from":
            source = token.value
        elif token.key == "every":
            recur = _read_rule(token)
        elif token.key == "pri":
            priority = _read_priority(token)
        elif token.key == "est":
            estimate = _read_estimate(token)
        else:
            extra.append(token)
    return TokenValues(
        tags=_unique(tags),
        people=_unique(people),
        due=due,
        scheduled=scheduled,
        report_by=report_by,
        source=source,
        recur=recur,
        priority=priority,
        estimate=estimate,
        main="main" in flags,
        central="central" in flags,
        confidential="secret" in flags,
        extra=tuple(extra),
        far_dates=tuple(far),
    )


def _read_date(token: Token, today: date, tz: tzinfo, workdays: WorkCalendar | None) -> date:
    try:
        return parse_date_expr(
            token.value,
            today,
            tz,
            DATE_DIRECTIONS[token.key],
            allow_time=token.key == "due",
            position=token.start,
            workdays=workdays,
        )
    except ParseError as err:
        raise _token_error(token, err) from None


def _read_rule(token: Token) -> str:
    try:
        return rule_from_text(token.value)
    except RecurrenceError:
        raise ParseError(
            token.raw,
            token.start,
            "not a repeat rule; use day, weekday, fri, month or an RRULE",
            "bad_rule",
        ) from None


def _read_priority(token: Token) -> str:
    priority = _PRIORITIES.get(fold(token.value))
    if priority is None:
        raise ParseError(token.raw, token.start, "priority is h, m or l", "bad_priority")
    return priority


def _read_estimate(token: Token) -> Estimate:
    try:
        return parse_estimate(token.value)
    except ParseError as err:
        raise _token_error(token, err) from None


@dataclass(frozen=True, slots=True)
class QuickAdd:
    """A parsed quick-add line."""

    title: str
    tags: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    due: date | datetime | None = None
    scheduled: date | None = None
    report_by: date | None = None
    source: str | None = None
    recur: str | None = None
    priority: str | None = None
    estimate: int | None = None
    """Minutes (a range's upper end); ``estimate_low`` is a range's lower end."""
    estimate_low: int | None = None
    main: bool = False
    central: bool = False
    confidential: bool = False
    far_dates: tuple[FarDate, ...] = ()
    """Short dates read as days more than about six months away, for the confirmation."""

    def task_fields(self, today: date) -> dict[str, object]:
        """Keyword arguments for ``Task.create(title, now, **fields)``.

        A task lands in the inbox unless the line already decided when it happens
        (``!main``, ``sched:`` or ``every:``): then it is open. An instruction
        (``from:``) is received today. A repeating task without a due date is due on
        the rule's first occurrence on or after today. ``main`` is left to the caller,
        which records the day's main contradiction.
        """
        opened = self.main or self.scheduled is not None or self.recur is not None
        due = self.due
        if due is None and self.recur is not None:
            due = first_occurrence(self.recur, today)
        return {
            "status": "open" if opened else "inbox",
            "due": due,
            "scheduled": self.scheduled,
            "report_by": self.report_by,
            "source": self.source,
            "received": today if self.source is not None else None,
            "recur": self.recur,
            "priority": self.priority,
            "estimate": self.estimate,
            "estimate_low": self.estimate_low,
            "people": self.people,
            "tags": self.tags,
            "central": self.central,
            "confidential": self.confidential,
        }


def parse_quick_add(
    text: str, today: date, tz: tzinfo, *, workdays: WorkCalendar | None = None
) -> QuickAdd:
    """Read a quick-add line; raises ``ParseError`` (with ``reason_key``) naming the bad part.
    ``workdays`` counts ``due:+3wd`` (plain weekdays when ``None``)."""
    tokens, title = tokenize(text)
    values = read_tokens(tokens, today, tz, workdays=workdays)
    if not title:
        raise ParseError(text, 0, "the task needs a title besides its tokens", "no_title")
    return QuickAdd(
        title=title,
        tags=values.tags,
        people=values.people,
        due=values.due,
        scheduled=values.scheduled,
        report_by=values.report_by,
        source=values.source,
        recur=values.recur,
        priority=values.priority,
        estimate=values.estimate.minutes if values.estimate else None,
        estimate_low=values.estimate.low if values.estimate else None,
        main=values.main,
        central=values.central,
        confidential=values.confidential,
        far_dates=values.far_dates,
    )
