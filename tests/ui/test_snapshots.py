"""Screens as pictures. Each docstring says what the snapshot must show.

Deterministic by construction: the theme is pinned (textual-dark unless a test
says otherwise), sizes are fixed, and the only input cursor is in the palette,
which Textual does not blink under test.
"""

from __future__ import annotations


import pytest

from aiindex_tui.ui.app import ExplorerApp, make_app
from aiindex_tui.pack.loader import load_pack
from tests.support.packs import HOSTILE_PACK

# Off-screen panels finish their layout a few frames apart, which moves the
# scrollbar thumb by a sub-cell step from run to run even when every visible
# character is the same. Snapshots compare what is visible, so they hide it.
HIDE_SCROLLBARS = "* { scrollbar-visibility: hidden; }"


def still(app: ExplorerApp) -> ExplorerApp:
    """The app with scrollbars hidden, for a repeatable snapshot."""
    app.stylesheet.add_source(HIDE_SCROLLBARS, read_from=("snapshot tests", "HIDE_SCROLLBARS"))
    return app


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
        for _ in range(3):
            await pilot.pause(0.1)
            await pilot.wait_for_scheduled_animations()

    return run


SECTIONS = ["overview", "closing-the-gap", "production-and-patents", "research-output", "implications", "conclusion"]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("number", range(1, 7), ids=SECTIONS)
def test_section(snap_compare, number, size):
    """The section whose number was pressed is highlighted in the sidebar; the detail pane
    shows its title, its summary and, for sections 2-4, the first figure: title, description,
    key-value cards (green edge for article values, amber for values with a note), each
    article value with its verdict (for example "~0% ! differs" and "2.7% ! reproduces" in
    section 2), and then the chart with its legend. At 80x24 the sidebar is narrow and the
    chart starts below the fold; at 120x40 the sidebar is wider and the chart's top shows."""
    assert snap_compare(still(make_app()), terminal_size=size, run_before=after_settling(str(number)))


def test_table_view(snap_compare):
    """Production and Patent Dominance, first figure focused (accent border), shown as a
    table: period, entity, value (right-aligned) and origin (article in bold, context in
    italics) and source id, in chronological order, 2023 to 2025."""
    assert snap_compare(still(make_app()), terminal_size=(80, 24), run_before=after_settling("3", "enter", "t"))


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
    """The help screen over the app: the figure keys first (marked as where you are), then
    keys that work everywhere, the sections list keys and tab."""
    assert snap_compare(still(make_app()), terminal_size=(80, 24), run_before=after_settling("2", "enter", "f1"))


def test_export_dialog(snap_compare):
    """The export dialog over the production section, for its focused second figure 'Notable
    AI models per year, counted for every country a model lists': formats CSV, JSON
    (highlighted) and Markdown, the file name aiindex-notable-models-every-country.json, and
    the keys to use it."""
    assert snap_compare(still(make_app()), terminal_size=(80, 24), run_before=after_settling("3", "enter", "j", "e", "down"))


def test_palette_with_query(snap_compare):
    """The command palette with the query 'patent': the Production and Patent Dominance
    section and the three patent figures first, then two looser matches (notable models per
    year, CSET publications), matched letters underlined."""

    async def run(pilot) -> None:
        await after_settling("slash", *"patent")(pilot)
        # The palette lists its hits from a worker, in batches: wait for all six.
        from textual.command import CommandList

        for _ in range(100):
            if pilot.app.screen.query_one(CommandList).option_count == 6:
                break
            await pilot.pause(0.05)
        await after_settling()(pilot)

    assert snap_compare(still(make_app()), terminal_size=(80, 24), run_before=run)


def test_light_theme(snap_compare):
    """Production and Patent Dominance in textual-light: dark text on a light background,
    chart bars in the light theme's colors, all legible."""
    assert snap_compare(still(make_app(theme="textual-light")), terminal_size=(80, 24), run_before=after_settling("3", "enter"))


def test_ascii_mode(snap_compare):
    """Production and Patent Dominance in ASCII mode: borders of + - |, a chart drawn with #
    = % + fills, no box-drawing, block or braille characters anywhere, no scrollbars."""
    assert snap_compare(still(make_app(ascii_only=True)), terminal_size=(80, 24), run_before=after_settling("3", "enter"))


def test_ascii_line_chart(snap_compare):
    """The performance gap line chart in ASCII mode: the monthly Arena line (%), the two AI
    Index 2025 points (#) and the article's two points (=) as three series told apart by
    their fill characters, o marking the points; a y axis from 0 to 27.7."""
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
