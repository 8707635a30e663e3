"""The operations the CLI and the app share, each one durable and undoable.

``Planner`` is a facade: it builds one ``Context`` (store, settings, clock, undo history) and
the use cases on it, and hands each call to the module that holds it:

- ``ranking``: the board, its ranking context, ``explain``;
- ``triage``: adding, editing, accepting, scheduling, toggling, closing and reopening tasks;
- ``days``: the main contradiction and the morning's carry-over question;
- ``journal``: journal entries;
- ``setbacks``: setback analyses and their remedial measures;
- ``removal``: deleting tasks, journal entries and analyses for good (undoable);
- ``timer``: the one running timer, found in the data; starting, stopping, the day's-end stop;
- ``review``: the review figures (imported on the first review, not at start-up);
- ``history``: how an operation is written and recorded, and undo and redo.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING, Any

from planner.domain.clock import Clock, system_clock
from planner.domain.config import Config
from planner.domain.instructions import InstructionState
from planner.domain.load import DayLoad, counted_tasks, day_load
from planner.domain.models import DueValue, JournalEntry, SetbackAnalysis, Task
from planner.domain.ranking import Board, Explanation, RankContext
from planner.domain.workdays import WorkCalendar, WorkdayAnswer
from planner.services.context import Context
from planner.services.days import CarryOffer, Days
from planner.services.history import Action, History, Step
from planner.services.instructions import Instructions
from planner.services.journal import Journal
from planner.services.lookup import all_tasks, find_task, resolve_task
from planner.services.ports import Store
from planner.services.ranking import Ranking
from planner.services.removal import Removal, Removed
from planner.services.setbacks import Setbacks
from planner.services.timer import Running, Start, Stopped, Timers
from planner.services.triage import Completion, EditClash, EditConflict, Triage

if TYPE_CHECKING:
    from planner.domain.dates import Direction
    from planner.domain.edits import TaskEdit
    from planner.domain.quickadd import QuickAdd
    from planner.domain.review import PeriodKind, Review

# What callers import from here besides the facade: the values its methods return.
__all__ = [
    "Action",
    "CarryOffer",
    "Completion",
    "EditClash",
    "EditConflict",
    "Planner",
    "Removed",
    "Running",
    "Start",
    "Step",
    "Stopped",
]


class Planner:
    """The application service: triage, planning and journal operations with undo and redo."""

    def __init__(
        self,
        store: Store,
        config: Config,
        clock: Clock = system_clock,
        calendar: WorkCalendar | None = None,
    ) -> None:
        """``calendar``: the working calendar (the shell gives China's holidays); without
        one, Monday to Friday with the config's ``[workdays]``."""
        self.store = store
        self.config = config
        self.clock = clock
        self.history = History(store, clock)
        if calendar is None:
            calendar = WorkCalendar(extra=config.workdays_extra, off=config.workdays_off)
        self.calendar = calendar
        self._ctx = Context(store, config, clock, self.history, calendar)
        self._instructions = Instructions(self._ctx)
        self._ranking = Ranking(self._ctx, self._instructions.warn_until)
        self._triage = Triage(self._ctx)
        self._days = Days(self._ctx)
        self._journal = Journal(self._ctx)
        self._setbacks = Setbacks(self._ctx)
        self._removal = Removal(self._ctx)
        self._timers = Timers(self._ctx)

    # -- time --------------------------------------------------------------------------------

    def now(self) -> datetime:
        return self._ctx.now()

    def today(self) -> date:
        return self._ctx.today()

    def tz(self) -> tzinfo:
        return self._ctx.tz()

    def workday(self, day: date | None = None) -> WorkdayAnswer:
        """Whether ``day`` (default today) is a working day, and why."""
        return self.calendar.answer(self.today() if day is None else day)

    def add_workdays(self, count: int, day: date | None = None) -> date:
        """The ``count``-th working day after ``day`` (default today); before it if negative."""
        return self.calendar.add_workdays(self.today() if day is None else day, count)

    # -- reading -----------------------------------------------------------------------------

    def day_load(self, board: Board | None = None, answer: WorkdayAnswer | None = None) -> DayLoad:
        """The load of ``board``'s day (today's board by default, unfiltered) against its
        capacity; ``answer``: the working calendar's answer for that day, if known already."""
        board = self.board() if board is None else board
        if answer is None or answer.day != board.date:
            answer = self.workday(board.date)
        config = self.config
        return day_load(counted_tasks(board), answer, config.capacity, config.day_starts_at)

    def rank_context(self, day: date | None = None) -> RankContext:
        return self._ranking.rank_context(day)

    def main_id(self, day: date | None = None) -> str | None:
        return self._days.main_id(day)

    def board(self, day: date | None = None) -> Board:
        return self._ranking.board(day)

    def explain(self, task_id: str) -> Explanation:
        return self._ranking.explain(task_id)

    def resolve(self, prefix: str) -> str:
        """Full id of the task ``prefix`` names: open work first, then the archive."""
        return resolve_task(self.store, prefix)

    def task(self, prefix: str) -> Task:
        return find_task(self.store, prefix)

    def all_tasks(self, *, include_archive: bool = False) -> list[Task]:
        """Open work, and with ``include_archive`` every archived task (the archive's copy wins)."""
        return all_tasks(self.store, include_archive=include_archive)

    def carry_offer(self) -> CarryOffer | None:
        """The carry-over question (DESIGN section 3), or None when there is nothing to ask."""
        return self._days.carry_offer()

    # -- undo and redo -----------------------------------------------------------------------

    @property
    def can_undo(self) -> bool:
        return self.history.can_undo

    @property
    def can_redo(self) -> bool:
        return self.history.can_redo

    def undo(self) -> Step | None:
        """Reverse the newest action that can be, where its records are still as it left
        them (``StepRefused`` when none can be; None when there is nothing to undo)."""
        return self.history.undo()

    def redo(self) -> Step | None:
        return self.history.redo()

    # -- tasks -------------------------------------------------------------------------------

    def quick_add(self, text: str) -> Task:
        """Parse a quick-add line and add it; ``!main`` also makes it the main contradiction."""
        return self._triage.quick_add(text)

    def quick_add_check(self, text: str) -> QuickAdd:
        """Read a quick-add line without adding it; raises ``ParseError`` naming the bad part."""
        return self._triage.quick_add_check(text)

    def parse_date(
        self, text: str, direction: Direction, *, allow_time: bool = False
    ) -> DueValue | None:
        """A date expression relative to today, read in the direction of its field (forward
        for a due or review date, backward for a journal day or a setback's date); empty
        text means no date."""
        return self._triage.parse_date(text, direction, allow_time=allow_time)

    def add_parsed(self, parsed: QuickAdd, *, task_id: str | None = None) -> Task:
        return self._triage.add_parsed(parsed, task_id=task_id)

    def add_task(self, task: Task) -> Task:
        return self._triage.add_task(task)

    def edit(self, prefix: str, fields: Mapping[str, Any], *, base: Task | None = None) -> Task:
        """Write the edited ``fields``; with ``base`` (what the form showed), refuse with
        ``EditConflict`` a field another process changed to something else meanwhile."""
        return self._triage.edit(prefix, fields, base)

    def edit_clashes(self, prefix: str, base: Task, fields: Mapping[str, Any]) -> EditClash:
        """The task now, and the edited fields another process changed since ``base``."""
        return self._triage.edit_clashes(prefix, base, fields)

    def apply_edit(self, prefix: str, edit: TaskEdit) -> Task:
        """Make a parsed edit (``planner edit``) as one action; returns the task as it is
        after it (unchanged, and nothing recorded, when the edit changes nothing)."""
        return self._triage.apply_edit(prefix, edit)

    def accept(self, prefix: str) -> Task:
        return self._triage.accept(prefix)

    def schedule(self, prefix: str, day: date | None) -> Task:
        return self._triage.schedule(prefix, day)

    def set_due(self, prefix: str, due: DueValue | None) -> Task:
        return self._triage.set_due(prefix, due)

    def toggle_waiting(self, prefix: str) -> Task:
        return self._triage.toggle_waiting(prefix)

    def toggle_central(self, prefix: str) -> Task:
        return self._triage.toggle_central(prefix)

    def toggle_confidential(self, prefix: str) -> Task:
        return self._triage.toggle_confidential(prefix)

    def record_feedback(self, prefix: str, text: str) -> Task:
        return self._triage.record_feedback(prefix, text)

    # -- instructions (督办) -------------------------------------------------------------------

    def instruction_state(self, task: Task, day: date | None = None) -> InstructionState | None:
        """The 督办 state of ``task`` on ``day`` (today by default); None for other tasks."""
        return self._instructions.state(task, day)

    def warn_until(self, day: date | None = None) -> date:
        """The last day an instruction's report-back date counts as due soon on ``day``."""
        return self._instructions.warn_until(day)

    def defer_calendar(self) -> None:
        """Count instructions' warning days on plain weekdays until the national calendar
        is loaded (the app, whose first frame does not wait for its import)."""
        self._instructions.defer_calendar = True

    def request_extension(self, prefix: str, day: date, reason: str) -> Task:
        """Ask to report back on ``day`` instead, for ``reason``."""
        return self._instructions.request_extension(prefix, day, reason)

    def approve_extension(self, prefix: str) -> Task:
        """Move the report-back date to the one asked for, keeping the original."""
        return self._instructions.approve_extension(prefix)

    def reopen(self, prefix: str) -> Task:
        return self._triage.reopen(prefix)

    def complete(self, prefix: str) -> Completion:
        return self._triage.complete(prefix)

    def drop(self, prefix: str) -> Completion:
        return self._triage.drop(prefix)

    # -- the timer ---------------------------------------------------------------------------

    def running_timer(self) -> Running | None:
        """The running timer, whichever process started it (read from the data)."""
        return self._timers.running()

    def start_timer(self, prefix: str) -> Start:
        """Start the task's timer; the one running (on any task) stops now, in one action."""
        return self._timers.start(prefix)

    def stop_timer(self) -> Stopped | None:
        """Stop the running timer now; None when none runs."""
        return self._timers.stop()

    def close_overdue_timers(self) -> list[Stopped]:
        """Stop a timer left running past its planning day's end, at that end (the caller
        says so); nothing written when there is none."""
        return self._timers.close_overdue()

    # -- days --------------------------------------------------------------------------------

    def set_main(self, prefix: str, day: date | None = None) -> Task:
        """Make a task the main contradiction of ``day`` (today by default); an inbox task opens."""
        return self._days.set_main(prefix, day)

    def clear_main(self, day: date | None = None) -> None:
        self._days.clear_main(day)

    def answer_carry(self, offer: CarryOffer, carry: bool) -> None:
        """Record the answer to the morning question, so it is asked once."""
        self._days.answer_carry(offer, carry)

    # -- journal -----------------------------------------------------------------------------

    def journal_append(self, text: str, day: date | None = None) -> JournalEntry:
        return self._journal.append(text, day)

    def save_journal_text(self, day: date, text: str, base: str) -> JournalEntry:
        """Write the journal editor's text as ``day``'s body, keeping what another process
        wrote since ``base`` (the body the text was made from)."""
        return self._journal.save_text(day, text, base)

    def save_entry(self, entry: JournalEntry) -> JournalEntry:
        """Write a whole entry (the journal editor's autosave)."""
        return self._journal.save_entry(entry)

    # -- setbacks ----------------------------------------------------------------------------

    def setbacks(self) -> list[tuple[SetbackAnalysis, list[Task]]]:
        """Every analysis with its measures (open work and archive), newest first."""
        return self._setbacks.setbacks()

    def resolve_setback(self, prefix: str) -> str:
        """Full id of the analysis ``prefix`` names."""
        return self._setbacks.resolve(prefix)

    def setback(self, prefix: str) -> SetbackAnalysis:
        return self._setbacks.setback(prefix)

    def save_setback(
        self, analysis: SetbackAnalysis, *, base: SetbackAnalysis | None = None
    ) -> SetbackAnalysis:
        """Insert a new analysis or write over the stored one with the same id (see
        ``Setbacks.save``: unchanged writes nothing; confidentiality spreads to measures;
        with ``base``, only the fields changed from it are written, over the latest)."""
        return self._setbacks.save(analysis, base)

    def add_measure(self, setback_id: str, measure: str | QuickAdd) -> Task:
        """A remedial measure: an open task linked to the analysis, made from a quick-add
        line (text or parsed) with every token carried, as quick add makes a task."""
        return self._setbacks.add_measure(setback_id, measure)

    def mark_setback_reviewed(self, setback_id: str) -> SetbackAnalysis:
        """Record that the measures were checked on review (``reviewed_at`` = now)."""
        return self._setbacks.mark_reviewed(setback_id)

    # -- deleting for good ------------------------------------------------------------------

    def delete_task(self, prefix: str) -> Removed[Task]:
        """Delete a task; the days it was the main contradiction of have none any more."""
        return self._removal.task(prefix)

    def delete_entry(self, day: date) -> Removed[JournalEntry]:
        """Delete the journal entry of ``day`` (``NotFoundError`` when there is none)."""
        return self._removal.entry(day)

    def delete_setback(self, prefix: str) -> Removed[SetbackAnalysis]:
        """Delete an analysis; its remedial measures stay, unlinked, as ordinary tasks."""
        return self._removal.setback(self._setbacks.resolve(prefix))

    # -- review ------------------------------------------------------------------------------

    def review(self, period_kind: PeriodKind, day: date, store: Store | None = None) -> Review:
        """The review of the week or month containing ``day``, as of today (DESIGN section 5).

        Reads from ``store`` (a ``reader()`` of this planner's store, in a worker) or this
        planner's store.
        """
        from planner.services.review import review  # on the first review, not at start-up

        return review(self._ctx, period_kind, day, store)
