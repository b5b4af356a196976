"""The explorer on the real evidence: chart first at 80x24, every table value reachable,
the rows behind a count, zoom, gap and log views, the overview's headlines."""

from __future__ import annotations

import re

import pytest
from rich.color import Color as RichColor, ColorSystem

from aiindex_tui.pack.derive import GapMode
from aiindex_tui.ui.app import make_app
from aiindex_tui.ui.detail_pane import HeadlineList
from aiindex_tui.ui.figure_chart import FigureChart
from aiindex_tui.ui.figure_cards import FigureCards
from aiindex_tui.ui.figure_table import FigureTable
from aiindex_tui.ui.line_table import COLUMN_GAP
from aiindex_tui.output.glyphs import UNICODE
from aiindex_tui.ui.help_screen import HelpScreen
from aiindex_tui.ui.records_screen import RecordsScreen
from aiindex_tui.ui.records_table import RecordsTable
from tests.support.packs import many_records
from tests.support.screens import screen_text
from tests.support.terminal import CONSOLE_UNSAFE
from tests.support.waiting import layout_of, steady, until

SMALL = (80, 24)
LARGE = (200, 60)


async def settle(pilot) -> None:
    await steady(pilot, lambda: layout_of(pilot.app), "the screen after the keys")


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "200x60"])
@pytest.mark.parametrize("number", ["2", "3", "4"])
async def test_a_sections_first_chart_and_its_axis_are_on_its_first_screen(number, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press(number)
        await settle(pilot)
        chart = app.explorer.panels[0].query_one(FigureChart)
        footer_row = app.size.height - 1
        # The whole chart, x labels included, lies above the footer without scrolling.
        assert chart.region.height == chart.size.height > 0
        assert chart.region.bottom <= footer_row
        assert app.query_one("#detail").current.scroll_offset.y == 0


async def test_the_sidebar_is_narrow_at_80_columns_and_wider_at_200():
    widths = {}
    for size in (SMALL, LARGE):
        app = make_app()
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            widths[size] = app.query_one("#sections").size.width
            # Titles wrap to at most two lines at either width.
            assert app.query_one("#sections").virtual_size.height <= 2 * len(app.pack.sections)
    assert widths[SMALL] < widths[LARGE] <= 36


async def test_zoom_shows_the_focused_figure_alone_and_back():
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("2", "enter")
        panel = app.explorer.panels[0]
        small_height = panel.query_one(FigureChart).size.height
        await pilot.press("z")
        await settle(pilot)
        assert app.screen.maximized is panel
        assert panel.query_one(FigureChart).size.height > small_height
        assert "z Zoom" in screen_text(app)
        await pilot.press("z")
        await settle(pilot)
        assert app.screen.maximized is None


async def test_zooming_in_and_out_restyles_what_it_changes_and_puts_the_screen_back():
    # Only the screen and the zoomed figure are restyled (ExplorerApp.update_styles).
    app = make_app(section_id="closing-the-gap", theme="textual-light")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("tab")
        await settle(pilot)
        before = app.export_screenshot()
        await pilot.press("z")
        await settle(pilot)
        assert app.screen.has_class("-maximized-view") and app.explorer.panels[0].has_class("-maximized")
        assert app.screen.styles.hatch is not None  # the screen's own zoomed style (hatched around)
        zoomed = app.export_screenshot()
        await pilot.press("z")
        await settle(pilot)
        assert app.screen.styles.hatch is None and not app.explorer.panels[0].has_class("-maximized")
        assert app.export_screenshot() == before
        await pilot.press("j", "z")  # the next figure zoomed draws as the first did
        await settle(pilot)
        assert app.screen.maximized is app.explorer.panels[1] and app.export_screenshot() != zoomed


async def test_overview_headlines_carry_badges_and_enter_opens_the_figure():
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("enter")
        table = app.screen.focused
        assert isinstance(table, HeadlineList)
        rows = table.rows_shown
        assert len(rows) == sum(len(f.article_observations) for f in app.pack.figures)
        assert rows[1].value == '"matched some of the top systems in the US"'
        assert rows[1].checks == "report: reproduces, recount: reproduces"
        assert rows[0].checks == "report: differs, recount: differs"  # "trading leads": China never led
        # The numbers behind the verdicts, and the article's value minus each.
        assert rows[5].value == "97,206 patents" and rows[5].checks == "report: differs 97,988 (-782), recount: not checkable, cross-check"
        assert rows[7].value == "74.2%" and rows[7].checks.endswith("cross-check 74.13% (+0.07)")
        await pilot.press("j", "j", "j", "j", "enter")
        await settle(pilot)
        assert app.explorer.focused_figure is not None
        assert app.explorer.focused_figure.figure_id == rows[4].figure.figure_id
        assert "(0)" not in screen_text(app)


async def test_every_row_of_a_long_table_is_reachable_by_keys_with_its_value_on_screen():
    app = make_app(figure_id="notable-models-every-country", view="table")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("tab")
        table = app.screen.focused
        assert isinstance(table, FigureTable)
        await pilot.press("G")
        await settle(pilot)
        assert table.cursor == table.row_count - 1
        last = table.current_observation
        assert last.period == "2025"
        # The cursor's row is inside the table's visible rows.
        assert table.scroll_offset.y <= table.cursor + 1 < table.scroll_offset.y + table.size.height
        # The value column ends inside the table's width: nothing scrolls it out of sight.
        names = table.column_names()
        value_end = sum(c.width + COLUMN_GAP for c in table.columns[: names.index("value") + 1])
        assert value_end <= table.line_width
        await pilot.press("home")
        assert table.cursor == 0
        await pilot.press("escape")
        assert app.explorer.focused_figure.figure_id == "notable-models-every-country"


async def test_sorting_marks_the_sort_column_in_the_header():
    app = make_app(figure_id="notable-models", view="table")
    async with app.run_test(size=SMALL) as pilot:
        table = app.explorer.panels[0].query_one(FigureTable)

        def headers() -> list[str]:
            return [c.label for c in table.columns]

        assert headers()[0] == "period ▲"
        await pilot.press("o")
        assert headers()[:2] == ["period", "entity ▲"]
        await pilot.press("O")
        assert headers()[1] == "entity ▼"


async def test_enter_on_a_counted_figure_opens_its_rows_and_counts_give_back_its_values():
    app = make_app(figure_id="notable-models-single-country")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RecordsScreen)
        figure = app.pack.figure("notable-models-single-country")
        records = app.pack.records_of(figure)
        assert len(screen.table.shown) == len(records.rows_for(figure.values.observation_id))
        # Counted "as" the figure counts them, the rows give the figure's own 2025 values.
        await pilot.press(*"2025-")
        await settle(pilot)
        status = str(screen.query_one("#records-status").render())
        values = {f"{o.period} {o.entity}": int(o.value) for o in figure.observations}
        assert f"2025 US {values['2025 US']}" in status and f"2025 China {values['2025 China']}" in status


async def test_typing_filters_the_rows_and_escape_clears_then_closes():
    app = make_app(figure_id="notable-models-every-country")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        total = len(screen.table.shown)
        await pilot.press(*"deepseek")
        await settle(pilot)
        shown = [screen.table.rows[i] for i in screen.table.shown]
        assert 0 < len(shown) < total
        assert all(any("deepseek" in cell.lower() for cell in row) for row in shown)
        assert re.search(rf"{len(shown)} of {total:,} rows", str(screen.query_one("#records-status").render()))
        await pilot.press("escape")
        assert len(screen.table.shown) == total
        await pilot.press("escape")
        assert not isinstance(app.screen, RecordsScreen)


async def test_rows_sort_by_any_column_and_the_cursor_reaches_the_last_row():
    app = make_app(figure_id="arena-top-scores")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        table = app.screen.query_one(RecordsTable)
        assert app.screen.focused is table
        score = table.names.index("score")
        for _ in range(score + 1):
            await pilot.press("o")
        values = [float(table.rows[i][score]) for i in table.shown]
        assert values == sorted(values)
        await pilot.press("O")
        assert float(table.rows[table.shown[0]][score]) == max(values)
        await pilot.press("end")
        await settle(pilot)
        assert table.cursor == len(table.shown) - 1
        assert table.scroll_offset.y + table.size.height - 1 >= len(table.shown)


async def test_enter_on_a_table_row_opens_the_rows_behind_that_value():
    app = make_app(figure_id="notable-models-every-country", view="table")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("tab")
        table = app.screen.focused
        assert isinstance(table, FigureTable)
        await pilot.press("G")
        observation = table.current_observation
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, RecordsScreen)
        assert len(app.screen.table.shown) == int(observation.value)
        assert f"Rows behind {observation.period} · {observation.entity}" in screen_text(app)


async def test_the_gap_key_charts_the_difference_then_the_ratio_then_both():
    app = make_app(figure_id="most-cited")  # counts: a true zero, so a ratio means something
    async with app.run_test(size=SMALL) as pilot:
        chart = next(p for p in app.explorer.panels if p.figure.figure_id == "most-cited").query_one(FigureChart)
        await pilot.press("d")
        assert chart.gap is GapMode.DIFFERENCE
        assert "US minus China" in str(chart.legend.render())
        await pilot.press("d")
        assert chart.gap is GapMode.RATIO and "US / China" in str(chart.legend.render())
        await pilot.press("d")
        assert chart.gap is GapMode.BOTH and "US minus China" not in str(chart.legend.render())


async def test_scores_without_a_true_zero_get_a_difference_but_no_ratio():
    app = make_app(figure_id="arena-top-scores")
    async with app.run_test(size=SMALL) as pilot:
        chart = app.explorer.panels[1].query_one(FigureChart)
        await pilot.press("d")
        assert chart.gap is GapMode.DIFFERENCE and "US minus China" in str(chart.legend.render())
        await pilot.press("d")
        assert chart.gap is GapMode.BOTH and "US / China" not in str(chart.legend.render())


async def test_gap_and_log_keys_show_only_where_they_apply_and_say_why_elsewhere():
    app = make_app(figure_id="performance-gap")  # already a gap, and crosses zero
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await settle(pilot)
        footer = screen_text(app).splitlines()[-1]
        assert "Zoom" in footer and "Gap" not in footer and "Log" not in footer
        await pilot.press("d")
        await until(pilot, lambda: "No gap view" in " ".join(screen_text(app).split()), "the reason there is no gap view")
        await pilot.press("L")
        await until(pilot, lambda: "No log scale" in " ".join(screen_text(app).split()), "the reason there is no log scale")
        assert app.explorer.panels[0].query_one(FigureChart).gap is GapMode.BOTH


async def test_the_gap_of_notable_models_leaves_out_the_year_of_two_rules_and_says_so():
    """The article's 2025 counts follow different counting rules: the difference view shows
    2023 and 2024 only, and a notice names the 2025 values and their rules."""
    app = make_app(figure_id="notable-models")
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        panel = next(p for p in app.explorer.panels if p.figure.figure_id == "notable-models")
        chart = panel.query_one(FigureChart)
        await settle(pilot)
        await pilot.press("d")
        await until(pilot, lambda: "Not in the gap" in screen_text(app), "the notice of what the gap leaves out")
        assert chart.gap is GapMode.DIFFERENCE
        assert "2025: US 50" in " ".join(screen_text(app).split())
        assert sorted(o.period for o in chart.drawn.observations) == ["2023", "2024"]


async def test_bars_get_no_log_scale_even_where_their_values_span_decades():
    app = make_app(figure_id="notable-models")  # 61 models against 3 in the editions' counts
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        panel = next(p for p in app.explorer.panels if p.figure.figure_id == "notable-models")
        await settle(pilot)
        assert "Log" not in screen_text(app).splitlines()[-1]
        await pilot.press("L")
        await until(pilot, lambda: "No log scale for bars" in " ".join(screen_text(app).split()), "the reason")
        assert not panel.query_one(FigureChart).log_scale


async def test_the_log_key_redraws_on_a_log_scale():
    app = make_app(figure_id="patents-granted")
    async with app.run_test(size=SMALL) as pilot:
        panel = next(p for p in app.explorer.panels if p.figure.figure_id == "patents-granted")
        chart = panel.query_one(FigureChart)
        await pilot.press("L")
        await settle(pilot)
        assert chart.log_scale and "log scale" in str(chart.legend.render())
        await pilot.press("L")
        assert not chart.log_scale


async def test_q_quits_from_the_help_as_everywhere_else():
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("q")
        await settle(pilot)
    assert app.return_code == 0


async def test_q_is_a_letter_in_the_rows_filter():
    app = make_app(figure_id="notable-models")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("enter", "tab", "q")
        await settle(pilot)
        assert isinstance(app.screen, RecordsScreen)
        assert app.screen.query_one("#records-filter").value == "q"


async def test_series_stay_distinct_on_a_16_colour_terminal():
    app = make_app(figure_id="paper-share", few_colors=True)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        chart = app.explorer.panels[0].query_one(FigureChart)
        colors = chart.series_colors()
        ansi = [RichColor.from_rgb(*rgb).downgrade(ColorSystem.STANDARD).number for rgb in colors]
        assert len(set(ansi)) == len(ansi)
        # Series that share a colour get a fill character of their own in the legend.
        legend = chart.legend.content
        swatches = [(str(span.style), legend.plain[span.start:span.end]) for span in legend.spans if "rgb" in str(span.style)]
        context = [s for s in chart.figure.chart_series if not s.article]
        assert len(context) > len(colors)
        assert len(swatches) == len(chart.figure.chart_series)
        drawn_as_lines = [swatch for swatch, line in zip(swatches, chart.figure.chart_series) if not line.article]
        assert len(set(drawn_as_lines)) == len(drawn_as_lines)


@pytest.mark.parametrize("keys", [["2", "enter"], ["3", "enter", "t"], ["4", "enter", "s"], ["3", "enter", "enter"]])
async def test_the_console_font_gets_no_braille_quadrants_or_rounded_corners(keys):
    app = make_app(console_font=True)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press(*keys)
        await settle(pilot)
        text = screen_text(app)
        assert not CONSOLE_UNSAFE.findall(text), sorted(set(CONSOLE_UNSAFE.findall(text)))


async def test_letters_typed_while_the_rows_open_all_reach_the_filter():
    app = make_app(figure_id="notable-models-every-country")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("enter", *"deepseek")  # no pause: the first letters arrive before the screen is ready
        await settle(pilot)
        assert app.screen.query_one("#records-filter").value == "deepseek"
        assert app.explorer.panels[1].gap is GapMode.BOTH  # d went to the filter, not to the figure underneath


async def test_a_value_given_in_words_shows_the_words_and_the_datas_value():
    app = make_app(figure_id="performance-gap")
    async with app.run_test(size=LARGE) as pilot:
        await settle(pilot)
        cards = [str(text) for text in app.explorer.panels[0].query_one(FigureCards).texts]
        assert cards[1] == (
            '"matched some of the top systems in the US" · Top US model over DeepSeek-R1 · Article (AI Index 2026) · 2025-02'
            ' ⚑ report: reproduces; recount: reproduces · data 2.99%'
        )
        assert cards[0].startswith('"trading leads in AI model performance since early 2025" · US over China')
        assert "⚑ report: differs; recount: differs" in cards[0]
        assert "~0%" not in " ".join(cards)
        assert "Anthropic's model over the top Chinese model" in cards[2]


async def test_a_hundred_thousand_rows_open_scroll_to_the_end_filter_and_sort():
    records = many_records(100_000)
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        app.push_screen(RecordsScreen(records, tuple(range(100_000)), title="Many", scope="all", glyphs=UNICODE))
        await settle(pilot)
        table = app.screen.query_one(RecordsTable)
        await pilot.press("end")
        await settle(pilot)
        assert table.cursor == 99_999 and table.current_row[0] == "model 099999"
        assert "model 099999" in screen_text(app)
        await pilot.press(*"model 0777")
        await settle(pilot)
        assert len(table.shown) == 100 and all(records.rows[i][0].startswith("model 0777") for i in table.shown)
        await pilot.press("tab", "o", "o", "o", "O")  # sort by score, highest first
        scores = [int(records.rows[i][2]) for i in table.shown]
        assert scores == sorted(scores, reverse=True)
        assert "100 of 100,000 rows" in str(app.screen.query_one("#records-status").render())


async def test_a_period_marker_reads_a_charts_values_and_opens_that_periods_rows():
    app = make_app(figure_id="notable-models-every-country")
    async with app.run_test(size=SMALL) as pilot:
        panel = next(p for p in app.explorer.panels if p.figure.figure_id == "notable-models-every-country")
        chart = panel.query_one(FigureChart)
        await pilot.press("left_square_bracket")  # from the latest period
        assert chart.cursor_period == "2025"
        assert "2025: US 50 models · China 32 models · Rest of world 23 models" in str(chart.legend.render())
        await pilot.press("left_square_bracket", "right_square_bracket", "left_square_bracket")
        assert chart.cursor_period == "2024"
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RecordsScreen)
        values = {o.entity: int(o.value) for o in panel.figure.observations if o.period == "2024"}
        status = str(screen.query_one("#records-status").render())
        assert all(f"2024 {entity} {count}" in status for entity, count in values.items())


@pytest.mark.parametrize("size", [(120, 40), LARGE], ids=["120x40", "200x60"])
async def test_value_cards_keep_what_identifies_each_value(size):
    """A card may be cut, but not before its value, entity, series and period: the benchmark
    cards name MMLU or MMMU and the score cards their score variant, each with its period."""
    app = make_app(figure_id="benchmark-gaps")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for figure_id in ("benchmark-gaps", "arena-top-scores"):
            panel = next(p for p in app.explorer.panels if p.figure.figure_id == figure_id)
            cards = panel.query_one(FigureCards)
            await until(pilot, lambda: cards.size.width > 0, "the cards laid out")
            shown = " ".join(cards.render().plain.split())
            for observation in cards.observations:
                identity = " · ".join(part for part in (observation.entity, observation.series.removeprefix(observation.entity).lstrip(" ,"), observation.period) if part)
                assert identity in shown, (identity, shown)
