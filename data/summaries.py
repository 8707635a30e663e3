"""Per-year summaries of data files: derived data that lets a review cost what its period
holds, not what the history holds.

- a journal year: the runs of consecutive written days (an entry with non-blank text), so
  the longest and the current streak need no other year's entries;
- an archive year: the range of ``done_at`` days and of ``report_by`` dates of its tasks
  and the setbacks they are measures of, so a question skips every year that cannot answer
  it; and, in a cache file of their own (``.cache/archive-ids.json``, read only when
  needed), their ids: a newer copy in a skipped year still hides an older one elsewhere.

A summary is never truth. Each is keyed by the version of its source file it was made from:
the file's signature (``mtime_ns``, size, inode) and a digest of its bytes. A file whose
signature differs, or one changed in the last two seconds whose bytes differ (a signature
cannot tell two such replacements apart), gets a new summary: whatever route changed it
(this process, another one, ``restore``, ``doctor --repair``, a sync). Summaries are kept
in memory and in ``.cache/`` under the data folder, which holds no data file:
snapshots take only data files (``Layout.data_files``), so it is never backed up, and a
missing, stale or corrupt cache file costs only the rebuild.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from data.files.sealing import open_bytes, seal_bytes
from data.tinydb.storage import RECENT_NS, Signature
from planner.domain.errors import DataError

CACHE_FILE = ".cache/summaries.json"
IDS_FILE = ".cache/archive-ids.json"
FORMAT = 2
"""Bumped whenever a summary's content changes meaning: an older cache is then ignored."""

Summary = dict[str, Any]


def digest(raw: bytes | None) -> str:
    import hashlib  # on the first summary, not at start-up

    return "" if raw is None else hashlib.blake2b(raw, digest_size=16).hexdigest()


@dataclass(frozen=True, slots=True)
class Version:
    """One version of a source file, as a summary is keyed by it."""

    mtime_ns: int
    size: int
    ino: int
    digest: str

    @classmethod
    def of(cls, signature: Signature | None, raw: bytes | None) -> Version:
        if signature is None:
            return cls(0, 0, 0, "")
        return cls(signature.mtime_ns, signature.size, signature.ino, digest(raw))

    def as_list(self) -> list[object]:
        return [self.mtime_ns, self.size, self.ino, self.digest]

    def same_file(self, st: os.stat_result) -> bool:
        return (self.mtime_ns, self.size, self.ino) == (st.st_mtime_ns, st.st_size, st.st_ino)


def on_disk_matches(path: Path, version: Version) -> bool:
    """Whether ``path`` on disk is still ``version``: a ``stat``, and for a file changed in
    the last two seconds its bytes too."""
    try:
        st = os.lstat(path)
    except OSError:
        return False
    if not version.same_file(st):
        return False
    if time.time_ns() - st.st_mtime_ns < RECENT_NS:
        try:
            return digest(path.read_bytes()) == version.digest
        except OSError:
            return False
    return True


class SummaryCache:
    """The summaries of one data folder's files, by path relative to it.

    ``lookup`` answers from memory or the cache file when the version matches; ``put``
    records a new one; ``save`` writes the cache file when something changed (best effort:
    a folder that cannot be written only loses the speed-up).
    """

    def __init__(self, root: Path, name: str = CACHE_FILE) -> None:
        self.name = name
        self.path = root / name
        self._entries: dict[str, tuple[Version, Summary]] | None = None
        self._dirty = False

    def _load(self) -> dict[str, tuple[Version, Summary]]:
        if self._entries is None:
            self._entries = {}
            try:
                stored = json.loads(open_bytes(self.path, self.path.read_bytes()))
                if stored.get("format") == FORMAT:
                    for relative, (key, summary) in stored["files"].items():
                        self._entries[relative] = (Version(*key), summary)
            except (OSError, ValueError, TypeError, KeyError, AttributeError, DataError):
                self._entries = {}  # no cache, a damaged or a locked one: rebuilt as needed
        return self._entries

    def lookup(self, relative: str, version: Version) -> Summary | None:
        found = self._load().get(relative)
        return found[1] if found is not None and found[0] == version else None

    def lookup_on_disk(self, relative: str, path: Path) -> Summary | None:
        """The summary of the file as it is on disk now, without reading it when unchanged."""
        found = self._load().get(relative)
        if found is None or not on_disk_matches(path, found[0]):
            return None
        return found[1]

    def put(self, relative: str, version: Version, summary: Summary) -> None:
        entries = self._load()
        if entries.get(relative) != (version, summary):
            entries[relative] = (version, summary)
            self._dirty = True

    def forget_except(self, relatives: Iterable[str]) -> None:
        """Drop the summaries of files that are gone."""
        keep = set(relatives)
        entries = self._load()
        for relative in [r for r in entries if r not in keep]:
            del entries[relative]
            self._dirty = True

    def save(self) -> None:
        if not self._dirty or self._entries is None:
            return
        document = {
            "format": FORMAT,
            "note": "derived from the data files; safe to delete",
            "files": {r: [v.as_list(), s] for r, (v, s) in sorted(self._entries.items())},
        }
        import tempfile  # on the first save, not at start-up

        with contextlib.suppress(OSError):
            self.path.parent.mkdir(mode=0o700, exist_ok=True)
            fd, temp = tempfile.mkstemp(prefix=".tmp-", dir=self.path.parent)
            try:
                text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
                with os.fdopen(fd, "wb") as out:
                    out.write(seal_bytes(self.path, text.encode("utf-8")))
                os.replace(temp, self.path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
                raise
        self._dirty = False


# --- the summaries themselves ------------------------------------------------------------------


def journal_summary(written: Iterable[date]) -> Summary:
    """A journal year: its runs of consecutive written days, as ISO date pairs."""
    return {"runs": [[s.isoformat(), e.isoformat()] for s, e in written_runs(written)]}


def written_runs(written: Iterable[date]) -> list[tuple[date, date]]:
    """The runs of consecutive days among ``written``, oldest first."""
    runs: list[tuple[date, date]] = []
    one = timedelta(days=1)
    for day in sorted(set(written)):
        if runs and day - runs[-1][1] == one:
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs


def runs_of(summary: Mapping[str, Any]) -> list[tuple[date, date]]:
    return [(date.fromisoformat(s), date.fromisoformat(e)) for s, e in summary["runs"]]


def merge_runs(runs: Iterable[tuple[date, date]], end: date) -> list[tuple[date, date]]:
    """Runs of several years joined where one ends the day before the next starts, cut at
    ``end`` (days after it are left out)."""
    merged: list[tuple[date, date]] = []
    one = timedelta(days=1)
    for start, stop in sorted(runs):
        if start > end:
            break
        stop = min(stop, end)
        if merged and start - merged[-1][1] <= one:
            merged[-1] = (merged[-1][0], max(stop, merged[-1][1]))
        else:
            merged.append((start, stop))
    return merged


_UNKNOWN = "?"
"""A value not in the canonical form: the year may match anything (the model decides)."""


def archive_summary(
    documents: Iterable[Mapping[str, Any]], is_day: Callable[[object], bool]
) -> Summary:
    """An archive year, from its stored documents (no task is built): the range of the days
    of ``done_at`` and of ``report_by``, and the setbacks its tasks are measures of.
    ``is_day`` says whether a value is in the canonical ISO form; any other value makes the
    range unknown (``"?"``), so the year is always read for that question."""
    done: list[str] = []
    report: list[str] = []
    unknown_done = unknown_report = unknown_setback = False
    setbacks: set[str] = set()
    for document in documents:
        value = document.get("done_at")
        if value is not None:
            if is_day(value):
                done.append(str(value)[:10])
            else:
                unknown_done = True
        value = document.get("report_by")
        if value is not None:
            if is_day(value):
                report.append(str(value)[:10])
            else:
                unknown_report = True
        value = document.get("setback")
        if isinstance(value, str):
            setbacks.add(value)
        elif value is not None:
            unknown_setback = True
    return {
        "done": _UNKNOWN if unknown_done else _span(done),
        "report_by": _UNKNOWN if unknown_report else _span(report),
        "setbacks": _UNKNOWN if unknown_setback else sorted(setbacks),
    }


def _span(values: list[str]) -> list[str] | None:
    return [min(values), max(values)] if values else None


def span_meets(span: object, low: str, high: str) -> bool:
    """Whether a summary's range (or ``"?"``) can hold a day from ``low`` to ``high``."""
    if span == _UNKNOWN:
        return True
    if span is None:
        return False
    assert isinstance(span, list)
    return bool(span[0] <= high and low <= span[1])


def setbacks_meet(held: object, wanted: frozenset[str]) -> bool:
    if not wanted:
        return False
    if held == _UNKNOWN:
        return True
    assert isinstance(held, list)
    return not wanted.isdisjoint(held)
