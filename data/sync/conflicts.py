"""The conflicts book (``sync-local/conflicts.json``): what a merge decided for one field
edited on two machines without seeing each other, for the user to see and reverse.

Reversing writes the losing value as a new local edit: its stamp is later than both, so it
wins on every machine at the next sync. A journal body conflict has both versions in the
entry already (marked): it is reversed by editing the entry, and ``reverse`` refuses it.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from pathlib import Path

from data.store import FileStore
from data.sync.jsonfile import read_json, write_json
from data.sync.paths import CONFLICTS_FILE, local_file
from planner.domain.errors import NotFoundError
from planner.domain.sync.merge import BODY, GROUPS, Conflict

__all__ = ["BodyConflictError", "Conflict", "ConflictBook"]


class BodyConflictError(ValueError):
    """A journal body conflict: both versions are in the entry; edit it instead."""


class ConflictBook:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.path = local_file(root, CONFLICTS_FILE)

    def list(self) -> list[Conflict]:
        """The open conflicts, oldest first."""
        raw = read_json(self.path, [])
        found: list[Conflict] = []
        for item in raw if isinstance(raw, list) else []:
            try:
                found.append(Conflict.from_json(item))
            except (KeyError, TypeError, ValueError):
                continue
        return found

    def count(self) -> int:
        return len(self.list())

    def add(self, conflicts: Iterable[Conflict]) -> builtins.list[Conflict]:
        """Record the conflicts not recorded yet (by id); return those."""
        held = self.list()
        known = {c.id for c in held}
        new = []
        for conflict in conflicts:
            if conflict.id not in known:
                known.add(conflict.id)
                new.append(conflict)
        if new:
            self._save([*held, *new])
        return new

    def forget(self, conflict_id: str) -> None:
        held = self.list()
        self._save([c for c in held if c.id != conflict_id])

    def get(self, conflict_id: str) -> Conflict:
        """A conflict by id or unique prefix (``NotFoundError`` otherwise)."""
        matches = [c for c in self.list() if c.id.startswith(conflict_id)]
        if len(matches) != 1:
            raise NotFoundError("conflict", conflict_id)
        return matches[0]

    def reverse(self, conflict_id: str, store: FileStore) -> None:
        """Bring back the losing value as a new local edit (and close the conflict).

        Raises ``NotFoundError`` for an unknown id or a record that is gone,
        ``BodyConflictError`` for a journal body conflict."""
        from data.sync.merging import build, consistent
        from planner.services.ports import Change

        conflict = self.get(conflict_id)
        if conflict.field == BODY:
            raise BodyConflictError(conflict.id)
        # fields that travel together (a task's status and closing time) lost together, to
        # one edit (one stamp): they come back together
        group = next((g for g in GROUPS.get(conflict.kind, ()) if conflict.field in g), None)
        together = [
            c
            for c in self.list()
            if c.id == conflict.id
            or (
                group is not None
                and c.record == conflict.record
                and c.field in group
                and c.loser_stamp == conflict.loser_stamp
            )
        ]
        with store.transaction():
            located = store.locate(conflict.kind, conflict.record)
            if located is None:
                raise NotFoundError(conflict.kind, conflict.record)
            record = located[0]
            document = record.to_dict()
            for found in together:
                document[found.field] = found.loser
            document["updated"] = store.now().isoformat()
            store.apply([Change(record, build(conflict.kind, consistent(conflict.kind, document)))])
            for found in together:
                self.forget(found.id)

    def _save(self, conflicts: builtins.list[Conflict]) -> None:
        write_json(self.path, [c.to_json() for c in conflicts])
