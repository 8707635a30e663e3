"""The hybrid logical clock: a stamp made after seeing another is later, whatever the walls."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.domain.sync.hlc import ZERO, HybridClock, Stamp

machines = st.text(alphabet="0123456789abcdefghjkmnpqrstvwxyz", min_size=1, max_size=12)
stamps = st.builds(Stamp, st.integers(0, 10**13 - 1), st.integers(0, 999_999), machines)


@given(stamps, stamps)
def test_encoded_stamps_sort_as_stamps(a: Stamp, b: Stamp) -> None:
    assert Stamp.decode(a.encode()) == a
    if (a.wall, a.count) != (b.wall, b.count):
        assert (a < b) == (a.encode() < b.encode())


@pytest.mark.parametrize("bad", [None, 5, "", "12.3.x", "0000000000001.000001.A", "1.2.3"])
def test_decode_refuses_what_is_not_a_stamp(bad: object) -> None:
    with pytest.raises(ValueError):
        Stamp.decode(bad)


def test_ticks_increase_even_when_the_wall_clock_stands_still_or_goes_back() -> None:
    walls = iter([1000, 1000, 999, 500, 1001])
    clock = HybridClock("a", lambda: next(walls))
    stamps = [clock.tick() for _ in range(5)]
    assert stamps == sorted(stamps)
    assert len(set(stamps)) == 5
    assert stamps[0] > ZERO


@given(st.integers(0, 10**9), st.integers(0, 10**9), st.integers(0, 999_999))
def test_an_edit_after_receiving_is_later_whatever_the_walls(
    own_wall: int, their_wall: int, their_count: int
) -> None:
    received = Stamp(their_wall, their_count, "zzzz")
    clock = HybridClock("aaaa", lambda: own_wall)
    clock.observe(received)
    assert clock.tick() > received


def test_the_counter_rolls_into_the_next_millisecond() -> None:
    clock = HybridClock("a", lambda: 7, last=Stamp(7, 999_999, "a"))
    assert clock.tick() == Stamp(8, 0, "a")


def test_concurrent_stamps_are_ordered_the_same_everywhere_by_machine() -> None:
    left = HybridClock("aaaa", lambda: 50).tick()
    right = HybridClock("bbbb", lambda: 50).tick()
    assert left < right
