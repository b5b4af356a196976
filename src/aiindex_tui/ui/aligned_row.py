"""A line of aligned cells that follows the width it is drawn at: the overview's rows."""

from __future__ import annotations

from rich.measure import Measurement
from rich.text import Text

from aiindex_tui.ui.fitting import cut_text

MIN_CUT_COLUMN = 8  # a column cut shorter than this is left out instead
SECOND_LINE_INDENT = 4


class AlignedRow:
    """A line of cells at given widths, cut to the width it is drawn at with an ellipsis.

    A Rich renderable, so that the layout follows the list's width when it is
    drawn: no second frame once the width is known, and no horizontal scrolling.
    Where the line is too wide, the ``flexible`` column gives up cells first
    (down to ``narrowest``), then the columns from ``wrap_after`` on go on a
    second line (if given), those from ``wrap_again_after`` on a third where
    the second cannot hold ``whole_after_wrap`` columns whole, then the end of
    a line is cut.
    """

    def __init__(
        self, cells: list[Text], widths: list[int], ellipsis: str, *,
        right_aligned: int = 0, flexible: int | None = None, narrowest: int = 0, wrap_after: int = 0,
        whole_after_wrap: int = 0, wrap_again_after: int = 0, whole_on_second_line: int | None = None,
    ) -> None:
        self.cells = cells
        self.widths = widths
        self.ellipsis = ellipsis
        self.right_aligned = right_aligned  # how many leading cells are numbers
        self.flexible = flexible
        self.narrowest = narrowest
        self.wrap_after = wrap_after  # where too narrow, the columns from this one go on a second line
        self.whole_after_wrap = whole_after_wrap  # how many of those must fit whole to stay on the first line
        self.wrap_again_after = wrap_again_after
        # how many columns must fit whole on the second line to keep a third away
        self.whole_on_second_line = whole_after_wrap if whole_on_second_line is None else whole_on_second_line

    def natural_width(self) -> int:
        """The width of the line with every cell whole."""
        return sum(self.widths) + 2 * (len(self.cells) - 1) + sum(c.cell_len for c in self.cells[len(self.widths):])

    def __rich_measure__(self, console, options) -> Measurement:
        return Measurement(1, min(self.natural_width(), options.max_width))

    def _widths(self, room: int) -> list[int]:
        """Each column's width at ``room`` cells."""
        widths = list(self.widths) + [c.cell_len for c in self.cells[len(self.widths):]]
        # The flexible column gives up only what the others need to stay whole; the last
        # column takes what is left, cut if need be.
        over = sum(widths[:-1]) + 2 * (len(widths) - 1) + min(widths[-1], MIN_CUT_COLUMN) - room
        if over > 0 and self.flexible is not None:
            spare = widths[self.flexible] - self.narrowest
            if over > spare:  # the last column will not fit anyway: only the others count
                over = sum(widths[:-1]) + 2 * (len(widths) - 2) - room
            widths[self.flexible] -= max(0, min(over, spare))
        return widths

    @staticmethod
    def _fits(widths: list[int], start: int, whole: int, room: int) -> bool:
        """Whether ``whole`` columns from ``start`` fit whole in ``room``, after the columns
        before them on the line."""
        return sum(widths[:start + whole]) + 2 * (start + whole) + (0 if whole else MIN_CUT_COLUMN) <= room

    def line_count(self, room: int) -> int:
        """How many lines the row takes at ``room`` cells (the same for every row of a list,
        as it depends on the columns' widths only)."""
        widths = self._widths(room)
        first_line = self.wrap_after or len(self.cells)
        if not self.wrap_after or self._fits(widths, first_line, self.whole_after_wrap, room):
            return 1
        second = widths[first_line:]
        if not self.wrap_again_after or self._fits(second, 0, self.whole_on_second_line, room - SECOND_LINE_INDENT):
            return 2
        return 3

    def __rich_console__(self, console, options):
        room = options.max_width
        widths = self._widths(room)
        first_line = self.wrap_after or len(self.cells)
        lines = self.line_count(room)
        if lines == 1:
            yield self._line(self.cells, widths, room)
            return
        # Too narrow for the next columns beside these: the rest goes on indented lines,
        # and the flexible column takes back what the first line now leaves free.
        flexible = self.flexible
        if flexible is not None and flexible < first_line:
            free = room - sum(widths[:first_line]) - 2 * (first_line - 1)
            widths[flexible] = min(self.widths[flexible], widths[flexible] + max(0, free))
        yield self._line(self.cells[:first_line], widths[:first_line], room)
        breaks = [first_line, self.wrap_again_after, len(self.cells)] if lines == 3 else [first_line, len(self.cells)]
        for start, end in zip(breaks, breaks[1:]):
            line = Text(" " * SECOND_LINE_INDENT, no_wrap=True)
            line.append_text(self._line(self.cells[start:end], widths[start:end], room - SECOND_LINE_INDENT, first=start))
            yield line

    def _line(self, cells: list[Text], widths: list[int], room: int, first: int = 0) -> Text:
        line = Text(no_wrap=True)  # ends in a newline: Textual counts lines by them
        for number, (cell, width) in enumerate(zip(cells, widths), start=first):
            if number > first:
                line.append("  ")
            left = room - line.cell_len
            if width > left:
                # Whole columns only, except one with room for a useful part of it,
                # which is cut with an ellipsis; the line ends there either way.
                if left >= MIN_CUT_COLUMN:
                    line.append_text(cut_text(cell, left, self.ellipsis))
                break
            cell = cut_text(cell, width, self.ellipsis)
            padding = " " * (width - cell.cell_len)
            if number < self.right_aligned:
                line.append(padding)
                line.append_text(cell)
            else:
                line.append_text(cell)
                line.append(padding)
        line.rstrip()
        return line
