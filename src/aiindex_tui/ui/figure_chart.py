"""The inline chart of one figure, drawn with the widget's own plotext figure."""

from __future__ import annotations

import re

from rich.ansi import AnsiDecoder
from rich.color import Color as RichColor, ColorSystem
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult, RenderResult
from textual.color import Color
from textual.containers import Vertical
from textual.reactive import reactive
from textual.strip import Strip
from textual.widgets import Static
from textual_plotext import PlotextPlot

from aiindex_tui.output.plot import chart_events, draw_figure, legend_swatches, to_ascii
from aiindex_tui.output.series_looks import distinct_colours, legible
from aiindex_tui.output.figure_facts import NO_CHANGE, value_with_unit, window_changes
from aiindex_tui.pack.derive import GapMode, gap_figure
from aiindex_tui.pack.model import Figure
from aiindex_tui.pack.window import PeriodWindow, window_figure
from aiindex_tui.ui.display import DisplayOptions
from aiindex_tui.ui.workarounds import OwnPlotColours, RestyledWhenShown, SizedInOnePass, SizedStatic, size_plot

# Theme variables whose colors tell series apart, in order of use.
SERIES_COLOR_VARIABLES = ("primary", "warning", "success", "error", "accent", "secondary")
KEEP_BUILDS = 8  # sizes, themes and scales kept per chart, enough to flip between two of each


_COLOURS_OF_THEME: dict[tuple, list[tuple[int, int, int]]] = {}


def theme_series_colours(variables: dict[str, str], few_colors: bool) -> list[tuple[int, int, int]]:
    background = Color.parse(variables["surface"]).rgb
    # Each lightened or darkened as far as it must be to stand out from the chart's background.
    colors = [legible(Color.parse(variables[name]).rgb, background) for name in SERIES_COLOR_VARIABLES if name in variables]
    if few_colors:
        shown = {}
        for rgb in colors:
            shown.setdefault(RichColor.from_rgb(*rgb).downgrade(ColorSystem.STANDARD).number, rgb)
        return list(shown.values())
    return distinct_colours(colors)


def legend_words(entry: Text) -> list[Text]:
    """An entry's words, where a line may break between them; its mark and the first word of
    its label are one, so a mark never ends a line its label does not start."""
    spans = [match.span() for match in re.finditer(r"\S+", entry.plain)]
    if len(spans) > 1:
        spans[:2] = [(spans[0][0], spans[1][1])]
    return [entry[start:end] for start, end in spans]


class LegendLines:
    """Legend entries wrapped at the width they are drawn at, between words, never between a
    mark and its label: where "◆" would end a line and its label start the next, the two go
    on the next line together. Then ``notes``, a line each."""

    def __init__(self, entries: list[Text], notes: list[Text]) -> None:
        self.entries = entries
        self.notes = notes

    def __str__(self) -> str:
        return "\n".join(["  ".join(entry.plain for entry in self.entries), *(note.plain for note in self.notes)])

    def __rich_console__(self, console, options):
        width = options.max_width
        text, line_length = Text(), 0
        for entry in self.entries:
            for index, word in enumerate(legend_words(entry)):
                gap = " " if index else "  "  # two spaces between entries, one between words
                if line_length and line_length + len(gap) + word.cell_len > width:
                    text.append("\n")
                    line_length = 0
                elif line_length:
                    text.append(gap)
                    line_length += len(gap)
                text.append_text(word)
                line_length += word.cell_len
        for note in self.notes:
            text.append("\n")
            text.append_text(note)
        yield text


class Legend(SizedStatic):
    """A chart's legend: ``content`` is all of it as one Text; it is drawn as LegendLines."""

    shown: LegendLines | None = None

    def show(self, entries: list[Text], notes: list[Text]) -> None:
        lines = LegendLines(entries, notes)
        text = Text("\n").join([Text("  ").join(entries), *notes])
        before = self.content
        self.shown = lines
        # New colours alone (a theme change) keep the legend's size: no layout for those.
        self.update(text, layout=not (isinstance(before, Text) and before.plain == text.plain))

    def render(self) -> RenderResult:
        return self.shown if self.shown is not None else super().render()


class FigureChart(OwnPlotColours, SizedInOnePass, PlotextPlot):
    """A plotext chart of a figure that redraws when the theme, the scale or the gap view changes."""

    log_scale: reactive[bool] = reactive(False, init=False, repaint=False)
    gap: reactive[GapMode] = reactive(GapMode.BOTH, init=False, repaint=False)
    cursor_period: reactive[str] = reactive("", init=False, repaint=False)
    window: reactive[PeriodWindow | None] = reactive(None, init=False, repaint=False)

    def __init__(self, figure: Figure, legend: Static, display: DisplayOptions, window: PeriodWindow | None = None) -> None:
        super().__init__()
        self.figure = figure
        self.legend = legend
        self.display_options = display
        self.ascii_only = display.ascii_only
        self.glyphs = display.glyphs
        self._builds: dict[tuple, list[Strip]] = {}
        self._drawn: tuple[tuple, Figure] | None = None
        # Whether the last chart drawn had room to label its events; the legend names them where not.
        self.events_labelled = True
        self.set_reactive(FigureChart.window, window)

    @property
    def drawn(self) -> Figure:
        """What the chart shows: the figure or its US-China gap, in the period window if set.
        Kept while they stay the same: a window over a long series is a pass over every value."""
        key = (self.gap, self.window)
        if self._drawn is None or self._drawn[0] != key:
            self._drawn = key, gap_figure(window_figure(self.figure, self.window), self.gap)
        return self._drawn[1]

    def watch_log_scale(self) -> None:
        self.replot()

    def watch_gap(self) -> None:
        self.replot()

    def watch_cursor_period(self) -> None:
        self.replot()

    def watch_window(self) -> None:
        self.replot()

    def on_mount(self) -> None:
        self.replot()
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.replot())

    def series_colors(self) -> list[tuple[int, int, int]]:
        """The theme's series colours, each once as the terminal will show it.

        Themes may give two variables one colour or two of a hue (a dark and a light
        blue), and a 16-colour terminal maps several to the same ANSI colour; each is
        kept once, and series that then share a colour differ by their fill character.
        """
        variables = self.app.theme_variables
        few_colors = self.display_options.few_colors
        # The same for every chart of a theme: worked out once, as a theme change replots them all.
        key = (variables.get("surface"), *(variables.get(name) for name in SERIES_COLOR_VARIABLES), few_colors)
        colors = _COLOURS_OF_THEME.get(key)
        if colors is None:
            colors = _COLOURS_OF_THEME[key] = theme_series_colours(variables, few_colors)
        return colors

    @property
    def distinct_fills(self) -> bool:
        return self.ascii_only or self.app.no_color

    def replot(self) -> None:
        """Show the legend, and the chart from its next render, in the active theme's colors."""
        self.legend.show(*self.legend_entries(self.series_colors()))
        self.refresh()

    def legend_entries(self, colors: list[tuple[int, int, int]]) -> tuple[list[Text], list[Text]]:
        """Each series' mark and label and the unit, one Text each; then the marked period's
        values, read off exactly, on a line of their own."""
        entries = []
        drawn = self.drawn
        for swatch, label, look in legend_swatches(drawn, self.distinct_fills, len(colors), self.glyphs):
            r, g, b = look.color(colors)
            entries.append(Text.assemble((swatch, Style(color=f"rgb({r},{g},{b})")), f" {label}"))
        scale = ", log scale" if self.log_scale else ""
        entries.append(Text(f"unit: {drawn.unit}{scale}", style="dim"))
        notes = []
        glyphs = self.display_options.glyphs
        if self.window is not None and drawn.periods:
            shown, found = window_changes(drawn, glyphs.arrow)
            notes.append(Text.assemble((f"{shown}: ", "bold"), glyphs.dot.join(found) or NO_CHANGE))
        if self.cursor_period:
            # Read off the whole figure: a period marked outside the window still shows its values.
            values = [o for o in gap_figure(self.figure, self.gap).observations if o.period == self.cursor_period]
            marked = Text(f"{self.cursor_period}: ", style="bold")
            marked.append(glyphs.dot.join(f"{o.label} {value_with_unit(o, drawn.unit)}" for o in values) or "no value")
            if self.window is not None and not self.window.holds(self.cursor_period):
                marked.append(" (outside the window)", style="dim")
            notes.append(marked)
        if not self.events_labelled:
            events = [f"{drawn.periods[e.position]} {e.label}" for e in chart_events(drawn)]
            notes.append(Text.assemble(("Marked by lines: ", "bold"), glyphs.dot.join(events)))
        return entries, notes

    def render_line(self, y: int) -> Strip:
        lines = self._lines()
        return lines[y] if y < len(lines) else Strip.blank(self.size.width, self.visual_style.rich_style)

    def render(self) -> RenderResult:
        # Textual draws the chart line by line (render_line); this is for anything that asks for all of it.
        return Text("\n").join(Text.assemble(*((text, style) for text, style, _ in line)) for line in self._lines())

    def _lines(self) -> list[Strip]:
        # Built once per size and theme, straight into the lines Textual draws: a plotext
        # build is the slowest part of a frame, and turning its output into styled text and
        # that into lines again was as slow. Revisits, scrolling and view switches need none.
        base = self.visual_style.rich_style
        key = (
            self.size.width, self.size.height, self.app.theme, base, self.distinct_fills, self.log_scale, self.gap,
            self.cursor_period, self.window,
        )
        built = self._builds.get(key)
        if built is None:
            if len(self._builds) >= KEEP_BUILDS:
                del self._builds[next(iter(self._builds))]
            built = self._builds[key] = self._build(self.size.width, self.size.height, base)
        return built

    def _build(self, width: int, height: int, base: Style) -> list[Strip]:
        variables = self.app.theme_variables
        background = Color.parse(variables["surface"]).rgb
        self.plt.canvas_color(background)
        self.plt.axes_color(background)
        self.plt.ticks_color(Color.parse(variables["foreground"]).rgb)
        labelled = draw_figure(
            self.plt, self.drawn, self.series_colors(), log_scale=self.log_scale,
            ascii_only=self.ascii_only, monochrome=self.app.no_color, columns=width, rows=height,
            glyphs=self.glyphs,
            mark_color=legible(Color.parse(variables["foreground"]).blend(Color.parse(variables["surface"]), 0.4).rgb, background),
            cursor_period=self.cursor_period, cursor_color=legible(Color.parse(variables["accent"]).rgb, background),
        )
        if labelled != self.events_labelled:
            # Named in the legend instead; its new height changes the chart's only towards the same
            # answer (a line more leaves less room still), so this settles after one redraw.
            self.events_labelled = labelled
            self.call_after_refresh(self.replot)
        size_plot(self.plt, width, height)
        built = self.plt.build()
        # The canvas and data stay in the plot after a build; the lines are all that is kept.
        self.plt.clear_figure()
        return [
            Strip(segments).adjust_cell_length(width, base)
            for segments in ansi_lines(to_ascii(built) if self.ascii_only else built, base)
        ]


SGR = re.compile("\x1b\\[([0-9;]*)m")


def ansi_lines(ansi: str, base: Style) -> list[list[Segment]]:
    """plotext's output as segments per line, styled as Rich's ANSI decoder styles them, over
    ``base``. A chart sets a colour for nearly every cell, so each
    style change is worked out once per chart from the style before it and the code."""
    styles: dict[tuple[Style, str], Style] = {}
    decoder = AnsiDecoder()
    style = Style.null()
    lines = []
    for line in ansi.split("\n"):
        segments: list[Segment] = []
        parts = SGR.split(line.rsplit("\r", 1)[-1])
        for index, part in enumerate(parts):
            if index % 2:  # an SGR code
                after = styles.get((style, part))
                if after is None:
                    decoder.style = style
                    decoder.decode_line(f"\x1b[{part}m")
                    after = styles[style, part] = decoder.style
                style = after
            elif part:
                shown = base + style if style else base
                if part.isspace() and not (shown.underline or shown.strike or shown.reverse):
                    # Blank cells need only their background; a foreground would join them to the
                    # next characters in one run, which pictures (SVG) then place by the run.
                    shown = Style(bgcolor=shown.bgcolor)
                segments.append(Segment(part, shown))
        lines.append(segments)
    return lines


class ChartView(RestyledWhenShown, SizedInOnePass, Vertical):
    """A figure's legend line above its chart."""

    def __init__(self, figure: Figure, display: DisplayOptions, *, id: str, window: PeriodWindow | None = None) -> None:
        super().__init__(id=id)
        self.figure = figure
        self.display_options = display
        self.window = window

    def compose(self) -> ComposeResult:
        legend = Legend(classes="legend")
        yield legend
        yield FigureChart(self.figure, legend, self.display_options, self.window)
