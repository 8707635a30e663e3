"""Durable file replacement: the only way planner ever changes a file on disk (DESIGN section 8).

A write goes to a temporary file in the target's folder, is flushed and fsynced, replaces the
target with ``os.replace`` and the folder is fsynced, so a kill at any moment leaves either the
old file or the new one. Files are created 0600 and folders 0700: the data is private. A
file or folder the user made tighter still (0400, 0500) stays so: planner never widens.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import sys
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700

_TEMP_NAME = re.compile(r"^\..+\.\d+\.[0-9a-z]{8}\.tmp$")


def temp_name(target: Path) -> Path:
    """A fresh temporary name beside ``target``: ``.{name}.{pid}.{random}.tmp``."""
    import secrets  # on the first write, not when the app opens

    token = secrets.token_hex(4)
    return target.with_name(f".{target.name}.{os.getpid()}.{token}.tmp")


def _full_fsync(fd: int) -> None:
    """fsync, and on macOS ask the drive itself to flush (plain fsync stops at its cache)."""
    if sys.platform == "darwin":  # pragma: no cover - exercised only on macOS
        import fcntl

        with contextlib.suppress(OSError):
            fcntl.fcntl(fd, fcntl.F_FULLFSYNC)
            return
    os.fsync(fd)


def fsync_dir(folder: Path) -> None:
    """Make a rename or unlink in ``folder`` durable; a no-op where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:  # pragma: no cover - Windows cannot open folders
        return
    try:
        _full_fsync(fd)
    except OSError:  # pragma: no cover - some filesystems refuse fsync on folders
        pass
    finally:
        os.close(fd)


def write_atomic(path: Path, text: str | bytes, *, sync_dir: bool = True) -> os.stat_result:
    """Replace ``path`` with ``text`` (UTF-8) durably; return the new file's ``fstat``.

    ``sync_dir=False`` leaves the folder's fsync to the caller, who writes several files
    into one folder and fsyncs it once (the snapshots' content store).

    On any error the temporary file is removed and the error re-raised: ``path`` is left as it
    was. The returned stat describes exactly the bytes written (same inode after the rename),
    which lets the caller tell later whether another process has replaced the file since.
    """
    data = text.encode("utf-8") if isinstance(text, str) else text
    mode = kept_mode(path, FILE_MODE)
    tmp = temp_name(path)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
    try:
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, mode)
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            _full_fsync(fd)
            result = os.fstat(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if sync_dir:
        fsync_dir(path.parent)
    return result


def copy_atomic(source: Path, target: Path) -> os.stat_result:
    """Copy ``source`` over ``target`` durably (the bytes only; the copy is 0600)."""
    return write_atomic(target, source.read_bytes())


def kept_mode(path: Path, private: int) -> int:
    """The mode for a new version of ``path``: ``private`` (0600 or 0700), or tighter where
    the user made the present one tighter. Planner may take permissions away (the group's
    and others'), never give back what the user took (a 0400 file stays 0400)."""
    try:
        present = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return private
    return present & private


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` and its missing parents, each 0700; make ``path`` itself private.

    An existing ``path`` only loses the group's and others' permissions (0755 becomes 0700);
    what its owner may do is left as the user set it (a read-only 0500 stays 0500), and
    where even that cannot be changed (a read-only file system) it is left as it is.
    """
    missing: list[Path] = []
    current = path
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=DIR_MODE)
        os.chmod(folder, DIR_MODE)
    present = stat.S_IMODE(path.stat().st_mode)
    if present & ~DIR_MODE:
        with contextlib.suppress(OSError):
            os.chmod(path, present & DIR_MODE)
    return path


def remove_stale_temps(folder: Path) -> list[Path]:
    """Remove temporary files a killed writer left in ``folder``; return what was removed.

    Only names ``write_atomic`` makes are touched. Call it with the data folder's lock held:
    every writer holds that lock while its temporary file exists, so any found then is stale.
    """
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return removed
    for entry in entries:
        if _TEMP_NAME.match(entry.name) and entry.is_file(follow_symlinks=False):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    if removed:
        fsync_dir(folder)
    return removed


def remove_tree(path: Path) -> None:
    """Remove a folder of ours (a half-made snapshot); links inside it never touch originals."""
    shutil.rmtree(path, ignore_errors=True)


def free_name(path: Path) -> Path:
    """``path`` itself if nothing is there, else ``path-2``, ``path-3``... whichever is free."""
    candidate, number = path, 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.name}-{number}")
    return candidate
