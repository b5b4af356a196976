"""A figure's key values as one-line cards, drawn by one widget."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from aiindex_tui.output.figure_facts import card_context, rebuilt_value, value_with_unit
from aiindex_tui.output.text import verdict_badge
from aiindex_tui.pack.model import Figure, Observation
from aiindex_tui.output.glyphs import Glyphs
from aiindex_tui.ui.workarounds import SizedInOnePass

MOST_CARDS = 6  # more would push the chart off the screen; the table lists every value


def card_text(figure: Figure, observation: Observation, glyphs: Glyphs) -> Text:
    """One key value on one line: the value with its unit and verdict (or note) badge,
    then period, entity and series."""
    noted = bool(figure.notes_for(observation.observation_id))
    verdicts = [verdict_badge(v) for v in figure.verdicts_for(observation.observation_id) if v.verdict is not None]
    text = Text(value_with_unit(observation, figure.unit), style="bold")
    if verdicts:
        text.append(f" {glyphs.badge} {'; '.join(verdicts)}", style="bold")
    elif noted:
        text.append(f" {glyphs.badge} note", style="bold")
    rebuilt = rebuilt_value(figure, observation)
    if rebuilt is not None:
        # The article's words beside the number the data gives for the same period.
        text.append(f"{glyphs.dot}data {value_with_unit(rebuilt, figure.unit)}", style="bold")
    text.append(glyphs.dot + glyphs.dot.join(card_context(observation)))
    return text


class FigureCards(SizedInOnePass, Widget):
    """A figure's key values as cards of one line each (a coloured bar, then the value),
    in as many columns as there is room for. One line each keeps the chart near the top.

    One widget draws every card: a widget per card cost each first visit their
    styling and layout, and a session about a megabyte.
    """

    COMPONENT_CLASSES = {"figure-cards--article", "figure-cards--context", "figure-cards--noted"}
    DEFAULT_CSS = """
    FigureCards {
        height: auto;
    }
    """
    GUTTER = 1  # between columns
    columns: reactive[int] = reactive(1, layout=True)

    def __init__(self, figure: Figure, observations: Sequence[Observation], glyphs: Glyphs, *, columns: int, plain: bool) -> None:
        super().__init__(classes="cards")
        self.observations = tuple(observations)
        self.texts = [card_text(figure, observation, glyphs) for observation in self.observations]
        # The bar of each card: noted values stand out with a thicker one.
        self.kinds = [
            "noted" if figure.notes_for(observation.observation_id) else observation.origin.value
            for observation in self.observations
        ]
        self.plain = plain  # ASCII: one bar for all
        self.glyphs = glyphs
        self.set_reactive(FigureCards.columns, columns)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return -(-len(self.texts) // self.columns)

    def render(self) -> Text:
        # Columns split the width as Textual's grid splits 1fr columns with a gutter.
        columns = self.columns
        space = max(0, self.size.width - self.GUTTER * (columns - 1))
        edges = [space * index // columns for index in range(columns + 1)]
        widths = [end - start for start, end in zip(edges, edges[1:])]
        overflow = "ellipsis" if self.glyphs.ellipsis == "…" else "crop"  # ASCII and the console font have none
        lines = []
        for first in range(0, len(self.texts), columns):
            line = Text(no_wrap=True, end="")
            for column, (text, kind) in enumerate(zip(self.texts[first:first + columns], self.kinds[first:first + columns])):
                if column:
                    line.append(" " * self.GUTTER)
                bar = "|" if self.plain else "█" if kind == "noted" else "▌"
                card = Text.assemble((bar, self.get_component_rich_style(f"figure-cards--{kind}", partial=True)), " ")
                card.append_text(text)
                card.truncate(widths[column], overflow=overflow, pad=True)
                line.append_text(card)
            lines.append(line)
        return Text("\n", no_wrap=True).join(lines)
