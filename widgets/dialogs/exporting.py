"""Exporting from the app: a path prompt, the export in a worker thread, a notification.

The prompt suggests a file in the documents folder; a path that exists asks for Enter a
second time before it is replaced. The export itself reads through a read-only twin of the
store in a thread, so a ten-year journal never freezes the screen, and the notification
says where the file went (or what stopped it, naming the path).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner.export.kinds import ExportKind
from planner.export.ranges import DateRange
from planner.i18n.translate import t

if TYPE_CHECKING:
    from textual.app import App

    from planner.export.service import AppExport
    from planner.services.planner import Planner


def _shown(path: Path) -> str:
    home = Path.home()
    try:
        return "~/" + str(path.relative_to(home))
    except ValueError:
        return str(path)


def ask_export(
    app: App[Any], planner: Planner, kind: ExportKind, *, period: DateRange | None = None
) -> None:
    """Ask where to write the export of ``kind`` (``period``: the review's week or month)."""
    from planner.export.service import app_export, check_path, default_folder
    from widgets.dialogs.prompt import PromptScreen

    export = app_export(kind, planner.today(), period=period)
    confirmed: list[Path] = []

    def apply(text: str) -> str | None:
        path, problem = check_path(text)
        if problem is not None or path is None:
            return t(problem or "export.app.empty_path")
        exists = path.exists()
        if exists and path not in confirmed:
            confirmed.append(path)
            return t("export.app.confirm_replace", path=_shown(path))
        run_export(app, planner, kind, export, path, force=exists)
        return None

    title = t(f"export.app.title.{kind}")
    initial = _shown(default_folder() / export.name)
    app.push_screen(PromptScreen(title, apply, hint=t("export.app.hint"), initial=initial))


def run_export(
    app: App[Any],
    planner: Planner,
    kind: ExportKind,
    export: AppExport,
    path: Path,
    *,
    force: bool,
) -> None:
    from planner.export.output import ExportWriteError
    from planner.export.service import export_to
    from planner.services.planner import Planner

    reader = Planner(planner.store.reader(), planner.config, planner.clock)

    def work() -> None:
        try:
            written = export_to(reader, export, path, force=force)
        except ExportWriteError as exc:
            message = t(exc.key, path=_shown(exc.path), reason=exc.reason)
            app.call_from_thread(app.notify, message, severity="error", timeout=10)
            return
        except OSError as exc:
            message = t("export.error.write", path=_shown(path), reason=exc.strerror or str(exc))
            app.call_from_thread(app.notify, message, severity="error", timeout=10)
            return
        app.call_from_thread(app.notify, t("export.wrote", path=_shown(written.path)), timeout=8)

    app.notify(t("export.app.started", path=_shown(path)), timeout=3)
    app.run_worker(work, name=f"export-{kind}", thread=True, group="export")
