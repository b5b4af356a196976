"""Screens as pictures. Each docstring says what the snapshot must show.

Deterministic by construction: the theme is pinned (textual-dark unless a test
says otherwise), sizes are fixed, and the input cursors (the palette's, the rows
filter's) do not blink.
"""

from __future__ import annotations


from pathlib import Path

import pytest

from aiindex_tui.ui.app import ExplorerApp, make_app
from aiindex_tui.pack.loader import load_pack
from tests.support.packs import HOSTILE_PACK
from tests.support.waiting import layout_of, steady, until

# Off-screen panels finish their layout a few frames apart, which moves the
# scrollbar thumb by a sub-cell step from run to run even when every visible
# character is the same. Snapshots compare what is visible, so they hide it.
HIDE_SCROLLBARS = "* { scrollbar-visibility: hidden; }"


_snapped: list[ExplorerApp] = []


def still(app: ExplorerApp) -> ExplorerApp:
    """The app with scrollbars hidden, for a repeatable snapshot."""
    app.stylesheet.add_source(HIDE_SCROLLBARS, read_from=("snapshot tests", "HIDE_SCROLLBARS"))
    _snapped.append(app)
    return app


@pytest.fixture(autouse=True)
def the_app_did_not_crash():
    """snap_compare passes a picture of whatever was on screen even when the app raised (a
    screen that failed to compose leaves the one under it): each snapshot must also have run
    without an error, which Textual records as return code 1."""
    _snapped.clear()
    yield
    crashed = [app for app in _snapped if app.return_code == 1]
    assert not crashed, "the app raised an error while the snapshot was taken"


def after_settling(*keys: str):
    """A run_before hook: let the first screen settle, press ``keys``, then wait.

    Scrolls that follow a refresh (to keep the focused figure in sight) land a
    few frames after the key; waiting for them keeps scrollbars repeatable on a
    busy machine.
    """

    async def run(pilot) -> None:
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        for key in keys:
            await pilot.press(key)
        await steady(pilot, lambda: layout_of(pilot.app), "the screen after the keys")

    return run


SECTIONS = ["overview", "closing-the-gap", "production-and-patents", "research-output", "implications", "conclusion"]


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 60)], ids=["80x24", "120x40", "200x60"])
@pytest.mark.parametrize("number", range(1, 7), ids=SECTIONS)
def test_section(snap_compare, number, size):
    """The section whose number was pressed is highlighted in the sidebar (titles wrapped
    under themselves, no count for sections without figures). Sections 2-4 open on their
    first figure: its title, one-line value cards (green edge for article values, amber for
    values with a note): value, entity, series and period first ('2.7% · Anthropic's model
    over the top Chinese model · ...' in section 2, '1,509 · US · style-controlled score ·
    2026-08' with the unit word dropped where a card is narrow), then the verdicts, cut from
    the end; fewer card columns where that keeps every card's identity whole; the legend and the whole chart down to its year axis, all on the first
    screen even at 80x24; round y ticks, bars centred on their year with values on top; the
    US in the theme's blue and China in its orange in every chart (the article's diamonds
    too), the performance gap's lines in other colours, variants of one line in # fills. The
    overview lists the 14 headline values under a header: each check as verdict, number found
    and the article's value minus it in brackets ("differs 97,988 (-782)"), never cut; at
    80x24 three lines a value (value and entity, then the report's check, then the recount's
    and the notes), at 120x40 two (both checks and notes such as "cross-check 74.13% (+0.07)"
    on the second), at 200x60 one with period and figure title (cut); no sideways scrolling;
    sections 5 and 6 their summary. The sidebar is 26 columns at 80x24 and 36 at 200x60."""
    assert snap_compare(still(make_app()), terminal_size=size, run_before=after_settling(str(number)))


def test_table_view(snap_compare):
    """Production and Patent Dominance, first figure focused (accent border), shown as a
    table headed 'period ^' (the sort column's arrow), entity, models (the unit; values
    right-aligned), origin (article in bold, context in italics) and the start of the source
    column, in chronological order, 2023 to 2025; the footer offers enter Rows and o Sort."""
    assert snap_compare(still(make_app()), terminal_size=(80, 24), run_before=after_settling("3", "enter", "t"))


@pytest.mark.parametrize("size", [(80, 24), (200, 60)], ids=["80x24", "200x60"])
def test_focused_long_table(snap_compare, size):
    """The 33-row table of notable models counted for every country, focused, cursor on its
    last row (2025, Rest of world, 23) after G: the rows before it scrolled up, the value column
    in view; at 200x60 the source and note columns show too."""
    app = make_app(figure_id="notable-models-every-country", view="table")
    assert snap_compare(still(app), terminal_size=size, run_before=after_settling("tab", "G"))


@pytest.mark.parametrize("size", [(80, 24), (200, 60)], ids=["80x24", "200x60"])
def test_rows_behind_a_count(snap_compare, size):
    """The rows behind the 2025 China count of single-country models: the heading names the
    value ('Rows behind 2025 - China: 30 models'), an empty filter line, a table of 30
    models (model, organisation, country, date, domain) under a bold header, the cursor on the
    first row, and a two-line status: '30 of 30 rows', then 'by counted as: 2025 China 30';
    the footer offers tab, esc, o Sort, O Reverse, b Count by and e Export."""
    app = make_app(figure_id="notable-models-single-country", view="table")
    assert snap_compare(still(app), terminal_size=size, run_before=after_settling("tab", "G", "up", "enter"))


def test_row_counts(snap_compare):
    """b on the rows behind every notable-models value, twice: the rows counted by country,
    every group on its own line, largest first (United States of America 359, then China ...):
    its rows, its share of the 762 rows and its name whole (the two United Kingdom groups told
    apart), under a heading '762 rows by country: 68 groups'; the cursor on the
    first group; the footer offers enter Keep, esc Back and b Count by."""
    app = make_app(figure_id="notable-models-every-country")
    assert snap_compare(still(app), terminal_size=(80, 24), run_before=after_settling("enter", "b", "b"))


def test_rows_filtered(snap_compare):
    """The rows behind every notable-models value, filtered by typing 'deepseek': only
    DeepSeek's models, the filter line showing the text, and the status counting them by
    what the figure counts them as (China in each year)."""
    app = make_app(figure_id="notable-models-every-country")
    assert snap_compare(still(app), terminal_size=(80, 24), run_before=after_settling("enter", *"deepseek"))


@pytest.mark.parametrize("size", [(80, 24), (200, 60)], ids=["80x24", "200x60"])
def test_zoomed_figure(snap_compare, size):
    """The Arena scores figure zoomed with z: only that figure, its chart filling the screen
    above the footer (z Zoom, d Gap), the DeepSeek-R1 release marked by a line and label."""
    app = make_app(figure_id="arena-top-scores")
    assert snap_compare(still(app), terminal_size=size, run_before=after_settling("z"))


@pytest.mark.parametrize("size", [(80, 24), (200, 60)], ids=["80x24", "200x60"])
def test_period_marker(snap_compare, size):
    """Notable models counted for every country with the period marker moved back from 2025 to
    2024 ([ twice): an accent line at 2024 and, under the legend, '2024: US 57 models - China
    31 models - Rest of world 27 models'."""
    app = make_app(figure_id="notable-models-every-country")
    assert snap_compare(still(app), terminal_size=size, run_before=after_settling("left_square_bracket", "left_square_bracket"))


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 60)], ids=["80x24", "120x40", "200x60"])
def test_period_window(snap_compare, size):
    """The Arena scores narrowed to 2025-01 to 2026-08: [ twenty times marks 2025-01 (from the
    latest period back), { starts the window there. The title ends '(2025-01 to 2026-08)', the
    chart starts at 2025-01 with the DeepSeek-R1 line, and under the legend, after a bold
    '2025-01 to 2026-08:', each series' change ('US, plain score 2025-01 1,382.0 → 2025-12
    1,486.6 (+104.6)'); the footer offers { } Window and w All periods. At 80x24 the changes
    push the chart below the fold; z shows it."""
    app = make_app(figure_id="arena-top-scores")
    keys = ["left_square_bracket"] * 20 + ["left_curly_bracket"]
    assert snap_compare(still(app), terminal_size=size, run_before=after_settling(*keys))


@pytest.mark.parametrize("size", [(80, 24), (200, 60)], ids=["80x24", "200x60"])
def test_gap_view(snap_compare, size):
    """The most-cited papers figure after d: one series per source, 'US minus China
    (article, 2026 edition)' as marks and '(AI Index 2025 data)' as bars, unit papers,
    an axis from 0 with round steps and each bar's value on top."""
    app = make_app(figure_id="most-cited")
    assert snap_compare(still(app), terminal_size=size, run_before=after_settling("d"))


@pytest.mark.parametrize("size", [(80, 24), (200, 60)], ids=["80x24", "200x60"])
def test_log_scale(snap_compare, size):
    """Granted AI patents on a log scale after L: ticks 2,000, 10,000, 100,000 and 200,000,
    the 2010-2023 line rising steadily, the legend saying 'log scale'."""
    app = make_app(figure_id="patents-granted")
    assert snap_compare(still(app), terminal_size=size, run_before=after_settling("L"))


@pytest.mark.parametrize("size", [(80, 24), (200, 60)], ids=["80x24", "200x60"])
def test_console_font_and_16_colours(snap_compare, size):
    """The paper-share figure as on the Linux console with 16 colours: square box corners,
    no scrollbars, lines of full blocks, article values as diamonds (the console's own), the
    '!' badge; the US blue and China orange as everywhere, and series that share one of the
    terminal's distinct colours drawn with their own fill (Unknown's #)."""
    app = make_app(figure_id="paper-share", console_font=True, few_colors=True)
    assert snap_compare(still(app), terminal_size=size, run_before=after_settling())


def test_sources_view(snap_compare):
    """The paper-share figure in the Sources view: both article cards marked "not checkable",
    then full citations of the AI Index 2025 chart data, the 2025 report (for the values it
    printed), the article and the 2026 report."""
    assert snap_compare(still(make_app(figure_id="paper-share", view="sources")), terminal_size=(80, 24), run_before=after_settling())


def test_cross_check_sources(snap_compare):
    """The patent counts figure in Sources view: both cards marked "not checkable", the
    verdicts on the two counts, then the cross-check note 97,206 / 131,121 = 74.13%, rounding
    to 74.1% against the stated 74.2%, and the derived share line."""
    assert snap_compare(still(make_app(figure_id="patent-count-2024", view="sources")), terminal_size=(100, 48), run_before=after_settling())


def test_help_screen(snap_compare):
    """The help screen over the app: the figure keys first (marked as where you are: enter,
    z, d, L, o, O and the scrolling keys, then the keys that scroll a figure zoomed on its
    sources, each saying so), then keys that work everywhere."""
    assert snap_compare(still(make_app()), terminal_size=(80, 24), run_before=after_settling("2", "enter", "f1"))


def test_export_dialog(snap_compare):
    """The export dialog over the production section, for its focused second figure 'Notable
    AI models per year, counted for every country a model lists': formats CSV, JSON
    (highlighted), Markdown and SVG, the whole folder /srv/exports/ai-index/, the file name
    aiindex-notable-models-every-country.json, and the keys to use it."""
    app = make_app(export_directory=Path("/srv/exports/ai-index"))
    assert snap_compare(still(app), terminal_size=(80, 24), run_before=after_settling("3", "enter", "j", "e", "down"))


def test_palette_with_query(snap_compare):
    """The command palette with the query 'patent': the Production and Patent Dominance
    section and the three patent figures first, then three looser matches (notable models per
    year counted two ways, CSET publications), matched letters underlined."""

    async def run(pilot) -> None:
        await after_settling("slash", *"patent")(pilot)
        # The palette lists its hits from a worker, in batches: wait for all seven.
        from textual.command import CommandList

        await until(pilot, lambda: pilot.app.screen.query_one(CommandList).option_count == 7, "seven hits")
        await after_settling()(pilot)

    assert snap_compare(still(make_app()), terminal_size=(80, 24), run_before=run)


def test_light_theme(snap_compare):
    """Production and Patent Dominance in textual-light: dark text on a light background,
    chart bars in the light theme's colors darkened until they stand out: the US dark blue,
    China brown-orange, EU green (not a second blue) and Europe red."""
    assert snap_compare(still(make_app(theme="textual-light")), terminal_size=(80, 24), run_before=after_settling("3", "enter"))


def test_ascii_mode(snap_compare):
    """Production and Patent Dominance in ASCII mode: borders of + - |, a chart drawn with #
    = % + fills, no box-drawing, block or braille characters anywhere, no scrollbars."""
    assert snap_compare(still(make_app(ascii_only=True)), terminal_size=(80, 24), run_before=after_settling("3", "enter"))


def test_ascii_line_chart(snap_compare):
    """The performance gap line chart in ASCII mode: the monthly Arena line (#), the two AI
    Index 2025 points (o) and the article's two points (@, their own legend entry), a y axis
    from 0 to 30 in steps of 10, and the DeepSeek-R1 and article labels at the top."""
    assert snap_compare(still(make_app(ascii_only=True)), terminal_size=(100, 30), run_before=after_settling("2", "enter"))


def test_no_color(snap_compare, monkeypatch):
    """With NO_COLOR set everything is in shades of grey, and the chart's series are told
    apart by their fill characters (# and =), not by color."""
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(still(make_app()), terminal_size=(80, 24), run_before=after_settling("3", "enter"))


def test_too_small(snap_compare):
    """At 50x12 only a centred message: terminal too small, need at least 60x16, have 50x12."""
    assert snap_compare(still(make_app()), terminal_size=(50, 12), run_before=after_settling())


def test_hostile_pack(snap_compare):
    """A pack whose text holds markup, escape sequences, CJK, right-to-left text and emoji:
    every tag such as [bold red] and [@click=app.quit] appears literally, escapes appear as
    \\x1b, and the layout holds. The title bar names the pack folder 'hostile/'."""
    app = make_app(load_pack(HOSTILE_PACK))
    assert snap_compare(still(app), terminal_size=(100, 30), run_before=after_settling("enter"))


def test_hostile_pack_wide_text(snap_compare):
    """The hostile pack's wide-text section: CJK, Arabic and an emoji in titles and the
    legend, a 10^12 value formatted with separators, and a one-value line chart."""
    app = make_app(load_pack(HOSTILE_PACK))
    assert snap_compare(still(app), terminal_size=(100, 30), run_before=after_settling("2", "enter"))
