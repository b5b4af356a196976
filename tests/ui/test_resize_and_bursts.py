"""The terminal's own events: resizing through "too small" and back, and keys typed in a burst."""

from __future__ import annotations

from textual import events
from textual.command import CommandPalette
from textual.widgets import Input

from aiindex_tui.ui.app import make_app
from aiindex_tui.ui.too_small import TooSmallScreen
from aiindex_tui.ui.export_dialog import ExportDialog
from aiindex_tui.ui.help_screen import HelpScreen

SIZE = (80, 24)


def type_at_once(app, *keys: str) -> None:
    """Queue keys as a fast typist or a paste delivers them: no pause to let screens mount."""
    names = {"slash": "/", "enter": "\r", "escape": "\x1b", "question_mark": "?"}
    for key in keys:
        app.post_message(events.Key(key, names.get(key, key if len(key) == 1 else None)))


async def test_the_focused_figure_keeps_focus_through_too_small_and_back(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "l", "j")
        assert app.explorer.focused_figure.figure_id == "notable-models-every-country"
        await pilot.resize_terminal(40, 12)
        await pilot.wait_for_scheduled_animations()
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.press("question_mark", "j", "e", "slash", "2")  # none of these may act
        assert isinstance(app.screen, TooSmallScreen) and app.explorer.section_index == 2
        await pilot.resize_terminal(*SIZE)
        await pilot.wait_for_scheduled_animations()
        assert app.screen is app.explorer
        assert app.explorer.focused_figure.figure_id == "notable-models-every-country"
        await pilot.press("j")
        assert app.explorer.focused_figure.figure_id == "notable-models-single-country"
        await pilot.press("e")
        assert isinstance(app.screen, ExportDialog) and app.screen.job.stem == "aiindex-notable-models-single-country"


async def test_q_quits_while_the_terminal_is_too_small():
    app = make_app()
    async with app.run_test(size=(50, 12)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0 and not app.is_running


async def test_a_query_typed_before_the_palette_mounts_goes_into_it():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "l")
        type_at_once(app, "slash", "s", "o", "t", "c")  # s, t and c are view keys on the explorer
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(Input).value == "sotc"
        assert app.explorer.view == "chart"


async def test_enter_typed_before_the_export_dialog_mounts_exports(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "l")
        section_before = app.explorer.section_index
        type_at_once(app, "e", "enter")
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        assert (tmp_path / "aiindex-notable-models.csv").is_file()
        assert app.screen is app.explorer and app.explorer.section_index == section_before


async def test_help_then_escape_in_one_burst_leaves_the_explorer_as_it_was():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "l")
        type_at_once(app, "question_mark", "escape", "j")
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        assert app.explorer.focused_figure.figure_id == "arena-top-scores"


async def test_help_scrolls_with_the_same_keys_as_the_figures():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        body = app.screen.query_one("#help-body")
        assert body.max_scroll_y > 3, "the help is longer than the screen at 80x24"
        await pilot.press("j", "j")
        await pilot.pause()
        assert body.scroll_y == 2
        await pilot.press("k")
        await pilot.pause()
        assert body.scroll_y == 1
        await pilot.press("end")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y
        await pilot.press("home")
        await pilot.pause()
        assert body.scroll_y == 0 and isinstance(app.screen, HelpScreen)
