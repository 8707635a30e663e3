"""The damage matrix of issue #12, shared by the store's, the CLI's and the app's tests.

Every data file the store knows (``meta.json``, open work, an archive year, a year of days,
of the journal and of setbacks) meets every kind of damage a disk, an editor or a user
deals out: cut short in place, overwritten with garbage in place, valid JSON of the wrong
shape, a newer schema, a folder in its place and a symbolic link in its place. Whatever
reads the folder must then end with exit 3 (the CLI's message and advice) or keep working,
never show a traceback or the file's raw bytes, and never write: ``contents`` taken before
and after compare every file in the folder byte for byte.

The same matrix runs on an encrypted folder (issue #15): the sample is sealed with
``encrypt_folder`` before the damage, which then hits the sealed bytes (``newer``
reseals a newer schema with the folder's key, as a newer planner would write it).
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

from data.crypto.folder import encrypt_folder
from data.crypto.kdf import TEST_COST
from data.crypto.keyfile import Keys, unlock_folder
from data.files import sealing
from data.store import FileStore
from planner.demo.records import populate
from planner.domain.models import Task
from planner.services.ports import Change

TZ = timezone(timedelta(hours=8))
MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=TZ)
"""The clock of every test of the matrix: the sample is placed around it."""

PASSPHRASE = "损坏 damage"
"""The passphrase of the encrypted sample."""

MARKER = b"RAW-BYTES-OF-THE-FILE"
"""Written into a garbage file (with control characters): it must never be shown."""

FILES: dict[str, str] = {
    "meta": "meta.json",
    "open": "tasks/open.json",
    "archive": "tasks/archive/2025.json",
    "days": "days/2026.json",
    "journal": "journal/2026.json",
    "setbacks": "setbacks/2026.json",
}
"""Each data file of the sample folder, by a short name used in the test ids."""


def build_sample(root: Path) -> Path:
    """A data folder holding one file of every kind (the demo's week, and a task archived
    in 2025), compacted as of ``MONDAY``, so opening it at ``MONDAY`` writes nothing."""
    store = FileStore(root, clock=lambda: MONDAY)
    populate(store, "en", MONDAY)
    old = Task.create("Filed last year", MONDAY - timedelta(days=400))
    old = replace(old, status="done", done_at=MONDAY - timedelta(days=390))
    store.apply([Change(None, old)])
    store.compact(MONDAY.date())
    for relative in FILES.values():
        assert (root / relative).is_file(), relative
    return root


def truncated(path: Path) -> None:
    """Cut short in place (same inode), as a full disk or a killed editor leaves it."""
    size = path.stat().st_size
    with open(path, "r+b") as handle:
        handle.truncate(size // 2)


def garbage(path: Path) -> None:
    """Overwritten in place with bytes that are neither UTF-8 nor JSON, with control
    characters (an escape sequence, a bell) that must never reach the terminal."""
    with open(path, "r+b") as handle:
        handle.write(b"\x00\xff\x1b]0;" + MARKER + b"\x07\x1b[31m" + MARKER + b"\r\n" * 3)


def wrong_shape(path: Path) -> None:
    """Valid JSON, but not an object of tables (someone's other JSON saved over it), with
    a table name that reads as Rich markup (a message quoting it must not be taken so)."""
    with open(path, "r+b") as handle:
        handle.truncate(0)
        handle.write(json.dumps({"[/]": [MARKER.decode()], "[b]": 1}).encode())


def newer_schema(path: Path) -> None:
    """The same file as a newer planner would write it: its schema number above ours."""
    data = json.loads(sealing.open_bytes(path, path.read_bytes()))
    next(iter(data["_meta"].values()))["schema"] = 99
    with open(path, "r+b") as handle:
        handle.truncate(0)
        handle.write(sealing.seal_bytes(path, json.dumps(data).encode()))


def folder(path: Path) -> None:
    """A folder where the file belongs (an unpacked archive, a mistaken ``mkdir``)."""
    path.unlink()
    path.mkdir()
    (path / "inside.txt").write_bytes(MARKER)


def symlink(path: Path) -> None:
    """A symbolic link to an intact copy kept elsewhere (a "sync" by links): refused,
    since a write would replace the link by a file and leave the copy behind."""
    elsewhere = path.parent.parent.parent / "elsewhere" / path.name
    elsewhere.parent.mkdir(exist_ok=True)
    shutil.copyfile(path, elsewhere)
    path.unlink()
    path.symlink_to(elsewhere)


DAMAGES: dict[str, Callable[[Path], None]] = {
    "truncated": truncated,
    "garbage": garbage,
    "shape": wrong_shape,
    "newer": newer_schema,
    "folder": folder,
    "symlink": symlink,
}

MATRIX = [(file, damage) for file in FILES for damage in DAMAGES]
MATRIX_IDS = [f"{file}-{damage}" for file, damage in MATRIX]
SEALED = [False, True]
SEALED_IDS = ["plain", "sealed"]


def damaged_sample(root: Path, file: str, damage: str, *, sealed: bool = False) -> Path:
    """The sample folder with ``file`` given ``damage``; returns the damaged path.
    ``sealed``: the folder is encrypted (under ``PASSPHRASE``) before the damage, and this
    process then holds no key for it, as a new process would not."""
    build_sample(root)
    if sealed:
        encrypt_folder(root, PASSPHRASE, created=MONDAY, cost=TEST_COST)
    path = root / FILES[file]
    DAMAGES[damage](path)
    sealing.forget(root)
    return path


def folder_keys(root: Path, *, sealed: bool) -> Keys | None:
    """The keys a store of the sample is opened with: None for the plain one."""
    return unlock_folder(root, PASSPHRASE) if sealed else None


def unlock_files(root: Path, *, sealed: bool) -> None:
    """Let ``doctor`` read the sealed sample's files, as ``planner doctor`` does."""
    if sealed:
        sealing.register(root, sealing.FolderSeal.of(unlock_folder(root, PASSPHRASE).sealer()))


def contents(root: Path) -> dict[str, bytes | str]:
    """Every entry under ``root`` (links not followed) and what it holds: a file's bytes,
    a link's target, ``"<folder>"``. The lock file is left out (taking it is no write), and
    so is ``.cache/``: what is derived from the data files and safe to delete."""
    found: dict[str, bytes | str] = {}
    for current, folders, names in os.walk(root):
        if Path(current) == root and ".cache" in folders:
            folders.remove(".cache")
        for name in folders:
            entry = Path(current) / name
            found[entry.relative_to(root).as_posix()] = (
                f"-> {os.readlink(entry)}" if entry.is_symlink() else "<folder>"
            )
        for name in names:
            entry = Path(current) / name
            key = entry.relative_to(root).as_posix()
            if key == ".lock":
                continue
            found[key] = f"-> {os.readlink(entry)}" if entry.is_symlink() else entry.read_bytes()
    return found


SEALED_PROBLEMS = {
    "truncated": "does not open",
    "garbage": "is plain text in an encrypted data folder",
    "shape": "is plain text in an encrypted data folder",
}
"""What a damaged sealed file is, when it differs from what a damaged plain file is."""


def expected_problem(damage: str, *, sealed: bool = False) -> str:
    """Words the message about a file with ``damage`` must hold (``sealed``: the file was
    sealed before the damage; ``meta.json`` is never sealed)."""
    if sealed and damage in SEALED_PROBLEMS:
        return SEALED_PROBLEMS[damage]
    return {
        "truncated": "is not valid planner data",
        "garbage": "is not valid planner data",
        "shape": "is not valid planner data",
        "newer": "was written by a newer planner",
        "folder": "is a folder where a data file belongs",
        "symlink": "is a symbolic link where a data file belongs",
    }[damage]
