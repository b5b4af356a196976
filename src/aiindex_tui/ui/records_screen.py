"""The rows behind a figure's counts: filter by typing, sort by any column, counts by group."""

from __future__ import annotations

from collections import Counter
from itertools import chain, compress, repeat
from operator import contains, itemgetter
from pathlib import Path
from typing import Callable

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input, Static

from aiindex_tui.output.files import slug
from aiindex_tui.output.formats import DATA_FORMATS
from aiindex_tui.output.glyphs import Glyphs
from aiindex_tui.pack.model import Figure, Pack, RecordSet
from aiindex_tui.ui.footer import ExplorerFooter
from aiindex_tui.ui.frequency_screen import FrequencyScreen, Grouping
from aiindex_tui.ui.modal import ExplorerModal
from aiindex_tui.ui.records_table import RecordsTable

# Columns worth counting by, in order of preference; else the first with few values.
GROUP_PREFERENCE = ("country", "side", "organisation")
MAX_GROUPS_SHOWN = 6


def group_candidates(records: RecordSet) -> list[int]:
    """Columns that make useful groups: the preferred ones first, then any with few values."""
    preferred = [records.columns.index(name) for name in GROUP_PREFERENCE if name in records.columns]
    few = [
        c for c in range(len(records.columns))
        if c not in preferred and len({row[c] for row in records.rows[:5000]}) <= 40
    ]
    return preferred + few or [0]


class RowFilter(Input):
    """The rows screen's filter, which updates the rows as the value changes, in the frame
    that draws the typed character (``Input.Changed`` arrives after that frame, and so
    every keystroke drew two)."""

    # The text's width sets how far the input scrolls sideways; Input stores it as a layout
    # reactive, which laid out the screen again, one frame after each keystroke.
    virtual_size = Reactive(Size(0, 0), layout=False)

    def __init__(self, on_change: Callable[[str], None], **kwargs) -> None:
        super().__init__(**kwargs)
        self.on_change = on_change

    def watch_value(self, value: str) -> None:
        self.on_change(value)


TABLE_KEYS = "jkgGhloObey "  # keys of the rows themselves (cursor, columns, sort, groups, export, copy, paging)


class RecordsScreen(ExplorerModal):
    """A full-screen table of records; typing filters it, the status line counts by group."""

    BINDINGS = [
        Binding("escape", "close", "Close", tooltip="Clear the filter, then go back to the figure", id="records.close"),
        # A dialog hides the app's own keys; in the filter, q is a letter like any other.
        Binding("q", "app.quit", "Quit", show=False, tooltip="Quit and restore the terminal", id="records.quit"),
        Binding("tab", "switch_focus", "Filter/rows", tooltip="Move between the filter and the rows", id="records.focus"),
        Binding("o", "sort_next", "Sort", tooltip="Sort by the next column", id="records.sort"),
        Binding("O", "sort_reverse", "Reverse", tooltip="Reverse the order", id="records.reverse"),
        Binding("b", "frequencies", "Count by", tooltip="Count the rows shown by a column: every group, its rows and share", id="records.group"),
        Binding("e", "export", "Export", tooltip="Export the rows shown, with their sources (CSV, JSON, Markdown)", id="records.export"),
        Binding("y", "copy", "Copy", show=False, tooltip="Copy the rows shown, with their sources (OSC 52)", id="records.copy"),
    ]

    def __init__(
        self, records: RecordSet, indexes: tuple[int, ...], *, title: str, scope: str, glyphs: Glyphs,
        counted_as: dict[int, tuple[str, ...]] | None = None, pack: Pack | None = None, figure: Figure | None = None,
        export_directory: Path | None = None,
    ) -> None:
        super().__init__()
        self.pack = pack  # with the figure: what exports and copies cite
        self.figure = figure
        self.export_directory = export_directory
        self.records = records
        self.indexes = list(indexes)
        self.title_text = title
        self.scope = scope
        self.glyphs = glyphs
        self.counted_as = counted_as or {}
        # Group by what the figure counts each row as first (its own numbers come back), then by columns.
        self.groups: list[int | None] = ([None] if self.counted_as else []) + group_candidates(records)
        self.group = 0
        # Lower-cased once, so each keystroke of the filter is one pass of substring tests.
        self._haystacks = ["\x1f".join(records.rows[i]).casefold() for i in self.indexes]
        # The rows shown for each query typed so far: a backspace finds its rows here, and a
        # longer query searches only the rows of the one it extends.
        self._matches: dict[str, range | list[int]] = {"": range(len(self.indexes))}  # positions in indexes
        self._query = ""
        self.kept_group: tuple[int | None, str] | None = None  # (column, name) chosen in the counts
        # Counts by group for each query and grouping shown so far, and each column's cells.
        self._counts: dict[tuple, Counter] = {}
        self._column_cells: dict[int, list[str]] = {}

    def compose(self) -> ComposeResult:
        # What the rows are behind comes first: the title may be cut at 80 columns.
        heading = Text(f"Rows behind {self.scope}", style="bold")
        heading.append(f"{self.glyphs.dot}{self.title_text}")
        yield Static(heading, id="records-title")
        filter_input = RowFilter(
            self._filter, placeholder="Type to filter the rows (any column)", id="records-filter", select_on_focus=False,
        )
        filter_input.cursor_blink = False  # a blinking cursor sends bytes twice a second over SSH
        yield filter_input
        table = RecordsTable(
            self.records.columns, self.records.rows, id="records-table",
            arrows=(self.glyphs.ascending, self.glyphs.descending), ellipsis=self.glyphs.ellipsis,
        )
        table.show(self.indexes)
        yield table
        yield Static(id="records-status")
        yield ExplorerFooter()

    def on_mount(self) -> None:
        super().on_mount()
        # At once: keys typed before the screen was ready are replayed next, to the rows.
        self.set_focus(self.query_one(RecordsTable))
        self._update_status()

    @property
    def is_typing(self) -> bool:
        return isinstance(self.focused, Input)

    def app_action_allowed(self, action: str) -> bool:
        # Over the rows, keys for the figures underneath would act unseen; and
        # while the filter has focus, ? is text.
        return action in ("quit", "screenshot") or (action == "help" and not self.is_typing)

    @property
    def table(self) -> RecordsTable:
        return self.query_one(RecordsTable)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Letters typed into the filter are text, not keys for sorting or grouping.
        if action in ("sort_next", "sort_reverse", "frequencies", "export", "copy") and isinstance(self.focused, Input):
            return False
        if action in ("export", "copy") and (self.pack is None or self.figure is None):
            return False
        return super().check_action(action, parameters)

    def on_key(self, event: events.Key) -> None:
        super().on_key(event)
        if not self._ready_for_keys:
            return
        # Typing in the rows starts a filter with that character (the rows keep their own keys). A
        # key that reaches here with the filter focused was queued for the rows in the same burst
        # (the filter takes its own keys): it belongs to the filter whatever it is, or a fast
        # typist's letters after the first that are also table keys ("h", "o" of "anthropic") are lost.
        if not event.is_printable or event.character is None:
            return
        if isinstance(self.focused, Input) or (isinstance(self.focused, RecordsTable) and event.character not in TABLE_KEYS):
            filter_input = self.query_one(Input)
            filter_input.value += event.character
            filter_input.cursor_position = len(filter_input.value)
            self.set_focus(filter_input)
            event.stop()

    def on_paste(self, event: events.Paste) -> None:
        """Text pasted while the rows have focus goes into the filter, as typed letters do."""
        if isinstance(self.focused, RecordsTable) and event.text:
            filter_input = self.query_one(Input)
            filter_input.value += " ".join(event.text.split())  # one line: a filter holds no line breaks
            filter_input.cursor_position = len(filter_input.value)
            self.set_focus(filter_input)
            event.stop()

    def _filter(self, value: str) -> None:
        self._query = value.casefold().strip()
        self._show_rows()

    def _show_rows(self) -> None:
        rows = self.matching(self._query)
        if self.kept_group is not None:
            column, name = self.kept_group
            if column is None:
                rows = [i for i in rows if name in self.counted_as.get(i, ())]
            else:
                rows = [i for i in rows if self.records.rows[i][column] == name]
        self.table.show(rows)
        self._update_status()

    def matching(self, wanted: str) -> list[int]:
        """Indexes of the rows with ``wanted`` (lower-cased) in any column."""
        positions = self._matches.get(wanted)
        if positions is None:
            # The longest query typed so far that this one extends: its rows are the only candidates.
            base = max((query for query in self._matches if wanted.startswith(query)), key=len)
            candidates = self._matches[base]
            haystacks = map(self._haystacks.__getitem__, candidates)
            positions = self._matches[wanted] = list(compress(candidates, map(contains, haystacks, repeat(wanted))))
        return list(map(self.indexes.__getitem__, positions))

    @on(Input.Submitted, "#records-filter")
    def _rows_after_filter(self) -> None:
        self.set_focus(self.table)

    def _update_status(self) -> None:
        table = self.table
        grouping = self.grouping(self.group)
        by, counts = grouping.by, grouping.counts
        # Two lines, each cut to the width (app.tcss): the count, then the groups.
        text = Text(f"{len(table.shown):,} of {len(self.indexes):,} rows", style="bold")
        if self.kept_group is not None:
            column, name = self.kept_group
            kept_by = "counted as" if column is None else self.records.columns[column]
            text.append(f"{self.glyphs.dot}only {kept_by} {name or '(blank)'}")
        text.append("\n")
        text.append(f"by {by}: ")
        parts = [f"{name or '(blank)'} {count:,}" for name, count in counts.most_common(MAX_GROUPS_SHOWN)]
        rest = len(counts) - MAX_GROUPS_SHOWN
        if rest > 0:
            parts.append(f"{rest} more (b lists all)")
        text.append(", ".join(parts))
        self.query_one("#records-status", Static).update(text, layout=False)  # its height is fixed

    def _count(self, column: int | None, shown: list[int]) -> Counter:
        """How many of the ``shown`` rows fall in each group of ``column`` (None: what the
        figure counts them as). Whole-column steps: 100,000 rows take milliseconds."""
        if column is None:
            return Counter(chain.from_iterable(map(self.counted_as.get, shown, repeat(()))))
        cells = self._column_cells.get(column)
        if cells is None:
            cells = self._column_cells[column] = list(map(itemgetter(column), self.records.rows))
        return Counter(map(cells.__getitem__, shown))

    def action_switch_focus(self) -> None:
        self.set_focus(self.table if isinstance(self.focused, Input) else self.query_one(Input))

    def action_sort_next(self) -> None:
        table = self.table
        column = 0 if table.sort_column is None else (table.sort_column + 1) % len(self.records.columns)
        table.sort_by(column, table.sort_reverse)

    def action_sort_reverse(self) -> None:
        table = self.table
        table.sort_by(table.sort_column if table.sort_column is not None else 0, not table.sort_reverse)

    def grouping(self, group: int) -> Grouping:
        """The rows shown counted by the ``group``-th column of ``groups``."""
        column = self.groups[group]
        key = (self._query, self.kept_group, group)
        counts = self._counts.get(key)
        if counts is None:
            counts = self._counts[key] = self._count(column, self.table.shown)
        return Grouping("counted as" if column is None else self.records.columns[column], counts, len(self.table.shown))

    def selection_words(self) -> str:
        """The rows shown, in words: the group kept and the filter typed."""
        parts = []
        if self.kept_group is not None:
            column, name = self.kept_group
            by = "counted as" if column is None else self.records.columns[column]
            parts.append(f"{by} {name or '(blank)'}")
        if self._query:
            parts.append(f'containing "{self._query}"')
        return ", ".join(parts)

    def action_frequencies(self) -> None:
        """Every group of the rows shown; the one chosen is kept."""
        def chosen(result: tuple[int, str] | None) -> None:
            if result is not None:
                self.group = result[0]
                self.kept_group = (self.groups[result[0]], result[1])
                self._show_rows()

        self.app.push_screen(
            FrequencyScreen(self.grouping, self.group, len(self.groups), glyphs=self.glyphs, title=self.title_text), chosen,
        )

    def _rows_text(self) -> tuple[str, str]:
        """The rows shown, as a title and tab-separated lines with their sources cited."""
        from aiindex_tui.output.records import records_tsv_lines

        assert self.pack is not None and self.figure is not None
        rows = self.table.shown
        lines = records_tsv_lines(self.records, rows)
        sources = dict.fromkeys(self.records.source_ids[i] for i in rows)
        cited = [self.pack.sources[s].citation for s in sources if s in self.pack.sources]
        title = f"Rows behind {self.scope}: {self.title_text}"
        selection = self.selection_words()
        heading = [title] + ([f"{len(rows):,} rows: {selection}"] if selection else [])
        return title, "\n".join(heading + lines + ["Sources: " + "; ".join(cited)]) + "\n"

    def action_copy(self) -> None:
        title, text = self._rows_text()
        self.app.copy_to_clipboard(text)
        self.notify(f"Copied {len(self.table.shown):,} rows with their sources", title="Clipboard", timeout=3, markup=False)

    def action_export(self) -> None:
        from aiindex_tui.output.records import RECORD_RENDERERS
        from aiindex_tui.ui.export_dialog import BrowserDownload, ExportDialog, ExportJob
        from aiindex_tui.ui.pictures import download

        assert self.pack is not None and self.figure is not None
        pack, figure, rows, selection = self.pack, self.figure, list(self.table.shown), self.selection_words()
        job = ExportJob(
            f"{len(rows):,} rows behind {figure.title}", "rows", DATA_FORMATS,
            f"aiindex-{slug(figure.figure_id)}-rows", pack,
            lambda fmt: RECORD_RENDERERS[fmt](pack, figure, rows, selection),
        )

        def exported(result: Path | BrowserDownload | None) -> None:
            if isinstance(result, BrowserDownload):
                download(self, result.name, job.render(result.format), job.title)
            elif result is not None:
                self.notify(f"Exported {len(rows):,} rows to {result}", title="Export", timeout=6, markup=False)

        self.app.push_screen(
            ExportDialog(job, glyphs=self.glyphs, directory=self.export_directory, to_browser=self.app.is_web), exported,
        )

    def action_close(self) -> None:
        filter_input = self.query_one(Input)
        if filter_input.value:
            filter_input.value = ""  # the first escape clears the filter, wherever the focus is
            return
        if self.kept_group is not None:
            self.kept_group = None  # then the group kept from the counts
            self._show_rows()
            return
        self.dismiss()
