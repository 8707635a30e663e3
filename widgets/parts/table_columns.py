"""A ``DataTable``'s columns laid out anew for its width (the setbacks list, People view)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from textual.widgets import DataTable

from planner.domain.textwidth import truncate

CELL_PADDING = 2
"""A DataTable cell's padding, one cell either side."""


def set_columns(
    table: DataTable[Any], columns: Sequence[tuple[str, int]], heading: Callable[[str], str]
) -> None:
    """Replace ``table``'s columns (and rows) with ``columns`` (key, width), each headed by
    ``heading(key)`` cut with the mark to its width."""
    table.clear(columns=True)
    for key, size in columns:
        table.add_column(truncate(heading(key), size), width=size, key=key)
