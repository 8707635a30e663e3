"""Where an imported recurring series keeps its link to its source when it moves on.

Closing an occurrence of a recurring task makes the next one (``Triage``). For a series that
came from an import, the open occurrence is the series: it takes the ``external_ref`` and
the import base (a copy), so the next import merges into it instead of reopening the closed
one (two open series). The closed occurrence keeps the ref with ``@`` and its due date, which
is how the source names that occurrence once it is closed there too (Taskwarrior: its
template and due), so the two become one record.
"""

from __future__ import annotations

from dataclasses import replace

from planner.domain.models import DueValue, Task, due_to_json


def occurrence_ref(series_ref: str, due: DueValue | None) -> str:
    """The ref of the occurrence of ``series_ref`` due on ``due``."""
    return f"{series_ref}@{due_to_json(due) or ''}"


def continued(closed: Task, following: Task) -> tuple[Task, Task]:
    """``closed`` and its series' next occurrence ``following``, the series' link moved on."""
    ref = closed.external_ref
    if ref is None:
        return closed, following
    return (
        replace(closed, external_ref=occurrence_ref(ref, closed.due)),
        replace(following, external_ref=ref, import_base=closed.import_base),
    )
