"""The one rule for showing a record's text on a terminal: control characters made visible.

A record is stored exactly as given, control characters and all (an imported title may
carry ``ESC ]0;title BEL``, which a terminal would obey: set its title, clear the screen,
move the cursor). Wherever planner *shows* a record's text, in the command line's text
output and on the app's screens, each such character is written out instead, in the way a
Python string literal spells it: ``\\x1b`` for ESC, ``\\x07`` for BEL, ``\\x7f`` for DEL,
``\\x9b`` for a C1 control, ``\\u202e`` for a bidirectional override, ``\\n`` and ``\\r``
for a line break inside a one-line field. Written out so, the text holds only printable
characters, and its cell width is what it looks like (a raw control has no width, and
would throw a table's columns out).

What counts (``is_control``): every C0 control, DEL and every C1 control (Unicode's
``Cc``), the explicit bidirectional formatting characters (``U+202A``–``U+202E``,
``U+2066``–``U+2069``: they reorder the text around them, as "Trojan Source" showed), the
line and paragraph separators ``U+2028`` and ``U+2029``, and a lone surrogate (``Cs``: a
byte that was not UTF-8, which a terminal cannot even be sent).

One-line fields (a title, a name, a tag: ``visible``): a tab becomes a space, any other
control, a line break included, is written out. Text of many lines (a journal entry,
notes: ``visible_lines``): ``\\n`` stays a line break (``\\r\\n`` too, as ``\\n``), a tab
becomes the spaces to the next tab stop (every 8 cells, as a terminal would move), any
other control is written out.

JSON output escapes what JSON would leave raw (``json_safe``): the text is unchanged when
read back.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from planner.domain.textwidth import cell_width

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""Explicit bidirectional embeddings, overrides and isolates (Unicode UAX #9)."""
SEPARATORS = frozenset("\u2028\u2029")
TAB_STOP = 8

_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_OTHER_CONTROLS = "\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff"
_CONTROLS = re.compile(f"[\x00-\x1f{_OTHER_CONTROLS}]")
_CONTROLS_BUT_NEWLINE = re.compile(f"[\x00-\x09\x0b-\x1f{_OTHER_CONTROLS}]")


def has_control(text: str) -> bool:
    """Whether ``text`` holds any control character (``is_control``)."""
    return _CONTROLS.search(text) is not None


def is_control(char: str) -> bool:
    """Whether ``char`` is one that a terminal may act on instead of showing."""
    return char in BIDI_CONTROLS or char in SEPARATORS or unicodedata.category(char) in ("Cc", "Cs")


@lru_cache(maxsize=256)
def written_out(char: str) -> str:
    """``char`` as a Python string literal spells it: ``\\x1b``, ``\\u202e``, ``\\n``."""
    if char in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[char]
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def _write_out(match: re.Match[str]) -> str:
    return written_out(match.group())


def visible(text: str) -> str:
    """``text`` for a one-line field on a terminal: a tab as a space, every other control
    character (line breaks included) written out. Text without any comes back as it is."""
    if not _CONTROLS.search(text):
        return text
    return _CONTROLS.sub(_write_out, text.replace("\t", " "))


def visible_lines(text: str) -> str:
    """``text`` of many lines for a terminal: line breaks kept (``\\r\\n`` as ``\\n``), a
    tab as the spaces to the next tab stop, every other control character written out."""
    if not _CONTROLS_BUT_NEWLINE.search(text):
        return text
    lines = text.replace("\r\n", "\n").split("\n")
    return "\n".join(_visible_line(line) for line in lines)


def _visible_line(line: str) -> str:
    if "\t" not in line:
        return _CONTROLS.sub(_write_out, line)
    pieces: list[str] = []
    used = 0
    for index, part in enumerate(line.split("\t")):
        if index:
            spaces = TAB_STOP - used % TAB_STOP
            pieces.append(" " * spaces)
            used += spaces
        shown = _CONTROLS.sub(_write_out, part)
        pieces.append(shown)
        used += cell_width(shown)
    return "".join(pieces)


_JSON_RAW = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]")


def json_safe(encoded: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``) with the control characters
    JSON leaves raw (DEL, C1, bidirectional controls, separators, lone surrogates) escaped
    as ``\\uXXXX``: the same JSON value, safe to print. (JSON escapes C0 itself.)"""
    return _JSON_RAW.sub(lambda match: f"\\u{ord(match.group()):04x}", encoded)


_SURROGATES = re.compile("[\ud800-\udfff]")


def without_controls(text: str) -> str:
    """``text`` with its control characters taken out, for where what is drawn must keep
    its measured width (a screen line already laid out): every control but a lone
    surrogate has no width and is dropped; a surrogate (one cell) becomes ``U+FFFD``.
    Text meant to be read goes through ``visible`` first; this is only the last guard."""
    if not _CONTROLS.search(text):
        return text
    return _CONTROLS.sub("", _SURROGATES.sub("\ufffd", text))


LINE_BOUNDARIES = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
"""Where ``str.splitlines`` (and so a text editor's document) breaks a line."""
_EDITOR_SHOWS = LINE_BOUNDARIES | {"\t"}


def count_controls(text: str) -> int:
    """How many control characters ``text`` holds (what a one-line field cannot draw)."""
    if not _CONTROLS.search(text):
        return 0
    return sum(1 for char in text if is_control(char))


def unshown_in_editor(text: str) -> int:
    """How many control characters of ``text`` an editor keeps but cannot draw (the screen
    drops them): every one but a tab and those that break a line."""
    if not _CONTROLS.search(text):
        return 0
    return sum(1 for char in text if is_control(char) and char not in _EDITOR_SHOWS)
