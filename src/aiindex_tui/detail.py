"""The detail pane: a section's summary and one panel per figure."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical, VerticalScroll
from textual.reactive import reactive
from textual.widgets import ContentSwitcher, DataTable, Static

from aiindex_tui import formats
from aiindex_tui.chart import ChartView
from aiindex_tui.glyphs import Glyphs, glyphs_for
from aiindex_tui.model import Figure, Observation, Origin, Pack, Section

VIEWS = ("chart", "table", "sources")
SORT_COLUMNS = ("period", "entity", "value", "origin")
CARD_MIN_WIDTH = 24


def value_with_unit(observation: Observation, unit: str) -> str:
    value = observation.formatted_value()
    return f"{value}{unit}" if unit == "%" else f"{value} {unit}"


def key_observations(figure: Figure) -> tuple[Observation, ...]:
    """The values worth a card: the article's, or else the latest context values."""
    if figure.article_observations:
        return figure.article_observations
    if not figure.observations:
        return ()
    latest = figure.periods[-1]
    return tuple(o for o in figure.observations if o.period == latest)


class HeadlineTable(DataTable):
    """Every article value of the pack, one row each: the landing view of an overview."""

    can_focus = False

    def __init__(self, pack: Pack) -> None:
        super().__init__(cursor_type="none", show_cursor=False, classes="headlines")
        self.pack = pack

    def on_mount(self) -> None:
        self.add_columns("value", "entity", "period", "figure")
        for figure in self.pack.figures:
            for obs in figure.article_observations:
                self.add_row(
                    Text(value_with_unit(obs, figure.unit), style="bold", justify="right"),
                    Text(obs.entity), Text(obs.period), Text(figure.title),
                )


class FigureCard(Static):
    """One key value: value with unit, then entity, period and origin; a badge for notes."""

    def __init__(self, figure: Figure, observation: Observation, glyphs: Glyphs) -> None:
        self.observation = observation
        noted = bool(figure.notes_for(observation.observation_id))
        text = Text(value_with_unit(observation, figure.unit), style="bold")
        if noted:
            text.append(f" {glyphs.badge} note", style="bold")
        text.append(f"\n{observation.label}{glyphs.dot}{observation.period}{glyphs.dot}")
        text.append(observation.origin.value, style="italic")
        classes = f"-{observation.origin.value}" + (" -noted" if noted else "")
        super().__init__(text, classes=classes)


class FigureTable(DataTable):
    """The exact numbers of a figure; sorted by keys on the panel, never focused itself."""

    can_focus = False

    def __init__(self, pack: Pack, figure: Figure, *, id: str) -> None:
        super().__init__(cursor_type="none", zebra_stripes=True, show_cursor=False, id=id)
        self.pack = pack
        self.figure = figure

    def on_mount(self) -> None:
        # Locators and full citations live in the Sources view, so the table fits 80 columns.
        self.with_series = any(o.series for o in self.figure.observations)
        columns = ["period", "entity", "series", "value", "origin", "source"]
        if not self.with_series:
            columns.remove("series")
        self.add_columns(*columns)
        self.fill(SORT_COLUMNS[0], reverse=False)

    def fill(self, sort_by: str, reverse: bool) -> None:
        def key(o: Observation):
            return {"period": o.period, "entity": o.entity, "value": o.value, "origin": o.origin.value}[sort_by]

        self.clear()
        for obs in sorted(formats.chronological(self.figure), key=key, reverse=reverse):
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
        for line in formats.citation_lines(pack, figure):
            text.append(f"  {line}\n")
        text.append("Where each value is stated\n", style="bold")
        for obs in formats.chronological(figure):
            text.append(f"  {obs.period} {obs.label}: {obs.formatted_value()} - {obs.source_id}, {obs.locator or 'no locator'}\n")
        notes = formats.note_lines(pack, figure)
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

    view: reactive[str] = reactive("chart")
    sort_index: reactive[int] = reactive(0)
    sort_reverse: reactive[bool] = reactive(False)

    def __init__(self, pack: Pack, figure: Figure, *, ascii_only: bool) -> None:
        super().__init__()
        self.pack = pack
        self.figure = figure
        self.ascii_only = ascii_only

    def compose(self) -> ComposeResult:
        glyphs = glyphs_for(self.ascii_only)
        yield Static(Text(self.figure.title), classes="figure-title")
        if self.figure.description:
            yield Static(Text(self.figure.description), classes="figure-description")
        with Grid(classes="cards"):
            for obs in key_observations(self.figure):
                yield FigureCard(self.figure, obs, glyphs)
        with ContentSwitcher(initial=self.view):
            yield ChartView(self.figure, ascii_only=self.ascii_only, id="chart")
            yield FigureTable(self.pack, self.figure, id="table")
            yield SourcesView(self.pack, self.figure, id="sources")

    def on_resize(self) -> None:
        columns = max(1, (self.size.width - 2) // CARD_MIN_WIDTH)
        self.query_one(".cards", Grid).styles.grid_size_columns = columns

    def watch_view(self, view: str) -> None:
        if self.is_mounted:
            self.query_one(ContentSwitcher).current = view

    def _resort(self) -> None:
        self.query_one(FigureTable).fill(SORT_COLUMNS[self.sort_index], self.sort_reverse)

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


class SectionView(Vertical):
    """One section's title, summary and figure panels; built once, shown when selected."""

    view: reactive[str] = reactive("chart")

    def __init__(self, pack: Pack, section: Section, *, ascii_only: bool) -> None:
        super().__init__()
        self.pack = pack
        self.section = section
        self.ascii_only = ascii_only

    def compose(self) -> ComposeResult:
        section = self.section
        yield Static(Text(section.title), classes="section-title")
        yield Static(Text(section.summary), classes="section-summary")
        if not section.figures:
            if section is self.pack.sections[0]:
                yield Static(Text("Headline figures from the article", style="bold"))
                yield HeadlineTable(self.pack)
            else:
                yield Static(Text("This section states no figures.", style="italic"), classes="no-figures")
        for figure in section.figures:
            yield FigurePanel(self.pack, figure, ascii_only=self.ascii_only).data_bind(SectionView.view)

    @property
    def panels(self) -> list[FigurePanel]:
        return list(self.query(FigurePanel))


class DetailPane(VerticalScroll):
    """The selected section: title, own-words summary and its figure panels.

    Every section is composed up front and only its visibility changes, so a key
    typed right after a section switch already finds that section's figures.
    """

    BINDINGS = [
        Binding("j,down", "move(1)", "Next figure", show=False, tooltip="Focus the next figure", id="detail.next"),
        Binding("k,up", "move(-1)", "Previous figure", show=False, tooltip="Focus the previous figure", id="detail.previous"),
        Binding("pagedown,space", "page_down", "Page down", show=False, tooltip="Scroll the figures down a page", id="detail.page-down"),
        Binding("pageup", "page_up", "Page up", show=False, tooltip="Scroll the figures up a page", id="detail.page-up"),
        Binding("escape,h,left", "app.back", "Back", key_display="esc", tooltip="Back to the sections list", id="detail.back"),
    ]

    section: reactive[Section | None] = reactive(None)
    view: reactive[str] = reactive("chart")

    def __init__(self, pack: Pack, *, ascii_only: bool, id: str | None = None) -> None:
        super().__init__(id=id)
        self.pack = pack
        self.ascii_only = ascii_only

    def compose(self) -> ComposeResult:
        for section in self.pack.sections:
            view = SectionView(self.pack, section, ascii_only=self.ascii_only).data_bind(DetailPane.view)
            view.display = section is self.section
            yield view

    def watch_section(self, section: Section | None) -> None:
        for view in self.query_children(SectionView):
            view.display = view.section is section
        # Tab should land on figures; the pane itself takes focus only when it has none.
        self.can_focus = section is not None and not section.figures
        self.scroll_home(animate=False)

    @property
    def current(self) -> SectionView | None:
        return next((v for v in self.query_children(SectionView) if v.section is self.section), None)

    @property
    def panels(self) -> list[FigurePanel]:
        current = self.current
        return current.panels if current else []

    def action_move(self, step: int) -> None:
        panels = self.panels
        if not panels:
            self.scroll_relative(y=step * 3)
            return
        focused = self.screen.focused
        index = panels.index(focused) if focused in panels else -1
        self.screen.set_focus(panels[max(0, min(len(panels) - 1, index + step))])

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if isinstance(event.widget, FigurePanel):
            # After a refresh, so a panel that was just shown has its final height.
            self.call_after_refresh(self.scroll_to_widget, event.widget, animate=False, top=True)
