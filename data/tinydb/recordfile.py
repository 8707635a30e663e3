"""``RecordFile``: one data file as a TinyDB database of model values, indexed by our ``id``.

TinyDB reads and writes the file (through ``DurableStorage``); this class keeps an index from
record id to TinyDB ``doc_id`` and to the model value, so lookups are O(1), and it turns one
batch of puts and removals into TinyDB operations addressed by ``doc_id`` (no table scans)
that end in exactly one durable write. TinyDB's ``doc_id``s are reused after a reopen, so
they never leave this class: records are known by their own ``id``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, MutableMapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from data.files.layout import FileKind
from data.tinydb.schema import Tables, invalid
from data.tinydb.storage import DurableStorage
from planner.domain.errors import DomainError
from planner.domain.ids import is_valid_id
from planner.domain.models import AnyRecord

if TYPE_CHECKING:
    from tinydb import TinyDB
    from tinydb.table import Table


@dataclass(slots=True)
class _Index:
    doc_ids: dict[str, int] = field(default_factory=dict)
    records: dict[str, AnyRecord] = field(default_factory=dict)
    by_date: dict[date, str] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        return len(self.records) == len(self.doc_ids)


def _build_index(path: Path, kind: FileKind, data: Tables) -> _Index:
    """Index the records of ``data`` by id; build (and so validate) every model unless the
    kind is ``lazy``, whose models are built when first asked for."""
    index = _Index()
    if kind.table is None or kind.model is None:
        return index
    for key, document in data.get(kind.table, {}).items():
        try:
            doc_id = int(key)
        except ValueError:
            raise invalid(
                path, f"document key {key!r} in table {kind.table!r} is not a number"
            ) from None
        record_id = document.get("id")
        if not is_valid_id(record_id):
            raise invalid(path, f"document {key} in {kind.table!r} has no valid id")
        if record_id in index.doc_ids:
            raise invalid(path, f"record {record_id!r} appears twice in {kind.table!r}")
        index.doc_ids[record_id] = doc_id
        if not kind.lazy:
            record = _model(path, kind, document)
            index.records[record_id] = record
            if kind.one_per_date:
                _index_date(index, record)
    return index


def _model(path: Path, kind: FileKind, document: Mapping[str, Any]) -> AnyRecord:
    assert kind.model is not None
    try:
        record: AnyRecord = kind.model.from_dict(document)  # type: ignore[attr-defined]
    except DomainError as exc:
        raise invalid(path, f"record {document.get('id')!r} in {kind.table!r}: {exc}") from None
    return record


def _index_date(index: _Index, record: AnyRecord) -> None:
    """Date-keyed kinds hold one record per date; of two, the later-updated one counts."""
    day = _date_of(record)
    holder = index.by_date.get(day)
    if holder is None or index.records[holder].updated <= record.updated:
        index.by_date[day] = record.id


def _date_of(record: AnyRecord) -> date:
    day = getattr(record, "date", None)
    assert isinstance(day, date), f"a {record.record_kind} has no date"
    return day


def _replace_with(
    documents: Mapping[str, dict[str, Any]],
) -> Callable[[MutableMapping[str, Any]], None]:
    def replace(document: MutableMapping[str, Any]) -> None:
        new = documents[document["id"]]
        document.clear()
        document.update(new)

    return replace


class RecordFile:
    """One data file of a record kind, loaded whole, written whole, indexed by ``id``.

    Raises ``DataError`` (naming the file) when the file does not parse, has the wrong shape,
    holds a record the model refuses, or comes from a newer schema; such a file is never
    written.
    """

    def __init__(self, path: Path, kind: FileKind, *, copy_of: str | None = None) -> None:
        self.path = path
        self.kind = kind
        self._candidate: _Index | None = None
        self.storage = DurableStorage(path, kind, check=self._check, copy_of=copy_of)
        self._index = self._adopt()
        self._tinydb: TinyDB | None = None

    # -- reading --

    @property
    def exists(self) -> bool:
        return self.storage.exists

    def __contains__(self, record_id: object) -> bool:
        return record_id in self._index.doc_ids

    def __len__(self) -> int:
        return len(self._index.doc_ids)

    def ids(self) -> Iterable[str]:
        """The ids of the file's records, without building their models."""
        return self._index.doc_ids.keys()

    def get(self, record_id: str) -> AnyRecord | None:
        index = self._index
        found = index.records.get(record_id)
        if found is None and record_id in index.doc_ids:
            assert self.kind.table is not None
            document = self.storage.read()[self.kind.table][str(index.doc_ids[record_id])]
            found = index.records[record_id] = _model(self.path, self.kind, document)
        return found

    def matching(self, may_match: Callable[[Mapping[str, Any]], bool]) -> list[AnyRecord]:
        """The records whose stored document ``may_match`` accepts, building only those
        models (raises ``DataError`` if one of them is refused by its model)."""
        assert self.kind.table is not None
        documents = self.storage.read().get(self.kind.table, {})
        found: list[AnyRecord] = []
        for document in documents.values():
            if may_match(document):
                record = self.get(document["id"])
                assert record is not None
                found.append(record)
        return found

    def records(self) -> Mapping[str, AnyRecord]:
        """Every record by id (immutable values; do not change the mapping).

        Raises ``DataError`` if one of them is refused by its model.
        """
        self.validate()
        return self._index.records

    def validate(self) -> None:
        """Build every model not built yet: a record the model refuses raises ``DataError``."""
        if not self._index.complete:
            for record_id in self._index.doc_ids:
                self.get(record_id)

    def on_date(self, day: date) -> AnyRecord | None:
        """For date-keyed kinds: the record of ``day``."""
        record_id = self._index.by_date.get(day)
        return None if record_id is None else self._index.records[record_id]

    def extra_table(self, name: str) -> list[dict[str, Any]]:
        """Copies of the documents of a bookkeeping table other than the records' own."""
        return [dict(document) for document in self.storage.read().get(name, {}).values()]

    # -- freshness --

    def changed_on_disk(self) -> bool:
        return self.storage.changed_on_disk()

    def reload(self) -> None:
        """Read the file again; a bad file raises ``DataError`` and the old state stays."""
        self.storage.reload()
        self._index = self._adopt()
        self._tinydb = None

    # -- writing --

    def write(
        self,
        puts: Iterable[AnyRecord] = (),
        removes: Iterable[str] = (),
        also: Callable[[TinyDB], None] | None = None,
    ) -> bool:
        """Put and remove records (and run ``also`` on the database) in one durable write.

        A put replaces the record with the same id, wherever in the table it is; for
        date-keyed kinds it also replaces another record of the same date. Returns whether
        anything was written. On failure the file and memory are as before, and it re-raises.
        Every record is validated first: a file holding one the model refuses is not written.
        """
        self.validate()
        index = self._index
        put_docs: dict[str, dict[str, Any]] = {}
        put_records: dict[str, AnyRecord] = {}
        for record in puts:
            put_docs[record.id] = record.to_dict()
            put_records[record.id] = record
        dropping = {rid for rid in removes if rid in index.records and rid not in put_records}
        if self.kind.one_per_date:
            for record in put_records.values():
                for holder in self._same_date(record):
                    if holder not in put_records:
                        dropping.add(holder)
        replacing = [index.doc_ids[rid] for rid in put_docs if rid in index.doc_ids]
        inserting = [rid for rid in put_docs if rid not in index.doc_ids]
        if not (put_docs or dropping or also):
            return False
        table = self._table()
        try:
            with self.storage.deferred():
                if replacing:
                    table.update(_replace_with(put_docs), doc_ids=replacing)
                new_doc_ids: list[int] = []
                if inserting:
                    new_doc_ids = table.insert_multiple([put_docs[rid] for rid in inserting])
                if dropping:
                    table.remove(doc_ids=[index.doc_ids[rid] for rid in dropping])
                if also is not None:
                    also(self._db())
        except BaseException:
            self._index = _build_index(self.path, self.kind, self.storage.read())
            self._tinydb = None
            raise
        for rid in dropping:
            del index.records[rid]
            del index.doc_ids[rid]
        index.doc_ids.update(zip(inserting, new_doc_ids, strict=True))
        index.records.update(put_records)
        if self.kind.one_per_date:
            index.by_date = {}
            for record in index.records.values():
                _index_date(index, record)
        return True

    # -- internals --

    def _same_date(self, record: AnyRecord) -> list[str]:
        day = _date_of(record)
        return [
            rid
            for rid, other in self._index.records.items()
            if rid != record.id and _date_of(other) == day
        ]

    def _table(self) -> Table:
        assert self.kind.table is not None
        return self._db().table(self.kind.table)

    def _check(self, data: Tables) -> None:
        self._candidate = _build_index(self.path, self.kind, data)

    def _adopt(self) -> _Index:
        candidate, self._candidate = self._candidate, None
        assert candidate is not None
        return candidate

    def _db(self) -> TinyDB:
        """TinyDB over our storage, made on first use (reading needs none) and made anew
        after a reload or a refused write: TinyDB caches the next ``doc_id`` per table,
        which another process's write or a refused write makes stale."""
        if self._tinydb is None:
            from tinydb import TinyDB

            storage = self.storage
            self._tinydb = TinyDB(storage=lambda: storage)
        return self._tinydb


def clock_update(
    table_name: str, puts: Mapping[str, dict[str, Any]], drops: Iterable[str]
) -> Callable[[TinyDB], None]:
    """An ``also`` for ``RecordFile.write``: in the bookkeeping table ``table_name`` (documents
    keyed by their ``id``), replace or insert ``puts`` and remove the ids ``drops``."""
    dropping = set(drops) - set(puts)

    def update(db: TinyDB) -> None:
        table = db.table(table_name)
        held = {document["id"]: document.doc_id for document in table if "id" in document}
        replacing = [held[rid] for rid in puts if rid in held]
        if replacing:
            table.update(_replace_with(dict(puts)), doc_ids=replacing)
        new = [document for rid, document in puts.items() if rid not in held]
        if new:
            table.insert_multiple(new)
        gone = [held[rid] for rid in dropping if rid in held]
        if gone:
            table.remove(doc_ids=gone)

    return update
