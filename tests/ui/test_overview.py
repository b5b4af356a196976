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
        header = [app.query_one(".headline-columns").render_line(y).text for y in range(3)]
        lines = [headlines.render_line(y).text for y in range(headlines.virtual_size.height)]
        assert headlines.virtual_size.width <= width, "the list scrolls sideways"
        # One line a value where both checks fit beside it; otherwise both on a second line, or,
        # narrower still, the report's on a second and the recount's on a third.
        per_row = len(lines) // len(rows)
        assert per_row == (3 if size[0] <= 80 else 2 if size[0] < 120 else 1)
        report_line, recount_line = {1: (0, 0), 2: (1, 1), 3: (1, 2)}[per_row]
        report_at, recount_at = header[report_line].index("report"), header[recount_line].index("recount")
        for n, row in enumerate(rows):
            first = lines[n * per_row]
            report_shown, recount_shown = lines[n * per_row + report_line], lines[n * per_row + recount_line]
            assert all(len(line.rstrip()) <= width for line in lines[n * per_row:(n + 1) * per_row])
            # The value whole, or the article's quoted words cut with an ellipsis; then what it is about.
            shown = first.strip().split("  ")[0]
            assert shown == row.value or (shown.endswith("…") and row.value.startswith(shown[:-1])), (shown, row.value)
            assert row.observation.entity[:5] in first or size[0] < 80  # at 60 columns, the value alone
            # Both checks under their headers, whole: the verdict, the number found and the difference
            # (at 60 columns, the verdict whole and what follows as far as it fits).
            for shown_line, at, result in ((report_shown, report_at, row.report), (recount_shown, recount_at, row.recount)):
                check = shown_line[at:].split("  ")[0]
                cut = size[0] < 80 and check.endswith("…") and result.cell.startswith(check[:-1])
                assert check == result.cell or (cut and len(check) > len(result.verdict.short)), (shown_line, row)
            assert size[0] < 200 or row.notes in recount_shown  # "cross-check 74.13% (+0.07)", where there is room
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
        await pilot.resize_terminal(200, 24)  # wider while the list is hidden
        await pilot.press("k")
        await pilot.pause()
        # Drawn again for the new width: one line a value, the verdicts beside it.
        line = next(line for line in screen_text(app).splitlines() if last.value in line)
        assert last.observation.entity in line and last.recount.cell in line
