"""No catalog key built with an f-string unless this test enumerates every key it can build.

``t(f"lane.{lane}")`` is checked by nothing else: a lane, status or step added without its
words would raise ``KeyError`` only when a user first meets it. So every call of ``t`` or
``has`` whose key is an f-string must have its template in ``TEMPLATES`` below, with every
value its placeholder can take, taken from the code's own constants wherever they exist;
and every key so built must be in the catalog, worded in both languages.

A template is written as in the code with each ``{...}`` emptied: ``t(f"lane.{lane}")`` is
``"lane.{}"``. A template with several placeholders takes tuples of values.
"""

from __future__ import annotations

import ast
from collections.abc import Collection, Iterator
from functools import cache
from pathlib import Path
from typing import get_args

import pytest

from planner.domain.instructions import INSTRUCTION_STATES
from planner.domain.models import SETBACK_KINDS, Priority, SetbackState, TaskStatus
from planner.domain.ranking import LANES, TERMS
from planner.domain.review import CAUSES, PeriodKind
from planner.export.kinds import EXPORT_KINDS
from planner.export.report import DONE_GROUPS, VARIANTS
from planner.i18n.translate import MESSAGES
from planner.importing.common import IssueKey
from planner.shell.app import LAZY_SCREENS
from planner.shell.cli.main import EXPORT_PERIODS
from widgets.dialogs.edit_form import TEXT_FIELDS
from widgets.dialogs.morning_plan import STEPS as MORNING_STEPS
from widgets.dialogs.setback_wizard import STEPS
from widgets.parts.lanes import COLUMNS

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("planner", "widgets", "data")
"""Where the code that builds keys lives (``data`` builds none today; it is watched too)."""

Call = tuple[str, int, str]
"""Where a key is built (path relative to the root, line) and its template."""


@cache
def parsed_sources() -> tuple[tuple[str, ast.Module], ...]:
    return tuple(
        (path.relative_to(ROOT).as_posix(), ast.parse(path.read_text(encoding="utf-8")))
        for root in SOURCES
        for path in sorted((ROOT / root).rglob("*.py"))
    )


def called_name(call: ast.Call) -> str | None:
    """``t`` for ``t(...)`` and for ``i18n.t(...)``."""
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def template_of(key: ast.JoinedStr) -> str:
    """The f-string with each replacement field emptied; literal braces stay escaped."""
    parts: list[str] = []
    for value in key.values:
        if isinstance(value, ast.Constant):
            parts.append(str(value.value).replace("{", "{{").replace("}", "}}"))
        else:
            parts.append("{}")
    return "".join(parts)


def f_string_keys() -> Iterator[Call]:
    """Every ``t(f"...")`` and ``has(f"...")`` under ``SOURCES``."""
    for path, tree in parsed_sources():
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and called_name(node) in ("t", "has")
                and node.args
                and isinstance(node.args[0], ast.JoinedStr)
            ):
                yield path, node.lineno, template_of(node.args[0])


def parse_reason_keys() -> set[str]:
    """Every ``reason_key`` a ``ParseError`` is raised with: ``planner.i18n.errors`` words a
    parse error by ``t(f"reason.{key}")``. The domain keeps no list of them, so they are read
    from its code: a key must be a string literal, or a literal after ``err.reason_key or``
    (an error raised again with the key it had)."""
    keys: set[str] = set()
    unreadable: list[str] = []
    for path, tree in parsed_sources():
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and called_name(node) == "ParseError"):
                continue
            given = [kw.value for kw in node.keywords if kw.arg == "reason_key"]
            given += node.args[3:4]
            for value in given:
                operands = value.values if isinstance(value, ast.BoolOp) else [value]
                for operand in operands:
                    if isinstance(operand, ast.Constant) and isinstance(operand.value, str):
                        keys.add(operand.value)
                    elif not (
                        isinstance(value, ast.BoolOp)
                        and isinstance(value.op, ast.Or)
                        and isinstance(operand, ast.Attribute)
                        and operand.attr == "reason_key"
                    ):
                        unreadable.append(f"{path}:{node.lineno}: {ast.unparse(value)}")
    assert not unreadable, "reason keys this test cannot enumerate:\n" + "\n".join(unreadable)
    return keys


HISTORY_STEPS = ("undo", "redo")
"""``PlannerApp._step``'s ``word``: ``undo`` and ``redo`` call it with theirs (no constant
names them, and ``planner/shell/app.py`` is not to be changed for this)."""

TEMPLATES: dict[str, Collection[object]] = {
    "lane.{}": LANES,
    "status.{}": get_args(TaskStatus),
    "priority.{}": get_args(Priority),
    "term.{}": TERMS,
    "weekday.{}": range(7),
    "weekday.long.{}": range(7),
    # principal_cause or "unset"; the code guards with DIMENSIONS or (*DIMENSIONS, "unset")
    "dimension.{}": CAUSES,
    "setback.kind.{}": SETBACK_KINDS,
    "setback.state.{}": get_args(SetbackState),
    "instruction.state.{}": INSTRUCTION_STATES,
    # state_flag returns None for in_progress before it builds a key
    "instruction.flag.{}": tuple(state for state in INSTRUCTION_STATES if state != "in_progress"),
    "reason.{}": parse_reason_keys(),
    "import.reason.{}": get_args(IssueKey),
    "help.export_{}": EXPORT_PERIODS,
    "report.title.{}": VARIANTS,
    "report.main.{}": VARIANTS,
    "report.done.{}": VARIANTS,
    "report.open.{}": VARIANTS,
    "report.next.{}": VARIANTS,
    "report.group.{}": DONE_GROUPS,
    "export.app.title.{}": EXPORT_KINDS,
    "review.period_{}": get_args(PeriodKind),
    # screen.name or "board": the board and the modes shown lazily (their screens' names)
    "screen.{}": ("board", *LAZY_SCREENS),
    "key.{}": HISTORY_STEPS,
    "notice.nothing_to_{}": HISTORY_STEPS,
    "edit.{}": TEXT_FIELDS,
    "edit.{}_hint": TEXT_FIELDS,
    "wizard.{}": STEPS,
    "morning.step.{}": MORNING_STEPS,
    "morning.keys.{}": MORNING_STEPS,
    "wizard.{}_prompts": STEPS,
    "column.{}": tuple(name for name, _ in COLUMNS),
}


def built_keys(template: str) -> list[str]:
    return [
        template.format(*value) if isinstance(value, tuple) else template.format(value)
        for value in TEMPLATES[template]
    ]


def test_the_scan_finds_the_calls() -> None:
    """A scan that found nothing would let the tests below pass vacuously."""
    found = {template for _, _, template in f_string_keys()}
    assert {"lane.{}", "status.{}", "weekday.{}", "reason.{}"} <= found


def test_every_f_string_key_is_enumerated() -> None:
    unregistered = [
        f"{path}:{line}: {template!r}"
        for path, line, template in f_string_keys()
        if template not in TEMPLATES
    ]
    assert not unregistered, (
        "catalog keys built with an f-string that no test enumerates; add each template "
        "to TEMPLATES in tests/i18n/test_catalog_keys.py with every value it can take, or "
        "write the keys out:\n" + "\n".join(unregistered)
    )


def test_no_template_is_left_over() -> None:
    """A template no code builds any more is taken out, so the table stays the code's."""
    found = {template for _, _, template in f_string_keys()}
    assert set(TEMPLATES) - found == set()


@pytest.mark.parametrize("template", sorted(TEMPLATES))
def test_every_built_key_is_in_the_catalog_in_both_languages(template: str) -> None:
    keys = built_keys(template)
    assert keys, f"{template!r} is enumerated with no values"
    missing = [key for key in keys if key not in MESSAGES]
    assert not missing, f"{template!r} builds keys the catalog lacks: {missing}"
    for key in keys:
        english, chinese = MESSAGES[key]
        assert english.strip() and chinese.strip(), key


def test_the_reason_keys_are_read_from_the_domain() -> None:
    assert {"bad_date", "bad_time", "no_title", "bad_status"} <= parse_reason_keys()
