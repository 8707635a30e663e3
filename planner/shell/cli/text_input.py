"""Text a command takes from outside: its arguments and its standard input.

Both must be UTF-8. Python hands arguments that are not over as text holding lone surrogates
(``surrogateescape``), which nothing can store or print; such an argument is refused here,
by its position, before anything reads it. Standard input is read as bytes, a bounded
amount, and refused by the number of its first line that is not UTF-8.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TextIO

from planner.domain.visible import visible
from planner.i18n.translate import t
from planner.shell.cli.context import bad_input

MAX_STDIN_BYTES = 16 * 1024 * 1024
"""16 MiB: far more than any journal text; ``planner journal < /dev/zero`` stops there."""


def is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def check_arguments(argv: Sequence[str]) -> None:
    """Refuse the first argument that is not UTF-8 text (exit 1), naming its position
    (1 is the first word after ``planner``) and showing it with the bytes written out."""
    for number, argument in enumerate(argv, start=1):
        if not is_utf8(argument):
            raise bad_input(t("error.argument_not_utf8", number=number, shown=_shown(argument)))


def _shown(text: str) -> str:
    """``text`` with each byte that was not UTF-8 written as ``\\xff`` (the rest as typed,
    controls written out)."""
    return visible("".join(_byte_shown(char) for char in text))


def _byte_shown(char: str) -> str:
    code = ord(char)
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else char


def read_stdin(stream: TextIO | None = None) -> str:
    """All of standard input as text, at most ``MAX_STDIN_BYTES``. Raises ``CliExit``
    (exit 1) naming the first line that is not UTF-8, or saying the input is too long."""
    source = sys.stdin if stream is None else stream
    limit = MAX_STDIN_BYTES
    binary = getattr(source, "buffer", None)
    if binary is None:  # a text stream without bytes under it (a test's StringIO)
        text = source.read(limit + 1)
        raw = text.encode("utf-8", "surrogatepass")  # a surrogate is then not UTF-8
    else:
        raw = binary.read(limit + 1)
    if len(raw) > limit:
        raise bad_input(t("error.stdin_too_long", size=f"{limit // (1024 * 1024)} MiB"))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise bad_input(t("error.stdin_not_utf8", line=line)) from None


def stdin_line(stream: TextIO | None = None) -> str:
    """One line typed on the terminal (an answer), or ``""`` when it is not UTF-8."""
    source = sys.stdin if stream is None else stream
    try:
        line = source.readline(4096)
    except UnicodeDecodeError:
        return ""
    return line if is_utf8(line) else ""
