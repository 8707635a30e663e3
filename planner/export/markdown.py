"""Markdown that user text cannot break (DESIGN section 6).

Two kinds of user text go into an export:

- **One-line fields** (titles, names, tags, feedback): ``inline`` escapes every character
  that could open structure, so ``# x``, ``1. x``, ``| x``, ``<b>``, ``[a](b)`` or ``---``
  read back as exactly what the user typed.
- **Bodies** (journal entries, the texts of an analysis): ``body`` keeps them as Markdown
  but fits them beneath the heading they are placed under: headings are renumbered as an
  outline below it (the body's first heading one level down, each deeper heading at most one
  level below the one it follows, never deeper than six: markdownlint's MD001 holds), setext
  headings become ``#`` headings, and a code fence or raw HTML block left open (``<pre>``,
  a comment, or an element such as ``<details>`` or ``<div>`` never closed) is closed where
  the body ends, so it cannot swallow the rest of the document.

Bodies are read with markdown-it (CommonMark) only when a line could start one of those
constructs; plain prose takes a fast path that never imports it.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

_ALWAYS = re.compile(r"([\\`*_\[\]<>|~])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_LEADING_MARK = re.compile(r"^([#>+=-])")
_LEADING_NUMBER = re.compile(r"^(\d{1,9})([.)])")
_TRAILING_HASHES = re.compile(r"(?<![\\#])(#+)$")
_SPACES = re.compile(r"\s+")

_MAX_LEVEL = 6


def inline(text: str) -> str:
    """One line of literal text: whitespace folded, every structural character escaped."""
    line = _SPACES.sub(" ", text).strip()
    line = _ALWAYS.sub(r"\\\1", line)
    line = _ENTITY.sub(r"\\&", line)
    line = _LEADING_MARK.sub(r"\\\1", line)
    line = _LEADING_NUMBER.sub(r"\1\\\2", line)
    return _TRAILING_HASHES.sub(lambda match: "\\" + match.group(1), line)


def heading(level: int, text: str) -> str:
    """An ATX heading of literal ``text``."""
    return f"{'#' * min(level, _MAX_LEVEL)} {inline(text)}"


def task_item(done: bool, text: str) -> str:
    """A GitHub task-list item; ``text`` is already inline Markdown."""
    return f"- [{'x' if done else ' '}] {text}"


def bullet(text: str) -> str:
    return f"- {text}"


def tag_line(tags: Iterable[str]) -> str:
    """Tags as inline code spans, which no tag text can break out of."""
    return " ".join(code(f"#{tag}") for tag in tags)


def code(text: str) -> str:
    """A code span holding ``text`` literally, whatever backticks it contains."""
    flat = _SPACES.sub(" ", text)
    longest = max((len(run) for run in re.findall(r"`+", flat)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") or flat.startswith(" ") else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


# --- front matter ----------------------------------------------------------------------------


def front_matter(fields: Mapping[str, Any]) -> str:
    """YAML front matter that pandoc, Obsidian and Hugo read.

    Strings are written as JSON strings (valid double-quoted YAML scalars), dates bare
    (YAML dates), lists in flow style.
    """
    lines = ["---"]
    for key, value in fields.items():
        lines.append(f"{key}: {_yaml_value(value)}")
    lines.append("---")
    return "\n".join(lines)


def _yaml_value(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_yaml_value(item) for item in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    return json.dumps(str(value), ensure_ascii=False)


# --- bodies ----------------------------------------------------------------------------------

_MAYBE_STRUCTURE = re.compile(r"^[ \t>*+\-\d.)]*(#|=+[ \t]*$|-+[ \t]*$|```|~~~|<)", re.MULTILINE)
_FENCE_CLOSE = re.compile(r"^ {0,3}(`{3,}|~{3,})[ \t]*$")
_CONTAINERS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "colgroup",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "frameset",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "html",
        "iframe",
        "legend",
        "li",
        "main",
        "menu",
        "nav",
        "noframes",
        "ol",
        "optgroup",
        "option",
        "p",
        "search",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "title",
        "tr",
        "ul",
    ]
)
"""The elements of CommonMark's sixth kind of raw HTML block that hold content: that block
ends at a blank line, but the element stays open in the rendered page until its end tag."""
_MAYBE_ELEMENT = re.compile(r"<(?:" + "|".join(sorted(_CONTAINERS)) + r")(?![\w-])", re.IGNORECASE)
"""An element opened in the middle of a line (inline raw HTML) stays open in the page too."""
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*?)?(/?)>")
_HTML_CLOSERS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^ {0,3}<(script|pre|style|textarea)(?=[\s>]|$)", re.IGNORECASE), ""),
    (re.compile(r"^ {0,3}<!--"), "-->"),
    (re.compile(r"^ {0,3}<\?"), "?>"),
    (re.compile(r"^ {0,3}<![A-Za-z]"), ">"),
    (re.compile(r"^ {0,3}<!\[CDATA\["), "]]>"),
)


def body(text: str, under: int, *, close: bool = True) -> str:
    """A Markdown body placed beneath a heading of level ``under``.

    Headings are renumbered as an outline beneath level ``under`` (capped at six), setext
    headings become ``#`` headings, and (unless ``close`` is false) an open code fence or raw
    HTML block is closed at the end. Everything else is kept as written. Trailing blank
    lines are dropped.
    """
    stripped = text.strip("\n")
    if not stripped.strip():
        return ""
    lines = stripped.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    joined = "\n".join(lines)
    if not _MAYBE_STRUCTURE.search(joined) and not _MAYBE_ELEMENT.search(joined):
        return joined
    if not _MAYBE_ELEMENT.search(joined):
        simple = _simple_outline(lines, under)
        if simple is not None:
            return "\n".join(simple)
    return "\n".join(_restructure(lines, under, close))


_ATX = re.compile(r"#{1,6}(?=[ \t]|$)")
_PLAIN_START = r"[^\s>\-*+_=`~<\d\[#]"
_PLAIN_LINE = re.compile(rf"{_PLAIN_START}|[-*+] {_PLAIN_START}|[*_](?![ \t*_]*$)(?!\*[ \t])")
"""A line that can only be a paragraph's (or, ``- text``, a list item's first line, its text
a paragraph's): no indentation, nothing that opens a fence, quote, HTML block, setext
underline, thematic break, ordered list or link definition."""


def _simple_outline(lines: list[str], under: int) -> list[str] | None:
    """``_restructure`` without parsing, for the everyday body: ATX headings among lines that
    ``_PLAIN_LINE`` says are plain (or blank). Each ``#`` line there is a heading, at the top
    level, and nothing is left open; any other line returns None (the parser decides)."""
    result: list[str] = []
    outline: list[int] = []
    for line in lines:
        if line.startswith("#"):
            match = _ATX.match(line)
            if match is not None:
                own = match.end()
                while outline and outline[-1] >= own:
                    outline.pop()
                outline.append(own)
                line = _shift_atx(line, own, min(under + len(outline), _MAX_LEVEL))
        elif line.strip(" \t") and not _PLAIN_LINE.match(line):
            return None
        result.append(line)
    return result


@functools.cache
def _parser() -> Any:
    """One CommonMark parser for every body: building one costs more than most parses
    (rules compiled, plugins set up), and ``parse`` keeps no state between calls.

    It parses blocks only: the outline needs headings, fences and HTML blocks, and inline
    parsing (most of the time) matters only for raw HTML in a line, which
    ``_inline_children`` parses where a ``<`` shows there can be some."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark")
    parser.core.ruler.disable(["inline", "text_join"])
    return parser


def _inline_children(token: Any) -> list[Any]:
    """The inline tokens of a block's ``inline`` token, as a full parse gives them."""
    if "<" not in token.content:
        return []  # no raw HTML can be in it
    children: list[Any] = []
    parser = _parser()
    parser.inline.parse(token.content, parser, {}, children)
    return children


def _restructure(lines: list[str], under: int, close: bool) -> list[str]:
    tokens = _parser().parse("\n".join(lines))
    replace: dict[int, str | None] = {}
    closer: str | None = None
    outline: list[int] = []  # the body's own levels of the headings the next may nest under
    elements: list[str] = []
    for token in tokens:
        if token.type in ("html_block", "inline"):
            _track_elements(token, elements)
        if token.map is None:
            continue
        start, end = token.map
        if token.type == "heading_open":
            own = int(token.tag[1])
            while outline and outline[-1] >= own:
                outline.pop()
            outline.append(own)
            level = min(under + len(outline), _MAX_LEVEL)
            if token.markup.startswith("#"):
                replace[start] = _shift_atx(lines[start], len(token.markup), level)
            elif token.level == 0:
                content = " ".join(line.strip() for line in lines[start : end - 1])
                replace[start] = "#" * level + " " + _guard_closing_hashes(content)
                for index in range(start + 1, end):
                    replace[index] = None
        elif token.type == "fence" and token.level == 0 and end >= len(lines):
            last = lines[end - 1] if end - 1 > start else ""
            match = _FENCE_CLOSE.match(last)
            closes = (
                match is not None
                and match.group(1)[0] == token.markup[0]
                and len(match.group(1)) >= len(token.markup)
            )
            if not closes:
                closer = token.markup
        elif token.type == "html_block" and token.level == 0 and end >= len(lines):
            closer = _html_closer(lines[start], "\n".join(lines[start:end])) or closer
    result: list[str] = []
    for index, line in enumerate(lines):
        if index in replace:
            new = replace[index]
            if new is not None:
                result.append(new)
        else:
            result.append(line)
    if close and closer is not None:
        result.append(closer)
    if close and elements:
        result.extend(f"</{name}>" for name in reversed(elements))
    return result


def _track_elements(token: Any, open_elements: list[str]) -> None:
    """Follow the container elements that raw HTML in ``token`` opens and closes."""
    if token.type == "html_block":
        pieces = [token.content]
    else:
        pieces = [c.content for c in _inline_children(token) if c.type == "html_inline"]
    for piece in pieces:
        for match in _TAG.finditer(piece):
            closing, name, self_closing = match[1], match[2].lower(), match[3]
            if name not in _CONTAINERS or self_closing:
                continue
            if not closing:
                open_elements.append(name)
            elif name in open_elements:
                index = len(open_elements) - 1 - open_elements[::-1].index(name)
                del open_elements[index:]


def _shift_atx(line: str, old: int, new: int) -> str:
    pattern = re.compile(rf"(?<!#)#{{{old}}}(?!#)(?=[ \t]|$)")
    return pattern.sub("#" * new, line, count=1)


def _guard_closing_hashes(content: str) -> str:
    """A setext heading's text ending in ``#`` would lose it as an ATX closing sequence."""
    return _TRAILING_HASHES.sub(lambda match: "\\" + match.group(1), content)


def _html_closer(first_line: str, block: str) -> str | None:
    for pattern, closer in _HTML_CLOSERS:
        match = pattern.match(first_line)
        if match is None:
            continue
        if not closer:
            tag = match.group(1).lower()
            end = f"</{tag}>"
            return None if end in block.lower() else end
        return None if closer in block[match.end() :] else closer
    return None
