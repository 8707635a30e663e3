"""The shared journal search's fast paths give what the plain forms give."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import split_graphemes

from planner.domain.journal_search import _WIDE, _narrow, matches, query_terms, search_fold
from planner.domain.textwidth import truncate

ALPHABET = "aZ ，。：ＱＲ\u3000é\u0301\u200d\ufe0f👍🏽🇨🇳中文字\n\t" + "".join(
    map(chr, range(0xFF01, 0xFF10))
)
TEXT = st.text(alphabet=st.sampled_from(ALPHABET), max_size=200)


@given(TEXT)
def test_narrow_is_translate(text: str) -> None:
    assert _narrow(text) == text.translate(_WIDE)


def whole_split_truncate(text: str, width: int) -> str:
    """``truncate`` as it was: the whole text split into clusters."""
    from rich.cells import cell_len

    if cell_len(text) <= width:
        return text
    budget = width - 1
    used = end = 0
    for _start, stop, cells in split_graphemes(text)[0]:
        if used + cells > budget:
            break
        used += cells
        end = stop
    return text[:end] + "~"


@given(TEXT, st.integers(min_value=1, max_value=60))
def test_truncate_splitting_a_prefix_cuts_where_the_whole_split_cuts(text: str, width: int) -> None:
    assert truncate(text, width) == whole_split_truncate(text, width)


def test_search_matches_every_word_case_and_width_insensitively() -> None:
    folded = search_fold("今天与王处长沟通，ＱＵＡＲＴＥＲＬＹ 材料 Plan")
    assert matches(folded, query_terms("quarterly PLAN"))
    assert not matches(folded, query_terms("quarterly budget"))
