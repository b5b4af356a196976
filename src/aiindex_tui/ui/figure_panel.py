"""One figure's panel: title, key-value cards, and its chart, table or sources.

Imported when a section with figures is first shown, so the overview starts
without it (and without plotext).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.geometry import Size
from textual.reactive import reactive
from textual.strip import Strip
from textual.visual import Visual
from textual.widget import Widget
from textual.widgets import ContentSwitcher, DataTable, Static

from aiindex_tui.output.text import chronological, citation_lines, note_lines, value_with_unit, verdict_badge
from aiindex_tui.pack.derive import GapMode, has_gap
from aiindex_tui.ui.glyphs import Glyphs, glyphs_for
from aiindex_tui.ui.scrolling import row_cursor_bindings
from aiindex_tui.ui.workarounds import DrawnCellsKept, RestyledWhenShown, SizedInOnePass, SizedStatic
from aiindex_tui.pack.model import Figure, NoteKind, Observation, Origin, Pack, RecordSet

SORT_COLUMNS = ("period", "entity", "value", "origin")
MOST_CARDS = 6  # more would push the chart off the screen; the table lists every value


def key_observations(figure: Figure) -> tuple[Observation, ...]:
    """The values worth a card: the article's, or else the latest context values."""
    if figure.article_observations:
        return figure.article_observations
    if not figure.periods:
        return ()
    latest = figure.periods[-1]
    # From the columns: a long series need not become a million Observation objects for its cards.
    return figure.values.rows(figure.figure_id, keep=tuple(map(latest.__eq__, figure.values.period)))


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


def rebuilt_value(figure: Figure, observation: Observation) -> Observation | None:
    """For a value the article gives in words, the data's value for the same period:
    from the figure's main (first) series where it has one, else any context value."""
    if not observation.wording:
        return None
    same_period = [o for o in figure.observations if o.period == observation.period and o.origin is Origin.CONTEXT]
    main = figure.chart_series[0].label if figure.chart_series else ""
    return next((o for o in same_period if o.label == main), same_period[0] if same_period else None)


def card_context(observation: Observation) -> list[str]:
    """Period, entity and series; of a series that begins with the entity, only what it adds
    ("US, plain score" adds "plain score"), so values of one entity stay told apart."""
    parts = [observation.period, observation.entity]
    series = observation.series
    if series.startswith(observation.entity):
        series = series[len(observation.entity):].lstrip(" ,;:-")
    parts.append(series)
    return [part for part in parts if part]


TEXT_COLUMN_WIDTH = 16  # entity, series, source and note: enough to tell rows apart, never the whole row


def clipped(text: str, glyphs: Glyphs, width: int = TEXT_COLUMN_WIDTH) -> Text:
    """Data text cut to ``width`` cells with an ellipsis, shown whole in the Sources view."""
    if cell_len(text) > width:
        text = set_cell_size(text, width - 1) + glyphs.ellipsis
    return Text(text, no_wrap=True)


class FigureTable(RestyledWhenShown, DrawnCellsKept, DataTable):
    """Every value of a figure, one row each; takes focus in the table view.

    Keys move the row cursor (also j/k, g/G and home/end for the first and last
    row); left and right scroll the columns; enter opens the records behind the
    row's value, where the figure has them.
    """

    BINDINGS = [
        *row_cursor_bindings("table", "row"),
        Binding("enter", "select_cursor", "Rows", key_display="enter", tooltip="Open the rows behind this value", id="table.open"),
        Binding("escape", "leave", "Figure", key_display="esc", tooltip="Back to the figure", id="table.leave"),
    ]

    def __init__(
        self, pack: Pack, figure: Figure, *, id: str, glyphs: Glyphs,
        sort_by: str = SORT_COLUMNS[0], reverse: bool = False,
    ) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, id=id)
        self.pack = pack
        self.figure = figure
        self.glyphs = glyphs
        self.rows_shown: list[Observation] = []
        # Filled now rather than on mount, so the table has its height from the
        # start and the pane's scroll height does not change after the fact.
        # Locators and full citations live in the Sources view.
        self.with_series = any(o.series for o in self.figure.observations)
        self.with_interval = any(self.figure.values.low)
        self.fill(sort_by, reverse=reverse)

    def column_names(self) -> list[str]:
        # The value next to what it is of, so it is on screen at 80 columns whatever follows.
        names = ["period", "entity", "value", "95% interval", "series", "origin", "source", "note"]
        shown = {"series": self.with_series, "95% interval": self.with_interval}
        return [n for n in names if shown.get(n, True)]

    def fill(self, sort_by: str, reverse: bool) -> None:
        """Show every value sorted by ``sort_by``, whose header carries the order's arrow."""
        def key(o: Observation):
            return {"period": o.period, "entity": o.entity, "value": o.value, "origin": o.origin.value}[sort_by]

        self.clear(columns=True)
        arrow = self.glyphs.descending if reverse else self.glyphs.ascending
        unit = self.figure.unit
        for name in self.column_names():
            # The value column is headed by its unit (short ones), so "50" reads as "50 models".
            label = (unit if len(unit) <= 12 else "value") if name == "value" else name
            if name == sort_by:
                label = f"{label} {arrow}"
            width = TEXT_COLUMN_WIDTH if name in ("entity", "series", "source", "note") else None
            self.add_column(Text(label, justify="right" if name in ("value", "95% interval") else "left"), key=name, width=width)
        self.rows_shown = sorted(chronological(self.figure), key=key, reverse=reverse)
        for obs in self.rows_shown:
            source = self.pack.sources.get(obs.source_id)
            cells = [
                Text(obs.period), clipped(obs.entity, self.glyphs),
                Text(value_with_unit(obs, unit) if obs.wording else obs.formatted_value(), justify="right"),
            ]
            if self.with_interval:
                cells.append(Text(obs.formatted_interval(), justify="right"))
            if self.with_series:
                cells.append(clipped(obs.series, self.glyphs))
            cells += [
                Text(obs.origin.value, style="bold" if obs.origin is Origin.ARTICLE else "italic"),
                clipped(source.title if source else obs.source_id, self.glyphs),
                clipped(self._note(obs), self.glyphs),
            ]
            self.add_row(*cells)

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
        return self.rows_shown[min(self.cursor_row, len(self.rows_shown) - 1)]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Enter opens the rows behind a value: only where the figure has records.
        if action == "select_cursor":
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
            width, height = self.size
            self._lines = (key, Visual.to_strips(self, self.visual, width, height, self.visual_style))
        lines = self._lines[1]
        return lines[y] if y < len(lines) else Strip.blank(self.size.width, self.visual_style.rich_style)


class ViewSwitcher(SizedInOnePass, ContentSwitcher):
    """A figure's chart, table or sources, one at a time."""


class FigurePanel(SizedInOnePass, Vertical, can_focus=True):
    """One figure: title, key-value cards, and its chart, table or sources."""

    BINDINGS = [
        Binding("enter", "open", "Rows", key_display="enter", tooltip="Open the rows behind the figure's counts, or go into its table", id="figure.open"),
        Binding("z", "zoom", "Zoom", tooltip="Show the focused figure on the whole screen, or back", id="figure.zoom"),
        Binding("d", "gap", "Gap", tooltip="Chart the US-China difference, then the ratio, then both series", id="figure.gap"),
        Binding("L", "log_scale", "Log", tooltip="Chart on a log scale, or back to a linear one", id="figure.log"),
        Binding("right_square_bracket", "step_period(1)", "Period", show=False, key_display="[ ]", tooltip="Mark the next period on the chart and read its values; enter opens its rows", id="figure.period-next"),
        Binding("left_square_bracket", "step_period(-1)", "Period", show=False, tooltip="Mark the previous period on the chart", id="figure.period-previous"),
        Binding("o", "sort_next", "Sort", tooltip="Sort the table by the next column", id="figure.sort"),
        Binding("O", "sort_reverse", "Reverse", show=False, tooltip="Reverse the table's order", id="figure.reverse"),
    ]

    view: reactive[str] = reactive("chart", repaint=False)
    sort_index: reactive[int] = reactive(0, repaint=False)
    sort_reverse: reactive[bool] = reactive(False, repaint=False)
    gap: reactive[GapMode] = reactive(GapMode.BOTH, repaint=False, init=False)
    log_scale: reactive[bool] = reactive(False, repaint=False, init=False)
    cursor_period: reactive[str] = reactive("", repaint=False, init=False)

    def __init__(
        self, pack: Pack, figure: Figure, *, ascii_only: bool, view: str = "chart", card_columns: int = 1,
        console_font: bool = False,
    ) -> None:
        super().__init__()
        self.pack = pack
        self.figure = figure
        self.ascii_only = ascii_only
        self.console_font = console_font
        self.glyphs = glyphs_for(ascii_only, console_font)
        self.card_columns = card_columns
        self.records = pack.records_of(figure)
        self.set_reactive(FigurePanel.view, view)

    # Each a pass over the figure's values: done when the footer first asks, not per panel made.
    @cached_property
    def has_gap(self) -> bool:
        return has_gap(self.figure)

    @cached_property
    def spans_decades(self) -> bool:
        return spans_decades(self.figure)

    def compose(self) -> ComposeResult:
        yield SizedStatic(Text(self.figure.title), classes="figure-title")
        observations = key_observations(self.figure)
        yield FigureCards(
            self.figure, observations[:MOST_CARDS], self.glyphs, columns=self.card_columns, plain=self.ascii_only,
        )
        if len(observations) > MOST_CARDS:
            more = len(observations) - MOST_CARDS
            yield SizedStatic(Text(f"{more:,} more {'value' if more == 1 else 'values'} in the table (t)"), classes="more-cards")
        with ViewSwitcher(initial=self.view):
            yield self._view_widget(self.view)

    def show_citation(self, shown: bool) -> None:
        """Cite the figure's sources under it, for a picture of the figure alone (an SVG
        export), which must cite itself; mounted only then, as no screen shows it."""
        if not shown:
            self.query_children(".figure-citation").remove()
        elif not self.query_children(".figure-citation"):
            sources = [self.pack.sources[s].citation for s in self.figure.source_ids if s in self.pack.sources]
            self.mount(Static(Text("Sources: " + "; ".join(sources), style="dim"), classes="figure-citation"))

    def _view_widget(self, view: str) -> Widget:
        """The widget for ``view``; each is made the first time it is shown."""
        if view == "table":
            return FigureTable(
                self.pack, self.figure, id="table", glyphs=self.glyphs, sort_by=self.sort_column, reverse=self.sort_reverse,
            )
        if view == "sources":
            return SourcesView(self.pack, self.figure, id="sources")
        # Imported here: plotext is needed only once a chart is shown, not for the overview.
        from aiindex_tui.ui.figure_chart import ChartView

        return ChartView(self.figure, ascii_only=self.ascii_only, console_font=self.console_font, id="chart")

    def watch_view(self, view: str) -> None:
        # Also before this panel's Mount event: a view key typed right after the
        # section opened must not be lost (on_mount applies it again).
        for switcher in self.query_children(ContentSwitcher):
            shown = switcher.query_children(f"#{view}")
            if shown:
                shown.first().restyle_if_stale()
            else:
                switcher.mount(self._view_widget(view))  # registered at once, shown below
            switcher.current = view
        if self.has_focus:
            self.refresh_bindings()  # the footer shows each view's own keys

    def on_mount(self) -> None:
        self.watch_view(self.view)

    def _charts(self):
        from aiindex_tui.ui.figure_chart import FigureChart

        return self.query(FigureChart)

    def watch_gap(self, gap: GapMode) -> None:
        for chart in self._charts():
            chart.gap = gap

    def watch_log_scale(self, log_scale: bool) -> None:
        for chart in self._charts():
            chart.log_scale = log_scale

    def watch_cursor_period(self, period: str) -> None:
        for chart in self._charts():
            chart.cursor_period = period

    def action_step_period(self, step: int) -> None:
        """Move the period marker; it starts from the latest period going back, the first going on."""
        periods = self.figure.periods
        if self.cursor_period in periods:
            index = max(0, min(len(periods) - 1, periods.index(self.cursor_period) + step))
        else:
            index = len(periods) - 1 if step < 0 else 0
        self.cursor_period = periods[index]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Each key acts (and shows in the footer) only where it has something to do."""
        if action in ("sort_next", "sort_reverse"):
            return self.view == "table"
        if action == "gap":
            return self.view == "chart" and self.has_gap
        if action == "log_scale":
            return self.view == "chart" and self.spans_decades
        if action == "step_period":
            return self.view == "chart" and len(self.figure.periods) > 1
        if action == "open":
            return self.records is not None or self.view == "table"
        return True

    def _resort(self) -> None:
        for table in self.query(FigureTable):  # none until the table is first shown
            table.fill(SORT_COLUMNS[self.sort_index], self.sort_reverse)

    def action_sort_next(self) -> None:
        # The header's arrow shows the new order; a notification would cover the rows.
        self.sort_index = (self.sort_index + 1) % len(SORT_COLUMNS)
        self._resort()

    def action_sort_reverse(self) -> None:
        self.sort_reverse = not self.sort_reverse
        self._resort()

    @property
    def sort_column(self) -> str:
        return SORT_COLUMNS[self.sort_index]

    def action_zoom(self) -> None:
        screen = self.screen
        if screen.maximized is self:
            screen.minimize()
        else:
            screen.maximize(self, container=False)

    def action_gap(self) -> None:
        self.gap = self.gap.next
        if self.gap is not GapMode.BOTH:
            self.log_scale = False  # differences can be negative

    def action_log_scale(self) -> None:
        self.log_scale = not self.log_scale
        if self.log_scale:
            self.gap = GapMode.BOTH

    def action_open(self) -> None:
        """The rows behind the figure; in the table view without records, the table itself."""
        if self.records is not None:
            self.open_records(None, period=self.cursor_period if self.view == "chart" else "")
        elif self.view == "table":
            for table in self.query(FigureTable):
                self.screen.set_focus(table)

    def open_records(self, observation: Observation | None, *, period: str = "") -> None:
        """Show the records behind one value, the values of one period, or every value."""
        from aiindex_tui.ui.records_screen import RecordsScreen

        records = self.records
        if records is None:
            return
        if observation is None and period:
            values = self.figure.values
            indexes = records.rows_for(tuple(o for o, p in zip(values.observation_id, values.period) if p == period))
            scope = f"{period} ({len(indexes):,} rows)"
        elif observation is None:
            indexes = records.rows_for(self.figure.values.observation_id)
            scope = f"every value ({len(indexes):,} rows)"
        else:
            indexes = records.rows_behind(observation.observation_id)
            parts = [observation.period, observation.entity, observation.series]
            scope = self.glyphs.dot.join(p for p in parts if p) + f": {value_with_unit(observation, self.figure.unit)}"
        if not indexes:
            self.notify("No rows are behind this value.", title="Rows", timeout=3, markup=False)
            return
        self.app.push_screen(RecordsScreen(
            records, indexes, title=self.figure.title, scope=scope, glyphs=self.glyphs,
            counted_as=counted_as(self.figure, records, indexes),
        ))

    @on(DataTable.RowSelected)
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        table = event.data_table
        if isinstance(table, FigureTable) and table.current_observation is not None:
            self.open_records(table.current_observation)


def counted_as(figure: Figure, records: RecordSet, indexes: tuple[int, ...]) -> dict[int, tuple[str, ...]]:
    """For each row, the period and entity of every value of ``figure`` it is counted in.

    Counting the rows by this gives back the figure's own numbers, for example a
    model made in the US and China counted once for each under the every-country rule.
    """
    label_of = {
        observation_id: f"{period} {entity}"
        for observation_id, period, entity in zip(figure.values.observation_id, figure.values.period, figure.values.entity)
    }
    return {
        index: tuple(label_of[o] for o in records.observation_ids[index] if o in label_of)
        for index in indexes
    }


def spans_decades(figure: Figure) -> bool:
    """Whether a log scale helps: positive values spanning an order of magnitude or more.
    Not for differences, which cross zero."""
    positive = [v for v in figure.values.value if v > 0]
    return figure.measure != "difference" and bool(positive) and max(positive) >= 10 * min(positive)
