"""The sections sidebar: the article's parts in order, with their figure counts."""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Console, ConsoleOptions
from rich.measure import Measurement
from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from aiindex_tui.pack.model import Section
from aiindex_tui.ui.scrolling import OPTION_LIST_ACTIONS, row_cursor_bindings


NUMBER_WIDTH = 2


class NumberedTitle:
    """A section's number, then its title wrapped under itself.

    A small Rich renderable rather than a table grid: the sidebar is drawn in the
    first frame, and a grid measures every cell of every row to lay itself out.
    """

    def __init__(self, number: int, title: Text) -> None:
        # The gap after the number is styled with it: the title then starts a
        # segment of its own on every line, as a table cell would.
        self.number = Text(str(number).rjust(NUMBER_WIDTH) + " ", style="dim")
        self.indent = Text(" " * (NUMBER_WIDTH + 1), style="dim")
        self.title = title

    def __rich_console__(self, console: Console, options: ConsoleOptions):
        indent = NUMBER_WIDTH + 1
        lines = self.title.wrap(console, max(1, options.max_width - indent))
        for index, line in enumerate(lines):
            yield Text.assemble(self.number if index == 0 else self.indent, line, end="\n")

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(NUMBER_WIDTH + 2, min(options.max_width, NUMBER_WIDTH + 1 + self.title.cell_len))


def section_prompt(number: int, section: Section) -> NumberedTitle:
    """The section's number, then its title wrapped under itself and its figure count, if any."""
    title = Text(section.title)
    if section.figures:
        title.append(f" ({len(section.figures)})", style="dim")
    return NumberedTitle(number, title)


class SectionList(OptionList):
    """Arrows or j/k move; enter, l or right go into the section's figures."""

    BINDINGS = [
        *row_cursor_bindings("sections", "section", OPTION_LIST_ACTIONS),
        Binding("enter,l,right", "open_section", "Open", key_display="enter", tooltip="Go into the section's figures", id="sections.open"),
    ]

    def __init__(
        self, sections: tuple[Section, ...], *, open_section: Callable[[int | None], None], id: str | None = None,
    ) -> None:
        super().__init__(
            *(Option(section_prompt(n, s), id=str(n - 1)) for n, s in enumerate(sections, start=1)),
            id=id,
        )
        # A call the screen hands down rather than a message up: a message would be
        # handled after the next key of a burst, which must already reach the figures.
        self._open_section = open_section

    def action_open_section(self) -> None:
        self._open_section(self.highlighted)
