"""Journal search, shared by the app's journal screen and ``planner journal --search``.

Case- and width-insensitive: text and query are folded alike (NFKC, then casefold), so
``ＰＬＡＮ`` finds ``plan``; an entry matches when its folded text holds every word of the
query. A snippet shows one line around the first match in the user's own spelling.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from planner.domain.models import JournalEntry
from planner.domain.textwidth import cell_width, char_width, truncate
from planner.domain.weekdays import fold


def search_text(entry: JournalEntry) -> str:
    """What search looks through: the body, then the tags as ``#tag``."""
    if not entry.tags:
        return entry.body
    return entry.body + "\n" + " ".join(f"#{tag}" for tag in entry.tags)


def query_terms(query: str) -> list[str]:
    return fold(query).split()


def snippet(text: str, term: str, width: int, folded: tuple[str, bool] | None = None) -> str:
    """One line of ``text`` around the first match of the folded ``term``, at most ``width`` cells.

    The match is mapped back to the original characters, so the snippet shows the user's
    own spelling (full-width letters, capitals). ``folded`` is ``fold_line(text)`` when the
    caller has it already (the search folded the text to match it).
    """
    found = _match_in_line(text, term, folded)
    if found is None:
        lines = (line.strip() for line in text.splitlines())
        first = next((line for line in lines if line), "")
        return truncate(first[: width + 1], width)
    line, start = found
    # Every character takes at least one cell: nothing further than ``width`` characters
    # from the match can show, so long lines are cut before their widths are measured.
    if start > width:
        line, start = line[start - width :], width
    line = line[: start + width + 1]
    lead_budget = max(width // 3, 4)
    lead = line[:start]
    if cell_width(lead) > lead_budget:
        kept: list[str] = []
        used = 1  # the "~" that marks the cut
        for char in reversed(lead):
            used += char_width(char)
            if used > lead_budget:
                break
            kept.append(char)
        line = "~" + "".join(reversed(kept)) + line[start:]
    return truncate(line, width)


def _match_in_line(text: str, term: str, folded: tuple[str, bool] | None) -> tuple[str, int] | None:
    """The first line of ``text`` (stripped) whose fold holds ``term``, and where in that line
    the match begins; None when no line holds it.

    The whole text is folded once (or ``folded`` is used) and searched: when that fold is one
    for one, each line's own fold is its stretch of the whole one (a stretch of text that
    NFKC leaves alone is left alone too, and ``casefold`` maps each character by itself), a
    match cannot cross a line (a term holds no white space, and every line break is white
    space), so the first match is in the first line that holds one, at the same place.
    Otherwise the lines are folded one at a time (``_match_line_by_line``).
    """
    if not term or term.split() != [term]:
        return _match_line_by_line(text, term)
    whole, same_places = fold_line(text) if folded is None else folded
    if not same_places:
        return _match_line_by_line(text, term)
    position = whole.find(term)
    if position < 0:
        return None
    if _OTHER_BREAKS.search(text) is None:  # nearly always: "\n" alone breaks lines
        begins = text.rfind("\n", 0, position) + 1
        ends = text.find("\n", position)
        line = text[begins : ends if ends >= 0 else len(text)]
    else:
        begins = 0
        for line in text.splitlines(keepends=True):
            if position < begins + len(line):
                break
            begins += len(line)
    stripped = line.lstrip()
    return stripped.rstrip(), position - begins - (len(line) - len(stripped))


_OTHER_BREAKS = re.compile("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
"""Where ``str.splitlines`` breaks a line, besides ``\n``."""


def _match_line_by_line(text: str, term: str) -> tuple[str, int] | None:
    """``_match_in_line`` folding one stripped line at a time, the match mapped back one
    character at a time when a line's fold is not one for one."""
    for line in (line.strip() for line in text.splitlines()):
        folded, same_places = fold_line(line)
        position = folded.find(term) if term else -1
        if position >= 0:
            return line, position if same_places else _original_index(line, position)
    return None


def fold_line(line: str) -> tuple[str, bool]:
    """``search_fold(line)``, and whether every character folded to exactly one (so that a
    position in the folded line is the same position in ``line``: nearly always, and then
    the costly mapping back, one character at a time, is not needed). ``line`` may be a
    whole text of many lines."""
    text = _narrow(line)  # one character for one
    if not unicodedata.is_normalized("NFKC", text):
        return unicodedata.normalize("NFKC", text).casefold(), False
    folded = text.casefold()  # never shortens a character: equal lengths mean one for one
    return folded, len(folded) == len(text)


def fold_each(texts: Sequence[str]) -> list[tuple[str, bool]]:
    """``fold_line`` of each of ``texts``, a third faster for a year of entries.

    ``_narrow`` runs once over the texts joined rather than once each (its 95 scans cost
    mostly their calls on a short text), and so does ``casefold`` when it keeps the joined
    length: both change each character by itself, one for one, so each text's stretch of
    the result is what the text alone gives. NFKC, which looks at neighbours, is still
    checked (and applied) text by text.
    """
    narrowed = _narrow("\n".join(texts))
    casefolded = narrowed.casefold()
    each_char = len(casefolded) == len(narrowed)  # else one of them folds to more
    folds: list[tuple[str, bool]] = []
    begins = 0
    for text in texts:
        ends = begins + len(text)
        piece = narrowed[begins:ends]
        if not unicodedata.is_normalized("NFKC", piece):
            folds.append((unicodedata.normalize("NFKC", piece).casefold(), False))
        elif each_char:
            folds.append((casefolded[begins:ends], True))
        else:
            folded = piece.casefold()
            folds.append((folded, len(folded) == len(piece)))
        begins = ends + 1
    return folds


def _original_index(line: str, folded_position: int) -> int:
    """The index in ``line`` whose folded prefix reaches ``folded_position``."""
    reached = 0
    for index, char in enumerate(line):
        if reached >= folded_position:
            return index
        reached += len(fold(char))
    return len(line)


_WIDE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
"""Full-width ASCII and the ideographic space, to what NFKC makes of them."""

_WIDE_PAIRS = tuple((chr(wide), chr(narrow)) for wide, narrow in _WIDE.items())


def _narrow(text: str) -> str:
    """``text.translate(_WIDE)``, three times as fast: ``str.translate`` with a mapping looks up
    every character in Python, while ``in`` and ``replace`` run in C (most of the 95 pairs are
    absent from a given text, and each check is a quick scan)."""
    if text.isascii():
        return text
    for wide, narrow in _WIDE_PAIRS:
        if wide in text:
            text = text.replace(wide, narrow)
    return text


def search_fold(text: str) -> str:
    """``fold`` (NFKC, then casefold), about twice as fast on Chinese text.

    Chinese prose is full of full-width punctuation (，：；！), so nearly every entry needs
    NFKC, which is slow. Those characters are mapped straight to their NFKC form first
    (each is a single character that NFKC replaces by a single ASCII one, so the result is
    the same); NFKC then runs only when ``is_normalized``, a quick check, says something
    else still needs it.
    """
    text = _narrow(text)
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    return text.casefold()


def matches(folded: str, terms: Sequence[str]) -> bool:
    """Whether ``folded`` (``search_fold`` of ``search_text``) holds every one of ``terms``."""
    return all(term in folded for term in terms)
