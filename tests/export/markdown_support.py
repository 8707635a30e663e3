"""Reading exports back the way other tools do: markdown-it (CommonMark) with the GFM task-list
and front-matter plugins, and YAML for the front matter."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.tasklists import tasklists_plugin


def parser() -> MarkdownIt:
    return (
        MarkdownIt("commonmark")
        .enable(["table", "strikethrough"])
        .use(front_matter_plugin)
        .use(tasklists_plugin)
    )


def tokens(text: str) -> list[Token]:
    return parser().parse(text)


def plain(inline: Token) -> str:
    """The literal text of an inline token; fails on anything that is not text."""
    parts: list[str] = []
    for child in inline.children or []:
        if child.type == "html_inline" and 'class="task-list-item-checkbox"' in child.content:
            continue
        if child.type == "text" or child.type == "code_inline":
            parts.append(child.content)
        else:
            raise AssertionError(f"markup in what should be text: {child.type} {child.content!r}")
    return "".join(parts).strip()


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    nested: bool


def headings(text: str) -> list[Heading]:
    found: list[Heading] = []
    items = tokens(text)
    for index, token in enumerate(items):
        if token.type == "heading_open":
            inline = items[index + 1]
            content = "".join(child.content for child in inline.children or [])
            found.append(Heading(int(token.tag[1]), content, token.level > 0))
    return found


@dataclass(frozen=True)
class TaskItem:
    checked: bool
    text: str


def task_items(text: str) -> list[TaskItem]:
    """Every GFM task-list item with its checked state and its text."""
    found: list[TaskItem] = []
    items = tokens(text)
    for index, token in enumerate(items):
        if token.type == "list_item_open" and "task-list-item" in str(token.attrs.get("class", "")):
            inline = next(t for t in items[index:] if t.type == "inline")
            checkbox = next(
                c for c in inline.children or [] if "task-list-item-checkbox" in c.content
            )
            found.append(TaskItem('checked="checked"' in checkbox.content, _text_of(inline)))
    return found


def _text_of(inline: Token) -> str:
    return "".join(
        child.content for child in inline.children or [] if child.type in ("text", "code_inline")
    ).strip()


def front_matter(text: str) -> dict[str, Any]:
    first = tokens(text)[0]
    assert first.type == "front_matter", "the document has no front matter"
    data = yaml.safe_load(first.content)
    assert isinstance(data, dict)
    return data


def html(text: str) -> str:
    return parser().render(text)
