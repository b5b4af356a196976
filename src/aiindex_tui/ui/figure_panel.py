"""One figure's panel: title, key-value cards, and its chart, table or sources.

Imported when a section with figures is first shown, so the overview starts
without it (and without plotext).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Static

from aiindex_tui.output.figure_facts import counted_as, key_observations, log_refusal, value_with_unit
from aiindex_tui.pack.derive import GapMode, gap_refusal, left_out_of_gap, next_gap_mode
from aiindex_tui.pack.model import Figure, Observation, Pack, RecordSet
from aiindex_tui.pack.window import PeriodWindow, window_figure
from aiindex_tui.ui.display import DisplayOptions
from aiindex_tui.ui.figure_cards import MOST_CARDS, FigureCards
from aiindex_tui.ui.figure_table import SORT_COLUMNS, FigureTable, SourcesView
from aiindex_tui.ui.scrolling import SCROLL_ACTIONS, row_cursor_bindings, scroll_at_once
from aiindex_tui.ui.workarounds import SizedInOnePass, SizedStatic


WINDOW_NEEDS_MARK = "Mark a period first with [ or ]: { then starts the window there, } ends it there."
ONE_PERIOD = "This figure has values for one period only: there is no range to narrow."


class ViewSwitcher(SizedInOnePass, ContentSwitcher):
    """A figure's chart, table or sources, one at a time."""


class FigurePanel(SizedInOnePass, Vertical, can_focus=True):
    """One figure: title, key-value cards, and its chart, table or sources."""

    BINDINGS = [
        Binding("enter", "open", "Rows", key_display="enter", tooltip="Open the rows behind the figure's counts, or go into its table", id="figure.open"),
        Binding("z", "zoom", "Zoom", tooltip="Show the focused figure on the whole screen, or back", id="figure.zoom"),
        Binding("d", "gap", "Gap", tooltip="Chart the US-China difference, then the ratio (counts and shares only), then both series", id="figure.gap"),
        Binding("L", "log_scale", "Log", tooltip="Chart on a log scale, or back to a linear one", id="figure.log"),
        Binding("right_square_bracket", "step_period(1)", "Period", show=False, key_display="[ ]", tooltip="Mark the next period on the chart and read its values; enter opens its rows", id="figure.period-next"),
        Binding("left_square_bracket", "step_period(-1)", "Period", show=False, tooltip="Mark the previous period on the chart", id="figure.period-previous"),
        Binding("left_curly_bracket", "set_window('start')", "Window", key_display="{ }", tooltip="Start the chart's period window at the marked period (mark one with [ or ])", id="figure.window-start"),
        Binding("right_curly_bracket", "set_window('end')", "Window end", show=False, tooltip="End the chart's period window at the marked period", id="figure.window-end"),
        Binding("w", "whole_range", "All periods", tooltip="Show every period again, not only the window's", id="figure.window-whole"),
        # A derived view that would mislead is not offered (nor shown in the footer): its key then
        # says why. These come after the keys' own bindings and act only where those are off. As
        # bindings, not a key handler, they judge the figure focused when the key is acted on,
        # which for keys typed in a burst after j is not the one focused when they were read.
        *(
            Binding(key, f"explain_refusal({key!r})", show=False, tooltip=f"Say why {shown} does nothing here", id=f"figure.refused-{name}")
            for key, shown, name in (
                ("d", "d", "gap"), ("L", "L", "log"),
                ("left_curly_bracket", "{", "window-start"), ("right_curly_bracket", "}", "window-end"),
            )
        ),
        Binding("o", "sort_next", "Sort", tooltip="Sort the table by the next column", id="figure.sort"),
        Binding("O", "sort_reverse", "Reverse", show=False, tooltip="Reverse the table's order", id="figure.reverse"),
        # Zoomed on its sources, the figure is a page to read: the moving keys scroll it.
        *(
            replace(binding, tooltip=f"Zoomed on its sources: {binding.tooltip.lower()}")
            for binding in row_cursor_bindings("zoomed-sources", "line", {
                move: action.replace("scroll(", "scroll_sources(") for move, action in SCROLL_ACTIONS.items()
            })
        ),
    ]

    view: reactive[str] = reactive("chart", repaint=False)
    sort_index: reactive[int] = reactive(0, repaint=False)
    sort_reverse: reactive[bool] = reactive(False, repaint=False)
    gap: reactive[GapMode] = reactive(GapMode.BOTH, repaint=False, init=False)
    log_scale: reactive[bool] = reactive(False, repaint=False, init=False)
    cursor_period: reactive[str] = reactive("", repaint=False, init=False)
    window: reactive[PeriodWindow | None] = reactive(None, repaint=False, init=False)

    @dataclass
    class RowsRequested(Message):
        """The reader asked for the rows behind some of the figure's values; the screen shows them."""

        figure: Figure
        records: RecordSet
        indexes: tuple[int, ...]
        scope: str  # which values, in words: "every value", a period, or one value
        counted_as: dict[int, tuple[str, ...]]

    def __init__(self, pack: Pack, figure: Figure, display: DisplayOptions, *, view: str = "chart", card_columns: int = 1) -> None:
        super().__init__()
        self.pack = pack
        self.figure = figure
        self.display_options = display
        self.glyphs = display.glyphs
        self.card_columns = card_columns
        self.records = pack.records_of(figure)
        self._shown: tuple[PeriodWindow | None, Figure] | None = None
        self.set_reactive(FigurePanel.view, view)

    @property
    def shown_figure(self) -> Figure:
        """The figure as shown and exported: its values in the period window, if one is set.
        Kept for its window: narrowing a long series is a pass over every value."""
        if self._shown is None or self._shown[0] != self.window:
            self._shown = self.window, window_figure(self.figure, self.window)
        return self._shown[1]

    # Each a pass over the figure's values: done when the footer first asks, not per panel made.
    @cached_property
    def gap_refusal(self) -> str | None:
        return gap_refusal(self.figure)

    @cached_property
    def log_refusal(self) -> str | None:
        return log_refusal(self.figure)

    def compose(self) -> ComposeResult:
        yield SizedStatic(Text(self.shown_figure.title), classes="figure-title")
        observations = key_observations(self.figure)
        yield FigureCards(
            self.figure, observations[:MOST_CARDS], self.glyphs, columns=self.card_columns, plain=self.display_options.ascii_only,
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
                self.pack, self.shown_figure, id="table", glyphs=self.glyphs, sort_by=self.sort_column, reverse=self.sort_reverse,
            )
        if view == "sources":
            return SourcesView(self.pack, self.shown_figure, id="sources")
        # Imported here: plotext is needed only once a chart is shown, not for the overview.
        from aiindex_tui.ui.figure_chart import ChartView

        return ChartView(self.figure, self.display_options, id="chart", window=self.window)

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

    def watch_window(self, window: PeriodWindow | None) -> None:
        for chart in self._charts():
            chart.window = window
        self.query_children(".figure-title").first(SizedStatic).update(Text(self.shown_figure.title))
        # The table and sources list the window's values: made again when next shown.
        for switcher in self.query_children(ContentSwitcher):
            stale = [child for child in switcher.children if child.id in ("table", "sources")]
            for child in stale:
                child.remove()
            if switcher.current in ("table", "sources"):
                switcher.mount(self._view_widget(switcher.current))
        if self.has_focus:
            self.refresh_bindings()

    def action_set_window(self, which: str) -> None:
        """Move the window's start or end to the marked period."""
        figure = self.figure
        if self.cursor_period not in figure.periods:  # from the palette, which offers it only with a mark
            return
        window = (self.window or PeriodWindow(figure.periods[0], figure.periods[-1])).with_end(which, self.cursor_period)
        self.window = None if all(map(window.holds, figure.periods)) else window  # one change, so one redraw

    def action_whole_range(self) -> None:
        self.window = None

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
        if action == "scroll_sources":
            return self.is_zoomed and self.view == "sources"  # else the pane's keys move between figures
        if action in ("sort_next", "sort_reverse"):
            return self.view == "table"
        if action == "gap":
            return self.view == "chart" and self.gap_refusal is None
        if action == "log_scale":
            return self.view == "chart" and self.log_refusal is None
        if action == "step_period":
            return self.view == "chart" and len(self.figure.periods) > 1
        if action == "set_window":
            return self.view == "chart" and self.cursor_period in self.figure.periods
        if action == "whole_range":
            return self.window is not None
        if action == "explain_refusal":
            return self.refusal(str(parameters[0])) is not None
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

    @property
    def is_zoomed(self) -> bool:
        return self.is_attached and self.screen.maximized is self

    def action_scroll_sources(self, where: str) -> None:
        for views in self.query_children(ContentSwitcher):
            scroll_at_once(views, where)

    def action_zoom(self) -> None:
        screen = self.screen
        if screen.maximized is self:
            screen.minimize()
        else:
            screen.maximize(self, container=False)

    def action_explain_refusal(self, key: str) -> None:
        refusal = self.refusal(key)
        if refusal is not None:
            title, text = refusal
            self.notify(text, title=title, timeout=5, markup=False)

    def refusal(self, key: str) -> tuple[str, str] | None:
        """Why ``key`` does nothing here, as a notice's title and text; None where it acts."""
        if self.view != "chart":
            return None
        reason = {"d": self.gap_refusal, "L": self.log_refusal}.get(key)
        if reason is not None:
            return "Not for this figure", reason
        if key in ("left_curly_bracket", "right_curly_bracket") and not self.cursor_period:
            return "Period window", ONE_PERIOD if len(self.figure.periods) < 2 else WINDOW_NEEDS_MARK
        return None

    def action_gap(self) -> None:
        self.gap = next_gap_mode(self.figure, self.gap)
        if self.gap is not GapMode.BOTH:
            self.log_scale = False  # differences can be negative
            left_out = left_out_of_gap(self.figure)
            if left_out:
                self.notify(left_out, title="Not in the gap", timeout=8, markup=False)

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
        """Ask for the records behind one value, the values of one period, or every value."""
        records = self.records
        if records is None:
            return
        if observation is None and period:
            values = self.shown_figure.values
            indexes = records.rows_for(tuple(o for o, p in zip(values.observation_id, values.period) if p == period))
            scope = f"{period} ({len(indexes):,} rows)"
        elif observation is None:
            indexes = records.rows_for(self.shown_figure.values.observation_id)
            scope = f"every value ({len(indexes):,} rows)"
        else:
            indexes = records.rows_behind(observation.observation_id)
            parts = [observation.period, observation.entity, observation.series]
            scope = self.glyphs.dot.join(p for p in parts if p) + f": {value_with_unit(observation, self.figure.unit)}"
        if not indexes:
            self.notify("No rows are behind this value.", title="Rows", timeout=3, markup=False)
            return
        self.post_message(self.RowsRequested(self.figure, records, indexes, scope, counted_as(self.figure, records, indexes)))

    @on(FigureTable.RowChosen)
    def _row_chosen(self, event: FigureTable.RowChosen) -> None:
        event.stop()
        self.open_records(event.table.rows_shown[event.index])


