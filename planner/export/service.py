"""Exports asked for from the app: a kind, a range and a path in, a written file out.

The app runs ``export_to`` in a worker thread; it reads through the planner's store and
writes with the same no-clobber, nothing-half-written rules as the command line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from planner.export.gather import ExportBuilder, ExportRequest
from planner.export.kinds import ExportKind
from planner.export.output import Written, write_file
from planner.export.ranges import DateRange, RangeRequest, resolve_range
from planner.services.planner import Planner


@dataclass(frozen=True, slots=True)
class AppExport:
    """One export the app offers: what, over which days, and the file name it suggests."""

    kind: ExportKind
    span: DateRange
    name: str


def app_export(kind: ExportKind, today: date, *, period: DateRange | None = None) -> AppExport:
    """The export of ``kind`` with its default range (or ``period``, for the review's report)."""
    span = period or resolve_range(kind, RangeRequest(), today)
    stamp = (span.start or today).isoformat()
    if kind == "report":
        name = f"report-{span.kind}-{stamp}.md"
    elif kind == "tasks":
        name = f"tasks-{stamp}.md"
    else:
        name = f"{kind}-{today.isoformat()}.md"
    return AppExport(kind, span, name)


def default_folder() -> Path:
    """The user's documents folder when there is one, else home."""
    from platformdirs import user_documents_dir

    documents = Path(user_documents_dir())
    return documents if documents.is_dir() else Path.home()


def export_to(planner: Planner, export: AppExport, path: Path, *, force: bool) -> Written:
    """Render and write; raises ``ExportWriteError`` when the file cannot be written."""
    request = ExportRequest(kind=export.kind, span=export.span)
    rendered = ExportBuilder(planner, request).render()
    return write_file(path, rendered.files[0].pieces(), force=force)


def check_path(text: str) -> tuple[Path | None, str | None]:
    """The path the user typed, expanded; or the catalog key of what is wrong with it."""
    raw = text.strip()
    if not raw:
        return None, "export.app.empty_path"
    path = Path(raw).expanduser()
    if path.is_dir():
        return None, "export.app.is_folder"
    for parent in path.parents:
        if parent.exists():
            if not parent.is_dir():
                return None, "export.app.parent_is_file"
            break
    return path, None
