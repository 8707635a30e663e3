"""The shape every data file must have, its schema version, and the errors that report it.

A data file is a TinyDB database: a JSON object of tables (objects) of documents (objects).
Each holds a ``_meta`` table with one document ``{"schema": N, "kind": "<file kind>"}``; record
files add one table named after what they hold (``tasks``, ``journal``, ``days``,
``setbacks``). Any other table's name starts with ``_``: bookkeeping kept in the same file so
that it is written atomically with the records (open work's ``_leaving_archive``; from schema
3, the sync engine's per-record tables such as the field clocks ``_clock`` and tombstones).
Its documents are objects like every table's; a planner that does not know such a table
keeps it as it is.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from data.files.layout import DOCTOR_ADVICE, FileKind, Layout
from planner.domain.errors import DataError

CURRENT_SCHEMA = 4
"""Version 2 added ``import_base`` to tasks and journal entries (what the last import
brought, for merging per field): an older planner, which refuses a field it does not know,
must read "written by a newer planner", not "damaged", and leave such a file alone.

Version 3 gives a Day and a journal entry the id of their date (``date_id``; the migration
rewrites the older random ones, see ``data.tinydb.date_ids``), so two machines writing the
same day offline make one record; and it admits the sync engine's per-record tables
(``_clock``, tombstones: tables named with a leading ``_``) in record files. A planner of
schema 2 would write random ids for new days again and drop what it does not know of those
tables, so it must refuse a folder of schema 3 as newer.

Version 4 adds a task's ``estimate`` and ``estimate_low`` (minutes, null by default) and an
instruction's extension (``extension_to``, ``extension_reason``, ``report_by_original``, null
by default) and a task's timer ``intervals`` (an empty list by default), as
version 2 added a field: a planner of schema 3 refuses a record with a field it does not know,
so it must read such a folder as newer rather than as damaged (and leave it alone)."""
OLDEST_READABLE = 1
"""Files of schema 1 to 3 are still read, and stamped ``CURRENT_SCHEMA`` when next written
(versions 2 and 4 only added fields, empty by default); a day or journal file of either is given
its date ids as it is read (``data.tinydb.date_ids``), so one that comes back from an older
snapshot (``doctor --repair``) holds the same ids as the migrated folder. A whole snapshot
of schema 1 or 2 restores as is, its ``meta.json`` with it, and is migrated again when the
store next opens."""
META_TABLE = "_meta"

NEWER_ADVICE = "update planner to open it; the file was left untouched"

Tables = dict[str, dict[str, Any]]


def meta_document(kind: FileKind, **extra: Any) -> dict[str, Any]:
    return {"schema": CURRENT_SCHEMA, "kind": kind.name, **extra}


def stamp_current(data: Tables) -> None:
    """Mark ``data`` (about to be written) as of ``CURRENT_SCHEMA``, in place: a file of an
    older, still readable schema is brought up to date by its next write."""
    for document in data.get(META_TABLE, {}).values():
        document["schema"] = CURRENT_SCHEMA


def initial_data(kind: FileKind, **extra: Any) -> Tables:
    """What a file of ``kind`` holds before its first record: only its ``_meta``."""
    return {META_TABLE: {"1": meta_document(kind, **extra)}}


def invalid(path: Path, detail: str) -> DataError:
    return DataError(str(path), f"is not valid planner data ({detail})", DOCTOR_ADVICE)


NOT_REGULAR_ADVICE = (
    "data files must be regular files (the data folder itself may be a link): put the file "
    'itself there, or run "planner doctor --repair" to move this aside and restore the '
    "newest good backup"
)


def not_a_regular_file(path: Path, what: str | None) -> DataError:
    """A folder, a symbolic link or another non-file where a data file belongs."""
    found = f"is {what}" if what else "is not a regular file"
    return DataError(str(path), f"{found} where a data file belongs", NOT_REGULAR_ADVICE)


def newer(path: Path, schema: int) -> DataError:
    return DataError(str(path), f"was written by a newer planner (schema {schema})", NEWER_ADVICE)


def check_shape(path: Path, data: object, kind: FileKind) -> Tables:
    """Return ``data`` typed as tables when it is a valid file of ``kind``, else raise.

    Raises ``DataError``: "not valid planner data" for a wrong shape, "written by a newer
    planner" for a schema above ``CURRENT_SCHEMA``.
    """
    if not isinstance(data, dict):
        raise invalid(path, f"the top level is {_json_type(data)}, not an object of tables")
    peeked = _peek_schema(data)
    if peeked is not None and peeked > CURRENT_SCHEMA:
        raise newer(path, peeked)
    for name, table in data.items():
        if not isinstance(table, dict):
            raise invalid(path, f"table {name!r} is {_json_type(table)}, not an object")
        for doc_id, document in table.items():
            if not isinstance(document, dict):
                raise invalid(
                    path,
                    f"document {doc_id} of table {name!r} is {_json_type(document)}, not an object",
                )
    meta = data.get(META_TABLE)
    if not meta:
        raise invalid(path, f"it has no {META_TABLE} table")
    if len(meta) != 1:
        raise invalid(path, f"its {META_TABLE} table holds {len(meta)} documents, not one")
    document = next(iter(meta.values()))
    schema = document.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool):
        raise invalid(path, f"its schema version is {schema!r}, not a number")
    if schema > CURRENT_SCHEMA:
        raise newer(path, schema)
    if schema < OLDEST_READABLE:
        raise invalid(path, f"schema {schema} is older than {CURRENT_SCHEMA} and was not migrated")
    if document.get("kind") != kind.name:
        raise invalid(path, f"it holds {document.get('kind')!r} data, expected {kind.name!r}")
    return data


def _peek_schema(data: dict[Any, Any]) -> int | None:
    """The schema a file claims, read before its shape is trusted: a newer planner may have
    changed the shape, and must then be reported as newer, not as corrupt."""
    meta = data.get(META_TABLE)
    if isinstance(meta, dict):
        for document in meta.values():
            if isinstance(document, dict):
                schema = document.get("schema")
                if isinstance(schema, int) and not isinstance(schema, bool):
                    return schema
    return None


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def folder_version(layout: Layout) -> int | None:
    """The data folder's schema version; None for a fresh folder with nothing to migrate.

    An unreadable ``meta.json`` counts as current: the store then reports it properly.
    """
    if layout.meta.exists():
        try:
            meta = json.loads(layout.meta.read_bytes())
            document = next(iter(meta[META_TABLE].values()))
            schema = document["schema"]
        except (ValueError, KeyError, TypeError, AttributeError, StopIteration, OSError):
            return CURRENT_SCHEMA
        return schema if isinstance(schema, int) else CURRENT_SCHEMA
    if layout.legacy_db.exists():
        return 0
    return None
