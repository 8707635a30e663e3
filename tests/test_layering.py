"""The layering of DESIGN section 9 cannot erode: checked in fresh interpreters."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOMAIN_MODULES = sorted(
    f"planner.{path.stem}"
    for path in (ROOT / "planner").glob("*.py")
    if path.stem not in {"__init__", "__main__", "cli", "commands", "app"}
)


def imported_after(statement: str) -> set[str]:
    code = f"import sys, json\n{statement}\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return set(json.loads(result.stdout))


@pytest.mark.parametrize("module", DOMAIN_MODULES)
def test_domain_modules_import_neither_textual_nor_tinydb(module: str) -> None:
    loaded = imported_after(f"import {module}")
    assert not any(
        name.split(".")[0] in {"textual", "tinydb", "data", "widgets"} for name in loaded
    )


def test_the_data_layer_does_not_import_textual() -> None:
    loaded = imported_after("import data.store, data.doctor, data.backups, data.migrate")
    assert not any(name.split(".")[0] in {"textual", "widgets"} for name in loaded)


def test_subcommands_do_not_import_textual() -> None:
    loaded = imported_after(
        "import planner.cli, planner.commands, planner.services, planner.filters"
    )
    assert not any(name.split(".")[0] == "textual" for name in loaded)


def test_opening_the_app_reads_its_data_without_tinydb_migrations_or_backups(
    tmp_path: Path,
) -> None:
    """What start-up needs: an existing folder is opened and read with none of them, which
    are imported on the first write, for a migration, or for the day's snapshot."""
    setup = (
        "from datetime import datetime, timezone\n"
        "from pathlib import Path\n"
        "from data.store import FileStore\n"
        "from planner.models import Task\n"
        "from planner.ports import Change\n"
        "now = datetime(2026, 11, 23, 9, tzinfo=timezone.utc)\n"
        f"store = FileStore(Path({str(tmp_path)!r}), clock=lambda: now)\n"
    )
    subprocess.run(
        [sys.executable, "-c", setup + "store.apply([Change(None, Task.create('x', now))])"],
        cwd=ROOT,
        check=True,
    )
    loaded = imported_after(setup + "assert [t.title for t in store.open_tasks()] == ['x']")
    assert not any(
        name.split(".")[0] == "tinydb" or name in {"data.migrate", "data.backups"}
        for name in loaded
    )
    written = imported_after(setup + "store.apply([Change(None, Task.create('y', now))])")
    assert "tinydb" in written and "data.backups" in written
