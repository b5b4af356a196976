"""Every place the explorer leans on a private part of Textual, textual-plotext or plotext.

Each hook lives here with why it is needed, and ``HOOKS`` lists the private
names it touches: tests/ui/test_workarounds.py fails loudly when one of them
(or a palette part the stylesheet restyles) disappears upstream, so an upgrade
cannot break the explorer silently. Recheck each reason on an upgrade: a hook
whose upstream bug is fixed should go.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.css.query import NoMatches
from textual.css.styles import Styles
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode
from textual.widget import Widget
from textual.widgets import Static


@dataclass(frozen=True)
class Hook:
    owner: str  # module:class whose private name is used
    name: str
    why: str


HOOKS = (
    Hook("textual.command:CommandPalette", "_action_command_list",
         "paging the palette's list before it is laid out raises KeyError in OptionList"),
    Hook("textual.command:CommandPalette", "_watch__list_visible",
         "a search that ends after the palette has closed queries children that are gone"),
    Hook("textual.command:CommandPalette", "_watch__show_busy",
         "likewise, when the search's busy flag is cleared after the palette has closed"),
    Hook("textual.widget:Widget", "_size_updated",
         "a container whose height follows its content asks for a second layout pass after each resize"),
    Hook("textual.widget:Widget", "_scroll_update",
         "assigning a scroll view's virtual size lays out the screen and moves the scroll bars a frame later"),
    Hook("textual.screen:Screen", "_compositor",
         "a scroll view's scroll bars are painted in the frame of the layout that sized them, not a frame later"),
    Hook("textual._compositor:Compositor", "update_widgets", "likewise: what hands the compositor a widget's repaint"),
    Hook("textual.css.stylesheet:Stylesheet", "update_nodes",
         "restyling every hidden section's widgets made a theme change cost some 1.5 ms per widget"),
    Hook("textual.css.styles:Styles", "refresh",
         "likewise: each colour set on a container refreshed every widget inside it, thousands of refreshes"),
    Hook("textual.dom:DOMNode", "_is_mounted", "likewise: a widget not mounted yet is not refreshed"),
    Hook("textual.css.stylesheet:Stylesheet", "_rules",
         "a theme change parses the whole stylesheet again, also for a theme it has parsed before"),
    Hook("textual.css.stylesheet:Stylesheet", "_rules_map", "likewise: the rules' index, reset with them"),
    Hook("textual.css.stylesheet:Stylesheet", "_require_parse", "likewise: set once the rules are current"),
    Hook("textual.css.stylesheet:Stylesheet", "_variables", "likewise: the theme's colours, part of the key"),
    Hook("textual_plotext:PlotextPlot", "_register_theme",
         "the base class sets plotext's process-wide theme, carrying one app's colours into the next"),
    Hook("textual_plotext.plot:Plot", "_set_size",
         "plotsize() alone does not size the canvas of a plot built outside PlotextPlot.render"),
    Hook("textual.drivers.web_driver:WebDriver", "_app",
         "a browser session's driver must ask its app to exit from the input thread"),
    Hook("textual_serve.app_service:AppService", "_process",
         "serve's shutdown must wait for each session's process, which textual-serve keeps under a private name"),
    Hook("textual_serve.app_service:AppService", "_open_app_process",
         "a session forked from serve's fork server replaces the process textual-serve would start"),
    Hook("textual_serve.app_service:AppService", "_build_environment",
         "the fork server imports Textual with the environment textual-serve gives its sessions"),
    Hook("textual_serve.app_service:AppService", "_stdin", "likewise: the forked session's stdin, kept where textual-serve writes"),
    Hook("textual_serve.server", "AppService",
         "textual-serve's server builds each session's AppService by this module-level name, with no way to pass a class"),
    Hook("textual.app:App", "stylesheet",
         "the app's stylesheet object is given ExplorerStylesheet as its class: Textual makes its own"),
)

# Parts of the palette's own widgets that the ASCII stylesheet restyles (app.tcss):
# its input row, result list, search icon and busy indicator.
PALETTE_SELECTORS = ("#--input", "CommandList", "SearchIcon", "LoadingIndicator")


class PaletteRaceFixes:
    """For a CommandPalette subclass: two races found by the long random-key test."""

    def _action_command_list(self, action: str) -> None:
        try:
            super()._action_command_list(action)  # type: ignore[misc]
        except KeyError:
            pass  # the list is not laid out yet: the page key does nothing

    # A search runs in a worker that can outlive the palette's children by a
    # moment; its last updates then find nothing to update (found under load).
    def _watch__list_visible(self) -> None:
        try:
            super()._watch__list_visible()  # type: ignore[misc]
        except NoMatches:
            pass

    async def _watch__show_busy(self) -> None:
        try:
            await super()._watch__show_busy()  # type: ignore[misc]
        except NoMatches:
            pass


class SizedInOnePass:
    """For a container whose height follows its content (or that scrolls over it), and
    for the widgets of a section, laid out for the first time on its first visit.

    After each layout, Textual stores every widget's new size through a reactive
    that asks for yet another layout pass, one frame later, although the layout
    it just made already holds that size. A figure panel changes height with its
    view, so each view key drew two frames, and a section's first visit sized
    each of its widgets so; storing the size quietly saves the second (scroll
    bars are still updated). ``virtual_size_changed`` stands in
    for a watcher of ``virtual_size``, which the quiet store does not call.
    """

    def _size_updated(self, size, virtual_size, container_size, layout: bool = True) -> bool:
        changed = virtual_size != self.virtual_size  # type: ignore[attr-defined]
        resized = super()._size_updated(size, virtual_size, container_size, layout=False)  # type: ignore[misc]
        if resized:
            paint_scroll_bars_in_this_frame(self)
        if changed:
            self.virtual_size_changed()
        return resized

    def virtual_size_changed(self) -> None:
        """Called after the content's size has changed."""


def paint_scroll_bars_in_this_frame(widget: Widget) -> None:
    """Textual repaints a scroll view's scroll bars after every layout that sizes it, through a
    refresh that reaches the screen only once the frame of that layout is drawn: a second
    frame, drawing what the first would have shown, which doubled a view switch's time. Here
    the bars' repaint is handed to the compositor now, inside the layout, so the frame being
    made draws it and the later refresh finds nothing left to draw."""
    bars = set()
    if widget.show_vertical_scrollbar:
        bars.add(widget.vertical_scrollbar)
    if widget.show_horizontal_scrollbar:
        bars.add(widget.horizontal_scrollbar)
    if bars and widget.is_attached:
        widget.screen._compositor.update_widgets(bars)


class SizedStatic(SizedInOnePass, Static):
    """A Static of a section: its first layout is its only one (see ``SizedInOnePass``)."""


class VirtualSizeInPlace:
    """For a scroll view whose virtual size follows the rows it shows.

    Assigning ``virtual_size`` lays out the whole screen, and the scroll bars
    follow a frame later: a keystroke in the rows screen's filter drew three
    frames. Here the size is stored and the scroll bars updated at once; only a
    scroll bar appearing or disappearing still lays out the screen (Textual does
    that when their visibility changes).
    """

    def _size_updated(self, size, virtual_size, container_size, layout: bool = True) -> bool:
        resized = super()._size_updated(size, virtual_size, container_size, layout)  # type: ignore[misc]
        # ScrollView updates its bars also when only the virtual size changed, and then says
        # "not resized": their repaint is handed over either way.
        paint_scroll_bars_in_this_frame(self)  # type: ignore[arg-type]
        return resized

    def set_virtual_size(self, size) -> None:
        if not self.container_size:  # type: ignore[attr-defined]
            self.virtual_size = size  # not laid out yet: the first layout sizes everything
            return
        self.set_reactive(Widget.virtual_size, size)  # type: ignore[attr-defined]
        self._scroll_update(size)  # type: ignore[attr-defined]
        self.refresh()  # type: ignore[attr-defined]


class RestyledWhenShown:
    """For a widget or container that is often hidden (a section, a figure's table or
    sources): it is restyled when next shown, not while hidden (see ``ExplorerStylesheet``)."""

    styles_stale = False

    def restyle_if_stale(self) -> None:
        """Bring the styles of this container's widgets up to date; call before showing it."""
        if self.styles_stale:
            nodes = list(self.walk_children(with_self=True))  # type: ignore[attr-defined]
            for node in nodes:  # hidden ones inside are brought up to date as well
                if isinstance(node, RestyledWhenShown):
                    node.styles_stale = False
            # Textual's own update: this container is still hidden, which ours would skip.
            Stylesheet.update_nodes(self.app.stylesheet, nodes)  # type: ignore[attr-defined]


class ExplorerStylesheet(Stylesheet):
    """Textual's stylesheet, with less work on a theme change.

    A theme change restyles every widget, shown or not, at some 1.5 ms each; the
    sections visited earlier are hidden and hold most of the widgets, and a figure's
    table and sources are hidden behind its chart. Hidden ``RestyledWhenShown``
    widgets are marked stale instead and restyled when shown again. And the stylesheet is parsed again for the new theme's colours
    (some 20 ms), so the rules of the last few themes are kept.
    """

    KEEP_THEMES = 4

    def reparse(self) -> None:
        parsed: dict[tuple, list] = self.__dict__.setdefault("_parsed_for", {})
        key = (tuple(self._variables.items()), tuple(self.source.items()))
        rules = parsed.get(key)
        if rules is None:
            super().reparse()
            if len(parsed) >= self.KEEP_THEMES:
                del parsed[next(iter(parsed))]
            parsed[key] = self._rules
            return
        self._rules = rules
        self._rules_map = None
        self._require_parse = False

    def update_nodes(self, nodes, animate: bool = False) -> None:
        skipped: set[DOMNode] = set()

        def shown(node: DOMNode) -> bool:
            if isinstance(node, RestyledWhenShown) and not node.display:  # type: ignore[attr-defined]
                node.styles_stale = True
                skipped.add(node)
                return False
            return not skipped or not any(ancestor in skipped for ancestor in node.ancestors)

        batch = RefreshedOnce()
        # Restyling sets one property at a time, and each changed colour of a container
        # refreshed every widget inside it: thousands of refreshes per theme change, where
        # each widget needs one.
        Styles.refresh = lambda styles, **options: batch.record(styles, **options)  # type: ignore[method-assign]
        try:
            super().update_nodes((node for node in nodes if shown(node)), animate=animate)
        finally:
            Styles.refresh = STYLES_REFRESH  # type: ignore[method-assign]
        batch.refresh()


STYLES_REFRESH = Styles.refresh


class RefreshedOnce:
    """The refreshes that restyling asks for, made once per widget when it is done."""

    def __init__(self) -> None:
        self.layout_of: dict[DOMNode, bool] = {}  # each widget to refresh: with a layout?
        self.subtrees: dict[DOMNode, bool] = {}  # containers whose widgets all need one too

    def record(self, styles: Styles, *, layout: bool = False, children: bool = False, parent: bool = False,
               repaint: bool = True) -> None:
        node = styles.node
        if node is None or not node._is_mounted:
            return
        if parent and node.parent is not None:
            self.layout_of.setdefault(node.parent, False)
        self.layout_of[node] = self.layout_of.get(node, False) or layout
        if children:
            self.subtrees[node] = self.subtrees.get(node, False) or layout

    def refresh(self) -> None:
        for container, layout in self.subtrees.items():
            for node in container.walk_children(with_self=False):
                self.layout_of[node] = self.layout_of.get(node, False) or layout
        for node, layout in self.layout_of.items():
            node.refresh(layout=layout)  # type: ignore[attr-defined]


def use_explorer_stylesheet(app) -> None:
    """Give the app's stylesheet ExplorerStylesheet's behaviour. Textual creates the
    stylesheet inside App.__init__ and offers no way to pass a class of one's own."""
    app.stylesheet.__class__ = ExplorerStylesheet


def driver_app(driver):
    """The app a driver runs, which Textual's drivers keep under a private name."""
    return driver._app


def session_process(app_service):
    """The process of one textual-serve session (None before it starts)."""
    return app_service._process


def session_environment(width: int = 80, height: int = 24) -> dict[str, str]:
    """The environment textual-serve gives a session's process (Textual's web driver, its
    frame rate and colours, the terminal size)."""
    from types import SimpleNamespace

    from textual_serve.app_service import AppService

    return AppService._build_environment(SimpleNamespace(debug=False), width, height)  # type: ignore[arg-type]


def use_session_forks(forks) -> None:
    """Make textual-serve start each session through ``forks`` (ui/session_forks.py), falling
    back to its own way where the fork server cannot give one."""
    import textual_serve.server
    from textual_serve.app_service import AppService

    class ForkedAppService(AppService):
        async def _open_app_process(self, width: int = 80, height: int = 24):
            process = await forks.fork(self._build_environment(width=width, height=height))
            if process is None:
                return await super()._open_app_process(width, height)
            self._process = process
            self._stdin = process.stdin
            return process

    textual_serve.server.AppService = ForkedAppService  # type: ignore[misc]


class OwnPlotColours:
    """For a PlotextPlot subclass whose colours come from its own replot()."""

    def _register_theme(self, app_theme_name: str) -> None:
        """Skip the base class's process-wide plotext theme."""


def size_plot(plt, width: int, height: int) -> None:
    """Size a textual-plotext plot that is built outside ``PlotextPlot.render``."""
    plt.plotsize(width, height)
    plt._set_size(width, height)
