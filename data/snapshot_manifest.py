"""What a snapshot holds: ``backups/<snapshot>/.manifest.json``, written with the snapshot.

For each file: the digest of its content (the blob its snapshot copy links to), its size,
how many records it held and whether it parsed when the snapshot was taken, and the ``stat``
of the live file it was read from. The next snapshot compares that ``stat`` with the live
file's to tell, without reading it, that a file has not changed (any write, even in place,
changes its ``ctime``), and then shares the blob instead of copying and verifying again.

Snapshots from before this format (hard links of the live files) have no manifest; they are
still read as plain folders of files.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MANIFEST = ".manifest.json"
FORMAT = 2

LiveStat = tuple[int, int, int, int]
"""``(st_ino, st_size, st_mtime_ns, st_ctime_ns)`` of a live file."""


def live_stat(st: os.stat_result) -> LiveStat:
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


@dataclass(frozen=True, slots=True)
class Entry:
    """One file of a snapshot. ``records`` is None for a file without records (``meta``) or
    one that did not parse; ``problem`` says why it did not (None when it parsed)."""

    digest: str
    size: int
    records: int | None
    problem: str | None
    live: LiveStat | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "digest": self.digest,
            "size": self.size,
            "records": self.records,
            "problem": self.problem,
            "live": None if self.live is None else list(self.live),
        }


@dataclass(frozen=True, slots=True)
class Manifest:
    """``taken_ns``: the wall clock (``time.time_ns``) when the snapshot was taken, to compare
    with file times."""

    taken_ns: int
    files: dict[str, Entry] = field(default_factory=dict)

    def to_bytes(self) -> bytes:
        """Indented JSON with sorted keys, by orjson (the standard library's indenting
        encoder took 7 ms of the first write of a day at ten years)."""
        import orjson

        files = {name: entry.to_json() for name, entry in self.files.items()}
        document = {"format": FORMAT, "taken_ns": self.taken_ns, "files": files}
        return orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n"


def read_manifest(folder: Path) -> Manifest | None:
    """The manifest of a snapshot folder; None when it has none or it does not read (the
    snapshot is then read as a plain folder, and the next one copies every file)."""
    import orjson

    try:
        document = orjson.loads((folder / MANIFEST).read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        return None
    taken, files = document.get("taken_ns"), document.get("files")
    if not isinstance(taken, int) or not isinstance(files, dict):
        return None
    entries: dict[str, Entry] = {}
    for name, raw in files.items():
        entry = _entry(raw)
        if isinstance(name, str) and entry is not None:
            entries[name] = entry
    return Manifest(taken, entries)


def _entry(raw: Any) -> Entry | None:
    if not isinstance(raw, dict):
        return None
    with contextlib.suppress(KeyError, TypeError, ValueError):
        digest, size = raw["digest"], raw["size"]
        records, problem, live = raw.get("records"), raw.get("problem"), raw.get("live")
        if (
            isinstance(digest, str)
            and isinstance(size, int)
            and (records is None or isinstance(records, int))
            and (problem is None or isinstance(problem, str))
        ):
            stat: LiveStat | None = None
            if isinstance(live, list) and len(live) == 4 and all(type(v) is int for v in live):
                stat = (live[0], live[1], live[2], live[3])
            return Entry(digest, size, records, problem, stat)
    return None
