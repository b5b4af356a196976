"""One figure's panel: title, key-value cards, and its chart, table or sources.

Imported when a section with figures is first shown, so the overview starts
without it (and without plotext).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import ContentSwitcher, DataTable, Static

from aiindex_tui.output.text import chronological, citation_lines, note_lines, value_with_unit
from aiindex_tui.ui.glyphs import Glyphs, glyphs_for
from aiindex_tui.pack.model import Figure, Observation, Origin, Pack

SORT_COLUMNS = ("period", "entity", "value", "origin")


def key_observations(figure: Figure) -> tuple[Observation, ...]:
    """The values worth a card: the article's, or else the latest context values."""
    if figure.article_observations:
        return figure.article_observations
    if not figure.observations:
        return ()
    latest = figure.periods[-1]
    return tuple(o for o in figure.observations if o.period == latest)


class FigureCard(Static):
    """One key value: value with unit, then entity, period and origin; a badge for its verdict or notes."""

    def __init__(self, figure: Figure, observation: Observation, glyphs: Glyphs) -> None:
        self.observation = observation
        noted = bool(figure.notes_for(observation.observation_id))
        verdict = figure.verdict_for(observation.observation_id)
        text = Text(value_with_unit(observation, figure.unit), style="bold")
        if verdict is not None and verdict.verdict is not None:
            text.append(f" {glyphs.badge} {verdict.verdict.short}", style="bold")
        elif noted:
            text.append(f" {glyphs.badge} note", style="bold")
        text.append(f"\n{observation.label}{glyphs.dot}{observation.period}{glyphs.dot}")
        text.append(observation.origin.value, style="italic")
        classes = f"-{observation.origin.value}" + (" -noted" if noted else "")
        super().__init__(text, classes=classes)


class FigureTable(DataTable):
    """The exact numbers of a figure; sorted by keys on the panel, never focused itself."""

    can_focus = False

    def __init__(self, pack: Pack, figure: Figure, *, id: str, sort_by: str = SORT_COLUMNS[0], reverse: bool = False) -> None:
        super().__init__(cursor_type="none", zebra_stripes=True, show_cursor=False, id=id)
        self.pack = pack
        self.figure = figure
        # Filled now rather than on mount, so the table has its height from the
        # start and the pane's scroll height does not change after the fact.
        # Locators and full citations live in the Sources view, so the table fits 80 columns.
        self.with_series = any(o.series for o in self.figure.observations)
        columns = ["period", "entity", "series", "value", "origin", "source"]
        if not self.with_series:
            columns.remove("series")
        self.add_columns(*columns)
        self.fill(sort_by, reverse=reverse)

    def fill(self, sort_by: str, reverse: bool) -> None:
        def key(o: Observation):
            return {"period": o.period, "entity": o.entity, "value": o.value, "origin": o.origin.value}[sort_by]

        self.clear()
        for obs in sorted(chronological(self.figure), key=key, reverse=reverse):
            cells = [Text(obs.period), Text(obs.entity)]
            if self.with_series:
                cells.append(Text(obs.series))
            cells += [
                Text(obs.formatted_value(), justify="right"),
                Text(obs.origin.value, style="bold" if obs.origin is Origin.ARTICLE else "italic"),
                Text(obs.source_id),
            ]
            self.add_row(*cells)


class SourcesView(Static):
    """Full citations, where each value stands in its source, notes and cross-checks."""

    def __init__(self, pack: Pack, figure: Figure, *, id: str) -> None:
        text = Text()
        text.append(f"Figure id: {figure.figure_id}   unit: {figure.unit}\n", style="dim")
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


class FigurePanel(Vertical, can_focus=True):
    """One figure: title, key-value cards, and its chart, table or sources."""

    BINDINGS = [
        Binding("o", "sort_next", "Sort", tooltip="Sort the table by the next column", id="figure.sort"),
        Binding("O", "sort_reverse", "Reverse", show=False, tooltip="Reverse the table's order", id="figure.reverse"),
    ]

    view: reactive[str] = reactive("chart", repaint=False)
    sort_index: reactive[int] = reactive(0, repaint=False)
    sort_reverse: reactive[bool] = reactive(False, repaint=False)

    def __init__(
        self, pack: Pack, figure: Figure, *, ascii_only: bool, view: str = "chart", card_columns: int = 1
    ) -> None:
        super().__init__()
        self.pack = pack
        self.figure = figure
        self.ascii_only = ascii_only
        self.card_columns = card_columns
        self.set_reactive(FigurePanel.view, view)

    def compose(self) -> ComposeResult:
        glyphs = glyphs_for(self.ascii_only)
        yield Static(Text(self.figure.title), classes="figure-title")
        if self.figure.description:
            yield Static(Text(self.figure.description), classes="figure-description")
        with Grid(classes="cards") as cards:
            cards.styles.grid_size_columns = self.card_columns
            for obs in key_observations(self.figure):
                yield FigureCard(self.figure, obs, glyphs)
        with ContentSwitcher(initial=self.view):
            yield self._view_widget(self.view)

    def _view_widget(self, view: str) -> Widget:
        """The widget for ``view``; each is made the first time it is shown."""
        if view == "table":
            return FigureTable(self.pack, self.figure, id="table", sort_by=self.sort_column, reverse=self.sort_reverse)
        if view == "sources":
            return SourcesView(self.pack, self.figure, id="sources")
        # Imported here: plotext is needed only once a chart is shown, not for the overview.
        from aiindex_tui.ui.figure_chart import ChartView

        return ChartView(self.figure, ascii_only=self.ascii_only, id="chart")

    def watch_view(self, view: str) -> None:
        # Also before this panel's Mount event: a view key typed right after the
        # section opened must not be lost (on_mount applies it again).
        for switcher in self.query_children(ContentSwitcher):
            if not switcher.query_children(f"#{view}"):
                switcher.mount(self._view_widget(view))  # registered at once, shown below
            switcher.current = view
        if self.has_focus:
            # The footer shows the sort keys in the table view only. Refreshed once this
            # change has landed: refreshing bindings in the middle of it broke view switches.
            self.call_later(self.refresh_bindings)

    def on_mount(self) -> None:
        self.watch_view(self.view)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Sorting acts on the table, so its keys work (and show) only in the table view."""
        if action in ("sort_next", "sort_reverse") and self.view != "table":
            return False
        return True

    def _resort(self) -> None:
        for table in self.query(FigureTable):  # none until the table is first shown
            table.fill(SORT_COLUMNS[self.sort_index], self.sort_reverse)

    def action_sort_next(self) -> None:
        self.sort_index = (self.sort_index + 1) % len(SORT_COLUMNS)
        self._resort()
        self.notify(f"Table sorted by {SORT_COLUMNS[self.sort_index]}", timeout=2)

    def action_sort_reverse(self) -> None:
        self.sort_reverse = not self.sort_reverse
        self._resort()

    @property
    def sort_column(self) -> str:
        return SORT_COLUMNS[self.sort_index]
