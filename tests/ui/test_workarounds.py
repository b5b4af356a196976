"""Every private name the explorer hooks still exists upstream, so an upgrade that drops one fails here."""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import inspect
import re

import pytest

from textual.css.styles import Styles
from textual.driver import Driver
from textual.drivers.web_driver import WebDriver

from aiindex_tui.ui.app import make_app
from aiindex_tui.ui.command_palette import SteadyCommandPalette
from aiindex_tui.ui.detail_pane import DetailPane, SectionView
from aiindex_tui.ui.workarounds import (
    HOOKS, PALETTE_SELECTORS, STYLES_REFRESH, ExplorerStylesheet,
    OwnPlotColours, PaletteRaceFixes, SizedInOnePass, driver_app, session_environment, session_process,
    use_session_forks,
)
from tests.support.waiting import until


def upstream_class(owner: str) -> type:
    module, _, name = owner.partition(":")
    return getattr(importlib.import_module(module), name) if name else importlib.import_module(module)


@pytest.mark.parametrize("hook", HOOKS, ids=lambda hook: f"{hook.owner}.{hook.name}")
def test_a_hooked_private_name_still_exists_upstream(hook):
    cls = upstream_class(hook.owner)
    # A method or class attribute, or an attribute an __init__ in its lineage sets.
    sources = (inspect.getsource(base.__init__) for base in getattr(cls, "__mro__", ()) if "__init__" in vars(base))
    assigned = (f"self.{hook.name} =", f"self.{hook.name}:")
    assert hasattr(cls, hook.name) or any(a in source for source in sources for a in assigned), (
        f"{hook.owner} no longer has {hook.name}: {hook.why}. Rework the hook in ui/workarounds.py."
    )


async def test_the_palette_parts_the_stylesheet_restyles_still_exist():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SteadyCommandPalette)
        for selector in PALETTE_SELECTORS:
            assert app.screen.query(selector), f"the palette has no {selector} any more; see app.tcss"


# Each hook that overrides an upstream method, beside the class of ours that does.
OVERRIDES = {
    ("textual.command:CommandPalette", "_action_command_list"): PaletteRaceFixes,
    ("textual.command:CommandPalette", "_watch__list_visible"): PaletteRaceFixes,
    ("textual.command:CommandPalette", "_watch__show_busy"): PaletteRaceFixes,
    ("textual.widget:Widget", "_size_updated"): SizedInOnePass,
    ("textual.css.stylesheet:Stylesheet", "update_nodes"): ExplorerStylesheet,
    ("textual_plotext:PlotextPlot", "_register_theme"): OwnPlotColours,
}


@pytest.mark.parametrize(("owner", "name"), OVERRIDES, ids=lambda part: str(part))
def test_an_overridden_private_method_takes_what_upstream_passes(owner, name):
    """Upstream calls the method with its own parameters: an override that takes others
    would fail (or silently drop an argument) after an upgrade."""
    assert any(hook.owner == owner and hook.name == name for hook in HOOKS), "listed in HOOKS"
    upstream = inspect.signature(getattr(upstream_class(owner), name))
    ours = inspect.signature(getattr(OVERRIDES[owner, name], name))
    assert list(ours.parameters) == list(upstream.parameters), (owner, name, upstream, ours)


async def test_the_stylesheet_swap_defers_restyling_hidden_sections_until_shown():
    """use_explorer_stylesheet: a theme change marks hidden sections stale instead of restyling
    them, and showing one brings its colours up to date."""
    app = make_app(theme="textual-dark")
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.stylesheet, ExplorerStylesheet)
        await pilot.press("2", "enter")
        await until(pilot, lambda: app.explorer.panels and app.explorer.panels[0].is_mounted, "section 2's figures")
        await pilot.press("1")
        await until(pilot, lambda: not app.query_one(DetailPane).current.panels, "the overview again")
        hidden = next(view for view in app.query(SectionView) if view.section.section_id == "closing-the-gap")
        title = hidden.panels[0].query_one(".figure-title")
        dark = title.styles.color
        app.theme = "textual-light"
        await pilot.pause()
        assert hidden.styles_stale and title.styles.color == dark  # not restyled while hidden
        await pilot.press("2")
        await until(pilot, lambda: not hidden.styles_stale, "section 2 restyled when shown")
        assert title.styles.color != dark
        assert Styles.refresh is STYLES_REFRESH  # the batched refresh is put back after each pass


async def test_the_web_driver_still_keeps_its_app_where_driver_app_reads_it():
    """A browser session's driver asks its app to exit through driver_app (ui/web_session.py).
    WebDriver's own set-up opens the process's stdin, so only the part it inherits runs here."""
    app = make_app()
    driver = WebDriver.__new__(WebDriver)
    Driver.__init__(driver, app, debug=False, mouse=False, size=(80, 24))
    assert driver_app(driver) is app


async def test_a_serve_session_keeps_its_process_where_session_process_reads_it():
    """serve's shutdown waits for each session's process through session_process (ui/web_server.py)."""
    from textual_serve.app_service import AppService
    from textual_serve.download_manager import DownloadManager

    async def ignore(_data) -> None:
        pass

    service = AppService("exit 0", write_bytes=ignore, write_str=ignore, close=ignore, download_manager=DownloadManager())
    assert session_process(service) is None
    await service.start(80, 24)
    process = session_process(service)
    assert process is not None and await asyncio.wait_for(process.wait(), 30) == 0
    # textual-serve's reader ends by cancelling its own stderr task, which stop() passes on.
    with contextlib.suppress(asyncio.CancelledError):
        await service.stop()


async def test_textual_serve_builds_its_sessions_through_the_fork_server_and_falls_back_without_one(monkeypatch):
    """use_session_forks and session_environment (ui/session_forks.py): textual-serve's server
    builds each session's service by the patched name; the fork server is asked with the
    session's environment (its size included); a None from it starts the process as before."""
    import textual_serve.server
    from textual_serve.download_manager import DownloadManager

    monkeypatch.setattr(textual_serve.server, "AppService", textual_serve.server.AppService)  # put back afterwards

    class NoForks:
        asked: list[dict[str, str]] = []

        async def fork(self, environment):
            self.asked.append(environment)
            return None

    async def ignore(_data) -> None:
        pass

    use_session_forks(NoForks())
    service = textual_serve.server.AppService(
        "exit 0", write_bytes=ignore, write_str=ignore, close=ignore, download_manager=DownloadManager(),
    )
    await service.start(90, 20)
    [environment] = NoForks.asked
    assert (environment["COLUMNS"], environment["ROWS"]) == ("90", "20")
    assert environment["TEXTUAL_DRIVER"] == session_environment()["TEXTUAL_DRIVER"] == "textual.drivers.web_driver:WebDriver"
    process = session_process(service)
    assert process is not None and await asyncio.wait_for(process.wait(), 30) == 0  # started the old way
    with contextlib.suppress(asyncio.CancelledError):
        await service.stop()


# What each remaining hook relies on, tested by its behaviour: an upgrade that keeps the
# name but changes what it does fails here rather than on a user's screen.


async def test_a_table_sized_in_place_moves_its_scroll_bar_in_the_same_step():
    """VirtualSizeInPlace relies on Widget._scroll_update bringing the scroll bar to a new
    virtual size at once (the rows screen's filter draws one frame per keystroke)."""
    from textual.app import App

    from aiindex_tui.ui.records_table import RecordsTable
    from tests.support.packs import many_records

    records = many_records(500)

    class OneTable(App):
        def compose(self):
            yield RecordsTable(records.columns, records.rows)

    app = OneTable()
    async with app.run_test(size=(60, 20)) as pilot:
        table = app.query_one(RecordsTable)
        await until(pilot, lambda: table.vertical_scrollbar.window_virtual_size == 501, "the bar sized to 500 rows")
        table.show(list(range(40)))  # no frame in between: the same step must have moved the bar
        assert table.virtual_size.height == 41
        assert table.vertical_scrollbar.window_virtual_size == 41
        assert table.vertical_scrollbar.window_size == table.scrollable_content_region.height


def test_size_plot_gives_a_plot_built_outside_render_the_canvas_asked_for():
    """size_plot relies on Plot._set_size sizing the canvas that build() draws."""
    from textual_plotext.plot import Plot

    from aiindex_tui.ui.workarounds import size_plot

    for width, height in ((40, 10), (97, 23)):
        plt = Plot()
        size_plot(plt, width, height)
        plt.plot([1, 5, 2, 8])
        lines = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in plt.build().splitlines()]  # colours off
        assert len(lines) == height
        assert {len(line) for line in lines} == {width}


async def test_a_chart_leaves_plotext_s_shared_themes_as_they_were():
    """OwnPlotColours replaces PlotextPlot._register_theme, which adds the app's colours to
    plotext's process-wide theme table: a chart of ours must add nothing there."""
    from textual_plotext.plot import _themes

    before = dict(_themes)
    app = make_app(theme="textual-light", section_id="closing-the-gap")
    async with app.run_test(size=(100, 40)) as pilot:
        from aiindex_tui.ui.figure_chart import FigureChart

        await until(pilot, lambda: any(chart.region.height for chart in app.screen.query(FigureChart)), "a chart on screen")
    assert dict(_themes) == before


async def test_a_scroll_views_bars_are_painted_in_the_frame_being_made_and_left_nothing_for_the_next():
    """paint_scroll_bars_in_this_frame: Textual's _scroll_update refreshes the section's scroll
    bar after every layout, a repaint that reached the screen a frame later (a view switch drew
    two frames, the second the same as the first). Handed to the compositor at once, the bar's
    region is in the frame being made, and nothing of it is left for a later frame."""
    from aiindex_tui.ui.detail_pane import SectionView
    from aiindex_tui.ui.workarounds import paint_scroll_bars_in_this_frame

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "enter")
        shown = lambda: [view for view in app.screen.query(SectionView) if view.display and view.show_vertical_scrollbar]  # noqa: E731
        await until(pilot, shown, "section 2 shown, its scroll bar too")
        [view] = shown()  # four figures do not fit in 24 rows
        await pilot.pause()
        bar = view.vertical_scrollbar
        compositor = app.screen._compositor
        compositor._dirty_regions.clear()
        bar.refresh()  # as _scroll_update does
        paint_scroll_bars_in_this_frame(view)
        assert any(region.overlaps(bar.region) for region in compositor._dirty_regions)
        assert list(bar._exchange_repaint_regions()) == []


async def test_a_widget_sized_in_one_pass_stores_its_size_without_asking_for_a_layout():
    """SizedInOnePass relies on Widget._size_updated(layout=False) storing the new sizes without
    the refresh(layout=True) that assigning virtual_size makes (a second layout, a frame later)."""
    from textual.geometry import Size
    from textual.widgets import Static

    from aiindex_tui.ui.workarounds import SizedStatic

    def layouts_asked(widget_class) -> tuple[list[bool], Static]:
        asked: list[bool] = []

        class Watched(widget_class):
            def refresh(self, *regions, layout: bool = False, **kwargs):
                asked.append(layout)
                return super().refresh(*regions, layout=layout, **kwargs)

        return asked, Watched("text")

    app = make_app()
    async with app.run_test(size=(80, 24)):
        for widget_class, expect_layout in ((Static, True), (SizedStatic, False)):
            asked, widget = layouts_asked(widget_class)
            await app.screen.mount(widget)
            asked.clear()
            widget._size_updated(Size(30, 4), Size(30, 9), Size(80, 24))
            assert widget.virtual_size == Size(30, 9)
            assert any(asked) is expect_layout, widget_class


async def test_a_theme_shown_again_reuses_its_parsed_rules_and_styles_as_a_fresh_app_does():
    """ExplorerStylesheet.reparse relies on Stylesheet keeping its parsed rules in _rules (with
    _rules_map and _require_parse beside them): the rules parsed for a theme are put back when
    it returns, and the screen is styled exactly as an app started in that theme."""
    async def colours(app) -> list[str]:
        return [str(widget.styles.background) for widget in app.screen.query("*") if widget.display]

    async def every_section_mounted(app, pilot) -> None:
        # A widget class met for the first time adds its own CSS to the stylesheet, and rules
        # parsed before that are rightly not reused: compare once all of them are in.
        detail = app.query_one(DetailPane)
        every = {section.section_id for section in app.pack.sections}
        await until(pilot, lambda: detail.visited == every and all(view.mounted.is_set() for view in app.query(SectionView)),
                    "every section mounted")

    fresh = make_app(theme="textual-dark")
    async with fresh.run_test(size=(80, 24)) as pilot:
        await every_section_mounted(fresh, pilot)
        expected = await colours(fresh)

    app = make_app(theme="textual-dark")
    async with app.run_test(size=(80, 24)) as pilot:
        await every_section_mounted(app, pilot)
        for theme in ("textual-light", "textual-dark"):  # each parsed once with every source in place
            rules = app.stylesheet.rules
            app.theme = theme
            await until(pilot, lambda: app.stylesheet.rules is not rules, f"{theme}'s rules")
        dark_rules = app.stylesheet.rules
        app.theme = "textual-light"
        await until(pilot, lambda: app.stylesheet.rules is not dark_rules, "the light theme's rules")
        app.theme = "textual-dark"
        await until(pilot, lambda: app.stylesheet.rules is dark_rules, "the dark theme's rules put back")
        await pilot.pause()
        assert await colours(app) == expected
