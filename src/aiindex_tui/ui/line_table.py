"""The app's one table widget: rows under a header, a row cursor, only the lines on screen drawn.

A figure's table, the overview's headline values and the rows screen are all
this widget. It renders a line when the terminal shows it (as toolong's line
view does), so a table costs the same to open, scroll, sort or filter with ten
rows as with a hundred thousand, and hiding and showing it again draws nothing
anew. Subclasses say what a row's cells are; the base draws, scrolls and moves
the cursor. bench/table_choice.py measured it against textual-fastdatatable on
the rows screen (docs/performance.md has the numbers and the choice).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence, Union

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from aiindex_tui.pack.sanitize import visible
from aiindex_tui.ui.fitting import cut, cut_text
from aiindex_tui.ui.workarounds import VirtualSizeInPlace

COLUMN_GAP = 2
LINE_CACHE = 400  # drawn lines kept: a few screens' worth at the largest terminal

Cell = Union[str, Text]


@dataclass(frozen=True)
class Column:
    label: str
    width: int
    right: bool = False  # numbers line up on the right


def fit(text: str, width: int, *, right: bool = False, ellipsis: str = "…") -> str:
    """``text`` in exactly ``width`` cells: cut with an ellipsis, or padded (on the left for numbers)."""
    text = cut(text, width, ellipsis)
    padding = " " * (width - cell_len(text))
    return padding + text if right else text + padding


def fit_text(text: Text, width: int, *, right: bool = False, ellipsis: str = "…") -> Text:
    """Styled text in exactly ``width`` cells, as ``fit``."""
    text = cut_text(text, width, ellipsis)
    padding = " " * (width - text.cell_len)
    if not padding:
        return text
    return Text.assemble(padding, text) if right else Text.assemble(text, padding)


class LineTable(VirtualSizeInPlace, ScrollView, can_focus=True):
    """Rows of cells at fixed column widths, with a row cursor; subclasses give the rows."""

    BINDINGS: list = []  # each table names its keys for the help (row_cursor_bindings)

    COMPONENT_CLASSES = {"line-table--header", "line-table--cursor", "line-table--even"}
    DEFAULT_CSS = """
    LineTable {
        height: auto;
        max-height: 100%;
        background: $surface;
        & > .line-table--header { text-style: bold; background: $panel; color: $foreground; }
        & > .line-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        & > .line-table--even { background: $surface-lighten-1 50%; }
        &:dark > .line-table--even { background: $surface-darken-1 40%; }
        &:focus {
            background-tint: $foreground 5%;
            & > .line-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
        }
        &:ansi > .line-table--header { background: ansi_bright_blue; color: ansi_default; }
    }
    """

    cursor: reactive[int] = reactive(0, repaint=False, init=False)

    class CursorMoved(Message):
        """The cursor is on another row."""

    @dataclass
    class RowChosen(Message):
        """Enter (or a click on the cursor's row) chose the row at ``index`` of the rows shown."""

        table: LineTable
        index: int

        @property
        def control(self) -> LineTable:
            return self.table

    header_height = 1
    zebra = True

    def __init__(self, *, ellipsis: str = "…", id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.ellipsis = ellipsis
        self.columns: tuple[Column, ...] = ()
        self._lines: dict[tuple, list[Strip]] = {}
        self._drawn_with: tuple = ()

    # -- what subclasses give ----------------------------------------------

    @property
    def row_count(self) -> int:
        raise NotImplementedError

    def cells(self, index: int) -> Sequence[Cell]:
        """The cells of the ``index``-th row shown."""
        raise NotImplementedError

    def header_cells(self) -> Sequence[Cell]:
        return [Text(column.label, justify="right" if column.right else "left") for column in self.columns]

    def lines_per_row(self, width: int) -> int:
        return 1

    def row_lines(self, cells: Sequence[Cell], width: int, style: Style) -> list[Strip]:
        """A row's lines: its cells at their columns' widths, two cells apart."""
        if all(isinstance(cell, str) for cell in cells):  # the fast path: one segment per line
            gap = " " * COLUMN_GAP
            text = "".join(
                fit(visible(cell), column.width, right=column.right, ellipsis=self.ellipsis) + gap  # type: ignore[arg-type]
                for cell, column in zip(cells, self.columns)
            )
            return [Strip([Segment(text, style)])]
        line = Text(no_wrap=True, end="")
        for cell, column in zip(cells, self.columns):
            text = Text(visible(cell)) if isinstance(cell, str) else cell
            line.append_text(fit_text(text, column.width, right=column.right, ellipsis=self.ellipsis))
            line.append(" " * COLUMN_GAP)
        segments = list(line.render(self.app.console))
        return [Strip(Segment.apply_style(segments, style))]

    def content_width(self) -> int:
        return sum(column.width for column in self.columns) + COLUMN_GAP * len(self.columns)

    # -- size and drawing ------------------------------------------------

    def update_size(self) -> None:
        """Call after the rows or columns change: sizes the scroll area and draws afresh."""
        self._lines.clear()
        self._per_sized = self.lines_per_row(self.line_width) if self.line_width else 1
        self.set_virtual_size(Size(self.content_width(), self.row_count * self._per_sized + self.header_height))
        self.cursor = min(self.cursor, max(0, self.row_count - 1))
        self.refresh()

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # At the width it is given, so a table of auto height is laid out once, rows that
        # take two lines included (before it knows its own size).
        return self.header_height + self.row_count * self.lines_per_row(width)

    def on_resize(self, event: events.Resize) -> None:
        if self.lines_per_row(self.line_width) != self._per_sized:
            self.update_size()

    _per_sized = 1
    _width_drawn = 0

    def _row_style(self, index: int, base: Style) -> Style:
        if index == self.cursor:
            return base + self.get_component_rich_style("line-table--cursor")
        if self.zebra and index % 2:
            return base + self.get_component_rich_style("line-table--even")
        return base

    @property
    def line_width(self) -> int:
        """The width lines are laid out at: the widget's, less its scroll bar."""
        return self.scrollable_content_region.width

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.line_width
        base = self.rich_style
        # Lines drawn are kept until a style they were drawn with changes (a theme, focus).
        drawn_with = (base, self.has_focus, *(self.get_component_rich_style(n) for n in sorted(self.COMPONENT_CLASSES)))
        if drawn_with != self._drawn_with or width != self._width_drawn:
            self._drawn_with, self._width_drawn = drawn_with, width
            self._lines.clear()
        if y < self.header_height:
            style = base + self.get_component_rich_style("line-table--header")
            lines = self._cached(("header",), lambda: self.row_lines(self.header_cells(), width, style))
            return self._crop(lines[y], scroll_x, width, style)
        per = self.lines_per_row(width)
        index, part = divmod(scroll_y + y - self.header_height, per)
        if index >= self.row_count:
            return Strip.blank(width, base)
        style = self._row_style(index, base)
        lines = self._cached((index, style), lambda: self.row_lines(self.cells(index), width, style))
        return self._crop(lines[part], scroll_x, width, style)

    def _cached(self, key: tuple, draw) -> list[Strip]:
        lines = self._lines.get(key)
        if lines is None:
            if len(self._lines) > LINE_CACHE:
                self._lines.clear()
            lines = self._lines[key] = draw()
        return lines

    @staticmethod
    def _crop(line: Strip, scroll_x: int, width: int, style: Style) -> Strip:
        return line.crop(scroll_x, scroll_x + width).extend_cell_length(width, style)

    # -- the cursor --------------------------------------------------------

    @property
    def page_rows(self) -> int:
        per = self.lines_per_row(self.line_width)
        return max(1, (self.scrollable_content_region.height - self.header_height) // per - 1)

    def watch_cursor(self, old: int, new: int) -> None:
        # Keep the cursor's row in view below the header, then redraw the rows that changed.
        per = self.lines_per_row(self.line_width)
        room = self.scrollable_content_region.height - self.header_height
        top = self.scroll_offset.y
        if new * per < top:
            self.scroll_to(y=new * per, animate=False, immediate=True)
        elif (new + 1) * per > top + room:
            self.scroll_to(y=(new + 1) * per - room, animate=False, immediate=True)
        for row in (old, new):
            line = row * per - self.scroll_offset.y + self.header_height
            if self.header_height <= line < self.size.height:
                self.refresh(Region(0, line, self.size.width, per))
        self.post_message(self.CursorMoved())

    def move_to(self, row: int) -> None:
        if self.row_count:
            self.cursor = max(0, min(self.row_count - 1, row))

    def action_move(self, step: int) -> None:
        self.move_to(self.cursor + step)

    def action_page(self, step: int) -> None:
        self.move_to(self.cursor + step * self.page_rows)

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(self.row_count - 1)

    def action_scroll_columns(self, step: int) -> None:
        """Scroll sideways by whole columns: the next (or previous) column starts at the left edge."""
        starts, x = [], 0
        for column in self.columns:
            starts.append(x)
            x += column.width + COLUMN_GAP
        now = self.scroll_offset.x
        if step > 0:
            target = next((start for start in starts if start > now), now)
        else:
            target = max((start for start in starts if start < now), default=0)
        self.scroll_to(x=target, animate=False, immediate=True)

    def action_choose(self) -> None:
        if self.row_count:
            self.post_message(self.RowChosen(self, self.cursor))

    def on_click(self, event: events.Click) -> None:
        line = event.y - self.header_height + self.scroll_offset.y
        if event.y < self.header_height or line < 0:
            return
        index = line // self.lines_per_row(self.line_width)
        if index < self.row_count:
            if index == self.cursor:
                self.action_choose()
            self.move_to(index)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
