"""The operations the CLI and the app share, each one durable and undoable.

Every operation runs inside the store's transaction: it reads the latest state (another
process may have written since we last looked), decides, and applies a list of ``Change``s.
The same list, reversed, is what undo writes back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from planner.domain.clock import Clock, planning_date, system_clock
from planner.domain.config import Config
from planner.domain.errors import DomainError, NotFoundError
from planner.domain.ids import resolve_prefix
from planner.domain.models import (
    AnyRecord,
    Day,
    DueValue,
    JournalEntry,
    SetbackAnalysis,
    Task,
)
from planner.domain.ranking import Board, Explanation, RankContext, build_board, explain
from planner.domain.recurrence import next_occurrence
from planner.services.ports import Change, Store, TaskQuery

if TYPE_CHECKING:
    from planner.domain.quickadd import QuickAdd
    from planner.domain.review import PeriodKind, Review

EDITABLE_FIELDS = frozenset(
    {
        "title",
        "notes",
        "due",
        "scheduled",
        "priority",
        "central",
        "source",
        "received",
        "report_by",
        "people",
        "tags",
        "confidential",
        "recur",
        "setback",
    }
)


@dataclass(frozen=True, slots=True)
class Action:
    """One undoable step: what the user did (a catalog key) and the changes it wrote."""

    label: str
    changes: tuple[Change, ...]
    subject: str | None = None


@dataclass(frozen=True, slots=True)
class CarryOffer:
    """The morning question: carry the last undone main contradiction to today?"""

    from_day: date
    task: Task


@dataclass(frozen=True, slots=True)
class Completion:
    task: Task
    next_task: Task | None

    @property
    def awaits_feedback(self) -> bool:
        return self.task.awaiting_feedback


class Planner:
    """The application service: triage, planning and journal operations with undo and redo."""

    def __init__(self, store: Store, config: Config, clock: Clock = system_clock) -> None:
        self.store = store
        self.config = config
        self.clock = clock
        self._undo: list[Action] = []
        self._redo: list[Action] = []

    # -- time --------------------------------------------------------------------------------

    def now(self) -> datetime:
        return self.clock()

    def today(self) -> date:
        return planning_date(self.clock(), self.config.day_starts_at)

    # -- reading -----------------------------------------------------------------------------

    def rank_context(self, day: date | None = None) -> RankContext:
        today = day or self.today()
        return RankContext(
            today=today,
            now=self.now(),
            coefficients=self.config.coefficients,
            unresolved_setbacks=self._unresolved_setbacks(self.store.open_tasks(), today),
            day_starts_at=self.config.day_starts_at,
        )

    def _unresolved_setbacks(self, tasks: Sequence[Task], today: date) -> frozenset[str]:
        referenced = {task.setback for task in tasks if task.setback}
        unresolved: set[str] = set()
        for setback_id in referenced:
            analysis = self.store.get_setback(setback_id)
            if analysis is None:
                continue
            measures = [task for task in tasks if task.setback == setback_id]
            if analysis.state(measures, today) != "resolved":
                unresolved.add(setback_id)
        return frozenset(unresolved)

    def main_id(self, day: date | None = None) -> str | None:
        record = self.store.get_day(day or self.today())
        return record.main if record else None

    def board(self, day: date | None = None) -> Board:
        ctx = self.rank_context(day)
        return build_board(self.store.open_tasks(), self.main_id(ctx.today), ctx)

    def explain(self, task_id: str) -> Explanation:
        return explain(self.task(task_id), self.rank_context())

    def resolve(self, prefix: str) -> str:
        """Full id of the task ``prefix`` names: open work first, then the archive."""
        open_ids = list(self.store.open_task_ids())
        try:
            return resolve_prefix(prefix, open_ids)
        except NotFoundError:
            return resolve_prefix(prefix, self.store.archived_task_ids())

    def task(self, prefix: str) -> Task:
        task = self.store.get_task(self.resolve(prefix))
        if task is None:
            raise NotFoundError("task", prefix)
        return task

    def all_tasks(self, *, include_archive: bool = False) -> list[Task]:
        """Open work, and with ``include_archive`` every archived task (the archive's copy wins)."""
        tasks = {task.id: task for task in self.store.open_tasks()}
        if include_archive:
            for task in self.store.archived_tasks():
                tasks[task.id] = task
        return list(tasks.values())

    def carry_offer(self) -> CarryOffer | None:
        """The carry-over question (DESIGN section 3), or None when there is nothing to ask."""
        today = self.today()
        record = self.store.get_day(today)
        if record is not None and (record.carry_answered or record.main is not None):
            return None
        last = self.store.last_day_with_main(today)
        if last is None or last.main is None:
            return None
        # Only an active task is carried, and active tasks are all in open work (the archive
        # holds closed ones only): looking there spares reading a year of the archive at
        # start-up to learn that yesterday's main task was done.
        task = next((t for t in self.store.open_tasks() if t.id == last.main), None)
        if task is None or not task.is_active:
            return None
        return CarryOffer(from_day=last.date, task=task)

    # -- undo and redo -----------------------------------------------------------------------

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo(self) -> Action | None:
        if not self._undo:
            return None
        action = self._undo.pop()
        self._write_back(action.changes, forward=False)
        self._redo.append(action)
        return action

    def redo(self) -> Action | None:
        if not self._redo:
            return None
        action = self._redo.pop()
        self._write_back(action.changes, forward=True)
        self._undo.append(action)
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
                    target = target.touched(self.now())
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

    # -- writing -----------------------------------------------------------------------------

    def _run(
        self, label: str, build: Callable[[], Iterable[Change]], subject: str | None = None
    ) -> Action:
        with self.store.transaction():
            changes = tuple(c for c in build() if c.before != c.after)
            if changes:
                self.store.apply(changes)
        action = Action(label, changes, subject)
        if changes:
            self._undo.append(action)
            self._redo.clear()
        return action

    def _update_task(
        self, label: str, prefix: str, change: Callable[[Task, datetime], Task]
    ) -> Task:
        task_id = self.resolve(prefix)
        result: list[Task] = []

        def build() -> list[Change]:
            current = self._latest_task(task_id)
            updated = change(current, self.now())
            result.append(updated)
            return [Change(current, updated)]

        self._run(label, build, task_id)
        return result[0]

    def _latest_task(self, task_id: str) -> Task:
        task = self.store.get_task(task_id)
        if task is None:
            raise NotFoundError("task", task_id)
        return task

    def quick_add(self, text: str) -> Task:
        """Parse a quick-add line and add it; ``!main`` also makes it the main contradiction."""
        return self.add_parsed(self.quick_add_check(text))

    def quick_add_check(self, text: str) -> QuickAdd:
        """Read a quick-add line without adding it; raises ``ParseError`` naming the bad part."""
        from planner.domain.quickadd import (
            parse_quick_add,  # on the first quick add, not at start-up
        )

        return parse_quick_add(text, self.today(), self.tz())

    def parse_date(self, text: str, *, allow_time: bool = False) -> DueValue | None:
        """A date expression relative to today; empty text means no date."""
        if not text.strip():
            return None
        from planner.domain.dates import parse_date_expr

        return parse_date_expr(text.strip(), self.today(), self.tz(), allow_time=allow_time)

    def add_parsed(self, parsed: QuickAdd) -> Task:
        task = Task.create(parsed.title, self.now(), **parsed.task_fields(self.today()))
        if parsed.main and task.status == "inbox":
            task = replace(task, status="open")

        def build() -> list[Change]:
            changes = [Change(None, task)]
            if parsed.main:
                changes.append(self._main_change(self.today(), task.id))
            return changes

        self._run("action.add", build, task.id)
        return task

    def add_task(self, task: Task) -> Task:
        self._run("action.add", lambda: [Change(None, task)], task.id)
        return task

    def edit(self, prefix: str, fields: Mapping[str, Any]) -> Task:
        unknown = sorted(set(fields) - EDITABLE_FIELDS)
        if unknown:
            raise DomainError(unknown[0], "cannot be edited")
        return self._update_task(
            "action.edit", prefix, lambda task, now: task.touched(now, **fields)
        )

    def accept(self, prefix: str) -> Task:
        def change(task: Task, now: datetime) -> Task:
            if task.status != "inbox":
                raise DomainError("status", f"only inbox tasks can be accepted ({task.status})")
            return task.accept(now)

        return self._update_task("action.accept", prefix, change)

    def schedule(self, prefix: str, day: date | None) -> Task:
        return self._update_task(
            "action.schedule", prefix, lambda task, now: task.schedule(day, now)
        )

    def set_due(self, prefix: str, due: DueValue | None) -> Task:
        return self._update_task("action.due", prefix, lambda task, now: task.touched(now, due=due))

    def toggle_waiting(self, prefix: str) -> Task:
        return self._update_task("action.wait", prefix, lambda task, now: task.toggle_waiting(now))

    def toggle_central(self, prefix: str) -> Task:
        return self._update_task(
            "action.central", prefix, lambda task, now: task.touched(now, central=not task.central)
        )

    def toggle_confidential(self, prefix: str) -> Task:
        return self._update_task(
            "action.confidential",
            prefix,
            lambda task, now: task.touched(now, confidential=not task.confidential),
        )

    def record_feedback(self, prefix: str, text: str) -> Task:
        if not text.strip():
            raise DomainError("feedback", "the feedback text is empty")
        return self._update_task(
            "action.feedback", prefix, lambda task, now: task.add_feedback(text.strip(), now)
        )

    def reopen(self, prefix: str) -> Task:
        def change(task: Task, now: datetime) -> Task:
            if task.is_active:
                raise DomainError("status", f"the task is already {task.status}")
            return task.reopen(now)

        return self._update_task("action.reopen", prefix, change)

    def complete(self, prefix: str) -> Completion:
        return self._close(prefix, "action.done")

    def drop(self, prefix: str) -> Completion:
        return self._close(prefix, "action.drop")

    def _close(self, prefix: str, label: str) -> Completion:
        task_id = self.resolve(prefix)
        result: list[Completion] = []

        def build() -> list[Change]:
            current = self._latest_task(task_id)
            if not current.is_active:
                raise DomainError("status", f"the task is already {current.status}")
            now = self.now()
            closed = current.complete(now) if label == "action.done" else current.drop(now)
            changes = [Change(current, closed)]
            following = self._next_occurrence(current, now)
            if following is not None:
                changes.append(Change(None, following))
            result.append(Completion(closed, following))
            return changes

        self._run(label, build, task_id)
        return result[0]

    def _next_occurrence(self, task: Task, now: datetime) -> Task | None:
        """The next task of a recurring series (DESIGN section 4), or None."""
        if task.recur is None:
            return None
        today = self.today()
        due = next_occurrence(task.recur, task.due, today)
        if due is None:
            return None
        shift = _day_shift(task.due, due, today)
        return Task.create(
            task.title,
            now,
            notes=task.notes,
            status="open",
            due=due,
            scheduled=task.scheduled + shift if task.scheduled else None,
            priority=task.priority,
            central=task.central,
            source=task.source,
            received=today if task.source else None,
            report_by=task.report_by + shift if task.report_by else None,
            people=task.people,
            tags=task.tags,
            confidential=task.confidential,
            recur=task.recur,
            setback=task.setback,
        )

    def set_main(self, prefix: str, day: date | None = None) -> Task:
        """Make a task the main contradiction of ``day`` (today by default); an inbox task opens."""
        task_id = self.resolve(prefix)
        target_day = day or self.today()
        result: list[Task] = []

        def build() -> list[Change]:
            current = self._latest_task(task_id)
            if not current.is_active:
                raise DomainError("status", f"a {current.status} task cannot be the main one")
            changes = [self._main_change(target_day, task_id)]
            updated = current
            if current.status == "inbox":
                updated = current.accept(self.now())
                changes.append(Change(current, updated))
            result.append(updated)
            return changes

        self._run("action.main", build, task_id)
        return result[0]

    def clear_main(self, day: date | None = None) -> None:
        target_day = day or self.today()

        def build() -> list[Change]:
            record = self.store.get_day(target_day)
            if record is None or record.main is None:
                return []
            return [Change(record, record.touched(self.now(), main=None, carried_from=None))]

        self._run("action.main", build)

    def _main_change(self, day: date, task_id: str) -> Change:
        record = self.store.get_day(day)
        now = self.now()
        if record is None:
            return Change(None, Day.create(day, now, main=task_id))
        return Change(record, record.touched(now, main=task_id, carried_from=None))

    def answer_carry(self, offer: CarryOffer, carry: bool) -> None:
        """Record the answer to the morning question, so it is asked once."""
        today = self.today()

        def build() -> list[Change]:
            record = self.store.get_day(today)
            now = self.now()
            fields: dict[str, Any] = {"carry_answered": True}
            if carry:
                fields.update(main=offer.task.id, carried_from=offer.from_day)
            if record is None:
                return [Change(None, Day.create(today, now, **fields))]
            return [Change(record, record.touched(now, **fields))]

        self._run("action.carry", build, offer.task.id)

    # -- journal -----------------------------------------------------------------------------

    def journal_append(self, text: str, day: date | None = None) -> JournalEntry:
        if not text.strip():
            raise DomainError("journal", "there is no text to append")
        target = day or self.today()
        result: list[JournalEntry] = []

        def build() -> list[Change]:
            current = self.store.get_entry(target)
            now = self.now()
            base = current or JournalEntry.create(target, now)
            updated = base.appended(text, now)
            result.append(updated)
            return [Change(current, updated)]

        self._run("action.journal", build)
        return result[0]

    def save_entry(self, entry: JournalEntry) -> JournalEntry:
        """Write a whole entry (the journal editor's autosave)."""

        def build() -> list[Change]:
            current = self.store.get_entry(entry.date)
            updated = entry.touched(self.now())
            if current is not None and current.id != entry.id:
                updated = replace(updated, id=current.id, created=current.created)
            return [Change(current, updated)]

        self._run("action.journal", build)
        return entry

    # -- setbacks ----------------------------------------------------------------------------

    def setbacks(self) -> list[tuple[SetbackAnalysis, list[Task]]]:
        """Every analysis with its measures (open work and archive), newest first."""
        analyses = self.store.setbacks()
        if not analyses:
            return []
        wanted = frozenset(a.id for a in analyses)
        measures: dict[str, list[Task]] = {a.id: [] for a in analyses}
        tasks = {task.id: task for task in self.store.open_tasks() if task.setback in wanted}
        for task in self.store.archived_tasks_matching(TaskQuery(setbacks=wanted)):
            tasks[task.id] = task
        for task in tasks.values():
            if task.setback in wanted:
                measures[task.setback].append(task)
        ordered = sorted(analyses, key=lambda a: (a.date, a.created, a.id), reverse=True)
        return [(a, sorted(measures[a.id], key=lambda t: (t.created, t.id))) for a in ordered]

    def resolve_setback(self, prefix: str) -> str:
        """Full id of the analysis ``prefix`` names."""
        return resolve_prefix(prefix, [a.id for a in self.store.setbacks()], kind="setback")

    def setback(self, prefix: str) -> SetbackAnalysis:
        return self._latest_setback(self.resolve_setback(prefix))

    def _latest_setback(self, setback_id: str) -> SetbackAnalysis:
        analysis = self.store.get_setback(setback_id)
        if analysis is None:
            raise NotFoundError("setback", setback_id)
        return analysis

    def save_setback(self, analysis: SetbackAnalysis) -> SetbackAnalysis:
        """Insert a new analysis or write over the stored one with the same id.

        Saving what is already stored writes nothing (so the wizard may save freely without
        filling the undo history). An analysis that becomes confidential takes its measures
        with it in the same undoable step: measures of a confidential analysis are
        confidential (DESIGN section 2).
        """
        result: list[SetbackAnalysis] = []

        def build() -> list[Change]:
            current = self.store.get_setback(analysis.id)
            if current is None:
                result.append(analysis)
                return [Change(None, analysis)]
            if replace(analysis, updated=current.updated) == current:
                result.append(current)
                return []
            now = self.now()
            updated = analysis.touched(now, created=current.created)
            result.append(updated)
            changes = [Change(current, updated)]
            if updated.confidential and not current.confidential:
                changes.extend(
                    Change(task, task.touched(now, confidential=True))
                    for task in self.all_tasks(include_archive=True)
                    if task.setback == analysis.id and not task.confidential
                )
            return changes

        self._run("action.setback", build)
        return result[0]

    def add_measure(
        self, setback_id: str, title: str, due: date | None = None, person: str | None = None
    ) -> Task:
        """A remedial measure: an open task linked to the analysis (``setback``), confidential
        when the analysis is, with ``person`` as its one key person when given."""
        analysis_id = self.resolve_setback(setback_id)
        result: list[Task] = []

        def build() -> list[Change]:
            analysis = self._latest_setback(analysis_id)
            name = (person or "").strip()
            task = Task.create(
                title,
                self.now(),
                status="open",
                due=due,
                people=(name,) if name else (),
                setback=analysis.id,
                confidential=analysis.confidential,
            )
            result.append(task)
            return [Change(None, task)]

        self._run("action.measure", build, analysis_id)
        return result[0]

    def mark_setback_reviewed(self, setback_id: str) -> SetbackAnalysis:
        """Record that the measures were checked on review (``reviewed_at`` = now)."""
        analysis_id = self.resolve_setback(setback_id)
        result: list[SetbackAnalysis] = []

        def build() -> list[Change]:
            current = self._latest_setback(analysis_id)
            now = self.now()
            updated = current.touched(now, reviewed_at=now)
            result.append(updated)
            return [Change(current, updated)]

        self._run("action.setback_reviewed", build, analysis_id)
        return result[0]

    # -- review ------------------------------------------------------------------------------

    def review(self, period_kind: PeriodKind, day: date, store: Store | None = None) -> Review:
        """The review of the week or month containing ``day``, as of today (DESIGN section 5).

        Reads from ``store`` (a ``reader()`` of this planner's store, in a worker) or this
        planner's store: open work, the archived tasks the period's figures can involve (done
        in it, to report back in it, or measures of its setbacks: built out of the whole
        archive without building the rest), the period's days, the setbacks, and every
        journal entry up to today (the longest streak spans all of them).
        """
        from planner.domain.review import period_of
        from planner.domain.review import review as build_review

        source = self.store if store is None else store
        period = period_of(period_kind, day)
        today = self.today()
        analyses = source.setbacks()
        query = TaskQuery(
            # a task done by the next morning, before the day starts, counts for the evening
            done=(period.start, period.end + timedelta(days=1)),
            report_by=(period.start, period.end),
            setbacks=frozenset(a.id for a in analyses if a.date in period),
        )
        tasks = {task.id: task for task in source.open_tasks()}
        for task in source.archived_tasks_matching(query):
            tasks[task.id] = task
        return build_review(
            period,
            today,
            tasks=list(tasks.values()),
            days=source.days(period.start, period.end),
            entries=source.journal_entries(end=today),
            analyses=analyses,
            day_starts_at=self.config.day_starts_at,
        )

    # -- helpers -----------------------------------------------------------------------------

    def tz(self) -> tzinfo:
        zone = self.now().tzinfo
        assert zone is not None, "the clock must return aware datetimes"
        return zone


def _day_shift(old_due: DueValue | None, new_due: DueValue, today: date) -> timedelta:
    old = old_due.date() if isinstance(old_due, datetime) else (old_due or today)
    new = new_due.date() if isinstance(new_due, datetime) else new_due
    return new - old
