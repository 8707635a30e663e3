"""``planner journal --edit [--date D]``: the day's entry in ``$VISUAL`` or ``$EDITOR``.

As jrnl and git do: the entry is written to a temporary file in a folder of its own (0700,
the file 0600: a journal is private), the editor is run on it and waited for, and the text
is saved back, as one action, when the editor exits 0 and the text changed. The folder is
removed afterwards, except in the one case where it holds the only copy of the new text
(the entry was changed elsewhere meanwhile: it is kept, and said where).
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path

from planner.domain.models import JournalEntry
from planner.i18n.translate import t
from planner.services.planner import Planner
from planner.shell.cli.context import EXIT_OK, Context, bad_input

EDITOR_VARIABLES = ("VISUAL", "EDITOR")
"""Read in this order, as git and jrnl do; a value may carry arguments (``code --wait``)."""


def editor_command() -> list[str]:
    """The editor to run, split as a shell would; refused clearly when none is set."""
    for name in EDITOR_VARIABLES:
        value = os.environ.get(name, "").strip()
        if not value:
            continue
        try:
            words = shlex.split(value)
        except ValueError as exc:
            raise bad_input(t("cli.editor_unreadable", name=name, reason=exc)) from None
        if words:
            return words
    raise bad_input(t("cli.no_editor"))


def edit_entry(ctx: Context, planner: Planner, day: date) -> int:
    if ctx.args.text:
        raise bad_input(t("cli.journal_edit_text"))
    command = editor_command()
    before = planner.store.get_entry(day)
    original = before.body if before is not None else ""
    folder = Path(tempfile.mkdtemp(prefix="planner-journal-"))
    keep_folder = False
    try:
        path = folder / f"{day.isoformat()}.md"
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(original)
        _run(command, path)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            reason = exc.strerror or exc
            raise bad_input(t("cli.editor_unreadable_file", path=path, reason=reason)) from None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw.count(b"\n", 0, exc.start) + 1
            raise bad_input(t("cli.editor_not_utf8", path=path, line=line)) from None
        if text.rstrip("\n") == original.rstrip("\n"):
            if ctx.json:
                ctx.print_json(before.to_dict() if before is not None else None)
            else:
                ctx.say(t("cli.journal_unchanged", date=day.isoformat()))
            return EXIT_OK
        entry = (
            replace(before, body=text)
            if before is not None
            else JournalEntry.create(day, planner.now(), body=text)
        )
        # Under the lock, reading what other processes wrote since: what the editor was
        # given must still be what is stored, or their words would be overwritten.
        with planner.store.transaction():
            if planner.store.get_entry(day) != before:
                keep_folder = True
                raise bad_input(t("cli.journal_changed_meanwhile", date=day.isoformat(), path=path))
            saved = planner.save_entry(entry)
    finally:
        if not keep_folder:
            shutil.rmtree(folder, ignore_errors=True)
    if ctx.json:
        stored = planner.store.get_entry(day)
        ctx.print_json(stored.to_dict() if stored is not None else saved.to_dict())
    else:
        ctx.say(t("cli.journal_saved", date=day.isoformat()))
        ctx.say_far_dates()
    return EXIT_OK


def _run(command: list[str], path: Path) -> None:
    """Run the editor on ``path`` and wait; it failing to start or exiting non-zero leaves
    the entry as it was (exit 1, saying which)."""
    try:
        code = subprocess.run([*command, str(path)], check=False).returncode
    except OSError as exc:
        raise bad_input(
            t("cli.editor_failed", editor=command[0], reason=exc.strerror or exc)
        ) from None
    if code != 0:
        raise bad_input(t("cli.editor_exit", editor=command[0], code=code))
