"""The shared journal search's fast paths give what the plain forms give."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st
from rich.cells import split_graphemes

from planner.domain.journal_search import (
    _WIDE,
    _match_in_line,
    _match_line_by_line,
    _narrow,
    _original_index,
    fold_each,
    fold_line,
    matches,
    query_terms,
    search_fold,
    snippet,
)
from planner.domain.textwidth import cell_width, char_width, truncate
from planner.domain.weekdays import fold

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


# --- snippets: the whole text folded once against each line folded on its own ----------------

PIECES = st.sampled_from(
    [
        *"aAzZ ",
        *"中文处长材料，。：",
        *"ＱＲＰｌａｎ１",  # full-width letters and digits
        "\u3000",  # the ideographic space
        "e\u0301",  # composes to é under NFKC: not one for one
        "\u0301",
        "é",
        "ß",  # casefolds to two letters
        "ﬁ",  # NFKC makes it two
        "①",
        "ΣΑΣ",  # casefold has no final sigma
        "\u1100\u1161",  # Hangul jamo that NFKC composes into one syllable
        "👨\u200d👩\u200d👧",
        "👍🏽",
        "❤\ufe0f",
        "🇨🇳",
        *"\n\r\x0b\x0c\x1c\x85\u2028\u2029\t",  # every line boundary splitlines knows
        "\r\n",
    ]
)
BREAKS = st.sampled_from(["\n", "\r\n", "\u2028", "\x1c", "\n\n"])
LINE = st.tuples(
    st.sampled_from(["", "", " ", "  ", "\u3000", "\t "]),  # stripped from a snippet's line
    st.lists(PIECES, max_size=16).map("".join),
    st.sampled_from(["", " ", "\u3000"]),
).map("".join)
SNIPPET_TEXT = st.lists(st.tuples(LINE, BREAKS).map("".join), max_size=6).map("".join)


def old_snippet(text: str, term: str, width: int) -> str:
    """``snippet`` as it was: each line folded on its own, in order."""
    lines = [line.strip() for line in text.splitlines()]
    for line in lines:
        folded, same_places = fold_line(line)
        position = folded.find(term) if term else -1
        if position < 0:
            continue
        start = position if same_places else _original_index(line, position)
        if start > width:
            line, start = line[start - width :], width
        line = line[: start + width + 1]
        lead_budget = max(width // 3, 4)
        lead = line[:start]
        if cell_width(lead) > lead_budget:
            kept: list[str] = []
            used = 1
            for char in reversed(lead):
                used += char_width(char)
                if used > lead_budget:
                    break
                kept.append(char)
            line = "~" + "".join(reversed(kept)) + line[start:]
        return truncate(line, width)
    first = next((line for line in lines if line), "")
    return truncate(first[: width + 1], width)


@st.composite
def text_and_term(draw: st.DrawFn) -> tuple[str, str]:
    """A text, and a word of the query: mostly a piece of the text's own fold (so that it
    is found), else a word of its own."""
    text = draw(SNIPPET_TEXT)
    words = fold(text).split()
    own_word = draw(st.booleans())
    if words and own_word:
        word = draw(st.sampled_from(words))
        start = draw(st.integers(min_value=0, max_value=len(word) - 1))
        end = draw(st.integers(min_value=start + 1, max_value=len(word)))
        return text, word[start:end]
    others = ["plan", "材料", "é", "ss", "fi", "σ", "가", "", "a b", "a\nb"]
    return text, draw(st.sampled_from(others))


@given(text_and_term(), st.integers(min_value=1, max_value=40))
@example(("a\nb\n中文，ＰＬＡＮ here", "plan"), 10)
@example(("ｘ\u2028  Straße ＰＬＡＮ", "plan"), 12)
@example(("a\n  " + "中" * 30 + "ＰＬＡＮ", "plan"), 30)
@example(("first\nxa\nbx", "a\nb"), 10)
def test_snippet_folding_the_whole_text_once_is_snippet_line_by_line(
    case: tuple[str, str], width: int
) -> None:
    text, term = case
    assert snippet(text, term, width) == old_snippet(text, term, width)
    assert snippet(text, term, width, fold_line(text)) == old_snippet(text, term, width)
    if term and term.split() == [term]:
        assert _match_in_line(text, term, None) == _match_line_by_line(text, term)


def test_the_whole_fold_is_searched_when_it_is_one_for_one() -> None:
    text = "第一行\n  今天与王处长沟通，ＱＵＡＲＴＥＲＬＹ 材料\nlast"
    whole, same_places = fold_line(text)
    assert same_places
    # A fold that does not hold the word finds nothing: the whole fold was searched.
    assert _match_in_line(text, "quarterly", ("x" * len(text), True)) is None
    assert _match_in_line(text, "quarterly", (whole, True)) == (
        "今天与王处长沟通，ＱＵＡＲＴＥＲＬＹ 材料",
        9,
    )
    # Not one for one (ß folds to ss): line by line, mapped back.
    assert _match_in_line("Straße\nx ＰＬＡＮ", "plan", None) == ("x ＰＬＡＮ", 2)


@given(st.lists(SNIPPET_TEXT, max_size=8))
@example(["ＰＬＡＮ，中文", "Straße", "Cafe\u0301"])
def test_folding_many_texts_at_once_is_folding_each(texts: list[str]) -> None:
    assert fold_each(texts) == [fold_line(text) for text in texts]
