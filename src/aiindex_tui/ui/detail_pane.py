"""The detail pane: a section's figure panels (or the overview's headline values), then its summary."""

from __future__ import annotations

import asyncio
import traceback
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.containers import Container, VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.strip import Strip
from textual.widgets import Static

from aiindex_tui.output.fact_check import fact_check_rows
from aiindex_tui.pack.model import Pack, Section
from aiindex_tui.pack.sanitize import visible
from aiindex_tui.ui.aligned_row import AlignedRow
from aiindex_tui.ui.display import DisplayOptions
from aiindex_tui.output.glyphs import Glyphs
from aiindex_tui.ui.line_table import LineTable
from aiindex_tui.ui.scrolling import LINE_TABLE_ACTIONS, row_cursor_bindings, scroll_at_once
from aiindex_tui.ui.workarounds import RestyledWhenShown, SizedInOnePass, SizedStatic

if TYPE_CHECKING:
    from aiindex_tui.ui.figure_panel import FigurePanel

CARD_MIN_WIDTH = 40  # a one-line value card: value, verdict, period and entity
CARD_CHROME = 8  # pane padding and scrollbar, panel border and padding


HEADLINE_COLUMNS = ("value", "entity", "report", "recount", "notes", "period", "figure")
ENTITY_WIDTH = 22  # enough to tell "US", "China" and a named model apart
VALUE_WIDTH = 20  # the article's quoted words are cut here, so what they are about stays in view
NARROWEST_ENTITY = 10  # a narrow pane gives the entity this much before cutting what follows

class HeadlineList(LineTable):
    """Every value the article states, one aligned line each, with its checks; enter opens
    the line's figure. The overview's landing view, drawn in the first frame."""

    BINDINGS = [
        *row_cursor_bindings("headlines", "headline", {m: a for m, a in LINE_TABLE_ACTIONS.items() if m not in ("left", "right")}),
        Binding("enter", "choose", "Open figure", key_display="enter", tooltip="Open the figure of this value", id="headlines.open"),
    ]
    DEFAULT_CSS = """
    HeadlineList { overflow-x: hidden; }
    """
    header_height = 0  # the column names are a line of their own above the list (header())
    zebra = False

    @dataclass
    class FigureChosen(Message):
        """The reader chose a value's line: its figure should be shown and focused."""

        figure_id: str

    def __init__(self, pack: Pack, glyphs: Glyphs) -> None:
        super().__init__(ellipsis=glyphs.ellipsis, classes="headlines")
        self.rows_shown = fact_check_rows(pack)
        self._cells = [
            [Text(row.value, style="bold"), Text(row.observation.entity), Text(row.report.cell if row.report else ""),
             Text(row.recount.cell if row.recount else ""), Text(row.notes), Text(row.observation.period),
             Text(row.figure.title)]
            for row in self.rows_shown
        ]
        # Every column's width, the last one's too: header and rows then shrink alike.
        widths = [max((row[n].cell_len for row in self._cells), default=0) for n in range(len(HEADLINE_COLUMNS))]
        widths[0] = min(widths[0], VALUE_WIDTH)
        widths[1] = min(widths[1], ENTITY_WIDTH)
        self.widths = widths
        self.update_size()

    @property
    def row_count(self) -> int:
        return len(self.rows_shown)

    def cells(self, index: int) -> list[Text]:
        return self._cells[index]

    def content_width(self) -> int:
        return 0  # each line is laid out to the list's width: nothing to scroll sideways

    def _row(self, cells: list[Text]) -> AlignedRow:
        return AlignedRow(
            cells, self.widths, self.ellipsis, right_aligned=1, flexible=1, narrowest=NARROWEST_ENTITY, wrap_after=2,
            whole_after_wrap=3,  # both checks and the notes whole, or all on the second line,
            whole_on_second_line=2,  # both checks whole there (the notes as far as they fit),
            wrap_again_after=3,  # or, where they do not fit there, the recount and notes on a third
        )

    def lines_per_row(self, width: int) -> int:
        return self._row(self._cells[0]).line_count(width) if self.rows_shown else 1

    def row_lines(self, cells, width: int, style: Style) -> list[Strip]:
        lines = self.app.console.render_lines(self._row(list(cells)), self.app.console.options.update_width(width), style=style)
        return [Strip(line).extend_cell_length(width, style) for line in lines[: self.lines_per_row(width)]]

    def header(self) -> AlignedRow:
        """The column names, aligned with the rows (drawn above the list)."""
        return self._row([Text(name, style="bold") for name in HEADLINE_COLUMNS])

    @property
    def highlighted(self) -> int:
        return self.cursor

    def action_choose(self) -> None:
        if self.rows_shown:
            self.post_message(self.FigureChosen(self.rows_shown[self.cursor].figure.figure_id))


def about_section(heading: str, summary: str) -> Static:
    """A heading and the section's summary under it, below the figures: one widget for both."""
    return SizedStatic(Text.assemble((heading, "bold"), "\n", summary), classes="section-about")


class SectionView(RestyledWhenShown, SizedInOnePass, VerticalScroll, inherit_bindings=False):
    """One section's title, summary and figure panels, scrolled on their own.

    Built hidden, ahead of a section's first visit or on it, and kept with its
    own scroll position and height, so switching sections only changes which one is displayed: nothing
    else is laid out again, and the switch costs one frame. The pane's keys
    (DetailPane.BINDINGS) do the scrolling, so the scroll container's own
    arrow-key bindings are not inherited.
    """

    def __init__(self, pack: Pack, section: Section) -> None:
        super().__init__()
        self.pack = pack
        self.section = section
        self.panels: list[FigurePanel] = []
        # Tab should land on figures; the section itself takes focus only when it has none.
        self.can_focus = not section.figures and section is not pack.overview
        self._scroll_target: FigurePanel | None = None
        self.mounted = asyncio.Event()  # set once every widget of the section is mounted

    def before_first_layout(self, pane_height: int) -> None:
        """Where the section is sure to be taller than the pane (its charts' heights, set in
        cells by the stylesheet, already add up to more), its scroll bar is drawn in its first
        layout: found only by that layout, it took another, and the bar's own a third, each a
        frame of the first visit."""
        heights = [chart.styles.height for chart in self.query("FigureChart")]
        if sum(int(h.value) for h in heights if h is not None and h.is_cells) > pane_height:
            self.set_reactive(Widget.show_vertical_scrollbar, True)

    def contents(self, *, view: str, display: DisplayOptions, card_columns: int) -> list[Widget]:
        section = self.section
        title = SizedStatic(Text(section.title), classes="section-title")
        if section is self.pack.overview:
            # The headline values first; the pack's summary follows, as a section's does.
            heading = Static(Text(
                "The article's values, each checked against the report's data and a recount: the verdict, "
                "the number found, (the article's minus it)",
                style="bold",
            ))
            headline_list = HeadlineList(self.pack, display.glyphs)
            columns = Static(headline_list.header(), classes="headline-columns")
            return [title, heading, columns, headline_list, about_section("About this pack", section.summary)]
        if not section.figures:
            return [
                title, Static(Text(section.summary), classes="section-summary"),
                Static(Text("This section states no figures.", style="italic"), classes="no-figures"),
            ]
        from aiindex_tui.ui.figure_panel import FigurePanel

        # Figures first, so a short terminal opens on the first chart; the
        # section's summary (its verdicts in words) follows them.
        self.panels = [
            FigurePanel(self.pack, figure, display, view=view, card_columns=card_columns)
            for figure in section.figures
        ]
        return [title, *self.panels, about_section("About this section", section.summary)]

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if event.widget in self.panels:
            self._scroll_target = event.widget  # type: ignore[assignment]
            self.call_after_refresh(self._scroll_to_target)

    def virtual_size_changed(self) -> None:
        # Panels grow as their contents mount and shrink or grow with the view;
        # keep the focused figure at the top whatever the final height is.
        if self._scroll_target is not None:
            self.call_after_refresh(self._scroll_to_target)

    def _scroll_to_target(self) -> None:
        target = self._scroll_target
        if target is not None and target.is_attached and target.display:
            self.scroll_to_widget(target, animate=False, top=True)


class DetailPane(Container):
    """The selected section: title, own-words summary and its figure panels.

    A section's widgets are mounted hidden, ahead of its first visit once the
    app is idle (``mount_ahead``) or on that visit, and kept: the pane goes on
    showing the previous section until the new one is complete, so no frame
    shows an empty pane, and a return visit costs nothing. Mounting registers
    widgets at once, so a key typed right after a section switch already finds
    its figures.
    """

    BINDINGS = [
        Binding("j,down", "move(1)", "Next figure", show=False, tooltip="Focus the next figure", id="detail.next"),
        Binding("k,up", "move(-1)", "Previous figure", show=False, tooltip="Focus the previous figure", id="detail.previous"),
        Binding("pagedown,space", "scroll('page_down')", "Page down", show=False, tooltip="Scroll the figures down a page", id="detail.page-down"),
        Binding("pageup", "scroll('page_up')", "Page up", show=False, tooltip="Scroll the figures up a page", id="detail.page-up"),
        Binding("home", "scroll('home')", "Top", show=False, tooltip="Scroll to the top of the section", id="detail.top"),
        Binding("end", "scroll('end')", "Bottom", show=False, tooltip="Scroll to the end of the section", id="detail.bottom"),
        Binding("escape,h,left", "screen.back", "Back", show=False, key_display="esc", tooltip="Back to the sections list", id="detail.back"),
    ]

    section: reactive[Section | None] = reactive(None, init=False, repaint=False)
    view: reactive[str] = reactive("chart", init=False, repaint=False)

    def __init__(self, pack: Pack, display: DisplayOptions, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.pack = pack
        self.display_options = display
        self._views: dict[str, SectionView] = {}
        self.card_columns = 1

    def on_resize(self) -> None:
        # Card columns follow the pane's width. Set here, where resizes always
        # arrive, rather than per panel, where off-screen panels hear of their
        # size late and would change the scroll height after the fact.
        columns = max(1, (self.size.width - CARD_CHROME) // CARD_MIN_WIDTH)
        if columns != self.card_columns:
            self.card_columns = columns
            for cards in self.query(".cards"):
                cards.columns = columns

    def on_mount(self) -> None:
        self.watch_section(self.section)

    def _mount_section(self, section: Section, *, hidden: bool) -> SectionView:
        """A section's view, its widgets built before it is registered; where building or
        mounting them fails, the view says so instead of leaving the pane on another section."""
        view = SectionView(self.pack, section)
        try:
            contents = view.contents(view=self.view, display=self.display_options, card_columns=self.card_columns)
        except Exception as error:  # a bug or a pack it cannot draw: one section, not the app
            contents = [self._failure(section, error)]
        self._views[section.section_id] = view
        view.display = not hidden
        self.mount(view)
        mounting = view.mount_all(contents)

        async def mounted() -> None:
            try:
                await mounting
            except Exception as error:
                await view.remove_children()
                await view.mount(self._failure(section, error))
            finally:
                view.mounted.set()

        self.run_worker(mounted(), group="mount")
        return view

    def _failure(self, section: Section, error: Exception) -> Static:
        """What the pane shows for a section that could not be drawn; the log gets the traceback."""
        self.log.error(f"section {section.section_id!r} could not be drawn:\n" + "".join(traceback.format_exception(error)))
        return Static(
            Text.assemble(
                (f"{section.title}\n", "bold"),
                f"This section could not be drawn ({type(error).__name__}: {visible(str(error))}). The other sections "
                "and every export still work; the log has the details.",
            ),
            classes="section-failed",
        )

    async def mount_ahead(self, section: Section) -> None:
        """Mount a section's widgets hidden, so that its first visit shows it at once."""
        view = self._views.get(section.section_id)
        if view is None:
            view = self._mount_section(section, hidden=True)
        await view.mounted.wait()

    def watch_section(self, section: Section | None) -> None:
        if section is None:
            return
        shown = self._views.get(section.section_id)
        if shown is None:
            # The first section is shown as it mounts: there is nothing else to show meanwhile.
            shown = self._mount_section(section, hidden=bool(self._views))
        if shown.mounted.is_set() or shown.display:
            self._reveal(shown)
        else:
            # The function, not a coroutine made now: a later key's reveal may cancel this one
            # before it starts, and a coroutine never awaited is reported as a warning.
            self.run_worker(partial(self._reveal_when_mounted, shown), group="reveal", exclusive=True, exit_on_error=False)

    async def _reveal_when_mounted(self, shown: SectionView) -> None:
        await shown.mounted.wait()
        if self.current is shown:  # not if the user has moved on meanwhile
            self._reveal(shown)

    def _reveal(self, shown: SectionView) -> None:
        shown.restyle_if_stale()
        if not shown.size:
            shown.before_first_layout(self.size.height)
        self._show_view(shown)
        for view in self._views.values():
            view.display = view is shown

    def watch_view(self) -> None:
        # Only the shown section's panels: hidden ones catch up when next shown,
        # so a view key costs the same however many sections have been visited.
        if self.current is not None:
            self._show_view(self.current)

    def _show_view(self, section_view: SectionView) -> None:
        for panel in section_view.panels:
            panel.view = self.view

    @property
    def visited(self) -> set[str]:
        """Ids of the sections mounted so far."""
        return set(self._views)

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
            if self.current:
                self.current.scroll_relative(y=step * 3, animate=False)
            return
        focused = self.screen.focused
        index = panels.index(focused) if focused in panels else -1
        self.screen.set_focus(panels[max(0, min(len(panels) - 1, index + step))])

    def action_scroll(self, where: str) -> None:
        """Scroll the shown section: ``where`` is page_down, page_up, home or end."""
        if self.current and where in ("page_down", "page_up", "home", "end"):
            scroll_at_once(self.current, where)
