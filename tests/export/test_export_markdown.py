"""Escaping one-line fields and fitting bodies (DESIGN section 6), read back with markdown-it."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_support import front_matter, headings, html, plain, task_items, tokens

from planner.export.markdown import body, code, heading, inline, task_item
from planner.export.markdown import front_matter as make_front

HOSTILE = [
    "# not a heading",
    "## also not",
    "> not a quote",
    "- not a list",
    "+ plus",
    "* star",
    "1. not numbered",
    "3) neither",
    "a | table | row",
    "| a | b |",
    "`code` and ``more``",
    "<b>bold</b> and <script>alert(1)</script>",
    "[a link](https://example.com)",
    "![image](x.png)",
    "---",
    "***",
    "===",
    "*emphasis* and _this_ and **strong**",
    "~~struck~~",
    "back\\slash\\",
    "&amp; &#35; &copy;",
    "ends with hashes ##",
    "[x] looks checked",
    "<https://autolink.example>",
    "处理 #标签 与 @人名 | 管道",
    "    indented code",
    "tab\tinside",
]


def item_text(markdown: str) -> str:
    parsed = tokens(markdown)
    inline = next(token for token in parsed if token.type == "inline")
    return plain(inline)


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_titles_stay_text_in_a_task_item(text: str) -> None:
    markdown = task_item(False, inline(text))
    kinds = [token.type for token in tokens(markdown)]
    assert kinds.count("list_item_open") == 1
    assert "heading_open" not in kinds and "blockquote_open" not in kinds
    assert "hr" not in kinds and "table_open" not in kinds and "html_block" not in kinds
    assert item_text(markdown) == " ".join(text.split())
    assert task_items(markdown)[0].checked is False


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_titles_stay_text_in_a_heading(text: str) -> None:
    found = headings(heading(2, text))
    assert len(found) == 1 and found[0].level == 2
    assert item_text(heading(2, text)) == " ".join(text.split())


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_titles_stay_text_as_a_paragraph(text: str) -> None:
    markdown = inline(text)
    kinds = [token.type for token in tokens(markdown)]
    assert kinds == ["paragraph_open", "inline", "paragraph_close"]
    assert item_text(markdown) == " ".join(text.split())


HOSTILE_ALPHABET = st.sampled_from(
    [*list("#>-+*_`[]()<>|~!\\=.:&;/ 1a中文"), "\t", "  ", "http://x", "&amp;", "<b>", "1."]
)


@given(st.lists(HOSTILE_ALPHABET, max_size=30).map("".join))
def test_any_one_line_text_reads_back_exactly(text: str) -> None:
    expected = " ".join(text.split())
    assert item_text(task_item(True, inline(text))) == expected if expected else True
    if expected:
        assert item_text(inline(text)) == expected


@given(st.text(max_size=40))
def test_code_spans_hold_any_text(text: str) -> None:
    flat = " ".join(text.split())
    if not flat or "\x00" in flat or "\r" in text:
        return
    parsed = tokens(code(flat))
    inline = next(token for token in parsed if token.type == "inline")
    assert [child.type for child in inline.children or []] == ["code_inline"]
    content = (inline.children or [])[0].content
    assert content.strip() == flat.strip()


# --- bodies ----------------------------------------------------------------------------------


def under_day(*bodies: str) -> str:
    """Days one after another, as the journal export writes them."""
    blocks = []
    for number, text in enumerate(bodies, start=1):
        blocks.append(f"## Day {number}")
        fitted = body(text, 2)
        if fitted:
            blocks.append(fitted)
    return "\n\n".join(blocks) + "\n"


def test_body_headings_nest_beneath_the_day_without_jumps_and_never_past_six() -> None:
    text = "# One\n\n## Two\n\n##### Five\n\ntext\n\n### Three"
    found = headings(under_day(text))
    assert [(h.level, h.text) for h in found] == [
        (2, "Day 1"),
        (3, "One"),
        (4, "Two"),
        (5, "Five"),
        (5, "Three"),
    ]
    deep = "\n\n".join(f"{'#' * n} h{n}" for n in range(1, 7))
    assert [h.level for h in headings(under_day(deep))] == [2, 3, 4, 5, 6, 6, 6]


def test_a_body_starting_deep_starts_one_level_below_the_day() -> None:
    found = headings(under_day("### Deep\n\n#### Deeper\n\n## Up"))
    assert [(h.level, h.text) for h in found][1:] == [(3, "Deep"), (4, "Deeper"), (3, "Up")]


def test_setext_headings_become_hash_headings() -> None:
    text = "Title line\n==========\n\nSub title\n---------\n\nbody"
    fitted = body(text, 2)
    assert "### Title line" in fitted and "#### Sub title" in fitted
    assert "====" not in fitted and "-----" not in fitted
    assert [(h.level, h.text) for h in headings(under_day(text))][1:] == [
        (3, "Title line"),
        (4, "Sub title"),
    ]


def test_a_setext_heading_ending_in_hashes_keeps_them() -> None:
    found = headings(under_day("Issue #\n==="))
    assert found[1].text == "Issue #"


def test_an_unclosed_code_fence_is_closed_at_the_end_of_the_entry() -> None:
    document = under_day("```python\nprint('open')", "next day")
    assert [h.text for h in headings(document)] == ["Day 1", "Day 2"]
    fences = [token for token in tokens(document) if token.type == "fence"]
    assert len(fences) == 1 and fences[0].content == "print('open')\n"


def test_a_closed_fence_is_left_alone_and_its_hashes_are_code() -> None:
    text = "~~~~\n# not a heading\n~~~~"
    assert body(text, 2) == text


@pytest.mark.parametrize(
    "opening",
    [
        "<pre>",
        "<script>",
        "<style>",
        "<textarea>",
        "<!-- comment",
        "<?php",
        "<!DOCTYPE x",
        "<![CDATA[",
    ],
)
def test_an_unclosed_raw_html_block_cannot_swallow_the_next_day(opening: str) -> None:
    document = under_day(f"{opening}\nstill open", "next day")
    assert [h.text for h in headings(document)] == ["Day 1", "Day 2"]


@pytest.mark.parametrize("element", ["details", "div", "section", "DETAILS"])
def test_an_element_left_open_is_closed_at_the_end_of_the_entry(element: str) -> None:
    text = f"<{element}>\n<summary>More</summary>\n\nHidden words."
    fitted = body(text, 2)
    assert fitted.endswith(f"\n</{element.lower()}>")
    document = under_day(text, "next day")
    rendered = html(document)
    day_two = rendered.index("<h2>Day 2</h2>")
    assert rendered.rindex(f"</{element.lower()}>") < day_two


def test_closed_and_nested_elements_get_only_the_closers_they_lack() -> None:
    closed = "<details>\n<summary>x</summary>\n\nwords\n\n</details>"
    assert body(closed, 2) == closed
    nested = "<div>\n\n<details open>\n\ninside"
    assert body(nested, 2).endswith("inside\n</details>\n</div>")
    assert body("<br/>\n<hr>\ntext", 2) == "<br/>\n<hr>\ntext"
    assert body("See <details>inline", 2) == "See <details>inline\n</details>"
    assert body("a <pre-wrap> b <divx>", 2) == "a <pre-wrap> b <divx>"


def test_headings_inside_quotes_and_lists_are_demoted_too() -> None:
    found = headings(under_day("> # Quoted\n\n- # Listed"))
    assert [(h.level, h.text, h.nested) for h in found][1:] == [
        (3, "Quoted", True),
        (3, "Listed", True),
    ]


def test_plain_prose_is_kept_byte_for_byte() -> None:
    text = "今天和王处长谈了预算。\n\n明天继续。*重点*是落实。"
    assert body(text, 2) == text


def test_blank_bodies_become_nothing() -> None:
    assert body("\n \n", 2) == ""


LINES = st.sampled_from(
    [
        "# h1",
        "## h2",
        "###### h6",
        "text",
        "中文段落",
        "===",
        "---",
        "```",
        "````js",
        "~~~",
        "    indented",
        "> quote",
        "> # quoted",
        "- item",
        "1. item",
        "<pre>",
        "</pre>",
        "<!--",
        "-->",
        "<div>",
        "<details>",
        "</details>",
        "<?",
        "<!X",
        "<![CDATA[",
        "",
        "| a | b |",
        "[ref]: http://example.com",
        "\\",
    ]
)


@given(st.lists(st.lists(LINES, max_size=8).map("\n".join), min_size=1, max_size=4))
def test_no_body_can_break_the_days_outline(bodies: list[str]) -> None:
    document = under_day(*bodies)
    found = headings(document)
    top = [h for h in found if h.level <= 2]
    assert [h.text for h in top] == [f"Day {n}" for n in range(1, len(bodies) + 1)]
    assert all(not h.nested for h in top)
    levels = [h.level for h in found]
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels))  # MD001


# --- front matter ----------------------------------------------------------------------------


def test_front_matter_is_yaml_data() -> None:
    text = make_front(
        {
            "title": 'Journal: "quotes" & 冒号：yes',
            "date": date(2026, 11, 23),
            "tags": ["work", "预算", "a: b", "- dash"],
            "kind": "journal",
        }
    )
    data = front_matter(text + "\n\n# Heading\n")
    assert data == {
        "title": 'Journal: "quotes" & 冒号：yes',
        "date": date(2026, 11, 23),
        "tags": ["work", "预算", "a: b", "- dash"],
        "kind": "journal",
    }
    assert "<h1>Heading</h1>" in html(text + "\n\n# Heading\n")
