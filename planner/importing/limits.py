"""The bounds of an import: file size, records, skipped records, line length, nesting.

A file is read in pieces up to ``MAX_FILE_BYTES`` and refused beyond it, and the parsers
stop at ``MAX_RECORDS`` records, so memory stays bounded whatever the file (``/dev/zero``
included); past ``MAX_SKIPPED`` skipped records a file is refused whole (and the errors
shown stop there); a todo.txt line longer than ``MAX_LINE_CHARS`` is skipped with its
number; JSON nested deeper than ``MAX_DEPTH`` is refused before the standard decoder
(which recurses) reads it.
"""

from __future__ import annotations

import re
from itertools import accumulate
from typing import TYPE_CHECKING, BinaryIO, TypeVar

if TYPE_CHECKING:
    from planner.importing.common import Parsed

T = TypeVar("T")

MAX_FILE_BYTES = 64 * 1024 * 1024
"""64 MiB: the ten-year Taskwarrior export of ``benchmarks.importing`` (10,000 tasks) is
2.7 MB, so this holds some 240,000 such tasks."""
MAX_LINE_CHARS = 64 * 1024
"""A todo.txt line is a task: 64 KiB characters is far beyond any."""
MAX_DEPTH = 64
"""Brackets open at once; Taskwarrior and jrnl use four at most."""
MAX_RECORDS = 100_000
"""Records (lines of todo.txt, JSON values) in one file, read or not: ten times the
benchmark's ten years of Taskwarrior. A file of more is refused whole, before its records
are made: each costs some kilobytes until it is written."""
MAX_SKIPPED = 1_000
"""Records a file may have skipped before it is refused whole: past that it is most likely
not the format it was given as, and its errors would fill the terminal."""
_CHUNK = 1024 * 1024


class ImportTooLarge(Exception):
    """The file is longer than ``limit`` bytes; nothing was imported."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"longer than {limit} bytes")
        self.limit = limit


def read_limited(stream: BinaryIO, limit: int = MAX_FILE_BYTES) -> str:
    """The text of ``stream``, read a piece at a time and never more than ``limit`` bytes;
    bytes that are not UTF-8 become lone surrogates, found record by record, and a byte
    order mark is dropped. Raises ``ImportTooLarge`` past the limit."""
    pieces: list[bytes] = []
    size = 0
    while True:
        piece = stream.read(min(_CHUNK, limit + 1 - size))
        if not piece:
            break
        pieces.append(piece)
        size += len(piece)
        if size > limit:
            raise ImportTooLarge(limit)
    text = b"".join(pieces).decode("utf-8", "surrogateescape")
    return text.removeprefix("\ufeff")


_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def too_deep(text: str, limit: int = MAX_DEPTH) -> int | None:
    """The offset in ``text`` where JSON brackets (outside strings) first open more than
    ``limit`` deep, or None. Brackets only count: a broken file is the decoder's to report.

    The strings are cut out and the brackets left are counted by the regular expression
    engine and ``accumulate``, a tenth of the time of a token-by-token walk (which finds
    the offset, once the depth is known to be too much)."""
    brackets = _BRACKET.findall(_STRING.sub("", text))
    if len(brackets) <= limit:
        return None
    steps = map(_STEP.__getitem__, brackets)
    if max(accumulate(steps, lambda depth, step: max(0, depth + step))) <= limit:
        return None
    depth = 0
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > limit:
                return match.start()
        elif token in "]}":
            depth = max(0, depth - 1)
    return None  # not reached: the count above found it deeper


_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.DOTALL)


def refuse_past_skipped(result: Parsed[T]) -> Parsed[T]:
    """``result`` as it is, or, past ``MAX_SKIPPED`` skipped records, no records and the
    first ``MAX_SKIPPED`` errors followed by the one that says the file was refused."""
    if len(result.errors) <= MAX_SKIPPED:
        return result
    from planner.importing.common import issue

    errors = sorted(result.errors, key=lambda found: found.line)
    line = errors[MAX_SKIPPED].line
    result.records.clear()
    result.warnings.clear()
    result.errors = [*errors[:MAX_SKIPPED], issue(line, "too_many_skipped", limit=MAX_SKIPPED)]
    return result
