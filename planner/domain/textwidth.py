"""Terminal cell widths, so CJK text lines up in plain-text tables (never ``len()``).

Measured with ``rich.cells``, as Textual lays the screen out: the CLI's tables and the
screens agree on how wide a text is, emoji and combining marks included.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from rich.cells import cell_len, get_character_cell_size, split_graphemes


def char_width(char: str) -> int:
    return _WIDTHS[char]


def cell_width(text: str) -> int:
    return cell_len(text)


def truncate(text: str, width: int, ellipsis: str = "~") -> str:
    """Cut ``text`` to at most ``width`` cells, marking the cut with ``ellipsis``; a cut never
    falls inside a character cluster (a flag, an emoji sequence, a letter and its accent)."""
    if cell_len(text) <= width:
        return text
    budget = width - cell_len(ellipsis)
    cut = _single_cut(text, budget)
    if cut is None:
        return _cluster_truncate(text, budget, ellipsis)
    return text[:cut] + ellipsis


class _Widths(dict[str, int]):
    """Each character's cells as ``get_character_cell_size`` gives them, kept by character
    (up to ``KEPT`` of them; past that, asked each time) and read through the dict's own
    ``__getitem__``: a quarter of the cost of calling rich's cached function."""

    KEPT = 20_000

    def __missing__(self, char: str) -> int:
        cells = get_character_cell_size(char)
        if len(self) < self.KEPT:
            self[char] = cells
        return cells


_WIDTHS = _Widths()

_JOINING = ("\u200d", "\ufe0f")
"""The zero width joiner, which ``split_graphemes`` joins to the characters either side of
it, and variation selector 16, which may widen the character before it."""


def _single_cut(text: str, budget: int) -> int | None:
    """Where to cut ``text`` to keep at most ``budget`` cells, when no joiner or selector
    comes before the cut; else None (``split_graphemes`` decides).

    Without them, ``split_graphemes`` starts a cluster at each character that takes cells
    and adds a character of no width (a combining mark) to the cluster before it. The cut
    it gives is then where the running sum of the characters' widths first exceeds
    ``budget``: before a character that takes cells, after the marks of the one before it
    (whatever follows the cut may join the character at it, which is left out either way).
    The sum is quick: the widths are looked up in a dict (``_WIDTHS``) through ``map``,
    without a Python loop, where ``split_graphemes`` is one a character. Without marks each
    character takes a cell at least, so the first ``budget + 1`` hold the cut; the few texts
    whose marks put it further also go to ``split_graphemes``.
    """
    prefix = text[: max(budget, 0) + 1]
    if _JOINING[0] in prefix or _JOINING[1] in prefix:
        return None
    ends = list(accumulate(map(_WIDTHS.__getitem__, prefix)))
    cut = bisect_right(ends, budget)
    return cut if cut < len(prefix) else None


def _cluster_truncate(text: str, budget: int, ellipsis: str) -> str:
    """``truncate``'s cut by ``split_graphemes``, for text with a joiner or selector before
    the cut (or marks enough to put it past the characters ``_single_cut`` reads)."""
    # Splitting is slow (a Python loop a character), so only a prefix that can hold the cut
    # is split. A prefix's clusters are the whole text's, except that its last one may lack
    # what follows (a mark, a joiner, a variation selector): never fewer cells, so a cut the
    # prefix reaches is the whole text's cut. When the prefix fits whole, it doubles.
    limit = 2 * max(budget, 0) + 8
    while True:
        spans, _ = split_graphemes(text[:limit])
        used = end = 0
        for _start, stop, cells in spans:
            if used + cells > budget:
                return text[:end] + ellipsis
            used += cells
            end = stop
        if limit >= len(text):
            return text[:end] + ellipsis
        limit *= 2


def pad(text: str, width: int) -> str:
    """``text`` cut or padded with spaces to exactly ``width`` cells."""
    cut = truncate(text, width)
    return cut + " " * (width - cell_width(cut))


NO_LINE_START = frozenset("，。；：、？！）」』】》〉〕”’")
"""Chinese punctuation that never begins a line (the points, closing quotes and brackets)."""
NO_LINE_END = frozenset("（「『【《〈〔“‘")
"""Chinese punctuation that never ends a line (opening quotes and brackets)."""


def wrap_cells(text: str, width: int) -> list[str]:
    """``text`` broken into lines of at most ``width`` cells, dropping nothing but the spaces
    at a break; each ``\\n`` starts a new line.

    Latin words break at spaces (a word longer than a line is folded); Chinese text breaks
    between any two characters, by the Chinese rule: no line begins with ``，。；、）」``
    and the like, nor ends with ``（「``. Where the line is full at such a character, the
    character before it moves down with it, so the line still fits (hanging the mark past
    the edge would overflow a dialog). Textual and Rich fold Chinese text at the last cell,
    wherever the punctuation falls, hence this.
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_paragraph(paragraph, width))
    return lines


def _wrap_paragraph(text: str, width: int) -> list[str]:
    spans, _ = split_graphemes(text)
    pieces = [(text[start:stop], cells) for start, stop, cells in spans]
    count = len(pieces)
    lines: list[str] = []
    first = 0
    while first < count:
        used = 0
        best: int | None = None
        k = first
        while k < count:
            piece, cells = pieces[k]
            if k > first and _may_break(pieces, k):
                best = k
            if used + cells > width and k > first and not piece.isspace():
                break
            used += cells
            k += 1
        if k == count:
            lines.append("".join(piece for piece, _ in pieces[first:]).rstrip())
            break
        cut = best if best is not None else _fold(pieces, first, k)
        lines.append("".join(piece for piece, _ in pieces[first:cut]).rstrip())
        first = cut
    return lines or [""]


def _may_break(pieces: list[tuple[str, int]], k: int) -> bool:
    """Whether a line may end before ``pieces[k]``: after a space, or beside a wide
    (Chinese) character, never before a closing mark nor after an opening one."""
    (before, before_cells), (piece, cells) = pieces[k - 1], pieces[k]
    if piece.isspace() or piece[0] in NO_LINE_START or before[0] in NO_LINE_END:
        return False
    return before.isspace() or before_cells > 1 or cells > 1


def _fold(pieces: list[tuple[str, int]], first: int, k: int) -> int:
    """Where to cut a line from ``first`` that found no break before ``pieces[k]``
    overflows: before ``k``, or, when that would start a line with a closing mark (or end
    one with an opening mark), before the nearest earlier piece where it would not."""
    for cut in range(k, first, -1):
        piece, before = pieces[cut][0], pieces[cut - 1][0]
        if not piece.isspace() and piece[0] not in NO_LINE_START and before[0] not in NO_LINE_END:
            return cut
    return k
