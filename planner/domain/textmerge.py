"""Merging a text two writers changed from the same base (the journal editor's autosave
while ``planner journal TEXT`` appends to the same day): nothing either wrote is lost.

When the other writer only appended (what ``planner journal`` does), its addition goes after
this writer's text. Otherwise both are kept: this writer's text, then ``marker`` on a line
of its own, then the other's whole text.
"""

from __future__ import annotations


def merge_text(base: str, theirs: str, mine: str, *, marker: str) -> str:
    """``mine`` with what another writer changed from ``base`` (now ``theirs``) kept too."""
    if theirs in (base, mine):
        return mine
    if mine == base:
        return theirs
    if theirs.startswith(base):
        added = theirs[len(base) :]
        if mine.endswith(added):
            return mine
        joint = "" if not mine or mine.endswith("\n") or added.startswith("\n") else "\n"
        return mine + joint + added
    joint = "" if not mine or mine.endswith("\n") else "\n"
    return f"{mine}{joint}\n{marker}\n{theirs}"
