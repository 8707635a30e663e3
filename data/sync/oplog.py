"""The operation logs: ``sync/ops/<machine>/<YYYY-MM>.jsonl``, one operation per line.

Each machine appends only to its own folder, operations numbered 1, 2, 3... (``seq``) in the
order they were made, each in the file of its stamp's month (UTC). ``OwnLog.append`` makes the
lines durable (fsync of the file, and of the folder for a new file) before it returns: the
data files are written after it. A kill while appending leaves at most a torn last line,
which is no operation (the write it belonged to was never acknowledged) and is cut off by the
next append.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from data.files.atomic import ensure_private_dir, fsync_dir
from data.sync import sealed_log
from data.sync.paths import ops_dir
from planner.domain.ids import is_valid_id
from planner.domain.sync.hlc import Stamp
from planner.domain.sync.ops import Op, OpFormatError, encode_op, op_from_json

SUFFIX = ".jsonl"


def month_of(stamp: Stamp) -> str:
    moment = datetime.fromtimestamp(stamp.wall / 1000, tz=UTC)
    return f"{moment.year:04d}-{moment.month:02d}"


def machines(root: Path) -> list[str]:
    """The machines with a log folder."""
    try:
        return sorted(
            e.name for e in os.scandir(ops_dir(root)) if e.is_dir() and is_valid_id(e.name)
        )
    except FileNotFoundError:
        return []


def log_files(root: Path, machine: str) -> list[Path]:
    """One machine's log files, oldest month first."""
    folder = ops_dir(root) / machine
    try:
        names = sorted(name for name in os.listdir(folder) if name.endswith(SUFFIX))
    except FileNotFoundError:
        return []
    return [folder / name for name in names]


@dataclass(frozen=True, slots=True)
class LogLine:
    """One readable line of a log: its operation, or the problem with it (``bad``)."""

    op: Op | None
    bad: str | None = None


_PREFIX = re.compile(rb'^\{"v":\d+,"at":"[^"]*","seq":(\d+),"kind":"([a-z]+)","id":"([^"]*)"')
"""The start of a line ``encode_op`` wrote (its keys in a fixed order): seq, kind and id are
read without decoding the line, so lines not wanted are passed over cheaply."""


def read_file(path: Path) -> list[LogLine]:
    """The lines of one log file; a torn last line (no newline) is left out."""
    return list(LogReader().lines(path))


class LogReader:
    """Reads each log file once (for one receive) and decodes only the lines asked for.

    In an encrypted data folder a line's value is sealed (``data.sync.sealed_log``) and is
    opened as the line is decoded; ``open_values=False`` reads the lines without their
    values (what counts and lists need: no key)."""

    def __init__(self, *, open_values: bool = True) -> None:
        self.open_values = open_values
        self._data: dict[Path, list[bytes]] = {}
        self._decoded: dict[tuple[Path, int], LogLine] = {}

    def raw_lines(self, path: Path) -> list[bytes]:
        held = self._data.get(path)
        if held is None:
            try:
                data = path.read_bytes()
            except FileNotFoundError:
                data = b""
            end = data.rfind(b"\n")
            held = self._data[path] = [
                line for line in data[: end + 1].split(b"\n") if line.strip()
            ]
        return held

    def lines(
        self,
        path: Path,
        after: int = 0,
        wanted: Callable[[int, str, str], bool] | None = None,
    ) -> Iterator[LogLine]:
        """The lines numbered after ``after`` (and, with ``wanted``, those it accepts by
        seq, kind and id); a line not in ``encode_op``'s form is decoded to say why."""
        for index, raw in enumerate(self.raw_lines(path)):
            prefix = _PREFIX.match(raw)
            if prefix is not None:
                seq = int(prefix[1])
                if seq <= after:
                    continue
                if wanted is not None and not wanted(seq, prefix[2].decode(), prefix[3].decode()):
                    continue
            line = self._decoded.get((path, index))
            if line is None:
                line = self._decoded[path, index] = _decode(path, raw, self.open_values)
            op = line.op
            if op is None or (
                op.seq > after and (wanted is None or wanted(op.seq, op.kind, op.record))
            ):
                yield line


def root_of_log(path: Path) -> Path:
    """The data folder of a log file (``<data>/sync/ops/<machine>/<month>.jsonl``)."""
    return path.parents[3]


def _decode(path: Path, raw: bytes, open_values: bool = True) -> LogLine:
    import orjson  # the store's JSON parser: a first sync decodes every line of ten years

    try:
        parsed = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        return LogLine(None, f"{path.name}: line: not JSON ({exc})")
    if isinstance(parsed, dict):
        if not open_values:
            parsed = sealed_log.visible_part(parsed)
        else:
            try:
                parsed = sealed_log.opened(parsed, root_of_log(path))
            except sealed_log.PlainLineRefused as exc:
                return LogLine(None, f"{path.name}: {exc}")
    try:
        return LogLine(op_from_json(parsed))
    except OpFormatError as exc:
        return LogLine(None, f"{path.name}: {exc}")


def read_ops(
    root: Path, machine: str, after: int = 0, reader: LogReader | None = None
) -> Iterator[LogLine]:
    """The lines of ``machine``'s log numbered after ``after``, in log order. Files whose
    last operation is not after ``after`` are not read (their ends are, newest first)."""
    reader = reader or LogReader()
    files = log_files(root, machine)
    start = 0
    for index in range(len(files) - 1, -1, -1):
        last = last_op(files[index])
        if last is not None and last.seq <= after:
            start = index + 1
            break
    for path in files[start:]:
        yield from reader.lines(path, after)


def last_op(path: Path) -> Op | None:
    """The last complete operation of one log file (read from its end)."""
    try:
        with open(path, "rb") as handle:
            size = handle.seek(0, os.SEEK_END)
            chunk = 4096
            while True:
                start = max(0, size - chunk)
                handle.seek(start)
                data = handle.read(size - start)
                end = data.rfind(b"\n")
                if end < 0:
                    if start == 0:
                        return None
                    chunk *= 4
                    continue
                begin = data.rfind(b"\n", 0, end)
                if begin < 0 and start > 0:
                    chunk *= 4
                    continue
                line = data[begin + 1 : end].decode("utf-8", errors="replace")
                try:
                    parsed = json.loads(line)
                    if isinstance(parsed, dict):  # seq and stamp only: a sealed value stays
                        parsed = sealed_log.visible_part(parsed)
                    return op_from_json(parsed)
                except (OpFormatError, ValueError):
                    return None
    except FileNotFoundError:
        return None


class OwnLog:
    """This machine's log, for appending."""

    def __init__(self, root: Path, machine: str) -> None:
        self.root = root
        self.machine = machine
        self.folder = ops_dir(root) / machine
        self._last: Op | None = None
        self._read = False

    def last(self) -> Op | None:
        """The newest operation of this log (None: empty)."""
        if not self._read:
            self._last = None
            for path in reversed(log_files(self.root, self.machine)):
                self._last = last_op(path)
                if self._last is not None:
                    break
            self._read = True
        return self._last

    @property
    def last_seq(self) -> int:
        last = self.last()
        return 0 if last is None else last.seq

    def append(self, ops: Sequence[Op]) -> list[Op]:
        """Number ``ops`` after the log's last one and append them durably; return them."""
        if not ops:
            return []
        seq = self.last_seq
        numbered = [replace(op, seq=seq + index) for index, op in enumerate(ops, start=1)]
        by_month: dict[str, list[Op]] = {}
        for op in numbered:
            by_month.setdefault(month_of(op.stamp), []).append(op)
        ensure_private_dir(self.folder)
        sealer = sealed_log.sealer_for(self.root)
        for month, group in by_month.items():
            lines = (
                encode_op(op) if sealer is None else sealed_log.encode_sealed(op, sealer)
                for op in group
            )
            _append_lines(self.folder / f"{month}{SUFFIX}", lines)
        self._last = numbered[-1]
        self._read = True
        return numbered


def _append_lines(path: Path, lines: Iterable[str]) -> None:
    text = "".join(f"{line}\n" for line in lines).encode("utf-8")
    new = not path.exists()
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
    try:
        size = os.lseek(fd, 0, os.SEEK_END)
        if size:
            _cut_torn_tail(fd, size)
        view = memoryview(text)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)
    if new:
        fsync_dir(path.parent)


def _cut_torn_tail(fd: int, size: int) -> None:
    """Cut a last line a kill left without its newline; leave the offset at the end."""
    os.lseek(fd, size - 1, os.SEEK_SET)
    if os.read(fd, 1) == b"\n":
        os.lseek(fd, 0, os.SEEK_END)
        return
    chunk = 4096
    while True:
        start = max(0, size - chunk)
        os.lseek(fd, start, os.SEEK_SET)
        data = os.read(fd, size - start)
        end = data.rfind(b"\n")
        if end >= 0 or start == 0:
            keep = start + end + 1 if end >= 0 else 0
            os.ftruncate(fd, keep)
            os.lseek(fd, keep, os.SEEK_SET)
            return
        chunk *= 4
