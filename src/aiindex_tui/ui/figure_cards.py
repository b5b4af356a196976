"""A figure's key values as one-line cards, drawn by one widget."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
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


def card_identity(figure: Figure, observation: Observation, glyphs: Glyphs, *, unit: bool = True) -> tuple[str, str]:
    """A card's value (a unit in words left out without ``unit``) and what identifies it."""
    value = value_with_unit(observation, figure.unit) if unit or figure.unit == "%" else value_with_unit(observation, "")
    return value.rstrip(), glyphs.dot + glyphs.dot.join(card_context(observation))


def card_text(figure: Figure, observation: Observation, glyphs: Glyphs, *, unit: bool = True) -> Text:
    """One key value on one line: the value with its unit, what identifies it (entity and
    series), its period, then its verdict (or note) badge and the data's own number beside
    the article's words. A card too narrow is cut from its end, so what tells the value
    apart from its neighbours is the last thing to go; without ``unit``, a unit in words
    is left out (the legend gives it)."""
    value, identity = card_identity(figure, observation, glyphs, unit=unit)
    text = Text(value, style="bold")
    text.append(identity)
    verdicts = [verdict_badge(v) for v in figure.verdicts_for(observation.observation_id) if v.verdict is not None]
    if verdicts:
        text.append(f" {glyphs.badge} {'; '.join(verdicts)}", style="bold")
    elif figure.notes_for(observation.observation_id):
        text.append(f" {glyphs.badge} note", style="bold")
    rebuilt = rebuilt_value(figure, observation)
    if rebuilt is not None:
        # The article's words beside the number the data gives for the same period.
        text.append(f"{glyphs.dot}data {value_with_unit(rebuilt, figure.unit)}", style="bold")
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
        # Where a card is too narrow, its unit in words goes first, before the period.
        self.compact_texts = [card_text(figure, observation, glyphs, unit=False) for observation in self.observations]
        # What must stay whole on a card: its value and what identifies it, with the bar before them.
        self.identity_widths = [
            2 + cell_len("".join(card_identity(figure, o, glyphs, unit=False))) for o in self.observations
        ]
        # The bar of each card: noted values stand out with a thicker one.
        self.kinds = [
            "noted" if figure.notes_for(observation.observation_id) else observation.origin.value
            for observation in self.observations
        ]
        self.plain = plain  # ASCII: one bar for all
        self.glyphs = glyphs
        self.set_reactive(FigureCards.columns, columns)

    def _widths(self, width: int, columns: int) -> list[int]:
        # Columns split the width as Textual's grid splits 1fr columns with a gutter.
        space = max(0, width - self.GUTTER * (columns - 1))
        edges = [space * index // columns for index in range(columns + 1)]
        return [end - start for start, end in zip(edges, edges[1:])]

    def columns_at(self, width: int) -> int:
        """The pane's number of columns, or fewer where that would cut what identifies a
        card's value (fewer columns only where that lets every card keep it whole)."""
        for columns in range(self.columns, 0, -1):
            if max(self.identity_widths, default=0) <= min(self._widths(width, columns)):
                return columns
        return self.columns

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return -(-len(self.texts) // self.columns_at(width))

    def render(self) -> Text:
        columns = self.columns_at(self.size.width)
        widths = self._widths(self.size.width, columns)
        overflow = "ellipsis" if self.glyphs.ellipsis == "…" else "crop"  # ASCII and the console font have none
        lines = []
        for first in range(0, len(self.texts), columns):
            line = Text(no_wrap=True, end="")
            for column, index in enumerate(range(first, min(first + columns, len(self.texts)))):
                if column:
                    line.append(" " * self.GUTTER)
                text, kind = self.texts[index], self.kinds[index]
                if text.cell_len + 2 > widths[column]:
                    text = self.compact_texts[index]
                bar = "|" if self.plain else "█" if kind == "noted" else "▌"
                card = Text.assemble((bar, self.get_component_rich_style(f"figure-cards--{kind}", partial=True)), " ")
                card.append_text(text)
                card.truncate(widths[column], overflow=overflow, pad=True)
                line.append_text(card)
            lines.append(line)
        return Text("\n", no_wrap=True).join(lines)
