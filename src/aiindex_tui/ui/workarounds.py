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
    Hook("textual_plotext:PlotextPlot", "_register_theme",
         "the base class sets plotext's process-wide theme, carrying one app's colours into the next"),
    Hook("textual_plotext.plot:Plot", "_set_size",
         "plotsize() alone does not size the canvas of a plot built outside PlotextPlot.render"),
    Hook("textual.drivers.web_driver:WebDriver", "_app",
         "a browser session's driver must ask its app to exit from the input thread"),
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


class OwnPlotColours:
    """For a PlotextPlot subclass whose colours come from its own replot()."""

    def _register_theme(self, app_theme_name: str) -> None:
        """Skip the base class's process-wide plotext theme."""


def size_plot(plt, width: int, height: int) -> None:
    """Size a textual-plotext plot that is built outside ``PlotextPlot.render``."""
    plt.plotsize(width, height)
    plt._set_size(width, height)
