"""A zoomed figure: its sources scroll, and keys never act on a figure hidden behind it."""

from __future__ import annotations

from textual.widgets import ContentSwitcher

from aiindex_tui.ui.app import make_app
from tests.support.screens import screen_text
from tests.support.waiting import until


async def test_zoomed_sources_scroll_to_their_last_note():
    app = make_app(figure_id="performance-gap", view="sources")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("z")
        await until(pilot, lambda: app.screen.maximized is not None, "the figure zoomed")
        views = app.screen.maximized.query_one(ContentSwitcher)
        await until(pilot, lambda: views.max_scroll_y > 0, "the sources taller than the screen")
        last_note = app.pack.figure("performance-gap").notes[-1].text[:30]
        assert last_note not in screen_text(app)
        await pilot.press("G")
        await until(pilot, lambda: views.scroll_offset.y == views.max_scroll_y, "scrolled to the end")
        await pilot.press("k", "pageup")
        await until(pilot, lambda: views.scroll_offset.y < views.max_scroll_y - 1, "scrolled back up")
        await pilot.press("G")
        await until(pilot, lambda: views.scroll_offset.y == views.max_scroll_y, "at the end again")
        assert app.screen.maximized.figure.figure_id == "performance-gap"  # j, k and G scrolled, not moved on


async def test_moving_to_another_figure_while_zoomed_zooms_that_one():
    app = make_app(figure_id="performance-gap")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("z", "j")
        await until(pilot, lambda: app.screen.maximized is not None
                    and app.screen.maximized.figure.figure_id == "arena-top-scores", "the next figure zoomed")
        assert app.focused is app.screen.maximized


async def test_a_section_key_while_zoomed_leaves_the_zoom_first():
    app = make_app(figure_id="performance-gap")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("z")
        await until(pilot, lambda: app.screen.maximized is not None, "the figure zoomed")
        await pilot.press("3")
        await until(pilot, lambda: app.explorer.section_index == 2, "section 3 shown")
        assert app.screen.maximized is None
        assert "Notable AI models" in screen_text(app)  # the section's figures, not the zoomed gap
