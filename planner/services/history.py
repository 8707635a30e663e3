"""Undo and redo: each operation is recorded as an ``Action``, the changes it wrote.

An operation runs inside the store's transaction: it reads the latest state (another process
may have written since we last looked), decides, and applies a list of ``Change``s. Undo
writes the same list back reversed; redo writes it forward again. Both write over whatever
each record is *now*, so undoing a step does not also undo what another process wrote since.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from planner.domain.clock import Clock
from planner.domain.models import AnyRecord, Day, JournalEntry, Task
from planner.services.ports import Change, Store


@dataclass(frozen=True, slots=True)
class Action:
    """One undoable step: what the user did (a catalog key) and the changes it wrote."""

    label: str
    changes: tuple[Change, ...]
    subject: str | None = None


class History:
    """The undo and redo stacks of one planner, and the one way operations write."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self.store = store
        self.clock = clock
        self.undo_stack: list[Action] = []
        self.redo_stack: list[Action] = []

    @property
    def can_undo(self) -> bool:
        return bool(self.undo_stack)

    @property
    def can_redo(self) -> bool:
        return bool(self.redo_stack)

    def run(
        self, label: str, build: Callable[[], Iterable[Change]], subject: str | None = None
    ) -> Action:
        """Build the changes inside the store's transaction, apply them, and record them.

        Changes that change nothing are left out; an action with no changes is returned but
        not recorded, so it neither fills the undo stack nor clears the redo stack.
        """
        with self.store.transaction():
            changes = tuple(c for c in build() if c.before != c.after)
            if changes:
                self.store.apply(changes)
        action = Action(label, changes, subject)
        if changes:
            self.undo_stack.append(action)
            self.redo_stack.clear()
        return action

    def undo(self) -> Action | None:
        if not self.undo_stack:
            return None
        action = self.undo_stack.pop()
        self._write_back(action.changes, forward=False)
        self.redo_stack.append(action)
        return action

    def redo(self) -> Action | None:
        if not self.redo_stack:
            return None
        action = self.redo_stack.pop()
        self._write_back(action.changes, forward=True)
        self.undo_stack.append(action)
        return action

    def _write_back(self, changes: Sequence[Change], *, forward: bool) -> None:
        """Write each change's target over whatever the record is now (the latest state)."""
        ordered = changes if forward else list(reversed(changes))
        with self.store.transaction():
            rewritten = []
            for change in ordered:
                target = change.after if forward else change.before
                current = self._current(change.record)
                if current is None and target is None:
                    continue
                if target is not None:
                    target = target.touched(self.clock())
                rewritten.append(Change(before=current, after=target))
            self.store.apply(rewritten)

    def _current(self, record: AnyRecord) -> AnyRecord | None:
        if isinstance(record, Task):
            return self.store.get_task(record.id)
        if isinstance(record, Day):
            return self.store.get_day(record.date)
        if isinstance(record, JournalEntry):
            return self.store.get_entry(record.date)
        return self.store.get_setback(record.id)
