"""Hidden sections are brought up to date with the view and theme when shown again."""

from __future__ import annotations

from aiindex_tui.ui.app import make_app
from aiindex_tui.ui.detail_pane import DetailPane


async def test_a_hidden_section_catches_up_with_view_and_theme_when_shown_again():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        closing = app.query_one(DetailPane).current
        await pilot.press("3", "t")
        app.theme = "textual-light"
        await pilot.pause()
        # Left alone while hidden ...
        assert closing.styles_stale and all(panel.view == "chart" for panel in closing.panels)
        await pilot.press("2")
        await pilot.pause()
        # ... and brought up to date when shown.
        assert not closing.styles_stale and all(panel.view == "table" for panel in closing.panels)
        title = closing.panels[0].query_one(".figure-title")
        fresh = make_app(theme="textual-light")
        async with fresh.run_test(size=(80, 24)) as fresh_pilot:
            await fresh_pilot.press("2", "t")
            await fresh_pilot.pause()
            fresh_title = fresh.panels[0].query_one(".figure-title")
            assert closing.panels[0].styles.border_top == fresh.panels[0].styles.border_top
            assert title.rich_style == fresh_title.rich_style
