"""The user's keys and looks: the help lists every key that acts on its screen, in the
user's language, and fits; the config's ``[keys]`` remaps bindings by id (and the help and
the key bar say so); the theme chosen in the palette is kept in the config file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.widgets import DataTable
from ui_support import Clock, build_store, sample_tasks, until

from planner.domain.config import Config
from planner.i18n import translate as i18n
from planner.services.planner import Planner
from planner.shell.app import PlannerApp
from planner.shell.config_file import load_config
from widgets.dialogs.help import HelpScreen
from widgets.dialogs.quick_add import QuickAddScreen
from widgets.keys.ids import BINDING_IDS
from widgets.keys.translate import HelpRow, help_rows
from widgets.parts.keybar import KeyBar

CJK = re.compile(r"[\u4e00-\u9fff]")


def new_app(tmp_path: Path, language: str = "en", **settings: object) -> PlannerApp:
    i18n.set_language(language)
    clock = Clock()
    tasks, main = sample_tasks(language)
    store = build_store(tmp_path, clock, tasks, main)
    config = Config(language=language, data_dir=tmp_path / "data", **settings)  # type: ignore[arg-type]
    return PlannerApp(Planner(store, config, clock), poll_seconds=60)


def rows_by_description(rows: list[HelpRow]) -> dict[str, str]:
    return {row.description: row.keys for row in rows}


@pytest.mark.parametrize("language", ["en", "zh"])
async def test_help_lists_every_key_of_the_board_and_nothing_else(
    tmp_path: Path, language: str
) -> None:
    app = new_app(tmp_path, language)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        rows = help_rows(app.screen)
        keys = rows_by_description(rows)
        assert keys[i18n.t("key.down")] == "j, ↓"
        assert keys[i18n.t("key.up")] == "k, ↑"
        assert keys[i18n.t("key.select")] == "⏎"
        assert keys[i18n.t("key.quick_add")] == "a"
        assert keys[i18n.t("key.help")] == "f1, ?"
        descriptions = [row.description for row in rows]
        assert i18n.t("key.copy") not in descriptions
        assert i18n.t("key.focus_next") not in descriptions
        assert "Copy selected text" not in descriptions
        if language == "zh":
            assert all(CJK.search(text) for text in descriptions), descriptions
        all_keys = ", ".join(row.keys for row in rows).split(", ")
        assert len(all_keys) == len(set(all_keys)), "a key listed twice"


@pytest.mark.parametrize("mode", ["journal", "setbacks", "review", "people"])
async def test_help_on_other_screens_is_translated_and_has_no_field_keys_without_fields(
    tmp_path: Path, mode: str
) -> None:
    app = new_app(tmp_path, "zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.run_action(mode)
        await pilot.pause()
        rows = help_rows(app.screen)
        assert rows
        assert all(CJK.search(row.description) for row in rows), rows
        has_fields = bool(app.screen.query("Input")) or bool(app.screen.query("TextArea"))
        if not has_fields:
            assert i18n.t("key.focus_next") not in [row.description for row in rows]
            assert i18n.t("key.copy") not in [row.description for row in rows]


@pytest.mark.parametrize("language", ["en", "zh"])
async def test_help_box_fits_its_table_at_80x24(tmp_path: Path, language: str) -> None:
    app = new_app(tmp_path, language)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        dialog = app.screen.query_one("#dialog")
        assert dialog.region.right <= 80 and dialog.region.x >= 0
        assert table.virtual_size.width <= table.scrollable_content_region.width
        assert table.scroll_x == 0 and not table.show_horizontal_scrollbar


async def test_keys_table_remaps_a_binding_everywhere_it_is_shown(tmp_path: Path) -> None:
    app = new_app(tmp_path, "en", keys={"board.quick_add": "n", "board.down": "ctrl+j"})
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        bar = str(app.screen.query_one(KeyBar).render())
        assert " n  Quick add" in bar
        assert " a  Quick add" not in bar
        keys = rows_by_description(help_rows(app.screen))
        assert keys["Quick add"] == "n"
        assert keys["Down"] == "^j"
        await pilot.press("f1")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        table = app.screen.query_one(DataTable)
        shown = [tuple(str(cell) for cell in table.get_row_at(i)) for i in range(table.row_count)]
        assert ("n", "Quick add") in shown
        await pilot.press("escape")
        await pilot.press("a")
        await pilot.pause()
        assert not isinstance(app.screen, QuickAddScreen)
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, QuickAddScreen))


async def test_help_shows_the_binding_id_of_the_highlighted_key(tmp_path: Path) -> None:
    app = new_app(tmp_path, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        line = screen.query_one("#help-id")
        assert str(line.render()) == f"[keys] id: {screen.rows[0].binding_id}"
        await pilot.press("down")
        await pilot.pause()
        assert str(line.render()) == f"[keys] id: {screen.rows[1].binding_id}"


async def test_theme_chosen_is_kept_in_the_config_and_used_at_the_next_start(
    tmp_path: Path,
) -> None:
    path = tmp_path / "config.toml"
    text = '# my settings\nlanguage = "en"  # keep\n\n[coefficients]\ndue = 20\n'
    path.write_text(text, encoding="utf-8")
    config = load_config(config_path=path, data_dir=tmp_path / "data", env={})
    app = new_app(tmp_path, "en", path=config.path)
    async with app.run_test() as pilot:
        await pilot.pause()
        app.theme = "nord"  # as the palette's "change theme" does
        await pilot.pause()
    assert path.read_text(encoding="utf-8") == (
        '# my settings\nlanguage = "en"  # keep\n\ntheme = "nord"\n[coefficients]\ndue = 20\n'
    )
    config = load_config(config_path=path, data_dir=tmp_path / "data", env={})
    assert config.theme == "nord"
    again = new_app(tmp_path / "again", "en", path=config.path, theme=config.theme)
    async with again.run_test() as pilot:
        await pilot.pause()
        assert again.theme == "nord"
    assert path.read_text(encoding="utf-8").count("theme") == 1


async def test_the_palette_offers_the_themes(tmp_path: Path) -> None:
    app = new_app(tmp_path, "en")
    async with app.run_test() as pilot:
        await pilot.pause()
        commands = [command.title for command in app.get_system_commands(app.screen)]
        assert i18n.t("palette.theme") in commands


def screen_classes() -> list[type]:
    from widgets.parts.lanes import LaneTable, MainPanel
    from widgets.screens.board import BoardScreen, FilterInput
    from widgets.screens.journal import EntryEditor, JournalScreen, SearchInput
    from widgets.screens.people import PeopleScreen
    from widgets.screens.review import ReviewScreen
    from widgets.screens.setbacks import SetbacksScreen

    return [
        PlannerApp, BoardScreen, FilterInput, LaneTable, MainPanel, JournalScreen,
        EntryEditor, SearchInput, PeopleScreen, ReviewScreen, SetbacksScreen,
    ]  # fmt: skip


def test_every_binding_of_the_screens_has_a_listed_id() -> None:
    used: set[str] = set()
    for cls in screen_classes():
        for binding in cls.__dict__.get("BINDINGS", []):
            assert isinstance(binding, Binding)
            assert binding.id is not None, (cls.__name__, binding.key)
            assert binding.id in BINDING_IDS, binding.id
            used.add(binding.id)
    assert used == set(BINDING_IDS)
    assert len(BINDING_IDS) == len(set(BINDING_IDS))


def test_the_readme_lists_every_binding_id() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("| screen | binding ids |") :]
    table = table[: table.index("\n\n")]
    assert set(re.findall(r"`([a-z_]+\.[a-z_]+)`", table)) == set(BINDING_IDS)
