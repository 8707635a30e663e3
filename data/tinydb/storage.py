"""``DurableStorage``: the TinyDB storage for one data file.

Stock ``JSONStorage`` re-reads the whole file on every query, writes in place (a kill can
leave half a file) and has no notion of another process. This storage parses its file once
and answers TinyDB from memory; every write is serialised first (a value JSON cannot hold is
refused before the disk is touched) and then replaces the file atomically.

TinyDB changes in place the dict ``read()`` returned before it calls ``write()``. So when a
write fails, the in-memory state is rebuilt from the last text that reached the disk: memory
always equals the file, and later writes still work. (A file of an older schema is brought
up to date in memory as it is read, ``_upgrade``: memory then equals the file as the next
write will leave it.)
"""

from __future__ import annotations

import errno
import itertools
import json
import os
import stat
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from data.files.atomic import ensure_private_dir, write_atomic
from data.files.layout import FileKind
from data.files.sealing import open_bytes, seal_bytes
from data.tinydb.date_ids import give_date_ids, needs_date_ids
from data.tinydb.schema import (
    Tables,
    check_shape,
    initial_data,
    invalid,
    not_a_regular_file,
    stamp_current,
)
from planner.domain.errors import DataError

RECENT_NS = 2_000_000_000
"""Files changed this recently are compared by content too: a stat signature alone cannot see
two replacements within one tick of the file system clock that reuse an inode and a size."""


@dataclass(frozen=True, slots=True)
class Signature:
    """What identifies one version of a file without reading it."""

    mtime_ns: int
    size: int
    ino: int

    @classmethod
    def of(cls, st: os.stat_result) -> Signature:
        return cls(st.st_mtime_ns, st.st_size, st.st_ino)


def serialise(data: Tables) -> bytes:
    """The one text form of every data file: UTF-8, unescaped, sorted keys, indented.

    orjson writes it 30 times faster than ``json.dumps`` with ``indent`` (which falls back to
    the pure-Python encoder): 0.13 ms instead of 4.4 ms for 300 open tasks here, and the text
    is byte-for-byte what ``json.dumps(..., indent=2, sort_keys=True)`` would write. Raises
    ``TypeError`` for a value JSON cannot hold (a set, an object). Records hold no floats,
    so orjson's writing of NaN as null cannot arise.
    """
    import orjson

    return orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n"


_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)
"""A symbolic link is not followed (ELOOP) and a FIFO does not block the open, so the
``fstat`` of what was opened decides: only a regular file is read."""


def read_bytes(path: Path) -> tuple[bytes, Signature] | None:
    """The file's bytes and the signature of exactly that version; None when it is absent.

    Only a regular file is read: a symbolic link (dangling or not), a folder or anything
    else where a data file belongs raises ``DataError`` (``not_a_regular_file``). A write
    replaces a file by renaming over it, which would silently turn a link into a copy.
    """
    try:
        if not hasattr(os, "O_NOFOLLOW") and os.path.islink(path):  # pragma: no cover
            raise not_a_regular_file(path, "a symbolic link")
        fd = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP or os.path.islink(path):
            raise not_a_regular_file(path, "a symbolic link") from None
        raise _unreadable(path, exc) from exc
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise not_a_regular_file(path, "a folder" if stat.S_ISDIR(st.st_mode) else None)
        with open(fd, "rb", closefd=False) as handle:
            raw = handle.read()
    except OSError as exc:
        raise _unreadable(path, exc) from exc
    finally:
        os.close(fd)
    return raw, Signature.of(st)


def _unreadable(path: Path, exc: OSError) -> DataError:
    return DataError(
        str(path),
        f"cannot be read ({exc.strerror or exc})",
        "check that the data folder belongs to you and the disk is healthy",
    )


def parse(path: Path, raw: bytes, kind: FileKind) -> Tables:
    """Parse and validate a data file's bytes; raise ``DataError`` naming ``path`` if bad."""
    if not raw.strip():
        raise invalid(path, "the file is empty")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise invalid(path, f"not UTF-8 text at byte {exc.start}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}"
        raise invalid(path, f"not JSON: {exc.msg} at {where}") from None
    except RecursionError:
        raise invalid(path, "not JSON: nested too deeply") from None
    return check_shape(path, data, kind)


_VERSIONS = itertools.count(1)
"""Numbers every version a storage holds, across all storages of the process."""


class DurableStorage:
    """A TinyDB storage for one file: parsed once, written atomically, refused when bad.

    It has TinyDB's storage interface (``read``, ``write``, ``close``) without deriving from
    ``tinydb.storages.Storage``: reading a file (what opening the app does) then needs no
    part of TinyDB, which is imported only to write.

    A missing file reads as a file holding only its ``_meta``; it is created on first write.
    ``check`` validates what ``reload`` read beyond its shape (the records) and raises
    ``DataError`` to refuse it, before the new state replaces the old.
    """

    def __init__(
        self,
        path: Path,
        kind: FileKind,
        check: Callable[[Tables], None] | None = None,
        *,
        copy_of: str | None = None,
    ) -> None:
        self.path = path
        self.kind = kind
        self._copy_of = copy_of
        """For a snapshot's copy: the data file (relative path) it is a copy of, which a
        sealed copy's envelope names (``data.files.sealing``)."""
        self._check = check
        self._data: Tables = {}
        self.version = 0
        """A number no other version held in this process has: it changes with every read
        and every write (a cheap "has anything changed" for what is derived from it)."""
        self._raw: bytes | None = None
        self._signature: Signature | None = None
        self._deferring = False
        self._pending = False
        self.reload()

    # -- TinyDB's interface --

    def read(self) -> Tables:
        """The cached state itself: TinyDB changes it in place before calling ``write``."""
        return self._data

    def close(self) -> None:
        """Nothing to release: the file is open only while it is read or written."""

    def write(self, data: Tables) -> None:
        if self._deferring:
            self._data = data
            self._pending = True
            return
        self._commit(data)

    # -- ours --

    @property
    def exists(self) -> bool:
        """Whether the file existed when last read or written."""
        return self._raw is not None

    @property
    def signature(self) -> Signature | None:
        return self._signature

    @property
    def raw(self) -> bytes | None:
        """The bytes of the version held (None: no file); every version read or written is
        a new object, so ``is`` tells whether a summary was made from this very version."""
        return self._raw

    @contextmanager
    def deferred(self) -> Iterator[None]:
        """Turn the writes of several TinyDB operations into one durable write at the end.

        If the block raises, nothing is written and memory returns to the file's state.
        """
        if self._deferring:
            raise RuntimeError("deferred writes do not nest")
        self._deferring = True
        self._pending = False
        try:
            yield
        except BaseException:
            self._deferring = False
            self._restore()
            raise
        self._deferring = False
        if self._pending:
            self._pending = False
            self._commit(self._data)

    def changed_on_disk(self) -> bool:
        """Whether another process replaced (or removed, or created) the file since we looked."""
        try:
            st = os.lstat(self.path)  # a link put in the file's place is a change (refused)
        except FileNotFoundError:
            return self._signature is not None
        if self._signature is None or Signature.of(st) != self._signature:
            return True
        if time.time_ns() - st.st_mtime_ns < RECENT_NS:
            current = read_bytes(self.path)
            return current is None or current[0] != self._raw
        return False

    def reload(self) -> None:
        """Read the file again; on a bad file raise ``DataError`` and keep the old state."""
        found = read_bytes(self.path)
        if found is None:
            data, raw, signature = initial_data(self.kind), None, None
        else:
            raw, signature = found
            data = parse(self.path, self._plain(raw), self.kind)
            _upgrade(data, self.kind)
        if self._check is not None:
            self._check(data)
        self._data, self._raw, self._signature = data, raw, signature
        self.version = next(_VERSIONS)

    def _commit(self, data: Tables) -> None:
        try:
            stamp_current(data)
            raw = seal_bytes(self.path, serialise(data), as_relative=self._copy_of)
            if not self.path.parent.is_dir():
                ensure_private_dir(self.path.parent)
            st = write_atomic(self.path, raw)
        except BaseException:
            self._restore()
            raise
        self._data, self._raw, self._signature = data, raw, Signature.of(st)
        self.version = next(_VERSIONS)

    def _restore(self) -> None:
        """Make memory equal the last bytes that reached the disk again."""
        self._pending = False
        if self._raw is None:
            self._data = initial_data(self.kind)
        else:
            self._data = json.loads(self._plain(self._raw))
            _upgrade(self._data, self.kind)

    def _plain(self, raw: bytes) -> bytes:
        """The file's bytes opened when its folder is sealed (``raw`` keeps what is on disk,
        so a change by another process is seen by comparing bytes)."""
        return open_bytes(self.path, raw, as_relative=self._copy_of)

    @property
    def plain(self) -> bytes | None:
        """The text of the version held (``raw`` opened when sealed)."""
        return None if self._raw is None else self._plain(self._raw)


def _upgrade(data: Tables, kind: FileKind) -> None:
    """Bring what an older schema's file holds up to date in memory (it is written so by the
    next write): a day or journal file from before schema 3 gets its date ids."""
    if needs_date_ids(data, kind):
        give_date_ids(data, kind)
