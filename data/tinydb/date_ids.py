"""Schema 3: a Day and a journal entry have the id of their date (``planner.domain.ids.date_id``).

Files written before schema 3 gave them random ids. ``give_date_ids`` rewrites those ids in
a file's tables, in memory: the migration to schema 3 writes the result back, and the store
applies it to every day or journal file of an older schema it reads (one a ``doctor
--repair`` brought back from an older snapshot, say), so a record of a date never has two
ids. Undo finds a day and an entry by date, and the migration rewrites the history's copies
too, so nothing else holds their ids.

Of two records of one date (which a kill or a hand edit may leave), the one the store shows
(the later ``updated``; of equal ones, the later in the file) gets the date's id; the other
keeps its own, hidden as it was.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from data.files.layout import DAYS, JOURNAL, FileKind
from data.tinydb.schema import META_TABLE, Tables
from planner.domain.ids import DATED_KINDS, DatedKind, date_id

DATE_IDS_SCHEMA = 3
"""The first schema whose files hold date ids for days and journal entries."""

_DATED: dict[str, DatedKind] = {DAYS.name: "day", JOURNAL.name: "journal"}


def dated_kind(kind: FileKind) -> DatedKind | None:
    """The ``date_id`` kind of the records files of ``kind`` hold; None for other files."""
    return _DATED.get(kind.name)


def needs_date_ids(data: Tables, kind: FileKind) -> bool:
    """Whether ``data`` (a file already checked by ``check_shape``) is a day or journal file
    written before schema 3."""
    if dated_kind(kind) is None:
        return False
    meta: dict[str, Any] = next(iter(data.get(META_TABLE, {}).values()), {})
    schema = meta.get("schema")
    return isinstance(schema, int) and schema < DATE_IDS_SCHEMA


def give_date_ids(data: Tables, kind: FileKind) -> dict[str, str]:
    """Give each date's record in ``data`` its date id, in place; return old id -> new id.

    A document whose date, update time or id cannot be read is left as it is (reading it
    then reports it as the damage it is), and so is one whose date id another document
    already holds.
    """
    dated = dated_kind(kind)
    if dated is None or kind.table is None:
        return {}
    documents = data.get(kind.table, {})
    shown: dict[date, tuple[datetime, dict[str, Any]]] = {}
    for document in documents.values():
        found = _date_and_update(document)
        if found is None:
            continue
        day, updated = found
        held = shown.get(day)
        if held is None or _before_or_same(held[0], updated):
            shown[day] = (updated, document)
    ids = {document.get("id") for document in documents.values()}
    renamed: dict[str, str] = {}
    for day, (_updated, document) in shown.items():
        old, new = document["id"], date_id(dated, day)
        if old == new or new in ids:
            continue
        document["id"] = new
        ids.add(new)
        renamed[old] = new
    return renamed


def _date_and_update(document: dict[str, Any]) -> tuple[date, datetime] | None:
    raw_date, raw_updated = document.get("date"), document.get("updated")
    if not isinstance(document.get("id"), str):
        return None
    if not isinstance(raw_date, str) or not isinstance(raw_updated, str):
        return None
    try:
        day = date.fromisoformat(raw_date)
        updated = datetime.fromisoformat(raw_updated)
    except ValueError:
        return None
    if updated.tzinfo is None:
        return None
    return day, updated


def _before_or_same(held: datetime, other: datetime) -> bool:
    """The store's rule (``recordfile._index_date``): the later ``updated`` is shown, and of
    two equal ones, the later in the file."""
    return held <= other


def give_history_date_ids(actions: list[dict[str, Any]]) -> bool:
    """Give the days and journal entries the kept undo actions hold (``history.json``'s
    documents) their date ids, in place; return whether any changed.

    Undo finds a day or an entry by its date, and compares the ids too: an action kept from
    before the migration would otherwise be refused as "changed since". A change whose two
    versions are of different dates (none is made so) is left as it is.
    """
    changed = False
    for action in actions:
        changes = action.get("changes")
        for change in changes if isinstance(changes, list) else ():
            if not isinstance(change, dict) or change.get("kind") not in DATED_KINDS:
                continue
            versions = [change.get(name) for name in ("before", "after")]
            records = [record for record in versions if isinstance(record, dict)]
            new_ids = {_history_date_id(change["kind"], record) for record in records}
            if len(new_ids) != 1 or None in new_ids:
                continue
            (new,) = new_ids
            for record in records:
                if record.get("id") != new:
                    record["id"] = new
                    changed = True
    return changed


def _history_date_id(kind: DatedKind, record: dict[str, Any]) -> str | None:
    raw = record.get("date")
    if not isinstance(raw, str):
        return None
    try:
        return date_id(kind, date.fromisoformat(raw))
    except ValueError:
        return None
