"""The inline chart of one figure, drawn with the widget's own plotext figure."""

from __future__ import annotations

from rich.text import Text
from textual.app import RenderResult
from textual.color import Color
from textual_plotext import PlotextPlot

from aiindex_tui.charting import draw_figure, to_ascii
from aiindex_tui.model import Figure

# Theme variables whose colors tell series apart, in order of use.
SERIES_COLOR_VARIABLES = ("primary", "warning", "success", "error", "accent", "secondary")


class FigureChart(PlotextPlot):
    """A plotext chart of a figure that redraws when the theme changes."""

    def __init__(self, figure: Figure, *, ascii_only: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.figure = figure
        self.ascii_only = ascii_only

    def on_mount(self) -> None:
        self.replot()
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.replot())

    def series_colors(self) -> list[tuple[int, int, int]]:
        variables = self.app.theme_variables
        return [Color.parse(variables[name]).rgb for name in SERIES_COLOR_VARIABLES if name in variables]

    def replot(self) -> None:
        """Draw the figure again with the colors of the active theme."""
        draw_figure(
            self.plt,
            self.figure,
            self.series_colors(),
            ascii_only=self.ascii_only,
            monochrome=self.app.no_color,
        )
        self.refresh()

    def render(self) -> RenderResult:
        if not self.ascii_only:
            return super().render()
        # Same as the base class, but with every drawing character made ASCII.
        self.plt.plotsize(self.size.width, self.size.height)
        self.plt._set_size(self.size.width, self.size.height)
        self.plt.theme(self._get_plotext_theme_name(self.app.theme))
        return Text.from_ansi(to_ascii(self.plt.build()))
