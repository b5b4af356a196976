"""Every group of the rows shown, with its count and share: enter keeps only that group's rows."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from aiindex_tui.output.glyphs import Glyphs
from aiindex_tui.ui.footer import ExplorerFooter
from aiindex_tui.ui.line_table import Cell, Column, LineTable
from aiindex_tui.ui.modal import ExplorerModal
from aiindex_tui.ui.scrolling import row_cursor_bindings

@dataclass(frozen=True)
class Grouping:
    """The rows shown counted by one column (or by what the figure counts them as)."""

    by: str  # the column's name, in words
    counts: Counter
    rows: int  # how many rows were counted

    def ordered(self) -> list[tuple[str, int]]:
        """Largest group first; equal counts by name, so the order is the same every time."""
        return sorted(self.counts.items(), key=lambda item: (-item[1], item[0]))


class FrequencyTable(LineTable):
    """One line per group: its rows, its share of the rows and its name."""

    BINDINGS = [
        *row_cursor_bindings("groups", "group"),
        Binding("enter", "choose", "Keep", key_display="enter", tooltip="Keep only the rows of this group", id="groups.keep"),
    ]

    def __init__(self, grouping: Grouping, *, ellipsis: str) -> None:
        super().__init__(ellipsis=ellipsis, id="frequency-table")
        self.set_grouping(grouping)

    def set_grouping(self, grouping: Grouping) -> None:
        self.grouping = grouping
        self.groups = grouping.ordered()
        names = [name or "(blank)" for name, _ in self.groups]
        # The counts first and the group's name last, whole: names that differ only at the
        # end ("United Kingdom ..., United States of America") stay told apart.
        self._cells = [
            [f"{count:,}", f"{100 * count / max(1, grouping.rows):.1f}%", name]
            for name, (_, count) in zip(names, self.groups)
        ]
        self.columns = (
            Column("rows", max(4, *(cell_len(row[0]) for row in self._cells)), right=True),
            Column("share", 6, right=True),
            Column(grouping.by, max(cell_len(grouping.by), *(cell_len(row[2]) for row in self._cells))),
        )
        self.cursor = 0
        self.update_size()

    @property
    def row_count(self) -> int:
        return len(self.groups)

    def cells(self, index: int) -> list[Cell]:
        return self._cells[index]


class FrequencyScreen(ExplorerModal):
    """The rows shown, counted by a column: every group, not the few a status line has room for.

    ``b`` counts by the next column, enter keeps only the highlighted group's rows
    (the screen closes with its column and name), esc goes back to the rows as they were.
    """

    BINDINGS = [
        Binding("escape", "close", "Back", key_display="esc", tooltip="Back to the rows", id="groups.close"),
        Binding("q", "app.quit", "Quit", show=False, tooltip="Quit and restore the terminal", id="groups.quit"),
        Binding("b", "next_column", "Count by", tooltip="Count the rows by the next column", id="groups.next"),
    ]

    def __init__(
        self, count_by: Callable[[int], Grouping], start: int, columns: int, *, glyphs: Glyphs, title: str,
    ) -> None:
        super().__init__()
        self.count_by = count_by  # the grouping of each column, by its place in the rows screen's list
        self.column = start
        self.columns = columns
        self.glyphs = glyphs
        self.title_text = title

    def app_action_allowed(self, action: str) -> bool:
        return action in ("quit", "screenshot", "help")  # nothing here is text: help is a key too

    def compose(self) -> ComposeResult:
        yield Static(id="frequency-title")
        yield FrequencyTable(self.count_by(self.column), ellipsis=self.glyphs.ellipsis)
        yield ExplorerFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.set_focus(self.query_one(FrequencyTable))
        self._update_title()

    def _update_title(self) -> None:
        grouping = self.query_one(FrequencyTable).grouping
        title = Text(f"{grouping.rows:,} rows by {grouping.by}: {len(grouping.counts):,} groups", style="bold")
        title.append(f"{self.glyphs.dot}{self.title_text}")
        self.query_one("#frequency-title", Static).update(title)

    def action_next_column(self) -> None:
        self.column = (self.column + 1) % self.columns
        self.query_one(FrequencyTable).set_grouping(self.count_by(self.column))
        self._update_title()

    def on_line_table_row_chosen(self, event: LineTable.RowChosen) -> None:
        event.stop()
        table = self.query_one(FrequencyTable)
        self.dismiss((self.column, table.groups[event.index][0]))

    def action_close(self) -> None:
        self.dismiss(None)
