"""What the import-linter contracts in pyproject.toml cannot say, checked in fresh
interpreters: what a part loads when it runs (Textual, TinyDB), and the shape of the tree."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def modules_under(package: str) -> list[str]:
    folder = ROOT.joinpath(*package.split("."))
    return sorted(
        ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for path in folder.rglob("*.py")
        if path.stem != "__init__"
    )


DOMAIN_MODULES = modules_under("planner.domain")
SERVICE_MODULES = modules_under("planner.services")


def test_the_module_lists_are_found() -> None:
    """A glob that finds nothing would let the parametrised tests below pass vacuously."""
    assert {"planner.domain.models", "planner.domain.ranking"} <= set(DOMAIN_MODULES)
    assert "planner.services.ports" in SERVICE_MODULES


def test_the_top_of_planner_holds_only_its_entry_points() -> None:
    modules = {path.name for path in (ROOT / "planner").glob("*.py")}
    assert modules == {"__init__.py", "__main__.py"}


@pytest.mark.parametrize("package", ["planner", "data", "widgets"])
def test_package_inits_hold_only_a_docstring(package: str) -> None:
    """No re-exports nor definitions: an ``__init__`` runs whenever any module below it is
    imported, so what it imports would undo the lazy imports that keep start-up fast."""
    inits = list((ROOT / package).rglob("__init__.py"))
    assert inits
    for init in inits:
        tree = ast.parse(init.read_text(encoding="utf-8"))
        body = tree.body[1:] if ast.get_docstring(tree) is not None else tree.body
        assert body == [], f"{init.relative_to(ROOT)} holds more than a docstring"


def imported_after(statement: str) -> set[str]:
    code = f"import sys, json\n{statement}\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return set(json.loads(result.stdout))


@pytest.mark.parametrize("module", DOMAIN_MODULES + SERVICE_MODULES)
def test_domain_and_service_modules_import_neither_textual_nor_tinydb(module: str) -> None:
    loaded = imported_after(f"import {module}")
    assert not any(
        name.split(".")[0] in {"textual", "tinydb", "data", "widgets"} for name in loaded
    )


def test_the_data_layer_does_not_import_textual() -> None:
    loaded = imported_after("import data.store, data.doctor, data.backups, data.tinydb.migrate")
    assert not any(name.split(".")[0] in {"textual", "widgets"} for name in loaded)


def test_subcommands_do_not_import_textual() -> None:
    loaded = imported_after(
        "import planner.shell.cli.main, planner.shell.cli.handlers, planner.shell.wiring"
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
        "from planner.domain.models import Task\n"
        "from planner.services.ports import Change\n"
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
        name.split(".")[0] == "tinydb" or name in {"data.tinydb.migrate", "data.backups"}
        for name in loaded
    )
    written = imported_after(setup + "store.apply([Change(None, Task.create('y', now))])")
    assert "tinydb" in written and "data.backups" in written
