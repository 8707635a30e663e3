"""The per-field merge of a task read again from its source, the last import as the base."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from planner.domain.models import Task
from planner.importing.merge import Merged, field_values, merge

TZ = timezone(timedelta(hours=8))
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=TZ)
LATER = NOW + timedelta(hours=2)


def imported(**fields: object) -> Task:
    task = replace(Task.create("Write it", NOW, status="open"), external_ref="taskwarrior:u")
    task = replace(task, **fields)  # type: ignore[arg-type]
    return replace(task, import_base=field_values(task))


def merged(current: Task, incoming: Task) -> Merged:
    return merge(current, incoming, source_wins_without_base=False)


def test_a_field_changed_only_in_the_source_is_taken() -> None:
    base = imported(priority="low")
    result = merged(base, replace(base, due=date(2026, 12, 1), updated=LATER))
    assert result.task.due == date(2026, 12, 1) and result.taken == ("due",)
    assert result.task.updated == LATER and not result.conflicts


def test_a_field_changed_only_in_planner_is_kept_whatever_the_source_time() -> None:
    base = imported(priority="low")
    mine = base.touched(LATER, priority="high")
    result = merged(mine, replace(base, updated=LATER + timedelta(days=1)))
    assert result.task == mine and not result.taken


def test_both_changed_keeps_planner_and_reports_both_values() -> None:
    base = imported(tags=("a",))
    mine = base.touched(LATER, tags=("a", "mine"))
    result = merged(mine, replace(base, tags=("a", "theirs")))
    assert result.task.tags == ("a", "mine")
    (conflict,) = result.conflicts
    assert (conflict.field, conflict.planner, conflict.source) == (
        "tags",
        ("a", "mine"),
        ("a", "theirs"),
    )
    # the base is now what this import brought: the next import of it is quiet
    again = merged(result.task, replace(base, tags=("a", "theirs")))
    assert again.task == result.task and not again.conflicts


def test_closed_on_both_sides_agrees_whenever_each_closed_it() -> None:
    base = imported()
    mine = base.complete(LATER)
    theirs = base.complete(LATER + timedelta(hours=1))
    result = merged(mine, theirs)
    assert result.task.done_at == LATER and not result.conflicts and not result.taken


def test_done_in_one_place_and_dropped_in_the_other_is_a_conflict() -> None:
    base = imported()
    result = merged(base.complete(LATER), base.drop(LATER))
    assert result.task.status == "done"
    assert [(c.field, c.planner, c.source) for c in result.conflicts] == [
        ("status", "done", "dropped")
    ]


def test_fields_the_source_drops_when_closing_count_as_unchanged() -> None:
    base = imported(priority="high")
    closing = replace(base, priority=None, status="done", done_at=LATER)
    result = merge(base, closing, source_wins_without_base=True, unchanged_in_source=("priority",))
    assert (result.task.status, result.task.priority) == ("done", "high")


def test_without_a_base_the_newer_side_wins_as_before() -> None:
    mine = replace(imported(), import_base=()).touched(LATER, title="Mine")
    theirs = replace(mine, title="Theirs", import_base=())
    assert merge(mine, theirs, source_wins_without_base=True).task.title == "Theirs"
    kept = merge(mine, theirs, source_wins_without_base=False).task
    assert kept.title == "Mine" and kept.import_base == field_values(theirs)


titles = st.sampled_from(["a", "b", "c"])


@given(titles, titles, titles)
def test_the_rule_for_every_combination(base_title: str, mine: str, theirs: str) -> None:
    base = imported(title=base_title)
    result = merged(base.touched(LATER, title=mine), replace(base, title=theirs))
    expected = theirs if mine == base_title else mine
    assert result.task.title == expected
    conflicted = mine != base_title and theirs not in (base_title, mine)
    assert bool(result.conflicts) == conflicted


VALUES: dict[str, list[object]] = {
    "title": ["a", "b", "c"],
    "priority": [None, "high", "low"],
    "tags": [(), ("x",), ("x", "y")],
    "due": [None, date(2026, 12, 1), datetime(2026, 12, 2, 9, 30, tzinfo=TZ)],
    "recur": [None, "FREQ=WEEKLY", "FREQ=DAILY"],
}


@given(
    st.fixed_dictionaries(
        {name: st.tuples(*[st.sampled_from(v)] * 3) for name, v in VALUES.items()}
    )
)
def test_every_field_follows_the_rule_independently(
    chosen: dict[str, tuple[object, object, object]],
) -> None:
    base = imported(**{name: values[0] for name, values in chosen.items()})
    mine = base.touched(LATER, **{name: values[1] for name, values in chosen.items()})
    theirs = replace(base, **{name: values[2] for name, values in chosen.items()})  # type: ignore[arg-type]
    result = merged(mine, theirs)
    conflicted = set()
    for name, (was, planner_value, source_value) in chosen.items():
        expected = source_value if planner_value == was else planner_value
        assert getattr(result.task, name) == expected, name
        if planner_value != was and source_value not in (was, planner_value):
            conflicted.add(name)
    assert {c.field for c in result.conflicts} == conflicted
    assert result.task.import_base == field_values(theirs)
