"""Model validation names the field; serialisation round-trips every kind."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from planner.domain.errors import DomainError
from planner.domain.ids import ALPHABET, ID_LENGTH, new_id, resolve_prefix
from planner.domain.models import Day, Feedback, JournalEntry, SetbackAnalysis, Task

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone(timedelta(hours=8)))


def test_ids_are_crockford_base32() -> None:
    ids = {new_id() for _ in range(500)}
    assert len(ids) == 500
    assert all(len(i) == ID_LENGTH and set(i) <= set(ALPHABET) for i in ids)


def test_prefix_resolution_is_forgiving_and_ordered() -> None:
    open_ids = ["abc111111111"]
    archive = ["abd222222222", "abc333333333"]
    assert resolve_prefix("ABC", open_ids, archive) == "abc111111111"
    assert resolve_prefix("abd", open_ids, archive) == "abd222222222"
    assert resolve_prefix("abc1", open_ids) == "abc111111111"
    assert resolve_prefix("abc1l", open_ids) == "abc111111111"  # l reads as 1


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", "   "),
        ("status", "finished"),
        ("priority", "urgent"),
        ("due", "next friday"),
        ("scheduled", "2026-02-30"),
        ("people", ["two words"]),
        ("tags", "notalist"),
        ("recur", "FREQ=SOMETIMES"),
        ("setback", "not-an-id"),
        ("central", "yes"),
    ],
)
def test_bad_values_name_their_field(field: str, value: object) -> None:
    raw = Task.create("ok", NOW).to_dict()
    raw[field] = value
    with pytest.raises(DomainError) as caught:
        Task.from_dict(raw)
    assert caught.value.field == field


def test_unknown_fields_are_refused() -> None:
    raw = Task.create("ok", NOW).to_dict()
    raw["colour"] = "red"
    with pytest.raises(DomainError, match="colour"):
        Task.from_dict(raw)


def test_closed_tasks_need_done_at_and_open_ones_cannot_have_it() -> None:
    task = Task.create("ok", NOW, status="open")
    with pytest.raises(DomainError, match="done_at"):
        Task.from_dict({**task.to_dict(), "status": "done"})
    assert task.complete(NOW).reopen(NOW).done_at is None


def test_round_trip_of_every_record() -> None:
    task = Task.create(
        "落实督办事项",
        NOW,
        notes="line\nline",
        status="open",
        due=datetime(2026, 11, 27, 14, 0, tzinfo=NOW.tzinfo),
        scheduled=date(2026, 11, 24),
        priority="high",
        central=True,
        source="王处长",
        received=date(2026, 11, 23),
        report_by=date(2026, 11, 28),
        feedback=(Feedback(NOW, "已汇报"),),
        people=("张三",),
        tags=("督办",),
        confidential=True,
        recur="FREQ=WEEKLY;BYDAY=FR",
    )
    assert Task.from_dict(task.to_dict()) == task
    day = Day.create(date(2026, 11, 23), NOW, main=task.id, carried_from=date(2026, 11, 20))
    assert Day.from_dict(day.to_dict()) == day
    entry = JournalEntry.create(date(2026, 11, 23), NOW, body="# 今天\n", tags=("反思",))
    assert JournalEntry.from_dict(entry.to_dict()) == entry
    setback = SetbackAnalysis.create(
        date(2026, 11, 23), "汇报被退回", NOW, kind="communication", principal_cause="subjective"
    )
    assert SetbackAnalysis.from_dict(setback.to_dict()) == setback
    assert setback.to_dict()["kind"] == "communication"


def test_to_dict_carries_every_key() -> None:
    data = Task.create("x", NOW).to_dict()
    assert data["due"] is None and data["people"] == [] and data["done_at"] is None
    assert data["import_base"] is None and len(data) == 28
    assert data["estimate"] is None and data["estimate_low"] is None
    assert data["extension_to"] is None and data["extension_reason"] is None
    assert data["report_by_original"] is None
    assert data["intervals"] == []


def test_setback_state_is_derived() -> None:
    analysis = SetbackAnalysis.create(date(2026, 11, 20), "x", NOW, review_on=date(2026, 11, 30))
    measure = Task.create("fix", NOW, status="open", setback=analysis.id)
    today = date(2026, 11, 23)
    assert analysis.state([measure], today) == "open"
    done = measure.complete(NOW)
    assert analysis.state([done], today) == "open"  # review date not reached
    assert analysis.state([done], date(2026, 11, 30)) == "review_due"
    reviewed = analysis.touched(NOW, reviewed_at=NOW)
    assert reviewed.state([done], date(2026, 11, 30)) == "resolved"
    # From the review date on it is due, whether or not its measures are closed.
    assert analysis.state([measure], date(2026, 11, 30)) == "review_due"
    assert analysis.state([measure], date(2026, 12, 3)) == "review_due"
    assert reviewed.state([measure], date(2026, 12, 3)) == "open"
    assert analysis.touched(NOW, draft=True).state([done], today) == "draft"
    no_review = analysis.touched(NOW, review_on=None)
    assert no_review.state([done], today) == "resolved"


def test_journal_append_adds_a_paragraph() -> None:
    entry = JournalEntry.create(date(2026, 11, 23), NOW)
    once = entry.appended("first", NOW)
    assert once.appended("second\n", NOW).body == "first\n\nsecond\n"


def test_the_import_base_round_trips_with_the_record() -> None:
    base = {"title": "t", "tags": ["a", "b"], "due": None, "status": "open"}
    task = Task.from_dict({**Task.create("x", NOW).to_dict(), "import_base": base})
    assert task.import_base == (
        ("due", None),
        ("status", "open"),
        ("tags", ("a", "b")),
        ("title", "t"),
    )
    assert Task.from_dict(task.to_dict()) == task and task.to_dict()["import_base"] == base
    hash(task)
    with pytest.raises(DomainError):
        Task.from_dict({**task.to_dict(), "import_base": {"title": 5}})
