"""An instruction's 督办 state and extension in the user's words: ``info`` (the CLI's and the
app's ``i``), the board's row flag and the reports share them."""

from __future__ import annotations

from planner.domain.instructions import InstructionState
from planner.domain.models import Task
from planner.i18n.translate import t


def state_words(state: InstructionState | None) -> str:
    """办理中, 临期...; empty for a task that is not an instruction."""
    return t(f"instruction.state.{state}") if state else ""


def state_flag(state: InstructionState | None) -> str | None:
    """The board's flag in words before the title (``[逾期]``); None for ``in_progress``
    (the ``>`` mark already says "instruction") and for other tasks."""
    if state is None or state == "in_progress":
        return None
    return t(f"instruction.flag.{state}")


def report_by_words(task: Task) -> str:
    """The report-back date in force, and the original an approved extension moved."""
    if task.report_by is None:
        return ""
    original = task.report_by_original
    if original is None or original == task.report_by:
        return task.report_by.isoformat()
    return t(
        "instruction.extended",
        date=task.report_by.isoformat(),
        original=original.isoformat(),
        reason=task.extension_reason or "",
    )


def extension_words(task: Task) -> str:
    """An extension asked for and not yet approved (empty when none is)."""
    if task.extension_to is None:
        return ""
    current = task.report_by.isoformat() if task.report_by else ""
    return t(
        "instruction.asked",
        date=task.extension_to.isoformat(),
        reason=task.extension_reason or "",
        current=current,
    )


def instruction_lines(task: Task, state: InstructionState | None) -> str:
    """What the app's ``i`` says of an instruction: its state, the report-back date in
    force (with the original an approved extension moved) and an extension asked for;
    empty for other tasks."""
    if state is None:
        return ""
    rows = [
        ("field.instruction_state", state_words(state)),
        ("field.report_by", report_by_words(task)),
        ("field.extension_to", extension_words(task)),
    ]
    return "\n".join(f"{t(key)}: {value}" for key, value in rows if value)
