"""``planner import todotxt|taskwarrior|jrnl PATH``: read a file, import it, report.

Each skipped record is one line on stderr, ``PATH:LINE: reason``; the summary says how many
records were imported, updated, left unchanged and skipped, and lists each field changed on
both sides since the last import (planner's value kept). Any skipped record makes the
exit code 1 (the rest is imported all the same).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from planner.i18n.translate import t
from planner.importing.apply import Summary, import_days, import_tasks
from planner.importing.common import Issue
from planner.importing.limits import ImportTooLarge, read_limited
from planner.shell.cli.context import EXIT_BAD_INPUT, EXIT_OK, Context, bad_input
from planner.shell.cli.progress import progress
from planner.shell.wiring import open_planner

FORMAT_NAMES = {"todotxt": "todo.txt", "taskwarrior": "Taskwarrior", "jrnl": "jrnl"}


def cmd_import(ctx: Context) -> int:
    kind: str = ctx.args.kind
    path: Path = ctx.args.path
    text = _read(path)
    now = ctx.now
    name = FORMAT_NAMES[kind]
    if kind == "jrnl":
        from planner.importing import jrnl

        days = jrnl.parse(text)
        planner = open_planner(ctx)
        with progress(t("import.progress", format=name), len(days.records), ctx.err) as bar:
            summary = import_days(planner.store, days, now, bar.advance)
    else:
        from planner.importing import taskwarrior, todotxt

        parser = todotxt if kind == "todotxt" else taskwarrior
        tasks = parser.parse(text, now)
        planner = open_planner(ctx)
        with progress(t("import.progress", format=name), len(tasks.records), ctx.err) as bar:
            summary = import_tasks(planner.store, tasks, planner.today(), bar.advance)
    issues = [("import.error_line", found) for found in summary.errors]
    issues.extend(("import.warning_line", found) for found in summary.warnings)
    for key, found in sorted(issues, key=lambda item: item[1].line):
        ctx.warn(t(key, path=path, line=found.line, reason=describe(found)))
    if ctx.json:
        ctx.print_json(summary_json(summary))
    else:
        ctx.say(_summary_text(summary, name, kind))
    return EXIT_BAD_INPUT if summary.skipped else EXIT_OK


def _read(path: Path) -> str:
    """The file's text, read a piece at a time up to ``MAX_FILE_BYTES`` (``/dev/zero``
    included): a larger file is refused whole, exit 1, before anything is imported."""
    try:
        with path.open("rb") as stream:
            return read_limited(stream)
    except OSError as exc:
        raise bad_input(t("import.unreadable", path=path, reason=exc.strerror or exc)) from None
    except ImportTooLarge as exc:
        size = f"{exc.limit // (1024 * 1024)} MiB"
        raise bad_input(t("import.too_large", path=path, size=size)) from None


def describe(found: Issue) -> str:
    """The reason of an issue in the user's language."""
    return t(f"import.reason.{found.key}", **found.values)


def summary_json(summary: Summary) -> dict[str, Any]:
    return {
        "imported": summary.imported,
        "updated": summary.updated,
        "unchanged": summary.unchanged,
        "skipped": summary.skipped,
        "archived": summary.archived,
        "errors": [{"line": found.line, "reason": describe(found)} for found in summary.errors],
        "warnings": [{"line": found.line, "reason": describe(found)} for found in summary.warnings],
        "conflicts": [
            {"id": c.id, "field": c.field, "planner": c.planner, "source": c.source}
            for c in summary.conflicts
        ],
    }


def _summary_text(summary: Summary, name: str, kind: str) -> str:
    key = "import.summary_entries" if kind == "jrnl" else "import.summary_tasks"
    text = t(
        key,
        format=name,
        imported=summary.imported,
        updated=summary.updated,
        unchanged=summary.unchanged,
        skipped=summary.skipped,
    )
    if summary.archived:
        text += "\n" + t("import.archived", count=summary.archived)
    if summary.conflicts:
        text += "\n" + t("import.conflicts", count=len(summary.conflicts), format=name)
        for found in summary.conflicts:
            text += "\n" + t(
                "import.conflict",
                id=found.id,
                title=found.title,
                field=found.field,
                planner=_shown(found.planner),
                source=_shown(found.source),
                format=name,
            )
    return text


def _shown(value: object) -> str:
    """A field's value as the conflict line shows it: JSON, so empty and missing read apart."""
    if isinstance(value, tuple):
        value = list(value)
    return json.dumps(value, ensure_ascii=False)
