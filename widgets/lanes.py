"""The board's lanes: the main contradiction panel and one table per ranked lane."""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable, Static

from planner.i18n import t
from planner.ids import short
from planner.models import Task
from planner.ranking import Lane, RankedTask
from widgets.translate import TranslatedBindings

TITLE_WIDTH = 46


def masked_title(task: Task, privacy: bool) -> str:
    return t("board.masked") if privacy and task.confidential else task.title


def short_date(value: date | datetime | None, today: date) -> str:
    """A compact date: weekday for this week, MM-DD this year, else the full date."""
    if value is None:
        return ""
    day = value.date() if isinstance(value, datetime) else value
    if 0 <= (day - today).days < 7:
        text = t(f"weekday.{day.weekday()}")
        if day == today:
            text = t("date.today")
    elif day.year == today.year:
        text = day.strftime("%m-%d")
    else:
        text = day.isoformat()
    if isinstance(value, datetime):
        text += value.strftime(" %H:%M")
    return text


def flags(task: Task) -> str:
    """Marks that are never East Asian ambiguous-width: * central, ! secret, > instruction..."""
    marks = ""
    marks += "*" if task.central else " "
    marks += "!" if task.confidential else " "
    marks += ">" if task.is_instruction else " "
    marks += "~" if task.recur else " "
    marks += "+" if task.setback else " "
    return marks


def due_cell(task: Task, today: date) -> Text:
    text = Text(short_date(task.due, today))
    due_day = task.due_date
    if due_day is not None and task.is_active:
        if due_day < today:
            text.stylize("bold red")
        elif due_day == today:
            text.stylize("bold yellow")
    return text


def report_cell(task: Task, today: date) -> Text:
    if task.report_by is None or task.reported:
        return Text("")
    text = Text(t("board.report_short", date=short_date(task.report_by, today)))
    if task.report_by <= today:
        text.stylize("bold red" if task.report_by < today else "bold yellow")
    return text


def people_cell(task: Task) -> str:
    names = [f"@{name}" for name in task.people]
    if task.source and task.source not in task.people:
        names.insert(0, f"<{task.source}")
    return " ".join(names)


class MainPanel(TranslatedBindings, Static, can_focus=True):
    """The day's main contradiction, large and unmistakable; focusable so keys act on it."""

    class Focused(Message):
        def __init__(self, panel: MainPanel) -> None:
            super().__init__()
            self.panel = panel

    def __init__(self) -> None:
        super().__init__(id="main-panel")
        self.item: RankedTask | None = None

    def show(self, item: RankedTask | None, today: date, privacy: bool) -> None:
        self.item = item
        self.border_title = t("lane.main")
        if item is None:
            self.update(Text(t("board.no_main"), style="italic"))
            self.set_class(True, "-empty")
            return
        self.set_class(False, "-empty")
        task = item.task
        title = Text(masked_title(task, privacy), style="bold")
        if task.status == "done":
            title = Text.assemble(("[x] ", "bold green"), title, (f"  {t('board.kept')}", "green"))
        lines = Text.assemble(Text(short(task.id) + "  ", style="dim"), title)
        details: list[Text] = []
        if task.people or task.source:
            details.append(Text(people_cell(task), style="cyan"))
        if task.due is not None:
            details.append(Text.assemble(t("field.due") + " ", due_cell(task, today)))
        report = report_cell(task, today)
        if report.plain:
            details.append(report)
        if task.central:
            details.append(Text(t("field.central"), style="magenta"))
        if details:
            lines.append("\n")
            lines.append(Text("   ").join(details))
        self.update(lines)

    @property
    def selected_task(self) -> Task | None:
        return self.item.task if self.item else None

    def on_focus(self) -> None:
        self.post_message(self.Focused(self))


class LaneTable(TranslatedBindings, DataTable[str | Text]):
    """One lane of ranked tasks; a row per task, so thousands of rows stay cheap."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "key.down", show=False),
        Binding("k", "cursor_up", "key.up", show=False),
    ]

    class Edge(Message):
        """The cursor tried to leave the lane (``step`` -1 above, +1 below)."""

        def __init__(self, lane: LaneTable, step: int) -> None:
            super().__init__()
            self.lane = lane
            self.step = step

    def __init__(self, lane: Lane) -> None:
        super().__init__(id=f"lane-{lane}", cursor_type="row", zebra_stripes=False)
        self.lane = lane
        self.items: list[RankedTask] = []

    def on_mount(self) -> None:
        self.add_column(t("column.id"), key="id", width=6)
        self.add_column(t("column.title"), key="title", width=TITLE_WIDTH)
        self.add_column(t("column.flags"), key="flags", width=5)
        self.add_column(t("column.due"), key="due", width=12)
        self.add_column(t("column.report"), key="report", width=12)
        self.add_column(t("column.people"), key="people", width=18)
        self.add_column(t("column.score"), key="score", width=6)

    def show(self, items: list[RankedTask], today: date, privacy: bool) -> None:
        """Replace the rows, keeping the cursor on the same task when it is still here."""
        selected = self.selected_task
        index = self.cursor_row
        self.items = items
        self.clear()
        for item in items:
            task = item.task
            title = Text(masked_title(task, privacy))
            if task.status == "done":
                title.stylize("strike dim")
            elif task.status == "waiting":
                title.stylize("italic")
            self.add_row(
                short(task.id),
                title,
                flags(task),
                due_cell(task, today),
                report_cell(task, today),
                people_cell(task),
                Text(f"{item.score:5.1f}", justify="right"),
                key=task.id,
            )
        self.display = bool(items)
        if selected is not None and selected.id in self.rows:
            self.move_cursor(row=self.get_row_index(selected.id), animate=False)
        elif items:
            self.move_cursor(row=min(max(index, 0), len(items) - 1), animate=False)

    @property
    def selected_task(self) -> Task | None:
        if not self.items or not 0 <= self.cursor_row < len(self.items):
            return None
        return self.items[self.cursor_row].task

    def select_task(self, task_id: str) -> bool:
        if task_id in self.rows:
            self.move_cursor(row=self.get_row_index(task_id), animate=False)
            return True
        return False

    def action_cursor_down(self) -> None:
        if self.cursor_row >= len(self.items) - 1:
            self.post_message(self.Edge(self, +1))
        else:
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        if self.cursor_row <= 0:
            self.post_message(self.Edge(self, -1))
        else:
            super().action_cursor_up()
