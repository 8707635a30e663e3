"""Terminal cell widths, so CJK text lines up in plain-text tables (never ``len()``)."""

from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=4096)
def char_width(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def cell_width(text: str) -> int:
    return sum(char_width(char) for char in text)


def truncate(text: str, width: int, ellipsis: str = "~") -> str:
    """Cut ``text`` to at most ``width`` cells, marking the cut with ``ellipsis``."""
    if cell_width(text) <= width:
        return text
    budget = width - cell_width(ellipsis)
    out: list[str] = []
    used = 0
    for char in text:
        w = char_width(char)
        if used + w > budget:
            break
        out.append(char)
        used += w
    return "".join(out) + ellipsis


def pad(text: str, width: int) -> str:
    """``text`` cut or padded with spaces to exactly ``width`` cells."""
    cut = truncate(text, width)
    return cut + " " * (width - cell_width(cut))
