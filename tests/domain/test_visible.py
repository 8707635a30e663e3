"""The one rule for showing a record's text on a terminal: control characters written out."""

from __future__ import annotations

import json
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from planner.domain.textwidth import cell_width
from planner.domain.visible import (
    count_controls,
    is_control,
    json_safe,
    unshown_in_editor,
    visible,
    visible_lines,
    without_controls,
    written_out,
)

TITLE_SEQUENCE = "Budget \x1b]0;evil\x07 \x1b[2J done"

# Text biased towards what matters: controls of every kind among letters, CJK and emoji.
CONTROLS = st.sampled_from(
    [chr(c) for c in range(0x20)]
    + ["\x7f"]
    + [chr(c) for c in range(0x80, 0xA0)]
    + list("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029")
    + ["\udc9b", "\ud800"]
)
TEXTS = st.lists(
    st.one_of(CONTROLS, st.text(max_size=5), st.sampled_from(["预算", "👍🏽", "e\u0301", "\\x1b"])),
    max_size=30,
).map("".join)


def has_control(text: str) -> bool:
    return any(
        unicodedata.category(c) in ("Cc", "Cs")
        or c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029"
        for c in text
    )


def test_an_osc_title_sequence_is_written_out() -> None:
    assert visible(TITLE_SEQUENCE) == "Budget \\x1b]0;evil\\x07 \\x1b[2J done"


def test_each_kind_of_control_has_one_spelling() -> None:
    assert visible("a\nb\rc") == "a\\nb\\rc"
    assert visible("\x7f\x9b\u202e\u2066\u2028\udc9b") == "\\x7f\\x9b\\u202e\\u2066\\u2028\\udc9b"
    assert written_out("\x00") == "\\x00"


def test_a_tab_in_one_line_is_a_space() -> None:
    assert visible("Budget\treport") == "Budget report"


def test_many_lines_keep_their_breaks_and_tab_stops() -> None:
    assert visible_lines("one\r\ntwo\x1b[31m\nab\tc\n预算\td") == (
        "one\ntwo\\x1b[31m\nab      c\n预算    d"
    )
    assert visible_lines("a lone\rreturn") == "a lone\\rreturn"


def test_text_without_controls_is_returned_as_it_is() -> None:
    text = "落实会议纪要 #督办 @王处长 👍🏽 e\u0301 \u200d"
    assert visible(text) is text
    assert visible_lines(text + "\n") == text + "\n"


@given(TEXTS)
def test_one_line_output_holds_no_control_nor_line_break(text: str) -> None:
    shown = visible(text)
    assert not has_control(shown)
    assert "\n" not in shown


@given(TEXTS)
def test_many_lines_output_holds_no_control_but_line_breaks(text: str) -> None:
    shown = visible_lines(text)
    assert not has_control(shown.replace("\n", ""))
    assert shown.count("\n") == text.replace("\r\n", "\n").count("\n")


@given(TEXTS)
def test_shown_text_measures_as_its_characters_say(text: str) -> None:
    """Written out, a control takes the cells of its spelling: widths add up again."""
    shown = visible(text)
    assert cell_width(shown) == sum(cell_width(c) for c in shown)
    assert visible(shown) == shown


@given(TEXTS)
def test_json_safe_keeps_the_value_and_prints_no_control(text: str) -> None:
    encoded = json_safe(json.dumps({"title": text}, ensure_ascii=False))
    assert json.loads(encoded) == {"title": text}
    assert not has_control(encoded)


@given(TEXTS)
def test_the_last_guard_keeps_the_width_and_drops_every_control(text: str) -> None:
    guarded = without_controls(text)
    assert not has_control(guarded)
    assert cell_width(guarded) == cell_width(text)


def test_is_control_names_the_kinds() -> None:
    assert all(is_control(c) for c in "\x1b\x07\x7f\x9b\u202e\u2069\u2028\udc9b\t\n")
    assert not any(is_control(c) for c in "a预\u200d\u200b ")


def test_an_editor_shows_tabs_and_line_breaks_but_no_other_control() -> None:
    assert unshown_in_editor("plain\ttext\r\nmore\u2028") == 0
    assert unshown_in_editor("a\x1b[2J\x07\u202e b") == 3


def test_count_controls_counts_every_kind() -> None:
    assert count_controls("plain 预算") == 0
    assert count_controls("a\tb\nc\x1b\u202e\x9b") == 5
