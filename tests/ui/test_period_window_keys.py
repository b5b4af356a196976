"""The period window by keys: { and } narrow a chart to the marked periods, the legend gives the
change across them, the table and exports follow, and w shows every period again."""

from __future__ import annotations

import csv
import io

from aiindex_tui.ui.app import make_app
from aiindex_tui.ui.export_dialog import ExportDialog
from aiindex_tui.ui.figure_chart import FigureChart
from aiindex_tui.ui.figure_table import FigureTable
from tests.support.screens import screen_text
from tests.support.waiting import until

FIGURE = "notable-models-every-country"  # periods 2015 to 2025


def panel_of(app):
    return next(p for p in app.explorer.panels if p.figure.figure_id == FIGURE)


async def test_braces_narrow_the_chart_to_the_marked_periods_and_w_shows_them_all():
    app = make_app(figure_id=FIGURE)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = panel_of(app)
        await until(pilot, lambda: app.focused is panel and panel.query(FigureChart), "the figure's chart focused")
        chart = panel.query_one(FigureChart)
        await pilot.press("right_square_bracket", "right_square_bracket", "left_curly_bracket")  # 2016 on
        await until(pilot, lambda: chart.drawn.periods[0] == "2016", "the window started at 2016")
        await pilot.press(*["right_square_bracket"] * 5, "right_curly_bracket")  # 2016 to 2021
        await until(pilot, lambda: chart.drawn.periods == ("2016", "2017", "2018", "2019", "2020", "2021"), "ended at 2021")
        await until(pilot, lambda: "US 36 → 54 (+18, +50%)" in screen_text(app), "the change under the legend")
        assert "(2016 to 2021)" in screen_text(app)  # the title says which periods it holds
        await pilot.press("t")
        await until(pilot, lambda: panel.query(FigureTable)
                    and {o.period for o in panel.query_one(FigureTable).rows_shown} == set(chart.drawn.periods),
                    "the table listing the window's periods only")
        await pilot.press("c", "w")
        await until(pilot, lambda: len(chart.drawn.periods) == 11, "every period charted again")
        assert "(2016 to 2021)" not in screen_text(app)


async def test_an_export_of_a_narrowed_figure_is_named_for_and_holds_its_window():
    app = make_app(figure_id=FIGURE)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = panel_of(app)
        await until(pilot, lambda: app.focused is panel, "the figure focused")
        await pilot.press("left_square_bracket", "left_square_bracket", "left_curly_bracket")  # 2024 to 2025
        await until(pilot, lambda: panel.window is not None, "a window set")
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, ExportDialog), "the export dialog")
        job = app.screen.job
        assert job.stem.endswith("-2024-2025")
        assert {row["period"] for row in csv.DictReader(io.StringIO(job.render("csv")))} == {"2024", "2025"}


async def test_a_brace_without_a_marked_period_says_how_to_mark_one():
    app = make_app(figure_id=FIGURE)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        panel = panel_of(app)
        await until(pilot, lambda: app.focused is panel, "the figure focused")
        await pilot.press("left_curly_bracket")
        await until(pilot, lambda: "Mark a period first" in " ".join(screen_text(app).split()), "the notice on screen")
        assert panel.window is None
