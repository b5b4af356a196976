"""The sections sidebar: the article's parts in order, with their figure counts."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from aiindex_tui.pack.model import Section


def section_prompt(number: int, section: Section) -> Table:
    """The section's number, then its title wrapped under itself and its figure count, if any."""
    title = Text(section.title)
    if section.figures:
        title.append(f" ({len(section.figures)})", style="dim")
    prompt = Table.grid(padding=(0, 1))
    prompt.add_column(width=2, justify="right", style="dim")
    prompt.add_column()
    prompt.add_row(str(number), title)
    return prompt


class SectionList(OptionList):
    """Arrows or j/k move; enter, l or right go into the section's figures."""

    BINDINGS = [
        Binding("j,down", "cursor_down", "Down", show=False, tooltip="Next section", id="sections.down"),
        Binding("k,up", "cursor_up", "Up", show=False, tooltip="Previous section", id="sections.up"),
        Binding("g,home", "first", "First", show=False, tooltip="First section", id="sections.first"),
        Binding("G,end", "last", "Last", show=False, tooltip="Last section", id="sections.last"),
        Binding("enter,l,right", "app.open_section", "Open", key_display="enter", tooltip="Go into the section's figures", id="sections.open"),
    ]

    def __init__(self, sections: tuple[Section, ...], *, id: str | None = None) -> None:
        super().__init__(
            *(Option(section_prompt(n, s), id=str(n - 1)) for n, s in enumerate(sections, start=1)),
            id=id,
        )
