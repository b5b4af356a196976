"""The rows screen's table: record rows sorted and filtered by index, never copied."""

from __future__ import annotations

from typing import Sequence

from rich.cells import cell_len

from aiindex_tui.ui.line_table import Cell, Column, LineTable
from aiindex_tui.ui.scrolling import row_cursor_bindings

MAX_COLUMN_WIDTH = 28
WIDTH_SAMPLE = 2000  # rows measured for column widths: enough to see each column's usual length


def numeric(values: Sequence[str]) -> bool:
    """Whether every non-empty value reads as a number, so the column sorts by value."""
    seen = False
    for value in values:
        if value:
            try:
                float(value)
            except ValueError:
                return False
            seen = True
    return seen


class RecordsTable(LineTable):
    """Rows of text under a fixed header, with a row cursor; sorted and filtered by index."""

    BINDINGS = row_cursor_bindings("records", "row")

    def __init__(
        self, columns: Sequence[str], rows: Sequence[Sequence[str]], *,
        arrows: tuple[str, str] = ("▲", "▼"), ellipsis: str = "…", id: str | None = None,
    ) -> None:
        super().__init__(ellipsis=ellipsis, id=id)
        self.names = tuple(columns)
        self.rows = rows
        self.shown: list[int] = list(range(len(rows)))
        self.sort_column: int | None = None
        self.sort_reverse = False
        self.arrows = arrows
        sample = rows[:WIDTH_SAMPLE]
        self.numeric = [numeric([row[c] for row in sample]) for c in range(len(self.names))]
        self.columns = tuple(
            Column(name, min(MAX_COLUMN_WIDTH, max([cell_len(name) + 2, *(cell_len(row[c]) for row in sample)])), self.numeric[c])
            for c, name in enumerate(self.names)
        )
        self._sort_keys: dict[int, list] = {}
        self.update_size()

    @property
    def row_count(self) -> int:
        return len(self.shown)

    def cells(self, index: int) -> Sequence[Cell]:
        return self.rows[self.shown[index]]

    def header_cells(self) -> Sequence[Cell]:
        headers = list(self.names)
        if self.sort_column is not None:
            headers[self.sort_column] += " " + self.arrows[self.sort_reverse]
        return headers

    def show(self, indexes: list[int]) -> None:
        """Show these rows (indexes into ``rows``), in the current sort order."""
        self.shown = self._sorted(indexes)
        self.update_size()

    def sort_by(self, column: int, reverse: bool) -> None:
        self.sort_column, self.sort_reverse = column, reverse
        self.shown = self._sorted(self.shown)
        self.update_size()

    def _sorted(self, indexes: list[int]) -> list[int]:
        if self.sort_column is None:
            return sorted(indexes, reverse=self.sort_reverse)
        keys = self._sort_keys.get(self.sort_column)
        if keys is None:
            keys = self._sort_keys[self.sort_column] = self._keys_of(self.sort_column)
        return sorted(indexes, key=keys.__getitem__, reverse=self.sort_reverse)

    def _keys_of(self, column: int) -> list:
        values = [row[column] for row in self.rows]
        if self.numeric[column] and numeric(values):
            # Empty cells sort first, then by value.
            return [(1, float(v)) if v else (0, 0.0) for v in values]
        return [v.casefold() for v in values]

    @property
    def current_row(self) -> Sequence[str] | None:
        return self.rows[self.shown[self.cursor]] if self.shown else None
