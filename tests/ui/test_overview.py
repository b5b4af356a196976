"""The overview's headline list fits any width without scrolling sideways."""

from __future__ import annotations

import pytest

from aiindex_tui.ui.app import make_app
from aiindex_tui.ui.detail_pane import HeadlineList
from tests.support.screens import screen_text


@pytest.mark.parametrize("size", [(60, 24), (80, 24), (100, 30), (200, 60)], ids=["60x24", "80x24", "100x30", "200x60"])
async def test_headlines_show_value_entity_and_checks_under_their_header(size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        headlines = app.query_one(HeadlineList)
        rows = headlines.rows_shown
        width = headlines.scrollable_content_region.width
        header = [app.query_one(".headline-columns").render_line(y).text for y in range(2)]
        lines = [headlines.render_line(y).text for y in range(headlines.virtual_size.height)]
        assert headlines.virtual_size.width <= width, "the list scrolls sideways"
        per_row = len(lines) // len(rows)  # two lines each where the terminal is narrow
        assert per_row == (2 if size[0] < 80 else 1)
        header_line = per_row - 1  # the checks' header is on the line the checks are on
        checks_at = header[header_line].index("checks")
        for n, row in enumerate(rows):
            first, last = lines[n * per_row], lines[(n + 1) * per_row - 1]
            assert all(len(line.rstrip()) <= width for line in (first, last))
            assert row.value in first and row.observation.entity[:8] in first
            # The checks start under their header, whole or cut with an ellipsis.
            assert last.index(row.checks[:8]) == checks_at, (last, row.checks)
        if size == (100, 30):
            # No room for the figure title: the entity gets the room it would have taken.
            assert "figure" not in header[0] and "Top US model ov" in lines[0]
        if size[0] >= 200:
            assert all(row.figure.title in line for line, row in zip(lines, rows))


async def test_back_to_the_overview_the_list_is_as_it_was_left_or_follows_a_new_size():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        headlines = app.query_one(HeadlineList)
        await pilot.press("tab", "G")  # the last headline, scrolled into view
        await pilot.pause()
        last = headlines.rows_shown[-1]
        assert headlines.highlighted == len(headlines.rows_shown) - 1 and last.value in screen_text(app)
        left = app.export_screenshot()
        await pilot.press("escape", "j", "k")  # another section and back
        await pilot.pause()
        await pilot.press("tab")
        await pilot.pause()
        assert app.export_screenshot() == left
        await pilot.press("escape", "j")
        await pilot.pause()
        await pilot.resize_terminal(100, 24)  # wider while the list is hidden
        await pilot.press("k")
        await pilot.pause()
        # Drawn again for the new width: the period column, cut at 80, is whole now.
        assert f"{last.value}  {last.observation.entity}" in screen_text(app)
        assert f"  {last.observation.period}" in screen_text(app).split(last.value, 1)[1].split("\n", 1)[0]
