"""The body's fast paths give what the full CommonMark parse gives: the outline without
parsing (``_simple_outline``) and the block-only parse with inline HTML parsed on demand."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from planner.export.markdown import _restructure, _simple_outline, body

LINES = st.sampled_from(
    [
        "",
        "  ",
        "# Top",
        "## Two ##",
        "### Three",
        "####### seven",
        "#tag",
        "#",
        "Plain text.",
        "今天的事情，**重点**。",
        "**Reminder**: bold start",
        "*emphasis* start",
        "_under_ start",
        "* item",
        "*\titem",
        "- item",
        "- # heading in item",
        "+ item",
        "1. ordered",
        "---",
        "***",
        "_ _ _",
        "===",
        "> quote",
        "> # quoted heading",
        "```",
        "~~~",
        "    indented code",
        "\tcode",
        "  # indented heading",
        "<div>",
        "</div>",
        "text <span>inline</span>",
        "[ref]: /url 'title",
        "# inside title'",
        "\u3000ideographic space",
    ]
)


@settings(max_examples=400)
@given(st.lists(LINES, min_size=1, max_size=12), st.integers(min_value=0, max_value=5))
def test_simple_outline_is_the_parse_where_it_answers(lines: list[str], under: int) -> None:
    simple = _simple_outline(lines, under)
    if simple is not None:
        assert simple == _restructure(lines, under, True)


def test_simple_outline_answers_for_everyday_bodies() -> None:
    lines = ["## 上午", "", "会议。", "- 一", "- 二", "", "### 细节", "**注意**：数据。"]
    assert _simple_outline(lines, 2) == [
        "### 上午",
        "",
        "会议。",
        "- 一",
        "- 二",
        "",
        "#### 细节",
        "**注意**：数据。",
    ]


def test_inline_html_still_keeps_elements_closed() -> None:
    assert body("# Title\n\ntext <details>open", 2).endswith("</details>")
