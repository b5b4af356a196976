"""The footer: the keys that act where the focus is, whole, clickable, and current after each key."""

from __future__ import annotations

from aiindex_tui.ui.app import make_app
from aiindex_tui.ui.figure_table import FigureTable
from aiindex_tui.ui.footer import ExplorerFooter


def footer_line(app) -> str:
    return app.query_one(ExplorerFooter).render().plain


async def test_only_whole_keys_are_drawn_in_the_narrowest_terminal():
    app = make_app()
    async with app.run_test(size=(60, 24)) as pilot:
        await pilot.press("2", "enter")  # a figure: more keys than 60 columns hold
        await pilot.pause()
        footer = app.query_one(ExplorerFooter)
        line = footer_line(app)
        items = [f"{key.display} {key.description}" for key in footer.shown_keys()]
        drawn = [item for item in items if item in line]
        assert len(drawn) < len(items), "the figure's keys should not all fit in 60 columns"
        assert line.rstrip() == " ".join(drawn), "a key was cut, or drawn out of order"
        assert len(line) <= 60


async def test_the_footer_follows_the_focus_and_the_view():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert footer_line(app).startswith("enter Open")  # the sections list
        await pilot.press("2", "enter")
        await pilot.pause()
        assert "z Zoom" in footer_line(app) and "o Sort" not in footer_line(app)
        await pilot.press("t")
        await pilot.pause()
        assert "o Sort" in footer_line(app)


async def test_a_click_on_a_key_presses_it_and_hovering_explains_it():
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("2", "enter")
        await pilot.pause()
        footer = app.query_one(ExplorerFooter)
        line = footer_line(app)
        x = line.index("t Table")
        await pilot.hover(ExplorerFooter, offset=(x, 0))
        assert footer.tooltip == "Show figures as tables of exact numbers"
        await pilot.click(ExplorerFooter, offset=(x, 0))
        await pilot.pause()
        assert app.explorer.view == "table" and app.explorer.panels[0].query(FigureTable)


async def test_the_footer_under_a_dialog_names_the_dialogs_keys():
    """The export dialog and the help each draw their own footer on the last line: their
    keys, not the explorer's behind them."""
    from tests.support.screens import screen_text
    from tests.support.waiting import until

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await until(pilot, lambda: app.screen.query(ExplorerFooter) and "Cancel" in screen_text(app).splitlines()[-1], "the export dialog's keys")
        assert "Chart" not in screen_text(app).splitlines()[-1]
        await pilot.press("escape")
        await until(pilot, lambda: "Chart" in screen_text(app).splitlines()[-1], "the explorer's keys again")
        await pilot.press("question_mark")
        await until(pilot, lambda: "Close help" in screen_text(app).splitlines()[-1], "the help's keys")
        assert "Export" not in screen_text(app).splitlines()[-1]
