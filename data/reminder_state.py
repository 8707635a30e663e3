"""What ``planner remind`` keeps between runs (issue 16), under the data folder's ``.cache/``.

- ``.cache/remind.json``: the keys of the reminders already said
  (``planner.domain.reminders.Reminder.key``), each with the planning day it was said on,
  so a cron job every few minutes says each once. Derived, never backed up; it holds task
  ids, so in an encrypted folder it is sealed like every ``.cache/*.json``
  (``data.files.sealing``). Keys older than ``KEEP_DAYS`` are dropped at each save. A
  missing, damaged or locked file only means saying things again.
- ``.cache/remind-times.txt``: plain on purpose, and only in an encrypted folder: the due
  times and report-back dates of open tasks up to a week ahead and those passed, each with
  its kind (``due`` or ``report``: no id, no title, nothing else), so that
  ``planner remind`` without the key can still say how many there are ("2 items due;
  unlock to see them"). Written by each run that has the key; what it says is as of that
  run. The README lists it among what an encrypted folder leaves visible.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from pathlib import Path

from data.files.atomic import write_atomic
from data.files.sealing import open_bytes, seal_bytes
from planner.domain.errors import DataError
from planner.domain.reminders import Moment

STATE_FILE = ".cache/remind.json"
TIMES_FILE = ".cache/remind-times.txt"
FORMAT = 1
KEEP_DAYS = 8
"""Longer than the widest ``--within`` (a week): a key is kept while it can come again."""

Said = dict[str, str]
"""A said reminder's key -> the planning day (ISO) it was said on."""


def read_said(root: Path) -> Said:
    """The reminders said before (empty when none were, or the file cannot be read)."""
    path = root / STATE_FILE
    try:
        document = json.loads(open_bytes(path, path.read_bytes()))
    except (OSError, ValueError, DataError):  # Locked and SealBroken are DataErrors
        return {}
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        return {}
    said = document.get("said")
    if not isinstance(said, dict):
        return {}
    return {str(key): str(day) for key, day in said.items()}


def save_said(root: Path, said: Mapping[str, str], today: date) -> None:
    """Keep ``said``, without the keys older than ``KEEP_DAYS``. A folder that cannot be
    written is left alone (the next run says the same things again)."""
    oldest = (today - timedelta(days=KEEP_DAYS)).isoformat()
    kept = {key: day for key, day in sorted(said.items()) if day >= oldest}
    document = {"format": FORMAT, "note": "reminders said; safe to delete", "said": kept}
    path = root / STATE_FILE
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    with contextlib.suppress(OSError):
        path.parent.mkdir(mode=0o700, exist_ok=True)
        write_atomic(path, seal_bytes(path, text.encode("utf-8")), sync_dir=False)


def save_times(root: Path, moments: Iterable[Moment]) -> None:
    """Write the plain times file (see the module's docstring); best effort."""
    lines = sorted(f"{kind} {at.isoformat()}\n" for kind, at in moments)
    path = root / TIMES_FILE
    with contextlib.suppress(OSError):
        path.parent.mkdir(mode=0o700, exist_ok=True)
        write_atomic(path, "".join(lines), sync_dir=False)


def read_times(root: Path) -> list[Moment] | None:
    """The plain times file's moments; ``None`` when there is none (no run with the key yet).
    A line that does not read is skipped."""
    try:
        text = (root / TIMES_FILE).read_text(encoding="utf-8")
    except (OSError, ValueError):
        return None
    moments: list[Moment] = []
    for line in text.splitlines():
        kind, _, value = line.partition(" ")
        try:
            at: datetime | date = (
                datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
            )
        except ValueError:
            continue
        if isinstance(at, datetime) and at.tzinfo is None:
            continue
        moments.append((kind, at))
    return moments
