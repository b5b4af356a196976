"""A figure's table and sources views, each shown in place of its chart."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding
from textual.strip import Strip
from textual.visual import Visual
from textual.widgets import Static

from aiindex_tui.output.figure_facts import value_with_unit
from aiindex_tui.output.text import chronological, citation_lines, note_lines, verdict_badge
from aiindex_tui.pack.kinds import NoteKind, Origin
from aiindex_tui.pack.model import Figure, Observation, Pack
from aiindex_tui.ui.line_table import Column, LineTable
from aiindex_tui.output.glyphs import Glyphs
from aiindex_tui.ui.scrolling import row_cursor_bindings
from aiindex_tui.ui.workarounds import RestyledWhenShown

SORT_COLUMNS = ("period", "entity", "value", "origin")
TEXT_COLUMN_WIDTH = 16  # entity, series, source and note: enough to tell rows apart, never the whole row


class FigureTable(RestyledWhenShown, LineTable):
    """Every value of a figure, one row each; takes focus in the table view.

    Keys move the row cursor (also j/k, g/G and home/end for the first and last
    row); left and right scroll the columns; enter opens the records behind the
    row's value, where the figure has them.
    """

    BINDINGS = [
        *row_cursor_bindings("table", "row"),
        Binding("enter", "choose", "Rows", key_display="enter", tooltip="Open the rows behind this value", id="table.open"),
        Binding("escape", "leave", "Figure", key_display="esc", tooltip="Back to the figure", id="table.leave"),
    ]

    def __init__(
        self, pack: Pack, figure: Figure, *, id: str, glyphs: Glyphs,
        sort_by: str = SORT_COLUMNS[0], reverse: bool = False,
    ) -> None:
        super().__init__(ellipsis=glyphs.ellipsis, id=id)
        self.pack = pack
        self.figure = figure
        self.glyphs = glyphs
        self.rows_shown: list[Observation] = []
        self.with_series = any(o.series for o in self.figure.observations)
        self.with_interval = any(self.figure.values.low)
        self._values = chronological(figure)
        self._cells = [self._row_cells(o) for o in self._values]  # made once, kept through sorts
        self._order: list[int] = []  # positions in _values, in the order shown
        self.fill(sort_by, reverse=reverse)

    def column_names(self) -> list[str]:
        # The value next to what it is of, so it is on screen at 80 columns whatever follows.
        names = ["period", "entity", "value", "95% interval", "series", "origin", "source", "note"]
        shown = {"series": self.with_series, "95% interval": self.with_interval}
        return [n for n in names if shown.get(n, True)]

    @property
    def row_count(self) -> int:
        return len(self.rows_shown)

    def cells(self, index: int) -> list[Text]:
        return self._cells[self._order[index]]

    def fill(self, sort_by: str, reverse: bool) -> None:
        """Show every value sorted by ``sort_by``, whose header carries the order's arrow."""
        def key(o: Observation):
            return {"period": o.period, "entity": o.entity, "value": o.value, "origin": o.origin.value}[sort_by]

        arrow = self.glyphs.descending if reverse else self.glyphs.ascending
        unit = self.figure.unit
        self._order = sorted(range(len(self._values)), key=lambda n: key(self._values[n]), reverse=reverse)
        self.rows_shown = [self._values[n] for n in self._order]
        columns = []
        for number, name in enumerate(self.column_names()):
            # The value column is headed by its unit (short ones), so "50" reads as "50 models".
            label = (unit if len(unit) <= 12 else "value") if name == "value" else name
            if name == sort_by:
                label = f"{label} {arrow}"
            if name in ("entity", "series", "source", "note"):
                width = TEXT_COLUMN_WIDTH
            else:
                width = max([cell_len(label), *(cells[number].cell_len for cells in self._cells)])
            columns.append(Column(label, width, right=name in ("value", "95% interval")))
        self.columns = tuple(columns)
        self.update_size()

    def _row_cells(self, obs: Observation) -> list[Text]:
        source = self.pack.sources.get(obs.source_id)
        cells = [
            Text(obs.period), Text(obs.entity),
            Text(value_with_unit(obs, self.figure.unit) if obs.wording else obs.formatted_value()),
        ]
        if self.with_interval:
            cells.append(Text(obs.formatted_interval()))
        if self.with_series:
            cells.append(Text(obs.series))
        cells += [
            Text(obs.origin.value, style="bold" if obs.origin is Origin.ARTICLE else "italic"),
            Text(source.title if source else obs.source_id),
            Text(self._note(obs)),
        ]
        return cells

    def _note(self, obs: Observation) -> str:
        """The row's verdict or event, or a mark that a note is in the Sources view."""
        notes = self.figure.notes_for(obs.observation_id)
        verdicts = [verdict_badge(v) for v in self.figure.verdicts_for(obs.observation_id) if v.verdict is not None]
        if verdicts:
            return f"{self.glyphs.badge} {'; '.join(verdicts)}"
        for note in notes:
            if note.kind is NoteKind.EVENT:
                return note.text
        return f"{self.glyphs.badge} note" if notes else ""

    @property
    def current_observation(self) -> Observation | None:
        if not self.rows_shown:
            return None
        return self.rows_shown[min(self.cursor, len(self.rows_shown) - 1)]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Enter opens the rows behind a value: only where the figure has records.
        if action == "choose":
            return self.pack.records_of(self.figure) is not None
        return True

    def action_leave(self) -> None:
        self.screen.set_focus(self.parent.parent)  # the panel: table, switcher, panel


class SourcesView(RestyledWhenShown, Static):
    """Full citations, where each value stands in its source, notes and cross-checks."""

    def __init__(self, pack: Pack, figure: Figure, *, id: str) -> None:
        text = Text()
        text.append(f"Figure id: {figure.figure_id}   unit: {figure.unit}\n", style="dim")
        if figure.description:
            text.append(f"{figure.description}\n", style="italic")
        text.append("Sources\n", style="bold")
        for line in citation_lines(pack, figure):
            text.append(f"  {line}\n")
        text.append("Where each value is stated\n", style="bold")
        for obs in chronological(figure):
            text.append(f"  {obs.period} {obs.label}: {obs.formatted_value()} - {obs.source_id}, {obs.locator or 'no locator'}\n")
        notes = note_lines(pack, figure)
        if notes:
            text.append("Notes and checks\n", style="bold")
            for line in notes:
                text.append(f"  {line}\n")
        text.rstrip()
        super().__init__(text, id=id)
        self._lines: tuple[tuple, list[Strip]] = ((), [])

    def render_line(self, y: int) -> Strip:
        # The text never changes, yet Textual wraps and styles all of it again each time the
        # view is shown: kept per size and style instead, as a figure's chart is.
        key = (self.size, self.visual_style)
        if key != self._lines[0]:
            width = self.size.width
            # Every line, not the height shown: zoomed, the view scrolls through all of them.
            self._lines = (key, Visual.to_strips(self, self.visual, width, None, self.visual_style))
        lines = self._lines[1]
        return lines[y] if y < len(lines) else Strip.blank(self.size.width, self.visual_style.rich_style)
