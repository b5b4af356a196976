"""The rows filter stays exact while it reuses what earlier keystrokes found, and scrolls its text."""

from __future__ import annotations

import pytest
from textual import events

from aiindex_tui.ui.app import make_app
from aiindex_tui.pack.model import RecordSet
from aiindex_tui.output.glyphs import ASCII, UNICODE
from aiindex_tui.ui.records_screen import RecordsScreen, RowFilter
from aiindex_tui.ui.records_table import RecordsTable
from tests.support.packs import many_records
from tests.support.waiting import until


async def open_rows(app, pilot, records: RecordSet, glyphs=UNICODE) -> RecordsScreen:
    """Show every row of ``records`` on a rows screen, and wait until its rows are laid out."""
    screen = RecordsScreen(records, tuple(range(len(records.rows))), title="Rows", scope="all", glyphs=glyphs)
    app.push_screen(screen)
    await until(pilot, lambda: app.screen is screen and screen.query(RecordsTable) and screen.query_one(RecordsTable).size, "the rows laid out", step=None)
    return screen


async def test_the_filter_gives_the_same_rows_typed_forward_backward_or_afresh():
    records = many_records(3_000)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_rows(app, pilot, records)
        table = screen.query_one(RecordsTable)

        def expected(query: str) -> list[int]:
            return [i for i, row in enumerate(records.rows) if query in "\x1f".join(row).casefold()]

        await pilot.press("tab", *"model 002")
        await pilot.pause()
        assert table.shown == expected("model 002") and len(table.shown) == 1_000
        await pilot.press("backspace", "backspace")
        await pilot.pause()
        assert table.shown == expected("model 0")
        await pilot.press(*"1china")  # a query not typed before extends "model 01"
        await pilot.pause()
        assert table.shown == expected("model 01china") == []
        assert screen.matching("china") == expected("china")  # afresh, not from an earlier query
        status = str(screen.query_one("#records-status").render())
        assert status.startswith("0 of 3,000 rows")
        await pilot.press(*["backspace"] * 6)  # back to "model 0": its counts again, for its rows
        await pilot.pause()
        lines = str(screen.query_one("#records-status").render()).splitlines()
        assert lines[0] == f"{len(expected('model 0')):,} of 3,000 rows" and lines[1].startswith("by ")


async def test_a_filter_longer_than_the_line_scrolls_to_keep_the_cursor_in_view():
    records = many_records(100)
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await open_rows(app, pilot, records)
        typed = "abcdefghij" * 8
        await pilot.press("tab", *typed)
        await pilot.pause()
        line = app.screen.query_one(RowFilter).render_line(0).text.rstrip()
        assert line.endswith("hij") and not line.startswith("abc")  # the end in view, the start scrolled off
        await pilot.press("home")
        await pilot.pause()
        assert app.screen.query_one(RowFilter).render_line(0).text.startswith("abcdefghij")


async def test_letters_typed_in_the_rows_in_one_burst_all_go_to_the_filter():
    # Over SSH a fast typist's (or a paste's) keys arrive together: all are queued for the
    # rows before the first moves the focus to the filter.
    records = many_records(100)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_rows(app, pilot, records)
        assert isinstance(app.focused, RecordsTable)
        for character in "rest":
            app.post_message(events.Key(character, character))
        await pilot.pause()
        assert app.screen.query_one(RowFilter).value == "rest"
        assert app.screen.query_one(RecordsTable).shown == [i for i, row in enumerate(records.rows) if "rest" in "\x1f".join(row).casefold()]


async def test_table_keys_inside_a_typed_word_go_to_the_filter():
    # "anthropic" holds h and o, the rows' keys for columns and sorting; typed fast they all
    # arrive queued for the rows, after the first has already moved the focus to the filter.
    records = many_records(100)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_rows(app, pilot, records)
        for character in "anthropic":
            app.post_message(events.Key(character, character))
        await until(pilot, lambda: app.screen.query_one(RowFilter).value == "anthropic", "the whole word in the filter")
        assert app.screen.query_one(RecordsTable).shown == [
            i for i, row in enumerate(records.rows) if "anthropic" in "\x1f".join(row).casefold()
        ]


async def test_a_paste_into_the_rows_filters_them_and_escape_clears_before_it_closes():
    records = many_records(100)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_rows(app, pilot, records)
        assert isinstance(app.focused, RecordsTable)
        app.post_message(events.Paste("model 00\n1"))  # a paste across a line break is one line of filter
        await until(pilot, lambda: screen.query_one(RowFilter).value == "model 00 1", "the pasted filter")
        assert isinstance(app.focused, RowFilter)
        await pilot.press("tab")  # back to the rows, the filter still set
        assert isinstance(app.focused, RecordsTable)
        await pilot.press("escape")
        await until(pilot, lambda: screen.query_one(RowFilter).value == "", "the filter cleared")
        assert app.screen is screen, "the first escape clears the filter, it does not close the rows"
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is not screen, "the rows closed")


@pytest.mark.parametrize("ascii_only", [False, True])
async def test_the_status_keeps_two_lines_cut_to_the_width(ascii_only):
    # Many long group names: the counts line is cut, not wrapped onto a third line; the
    # ellipsis only where the terminal has one.
    rows = tuple((f"m{i}", f"a country with a long name {i % 9}", "1") for i in range(90))
    records = RecordSet("long", ("model", "country", "score"), rows, tuple(f"r{i}" for i in range(90)), ("s",) * 90, (("o",),) * 90)
    app = make_app(ascii_only=ascii_only)
    async with app.run_test(size=(60, 20)) as pilot:
        glyphs = ASCII if ascii_only else UNICODE
        await open_rows(app, pilot, records, glyphs)
        status = app.screen.query_one("#records-status")
        lines = [status.render_line(y).text.rstrip() for y in range(status.size.height)]
        assert lines[0] == "90 of 90 rows" and len(lines) == 2
        groups = ", ".join(f"a country with a long name {n} 10" for n in range(6))
        whole = f"by country: {groups}, 3 more"
        assert whole.startswith(lines[1].removesuffix("…")) and len(lines[1]) < len(whole)
        assert ("…" not in lines[1]) if ascii_only else (lines[1].endswith("…") and lines[1].count("…") == 1)
