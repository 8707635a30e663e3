"""Ids derived from what a record stands for: the same on every machine, valid, distinct."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.domain.ids import (
    DATED_KINDS,
    DatedKind,
    date_id,
    is_valid_id,
    new_id,
    ref_id,
    successor_id,
)
from planner.domain.models import Day, JournalEntry

NOW = datetime(2026, 12, 3, 9, 0, tzinfo=timezone(timedelta(hours=8)))
kinds = st.sampled_from(DATED_KINDS)
refs = st.text(min_size=1, max_size=80)
ids = st.text(alphabet="0123456789abcdefghjkmnpqrstvwxyz", min_size=12, max_size=12)


@given(kinds, st.dates())
def test_a_date_id_is_valid_and_the_same_every_time(kind: DatedKind, day: date) -> None:
    made = date_id(kind, day)
    assert is_valid_id(made)
    assert date_id(kind, day) == made


@given(kinds, st.dates(), kinds, st.dates())
def test_distinct_dates_or_kinds_have_distinct_ids(
    kind: DatedKind, day: date, other_kind: DatedKind, other_day: date
) -> None:
    if (kind, day) != (other_kind, other_day):
        assert date_id(kind, day) != date_id(other_kind, other_day)


def test_every_day_of_a_century_has_its_own_id() -> None:
    days = [date(2000, 1, 1) + timedelta(days=n) for n in range(36_525)]
    made = {date_id(kind, day) for kind in DATED_KINDS for day in days}
    assert len(made) == 2 * len(days)


def test_a_date_id_is_fixed_across_versions() -> None:
    """Machines running different planner versions must agree: the ids are part of the data."""
    assert date_id("journal", date(2026, 12, 3)) == "kefyjkkwsa80"
    assert date_id("day", date(2026, 12, 3)) == "4gy6r556q0bc"


def test_an_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="dated record"):
        date_id("task", date(2026, 12, 3))  # type: ignore[arg-type]


@given(kinds, st.dates())
def test_days_and_entries_are_created_with_their_date_id(kind: DatedKind, day: date) -> None:
    model = Day if kind == "day" else JournalEntry
    assert model.create(day, NOW).id == date_id(kind, day)
    assert model.create(day.isoformat(), NOW).id == date_id(kind, day)  # type: ignore[arg-type]


@given(st.sampled_from(["todotxt", "taskwarrior", "jrnl"]), refs, refs)
def test_ref_ids_are_valid_deterministic_and_distinct(source: str, ref: str, other: str) -> None:
    made = ref_id(source, ref)
    assert is_valid_id(made) and ref_id(source, ref) == made
    if other != ref:
        assert ref_id(source, other) != made
    assert ref_id("other", ref) != made


@given(refs, st.sets(ids, max_size=5))
def test_a_taken_ref_id_moves_to_the_next_of_a_fixed_sequence(ref: str, others: set[str]) -> None:
    first = ref_id("todotxt", ref)
    taken = {first, *others}
    moved = ref_id("todotxt", ref, taken)
    assert is_valid_id(moved) and moved not in taken
    assert ref_id("todotxt", ref, taken) == moved


@given(ids)
def test_a_successor_id_is_derived_from_its_predecessor(predecessor: str) -> None:
    made = successor_id(predecessor)
    assert is_valid_id(made) and made != predecessor
    assert successor_id(predecessor) == made
    second = successor_id(predecessor, {made})
    assert second != made and successor_id(predecessor, {made}) == second
    assert successor_id(predecessor, {made, second}) not in {made, second}


def test_successors_of_distinct_tasks_differ() -> None:
    predecessors = {new_id() for _ in range(2000)}
    assert len({successor_id(p) for p in predecessors}) == len(predecessors)
