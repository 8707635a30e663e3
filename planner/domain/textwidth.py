"""Terminal cell widths, so CJK text lines up in plain-text tables (never ``len()``).

Measured with ``rich.cells``, as Textual lays the screen out: the CLI's tables and the
screens agree on how wide a text is, emoji and combining marks included.
"""

from __future__ import annotations

from rich.cells import cell_len, get_character_cell_size, split_graphemes


def char_width(char: str) -> int:
    return get_character_cell_size(char)


def cell_width(text: str) -> int:
    return cell_len(text)


def truncate(text: str, width: int, ellipsis: str = "~") -> str:
    """Cut ``text`` to at most ``width`` cells, marking the cut with ``ellipsis``; a cut never
    falls inside a character cluster (a flag, an emoji sequence, a letter and its accent)."""
    if cell_len(text) <= width:
        return text
    budget = width - cell_len(ellipsis)
    spans, _ = split_graphemes(text)
    used = end = 0
    for _start, stop, cells in spans:
        if used + cells > budget:
            break
        used += cells
        end = stop
    return text[:end] + ellipsis


def pad(text: str, width: int) -> str:
    """``text`` cut or padded with spaces to exactly ``width`` cells."""
    cut = truncate(text, width)
    return cut + " " * (width - cell_width(cut))
