"""The explorer app: start-up, themes, the terminal's size, and the screens over the explorer.

The explorer itself (sidebar, figures, their state and keys) is ExplorerScreen.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode
from textual.geometry import Size
from textual.screen import Screen

from aiindex_tui.pack.model import Pack
from aiindex_tui.ui.display import DisplayOptions
from aiindex_tui.ui.explorer_screen import ExplorerScreen, StartOptions
from aiindex_tui.ui.modal import OverExplorer
from aiindex_tui.ui.section_list import SectionList
from aiindex_tui.ui.too_small import TooSmallScreen, is_too_small
from aiindex_tui.ui.workarounds import use_explorer_stylesheet

NARROW_BELOW = 100
TALL_FROM = 40
DEFAULT_THEME = "textual-dark"

# The help lists the keys that work everywhere (the app's and the explorer's) in this order.
HELP_ORDER = (
    "app.quit", "app.help", "app.find", "explorer.view-", "explorer.copy", "explorer.export", "app.screenshot",
    "explorer.sidebar", "explorer.section-",
)


def help_position(binding_id: str) -> int:
    return next((n for n, start in enumerate(HELP_ORDER) if binding_id.startswith(start)), len(HELP_ORDER))


SCREEN_ONLY_CLASSES = frozenset({"-maximized-view"})  # see ExplorerApp.update_styles


def _explorer_commands():
    # Looked up when the palette first opens, keeping it off the start-up path.
    from aiindex_tui.ui.command_palette import ExplorerCommands

    return ExplorerCommands


class ExplorerApp(App[int]):
    """Browse a data pack's sections and figures with the keyboard."""

    CSS_PATH = "app.tcss"
    TITLE = "aiindex-tui"
    COMMANDS = App.COMMANDS | {_explorer_commands}
    BINDINGS = [
        Binding("q", "quit", "Quit", tooltip="Quit and restore the terminal", id="app.quit"),
        # Keys that open a dialog act before the focused widget sees them, so the
        # dialog is on top before the next key of a burst arrives.
        Binding("question_mark,f1", "help", "Help", priority=True, tooltip="List every key, those for where you are first", id="app.help"),
        Binding("slash,ctrl+p", "command_palette", "Find", show=False, priority=True, tooltip="Find a section, figure or action by fuzzy text", id="app.find"),
        Binding("ctrl+s", "screenshot", "Screenshot", show=False, tooltip="Save the screen as SVG in the current directory", id="app.screenshot"),
    ]

    def __init__(
        self,
        pack: Pack,
        *,
        theme: str | None = None,
        ascii_only: bool = False,
        console_font: bool = False,
        few_colors: bool = False,
        **start: object,
    ) -> None:
        """``start``: the fields of StartOptions (section_id, figure_id, view, export_directory,
        freeze_collections)."""
        super().__init__()
        use_explorer_stylesheet(self)
        self.pack = pack
        self.display_options = DisplayOptions(ascii_only=ascii_only, console_font=console_font, few_colors=few_colors)
        self._explorer = ExplorerScreen(pack, self.display_options, StartOptions(**start))  # type: ignore[arg-type]
        self._screen_classes: WeakKeyDictionary[Screen, frozenset[str]] = WeakKeyDictionary()  # as last restyled
        self.theme = theme or DEFAULT_THEME
        self.set_class(ascii_only, "-ascii")
        self.set_class(console_font and not ascii_only, "-console")

    def get_default_screen(self) -> Screen:
        return self._explorer

    @property
    def explorer(self) -> ExplorerScreen:
        """The explorer's screen, under any dialog on top of it."""
        return self._explorer

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

    def on_mount(self) -> None:
        # Size classes before the first styling pass, which would otherwise run twice.
        self._set_size_classes(self.size)
        # After the first refresh: a screen pushed before then is drawn without the theme.
        self.call_after_refresh(self._fit_to_size)

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
                self.push_screen(TooSmallScreen(self.display_options.glyphs, size))
            else:
                on_top.show_size(size)
        elif on_top is not None:
            self.pop_screen()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        top = self.screen
        if isinstance(top, OverExplorer):
            return top.app_action_allowed(action)
        return True

    def action_command_palette(self) -> None:
        from aiindex_tui.ui.command_palette import SteadyCommandPalette

        if self.use_command_palette and not SteadyCommandPalette.is_open(self):
            self.push_screen(SteadyCommandPalette())

    def action_screenshot(self) -> None:
        self.explorer.action_screenshot()

    def binding_groups(self) -> list[tuple[str, list[Binding]]]:
        from aiindex_tui.ui.detail_pane import DetailPane, HeadlineList
        from aiindex_tui.ui.figure_panel import FigurePanel
        from aiindex_tui.ui.figure_table import FigureTable
        from aiindex_tui.ui.frequency_screen import FrequencyScreen, FrequencyTable
        from aiindex_tui.ui.records_screen import RecordsScreen
        from aiindex_tui.ui.records_table import RecordsTable

        def unique(*groups: list) -> list[Binding]:
            # A key's second binding that only says why it does nothing is not a key of its own.
            return list({
                b.id: b for group in groups for b in group
                if isinstance(b, Binding) and not b.action.startswith("explain_refusal")
            }.values())

        everywhere = sorted(unique(self.BINDINGS, ExplorerScreen.BINDINGS), key=lambda b: help_position(b.id or ""))
        return [
            ("Everywhere", everywhere),
            ("Sections list", unique(SectionList.BINDINGS)),
            ("Figures", unique(DetailPane.BINDINGS, FigurePanel.BINDINGS)),
            ("Tables", unique(FigureTable.BINDINGS, HeadlineList.BINDINGS[-1:])),
            ("Rows behind a count", unique(RecordsScreen.BINDINGS, RecordsTable.BINDINGS)),
            ("Counts of the rows", unique(FrequencyScreen.BINDINGS, FrequencyTable.BINDINGS)),
            ("Focus", [Binding("tab,shift+tab", "", "", tooltip="Move focus to the next or previous pane, figure or table")]),
        ]

    def action_help(self) -> None:
        from aiindex_tui.ui.detail_pane import HeadlineList
        from aiindex_tui.ui.figure_table import FigureTable
        from aiindex_tui.ui.frequency_screen import FrequencyScreen
        from aiindex_tui.ui.help_screen import HelpScreen
        from aiindex_tui.ui.records_screen import RecordsScreen

        if isinstance(self.screen, HelpScreen):
            return
        focused = self.explorer.focused
        if isinstance(self.screen, RecordsScreen):
            where = "Rows behind a count"
        elif isinstance(self.screen, FrequencyScreen):
            where = "Counts of the rows"
        elif isinstance(focused, SectionList):
            where = "Sections list"
        elif isinstance(focused, (FigureTable, HeadlineList)):
            where = "Tables"
        else:
            where = "Figures" if focused is not None else None
        self.push_screen(HelpScreen(self.binding_groups(), where))



def has_few_colors() -> bool:
    """Whether the terminal shows only the 16 (or 8) ANSI colours, as Rich and Textual judge it."""
    from rich.console import Console

    return Console().color_system in ("standard", "windows")


def app_for_this_terminal(pack: Pack, *, theme: str | None, ascii_only: bool, **start: object) -> ExplorerApp:
    """The explorer for ``pack`` as this process's terminal (or browser session) needs it: ASCII
    where the locale cannot show more, the console font's glyphs, 16 colours where that is all."""
    from aiindex_tui.output.terminal import has_console_font, wants_ascii

    return make_app(
        pack, theme=theme, ascii_only=ascii_only or wants_ascii(), console_font=has_console_font(),
        few_colors=has_few_colors(),
        freeze_collections=True,  # this process runs one app: what it holds is kept out of collection passes
        **start,
    )


def run_app(app: ExplorerApp) -> int:
    """Run the explorer until it quits; its return code."""
    import gc

    # Modules and pack stay for the whole session: kept out of collection passes,
    # a full one during start-up would scan them all and delay the first frame (~30 ms).
    gc.freeze()
    app.run()
    return app.return_code or 0


def make_app(pack: Pack | None = None, **options) -> ExplorerApp:
    """Build the app (the bundled pack by default); used by the CLI and the tests."""
    if pack is None:
        from aiindex_tui.pack.loader import load_pack

        pack = load_pack()
    return ExplorerApp(pack, **options)
