"""Plain-text and JSON views of the board and of tasks, for the command line."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from planner.domain.ids import short
from planner.domain.instructions import InstructionState
from planner.domain.load import DayLoad
from planner.domain.models import JournalEntry, SetbackAnalysis, SetbackState, Task
from planner.domain.privacy import is_hidden, shown
from planner.domain.ranking import LANES, Board, Explanation, RankedTask
from planner.domain.textwidth import cell_width, pad
from planner.domain.visible import visible, visible_lines
from planner.i18n.formats import format_due, format_estimate, weekday_name
from planner.i18n.holidays import holiday_name
from planner.i18n.instruction_words import (
    extension_words,
    report_by_words,
    state_flag,
    state_words,
)
from planner.i18n.load_words import load_line
from planner.i18n.privacy import lines_words, title_words, words
from planner.i18n.timer_words import info_words
from planner.i18n.translate import t

TITLE_WIDTH = 44


def task_title(task: Task, *, privacy: bool) -> str:
    return title_words(task, privacy)


def private(task: Task, text: str, *, privacy: bool) -> str:
    """``text`` of ``task`` (its people, source, tags, feedback) as privacy mode shows it:
    a confidential task's are masked like its title, since they say whom it concerns."""
    return words(shown(task, text, privacy))


def task_line(item: RankedTask, *, privacy: bool = False) -> str:
    """One aligned line: short id, title, markers, dates, people and the score."""
    task = item.task
    markers = ""
    if task.central:
        markers += "*"
    if task.confidential:
        markers += "!"
    if task.is_instruction:
        markers += ">"
    parts = [short(task.id), pad(task_title(task, privacy=privacy), TITLE_WIDTH), pad(markers, 3)]
    details: list[str] = []
    if task.due is not None:
        details.append(f"{t('field.due')} {format_due(task.due)}")
    if task.estimate is not None:
        details.append(f"~{format_estimate(task)}")
    if task.report_by is not None and not task.reported:
        details.append(f"{t('field.report_by')} {task.report_by.isoformat()}")
    flag = state_flag(item.instruction)
    if flag is not None:
        details.append(flag)
    if task.source:
        details.append("<" + private(task, task.source, privacy=privacy))
    if task.people:
        people = " ".join(f"@{p}" for p in task.people)
        details.append(private(task, people, privacy=privacy))
    score = f"{item.score:6.2f}"
    line = "  ".join([*parts, score])
    if details:
        line += "  " + "  ".join(details)
    return line


def board_text(board: Board, *, privacy: bool = False, load: DayLoad | None = None) -> str:
    """The board as text; ``load``, the day's load against its capacity, under the title."""
    lines = [t("board.title", weekday=weekday_name(board.date), date=board.date.isoformat())]
    if load is not None:
        lines.append(load_line(load))
    if board.is_empty:
        lines.append("")
        lines.append(t("board.empty"))
        return "\n".join(lines) + "\n"
    for name in LANES:
        items = board.lane(name)
        lines.append("")
        lines.append(f"== {t(f'lane.{name}')} ({len(items)}) ==")
        if name == "main" and not items:
            lines.append("  " + t("board.empty_main"))
            continue
        if not items:
            lines.append("  " + t("board.lane_empty"))
        for item in items:
            lines.append("  " + task_line(item, privacy=privacy))
    return "\n".join(lines) + "\n"


def task_list_text(items: list[RankedTask], *, privacy: bool = False) -> str:
    if not items:
        return t("cli.no_matches") + "\n"
    lines = []
    for item in items:
        status = t(f"status.{item.task.status}")
        lines.append(f"{task_line(item, privacy=privacy)}  [{status}]")
    return "\n".join(lines) + "\n"


def entry_text(entry: JournalEntry, *, privacy: bool) -> str:
    """A journal entry's text, or the mask for a confidential one in privacy mode."""
    return lines_words(shown(entry, entry.body, privacy))


def _names(task: Task, sign: str, names: tuple[str, ...], privacy: bool) -> str:
    return private(task, " ".join(sign + name for name in names), privacy=privacy) if names else ""


def _row(label: str, value: str, width: int) -> str:
    return f"{label}{' ' * (width - cell_width(label))}  {value}"


def task_info_text(
    task: Task,
    explanation: Explanation,
    lane: str | None,
    *,
    pinned: bool,
    privacy: bool = False,
    state: InstructionState | None = None,
) -> str:
    rows: list[tuple[str, str]] = [
        (t("field.id"), visible(task.id)),
        (t("field.title"), task_title(task, privacy=privacy)),
        (t("field.status"), t(f"status.{task.status}")),
    ]
    if lane:
        rows.append((t("field.lane"), t(f"lane.{lane}")))
    optional: list[tuple[str, Any]] = [
        ("field.due", format_due(task.due)),
        ("field.scheduled", task.scheduled.isoformat() if task.scheduled else ""),
        ("field.priority", t(f"priority.{task.priority}") if task.priority else ""),
        ("field.estimate", format_estimate(task)),
        ("field.spent", info_words(task)),
        ("field.central", t("yes") if task.central else ""),
        ("field.source", private(task, task.source, privacy=privacy) if task.source else ""),
        ("field.received", task.received.isoformat() if task.received else ""),
        ("field.report_by", _report_by(task, privacy)),
        ("field.extension_to", private(task, extension_words(task), privacy=privacy)),
        ("field.instruction_state", state_words(state)),
        ("field.people", _names(task, "@", task.people, privacy)),
        ("field.tags", _names(task, "#", task.tags, privacy)),
        ("field.confidential", t("yes") if task.confidential else ""),
        ("field.recur", visible(task.recur or "")),
        ("field.setback", short(task.setback) if task.setback else ""),
        ("field.done_at", format_due(task.done_at)),
        ("field.created", format_due(task.created)),
    ]
    rows.extend((t(key), value) for key, value in optional if value)
    for item in task.feedback:
        text = private(task, item.text, privacy=privacy)
        rows.append((t("field.feedback"), f"{format_due(item.at)}  {text}"))
    if task.notes and not is_hidden(task, privacy):
        notes = visible_lines(task.notes)
        rows.append((t("field.notes"), notes.replace("\n", "\n" + " " * 4)))
    width = max(cell_width(label) for label, _ in rows)
    lines = [_row(label, value, width) for label, value in rows]
    lines.append("")
    lines.extend(explanation_lines(explanation))
    if pinned:
        lines.append(t("explain.pinned"))
    return "\n".join(lines) + "\n"


def _report_by(task: Task, privacy: bool) -> str:
    """The date in force as it always showed; an extension's reason masked with the task."""
    if task.report_by is None:
        return ""
    if task.report_by_original in (None, task.report_by):
        return task.report_by.isoformat()
    return private(task, report_by_words(task), privacy=privacy)


def explanation_lines(explanation: Explanation) -> list[str]:
    header = [t("explain.term"), t("explain.value"), t("explain.weight"), t("explain.points")]
    body = [
        [t(f"term.{term.name}"), f"{term.value:.2f}", f"{term.coefficient:g}", f"{term.points:.2f}"]
        for term in explanation.terms
    ]
    body.append([t("explain.total"), "", "", f"{explanation.score:.2f}"])
    widths = [max(cell_width(row[i]) for row in [header, *body]) for i in range(4)]
    lines = [t("explain.header")]
    for row in [header, *body]:
        cells = [row[0] + " " * (widths[0] - cell_width(row[0]))]
        cells.extend(" " * (widths[i] - cell_width(row[i])) + row[i] for i in range(1, 4))
        lines.append("  " + "  ".join(cells))
    return lines


def setbacks_text(
    items: list[tuple[SetbackAnalysis, list[Task]]], today: date, *, privacy: bool = False
) -> str:
    """Each analysis (a header line and a line of facts) followed by its measures."""
    if not items:
        return t("cli.no_setbacks") + "\n"
    blocks: list[str] = []
    for analysis, measures in items:
        state = analysis.state(measures, today)
        title = title_words(analysis, privacy)
        marker = " !" if analysis.confidential else ""
        lines = [
            f"{short(analysis.id)}  {analysis.date.isoformat()}  {title}{marker}  "
            f"[{t(f'setback.state.{state}')}]"
        ]
        cause = analysis.principal_cause or "unset"
        done = sum(1 for m in measures if m.status == "done")
        facts = [
            t(
                "cli.setback_fact",
                label=t("cli.setback_kind"),
                value=t(f"setback.kind.{analysis.kind}"),
            ),
            t("cli.setback_fact", label=t("cli.setback_cause"), value=t(f"dimension.{cause}")),
            t("cli.setback_measures", done=done, total=len(measures)),
        ]
        if analysis.review_on is not None:
            facts.append(t("cli.setback_review_on", date=analysis.review_on.isoformat()))
        lines.append("    " + t("cli.setback_separator").join(facts))
        status_width = max((cell_width(t(f"status.{m.status}")) for m in measures), default=0)
        due_width = max((cell_width(format_due(m.due)) for m in measures), default=0)
        for measure in measures:
            measure_title = title_words(measure, privacy, within=analysis)
            cells = [
                short(measure.id),
                pad(t(f"status.{measure.status}"), status_width),
                pad(format_due(measure.due), due_width) if due_width else "",
                measure_title,
            ]
            lines.append("    - " + "  ".join(cell for cell in cells if cell))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


# --- JSON ----------------------------------------------------------------------------------


def task_json(
    task: Task, score: float | None, state: InstructionState | None = None
) -> dict[str, Any]:
    """The task as stored, with ``spent`` (seconds its stopped timer runs add up to),
    ``score`` and ``instruction_state`` (an instruction's 督办 state; null for other tasks)."""
    data = task.to_dict()
    data["spent"] = task.spent
    data["score"] = score
    data["instruction_state"] = state
    return data


def ranked_json(item: RankedTask) -> dict[str, Any]:
    data = task_json(item.task, item.score, item.instruction)
    data["lane"] = item.lane
    return data


def board_json(board: Board, load: DayLoad | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "date": board.date.isoformat(),
        "main": ranked_json(board.main) if board.main else None,
        "today": [ranked_json(i) for i in board.today],
        "awaiting": [ranked_json(i) for i in board.awaiting],
        "inbox": [ranked_json(i) for i in board.inbox],
        "later": [ranked_json(i) for i in board.later],
    }
    if load is not None:
        data["load"] = load_json(load)
    return data


def load_json(load: DayLoad) -> dict[str, Any]:
    """The day's load for programs, in minutes: ``planned`` (estimates of the main
    contradiction and Today, timed items included), ``capacity`` (0 on a holiday),
    ``unestimated`` (how many counted tasks have no estimate), ``workday``, ``holiday``
    (the holiday's English name on a holiday or a make-up day worked for one, else null);
    besides: ``timed`` (the part of ``planned`` fixed at an hour of the day), ``over``
    (minutes beyond the capacity) and ``reason`` (as ``planner workday`` gives it)."""
    holiday = load.holiday
    return {
        "planned": load.planned,
        "capacity": load.capacity,
        "unestimated": len(load.unestimated),
        "workday": load.workday,
        "holiday": None if holiday is None else holiday_name(holiday, load.holiday_name, "en"),
        "timed": load.timed,
        "over": load.over,
        "reason": load.reason,
    }


def explanation_json(explanation: Explanation) -> list[dict[str, Any]]:
    return [
        {
            "term": term.name,
            "value": term.value,
            "coefficient": term.coefficient,
            "points": round(term.points, 4),
        }
        for term in explanation.terms
    ]


def setback_json(
    analysis: SetbackAnalysis,
    measures: list[Task],
    state: SetbackState,
    instruction_state: Callable[[Task], InstructionState | None] | None = None,
) -> dict[str, Any]:
    """Every key of the analysis, its derived ``state`` and its measures (``score`` null;
    ``instruction_state`` from the function given)."""
    data = analysis.to_dict()
    data["state"] = state
    states = instruction_state or (lambda _task: None)
    data["measures"] = [task_json(measure, None, states(measure)) for measure in measures]
    return data
