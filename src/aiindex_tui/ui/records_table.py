"""A table of many rows that draws only the lines on screen.

DataTable lays out every row it holds when it is filled, which takes seconds for
a hundred thousand rows; this one keeps the rows as they are and renders a line
when the terminal shows it, so opening, scrolling, filtering and sorting cost
the same for ten rows as for a hundred thousand.
"""

from __future__ import annotations

from typing import Sequence

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from aiindex_tui.pack.sanitize import visible
from aiindex_tui.ui.fitting import cut
from aiindex_tui.ui.workarounds import VirtualSizeInPlace

COLUMN_GAP = 2
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


def fit(text: str, width: int, *, right: bool = False, ellipsis: str = "…") -> str:
    """``text`` in exactly ``width`` cells: cut with an ellipsis, or padded (on the left for numbers)."""
    text = cut(text, width, ellipsis)
    padding = " " * (width - cell_len(text))
    return padding + text if right else text + padding


class RecordsTable(VirtualSizeInPlace, ScrollView, can_focus=True):
    """Rows of text under a fixed header, with a row cursor; sorted and filtered by index."""

    BINDINGS = [
        Binding("down,j", "move(1)", "Down", show=False, tooltip="Next row", id="records.down"),
        Binding("up,k", "move(-1)", "Up", show=False, tooltip="Previous row", id="records.up"),
        Binding("pagedown,space", "page(1)", "Page down", show=False, tooltip="Next page of rows", id="records.page-down"),
        Binding("pageup", "page(-1)", "Page up", show=False, tooltip="Previous page of rows", id="records.page-up"),
        Binding("home,g", "first", "First", show=False, tooltip="First row", id="records.first"),
        Binding("end,G", "last", "Last", show=False, tooltip="Last row", id="records.last"),
        Binding("right,l", "scroll_columns(8)", "Right", show=False, tooltip="Scroll the columns right", id="records.right"),
        Binding("left,h", "scroll_columns(-8)", "Left", show=False, tooltip="Scroll the columns left", id="records.left"),
    ]

    cursor: reactive[int] = reactive(0, repaint=False, init=False)

    class CursorMoved(Message):
        """The cursor is on another row (index into the shown rows)."""

    def __init__(self, columns: Sequence[str], rows: Sequence[Sequence[str]], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.columns = tuple(columns)
        self.rows = rows
        self.shown: list[int] = list(range(len(rows)))
        self.sort_column: int | None = None
        self.sort_reverse = False
        self.arrows = ("▲", "▼")
        self.ellipsis = "…"
        sample = rows[:WIDTH_SAMPLE]
        self.widths = [
            min(MAX_COLUMN_WIDTH, max([cell_len(name) + 2, *(cell_len(row[c]) for row in sample)]))
            for c, name in enumerate(self.columns)
        ]
        self.numeric = [numeric([row[c] for row in sample]) for c in range(len(self.columns))]
        self._sort_keys: dict[int, list] = {}
        self._update_virtual_size()

    # -- what is shown -----------------------------------------------------

    def show(self, indexes: list[int]) -> None:
        """Show these rows (indexes into ``rows``), in the current sort order."""
        self.shown = self._sorted(indexes)
        self.cursor = min(self.cursor, max(0, len(self.shown) - 1))
        self._update_virtual_size()
        self.refresh()

    def sort_by(self, column: int, reverse: bool) -> None:
        self.sort_column, self.sort_reverse = column, reverse
        self.shown = self._sorted(self.shown)
        self.refresh()

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

    def _update_virtual_size(self) -> None:
        width = sum(self.widths) + COLUMN_GAP * len(self.widths)
        self.set_virtual_size(Size(width, len(self.shown) + 1))  # +1: the header line

    # -- drawing -----------------------------------------------------------

    def _line(self, cells: Sequence[str], style: Style) -> list[Segment]:
        gap = " " * COLUMN_GAP
        text = "".join(
            fit(visible(cell), width, right=numeric_column, ellipsis=self.ellipsis) + gap
            for cell, width, numeric_column in zip(cells, self.widths, self.numeric)
        )
        return [Segment(text, style)]

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.size.width
        base = self.rich_style
        if y == 0:
            headers = list(self.columns)
            if self.sort_column is not None:
                headers[self.sort_column] += " " + self.arrows[self.sort_reverse]
            style = base + Style(bold=True, underline=True)
            return Strip(self._line(headers, style)).crop(scroll_x, scroll_x + width).extend_cell_length(width, style)
        index = scroll_y + y - 1
        if index >= len(self.shown):
            return Strip.blank(width, base)
        style = base
        if index == self.cursor:
            cursor_style = self.get_component_rich_style("records-table--cursor")
            style = base + cursor_style if self.has_focus else base + Style(reverse=True, dim=True)
        elif index % 2:
            style = base + self.get_component_rich_style("records-table--even")
        cells = self.rows[self.shown[index]]
        return Strip(self._line(cells, style)).crop(scroll_x, scroll_x + width).extend_cell_length(width, style)

    COMPONENT_CLASSES = {"records-table--cursor", "records-table--even"}
    DEFAULT_CSS = """
    RecordsTable > .records-table--cursor { background: $accent 40%; text-style: bold; }
    RecordsTable > .records-table--even { background: $foreground 4%; }
    """

    # -- keys ----------------------------------------------------------------

    @property
    def page_rows(self) -> int:
        return max(1, self.size.height - 2)

    def watch_cursor(self, old: int, new: int) -> None:
        # Keep the cursor's row in view below the header, then redraw the two lines that changed.
        top = self.scroll_offset.y
        if new < top:
            self.scroll_to(y=new, animate=False, immediate=True)
        elif new >= top + self.size.height - 1:
            self.scroll_to(y=new - self.size.height + 2, animate=False, immediate=True)
        for row in (old, new):
            line = row - self.scroll_offset.y + 1
            if 0 < line < self.size.height:
                self.refresh(Region(0, line, self.size.width, 1))
        self.post_message(self.CursorMoved())

    def _move_to(self, row: int) -> None:
        if self.shown:
            self.cursor = max(0, min(len(self.shown) - 1, row))

    def action_move(self, step: int) -> None:
        self._move_to(self.cursor + step)

    def action_page(self, step: int) -> None:
        self._move_to(self.cursor + step * self.page_rows)

    def action_first(self) -> None:
        self._move_to(0)

    def action_last(self) -> None:
        self._move_to(len(self.shown) - 1)

    def action_scroll_columns(self, step: int) -> None:
        self.scroll_to(x=self.scroll_offset.x + step, animate=False, immediate=True)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
