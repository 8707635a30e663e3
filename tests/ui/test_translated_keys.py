"""Binding descriptions are catalog keys, translated wherever a key is shown: our key bar
and help screen, and Textual's own footer and keys panel (``Screen.active_bindings``)."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from rich.table import Table
from textual.app import App
from textual.widgets import Footer, Static
from ui_support import AppFactory

from planner.i18n.translate import t
from widgets.compat import own_bindings
from widgets.dialogs.help import HelpScreen
from widgets.keys.translate import TranslatedBindings, help_rows

SIZE = (140, 45)


def untranslated(texts: list[str]) -> list[str]:
    return [text for text in texts if text.startswith("key.")]


@pytest.mark.parametrize("language", ["en", "zh"])
async def test_the_board_s_active_bindings_are_translated(
    make_app: AppFactory, language: str
) -> None:
    app = make_app(language)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for focus in ("#main-panel", "#lane-today"):  # the focused widget's keys too
            app.screen.query_one(focus).focus()
            await pilot.pause()
            active = app.screen.active_bindings
            descriptions = [item.binding.description for item in active.values()]
            assert descriptions and not untranslated(descriptions)
            assert active["a"].binding.description == t("key.quick_add")
            assert active["1"].binding.description == t("key.board")
        assert app.screen.active_bindings["j"].binding.description == t("key.down")
        # Textual's binding maps themselves keep the catalog keys
        assert isinstance(app.screen, TranslatedBindings)
        assert own_bindings(app.screen)["a"][0].description == "key.quick_add"


async def test_textual_s_footer_shows_them_translated(make_app: AppFactory) -> None:
    app = make_app("zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.screen.mount(Footer())
        app.screen.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        keys = [str(getattr(key, "description", "")) for key in app.screen.query("FooterKey")]
        assert keys and not untranslated(keys)
        assert t("key.quick_add") in keys and t("key.help") in keys


async def test_textual_s_keys_panel_shows_them_translated(make_app: AppFactory) -> None:
    """The keys panel Textual's ``show_help_panel`` opens (the app's own F1 and ``?`` show
    its help screen instead)."""
    app = make_app("zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        App.action_show_help_panel(app)
        await pilot.pause()
        table = app.screen.query_one("BindingsTable").render()
        assert isinstance(table, Table)
        console = Console(file=io.StringIO(), width=120, record=True)
        console.print(table)
        text = console.export_text()
        assert t("key.quick_add") in text and t("key.board") in text
        assert "key." not in text


@pytest.mark.parametrize("language", ["en", "zh"])
async def test_the_key_bar_and_the_help_screen_show_them_translated(
    make_app: AppFactory, language: str
) -> None:
    app = make_app(language)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        bar = str(app.screen.query_one("#keys", Static).render())
        assert t("key.quick_add") in bar and "key." not in bar
        rows = [(row.keys, row.description) for row in help_rows(app.screen)]
        assert ("a", t("key.quick_add")) in rows and ("1", t("key.board")) in rows
        assert not untranslated([description for _, description in rows])
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


@pytest.mark.parametrize("screen_key", ["2", "3", "5"])
async def test_help_lists_no_sideways_arrows_where_nothing_moves_sideways(
    make_app: AppFactory, screen_key: str
) -> None:
    """The journal's day list, the setbacks list and the People view fit their width: the
    left and right arrows Textual's lists bind do nothing there, so the help leaves them out."""
    app = make_app("zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(screen_key)
        await pilot.pause(0.3)
        keys = {row.keys for row in help_rows(app.screen)}
        assert "j, ↓" in keys or "↓" in " ".join(keys)
        assert not keys & {"←", "→"}


async def test_the_help_over_a_dialog_is_titled_for_the_dialog(make_app: AppFactory) -> None:
    """F1 in quick add listed quick add's keys under the title "Keys: Board"."""
    from textual.widgets import Label

    app = make_app("zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert "工作台" in str(app.screen.query_one("#dialog-title", Label).render())
        await pilot.press("escape", "a")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        title = str(app.screen.query_one("#dialog-title", Label).render())
        assert "当前对话框" in title and "工作台" not in title
