"""Where a passphrase comes from, in this order:

1. ``PLANNER_PASSPHRASE_FILE``: a file's first line (for scripts; keep the file 0600);
2. ``PLANNER_PASSPHRASE_FD``: an open file descriptor's first line (``3<<<"$PASS"``, or a
   pipe from a password manager); read up to its first newline and left open;
3. else the terminal: ``getpass`` (no echo), asked twice for a new passphrase.

Never from the command line (other users see a process's arguments). Whatever the source,
the passphrase is Unicode NFC-normalised, and a trailing ``\\r\\n`` or ``\\n`` and a UTF-8
byte-order mark are dropped. The prompts' words come from the caller (the shell owns the
catalog), so this module stays free of the user interface.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from data.crypto.errors import PassphraseRefused, PassphraseUnavailable
from data.crypto.kdf import normalise

FILE_VARIABLE = "PLANNER_PASSPHRASE_FILE"
FD_VARIABLE = "PLANNER_PASSPHRASE_FD"
_MAX_BYTES = 64 * 1024


@dataclass(frozen=True, slots=True)
class Prompts:
    """The words of the terminal prompt, translated by the caller; ``mismatch`` and
    ``empty`` are the problems said when a new passphrase is refused."""

    enter: str
    again: str
    mismatch: str = "the two passphrases differ"
    empty: str = "a passphrase cannot be empty"


def _first_line(raw: bytes, source: str) -> str:
    line = raw.split(b"\n", 1)[0].removesuffix(b"\r")
    try:
        text = line.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise PassphraseUnavailable(source, "is not UTF-8") from None
    if not text:
        raise PassphraseUnavailable(source, "its first line is empty")
    return normalise(text)


def _from_file(name: str) -> str:
    source = f"{FILE_VARIABLE}={name}"
    try:
        with Path(name).open("rb") as handle:
            raw = handle.read(_MAX_BYTES)
    except OSError as exc:
        raise PassphraseUnavailable(source, f"cannot be read ({exc.strerror})") from None
    return _first_line(raw, source)


def _from_fd(value: str) -> str:
    source = f"{FD_VARIABLE}={value}"
    try:
        fd = int(value)
    except ValueError:
        raise PassphraseUnavailable(source, "is not a file descriptor number") from None
    chunks: list[bytes] = []
    total = 0
    try:
        while total < _MAX_BYTES:
            chunk = os.read(fd, 4096)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if b"\n" in chunk:
                break
    except OSError as exc:
        raise PassphraseUnavailable(source, f"cannot be read ({exc.strerror})") from None
    return _first_line(b"".join(chunks), source)


def _default_ask(prompt: str) -> str:
    import getpass

    return getpass.getpass(prompt)


def read_passphrase(
    prompts: Prompts,
    *,
    new: bool = False,
    environ: Mapping[str, str] | None = None,
    ask: Callable[[str], str] | None = None,
    interactive: bool | None = None,
) -> str:
    """The passphrase from the first source that has one (see the module's docstring).

    ``new``: a passphrase being chosen (``encrypt``, ``passphrase``): the terminal asks
    twice and refuses an empty one or two that differ (``PassphraseRefused``). With no
    variable set and no terminal (``interactive`` defaults to stdin being a terminal),
    ``PassphraseUnavailable``. Read each passphrase once per command: a descriptor's
    line is consumed.
    """
    env = os.environ if environ is None else environ
    if env.get(FILE_VARIABLE):
        return _from_file(env[FILE_VARIABLE])
    if env.get(FD_VARIABLE):
        return _from_fd(env[FD_VARIABLE])
    if interactive is None:
        interactive = sys.stdin is not None and sys.stdin.isatty()
    if not interactive:
        raise PassphraseUnavailable(
            "passphrase",
            "no terminal to ask on",
            f"set {FILE_VARIABLE} or {FD_VARIABLE}",
        )
    asking = ask or _default_ask
    first = normalise(asking(prompts.enter))
    if not new:
        return first
    if not first:
        raise PassphraseRefused("passphrase", prompts.empty)
    if normalise(asking(prompts.again)) != first:
        raise PassphraseRefused("passphrase", prompts.mismatch)
    return first
