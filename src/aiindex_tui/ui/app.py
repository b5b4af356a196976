"""The explorer app: sections sidebar, detail pane, help and command palette."""

from __future__ import annotations

import gc
import io
from pathlib import Path
from typing import TYPE_CHECKING, Callable
from weakref import WeakKeyDictionary

from rich.text import Text
from textual import events, on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.dom import DOMNode
from textual.geometry import Size
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import OptionList, Static

from aiindex_tui.output.text import subject_text
from aiindex_tui.ui.detail_pane import DetailPane
from aiindex_tui.ui.footer import ExplorerFooter
from aiindex_tui.ui.glyphs import glyphs_for
from aiindex_tui.pack.model import Figure, Pack, Section
from aiindex_tui.pack.sanitize import visible
from aiindex_tui.ui.section_list import SectionList
from aiindex_tui.ui.too_small import TooSmallScreen, is_too_small
from aiindex_tui.ui.views import VIEW_NAMES, VIEWS
from aiindex_tui.ui.workarounds import ExplorerStylesheet

if TYPE_CHECKING:
    from textual.widget import Widget

    from aiindex_tui.ui.export_dialog import BrowserDownload, PictureRequest
    from aiindex_tui.pack.subject import Subject
    from aiindex_tui.ui.figure_panel import FigurePanel

NARROW_BELOW = 100
TALL_FROM = 40
DEFAULT_THEME = "textual-dark"
DIALOG_ACTIONS = {"help", "command_palette", "export"}
MOUNT_AHEAD_AFTER = 0.3  # seconds after start-up: the first screen's own frames come first
MOUNT_AHEAD_FIGURES = 30  # a pack with more figures mounts the rest on their first visit


SCREEN_ONLY_CLASSES = frozenset({"-maximized-view"})  # see ExplorerApp.update_styles


def _jump_bindings() -> list[Binding]:
    return [
        Binding(str(n), f"go_to_section({n - 1})", f"Section {n}", show=False,
                tooltip=f"Jump to section {n}", id=f"app.section-{n}")
        for n in range(1, 10)
    ]


def _keep_out_of_collections() -> None:
    """Exempt every object alive now (modules, pack, mounted widgets) from garbage
    collection passes. They live as long as the app, and scanning them made a
    full collection pause a key press by some 25 ms. Called once the first screen
    and each newly mounted section are drawn, not per key; what is garbage by then
    is collected first rather than kept for good. Only for an app that owns its
    process (``freeze_collections``, set by the CLI): frozen objects are never
    freed, so a process that runs several apps would keep every one of them."""
    gc.collect()
    gc.freeze()


def _explorer_commands():
    # Looked up when the palette first opens, keeping it off the start-up path.
    from aiindex_tui.ui.command_palette import ExplorerCommands

    return ExplorerCommands


class ExplorerApp(App[int]):
    """Browse a data pack's sections and figures with the keyboard."""

    CSS_PATH = "app.tcss"
    ALLOW_IN_MAXIMIZED_VIEW = "ExplorerFooter"  # a zoomed figure keeps its keys in view
    TITLE = "aiindex-tui"
    COMMANDS = App.COMMANDS | {_explorer_commands}
    BINDINGS = [
        Binding("q", "quit", "Quit", tooltip="Quit and restore the terminal", id="app.quit"),
        # Keys that open a dialog act before the focused widget sees them, so the
        # dialog is on top before the next key of a burst arrives (see check_action).
        Binding("question_mark,f1", "help", "Help", priority=True, tooltip="List every key, those for where you are first", id="app.help"),
        Binding("slash,ctrl+p", "command_palette", "Find", show=False, priority=True, tooltip="Find a section, figure or action by fuzzy text", id="app.find"),
        *(
            Binding(view.key, f"set_view('{view.name}')", view.label, tooltip=view.description, id=f"app.view-{view.name}")
            for view in VIEWS
        ),
        Binding("y", "copy", "Copy", show=False, tooltip="Copy the focused figure with its citation (OSC 52)", id="app.copy"),
        Binding("e", "export", "Export", priority=True, tooltip="Export the focused figure, or the section, as CSV, JSON or Markdown", id="app.export"),
        Binding("ctrl+s", "screenshot", "Screenshot", show=False, tooltip="Save the screen as SVG in the current directory", id="app.screenshot"),
        Binding("b", "toggle_sidebar", "Sidebar", show=False, tooltip="Show or hide the sections sidebar", id="app.sidebar"),
        *_jump_bindings(),
    ]

    section_index: reactive[int] = reactive(0, init=False, repaint=False)
    view: reactive[str] = reactive("chart", repaint=False)
    show_sidebar: reactive[bool] = reactive(True, init=False, repaint=False)

    def __init__(
        self,
        pack: Pack,
        *,
        theme: str | None = None,
        ascii_only: bool = False,
        console_font: bool = False,
        few_colors: bool = False,
        section_id: str | None = None,
        figure_id: str | None = None,
        view: str | None = None,
        export_directory: Path | None = None,
        freeze_collections: bool = False,
    ) -> None:
        super().__init__()
        self._freeze_collections = freeze_collections
        self.stylesheet.__class__ = ExplorerStylesheet  # see ui/workarounds.py
        self.export_directory = export_directory  # the working directory when not given
        self._zoomed_before: Widget | None = None  # what was zoomed before a picture of one figure
        self._alone: FigurePanel | None = None  # the figure pictured alone, if one is
        self._screen_classes: WeakKeyDictionary[Screen, frozenset[str]] = WeakKeyDictionary()  # as last restyled
        self.pack = pack
        self.ascii_only = ascii_only
        # The Linux console's font: no braille, quadrants or rounded corners.
        self.console_font = console_font
        # 16 ANSI colours: series colours that would look the same are not used.
        self.few_colors = few_colors
        self.glyphs = glyphs_for(ascii_only, console_font)
        self._start_figure = figure_id
        self.theme = theme or DEFAULT_THEME
        if figure_id:
            section_id = pack.figure(figure_id).section_id
        if section_id:
            self.set_reactive(
                ExplorerApp.section_index,
                [s.section_id for s in pack.sections].index(section_id),
            )
        if view:
            self.set_reactive(ExplorerApp.view, view)
        self.set_class(ascii_only, "-ascii")
        self.set_class(console_font and not ascii_only, "-console")

    def update_styles(self, node: DOMNode, animate: bool = True) -> None:
        # A zoom gives the screen Textual's "-maximized-view" class, which only the screen's
        # own rules use (Textual's CSS and app.tcss; the zoomed figure follows its own
        # "-maximized" class, restyled apart). Textual restyles every widget on the screen
        # for it: some 40 ms a zoom. The screen alone is restyled instead.
        if isinstance(node, Screen):
            previous = self._screen_classes.get(node)
            self._screen_classes[node] = frozenset(node.classes)
            if previous is not None and previous ^ node.classes == SCREEN_ONLY_CLASSES:
                self.stylesheet.update_nodes([node], animate=animate)
                return
        super().update_styles(node, animate=animate)

    def get_system_commands(self, screen: Screen):
        # Textual's own Quit and Keys repeat q and the help screen, and its
        # Screenshot would save a screen without the sources it shows.
        for command in super().get_system_commands(screen):
            if command.title not in ("Quit", "Keys", "Screenshot"):
                yield command

    def get_driver_class(self):
        driver = super().get_driver_class()
        if driver.__name__ == "WebDriver":  # a browser session under `aiindex-tui serve`
            from aiindex_tui.ui.web_session import SessionDriver

            return SessionDriver
        return driver

    def compose(self) -> ComposeResult:
        # Size classes before the first styling pass, which would otherwise run twice.
        self._set_size_classes(self.size)
        yield Static(self._title_text(), id="title-bar")
        with Horizontal(id="main"):
            yield SectionList(self.pack.sections, id="sections")
            detail = DetailPane(self.pack, ascii_only=self.ascii_only, console_font=self.console_font, id="detail")
            detail.set_reactive(DetailPane.section, self.section)
            yield detail.data_bind(ExplorerApp.view)
        yield ExplorerFooter()

    def _title_text(self) -> Text:
        sep = self.glyphs.separator
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
        self.explorer_screen.set_focus(sidebar)
        if self._start_figure:
            self.go_to_figure(self._start_figure)
        # After the first refresh: a screen pushed before then is drawn without the theme.
        self.call_after_refresh(self._fit_to_size)

    def _mount_sections_ahead(self) -> None:
        self.run_worker(self._mount_each_section(), group="mount-ahead", exclusive=True, exit_on_error=False)

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
            _keep_out_of_collections()

    def _keep_out_of_collections_after_refresh(self) -> None:
        if self._freeze_collections:
            self.call_after_refresh(_keep_out_of_collections)

    # -- size --------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        # The app's own size is updated after this handler, so use the event's.
        if self._fitted:  # the first fit waits for the styled first screen (on_mount)
            self._fit_to_size(event.size)

    def _set_size_classes(self, size: Size) -> bool:
        """Set the classes the stylesheet lays out by; return whether the terminal is too small."""
        width, height = size
        too_small = is_too_small(size)
        self.set_class(too_small, "-too-small")
        self.set_class(width < NARROW_BELOW, "-narrow")
        self.set_class(height >= TALL_FROM, "-tall")
        return too_small

    _fitted = False

    def _fit_to_size(self, size: Size | None = None) -> None:
        self._fitted = True
        # Too small, a screen of its own covers everything: the screens under it
        # keep their focus and state untouched, and come back as they were.
        size = size or self.size
        too_small = self._set_size_classes(size)
        on_top = self.screen if isinstance(self.screen, TooSmallScreen) else None
        if too_small:
            if on_top is None:
                self.push_screen(TooSmallScreen(self.glyphs, size))
            else:
                on_top.show_size(size)
        elif on_top is not None:
            self.pop_screen()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.screen is self.explorer_screen:
            return True
        if isinstance(self.screen, TooSmallScreen):
            return action == "quit"
        # Imported here, not for the first screen's footer: rows screens open later, if ever.
        from aiindex_tui.ui.records_screen import RecordsScreen

        if isinstance(self.screen, RecordsScreen):
            # Over the rows, keys for the figures underneath would act unseen; and
            # while the filter has focus, ? and / are text.
            typing = self.screen.is_typing
            return action in ("quit", "screenshot") or (action == "help" and not typing)
        if action in DIALOG_ACTIONS and self.screen is not self.explorer_screen:
            # Over a dialog these keys are the dialog's (typed into its input).
            return False
        return True

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
        # (Compared with the screen's focus, which changes at once; has_focus lags.)
        if self.explorer_screen.focused not in (sidebar, None):
            self._focus_detail()

    def watch_show_sidebar(self, show: bool) -> None:
        sidebar = self.query_one(SectionList)
        sidebar.display = show
        if not show and self.explorer_screen.focused is sidebar:
            self._focus_detail()

    def _follow_sidebar(self, highlighted: int | None) -> None:
        # A watcher runs inside the key's own action, so the new section is laid
        # out in the very next frame; the OptionHighlighted message would arrive
        # a turn later and cost a frame of its own.
        if highlighted is not None and highlighted != self.section_index:
            self.section_index = highlighted

    @on(OptionList.OptionSelected, "#sections")
    def _section_clicked(self) -> None:
        self.action_open_section()

    def action_open_section(self) -> None:
        """Go into the highlighted section's figures."""
        # Handled here rather than through OptionList's messages, which arrive a
        # turn later: a key typed right after must already act on the figures.
        highlighted = self.query_one(SectionList).highlighted
        if highlighted is not None:
            self.section_index = highlighted
        self._focus_detail()

    @property
    def explorer_screen(self) -> Screen:
        """The screen with the sidebar and figures, under any help or palette on top.

        Focus changes go to it explicitly: set on whatever screen is on top, they
        would hand the palette's keyboard to a widget it cannot see.
        """
        return self.screen_stack[0]

    @property
    def panels(self) -> list[FigurePanel]:
        """The figure panels of the selected section."""
        return self.query_one(DetailPane).panels

    @property
    def focused_figure(self) -> Figure | None:
        focused = self.explorer_screen.focused
        return focused.figure if focused in self.panels else None  # type: ignore[union-attr]

    def _focus_detail(self) -> None:
        # set_focus acts at once (focus() waits a turn), so a key typed right
        # after this one already goes to the figure.
        panels = self.panels
        detail = self.query_one(DetailPane)
        current = detail.current
        focusable = [w for w in current.query("*") if w.can_focus] if current and not panels else []
        self.explorer_screen.set_focus(panels[0] if panels else focusable[0] if focusable else current or detail)

    # -- actions -----------------------------------------------------------

    def go_to_section(self, index: int) -> None:
        if 0 <= index < len(self.pack.sections):
            self.section_index = index

    def action_command_palette(self) -> None:
        from aiindex_tui.ui.command_palette import SteadyCommandPalette

        if self.use_command_palette and not SteadyCommandPalette.is_open(self):
            self.push_screen(SteadyCommandPalette())

    def action_go_to_section(self, index: int) -> None:
        self.go_to_section(index)

    def go_to_figure(self, figure_id: str) -> None:
        """Open the figure's section and focus the figure once it is on screen."""
        figure = self.pack.figure(figure_id)
        self.go_to_section([s.section_id for s in self.pack.sections].index(figure.section_id))

        for panel in self.panels:
            if panel.figure.figure_id == figure_id:
                self.explorer_screen.set_focus(panel)

    def action_set_view(self, view: str) -> None:
        if view in VIEW_NAMES:
            self.view = view

    def action_back(self) -> None:
        if not self.show_sidebar:
            self.show_sidebar = True
        self.explorer_screen.set_focus(self.query_one(SectionList))

    def action_toggle_sidebar(self) -> None:
        self.show_sidebar = not self.show_sidebar

    def action_copy(self) -> None:
        subject = self.subject
        if subject is None:
            return
        self.copy_to_clipboard(subject_text(self.pack, subject.section, subject.figure))
        self.notify(f"Copied {subject.title}", title="Clipboard", timeout=3, markup=False)

    @property
    def subject(self) -> Subject | None:
        """What copy, export and screenshot act on: the focused figure, else the section."""
        from aiindex_tui.pack.subject import Subject

        if self.section is None:
            return None
        return Subject(self.pack, self.section, self.focused_figure)

    def action_export(self) -> None:
        from aiindex_tui.output.formats import FORMATS, render
        from aiindex_tui.ui.export_dialog import BrowserDownload, ExportDialog, PictureRequest

        subject = self.subject
        if subject is None or isinstance(self.screen, ExportDialog):
            return

        def exported(result: Path | PictureRequest | BrowserDownload | None) -> None:
            if isinstance(result, PictureRequest):
                self.capture_figure(subject, lambda svg: self._write_picture(subject, result, svg))
            elif isinstance(result, BrowserDownload):
                if FORMATS[result.format].screen:
                    self.capture_figure(subject, lambda svg: self._download(result.name, svg, subject.title))
                else:
                    self._download(result.name, render(subject, result.format), subject.title)
            elif result is not None:
                self.notify(f"Exported {subject.title} to {result}", title="Export", timeout=6, markup=False)

        dialog = ExportDialog(subject, glyphs=self.glyphs, directory=self.export_directory, to_browser=self.is_web)
        self.push_screen(dialog, exported)

    def _download(self, name: str, text: str, title: str) -> None:
        """Hand ``text`` to the browser as a file called ``name``: a browser session writes nothing on the server."""
        self.deliver_text(io.StringIO(text), save_filename=name)
        self.notify(f"Sent {title} to your browser as {name}", title="Download", timeout=6, markup=False)

    def _write_picture(self, subject: Subject, request: PictureRequest, svg: str) -> None:
        from aiindex_tui.output import files

        try:
            written = files.export(subject, "svg", request.path, overwrite=request.overwrite, svg=svg)
        except (files.ExportError, OSError) as error:
            self.notify(str(error), title="Export failed", severity="error", timeout=8, markup=False)
            return
        self.notify(f"Exported {subject.title} to {written}", title="Export", timeout=6, markup=False)

    def screenshot_svg(self, subject: Subject) -> str:
        """The current screen as SVG, with the sources it shows cited below it."""
        from aiindex_tui.output.svg import citation_footer, svg_with_footer

        svg = self.export_screenshot(title=f"aiindex-tui: {visible(subject.title)}")
        return svg_with_footer(svg, citation_footer(subject))

    def show_figure_alone(self, figure_id: str) -> bool:
        """Zoom the figure and show its citation under it, without footer: a picture of it alone.

        Returns whether the figure is in the shown section; ``show_figure_alone_end``
        puts the screen back as it was.
        """
        panel = next((p for p in self.panels if p.figure.figure_id == figure_id), None)
        if panel is None:
            return False
        self._zoomed_before = self.explorer_screen.maximized
        self._alone = panel
        panel.show_citation(True)
        self.add_class("-figure-alone")
        self.explorer_screen.maximize(panel, container=False)
        return True

    def show_figure_alone_end(self) -> None:
        if self._alone is not None:
            self._alone.show_citation(False)
            self._alone = None
        self.remove_class("-figure-alone")
        before = self._zoomed_before
        if before is None:
            self.explorer_screen.minimize()
        else:
            self.explorer_screen.maximize(before, container=False)

    def figure_svg(self, subject: Subject) -> str:
        """The screen as SVG while ``show_figure_alone`` is in effect."""
        return self.export_screenshot(title=f"aiindex-tui: {visible(subject.title)}")

    def capture_figure(self, subject: Subject, done: Callable[[str], None]) -> None:
        """Picture the subject's figure alone on the live screen, then hand the SVG to ``done``."""
        if subject.figure is None or not self.show_figure_alone(subject.figure.figure_id):
            done(self.screenshot_svg(subject))
            return

        def take() -> None:
            try:
                svg = self.figure_svg(subject)
            finally:
                self.show_figure_alone_end()
            done(svg)

        # Two refreshes: the zoomed layout first, then the chart drawn at its new size.
        self.call_after_refresh(self.call_after_refresh, take)

    def action_screenshot(self) -> None:
        from aiindex_tui.output import files

        subject = self.subject
        if subject is None:
            return
        if self.is_web:  # the picture goes to the browser, never onto the server's disk
            self._download(files.default_path(subject, "svg").name, self.screenshot_svg(subject), subject.title)
            return
        # A fresh name every time, so a quick key press never replaces a file.
        path = files.free_path(files.default_path(subject, "svg"))
        try:
            written = files.export(subject, "svg", path, svg=self.screenshot_svg(subject))
        except (files.ExportError, OSError) as error:
            self.notify(str(error), title="Screenshot not saved", severity="error", timeout=8, markup=False)
            return
        self.notify(f"Saved {written}", title="Screenshot", timeout=6, markup=False)

    def binding_groups(self) -> list[tuple[str, list[Binding]]]:
        from aiindex_tui.ui.detail_pane import HeadlineList
        from aiindex_tui.ui.figure_panel import FigurePanel, FigureTable
        from aiindex_tui.ui.records_screen import RecordsScreen
        from aiindex_tui.ui.records_table import RecordsTable

        def unique(*groups: list) -> list[Binding]:
            return list({b.id: b for group in groups for b in group if isinstance(b, Binding)}.values())

        return [
            ("Everywhere", unique(self.BINDINGS)),
            ("Sections list", unique(SectionList.BINDINGS)),
            ("Figures", unique(DetailPane.BINDINGS, FigurePanel.BINDINGS)),
            ("Tables", unique(FigureTable.BINDINGS, HeadlineList.BINDINGS[-1:])),
            ("Rows behind a count", unique(RecordsScreen.BINDINGS, RecordsTable.BINDINGS)),
            ("Focus", [Binding("tab,shift+tab", "", "", tooltip="Move focus to the next or previous pane, figure or table")]),
        ]

    def action_help(self) -> None:
        from aiindex_tui.ui.detail_pane import HeadlineList
        from aiindex_tui.ui.figure_panel import FigureTable
        from aiindex_tui.ui.help_screen import HelpScreen
        from aiindex_tui.ui.records_screen import RecordsScreen

        if isinstance(self.screen, HelpScreen):
            return
        focused = self.explorer_screen.focused
        if isinstance(self.screen, RecordsScreen):
            where = "Rows behind a count"
        elif isinstance(focused, SectionList):
            where = "Sections list"
        elif isinstance(focused, (FigureTable, HeadlineList)):
            where = "Tables"
        else:
            where = "Figures" if focused is not None else None
        self.push_screen(HelpScreen(self.binding_groups(), where))


def make_app(pack: Pack | None = None, **options) -> ExplorerApp:
    """Build the app (the bundled pack by default); used by the CLI and the tests."""
    if pack is None:
        from aiindex_tui.pack.loader import load_pack

        pack = load_pack()
    return ExplorerApp(pack, **options)
