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
        per_row = len(lines) // len(rows)  # two lines each where both verdicts do not fit beside the value
        assert per_row == (2 if size[0] < 100 else 1)
        header_line = per_row - 1  # the verdicts' header is on the line the verdicts are on
        report_at, recount_at = header[header_line].index("report"), header[header_line].index("recount")
        for n, row in enumerate(rows):
            first, last = lines[n * per_row], lines[(n + 1) * per_row - 1]
            assert all(len(line.rstrip()) <= width for line in (first, last))
            # The value whole, or the article's quoted words cut with an ellipsis; then what it is about.
            shown = first.strip().split("  ")[0]
            assert shown == row.value or (shown.endswith("…") and row.value.startswith(shown[:-1])), (shown, row.value)
            assert row.observation.entity[:5] in first or size[0] < 80  # at 60 columns, the value alone
            # Both verdicts under their headers: whole, but at 60 columns the recount's may be cut.
            recount = last[recount_at:].split("  ")[0]
            whole_or_cut = recount == row.recount or (size[0] < 80 and recount.endswith("…") and row.recount.startswith(recount[:-1]))
            assert last[report_at:].startswith(row.report) and whole_or_cut, (last, row)
        if size[0] >= 200:
            assert "figure" in header[0]  # the figure's title, as far as it fits
            assert all(row.figure.title[:8] in line for line, row in zip(lines, rows))


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
        # Drawn again for the new width: one line a value, the verdicts beside it.
        line = next(line for line in screen_text(app).splitlines() if last.value in line)
        assert last.observation.entity in line and last.recount in line
