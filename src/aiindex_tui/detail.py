"""The detail pane: a section's summary and one panel per figure."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical, VerticalScroll
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import ContentSwitcher, DataTable, Static

from aiindex_tui import formats
from aiindex_tui.chart import ChartView
from aiindex_tui.glyphs import Glyphs, glyphs_for
from aiindex_tui.model import Figure, Observation, Origin, Pack, Section

VIEWS = ("chart", "table", "sources")
SORT_COLUMNS = ("period", "entity", "value", "origin")
CARD_MIN_WIDTH = 24
CARD_CHROME = 8  # pane padding and scrollbar, panel border and padding


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
        # Filled now rather than on mount, so the table has its height from the
        # start and the pane's scroll height does not change after the fact.
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
            yield ChartView(self.figure, ascii_only=self.ascii_only, id="chart")
            yield FigureTable(self.pack, self.figure, id="table")
            yield SourcesView(self.pack, self.figure, id="sources")

    def watch_view(self, view: str) -> None:
        # Also before this panel's Mount event: a view key typed right after the
        # section opened must not be lost (on_mount applies it again).
        for switcher in self.query_children(ContentSwitcher):
            switcher.current = view

    def on_mount(self) -> None:
        self.watch_view(self.view)

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
    """One section's title, summary and figure panels; built on first visit, then kept."""

    def __init__(self, pack: Pack, section: Section) -> None:
        super().__init__()
        self.pack = pack
        self.section = section

    def contents(self, *, view: str, ascii_only: bool, card_columns: int) -> list[Widget]:
        section = self.section
        widgets: list[Widget] = [
            Static(Text(section.title), classes="section-title"),
            Static(Text(section.summary), classes="section-summary"),
        ]
        if not section.figures:
            if section is self.pack.sections[0]:
                widgets += [Static(Text("Headline figures from the article", style="bold")), HeadlineTable(self.pack)]
            else:
                widgets.append(Static(Text("This section states no figures.", style="italic"), classes="no-figures"))
        widgets += [
            FigurePanel(self.pack, figure, ascii_only=ascii_only, view=view, card_columns=card_columns)
            for figure in section.figures
        ]
        return widgets

    @property
    def panels(self) -> list[FigurePanel]:
        return list(self.query_children(FigurePanel))


class DetailPane(VerticalScroll):
    """The selected section: title, own-words summary and its figure panels.

    A section's widgets are mounted on its first visit and kept, so large packs
    start quickly and a return visit costs nothing. Mounting registers widgets at
    once, so a key typed right after a section switch already finds its figures.
    """

    BINDINGS = [
        Binding("j,down", "move(1)", "Next figure", show=False, tooltip="Focus the next figure", id="detail.next"),
        Binding("k,up", "move(-1)", "Previous figure", show=False, tooltip="Focus the previous figure", id="detail.previous"),
        Binding("pagedown,space", "page_down", "Page down", show=False, tooltip="Scroll the figures down a page", id="detail.page-down"),
        Binding("pageup", "page_up", "Page up", show=False, tooltip="Scroll the figures up a page", id="detail.page-up"),
        Binding("escape,h,left", "app.back", "Back", key_display="esc", tooltip="Back to the sections list", id="detail.back"),
    ]

    section: reactive[Section | None] = reactive(None, init=False)
    view: reactive[str] = reactive("chart", init=False)

    def __init__(self, pack: Pack, *, ascii_only: bool, id: str | None = None) -> None:
        super().__init__(id=id)
        self.pack = pack
        self.ascii_only = ascii_only
        self._views: dict[str, SectionView] = {}
        self._scroll_target: FigurePanel | None = None
        self.card_columns = 1

    def on_resize(self) -> None:
        # Card columns follow the pane's width. Set here, where resizes always
        # arrive, rather than per panel, where off-screen panels hear of their
        # size late and would change the scroll height after the fact.
        columns = max(1, (self.size.width - CARD_CHROME) // CARD_MIN_WIDTH)
        if columns != self.card_columns:
            self.card_columns = columns
            for cards in self.query(".cards").results(Grid):
                cards.styles.grid_size_columns = columns

    def on_mount(self) -> None:
        self.watch_section(self.section)

    def watch_section(self, section: Section | None) -> None:
        if section is None:
            return
        shown = self._views.get(section.section_id)
        if shown is None:
            shown = self._views[section.section_id] = SectionView(self.pack, section)
            self.mount(shown)
            shown.mount_all(
                shown.contents(view=self.view, ascii_only=self.ascii_only, card_columns=self.card_columns)
            )
        for view in self._views.values():
            view.display = view is shown
        # Tab should land on figures; the pane itself takes focus only when it has none.
        self.can_focus = not section.figures
        self._scroll_target = None
        self.scroll_home(animate=False)

    def watch_view(self, view: str) -> None:
        for section_view in self._views.values():
            for panel in section_view.panels:
                panel.view = view

    @property
    def current(self) -> SectionView | None:
        return self._views.get(self.section.section_id) if self.section else None

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
            self._scroll_target = event.widget
            self.call_after_refresh(self._scroll_to_target)

    def watch_virtual_size(self) -> None:
        # Panels grow as their contents mount and shrink or grow with the view;
        # keep the focused figure at the top whatever the final height is.
        if self._scroll_target is not None:
            self.call_after_refresh(self._scroll_to_target)

    def _scroll_to_target(self) -> None:
        target = self._scroll_target
        if target is not None and target.is_attached and target.display:
            self.scroll_to_widget(target, animate=False, top=True)
