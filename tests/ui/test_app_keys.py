"""Pilot tests: every key binding changes the state it promises."""

from __future__ import annotations

import pytest
from textual import events
from textual.binding import Binding
from textual.command import CommandList, CommandPalette
from textual.widgets import ContentSwitcher

from aiindex_tui.ui.app import ExplorerApp, make_app
from aiindex_tui.ui.figure_chart import FigureChart
from aiindex_tui.ui.detail_pane import DetailPane, HeadlineList
from aiindex_tui.ui.figure_panel import FigurePanel
from aiindex_tui.ui.help_screen import HelpScreen
from aiindex_tui.ui.section_list import SectionList
from aiindex_tui.pack.loader import load_pack
from tests.support.screens import screen_text
from tests.support.packs import HOSTILE_PACK
from tests.support.waiting import layout_of, steady, until

SIZE = (80, 24)


def toast_text(app: ExplorerApp) -> str:
    """What the notifications on screen say, their lines joined (they wrap over the sidebar)."""
    # Selected by type name: Textual does not export the Toast class.
    return " ".join(" ".join(str(toast.render()).split()) for toast in app.screen.query("Toast"))


def focused_figure_id(app: ExplorerApp) -> str | None:
    figure = app.explorer.focused_figure
    return figure.figure_id if figure else None


@pytest.mark.parametrize(("keys", "index"), [
    (["j"], 1), (["down"], 1), (["j", "j", "k"], 1), (["j", "up"], 0),
    (["G"], 5), (["G", "g"], 0), (["3"], 2), (["6"], 5), (["9"], 0),
])
async def test_sidebar_movement(keys, index):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*keys)
        assert app.explorer.section_index == index
        assert app.query_one(SectionList).highlighted == index
        assert app.query_one(DetailPane).section.section_id == app.pack.sections[index].section_id


@pytest.mark.parametrize("key", ["enter", "l", "right"])
async def test_going_into_a_section_focuses_its_first_figure(key):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", key)
        assert focused_figure_id(app) == "performance-gap"


@pytest.mark.parametrize("key", ["escape", "h", "left"])
async def test_back_to_the_sidebar(key):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "enter", key)
        assert isinstance(app.focused, SectionList)
        assert app.explorer.section_index == 2


@pytest.mark.parametrize(("keys", "figure_id"), [
    (["j"], "notable-models-every-country"), (["down", "down"], "notable-models-single-country"),
    (["j"] * 7, "patent-share"), (["j"] * 9, "patent-share"), (["j", "k"], "notable-models"), (["j", "up"], "notable-models"),
])
async def test_moving_between_figures(keys, figure_id):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "enter", *keys)
        assert focused_figure_id(app) == figure_id


async def test_tab_cycles_focus_between_sidebar_and_figures():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await pilot.pause()
        await pilot.press("tab")
        assert focused_figure_id(app) == "paper-share"
        await pilot.press("tab")
        assert focused_figure_id(app) == "most-cited"
        await pilot.press("shift+tab", "shift+tab")
        assert isinstance(app.focused, SectionList)


@pytest.mark.parametrize(("key", "view"), [("t", "table"), ("s", "sources"), ("c", "chart")])
async def test_view_keys_switch_every_figure(key, view):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "t" if view != "table" else "s", key)
        await pilot.pause()
        assert app.explorer.view == view
        assert len(app.explorer.panels) == 8
        assert [p.query_one(ContentSwitcher).current for p in app.explorer.panels] == [view] * 8


async def test_view_survives_a_section_change():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "t", "4")
        await pilot.pause()
        assert [p.query_one(ContentSwitcher).current for p in app.explorer.panels] == ["table"] * 3


async def test_copy_focused_figure_with_citation():
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("3", "enter", *["j"] * 6, "y")
        copied = app.clipboard
        assert copied.startswith("Granted AI patents in 2024")
        assert "97,206" in copied and "131,121" in copied and "74.13%" in copied
        assert "The AI Race Intensifies" in copied
        await pilot.pause()
        assert "Copied Granted AI patents in 2024" in toast_text(app)


async def test_copy_notice_shows_a_hostile_title_literally():
    app = make_app(load_pack(HOSTILE_PACK))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("y")
        await pilot.pause()
        assert "Copied [bold red]Markup[/] [@click=app.quit]click me[/]" in toast_text(app)
        assert app.return_code is None


async def test_copy_in_sidebar_copies_the_section():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "y")
        assert app.clipboard.startswith("Research Output and Influence")
        assert "17.8" in app.clipboard and "64" in app.clipboard


@pytest.mark.parametrize("key", ["question_mark", "f1"])
async def test_help_opens_and_closes(key):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(key)
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "Jump to a section by its number" in text and "Copy the focused figure" in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_f1_puts_the_focused_widgets_keys_first():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "enter", "f1")
        assert isinstance(app.screen, HelpScreen)
        assert app.screen.groups[0][0] == "Figures"
        assert "Figures (where you are now)" in screen_text(app)


def palette_first_hit(app) -> str:
    """The palette's highlighted hit, as text ("" while it has none)."""
    hits = app.screen.query(CommandList)
    if not hits or hits.first().highlighted is None:
        return ""
    return str(hits.first().get_option_at_index(hits.first().highlighted).prompt).split("\n")[0]


@pytest.mark.parametrize("key", ["slash", "ctrl+p"])
async def test_palette_finds_a_figure_by_fuzzy_text(key):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(key)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"mostcited")
        await until(pilot, lambda: palette_first_hit(app).startswith("Figure: Top-100 most-cited"), "the figure as the first hit")
        await pilot.press("enter")
        await pilot.pause()
        assert app.explorer.section_index == 3
        assert focused_figure_id(app) == "most-cited"


async def test_palette_runs_an_action():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"view sources")
        await until(pilot, lambda: palette_first_hit(app) == "View: sources", "the view as the first hit")
        await pilot.press("enter")
        assert app.explorer.view == "sources"


async def test_the_palette_offers_the_focused_figures_own_actions_where_they_act():
    """Zoom, gap, log and rows are in the palette for the focused figure; gap is left out
    where d would refuse (Arena scores have a gap, notable models a ratio too; the patents
    of the world alone have none)."""
    app = make_app(figure_id="arena-top-scores")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"zoom")
        await until(pilot, lambda: palette_first_hit(app) == "Zoom: Arena score of the best US and the best Chinese model",
                    "the figure's zoom as the first hit")
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is app.explorer and app.explorer.maximized is not None, "the figure zoomed")

    app = make_app(figure_id="patents-granted")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"gap")
        await until(pilot, lambda: palette_first_hit(app) != "", "some hit")
        assert not palette_first_hit(app).startswith("Gap:")


async def test_q_quits_cleanly():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
    assert app.return_code == 0


async def test_sidebar_toggle():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b")
        assert not app.query_one(SectionList).display
        assert focused_figure_id(app) == "performance-gap" or isinstance(app.focused, HeadlineList)
        await pilot.press("b")
        assert app.query_one(SectionList).display


async def test_sort_keys_reorder_the_table():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "enter", "t")
        panel = app.explorer.panels[0]
        table = panel.query_one("#table")

        def first_column(index: int) -> list[str]:
            return [table.cells(r)[index].plain for r in range(table.row_count)]

        assert first_column(0) == ["2023"] * 3 + ["2024"] * 3 + ["2025"] * 2
        await pilot.press("o")
        assert panel.sort_column == "entity"
        assert first_column(1)[:2] == ["China", "China"]
        await pilot.press("o")
        assert panel.sort_column == "value"
        assert first_column(2)[0] == "3"
        await pilot.press("O")
        assert first_column(2)[0] == "61"


async def test_deep_link_opens_section_figure_and_view():
    app = make_app(figure_id="paper-share", view="sources")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.explorer.section_index == 3
        assert focused_figure_id(app) == "paper-share"
        assert app.explorer.panels[0].query_one(ContentSwitcher).current == "sources"


def all_bindings() -> list[Binding]:
    from aiindex_tui.ui.help_screen import HelpScreen

    return [
        b for cls in (ExplorerApp, SectionList, DetailPane, FigurePanel, HelpScreen)
        for b in cls.BINDINGS if isinstance(b, Binding)
    ]


def test_every_binding_has_a_tooltip_and_a_unique_id():
    bindings = all_bindings()
    assert all(b.tooltip for b in bindings), [b.key for b in bindings if not b.tooltip]
    ids = [b.id for b in bindings]
    assert None not in ids and len(ids) == len(set(ids))


async def test_too_small_terminal_says_so():
    app = make_app()
    async with app.run_test(size=(50, 12)) as pilot:
        await pilot.pause()
        assert app.has_class("-too-small")
        assert "Terminal too small: need at least 60×16, have 50×12." in " ".join(screen_text(app).split())
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not app.has_class("-too-small")


async def test_narrow_terminal_narrows_the_sidebar():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert app.has_class("-narrow")
        narrow = app.query_one(SectionList).size.width
        await pilot.resize_terminal(160, 50)
        await pilot.pause()
        assert not app.has_class("-narrow") and app.query_one(SectionList).size.width > narrow


async def test_theme_change_redraws_charts_in_the_new_colors():
    app = make_app()
    async with app.run_test(size=(120, 60)) as pilot:  # tall enough to draw the first chart
        await pilot.press("3")
        await pilot.pause()
        chart = app.explorer.panels[0].query_one(FigureChart)
        before = chart.series_colors()
        app.theme = "textual-light"
        await pilot.pause()
        after = chart.series_colors()
        assert after != before
        drawn = {
            tuple(span.style.color.triplet) for span in chart.render().spans
            if not isinstance(span.style, str) and span.style.color and span.style.color.triplet
        }
        assert tuple(after[0]) in drawn and tuple(before[0]) not in drawn


async def test_after_a_theme_change_the_screen_is_drawn_as_if_started_in_that_theme():
    # Restyling refreshes each widget once, after every style is set (ExplorerStylesheet):
    # a widget left out would keep the old theme's colours on screen.
    async def picture(theme: str, switch_to: str | None) -> str:
        app = make_app(theme=theme, section_id="closing-the-gap")
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.pause()
            if switch_to:
                app.theme = switch_to  # restyled at once; drawn on the next refresh
                await pilot.pause()
            await pilot.wait_for_scheduled_animations()
            await pilot.pause()
            return app.export_screenshot()

    assert await picture("textual-dark", "textual-light") == await picture("textual-light", None)


async def test_keys_typed_faster_than_the_screen_refreshes():
    """Over SSH, keys arrive in bursts: all are queued before the first is handled."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        burst = [("j", "j"), ("j", "j"), ("enter", "\r"), ("j", "j"), ("t", "t"), ("4", "4"), ("l", "l"), ("k", "k"), ("3", "3"), ("right", None), ("j", "j")]
        for key, character in burst:
            app.post_message(events.Key(key, character))
        await pilot.pause()
        await pilot.pause()
        assert app.explorer.section_index == 2
        assert focused_figure_id(app) == "notable-models-every-country"
        assert app.explorer.view == "table"


@pytest.mark.parametrize(("keys", "index"), [(["end"], 5), (["end", "home"], 0)])
async def test_home_and_end_in_the_sidebar(keys, index):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*keys)
        assert app.explorer.section_index == index


@pytest.mark.parametrize("key", ["space", "pagedown"])
async def test_paging_scrolls_the_figures(key):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "enter", "s")
        await pilot.pause()
        detail = app.query_one(DetailPane).current
        before = detail.scroll_y
        await pilot.press(key)
        await pilot.pause()
        paged = detail.scroll_y
        assert paged > before
        await pilot.press("pageup")
        await pilot.pause()
        assert detail.scroll_y < paged


@pytest.mark.parametrize("keys", [["3", "enter"], ["2", "enter", "t"], ["4", "enter", "s"], ["slash", *"pat"], ["question_mark"], ["2", "e"]])
async def test_ascii_mode_draws_only_ascii(keys):
    app = make_app(ascii_only=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*keys)
        await steady(pilot, lambda: layout_of(app), "the screen after the keys")
        text = screen_text(app)
        assert text.isascii(), sorted({c for c in text if not c.isascii()})


@pytest.mark.parametrize("severity", ["information", "warning", "error"])
async def test_ascii_mode_draws_notices_in_ascii_too(severity):
    """Textual's notices have a left edge of half blocks; in ASCII mode it is a bar."""
    app = make_app(ascii_only=True)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.notify("Nothing to mark", title="Not for this figure", severity=severity, timeout=30)
        await until(pilot, lambda: app.screen.query("Toast"), "the notice shown")
        await steady(pilot, lambda: layout_of(app), "the notice laid out")
        text = screen_text(app)
        assert "Nothing to mark" in text
        assert text.isascii(), sorted({c for c in text if not c.isascii()})


async def test_each_chart_is_built_once_per_size_and_theme(monkeypatch):
    from aiindex_tui.ui.figure_chart import FigureChart

    builds: list[tuple[str, int, int, str]] = []
    original = FigureChart._build

    def counting(self, width: int, height: int, base):
        builds.append((self.figure.figure_id, width, height, self.app.theme))
        return original(self, width, height, base)

    monkeypatch.setattr(FigureChart, "_build", counting)
    app = make_app(theme="textual-dark")
    async with app.run_test(size=(120, 60)) as pilot:  # tall enough to show both charts
        await pilot.press("2")
        await pilot.pause()
        first_visit = list(builds)
        assert sorted(b[0] for b in first_visit) == ["arena-top-scores", "performance-gap"]
        assert {b[3] for b in first_visit} == {"textual-dark"}
        await pilot.press("3", "2")  # away and back: nothing is drawn again
        await pilot.pause()
        assert [b for b in builds if b[0] in {f.figure_id for f in app.pack.sections[1].figures}] == first_visit
        app.theme = "textual-light"
        await pilot.pause()
        assert sorted(b[0] for b in builds if b[3] == "textual-light") == ["arena-top-scores", "performance-gap"]
        settled = len(builds)
        app.theme = "textual-dark"  # both themes are kept
        await pilot.pause()
        assert len(builds) == settled


async def test_each_section_keeps_its_scroll_position():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "enter", "s", "pagedown")
        await pilot.pause()
        detail = app.query_one(DetailPane)
        scrolled = detail.current.scroll_y
        assert scrolled > 0
        await pilot.press("escape", "k")  # from the sidebar, as a reader browses
        await pilot.pause()
        assert detail.current.section.section_id == app.pack.sections[2].section_id
        assert detail.current.scroll_y == 0
        await pilot.press("j")
        await pilot.pause()
        assert detail.current.scroll_y == scrolled


async def test_home_and_end_reach_the_ends_of_the_section():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "enter", "s", "end")
        await pilot.pause()
        section = app.query_one(DetailPane).current
        assert section.scroll_y == section.max_scroll_y > 0
        await pilot.press("home")
        await pilot.pause()
        assert section.scroll_y == 0


async def test_sort_keys_act_and_show_only_in_the_table_view():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "enter")
        await pilot.pause()
        panel = app.explorer.panels[0]
        assert "Sort" not in screen_text(app).splitlines()[-1]
        await pilot.press("o", "O")
        assert (panel.sort_column, panel.sort_reverse) == ("period", False)
        await pilot.press("t")
        await pilot.pause()
        assert "Sort" in screen_text(app).splitlines()[-1]
        await pilot.press("o")
        assert panel.sort_column == "entity"
        await pilot.press("c")
        await pilot.pause()
        assert "Sort" not in screen_text(app).splitlines()[-1]
