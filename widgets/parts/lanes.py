"""The board's lanes: the main contradiction panel and one table per ranked lane.

Columns: id, title, flags, back (the Later lane only: the day a task comes back, its
scheduled date), due, report (report-back date), people, score. As the board narrows,
whole columns give way, in this order (``DROP_ORDER``), until the title has at least
``MIN_TITLE`` cells: people first, then the report date, the back date, the due date, the
flags and the id. The score and the title are never dropped. Every text cut to fit its
column ends with the cut mark ``~``.

A row may begin its title with a flag in words (``row_note``): in Awaiting feedback,
whether the task is waiting on someone or a done instruction awaiting your feedback; in
Later, an instruction to report on before it comes back; in the done lane, a dropped task.
An instruction's 督办 state comes first when it says more than "in progress" (``[逾期]``,
``[临期]``, ``[申请延期]``, ``[已反馈]``; ``[办结]`` in the done lane).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style as RichStyle
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.css.styles import RulesMap
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widget import Widget
from textual.widgets import Static

from planner.domain.ids import short
from planner.domain.instructions import InstructionState
from planner.domain.models import Task
from planner.domain.privacy import shown
from planner.domain.ranking import Lane, RankedTask, awaiting_kind, reports_before_back
from planner.domain.textwidth import cell_width, truncate
from planner.i18n.instruction_words import state_flag
from planner.i18n.privacy import title_words, words
from planner.i18n.translate import t
from widgets.compat import SteadyScrollView
from widgets.keys.translate import TranslatedBindings

TITLE_WIDTH = 46


def masked_title(task: Task, privacy: bool) -> str:
    return title_words(task, privacy)


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


Part = tuple[str, str]
"""A piece of a row: its text and its style."""


def due_part(task: Task, today: date) -> Part:
    style = ""
    due_day = task.due_date
    if due_day is not None and task.is_active:
        if due_day < today:
            style = "bold red"
        elif due_day == today:
            style = "bold yellow"
    return short_date(task.due, today), style


def report_part(task: Task, today: date) -> Part:
    if task.report_by is None or task.reported:
        return "", ""
    style = ""
    if task.report_by <= today:
        style = "bold red" if task.report_by < today else "bold yellow"
    return t("board.report_short", date=short_date(task.report_by, today)), style


def due_cell(task: Task, today: date) -> Text:
    return Text(*due_part(task, today))


def report_cell(task: Task, today: date) -> Text:
    return Text(*report_part(task, today))


def people_cell(task: Task, privacy: bool = False) -> str:
    """The task's key people and who gave it (``<``); the mask when privacy mode hides the
    task (a confidential task's people are as telling as its title)."""
    names = [f"@{name}" for name in task.people]
    if task.source and task.source not in task.people:
        names.insert(0, f"<{task.source}")
    if not names:
        return ""
    return words(shown(task, " ".join(names), privacy))


def back_part(task: Task, today: date) -> Part:
    """The day a task in Later comes back (its scheduled date); red when it must be
    reported on before then."""
    style = "bold red" if reports_before_back(task) else ""
    return short_date(task.scheduled, today), style


STATE_STYLES: dict[str, str] = {
    "due_soon": "bold yellow",
    "overdue": "bold red",
    "extension_requested": "bold magenta",
    "reported": "bold green",
    "closed": "dim green",
    "in_progress": "",
}
"""The style of an instruction's flag, by its 督办 state (yellow then red as the date nears)."""


def row_note(item: RankedTask) -> Part | None:
    """A flag in words that starts a row's title, or ``None`` (see the module's docstring)."""
    flag = state_flag(item.instruction)
    lane_flag = _lane_flag(item)
    # "Due soon" says less than what the lane asks for then ("feedback due", "report
    # first"): that stays; overdue, an extension asked, reported and closed say more.
    says_less = item.instruction == "due_soon" and lane_flag is not None
    if flag is not None and (item.lane != "done" or item.instruction == "closed") and not says_less:
        return flag, STATE_STYLES[item.instruction or "in_progress"]
    return lane_flag


def _lane_flag(item: RankedTask) -> Part | None:
    """What the row's lane says of it: waiting or feedback due (Awaiting), to report back
    before it comes back (Later), dropped (Done); or ``None``."""
    task = item.task
    if item.lane == "awaiting":
        kind = awaiting_kind(task)
        if kind == "waiting":
            return t("board.flag_waiting"), "bold cyan"
        if kind == "feedback":
            return t("board.flag_feedback"), "bold yellow"
    elif item.lane == "later" and reports_before_back(task):
        return t("board.flag_report_first"), "bold red"
    elif item.lane == "done" and task.status == "dropped":
        return t("board.flag_dropped"), "dim"
    return None


class Edge(Message):
    """The cursor tried to leave a lane or the main panel (``step`` -1 above, +1 below)."""

    def __init__(self, lane: MainPanel | LaneTable, step: int) -> None:
        super().__init__()
        self.lane = lane
        self.step = step


class MainPanel(TranslatedBindings, Static, can_focus=True):
    """The day's main contradiction, large and unmistakable; focusable so keys act on it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor_down", "key.down", show=False, id="board.down"),
        Binding("k,up", "cursor_up", "key.up", show=False, id="board.up"),
    ]

    class Focused(Message):
        def __init__(self, panel: MainPanel) -> None:
            super().__init__()
            self.panel = panel

    def __init__(self) -> None:
        super().__init__(id="main-panel")
        self.item: RankedTask | None = None
        self._shown: tuple[Task | None, date, bool, bool, str | None] | None = None

    def show(
        self, item: RankedTask | None, today: date, privacy: bool, *, filtered: bool = False
    ) -> None:
        """Show ``item``; with none, say why: none chosen, or (``filtered``) the filter
        hides the one chosen."""
        self.item = item
        state = (
            item.task if item else None,
            today,
            privacy,
            filtered,
            item.instruction if item else None,
        )
        if state == self._shown:
            return  # unchanged: not redrawn after every key
        self._shown = state
        self.border_title = t("lane.main")
        if item is None:
            empty = t("board.main_filtered") if filtered else t("board.no_main")
            self.update(Text(empty, style="italic"))
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
            details.append(Text(people_cell(task, privacy), style="cyan"))
        if task.due is not None:
            details.append(Text.assemble(t("field.due") + " ", due_cell(task, today)))
        report = report_cell(task, today)
        if report.plain:
            details.append(report)
        flag = state_flag(item.instruction)
        if flag is not None:
            details.append(Text(flag, style=STATE_STYLES[item.instruction or "in_progress"]))
        if task.central:
            details.append(Text(t("field.central"), style="magenta"))
        if details:
            lines.append("\n")
            lines.append(Text("   ").join(details))
        self.update(lines)

    @property
    def selected_task(self) -> Task | None:
        return self.item.task if self.item else None

    def action_cursor_down(self) -> None:
        self.post_message(Edge(self, +1))

    def action_cursor_up(self) -> None:
        self.post_message(Edge(self, -1))

    def on_focus(self) -> None:
        self.post_message(self.Focused(self))


COLUMNS: tuple[tuple[str, int], ...] = (
    ("id", 6),
    ("title", TITLE_WIDTH),
    ("flags", 5),
    ("back", 11),
    ("due", 12),
    ("report", 12),
    ("people", 18),
    ("score", 5),
)
"""Every column, in order, with its width; ``back`` is the Later lane's only."""

DROP_ORDER: tuple[str, ...] = ("people", "report", "back", "due", "flags", "id")
"""The columns that give way as the board narrows, first to last (never score or title)."""

MIN_TITLE = 24
"""The title's cells below which the next column in ``DROP_ORDER`` gives way."""

Columns = tuple[tuple[str, int], ...]
"""The columns a lane shows, each with its width."""

GAP = "  "


_ONE_LINE = {code: " " for code in (*range(32), 127)}
"""Control characters (a newline or tab in an imported title) drawn as spaces: a row is one
line, always."""


def fit(text: str, width: int, *, right: bool = False) -> str:
    """``text`` cut (marked with ``~``) or padded to exactly ``width`` terminal cells."""
    cut = truncate(text.translate(_ONE_LINE), width)
    space = " " * (width - cell_width(cut))
    return space + cut if right else cut + space


def fitted_pieces(parts: list[Part], widths: list[int]) -> list[Part]:
    """The cells of a row, each fitted to its width in terminal cells (CJK-aware), with the
    gaps between them; the last cell is aligned right."""
    pieces: list[Part] = []
    last = len(parts) - 1
    for index, ((text, style), width) in enumerate(zip(parts, widths, strict=True)):
        if index:
            pieces.append((GAP, ""))
        pieces.append((fit(text, width, right=index == last), style))
    return pieces


def aligned(parts: list[Part], widths: list[int]) -> Content:
    """One line of styled cells, fitted to their widths, as Textual ``Content``."""
    return Content.assemble(*fitted_pieces(parts, widths))


class Row(Visual):
    """A lane row: styled cells already fitted to their widths, drawn straight to one strip.

    The same row as ``Content`` went through wrapping and span bookkeeping each time it was
    drawn, most of the cost of a lane's first frame. The strip is segment for segment the
    one ``Content`` gives (the same styles, offsets included), so the screen is unchanged.
    """

    __slots__ = ("cell_length", "plain", "runs")

    def __init__(self, pieces: list[Part]) -> None:
        runs: list[Part] = []
        for text, style in pieces:
            if not style and runs and not runs[-1][1]:
                runs[-1] = (runs[-1][0] + text, "")
            else:
                runs.append((text, style))
        self.runs = runs
        self.plain = "".join(text for text, _ in runs)
        self.cell_length = cell_len(self.plain)

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        return [self.strip(width, style)]

    def strip(self, width: int, style: Style) -> Strip:
        """The row drawn on ``style``, cut to ``width`` cells if it is wider."""
        segments: list[Segment] = []
        x = 0
        for text, span in self.runs:
            segments.append(Segment(text, _run_style(style, span, x)))
            x += len(text)
        strip = Strip(segments, self.cell_length)
        return strip.crop(0, width) if self.cell_length > width else strip

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.cell_length

    def get_height(self, rules: RulesMap, width: int) -> int:
        return 1


_RUN_STYLES: dict[tuple[Style, str, int], RichStyle] = {}


def _run_style(base: Style, span: str, x: int) -> RichStyle:
    """The Rich style ``Content`` gives a run of a line drawn on ``base``: the same for every
    row whose cells start at the same column, so it is worked out once."""
    key = (base, span, x)
    style = _RUN_STYLES.get(key)
    if style is None:
        if len(_RUN_STYLES) > 4096:
            _RUN_STYLES.clear()
        combined = Style.combine([base, Style.parse(span)] if span else [base])
        style = _RUN_STYLES[key] = (base + combined).rich_style_with_offset(x, 0)
    return style


def lane_columns(total: int, lane: Lane = "today") -> Columns:
    """The columns of ``lane`` in a lane ``total`` cells wide: columns give way in
    ``DROP_ORDER`` until the title has ``MIN_TITLE`` cells, and it takes what is left."""
    width = dict(COLUMNS)
    names = [name for name, _ in COLUMNS if name != "back" or lane == "later"]

    def room() -> int:
        fixed = sum(width[name] for name in names if name != "title")
        return total - fixed - len(GAP) * (len(names) - 1) - 2

    for name in DROP_ORDER:
        if room() >= MIN_TITLE:
            break
        if name in names:
            names.remove(name)
    title = max(room(), 4)
    return tuple((name, title if name == "title" else width[name]) for name in names)


def header_line(columns: Columns) -> Content:
    return aligned([(t(f"column.{name}"), "dim") for name, _ in columns], [w for _, w in columns])


def lane_heading(title: str, columns: Columns | None) -> Content:
    """A lane's title and, when it has rows (``columns``), its column headers below."""
    heading = Content.styled(title, "bold $accent")
    if columns is None:
        return heading
    return Content.assemble(heading, "\n", header_line(columns))


def task_line(item: RankedTask, today: date, privacy: bool, columns: Columns) -> Row:
    task = item.task
    title_style = ""
    if task.status in ("done", "dropped"):
        title_style = "strike dim"
    elif task.status == "waiting":
        title_style = "italic"
    title = masked_title(task, privacy)
    note = row_note(item)
    if note is not None:
        title = f"{note[0]} {title}"
    cells: dict[str, Part] = {
        "id": (short(task.id), "dim"),
        "title": (title, title_style),
        "flags": (flags(task), "bold magenta"),
        "back": back_part(task, today),
        "due": due_part(task, today),
        "report": report_part(task, today),
        "people": (people_cell(task, privacy), "cyan"),
        "score": (f"{item.score:5.1f}", ""),
    }
    pieces = fitted_pieces([cells[name] for name, _ in columns], [w for _, w in columns])
    if note is not None:
        # The flag keeps its own style; the title after it keeps the row's.
        index = 2 * [name for name, _ in columns].index("title")
        text, style = pieces[index]
        head = note[0] + " "
        if text.startswith(head):
            pieces[index : index + 1] = [(note[0], note[1]), (text[len(note[0]) :], style)]
        else:
            pieces[index] = (text, note[1])
    return Row(pieces)


STRIPS_KEPT = 512
"""Row strips a lane keeps (each row in up to four looks: plain, cursor, mouse, each with
the lane focused or not) before it starts afresh: far more than a screen shows."""

RowKey = tuple[str, datetime, float, InstructionState | None, tuple[bool, date, Columns]]
"""What a row shows depends on: its task's id and version, its score, an instruction's state,
privacy, the day and the column widths."""


class _Row:
    """A lane's row, its line built when first drawn (or read): a lane of a hundred tasks
    shows at most 24, and start-up need not lay out the rest."""

    __slots__ = ("_build", "_line")

    def __init__(self, build: Callable[[], Row]) -> None:
        self._build: Callable[[], Row] | None = build
        self._line: Row | None = None

    @property
    def line(self) -> Row:
        if self._line is None:
            assert self._build is not None
            self._line = self._build()
            self._build = None
        return self._line


class LaneTable(TranslatedBindings, SteadyScrollView, can_focus=True):
    """One lane of ranked tasks: a row per task, each a pre-aligned line of columns, one
    highlighted as the cursor.

    A line-API ``ScrollView`` of its own rather than a ``DataTable`` or an ``OptionList``,
    which it looks and behaves like (the same keys, mouse, styles and component classes):
    refilling four lanes after a key took 25 ms as an ``OptionList`` against 86 ms for
    tables of the same rows, and an ``OptionList`` measures each option's height by wrapping
    its content and looks up its styles, regions and caches again for every line drawn,
    which a lane, whose every row is one line fitted to its width, never needs.
    """

    ALLOW_SELECT = False
    DEFAULT_CSS = """
    LaneTable {
        height: auto;
        max-height: 100%;
        color: $foreground;
        overflow-x: hidden;
        border: tall $border-blurred;
        padding: 0 1;
        background: $surface;
        & > .option-list--option-highlighted {
            color: $block-cursor-blurred-foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            border: tall $border;
            background-tint: $foreground 5%;
            & > .option-list--option-highlighted {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
        & > .option-list--option-highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
        }
        & > .option-list--option-hover {
            background: $block-hover-background;
        }
    }
    """
    """``OptionList``'s look, as the lanes had it when they were one."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "option-list--option",
        "option-list--option-highlighted",
        "option-list--option-hover",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        # OptionList's keys, described as Textual describes them ...
        Binding("down", "cursor_down", "Down", show=False, id="board.down"),
        Binding("end", "last", "Last", show=False, id="board.lane_last"),
        Binding("enter", "select", "Select", show=False, id="board.open"),
        Binding("home", "first", "First", show=False, id="board.lane_first"),
        Binding("pagedown", "page_down", "Page Down", show=False, id="board.page_down"),
        Binding("pageup", "page_up", "Page Up", show=False, id="board.page_up"),
        Binding("up", "cursor_up", "Up", show=False, id="board.up"),
        # ... and ours
        Binding("j", "cursor_down", "key.down", show=False, id="board.down"),
        Binding("k", "cursor_up", "key.up", show=False, id="board.up"),
    ]

    highlighted: reactive[int | None] = reactive(None)
    """The row of the cursor, or ``None`` (an empty lane, or just refilled)."""

    hovered: reactive[int | None] = reactive(None)
    """The row under the mouse, or ``None``."""

    class OptionSelected(Message):
        """Enter pressed, or a row clicked: the row ``index`` was chosen."""

        def __init__(self, lane: LaneTable, index: int) -> None:
            super().__init__()
            self.lane = lane
            self.index = index

        @property
        def control(self) -> LaneTable:
            return self.lane

    def __init__(self, lane: Lane, max_rows: int = 12) -> None:
        super().__init__(id=f"lane-{lane}")
        self.lane = lane
        self.max_rows = max_rows
        """Rows shown before the lane scrolls. The height is set, never ``auto``: an auto
        height makes the list measure every option on each layout."""
        self.items: list[RankedTask] = []
        self._keys: list[RowKey] = []
        self._rows: list[_Row] = []
        self._mapped = False
        """The rows were counted since they or the lane's size last changed (until then
        the lane neither scrolls to its cursor nor pages)."""
        self._row_cache: dict[RowKey, Row] = {}
        self._strips: dict[tuple[RowKey, Style], Strip] = {}
        self._strip_width = 0
        self._line_styles = (Style(), Style(), Style())

    def widths(self) -> Columns:
        """The lane's columns and their widths as laid out, less room for its scrollbar, so that no
        row ever wraps.

        Before the first layout the lane's width is worked out from the app's: what the
        lanes' container leaves inside its padding and the scrollbar it always makes room
        for (``scrollbar-gutter: stable``). A wrong guess would have every lane built again
        once laid out, a tenth of start-up on a wide terminal.
        """
        width = self.size.width
        if not width:
            width = self.app.size.width - 2
            container = self.parent
            if isinstance(container, Widget):
                width -= container.styles.gutter.width + container.styles.scrollbar_size_vertical
        return lane_columns(width - self.styles.scrollbar_size_vertical, self.lane)

    def show(self, items: list[RankedTask], today: date, privacy: bool) -> None:
        """Replace the rows, keeping the cursor on the same task when it is still here."""
        selected = self.selected_task
        index = self.cursor_row
        widths = self.widths()
        shape = (privacy, today, widths)
        self.items = items
        keys = [
            (item.task.id, item.task.updated, round(item.score, 1), item.instruction, shape)
            for item in items
        ]
        if keys != self._keys:
            self._keys = keys
            self._rows = [
                _Row(partial(self._line, key, item, today, privacy, widths))
                for key, item in zip(keys, items, strict=True)
            ]
            self._mapped = False
            self.highlighted = None
            self.scroll_y = 0
            if self._rows and self.is_mounted:
                self.refresh(layout=self.styles.auto_dimensions)
                self._map_rows()
        self.display = bool(items)
        self.styles.height = min(len(items), self.max_rows)
        if selected is not None and self.select_task(selected.id):
            return
        if items:
            self.move_cursor(row=min(max(index, 0), len(items) - 1))

    @property
    def lines(self) -> list[Row]:
        """Every row's line (each built now if it has not been drawn yet)."""
        return [row.line for row in self._rows]

    def _line(
        self, key: RowKey, item: RankedTask, today: date, privacy: bool, widths: Columns
    ) -> Row:
        """The row of ``item``, reused while nothing it shows has changed.

        Reuse keeps a lane whose rows did not change from being rebuilt at all, which is
        most of them after any one key.
        """
        line = self._row_cache.get(key)
        if line is None:
            if len(self._row_cache) > 4 * len(self.items) + 64:
                self._row_cache.clear()
            line = self._row_cache[key] = task_line(item, today, privacy, widths)
        return line

    def _map_rows(self) -> None:
        """Make the scrollable content one line per row, as wide as the lane: every row is
        fitted to the lane's width and never wraps, so nothing needs measuring."""
        region = self.scrollable_content_region
        if not region:
            return
        self._mapped = True
        self.show_lines(Size(region.width, len(self._rows)))

    def render_lines(self, crop: Region) -> list[Strip]:
        """Work out once per drawing what every line needs (``render_line`` runs per line)."""
        self._map_rows()
        width = self.scrollable_content_region.width
        if width != self._strip_width:
            self._strip_width = width
            self._strips.clear()
        self._line_styles = (
            self.get_visual_style("option-list--option"),
            self.get_visual_style("option-list--option", "option-list--option-highlighted"),
            self.get_visual_style("option-list--option", "option-list--option-hover"),
        )
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        """Line ``y``: its row on the style of the cursor, the mouse or neither.

        Each row's strip is kept by what it shows and the style it is drawn on, not by its
        place: after a key moved a task out of a lane, the rows below it move up a line and
        are drawn from the same strips, and a lane the cursor leaves and comes back to
        finds its strips for either look (start-up draws the board four times over). The
        row under a click is found from the click's place (``on_click``), so a strip holds
        nothing of its row's number.
        """
        index = self.scroll_offset.y + y
        plain, highlighted, hover = self._line_styles
        if not 0 <= index < len(self._rows):
            return Strip.blank(self._strip_width, plain.rich_style)
        if index == self.highlighted:
            style = highlighted
        elif index == self.hovered:
            style = hover
        else:
            style = plain
        key = (self._keys[index], style)
        strip = self._strips.get(key)
        if strip is None:
            if len(self._strips) > STRIPS_KEPT:
                self._strips.clear()
            width = self._strip_width
            strip = self._rows[index].line.strip(width, style)
            strip = self._strips[key] = strip.extend_cell_length(width, style.rich_style)
        return strip

    def _row_at(self, event: events.MouseEvent) -> int | None:
        """The row under the mouse, or ``None`` (the lane's border or below its rows)."""
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        row = self.scroll_offset.y + offset.y
        return row if 0 <= row < len(self._rows) else None

    def notify_style_update(self) -> None:
        self.refresh()
        super().notify_style_update()

    def validate_highlighted(self, highlighted: int | None) -> int | None:
        if highlighted is None or not self._rows:
            return None
        return min(max(highlighted, 0), len(self._rows) - 1)

    def watch_highlighted(self, highlighted: int | None) -> None:
        if highlighted is not None:
            self.scroll_to_highlight()

    def scroll_to_highlight(self, top: bool = False) -> None:
        """Scroll the cursor's row into view (to the top with ``top``).

        Nothing to do with the cursor on the first row of an unscrolled lane, which every
        lane is as it is first shown, those below the fold too."""
        highlighted = self.highlighted
        if highlighted == 0 and not self.scroll_offset.y:
            return
        if highlighted is None or not self.is_mounted:
            return
        self._map_rows()
        if not self._mapped:
            return
        self.scroll_to_region(
            Region(0, highlighted, self.scrollable_content_region.width, 1),
            force=True,
            animate=False,
            top=top,
            immediate=True,
        )

    def on_mount(self) -> None:
        self._map_rows()

    def on_show(self) -> None:
        self.scroll_to_highlight()

    def on_resize(self) -> None:
        if self._keys and self._keys[0][4][2] != self.widths():
            self.post_message(self.Resized(self))
        self._mapped = False
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        row = self._row_at(event)
        if row is not None:
            self.highlighted = row
            self.action_select()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self.hovered = self._row_at(event)

    def on_leave(self) -> None:
        self.hovered = None

    class Resized(Message):
        """The lane's width changed: its rows need laying out again."""

        def __init__(self, lane: LaneTable) -> None:
            super().__init__()
            self.lane = lane

    @property
    def cursor_row(self) -> int:
        return self.highlighted if self.highlighted is not None else 0

    @property
    def row_count(self) -> int:
        return len(self.items)

    def move_cursor(self, *, row: int) -> None:
        if self.items:
            self.highlighted = min(max(row, 0), len(self.items) - 1)

    @property
    def selected_task(self) -> Task | None:
        if not self.items or self.highlighted is None:
            return None
        if not 0 <= self.highlighted < len(self.items):
            return None
        return self.items[self.highlighted].task

    def select_task(self, task_id: str) -> bool:
        for row, item in enumerate(self.items):
            if item.task.id == task_id:
                self.highlighted = row
                return True
        return False

    def action_cursor_down(self) -> None:
        if self.cursor_row >= len(self.items) - 1:
            self.post_message(Edge(self, +1))
        else:
            self.highlighted = 0 if self.highlighted is None else self.highlighted + 1

    def action_cursor_up(self) -> None:
        if self.cursor_row <= 0 or self.highlighted is None:
            self.post_message(Edge(self, -1))
        else:
            self.highlighted -= 1

    def action_first(self) -> None:
        self.highlighted = 0 if self._rows else None

    def action_last(self) -> None:
        self.highlighted = len(self._rows) - 1 if self._rows else None

    def action_page_down(self) -> None:
        if self.highlighted is None:
            self.action_last()
        else:
            self._page(+1)

    def action_page_up(self) -> None:
        if self.highlighted is None:
            self.action_first()
        else:
            self._page(-1)

    def _page(self, step: int) -> None:
        """Move the cursor a lane's height down (+1) or up (-1), stopping at either end."""
        self._map_rows()
        if not self._rows or not self._mapped:
            return
        row = (self.highlighted or 0) + step * self.scrollable_content_region.height
        self.highlighted = min(max(row, 0), len(self._rows) - 1)

    def action_select(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.OptionSelected(self, self.highlighted))
