"""A wide (CJK) character drawn over the edge of a widget beneath it stays whole
(``widgets.compat.keep_wide_characters_whole``, Textual issue #6357)."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from widgets.compat import keep_wide_characters_whole

NOTICE = "挫折分析已保存；补救措施已列入工作台"


class Panes(App[None]):
    """Two panes side by side (their edge at column 9) and a notice over both, its
    characters starting at column 2: the fourth, 析, covers columns 8 and 9."""

    CSS = """
    Screen { layers: base above; }
    Horizontal { height: 3; }
    #left { width: 9; height: 3; }
    #right { width: 1fr; height: 3; }
    #notice { layer: above; offset: 2 1; width: auto; height: 1; }
    """

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Static("|" * 9, id="left")
            yield Static("-" * 40, id="right")
        yield Static(NOTICE, id="notice")


def screen_text(app: App[None]) -> str:
    return "\n".join(line.text for line in app.screen._compositor.render_strips())


@pytest.mark.asyncio
async def test_textual_blanks_the_character_without_the_fix(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Textual as it stands loses the character: this is what the fix is for (when this
    fails, Textual has fixed it and the fix can go)."""
    from textual._compositor import Compositor

    keep_wide_characters_whole()
    original = Compositor._render_chops._planner_original  # type: ignore[attr-defined]
    monkeypatch.setattr(Compositor, "_render_chops", original)
    async with Panes().run_test(size=(40, 5)) as pilot:
        await pilot.pause()
        assert NOTICE not in screen_text(pilot.app)
        assert "挫折分  已保存" in screen_text(pilot.app)


@pytest.mark.asyncio
async def test_the_character_over_the_edge_stays_whole() -> None:
    keep_wide_characters_whole()
    async with Panes().run_test(size=(40, 5)) as pilot:
        await pilot.pause()
        text = screen_text(pilot.app)
        assert NOTICE[:17] in text
        # What the notice does not cover is still drawn, on both sides of the edge.
        first, second = text.splitlines()[:2]
        assert first.startswith("|" * 9 + "-" * 31)
        assert second.startswith("  " + NOTICE[:17])
