"""Writing exports to disk: never over an existing file without ``force``, never half.

A single file is written to a temporary file beside it, fsynced, then linked into place
(so a file that appeared meanwhile is not replaced) or, with ``force``, moved over the old
one. ``--split daily`` writes every day's file to temporary files first and only then moves
them into place; if any step fails, the files already moved are taken back out (and, with
``force``, the files they replaced are put back), so the folder ends with all or none.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from planner.export.gather import ExportFile


class ExportWriteError(Exception):
    """The export could not be written; ``key`` names the catalog message, ``path`` the place."""

    def __init__(self, key: str, path: Path, reason: str = "") -> None:
        super().__init__(f"{path}: {reason or key}")
        self.key = key
        self.path = path
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Written:
    path: Path
    count: int


def write_file(
    path: Path, text: str | Iterable[str], *, force: bool, private: bool = False
) -> Written:
    """Write one export file at ``path`` (its folder is created when missing); ``text`` may
    come in pieces, written as they come."""
    if _is_dir(path):
        raise ExportWriteError("export.error.exists", path)
    if _exists(path) and not force:
        raise ExportWriteError("export.error.exists", path)
    folder = path.parent
    _make_folder(folder, path)
    temp = _write_temp(folder, path, [text] if isinstance(text, str) else text, private)
    try:
        _place(temp, path, force=force)
    finally:
        _remove_quietly(temp)
    _sync_folder(folder)
    return Written(path, 1)


def write_split(
    folder: Path, files: Sequence[ExportFile], *, force: bool, private: bool = False
) -> Written:
    """Write one file per day into ``folder``: all of them, or none."""
    if _exists(folder) and not _is_dir(folder):
        raise ExportWriteError("export.error.not_dir", folder)
    targets = [folder / item.name for item in files]
    if not force:
        for target in targets:
            if _exists(target):
                raise ExportWriteError("export.error.exists", target)
    _make_folder(folder, folder)
    temps: list[Path] = []
    placed: list[Path] = []
    saved: dict[Path, Path] = {}
    try:
        for item in files:
            target = folder / item.name
            temps.append(_write_temp(folder, target, item.pieces(), private, durable=False))
        _make_durable(temps)
        for temp, target in zip(temps, targets, strict=True):
            if target.exists():
                keep = folder / f".{target.name}.{os.getpid()}.old"
                os.replace(target, keep)
                saved[target] = keep
            _place(temp, target, force=False)
            placed.append(target)
    except (OSError, ExportWriteError) as exc:
        for target in placed:
            _remove_quietly(target)
        for target, keep in saved.items():
            with contextlib.suppress(OSError):
                os.replace(keep, target)
        if isinstance(exc, ExportWriteError):
            raise
        raise ExportWriteError("export.error.write", folder, _reason(exc)) from exc
    finally:
        for temp in temps:
            _remove_quietly(temp)
    for keep in saved.values():
        _remove_quietly(keep)
    _sync_folder(folder)
    return Written(folder, len(files))


def _exists(path: Path) -> bool:
    """``path.exists()``, a path the system refuses to look at (a name too long, a loop
    of links) being an export error rather than an exception."""
    try:
        return path.exists()
    except OSError as exc:
        raise ExportWriteError("export.error.write", path, _reason(exc)) from exc


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError as exc:
        raise ExportWriteError("export.error.write", path, _reason(exc)) from exc


def _make_folder(folder: Path, shown: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportWriteError("export.error.write", shown, _reason(exc)) from exc


def _write_temp(
    folder: Path, target: Path, payload: Iterable[str], private: bool, *, durable: bool = True
) -> Path:
    """A temporary file beside ``target`` holding ``payload``'s pieces, encoded as they come,
    flushed to disk (unless not ``durable``: the caller makes it so, ``_make_durable``). A
    piece that cannot be made (the store failing mid-way) leaves no file."""
    try:
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise ExportWriteError("export.error.write", target, _reason(exc)) from exc
    temp = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            for piece in payload:
                stream.write(piece.encode("utf-8"))
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        if not private:
            os.chmod(temp, 0o666 & ~_umask())
    except OSError as exc:
        _remove_quietly(temp)
        raise ExportWriteError("export.error.write", target, _reason(exc)) from exc
    except BaseException:
        _remove_quietly(temp)
        raise
    return temp


def _make_durable(paths: Sequence[Path]) -> None:
    """Flush files written without ``fsync`` to disk, together. Syncing each as it was
    written made the disk commit once a file (358 times for a year of daily files, twice as
    slow as the same year in one file). On Linux one ``syncfs`` of their file system commits
    them all at once; elsewhere (or if it fails) each is synced now, when its data is already
    on its way."""
    if paths and _syncfs(paths[0].parent):
        return
    for path in paths:
        descriptor = os.open(path, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _syncfs(folder: Path) -> bool:
    """``syncfs(2)`` on ``folder``'s file system; False where there is none or it failed."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        syncfs = ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        return False
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        return bool(syncfs(descriptor) == 0)
    finally:
        os.close(descriptor)


def _place(temp: Path, target: Path, *, force: bool) -> None:
    """Move ``temp`` to ``target``; without ``force`` a file already there is never replaced.

    A hard link is the atomic "create only if absent"; where the file system has none
    (FAT, some network shares) the name is checked and the file moved instead.
    """
    try:
        if force:
            os.replace(temp, target)
            return
        try:
            os.link(temp, target)
        except FileExistsError:
            raise
        except OSError:
            if target.exists():
                raise FileExistsError(str(target)) from None
            os.replace(temp, target)
    except FileExistsError as exc:
        raise ExportWriteError("export.error.exists", target) from exc
    except OSError as exc:
        raise ExportWriteError("export.error.write", target, _reason(exc)) from exc


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _remove_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
