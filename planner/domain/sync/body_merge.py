"""A journal entry's text from the operations of several machines (issue #14).

Three operations touch an entry's body: ``create`` (the whole record, body included),
``append`` (a paragraph added, joined as ``JournalEntry.appended`` joins it) and ``body`` (an
edit: the new text and the line diff from the text it started from, whose hash is the op's
``base``). ``replay_body`` folds ALL of one entry's operations in stamp order into one text,
so the same set of operations gives the same text on every machine, whatever order they
arrived in, and an operation received twice counts once.

An edit made on the text the replay holds simply replaces it. An edit made on an older text
(another machine edited meanwhile) is merged line by line against its own base, which its
diff rebuilds exactly (each hunk carries the lines it replaced): changes to different lines
both hold, the same change made twice holds once, insertions at one place on both sides are
both kept (the earlier stamp first), and where the two changed the same lines both versions
are kept in the text between marker lines naming machine and time (earlier stamp first) and
reported as a ``BodyConflict``, never one silently dropped. The markers are symbols, not words
and not git's ``<<<<<<<``: the domain has no language, and the data files must never hold
what looks like a failed git merge.

A later ``create`` of an entry that already has text (two machines wrote the first lines of
the same day offline) is joined like an append, unless one text already begins with the other.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from difflib import SequenceMatcher
from typing import Any, Final, TypeGuard

from planner.domain.sync.hlc import ZERO, Stamp
from planner.domain.sync.ops import Op, text_hash

MARK_OPEN: Final = "⟪"
MARK_CLOSE: Final = "⟫"
END_MARK: Final = "⟪/⟫"
"""The line closing a block of kept versions."""

_LINE_BREAKS: Final = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
"""What ``str.splitlines`` ends a line at."""
_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)
_OURS: Final = 0
_THEIRS: Final = 1


@dataclass(frozen=True, slots=True)
class BodyConflict:
    """Two machines changed the same lines without seeing each other; both versions are
    kept in the text. ``earlier`` is the stamp of the edit already in the text (the latest
    that wrote those lines), ``later`` the stamp of the edit merged into it."""

    earlier: Stamp
    later: Stamp
    earlier_text: str
    later_text: str

    @property
    def machines(self) -> tuple[str, str]:
        """The machines of the earlier and the later version."""
        return (self.earlier.machine, self.later.machine)


@dataclass(frozen=True, slots=True)
class BodyResult:
    text: str
    conflicts: tuple[BodyConflict, ...] = ()
    """Every overlap met during the replay, in stamp order, including ones a later edit has
    since resolved: a caller records those it has not recorded yet (by their stamp pair)."""


def body_edit(old: str, new: str) -> dict[str, Any]:
    """The JSON ``value`` of a ``body`` operation turning ``old`` into ``new``: the new text
    and its line diff from ``old``, each hunk with the lines it replaced (``at`` counts lines
    of ``old``). The operation's ``base`` is ``text_hash(old)``."""
    old_lines = old.splitlines(keepends=True)
    new_lines = new.splitlines(keepends=True)
    hunks = [
        {"at": i1, "old": old_lines[i1:i2], "new": new_lines[j1:j2]}
        for tag, i1, i2, j1, j2 in _matcher(old_lines, new_lines).get_opcodes()
        if tag != "equal"
    ]
    return {"text": new, "hunks": hunks}


def edit_base(value: Any) -> str | None:
    """The text a ``body_edit`` value started from, rebuilt from its text and hunks
    (``None`` when the value is not one)."""
    parsed = _parse_edit(value)
    if parsed is None or parsed[1] is None:
        return None
    return "".join(parsed[1])


def join_append(body: str, text: str) -> str:
    """``body`` with ``text`` added as a new paragraph, exactly as ``JournalEntry.appended``."""
    addition = text.strip("\n")
    kept = body.rstrip("\n")
    return f"{kept}\n\n{addition}\n" if kept else f"{addition}\n"


def replay_body(ops: Sequence[Op]) -> BodyResult:
    """The body of one journal entry from all its ``create``, ``append`` and ``body``
    operations (others, and operations of a newer format, are passed over). Sorted by stamp
    here again, and an operation given twice counts once, so the result depends only on the
    set of operations."""
    replay = _Replay()
    previous: tuple[Any, ...] | None = None
    for key, op in sorted(((_order_key(op), op) for op in ops if op.understood), key=_first):
        if key == previous:
            continue
        previous = key
        replay.apply(op)
    return BodyResult(replay.text, tuple(replay.conflicts))


def version_mark(stamp: Stamp) -> str:
    """The line opening the version ``stamp`` wrote: its machine and time (UTC, minutes)."""
    try:
        when = (_EPOCH + timedelta(milliseconds=stamp.wall)).strftime("%Y-%m-%d %H:%M UTC")
    except OverflowError:
        when = stamp.encode()
    return f"{MARK_OPEN} {stamp.machine} · {when} {MARK_CLOSE}"


def _first(pair: tuple[tuple[Any, ...], Op]) -> tuple[Any, ...]:
    return pair[0]


def _order_key(op: Op) -> tuple[Any, ...]:
    value = json.dumps(op.value, sort_keys=True, ensure_ascii=False, default=str)
    return (op.stamp, op.seq, op.op, op.base or "", value)


def _matcher(a: list[str], b: list[str]) -> SequenceMatcher[str]:
    # No autojunk: in a long entry, blank lines would count as junk and the diff would drift.
    return SequenceMatcher(None, a, b, autojunk=False)


def _parse_edit(value: Any) -> tuple[str, list[str] | None] | None:
    """(new text, the base's lines or None when the hunks do not rebuild it), or None."""
    if not isinstance(value, dict) or not isinstance(value.get("text"), str):
        return None
    text: str = value["text"]
    hunks = value.get("hunks")
    return text, _rebuild_base(text.splitlines(keepends=True), hunks)


def _rebuild_base(new_lines: list[str], hunks: Any) -> list[str] | None:
    if not isinstance(hunks, list):
        return None
    base: list[str] = []
    old_pos = new_pos = 0
    for hunk in hunks:
        if not isinstance(hunk, dict):
            return None
        at, old, added = hunk.get("at"), hunk.get("old"), hunk.get("new")
        if (
            not isinstance(at, int)
            or isinstance(at, bool)
            or at < old_pos
            or not _is_lines(old)
            or not _is_lines(added)
        ):
            return None
        start = new_pos + at - old_pos
        if start + len(added) > len(new_lines) or new_lines[start : start + len(added)] != added:
            return None
        base += new_lines[new_pos:start]
        base += old
        new_pos = start + len(added)
        old_pos = at + len(old)
    base += new_lines[new_pos:]
    return base


def _is_lines(value: object) -> TypeGuard[list[str]]:
    return isinstance(value, list) and all(isinstance(line, str) for line in value)


def _terminated(lines: list[str]) -> tuple[list[str], bool]:
    """The lines with the last one ended by a line break too, and whether it had one.

    So that a line added after an unterminated last line on two machines is two insertions
    at one place, not two changes of that last line; the final break is merged apart."""
    if lines and lines[-1].rstrip(_LINE_BREAKS) == lines[-1]:
        return [*lines[:-1], lines[-1] + "\n"], False
    return lines, True


@dataclass(slots=True)
class _Change:
    start: int
    end: int
    lines: list[str]
    side: int


@dataclass(slots=True)
class _Group:
    start: int
    end: int
    changes: list[_Change] = field(default_factory=list)

    def takes(self, change: _Change) -> bool:
        """Whether ``change`` overlaps the group: shares a line with it, is an insertion
        strictly inside it, or is an insertion where the group is one."""
        if change.start < self.end and change.end > self.start:
            return True
        return change.start == change.end == self.start == self.end

    def add(self, change: _Change) -> None:
        self.changes.append(change)
        self.end = max(self.end, change.end)

    def version(self, base: list[str], side: int) -> list[str]:
        out: list[str] = []
        pos = self.start
        for change in self.changes:
            if change.side == side:
                out += base[pos : change.start]
                out += change.lines
                pos = change.end
        out += base[pos : self.end]
        return out

    def sides(self) -> set[int]:
        return {change.side for change in self.changes}


def _changes(base: list[str], other: list[str], side: int) -> list[_Change]:
    return [
        _Change(i1, i2, other[j1:j2], side)
        for tag, i1, i2, j1, j2 in _matcher(base, other).get_opcodes()
        if tag != "equal"
    ]


def _groups(base: list[str], ours: list[str], theirs: list[str]) -> list[_Group]:
    changes = _changes(base, ours, _OURS) + _changes(base, theirs, _THEIRS)
    changes.sort(key=lambda c: (c.start, c.end, c.side))
    groups: list[_Group] = []
    for change in changes:
        if not groups or not groups[-1].takes(change):
            groups.append(_Group(change.start, change.start))
        groups[-1].add(change)
    return groups


class _Replay:
    """The text so far, with for each line the stamp of the operation that wrote it (to name
    the earlier side of a conflict)."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.authors: list[Stamp] = []
        self.last = ZERO
        self.seen: dict[str, str] = {text_hash(""): ""}
        self.conflicts: list[BodyConflict] = []

    @property
    def text(self) -> str:
        return "".join(self.lines)

    def apply(self, op: Op) -> None:
        if op.op == "create":
            self._create(op)
        elif op.op == "append":
            if isinstance(op.value, str):
                self._become(join_append(self.text, op.value), op.stamp)
        elif op.op == "body":
            self._edit(op)

    def _create(self, op: Op) -> None:
        body = op.value.get("body", "") if isinstance(op.value, dict) else ""
        if not isinstance(body, str):
            return
        current = self.text
        if not body or body == current:
            return
        have, new = current.rstrip("\n"), body.rstrip("\n")
        if have and (not new or have == new or have.startswith(new + "\n")):
            return  # already in the text
        if not have or new.startswith(have + "\n"):
            self._become(body, op.stamp)
        else:
            self._become(join_append(current, body), op.stamp)

    def _edit(self, op: Op) -> None:
        parsed = _parse_edit(op.value)
        if parsed is None:
            return
        new, rebuilt = parsed
        current = self.text
        if new == current:
            return
        if op.base is not None and text_hash(current) == op.base:
            exact = rebuilt is not None and "".join(rebuilt) == current
            self._become(new, op.stamp, op.value["hunks"] if exact else None)
            return
        base = self._base(op.base, rebuilt)
        ours, ours_ends = _terminated(self.lines)
        theirs, theirs_ends = _terminated(new.splitlines(keepends=True))
        if base is None:
            merged, ends = self._conflict(ours, theirs, self.authors, op.stamp), True
        else:
            base, base_ends = _terminated(base)
            merged = self._merge(base, ours, theirs, op.stamp)
            ends = theirs_ends if ours_ends == base_ends else ours_ends
        text = "".join(merged)
        self._become(text if ends else text.removesuffix("\n"), op.stamp)

    def _base(self, wanted: str | None, rebuilt: list[str] | None) -> list[str] | None:
        if rebuilt is not None and (wanted is None or text_hash("".join(rebuilt)) == wanted):
            return rebuilt
        if wanted is not None and wanted in self.seen:
            return self.seen[wanted].splitlines(keepends=True)
        return rebuilt

    def _merge(
        self, base: list[str], ours: list[str], theirs: list[str], stamp: Stamp
    ) -> list[str]:
        out: list[str] = []
        base_pos = ours_pos = 0
        for group in _groups(base, ours, theirs):
            out += base[base_pos : group.start]
            ours_pos += group.start - base_pos
            mine = group.version(base, _OURS)
            authors = self.authors[ours_pos : ours_pos + len(mine)]
            ours_pos += len(mine)
            base_pos = group.end
            if group.sides() == {_OURS}:
                out += mine
                continue
            other = group.version(base, _THEIRS)
            if group.sides() == {_THEIRS} or other == mine:
                out += other
            elif group.start == group.end:
                out += mine + other  # two insertions at one place: both, the earlier first
            else:
                out += self._conflict(mine, other, authors, stamp)
        out += base[base_pos:]
        return out

    def _conflict(
        self, mine: list[str], other: list[str], authors: list[Stamp], stamp: Stamp
    ) -> list[str]:
        earlier = max(authors, default=self.last)
        self.conflicts.append(BodyConflict(earlier, stamp, "".join(mine), "".join(other)))
        return [
            version_mark(earlier) + "\n",
            *mine,
            version_mark(stamp) + "\n",
            *other,
            END_MARK + "\n",
        ]

    def _become(self, text: str, stamp: Stamp, hunks: list[dict[str, Any]] | None = None) -> None:
        """Hold ``text`` now, its lines written by ``stamp`` except those it kept (found from
        ``hunks`` when they are the diff from the text held, else by diffing)."""
        lines = text.splitlines(keepends=True)
        if lines == self.lines:
            return
        if hunks is not None:
            authors: list[Stamp] = []
            pos = 0
            for hunk in hunks:
                authors += self.authors[pos : hunk["at"]]
                authors += [stamp] * len(hunk["new"])
                pos = hunk["at"] + len(hunk["old"])
            authors += self.authors[pos:]
        else:
            authors = [stamp] * len(lines)
            for a, b, size in _matcher(self.lines, lines).get_matching_blocks():
                authors[b : b + size] = self.authors[a : a + size]
        self.lines, self.authors, self.last = lines, authors, stamp
        self.seen.setdefault(text_hash(text), text)
