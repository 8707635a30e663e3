"""A key the config's [keys] gives to two actions of one screen is said at start."""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding
from ui_support import Clock, build_store, sample_tasks, until

from widgets.keys.clashes import Clash, clashes

APP = [Binding("q", "quit", "", id="app.quit"), Binding("z", "privacy", "", id="app.privacy")]
BOARD = [
    Binding("a", "add", "", id="board.quick_add"),
    Binding("n", "next", "", id="board.next"),
    Binding("z", "privacy", "", id="board.privacy"),
]
LANES = [Binding("j,down", "down", "", id="board.down")]
JOURNAL = [Binding("n", "next_day", "", id="journal.next")]


def test_no_keymap_no_clash_even_where_a_screen_overrides_the_app() -> None:
    assert clashes({}, [APP, BOARD, LANES, JOURNAL]) == []


def test_a_key_given_to_a_second_action_of_a_screen_is_a_clash() -> None:
    found = clashes({"board.quick_add": "n"}, [APP, BOARD, LANES, JOURNAL])
    assert found == [Clash("board", "n", ("board.next", "board.quick_add"))]


def test_a_key_of_the_apps_counts_on_every_screen_and_other_screens_do_not() -> None:
    found = clashes({"board.down": "j,q"}, [APP, BOARD, LANES, JOURNAL])
    assert found == [Clash("board", "q", ("app.quit", "board.down"))]
    assert clashes({"journal.next": "a"}, [APP, BOARD, LANES, JOURNAL]) == []


def test_moving_a_key_away_first_is_no_clash() -> None:
    keymap = {"board.quick_add": "n", "board.next": "m"}
    assert clashes(keymap, [APP, BOARD, LANES, JOURNAL]) == []


async def test_the_app_says_a_clash_at_start(tmp_path: Path, clock: Clock) -> None:
    from planner.domain.config import Config
    from planner.i18n import translate as i18n
    from planner.services.planner import Planner
    from planner.shell.app import PlannerApp

    i18n.set_language("en")
    tasks, main = sample_tasks("en")
    store = build_store(tmp_path, clock, tasks, main)
    config = Config(language="en", data_dir=tmp_path / "data", keys={"board.quick_add": "n,x"})
    app = PlannerApp(Planner(store, config, clock))
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await until(pilot, lambda: bool(app._notifications))
        said = [str(n.message) for n in app._notifications]
        assert any("x is given to board.drop, board.quick_add on the board" in s for s in said)
        assert not any(" n is given" in s for s in said)
