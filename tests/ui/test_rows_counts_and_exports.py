"""The rows screen as VisiData users expect: every group counted, one kept, the rows shown exported or copied."""

from __future__ import annotations

import csv
import io
from collections import Counter

from aiindex_tui.ui.app import make_app
from aiindex_tui.ui.export_dialog import ExportDialog
from aiindex_tui.ui.frequency_screen import FrequencyScreen, FrequencyTable
from aiindex_tui.ui.line_table import COLUMN_GAP
from aiindex_tui.ui.records_screen import RecordsScreen
from aiindex_tui.ui.records_table import RecordsTable
from tests.support.screens import screen_text
from tests.support.waiting import until

FIGURE = "notable-models-every-country"


async def open_rows(pilot, app) -> RecordsScreen:
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, RecordsScreen) and app.screen.table.size, "the rows screen")
    return app.screen


async def test_b_lists_every_group_with_its_rows_and_share_and_enter_keeps_one():
    app = make_app(figure_id=FIGURE)
    async with app.run_test(size=(80, 24)) as pilot:
        rows = await open_rows(pilot, app)
        await pilot.press("b", "b")  # counted as, then by country
        await until(pilot, lambda: isinstance(app.screen, FrequencyScreen)
                    and app.screen.query_one(FrequencyTable).grouping.by == "country", "the counts by country")
        counts = app.screen.query_one(FrequencyTable)
        country = rows.records.columns.index("country")
        expected = Counter(rows.records.rows[i][country] for i in rows.indexes)
        assert dict(counts.grouping.counts) == dict(expected)  # every group, not the first few
        assert [name for name, _ in counts.groups] == [name for name, _ in sorted(expected.items(), key=lambda i: (-i[1], i[0]))]
        china = next(n for n, (name, _) in enumerate(counts.groups) if name == "China")
        share = f"{100 * expected['China'] / len(rows.indexes):.1f}%"
        assert share in screen_text(app)
        for _ in range(china):
            await pilot.press("j")
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is rows and rows.kept_group is not None, "back on the rows")
        shown = [rows.records.rows[i][country] for i in rows.table.shown]
        assert shown and set(shown) == {"China"} and len(shown) == expected["China"]
        assert "only country China" in screen_text(app)
        await pilot.press("escape")  # the group first, then the screen
        await until(pilot, lambda: rows.kept_group is None, "the group let go")
        assert len(rows.table.shown) == len(rows.indexes) and app.screen is rows
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, RecordsScreen), "the rows closed")


async def test_e_exports_only_the_rows_shown_with_their_sources(tmp_path):
    app = make_app(figure_id=FIGURE, export_directory=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        rows = await open_rows(pilot, app)
        await pilot.press(*"deepseek")
        await until(pilot, lambda: 0 < len(rows.table.shown) < len(rows.indexes), "the rows filtered")
        shown = list(rows.table.shown)
        await pilot.press("tab", "e")  # back to the rows, where e is a key
        await until(pilot, lambda: isinstance(app.screen, ExportDialog), "the export dialog")
        assert app.screen.job.kind == "rows" and app.screen.job.formats == ("csv", "json", "markdown")
        await pilot.press("enter")
        written = tmp_path / f"aiindex-{FIGURE}-rows.csv"
        await until(pilot, written.exists, "the file written")
        table = list(csv.DictReader(io.StringIO(written.read_text(encoding="utf-8"))))
        assert [row["record_id"] for row in table] == [rows.records.record_ids[i] for i in shown]
        assert all("deepseek" in " ".join(row.values()).casefold() for row in table)
        assert all(row["citation"] for row in table)


async def test_y_copies_the_rows_shown_tab_separated_with_their_sources():
    app = make_app(figure_id=FIGURE)
    async with app.run_test(size=(100, 30)) as pilot:
        rows = await open_rows(pilot, app)
        await pilot.press("tab", *"kimi")  # k is a key of the rows: into the filter first
        await until(pilot, lambda: 0 < len(rows.table.shown) < 10, "the rows filtered")
        await pilot.press("tab", "y")
        await until(pilot, lambda: "Sources:" in app.clipboard, "the rows copied")
        lines = app.clipboard.splitlines()
        assert 'containing "kimi"' in lines[1]
        assert lines[2].split("\t") == list(rows.records.columns)
        assert len([line for line in lines if "\t" in line]) == len(rows.table.shown) + 1
        assert "Epoch AI" in lines[-1]


async def test_h_and_l_move_the_columns_one_at_a_time():
    app = make_app(figure_id=FIGURE)
    async with app.run_test(size=(60, 20)) as pilot:
        rows = await open_rows(pilot, app)
        table = rows.query_one(RecordsTable)
        first = table.columns[0].width + COLUMN_GAP
        await pilot.press("l")
        await until(pilot, lambda: table.scroll_offset.x == first, "the second column at the left edge")
        await pilot.press("l")
        await until(pilot, lambda: table.scroll_offset.x > first, "the third column")
        await pilot.press("h", "h")
        await until(pilot, lambda: table.scroll_offset.x == 0, "back at the first column")
