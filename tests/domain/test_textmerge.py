"""Merging two writers' changes to one text: nothing either wrote is lost."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from planner.domain.textmerge import merge_text

MARK = "[meanwhile]"


def test_an_addition_of_the_other_writer_goes_after_mine() -> None:
    base = "morning: the budget\n"
    theirs = base + "14:00 call with finance\n"
    mine = base + "lesson: ask earlier\n"
    assert merge_text(base, theirs, mine, marker=MARK) == (
        "morning: the budget\nlesson: ask earlier\n14:00 call with finance\n"
    )


def test_a_line_break_joins_them_when_mine_ends_without_one() -> None:
    assert merge_text("a", "a\nb", "a c", marker=MARK) == "a c\nb"
    assert merge_text("a\n", "a\nb\n", "a\nc", marker=MARK) == "a\nc\nb\n"


def test_a_text_the_other_writer_rewrote_is_kept_below_mine_under_the_marker() -> None:
    assert merge_text("old", "rewritten", "old, and more", marker=MARK) == (
        "old, and more\n\n[meanwhile]\nrewritten"
    )


def test_when_only_one_wrote_theirs_or_mine_stands() -> None:
    assert merge_text("a", "a", "b", marker=MARK) == "b"
    assert merge_text("a", "b", "a", marker=MARK) == "b"
    assert merge_text("a", "b", "b", marker=MARK) == "b"


text = st.text(alphabet="ab\n中", max_size=12)


@given(text, text, text)
def test_nothing_either_wrote_is_lost(base: str, added: str, mine: str) -> None:
    merged = merge_text(base, base + added, mine, marker=MARK)
    assert mine in merged and merged.endswith(added)


@given(text, text, text)
def test_both_texts_survive_any_change(base: str, theirs: str, mine: str) -> None:
    merged = merge_text(base, theirs, mine, marker=MARK)
    if theirs == base:
        assert merged == mine
    elif mine == base:
        assert merged == theirs
    elif theirs.startswith(base):
        assert merged.startswith(mine) and merged.endswith(theirs[len(base) :])
    else:
        assert mine in merged and theirs in merged
