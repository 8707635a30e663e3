"""Cell widths agree with rich.cells, which Textual lays the screen out with."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from planner.domain.textwidth import cell_width, pad, truncate

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


@given(TEXTS, st.integers(min_value=1, max_value=30))
def test_pad_is_exactly_the_width(text: str, width: int) -> None:
    assert cell_width(pad(text, width)) == width
