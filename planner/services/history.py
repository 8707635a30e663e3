"""Undo and redo: each operation is recorded as an ``Action``, the changes it wrote.

An operation runs inside the store's transaction: it reads the latest state (another process
may have written since we last looked), decides, and applies a list of ``Change``s. The
action is then added to the history kept with the data (the store's ``action_log``, the last
``KEEP`` actions), which every process shares: ``planner undo`` can undo what the app did,
and the other way round.

Undo writes an action's changes back, and redo writes them forward again, but only where
each record is still as the action (or its undo) left it: ``planner.services.reversal``
decides field by field, so a change another process made since is never written over. An
action nothing of which can be reversed is skipped for the next older one; when none can
be, the step is refused (``StepRefused``) and says why.

Whose actions: a history made for a session (the app) undoes and redoes that session's own
actions, newest first, as the user expects of ``u`` there; one without (a ``planner``
command) takes the newest of anyone's, as ``task undo`` does. A new action ends the redo of
the undone actions of its own origin (the app session's, or the commands'), not another's.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from planner.domain.clock import Clock
from planner.domain.errors import DataError, PlannerError
from planner.domain.models import AnyRecord, Day, JournalEntry, Task
from planner.services.ports import Action, Change, LoggedAction, Store
from planner.services.reversal import Conflict, Reversal, reversal

__all__ = ["KEEP", "Action", "Blocked", "History", "Step", "StepRefused"]

KEEP = 100
"""How many actions the history keeps (undone ones included)."""
CLI_ORIGIN = "cli"


@dataclass(frozen=True, slots=True)
class Blocked:
    """An action that could not be reversed, and what stood in the way."""

    action: Action
    kept: tuple[Conflict, ...]


@dataclass(frozen=True, slots=True)
class Step:
    """An undo or a redo that was made: the action, and what it left as another process
    made it (``kept``: reversed in part). ``skipped``: newer actions that were blocked."""

    action: Action
    kept: tuple[Conflict, ...] = ()
    skipped: tuple[Blocked, ...] = ()

    # what the app's notices read, as they did of the action itself
    @property
    def label(self) -> str:
        return self.action.label

    @property
    def subject(self) -> str | None:
        return self.action.subject


class StepRefused(PlannerError):
    """Nothing could be undone (or redone): each candidate action is blocked; ``blocked``
    holds them, newest first, with why."""

    def __init__(self, word: str, blocked: Sequence[Blocked]) -> None:
        super().__init__(f"nothing to {word}: another process changed it since")
        self.word = word
        self.blocked = tuple(blocked)


class History:
    """The one way operations write, and undo and redo over the shared history."""

    def __init__(self, store: Store, clock: Clock, *, session: str | None = None) -> None:
        self.store = store
        self.clock = clock
        self.session = session
        self.unrecorded: DataError | None = None
        """Why the last action could not be recorded (a damaged history), or None."""

    def own_session(self) -> str:
        """Keep to this process's own actions from now on (the app); returns its name."""
        import secrets  # two apps in one process (tests) are two sessions too

        self.session = f"app:{os.getpid()}:{secrets.token_hex(4)}"
        return self.session

    @property
    def origin(self) -> str:
        return self.session or CLI_ORIGIN

    def _mine(self, logged: LoggedAction) -> bool:
        return self.session is None or logged.origin == self.session

    # -- reading ------------------------------------------------------------------------------

    def actions(self) -> list[LoggedAction]:
        """The kept history, oldest first (raises ``DataError`` when it is damaged)."""
        return self.store.action_log().read()

    def undoable(self, actions: Sequence[LoggedAction] | None = None) -> list[LoggedAction]:
        """The actions an undo may reverse, the first one tried first."""
        found = self._readable() if actions is None else actions
        return [a for a in reversed(found) if a.undone is None and self._mine(a)]

    def redoable(self, actions: Sequence[LoggedAction] | None = None) -> list[LoggedAction]:
        """The undone actions a redo may make again, the most recently undone first."""
        found = self._readable() if actions is None else actions
        undone = [a for a in found if a.undone is not None and self._mine(a)]
        return sorted(undone, key=lambda a: a.undone or 0, reverse=True)

    @property
    def undo_stack(self) -> list[Action]:
        """The actions undo may reverse, as a stack: the last one is tried first."""
        return [a.action for a in reversed(self.undoable())]

    @property
    def redo_stack(self) -> list[Action]:
        """The actions redo may make again, as a stack: the last one is tried first."""
        return [a.action for a in reversed(self.redoable())]

    @property
    def can_undo(self) -> bool:
        return bool(self.undoable())

    @property
    def can_redo(self) -> bool:
        return bool(self.redoable())

    def _readable(self) -> list[LoggedAction]:
        try:
            return self.actions()
        except DataError:
            return []

    # -- writing ------------------------------------------------------------------------------

    def run(
        self, label: str, build: Callable[[], Iterable[Change]], subject: str | None = None
    ) -> Action:
        """Build the changes inside the store's transaction, apply them, and record them.

        Changes that change nothing are left out; an action with no changes is returned but
        not recorded, so it neither fills the history nor drops what could be redone.
        """
        with self.store.transaction():
            changes = tuple(c for c in build() if c.before != c.after)
            action = Action(label, changes, subject)
            if changes:
                self.store.apply(changes)
                self._record(action)
        return action

    def _record(self, action: Action) -> None:
        """Add ``action`` to the history; the actions of the same origin that were undone are
        dropped, as a new action ends the redo of the ones undone before it (another
        process's stay: its redo is its own). The data is written already, so
        a history that cannot be read or written leaves the action unrecorded (and says why
        in ``unrecorded``) rather than failing it."""
        log = self.store.action_log()
        try:
            log.append(self.clock(), self.origin, action, keep=KEEP)
        except (DataError, OSError) as exc:
            self.unrecorded = exc if isinstance(exc, DataError) else DataError("history", str(exc))
        else:
            self.unrecorded = None

    def undo(self) -> Step | None:
        """Reverse the newest action that can be; None when there is none to undo."""
        return self._step(forward=False)

    def redo(self) -> Step | None:
        """Make again the most recently undone action that can be; None when there is none."""
        return self._step(forward=True)

    def _step(self, *, forward: bool) -> Step | None:
        with self.store.transaction():
            log = self.store.action_log()
            kept = log.read()
            candidates = self.redoable(kept) if forward else self.undoable(kept)
            if not candidates:
                return None
            skipped: list[Blocked] = []
            for logged in candidates:
                plan = self.plan(logged.action, forward=forward)
                if plan.blocked:
                    skipped.append(Blocked(logged.action, plan.kept))
                    continue
                self.store.apply(plan.writes)
                undone = None if forward else _next_seq(kept)
                log.write([replace(a, undone=undone) if a.seq == logged.seq else a for a in kept])
                return Step(logged.action, plan.kept, tuple(skipped))
            raise StepRefused("redo" if forward else "undo", skipped)

    def plan(self, action: Action, *, forward: bool) -> Reversal:
        """What undoing (redoing) ``action`` would write now, and what it would keep."""
        return reversal(action.changes, forward=forward, current=self._current, now=self._now())

    def _now(self) -> datetime:
        return self.clock()

    def _current(self, record: AnyRecord) -> AnyRecord | None:
        if isinstance(record, Task):
            return self.store.get_task(record.id)
        if isinstance(record, Day):
            return self.store.get_day(record.date)
        if isinstance(record, JournalEntry):
            return self.store.get_entry(record.date)
        return self.store.get_setback(record.id)


def _next_seq(actions: Sequence[LoggedAction]) -> int:
    return 1 + max((max(a.seq, a.undone or 0) for a in actions), default=0)
