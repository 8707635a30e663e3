"""Cell widths agree with rich.cells, which Textual lays the screen out with."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from rich.cells import cell_len, get_character_cell_size, split_graphemes

from planner.domain.textwidth import (
    NO_LINE_END,
    NO_LINE_START,
    _cluster_truncate,
    _single_cut,
    _Widths,
    cell_width,
    char_width,
    pad,
    truncate,
    wrap_cells,
)

TEXTS = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(["中", "文", "，", "👍", "🇨", "🇳", "\u200d", "\u0301", "\xad", "\ufe0f"]),
    ),
    max_size=40,
)


@pytest.mark.parametrize(
    "text", ["中文标题", "a\u0301b", "👍 done", "🇨🇳", "soft\xadhyphen", "tab\there"]
)
def test_widths_are_rich_s(text: str) -> None:
    assert cell_width(text) == cell_len(text)


def test_a_cut_keeps_whole_characters_and_marks_itself() -> None:
    assert truncate("季度工作会议材料", 9) == "季度工作~"
    assert truncate("👍👍👍", 4) == "👍~"
    assert truncate("é" * 3, 2, "~") == "é~" and truncate("e\u0301" * 3, 2) == "e\u0301~"
    assert pad("中文", 5) == "中文 "


@given(TEXTS, st.integers(min_value=1, max_value=30))
def test_truncate_fits_and_keeps_a_prefix(text: str, width: int) -> None:
    cut = truncate(text, width)
    assert cell_width(cut) <= width
    if cell_width(text) <= width:
        assert cut == text
    else:
        assert cut.endswith("~") and text.startswith(cut[:-1])


@given(st.characters())
def test_kept_widths_are_rich_s(char: str) -> None:
    assert char_width(char) == get_character_cell_size(char)
    assert char_width(char) == get_character_cell_size(char)  # now from the dict


def test_widths_kept_are_bounded() -> None:
    widths = _Widths()
    widths.KEPT = 2
    assert [widths[char] for char in "a中👍\u0301"] == [1, 2, 2, 0]
    assert len(widths) == 2 and widths["\u0301"] == 0


MIXED = st.lists(
    st.one_of(
        st.sampled_from(
            [
                *"中文季度，。：\u3000ＡＱｚ１aZ ~\t\x00\xad",
                "e\u0301",  # a letter and its combining accent
                "\u0301",
                "\u200d",
                "\ufe0f",
                "❤\ufe0f",  # a narrow symbol the selector widens
                "👍🏽",
                "👨\u200d👩\u200d👧",  # a family: one cluster of three emoji
                "🇨🇳",
            ]
        ),
        st.characters(codec="utf-8"),
    ),
    max_size=60,
).map("".join)
"""Wide and full-width characters, combining marks, joined emoji and selectors, anything."""


@given(MIXED, st.integers(min_value=-2, max_value=70), st.sampled_from(["~", "…", "", "中"]))
@example("中❤\ufe0fab", 4, "~")
@example("中👨\u200d👩 family", 4, "~")
def test_the_single_character_cut_is_split_graphemes_cut(
    text: str, width: int, ellipsis: str
) -> None:
    budget = width - cell_len(ellipsis)
    cut = _single_cut(text, budget)
    if cut is not None:
        assert text[:cut] + ellipsis == _cluster_truncate(text, budget, ellipsis)
    if cell_len(text) > width:
        assert truncate(text, width, ellipsis) == _cluster_truncate(text, budget, ellipsis)


def test_the_single_character_cut_is_taken_only_where_each_character_is_a_cluster() -> None:
    assert _single_cut("季度工作会议材料", 8) == 4
    assert _single_cut("ＱＵＡＲＴＥＲＬＹ plan", 5) == 2
    assert _single_cut("👍👍👍", 3) == 1
    assert _single_cut("中e\u0301xyz", 4) == 4  # a mark stays with its letter
    assert _single_cut("e\u0301" * 3 + "xyz", 3) is None  # the cut lies past the 4 read
    assert _single_cut("👨\u200d👩 family", 8) is None
    assert _single_cut("❤\ufe0f love", 8) is None
    assert _single_cut("中❤\ufe0fab", 3) is None  # the selector widens the heart to two cells


@given(TEXTS, st.integers(min_value=1, max_value=30))
def test_pad_is_exactly_the_width(text: str, width: int) -> None:
    assert cell_width(pad(text, width)) == width


# --- wrapping by the Chinese line-breaking rule ----------------------------------------------

CLOSERS = sorted(NO_LINE_START)
OPENERS = sorted(NO_LINE_END)


def test_a_closing_mark_never_starts_a_line() -> None:
    # Ten cells: the comma would be the eleventh, so 后 goes down with it.
    assert wrap_cells("五个字符后，再写", 10) == ["五个字符", "后，再写"]
    assert wrap_cells("已完成。现在记录反馈吗？", 10) == ["已完成。现", "在记录反馈", "吗？"]
    assert wrap_cells("请先阅读「说明」后填写", 8) == ["请先阅读", "「说明」", "后填写"]


def test_latin_breaks_at_spaces_and_lines_keep_their_order() -> None:
    assert wrap_cells("Done. Record the feedback now? (Esc: later)", 16) == [
        "Done. Record the",
        "feedback now?",
        "(Esc: later)",
    ]
    assert wrap_cells("a\n\nb", 5) == ["a", "", "b"]
    assert wrap_cells("", 5) == [""]


def visible(text: str) -> str:
    return "".join(text.split())


@given(TEXTS, st.integers(min_value=2, max_value=40))
def test_wrapping_drops_nothing_and_fits(text: str, width: int) -> None:
    lines = wrap_cells(text, width)
    assert visible("".join(lines)) == visible(text)
    assert len(lines) >= text.count("\n") + 1
    for line in lines:
        assert cell_width(line) <= width or len(split_graphemes(line)[0]) == 1


def sentence(draw: st.DrawFn) -> str:
    """Chinese-like text: words of characters (some Latin), an opening mark before some
    and one or two closing marks after some, as real sentences have them."""
    parts = []
    for _ in range(draw(st.integers(min_value=1, max_value=12))):
        if draw(st.booleans()):
            parts.append(draw(st.sampled_from(OPENERS)))
        word = draw(st.text(alphabet=st.sampled_from("中文处长会议材料abc 12"), max_size=8))
        parts.append(word.strip() or "中")
        parts.append(draw(st.text(alphabet=st.sampled_from(CLOSERS), max_size=2)))
        if draw(st.booleans()):
            parts.append(" ")
    return "".join(parts)


@given(st.data(), st.integers(min_value=8, max_value=40))
def test_no_line_starts_with_a_closing_mark_or_ends_with_an_opening_one(
    data: st.DataObject, width: int
) -> None:
    text = data.draw(st.composite(sentence)())
    lines = wrap_cells(text, width)
    assert visible("".join(lines)) == visible(text)
    for before, line in pairwise(lines):
        assert cell_width(before) <= width
        assert line[:1] not in NO_LINE_START, lines
        assert before[-1:] not in NO_LINE_END, lines
