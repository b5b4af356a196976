"""The explorer's screen: it owns the sidebar, the detail pane, their state and their keys.

State lives here and flows down (the pane's section and view); widgets report up
with messages (a headline chosen, rows asked for), handled below with ``@on``.
Dialogs are screens pushed above this one, so none of its keys act under them.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import OptionList, Static

from aiindex_tui.output.text import subject_text
from aiindex_tui.pack.model import Figure, Pack, Section
from aiindex_tui.pack.sanitize import visible
from aiindex_tui.ui.detail_pane import DetailPane, HeadlineList
from aiindex_tui.ui.display import DisplayOptions
from aiindex_tui.ui.footer import ExplorerFooter
from aiindex_tui.ui.section_list import SectionList
from aiindex_tui.ui.views import VIEW_NAMES, VIEWS

if TYPE_CHECKING:
    from aiindex_tui.pack.subject import Subject
    from aiindex_tui.ui.figure_panel import FigurePanel

MOUNT_AHEAD_AFTER = 0.3  # seconds after start-up: the first screen's own frames come first
MOUNT_AHEAD_FIGURES = 30  # a pack with more figures mounts the rest on their first visit


def _jump_bindings() -> list[Binding]:
    return [
        Binding(str(n), f"go_to_section({n - 1})", f"Section {n}", show=False,
                tooltip=f"Jump to section {n}", id=f"explorer.section-{n}")
        for n in range(1, 10)
    ]


@dataclass(frozen=True)
class StartOptions:
    """Where the explorer opens, and what it may do in its process."""

    section_id: str | None = None
    figure_id: str | None = None  # opens its section with the figure focused
    view: str | None = None
    export_directory: Path | None = None
    freeze_collections: bool = False  # only for an app that owns its process (see below)


def keep_out_of_collections() -> None:
    """Exempt every object alive now (modules, pack, mounted widgets) from garbage
    collection passes. They live as long as the app, and scanning them made a
    full collection pause a key press by some 25 ms. Called once the first screen
    and each newly mounted section are drawn, not per key; what is garbage by then
    is collected first rather than kept for good. Only for an app that owns its
    process (``freeze_collections``, set by the CLI): frozen objects are never
    freed, so a process that runs several apps would keep every one of them."""
    gc.collect()
    gc.freeze()


class ExplorerScreen(Screen):
    """A pack's sections in a sidebar, the chosen one's figures beside it."""

    ALLOW_IN_MAXIMIZED_VIEW = "ExplorerFooter"  # a zoomed figure keeps its keys in view
    BINDINGS = [
        *(
            Binding(view.key, f"set_view('{view.name}')", view.label, tooltip=view.description, id=f"explorer.view-{view.name}")
            for view in VIEWS
        ),
        Binding("y", "copy", "Copy", show=False, tooltip="Copy the focused figure with its citation (OSC 52)", id="explorer.copy"),
        # Acts before the focused widget sees the key, so the dialog is on top before
        # the next key of a burst arrives.
        Binding("e", "export", "Export", priority=True, tooltip="Export the focused figure, or the section, as CSV, JSON or Markdown", id="explorer.export"),
        Binding("b", "toggle_sidebar", "Sidebar", show=False, tooltip="Show or hide the sections sidebar", id="explorer.sidebar"),
        *_jump_bindings(),
    ]

    section_index: reactive[int] = reactive(0, init=False, repaint=False)
    view: reactive[str] = reactive("chart", repaint=False)
    show_sidebar: reactive[bool] = reactive(True, init=False, repaint=False)

    def __init__(self, pack: Pack, display: DisplayOptions, start: StartOptions = StartOptions()) -> None:
        super().__init__()
        self.pack = pack
        self.display_options = display
        self.export_directory = start.export_directory  # the working directory when not given
        self._freeze_collections = start.freeze_collections
        self._start_figure = start.figure_id
        section_id = pack.figure(start.figure_id).section_id if start.figure_id else start.section_id
        if section_id:
            self.set_reactive(ExplorerScreen.section_index, [s.section_id for s in pack.sections].index(section_id))
        if start.view:
            self.set_reactive(ExplorerScreen.view, start.view)

    def compose(self) -> ComposeResult:
        yield Static(self._title_text(), id="title-bar")
        with Horizontal(id="main"):
            yield SectionList(self.pack.sections, open_section=self.open_section, id="sections")
            detail = DetailPane(self.pack, self.display_options, id="detail")
            detail.set_reactive(DetailPane.section, self.section)
            yield detail.data_bind(ExplorerScreen.view)
        yield ExplorerFooter()

    def _title_text(self) -> Text:
        sep = self.display_options.glyphs.separator
        # The folder's name only: enough to tell packs apart, and stable across machines.
        where = "bundled pack" if self.pack.bundled else f"pack {visible(self.pack.directory.name)}/"
        text = Text(f" {self.pack.title}", style="bold")
        text.append(f"{sep}{self.pack.edition}{sep}{where}")
        return text

    def on_mount(self) -> None:
        sidebar = self.query_one(SectionList)
        sidebar.highlighted = self.section_index
        self.watch(sidebar, "highlighted", self._follow_sidebar, init=False)
        self._keep_out_of_collections_after_refresh()
        self.set_timer(MOUNT_AHEAD_AFTER, self._mount_sections_ahead)
        self.set_focus(sidebar)
        if self._start_figure:
            self.go_to_figure(self._start_figure)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Under a dialog this screen's footer still shows; the key that opens another
        # dialog is not offered there (it is the dialog's text, or does nothing).
        if action == "export" and not self.is_active:
            return False
        return True

    # -- sections mounted ahead ---------------------------------------------

    def _mount_sections_ahead(self) -> None:
        # The method, not a coroutine made now: a worker cancelled before it starts (the app closing
        # at once) then leaves no coroutine behind that was never awaited.
        self.run_worker(self._mount_each_section, group="mount-ahead", exclusive=True, exit_on_error=False)

    async def _mount_each_section(self) -> None:
        """Mount the sections hidden, one after another, so that a first visit only lays out
        and draws what is already there. Keys are handled between sections, and a section
        the user opens meanwhile is mounted at once. Only up to MOUNT_AHEAD_FIGURES figures:
        a large pack would keep the app busy, and hold the memory, for sections never opened."""
        detail = self.query_one(DetailPane)
        figures = 0
        for section in self.pack.sections:
            figures += len(section.figures)
            if figures > MOUNT_AHEAD_FIGURES:
                break
            await detail.mount_ahead(section)
        if self._freeze_collections:
            keep_out_of_collections()

    def _keep_out_of_collections_after_refresh(self) -> None:
        if self._freeze_collections:
            self.call_after_refresh(keep_out_of_collections)

    # -- state -------------------------------------------------------------

    @property
    def section(self) -> Section | None:
        """The selected section, derived from ``section_index``."""
        return self.pack.sections[self.section_index] if self.pack.sections else None

    def watch_section_index(self, index: int) -> None:
        if not self.pack.sections:
            return
        # Set directly rather than through data_bind, which lands a turn later:
        # the next key in a burst must already see the new section's figures.
        if self.maximized is not None:
            self.minimize()  # the zoomed figure belongs to the section being left
        detail = self.query_one(DetailPane)
        first_visit = self.section.section_id not in detail.visited
        detail.section = self.section
        if first_visit:
            self._keep_out_of_collections_after_refresh()
        sidebar = self.query_one(SectionList)
        if sidebar.highlighted != index:
            sidebar.highlighted = index
        # Jumping by number from the figures keeps the user in the figures,
        # rather than leaving focus on a panel that is now hidden.
        if self.focused not in (sidebar, None):
            self._focus_detail()

    def watch_show_sidebar(self, show: bool) -> None:
        sidebar = self.query_one(SectionList)
        sidebar.display = show
        if not show and self.focused is sidebar:
            self._focus_detail()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # Zoomed, the next or previous figure (j, k, tab) is shown zoomed in its turn: the
        # keys must never act on a figure hidden behind the one on screen.
        if self.maximized is None or event.widget is self.maximized:
            return
        from aiindex_tui.ui.figure_panel import FigurePanel

        if isinstance(event.widget, FigurePanel) and self.maximized not in event.widget.ancestors:
            self.maximize(event.widget, container=False)

    def _follow_sidebar(self, highlighted: int | None) -> None:
        # A watcher runs inside the key's own action, so the new section is laid
        # out in the very next frame; the OptionHighlighted message would arrive
        # a turn later and cost a frame of its own.
        if highlighted is not None and highlighted != self.section_index:
            self.section_index = highlighted

    @property
    def panels(self) -> list[FigurePanel]:
        """The figure panels of the selected section."""
        return self.query_one(DetailPane).panels

    @property
    def focused_figure(self) -> Figure | None:
        focused = self.focused
        return focused.figure if focused in self.panels else None  # type: ignore[union-attr]

    @property
    def subject(self) -> Subject | None:
        """What copy, export and screenshot act on: the focused figure, else the section."""
        from aiindex_tui.pack.subject import Subject

        if self.section is None:
            return None
        focused = self.focused
        panel = focused if focused in self.panels else None
        if panel is None:
            return Subject(self.pack, self.section)
        return Subject(self.pack, self.section, panel.figure).narrowed(panel.window)  # type: ignore[union-attr]

    def _focus_detail(self) -> None:
        # set_focus acts at once (focus() waits a turn), so a key typed right
        # after this one already goes to the figure.
        panels = self.panels
        detail = self.query_one(DetailPane)
        current = detail.current
        focusable = [w for w in current.query("*") if w.can_focus] if current and not panels else []
        self.set_focus(panels[0] if panels else focusable[0] if focusable else current or detail)

    # -- what widgets report -------------------------------------------------

    @on(OptionList.OptionSelected, "#sections")
    def _section_clicked(self, event: OptionList.OptionSelected) -> None:
        self.open_section(event.option_index)


    @on(HeadlineList.FigureChosen)
    def _headline_chosen(self, event: HeadlineList.FigureChosen) -> None:
        self.go_to_figure(event.figure_id)

    def on_figure_panel_rows_requested(self, event: FigurePanel.RowsRequested) -> None:
        # By name rather than @on: the panel's module (and plotext) loads only with
        # the first section that has figures.
        from aiindex_tui.ui.records_screen import RecordsScreen

        self.app.push_screen(RecordsScreen(
            event.records, event.indexes, title=event.figure.title, scope=event.scope,
            glyphs=self.display_options.glyphs, counted_as=event.counted_as,
            pack=self.pack, figure=event.figure, export_directory=self.export_directory,
        ))

    # -- actions -----------------------------------------------------------

    def open_section(self, index: int | None) -> None:
        """Go into a section's figures (the sidebar's enter, or a click)."""
        if index is not None:
            self.section_index = index
        self._focus_detail()

    def go_to_section(self, index: int) -> None:
        if 0 <= index < len(self.pack.sections):
            self.section_index = index

    def action_go_to_section(self, index: int) -> None:
        self.go_to_section(index)

    def go_to_figure(self, figure_id: str) -> None:
        """Open the figure's section and focus the figure once it is on screen."""
        figure = self.pack.figure(figure_id)
        self.go_to_section([s.section_id for s in self.pack.sections].index(figure.section_id))
        for panel in self.panels:
            if panel.figure.figure_id == figure_id:
                self.set_focus(panel)

    def action_set_view(self, view: str) -> None:
        if view in VIEW_NAMES:
            self.view = view

    def action_back(self) -> None:
        if not self.show_sidebar:
            self.show_sidebar = True
        self.set_focus(self.query_one(SectionList))

    def action_toggle_sidebar(self) -> None:
        self.show_sidebar = not self.show_sidebar

    def action_copy(self) -> None:
        subject = self.subject
        if subject is None:
            return
        self.app.copy_to_clipboard(subject_text(self.pack, subject.section, subject.figure, subject.window))
        self.notify(f"Copied {subject.title}", title="Clipboard", timeout=3, markup=False)

    def action_export(self) -> None:
        from aiindex_tui.ui.pictures import export_subject

        subject = self.subject
        if subject is not None:
            export_subject(self, self.panels, subject, glyphs=self.display_options.glyphs, directory=self.export_directory)

    def action_screenshot(self) -> None:
        from aiindex_tui.ui.pictures import save_screenshot

        subject = self.subject
        if subject is not None:
            save_screenshot(self, subject)
