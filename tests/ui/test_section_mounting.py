"""Sections are mounted hidden, ahead of their first visit or on it, shown only once complete,
and brought up to date with the view and theme when shown again."""

from __future__ import annotations

import asyncio

import pytest

from textual.scrollbar import ScrollBar
from textual.widgets import Static

from aiindex_tui.pack.loader import load_pack
from aiindex_tui.ui.app import make_app
from aiindex_tui.ui.explorer_screen import MOUNT_AHEAD_FIGURES
from aiindex_tui.ui.detail_pane import DetailPane, SectionView
from aiindex_tui.output.figure_facts import key_observations
from aiindex_tui.ui.figure_cards import MOST_CARDS, FigureCards
from aiindex_tui.ui.figure_table import FigureTable
from tests.support.packs import write_pack
from tests.support.screens import screen_text
from tests.support.waiting import steady, until


def displayed_sections(app) -> list[SectionView]:
    return [view for view in app.query(SectionView) if view.display]


async def test_every_frame_of_a_first_visit_shows_a_complete_section():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        detail = app.query_one(DetailPane)
        frames: list[list[tuple[str, bool]]] = []
        draw = app._display

        def record(screen, renderable):
            if renderable is not None:
                frames.append([(view.section.section_id, view.mounted.is_set()) for view in displayed_sections(app)])
            draw(screen, renderable)

        app._display = record
        await pilot.press("j")  # at once, before the sections are mounted ahead
        target = app.explorer.section.section_id
        await pilot.wait_for_scheduled_animations()
        await until(pilot, lambda: detail.current and detail.current.display and detail.current.mounted.is_set(), "the section shown")
        await pilot.pause()
        assert frames, "no frame was drawn"
        for shown in frames:
            assert len(shown) == 1, f"a frame showed {len(shown)} sections"
            assert shown[0][1], f"a frame showed {shown[0][0]} before its widgets were mounted"
        assert frames[-1][0][0] == target


async def test_sections_are_mounted_ahead_once_the_app_is_idle():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        detail = app.query_one(DetailPane)
        every = {section.section_id for section in app.pack.sections}
        await until(pilot, lambda: detail.visited == every and all(view.mounted.is_set() for view in app.query(SectionView)), "every section mounted")
        # Still one section on screen, the one the user is on, with the sidebar focused.
        assert [view.section for view in displayed_sections(app)] == [app.pack.sections[0]]
        assert app.focused is app.query_one("#sections")
        await pilot.press("j")
        await pilot.pause()
        assert [view.section for view in displayed_sections(app)] == [app.pack.sections[1]]
        assert app.explorer.panels and all(panel.region for panel in app.explorer.panels[:1])


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
            fresh_title = fresh.explorer.panels[0].query_one(".figure-title")
            assert closing.panels[0].styles.border_top == fresh.explorer.panels[0].styles.border_top
            assert title.rich_style == fresh_title.rich_style


async def test_a_large_pack_mounts_ahead_only_its_first_figures(tmp_path):
    pack = load_pack(write_pack(tmp_path / "pack", sections=8, figures_per_section=10, values_per_figure=5), use_cache=False)
    app = make_app(pack)
    async with app.run_test(size=(80, 24)) as pilot:
        detail = app.query_one(DetailPane)
        ahead, figures = [], 0
        for section in pack.sections:
            figures += len(section.figures)
            if figures > MOUNT_AHEAD_FIGURES:
                break
            ahead.append(section.section_id)
        assert 1 < len(ahead) < len(pack.sections)
        await until(pilot, lambda: all(view.mounted.is_set() for view in app.query(SectionView)) and len(detail.visited) >= len(ahead), "the sections mounted ahead")
        # Nothing more is mounted once the worker that mounts ahead is done.
        await until(pilot, lambda: all(w.is_finished for w in app.workers if w.group == "mount-ahead"), "mounting ahead to end")
        assert sorted(detail.visited) == sorted(ahead)
        # A section past the limit mounts on its first visit, shown once complete.
        await pilot.press("8")
        await until(pilot, lambda: detail.current.display and detail.current.mounted.is_set(), "section 8 shown")
        assert detail.current.section is pack.sections[7] and len(displayed_sections(app)) == 1


async def test_figures_with_hundreds_of_values_show_a_few_cards_and_are_mounted_ahead(tmp_path):
    # One figure per section, a long series whose article values would each make a card.
    pack = load_pack(write_pack(tmp_path / "pack", sections=4, figures_per_section=1, values_per_figure=600), use_cache=False)
    values = len(key_observations(pack.sections[1].figures[0]))
    assert values > MOST_CARDS
    app = make_app(pack)
    mounted_ahead = asyncio.Event()
    mount_each_section = app.explorer._mount_each_section

    async def watched() -> None:
        await mount_each_section()
        mounted_ahead.set()

    app.explorer._mount_each_section = watched
    async with app.run_test(size=(80, 24)):
        await asyncio.wait_for(mounted_ahead.wait(), timeout=30)
        detail = app.query_one(DetailPane)
        assert detail.visited == {section.section_id for section in pack.sections}
        panel = next(view for view in app.query(SectionView) if view.section is pack.sections[1]).panels[0]
        assert len(panel.query_one(FigureCards).texts) == MOST_CARDS
        more = panel.query_one(".more-cards", Static)
        assert str(more.render()) == f"{values - MOST_CARDS:,} more values in the table (t)"


async def test_a_figures_hidden_view_catches_up_with_the_theme_when_shown_again():
    """A table hidden behind the chart is left alone by a theme change, then shown in the new colours."""
    async def picture(theme: str, switch_to: str | None) -> str:
        app = make_app(theme=theme, section_id="closing-the-gap")
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.press("tab", "t", "c")  # the table made, then hidden
            await pilot.pause()
            table = app.explorer.panels[0].query_one(FigureTable)
            if switch_to:
                app.theme = switch_to
                await pilot.pause()
                assert table.styles_stale
            await pilot.press("t")
            await pilot.pause()
            assert table.display and not table.styles_stale
            await pilot.wait_for_scheduled_animations()
            await pilot.pause()
            return app.export_screenshot()

    assert await picture("textual-dark", "textual-light") == await picture("textual-light", None)


async def test_a_table_kept_drawn_across_switches_follows_theme_and_focus():
    """A figure's table keeps the cells it has drawn while it is hidden and shown again,
    yet a theme change or focus moving in and out draws it as a fresh app would; also
    where two themes differ only in the cursor's colour, which no cell's key holds."""
    from textual.theme import Theme

    def theme(name: str, primary: str) -> Theme:
        return Theme(name=name, primary=primary, background="#101010", surface="#181818", panel="#202020", dark=True)

    async def pictures(first: str, then: str | None) -> list[str]:
        app = make_app(section_id="closing-the-gap")
        async with app.run_test(size=(100, 40)) as pilot:
            for each in (theme("reds", "#c03030"), theme("blues", "#3050c0")):
                app.register_theme(each)
            app.theme = first
            await pilot.press("tab", "t", "c", "t", "tab")  # into the table: its cursor drawn as focused
            await pilot.pause()
            assert isinstance(app.focused, FigureTable)
            if then:
                app.theme = then  # while the table is shown
            await pilot.pause()
            taken = [app.export_screenshot()]
            await pilot.press("j", "escape", "c", "t")  # one row down, out again, hidden and shown
            await pilot.pause()
            await pilot.wait_for_scheduled_animations()
            await pilot.pause()
            return [*taken, app.export_screenshot()]

    assert await pictures("reds", "blues") == await pictures("blues", None)
    assert await pictures("textual-dark", "textual-light") == await pictures("textual-light", None)


async def test_a_table_shown_again_draws_no_cell_afresh(monkeypatch):
    """Switching back to a table with nothing changed reuses the cells it drew (most of a
    view switch's frame was redrawing them)."""
    from aiindex_tui.ui.line_table import LineTable

    drawn: list[object] = []
    row_lines = LineTable.row_lines

    def counted(self, cells, *args, **kwargs):
        drawn.append(cells)
        return row_lines(self, cells, *args, **kwargs)

    monkeypatch.setattr(LineTable, "row_lines", counted)
    app = make_app(section_id="closing-the-gap")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("tab", "t")
        await pilot.pause()
        assert drawn  # the first showing draws them
        await pilot.press("c")
        await pilot.pause()
        drawn.clear()
        await pilot.press("t")
        await pilot.pause()
        table = app.explorer.panels[0].query_one(FigureTable)
        assert table.display and table.region.height > 2
        assert drawn == []


async def test_the_sources_view_kept_drawn_follows_theme_and_width():
    """A figure's sources, drawn once and kept while hidden, are drawn again in a new
    theme's colours and wrapped again at a new width, as a fresh app draws them."""
    async def pictures(first: str, then: str | None) -> list[str]:
        app = make_app(theme=first, section_id="closing-the-gap")
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.press("tab", "s", "c", "s")
            await pilot.pause()
            if then:
                app.theme = then
            await pilot.pause()
            taken = [app.export_screenshot()]
            await pilot.resize_terminal(84, 40)  # narrower: the citations wrap again
            await pilot.pause()
            await pilot.wait_for_scheduled_animations()
            await pilot.pause()
            return [*taken, app.export_screenshot()]

    assert await pictures("textual-dark", "textual-light") == await pictures("textual-light", None)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_a_sections_first_visit_draws_its_scroll_bar_from_its_first_frame(size):
    """A section mounted ahead is drawn on its first visit with its scroll bar already there,
    not laid out again once the bar is found to be needed (two more frames)."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        detail = app.query_one(DetailPane)
        await until(pilot, lambda: all(view.mounted.is_set() for view in app.query(SectionView)), "every section mounted")
        await pilot.pause()
        frames: list[tuple[str, bool]] = []
        draw = app._display

        def record(screen, renderable):
            current = detail.current
            if renderable is not None and current is not None and current.display:
                # What the frame holds near the pane's right edge: the bar, or only the section.
                region = current.region
                columns = range(region.right - 4, region.right)
                bar = any(isinstance(screen.get_widget_at(x, region.y)[0], ScrollBar) for x in columns)
                frames.append((current.section.section_id, bar))
            draw(screen, renderable)

        app._display = record
        await pilot.press("j")  # Closing the gap: four charts, taller than the pane
        await until(pilot, lambda: frames and frames[-1][0] == "closing-the-gap", "a frame of the new section")
        await steady(pilot, lambda: len(frames), "the frames of the visit")
        visit = [bar for section, bar in frames if section == "closing-the-gap"]
        assert visit and all(visit), frames
        assert detail.current.max_scroll_y > 0  # it does scroll: the bar was needed


@pytest.mark.parametrize("ahead", [False, True], ids=["visited", "mounted-ahead"])
async def test_a_section_that_cannot_be_drawn_says_so_and_the_rest_works(monkeypatch, ahead):
    broken = "research-output"
    contents = SectionView.contents

    def failing(self, **options):
        if self.section.section_id == broken:
            raise RuntimeError("no chart for you")
        return contents(self, **options)

    monkeypatch.setattr(SectionView, "contents", failing)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        detail = app.query_one(DetailPane)
        if ahead:  # built hidden while the app is idle, before anyone asks for it
            await until(pilot, lambda: broken in detail.visited and detail._views[broken].mounted.is_set(), "the broken section mounted ahead")
        await pilot.press("4")
        await until(pilot, lambda: detail.current is not None and detail.current.display
                    and detail.current.section.section_id == broken, "the broken section shown")
        (failed,) = detail.current.query(".section-failed")
        assert failed.region, "the message is laid out on screen"
        assert "This section could not be drawn (RuntimeError: no chart for you)" in str(failed.render())
        assert "could not be drawn" in screen_text(app)
        assert app.return_code is None  # still running
        await pilot.press("2")  # another section still opens
        await until(pilot, lambda: detail.current.section.section_id == "closing-the-gap"
                    and detail.current.mounted.is_set() and detail.current.display, "another section shown")
        assert app.explorer.panels
