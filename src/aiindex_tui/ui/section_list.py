"""The sections sidebar: the article's parts in order, with their figure counts."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from aiindex_tui.pack.model import Section


def section_prompt(number: int, section: Section) -> Text:
    text = Text(f"{number:>2} ", style="dim")
    text.append(section.title)
    text.append(f" ({len(section.figures)})", style="dim")
    return text


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
