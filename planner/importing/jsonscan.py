"""Reading JSON record by record, with the line each record starts on.

``json.loads`` reads a whole document or fails as a whole; an import must instead name the
line of each bad record and read the rest. The scanner decodes one value at a time with the
standard decoder and, after a value it cannot read, carries on at the next line that opens
an object no deeper than the broken one did.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from planner.importing.common import Issue, issue
from planner.importing.limits import MAX_DEPTH, MAX_RECORDS, too_deep

_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[ \t\r\n]*")


@dataclass(frozen=True, slots=True)
class Element:
    """One value read from the text, or the reason it could not be read (``detail`` set)."""

    line: int
    value: object = None
    detail: str | None = None


class ScanError(ValueError):
    """The document's frame (not one record) cannot be read: where and why."""

    def __init__(self, line: int, detail: str) -> None:
        super().__init__(f"line {line}: {detail}")
        self.line = line
        self.detail = detail


class TooManyRecords(Exception):
    """The text holds more than ``MAX_RECORDS`` values; ``line`` is where the next begins."""

    def __init__(self, line: int) -> None:
        super().__init__(f"more than {MAX_RECORDS} records (line {line})")
        self.line = line


class Scanner:
    """Line numbers are counted on from the last one asked for (values are read in order),
    not kept per line: a file of nothing but line breaks takes no memory for them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._counted = 0
        self._line = 1

    def line_of(self, pos: int) -> int:
        if pos < self._counted:
            self._counted, self._line = 0, 1
        self._line += self.text.count("\n", self._counted, pos)
        self._counted = pos
        return self._line

    def skip_space(self, pos: int) -> int:
        match = _SPACE.match(self.text, pos)
        return pos if match is None else match.end()

    def values(self, pos: int, closing: str | None) -> tuple[list[Element], int]:
        """The values from ``pos`` on, separated by commas or white space, up to ``closing``
        (``]`` of an array) or, when None, the end of the text. Returns them and the position
        after the closing bracket."""
        text = self.text
        found: list[Element] = []
        while True:
            pos = self.skip_space(pos)
            if pos >= len(text):
                if closing is not None:
                    found.append(Element(self.line_of(pos), detail="unexpected end of file"))
                return found, pos
            if closing is not None and text[pos] == closing:
                return found, pos + 1
            if text[pos] == ",":
                pos += 1
                continue
            try:
                value, end = _DECODER.raw_decode(text, pos)
            except ValueError as exc:
                # JSONDecodeError, or a number of more digits than Python converts
                failed = exc.pos if isinstance(exc, json.JSONDecodeError) else pos
                detail = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
                found.append(Element(self.line_of(failed), detail=detail))
                resumed = self._resume(pos, failed)
                if resumed is None:
                    return found, len(text)
                pos = resumed
                continue
            if len(found) >= MAX_RECORDS:
                raise TooManyRecords(self.line_of(pos))
            found.append(Element(self.line_of(pos), value))
            pos = end

    def _resume(self, start: int, failed: int) -> int | None:
        """The next line after ``failed`` whose first character opens an object indented no
        deeper than the value that began at ``start``; None when there is none."""
        text = self.text
        depth = start - text.rfind("\n", 0, start) - 1
        end = text.find("\n", failed)
        while end != -1:
            begin = end + 1
            first = self.skip_space_inline(begin)
            if first < len(text) and text[first] in "{]" and first - begin <= depth:
                return first
            end = text.find("\n", begin)
        return None

    def skip_space_inline(self, pos: int) -> int:
        text = self.text
        while pos < len(text) and text[pos] in " \t":
            pos += 1
        return pos

    def member(self, pos: int, name: str) -> int | None:
        """In the object opening at ``pos``, the position of member ``name``'s value.

        Raises ``ScanError`` when the object cannot be read that far.
        """
        text = self.text
        if text[pos] != "{":
            raise self._where(pos, "expected an object")
        pos += 1
        while True:
            pos = self.skip_space(pos)
            if pos < len(text) and text[pos] == ",":
                pos += 1
                continue
            if pos >= len(text) or text[pos] == "}":
                return None
            try:
                key, pos = _DECODER.raw_decode(text, pos)
            except ValueError as exc:
                raise self._decode_error(pos, exc) from None
            pos = self.skip_space(pos)
            if pos >= len(text) or text[pos] != ":" or not isinstance(key, str):
                raise self._where(pos, "expected a name and ':'")
            pos = self.skip_space(pos + 1)
            if key == name:
                return pos
            try:
                _value, pos = _DECODER.raw_decode(text, pos)
            except ValueError as exc:
                raise self._decode_error(pos, exc) from None

    def _where(self, pos: int, message: str) -> ScanError:
        return ScanError(self.line_of(pos), message)

    def _decode_error(self, pos: int, exc: ValueError) -> ScanError:
        if isinstance(exc, json.JSONDecodeError):
            return self._where(exc.pos, exc.msg)
        return self._where(pos, str(exc))


def depth_issue(scanner: Scanner) -> Issue | None:
    """The file's issue when its brackets nest deeper than ``MAX_DEPTH``: the standard
    decoder recurses into each, so such a file is refused before it is decoded."""
    where = too_deep(scanner.text)
    if where is None:
        return None
    return issue(scanner.line_of(where), "too_deep", limit=MAX_DEPTH)
