"""Compaction of this machine's own log: operations whose effect a later operation of the
same machine has replaced are taken out, once every known machine has applied them.

What each machine has applied is public: after each receive a machine writes
``sync/ops/<machine>/applied.json`` (``{"applied": {other machine: seq}}``) in its own folder,
so git still never merges a file. This machine's log is compacted up to ``through``: the
lowest seq of its log that every other machine with a log folder says it has applied (and
that its own data files show). A machine that never publishes (one that left sync, or a
planner older than compaction) holds compaction back: nothing is ever taken out that it has
not applied.

Compaction runs at the end of a receive when at least ``COMPACT_EVERY`` operations (20,000,
about 5 MB of log) have become compactable since the last compaction. Of the operations of
seq <= ``through`` (the log's very last operation always stays: it numbers the next ones):

- a ``set`` of a field is taken out when a later ``set`` of the same field of the same record
  (itself <= ``through``) follows it: the field's last writer wins by stamp, and each
  machine's stamps grow along its log, so the winner everywhere is unchanged. Whole-value
  sets of set-like fields stay (they move element clocks too);
- an ``add``/``remove`` of one element of a set-like field is taken out when a later ``add``
  (resp. ``remove``) of the same element follows it: an element's clock is its latest add
  and its latest removal;
- the remaining (last) ``set`` of each field of a record this machine created (in a plain
  line: a sealed creation of an encrypted folder is not written again) is folded into
  that ``create``: its value into the document, its stamp into the creation's ``fields``
  (``Op.fields``), and taken out. A receiver merges each field of such a creation with its
  own stamp (``merge._create``), so the record's clock is what the separate sets gave;
- everything else stays: ``delete``, journal text operations (``create``'s body,
  ``append``, ``body``: ``body_merge.replay_body`` needs them all; the body is never
  folded), every operation of a record ever deleted or brought back in any log (its lives
  are rebuilt from every operation), lines of a newer format or not readable.

A kept ``set`` whose ``replaces`` named a set taken out names what that one replaced instead
(walking down the chain), so a machine joining later sees an edit after the one before it,
not a conflict; this is why only operations of seq <= ``through`` are ever changed: a machine
that has applied the older set but not yet the newer one would see one.

Kept lines stay as they were (sealed values stay sealed; ``replaces`` is outside the seal),
with their seq, in the file of their month; so the positions other machines hold stay valid, a
machine that joins later reads the compacted logs from their start as before, and replaying a
compacted log gives the same records as replaying the whole one
(``tests/sync/test_compaction.py`` checks it).

Each changed month file is replaced atomically (written beside it, then renamed): first
every file whose lines change (folded creations, renamed ``replaces``; nothing is taken out
yet, so the log says some things twice), then the files losing lines, newest month first;
``sync-local/compaction.json`` is written last. A kill at any point leaves a log that gives
the same records (a machine joining in that moment may list a conflict between two edits of
this machine), and the next receive compacts again and finishes the work (a set older than
what its creation already holds is taken out without changing it).

The git history of the sync repository still holds what was taken out; compaction keeps the
log that every sync and every joining machine reads small, not the repository's history.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from data.files.atomic import ensure_private_dir, remove_stale_temps, write_atomic
from data.sync.jsonfile import read_json, write_json
from data.sync.oplog import LogReader, log_files, machines
from data.sync.paths import local_file, ops_dir
from planner.domain.sync.hlc import Stamp
from planner.domain.sync.merge import SET_FIELDS, element_key, is_body
from planner.domain.sync.ops import Op, encode_op

COMPACT_EVERY = 20_000
"""Operations of this machine's log, applied everywhere since the last compaction, that
start a compaction (about 5 MB of log: three years of everyday use in
``benchmarks.sync_compaction``)."""

APPLIED_NAME = "applied.json"
"""``sync/ops/<machine>/applied.json``: how far that machine has applied each other log."""

COMPACTION_FILE = "compaction.json"
"""``sync-local/compaction.json``: up to which seq this machine's log was last compacted."""

_LIVES = re.compile(rb'"op":"delete"|"op":"create".*"replaces":"')
_PREFIX = re.compile(rb'^\{"v":\d+,"at":"[^"]*","seq":\d+,"kind":"([a-z]+)","id":"([^"]*)"')


# -- what each machine has applied ---------------------------------------------------------


def publish_applied(root: Path, me: str, positions: dict[str, Any]) -> None:
    """Write how far this machine has applied every other log (``positions.json``'s
    ``logs``, lowered below any operation still held to apply later) into its own folder;
    the file is left alone when nothing changed (no commit for nothing)."""
    logs = {str(m): int(seq) for m, seq in positions.get("logs", {}).items() if m != me}
    for machine, seq in positions.get("held", []):
        if str(machine) in logs:
            logs[str(machine)] = min(logs[str(machine)], int(seq) - 1)
    path = ops_dir(root) / me / APPLIED_NAME
    text = json.dumps({"applied": logs}, indent=1, sort_keys=True) + "\n"
    try:
        if path.read_text(encoding="utf-8") == text:
            return
    except (OSError, UnicodeDecodeError):
        pass
    ensure_private_dir(path.parent)  # a machine with no operation yet is known by it too
    write_atomic(path, text)  # machine ids and numbers only: never sealed


def published_applied(root: Path, machine: str) -> dict[str, int]:
    """What ``machine`` says it has applied of each other log (empty when it never said)."""
    try:
        held = json.loads((ops_dir(root) / machine / APPLIED_NAME).read_bytes())
        return {str(m): int(seq) for m, seq in held.get("applied", {}).items()}
    except (OSError, ValueError, TypeError, AttributeError):
        return {}


def applied_everywhere(root: Path, me: str, own_applied: int) -> int:
    """The highest seq of this machine's log that every other machine with a log folder has
    applied (and ``own_applied``: what this machine's data files show)."""
    bound = own_applied
    for machine in machines(root):
        if machine != me:
            bound = min(bound, published_applied(root, machine).get(me, 0))
    return bound


# -- compaction -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Compacted:
    """``through``: the seq compacted up to; ``removed``: operations taken out;
    ``before``/``after``: the log's size in bytes."""

    through: int
    removed: int
    before: int
    after: int


def compacted_through(root: Path, me: str) -> int:
    held = read_json(local_file(root, COMPACTION_FILE), {})
    if not isinstance(held, dict) or held.get("machine") != me:
        return 0
    return int(held.get("through", 0))


def maybe_compact(
    root: Path, me: str, own_applied: int, *, every: int | None = None
) -> Compacted | None:
    """Compact this machine's log when ``every`` (``COMPACT_EVERY``) operations or more
    became compactable since the last time; None when not due. Call with the data lock
    held (appends to the log take it too)."""
    every = COMPACT_EVERY if every is None else every
    folder = ops_dir(root) / me
    if folder.is_dir():
        remove_stale_temps(folder)  # a compaction killed while writing a month
    through = applied_everywhere(root, me, own_applied)
    if through - compacted_through(root, me) < every:
        return None
    return compact(root, me, through)


def compact(root: Path, me: str, through: int) -> Compacted:
    """Take out of this machine's log the operations of seq <= ``through`` that a later
    operation of its own replaced, and fold the last sets of each record's fields into its
    creation (module docstring)."""
    files = log_files(root, me)
    before = sum(_size(path) for path in files)
    lively = _records_with_lives(root)
    reader = LogReader()
    drop: dict[Path, set[int]] = {}
    # per field, the stamps of the sets taken out and the stamp each replaced
    dropped: dict[tuple[str, ...], dict[Stamp, Stamp | None]] = {}
    kept_sets: list[tuple[Path, Op, tuple[str, ...]]] = []
    creations: dict[tuple[str, str], tuple[Path, Op]] = {}
    seen: set[tuple[str, ...]] = set()  # decided by a later operation (itself <= through)
    newest = 0  # the log's last operation stays: it numbers the next ones (``OwnLog``)
    for path in reversed(files):
        lines = list(reader.lines(path))
        for index in range(len(lines) - 1, -1, -1):
            op = lines[index].op
            if op is None:
                continue
            newest = max(newest, op.seq)
            if not op.understood or op.seq > through or op.seq == newest:
                continue
            if (op.kind, op.record) in lively or is_body(op.kind, op.field):
                continue
            if op.op == "create" and op.replaces is None and isinstance(op.value, dict):
                if _SEALED not in reader.raw_lines(path)[index]:
                    creations[op.kind, op.record] = (path, op)
                continue
            if op.field is None:
                continue
            if op.op == "set" and op.field not in SET_FIELDS[op.kind]:
                key: tuple[str, ...] = ("set", op.kind, op.record, op.field)
            elif op.op in ("add", "remove"):
                key = (op.op, op.kind, op.record, op.field, element_key(op.value))
            else:
                continue
            if key in seen:
                drop.setdefault(path, set()).add(op.seq)
                dropped.setdefault(key, {})[op.stamp] = op.replaces
            else:
                seen.add(key)
                if op.op == "set":
                    kept_sets.append((path, op, key))
    # A kept set of a record this machine created goes into that creation: its value in the
    # document, its stamp in the creation's ``fields``. Any other kept set names the value
    # it replaced; when that was a set taken out, it names what that one replaced instead,
    # so a machine reading the compacted log (one joining later) sees an edit made after the
    # one before it, not a conflict.
    renamed: dict[Path, dict[int, tuple[Stamp, Stamp | None]]] = {}
    folds: dict[tuple[str, str], list[tuple[Path, Op]]] = {}
    for path, op, key in kept_sets:
        assert op.field is not None
        if (op.kind, op.record) in creations and op.field not in _NEVER_FOLDED:
            folds.setdefault((op.kind, op.record), []).append((path, op))
            continue
        chain = dropped.get(key, {})
        replaces: Stamp | None = op.replaces
        while replaces is not None and replaces in chain:
            replaces = chain[replaces]
        if op.replaces is not None and replaces != op.replaces:
            renamed.setdefault(path, {})[op.seq] = (op.replaces, replaces)
    lines_of: dict[Path, dict[int, bytes]] = {}
    for record, sets in folds.items():
        path, creation = creations[record]
        value = dict(creation.value)
        fields = dict(creation.fields or {})
        for set_path, op in sets:
            assert op.field is not None
            if op.stamp > fields.get(op.field, creation.stamp):  # else folded in already
                value[op.field] = op.value
                fields[op.field] = op.stamp
            drop.setdefault(set_path, set()).add(op.seq)
        folded = replace(creation, value=value, fields=fields)
        lines_of.setdefault(path, {})[creation.seq] = encode_op(folded).encode("utf-8")
    # First every line that changes (nothing taken out yet: the log says each thing twice
    # at worst), then the lines taken out, newest month first: a kill at any point leaves a
    # log that gives the same records; the next compaction finishes.
    for path in sorted({*renamed, *lines_of}, reverse=True):
        _rewrite(path, reader.raw_lines(path), set(), renamed.get(path, {}), lines_of.get(path, {}))
    removed = 0
    for path in sorted(drop, reverse=True):
        removed += _rewrite(path, _raw_lines(path), drop[path], {}, {})
    write_json(local_file(root, COMPACTION_FILE), {"machine": me, "through": through})
    after = sum(_size(path) for path in log_files(root, me))
    return Compacted(through, removed, before, after)


_NEVER_FOLDED = frozenset({"created", "id"})


_SEALED = b'"sealed":'
"""A line whose value is sealed (an encrypted folder): its creation is not folded, as
folding would write its value again."""


def _raw_lines(path: Path) -> list[bytes]:
    """The complete lines of a log file (a torn last line left out, as ``LogReader``)."""
    data = path.read_bytes()
    return [line for line in data[: data.rfind(b"\n") + 1].split(b"\n") if line.strip()]


def _records_with_lives(root: Path) -> set[tuple[str, str]]:
    """Records deleted or brought back in any log (their operations are all kept)."""
    found: set[tuple[str, str]] = set()
    for machine in machines(root):
        for path in log_files(root, machine):
            try:
                data = path.read_bytes()
            except FileNotFoundError:
                continue
            for raw in data.split(b"\n"):
                if _LIVES.search(raw):
                    prefix = _PREFIX.match(raw)
                    if prefix is not None:
                        found.add((prefix[1].decode(), prefix[2].decode()))
    return found


_SEQ = re.compile(rb'^\{"v":\d+,"at":"[^"]*","seq":(\d+),')


def _rewrite(
    path: Path,
    raw_lines: Iterable[bytes],
    seqs: set[int],
    renamed: dict[int, tuple[Stamp, Stamp | None]],
    lines: dict[int, bytes],
) -> int:
    """Replace ``path`` (atomically) with its lines but those numbered in ``seqs``, the
    ``replaces`` of those in ``renamed`` changed (it is never part of a sealed value), and
    those in ``lines`` replaced by theirs; returns how many lines went."""
    kept: list[bytes] = []
    removed = 0
    for raw in raw_lines:
        found = _SEQ.match(raw)
        seq = None if found is None else int(found[1])
        if seq is not None and seq in seqs:
            removed += 1
            continue
        if seq is not None and seq in lines:
            raw = lines[seq]
        elif seq is not None and seq in renamed:
            old, new = renamed[seq]
            held = b',"replaces":"' + old.encode().encode() + b'"'
            put = b"" if new is None else b',"replaces":"' + new.encode().encode() + b'"'
            raw = raw.replace(held, put, 1)
        kept.append(raw)
    write_atomic(path, b"".join(line + b"\n" for line in kept))
    return removed


def _size(path: Path) -> int:
    try:
        return os.path.getsize(path)
    except FileNotFoundError:
        return 0
