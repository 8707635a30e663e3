"""What ``planner doctor --repair`` says about each file it repaired, and ``planner backup``
about the files of its snapshot that did not parse.

The snapshot a copy came from, how old it is and how many records it holds; and a warning
whenever the file is known to have held more records than came back (an empty restore of a
file that had records is never reported as a plain success).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from planner.i18n.translate import t
from planner.shell.cli.context import Context

if TYPE_CHECKING:
    from data.doctor import RepairReport


def unverified_files(data_dir: Path, snapshot: Path) -> list[dict[str, str]]:
    """The files of a snapshot that did not parse when it was taken (its manifest says),
    each as ``{"file": live path, "problem": why}``."""
    from data.snapshot_manifest import read_manifest

    manifest = read_manifest(snapshot)
    if manifest is None:
        return []
    return [
        {"file": str(data_dir / relative), "problem": entry.problem}
        for relative, entry in sorted(manifest.files.items())
        if entry.problem is not None
    ]


def age_text(days: int) -> str:
    return t("cli.snapshot_age_today") if days <= 0 else t("cli.snapshot_age_days", days=days)


def say_repair(ctx: Context, item: RepairReport) -> None:
    """The lines about one repaired file: on standard output, or on standard error under
    ``--json`` (whose standard output is the JSON document)."""
    say = ctx.warn if ctx.json else ctx.say
    if item.skipped:  # a newer planner's file: not damaged, left as it is
        say(t("cli.repair_left_newer", file=item.path))
        return
    if item.restored_from is None:
        say(t("cli.repaired_empty", file=item.path, aside=item.moved_to))
        if item.lost_records:
            say(t("cli.repaired_empty_lost", held=item.held, aside=item.moved_to))
        return
    say(
        t(
            "cli.repaired",
            file=item.path,
            aside=item.moved_to,
            date=item.restored_from.isoformat(),
            age=age_text(item.age_days or 0),
        )
    )
    if item.records is not None:
        say(t("cli.repaired_holds", count=item.records))
    if item.lost_records:
        say(
            t(
                "cli.repaired_lost",
                records=item.records or 0,
                held=item.held,
                lost=item.lost_records,
                aside=item.moved_to,
            )
        )
