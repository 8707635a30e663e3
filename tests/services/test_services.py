"""Services on the in-memory store: triage actions, main contradiction, carry-over, undo/redo."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from data.memory import MemoryStore
from planner.domain.config import Config
from planner.domain.errors import DomainError, NotFoundError
from planner.domain.models import Day, Task
from planner.services.planner import Planner

TZ = timezone(timedelta(hours=8))
MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=TZ)


class Clock:
    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


@pytest.fixture
def clock() -> Clock:
    return Clock(MONDAY)


@pytest.fixture
def planner(clock: Clock) -> Planner:
    return Planner(MemoryStore(), Config(), clock)


def add(planner: Planner, title: str = "task", **fields: object) -> Task:
    return planner.add_task(Task.create(title, planner.now(), **fields))  # type: ignore[arg-type]


def test_accept_opens_an_inbox_task(planner: Planner) -> None:
    task = add(planner)
    assert planner.accept(task.id[:6]).status == "open"
    with pytest.raises(DomainError):
        planner.accept(task.id)


def test_status_changes_and_their_undo(planner: Planner) -> None:
    task = add(planner, status="open")
    assert planner.toggle_waiting(task.id).status == "waiting"
    assert planner.toggle_waiting(task.id).status == "open"
    done = planner.complete(task.id).task
    assert done.status == "done" and done.done_at == MONDAY
    planner.undo()
    assert planner.task(task.id).status == "open"
    assert planner.task(task.id).done_at is None
    planner.redo()
    assert planner.task(task.id).status == "done"


def test_undo_of_add_removes_and_redo_restores(planner: Planner) -> None:
    task = add(planner)
    planner.undo()
    with pytest.raises(NotFoundError):
        planner.task(task.id)
    planner.redo()
    assert planner.task(task.id).title == "task"


def test_a_new_action_clears_redo(planner: Planner) -> None:
    task = add(planner, status="open")
    planner.toggle_central(task.id)
    planner.undo()
    assert planner.can_redo
    planner.toggle_confidential(task.id)
    assert not planner.can_redo


def test_undo_chain_walks_back_every_step(planner: Planner) -> None:
    task = add(planner)
    planner.accept(task.id)
    planner.toggle_central(task.id)
    planner.set_due(task.id, date(2026, 11, 27))
    planner.set_main(task.id)
    for _ in range(4):
        planner.undo()
    restored = planner.task(task.id)
    assert restored.status == "inbox" and not restored.central and restored.due is None
    assert planner.main_id() is None
    assert planner.undo() is not None  # the add itself
    assert planner.undo() is None


def test_setting_main_demotes_the_old_and_opens_inbox_work(planner: Planner) -> None:
    first = add(planner, status="open")
    second = add(planner, "second")
    planner.set_main(first.id)
    assert planner.set_main(second.id).status == "open"
    board = planner.board()
    assert board.main is not None and board.main.task.id == second.id
    assert [item.task.id for item in board.today] == [first.id]


def test_main_for_a_future_day(planner: Planner) -> None:
    task = add(planner, status="open")
    planner.set_main(task.id, date(2026, 11, 30))
    assert planner.main_id() is None
    assert planner.main_id(date(2026, 11, 30)) == task.id


def test_closed_work_cannot_be_main(planner: Planner) -> None:
    task = add(planner, status="open")
    planner.complete(task.id)
    with pytest.raises(DomainError):
        planner.set_main(task.id)


def test_carry_over_is_asked_once_about_the_last_day_with_a_main(
    planner: Planner, clock: Clock
) -> None:
    clock.moment = datetime(2026, 11, 20, 9, 0, tzinfo=TZ)  # Friday
    task = add(planner, "report", status="open")
    planner.set_main(task.id)
    clock.moment = MONDAY
    offer = planner.carry_offer()
    assert offer is not None and offer.from_day == date(2026, 11, 20)
    assert offer.task.id == task.id
    planner.answer_carry(offer, carry=True)
    assert planner.main_id() == task.id
    day = planner.store.get_day(MONDAY.date())
    assert isinstance(day, Day) and day.carried_from == date(2026, 11, 20)
    assert planner.carry_offer() is None


def test_declined_carry_is_not_asked_again(planner: Planner, clock: Clock) -> None:
    clock.moment = datetime(2026, 11, 20, 9, 0, tzinfo=TZ)
    task = add(planner, status="open")
    planner.set_main(task.id)
    clock.moment = MONDAY
    offer = planner.carry_offer()
    assert offer is not None
    planner.answer_carry(offer, carry=False)
    assert planner.main_id() is None
    assert planner.carry_offer() is None


def test_no_carry_when_the_main_was_kept(planner: Planner, clock: Clock) -> None:
    clock.moment = datetime(2026, 11, 20, 9, 0, tzinfo=TZ)
    task = add(planner, status="open")
    planner.set_main(task.id)
    planner.complete(task.id)
    clock.moment = MONDAY
    assert planner.carry_offer() is None


def test_the_day_starts_at_four(planner: Planner, clock: Clock) -> None:
    clock.moment = datetime(2026, 11, 24, 1, 30, tzinfo=TZ)
    assert planner.today() == date(2026, 11, 23)
    clock.moment = datetime(2026, 11, 24, 4, 0, tzinfo=TZ)
    assert planner.today() == date(2026, 11, 24)


def test_completing_a_recurring_task_spawns_the_next(planner: Planner) -> None:
    task = add(
        planner,
        "weekly report",
        status="open",
        due=date(2026, 11, 20),
        recur="FREQ=WEEKLY;BYDAY=FR",
        people=("王处长",),
        tags=("周报",),
        central=True,
    )
    planner.record_feedback(task.id, "sent")
    result = planner.complete(task.id)
    following = result.next_task
    assert following is not None
    assert following.due == date(2026, 11, 27)
    assert following.status == "open"
    assert following.people == ("王处长",) and following.tags == ("周报",) and following.central
    assert following.feedback == () and following.done_at is None
    planner.undo()
    assert planner.task(task.id).status == "open"
    with pytest.raises(NotFoundError):
        planner.task(following.id)


def test_dropping_a_recurring_task_also_spawns_the_next(planner: Planner) -> None:
    task = add(planner, status="open", due=date(2026, 11, 23), recur="FREQ=DAILY")
    assert planner.drop(task.id).next_task is not None


def test_done_instruction_awaits_feedback(planner: Planner) -> None:
    task = add(planner, status="open", source="主任", report_by=date(2026, 11, 25))
    result = planner.complete(task.id)
    assert result.awaits_feedback
    assert [i.task.id for i in planner.board().awaiting] == [task.id]
    planner.record_feedback(task.id, "已向主任汇报")
    assert planner.board().awaiting == ()


def test_edit_validates_and_refuses_unknown_fields(planner: Planner) -> None:
    task = add(planner)
    assert planner.edit(task.id, {"title": "renamed", "tags": ("a",)}).title == "renamed"
    with pytest.raises(DomainError):
        planner.edit(task.id, {"status": "done"})
    with pytest.raises(DomainError):
        planner.edit(task.id, {"priority": "urgent"})
    assert planner.task(task.id).title == "renamed"


def test_journal_append_creates_then_appends(planner: Planner) -> None:
    planner.journal_append("第一段")
    entry = planner.journal_append("second paragraph")
    assert entry.body == "第一段\n\nsecond paragraph\n"
    planner.undo()
    stored = planner.store.get_entry(MONDAY.date())
    assert stored is not None and stored.body == "第一段\n"


def test_resolve_prefers_open_work(planner: Planner) -> None:
    task = add(planner)
    assert planner.resolve(task.id[:4]) == task.id
    with pytest.raises(NotFoundError):
        planner.resolve("zzzzzz")
