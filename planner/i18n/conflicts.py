"""How a sync conflict is worded, the same in ``planner sync conflicts`` and the app's list."""

from __future__ import annotations

import json
from datetime import datetime, tzinfo

from planner.domain.ids import short
from planner.domain.sync.merge import Conflict
from planner.domain.visible import visible
from planner.i18n.translate import t

VALUE_WIDTH = 60
"""A value longer than this (in characters) is cut, with an ellipsis."""


def found_at(conflict: Conflict, tz: tzinfo) -> datetime:
    """When this machine found the conflict."""
    return datetime.fromtimestamp(conflict.at / 1000, tz=tz)


def value_words(value: object, *, privacy: bool) -> str:
    """A field's value as a conflict shows it: as JSON (a string quoted), on one line, cut
    when long; under privacy mode a text is ``[…]`` (its words may be confidential)."""
    if privacy and isinstance(value, str):
        return "[…]"
    text = json.dumps(value, ensure_ascii=False)
    return visible(text if len(text) <= VALUE_WIDTH else text[: VALUE_WIDTH - 1] + "…")


def conflict_line(conflict: Conflict, tz: tzinfo, *, privacy: bool) -> str:
    """One line: id, when, the record, the field, what was kept and what was not, and the
    machine each came from."""
    return t(
        "sync.conflict_line",
        id=conflict.id,
        when=found_at(conflict, tz).strftime("%Y-%m-%d %H:%M"),
        kind=conflict.kind,
        record=short(conflict.record),
        field=conflict.field,
        winner=value_words(conflict.winner, privacy=privacy),
        winner_machine=conflict.winner_machine,
        loser=value_words(conflict.loser, privacy=privacy),
        loser_machine=conflict.loser_machine,
    )


def reversed_words(conflict: Conflict, *, privacy: bool) -> str:
    """What reversing ``conflict`` did."""
    return t(
        "sync.reversed",
        id=conflict.id,
        field=conflict.field,
        record=f"{conflict.kind} {short(conflict.record)}",
        value=value_words(conflict.loser, privacy=privacy),
    )
