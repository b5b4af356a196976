"""Draw a figure onto a plotext figure object.

Shared by the TUI chart widget (its own ``self.plt``) and the CLI (a fresh plotext
figure), so both show the same chart. Imports neither Textual nor pandas.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

from aiindex_tui.model import ChartKind, Figure

RGB = tuple[int, int, int]

# Plotext draws with box-drawing, block and braille characters; these stand-ins
# keep the chart legible on terminals that only show ASCII.
_ASCII_FALLBACK = {
    "─": "-", "━": "-", "│": "|", "┃": "|", "┌": "+", "┐": "+", "└": "+", "┘": "+",
    "┬": "+", "┴": "+", "├": "+", "┤": "+", "┼": "+", "█": "#", "▄": "#", "▀": "#",
    "▌": "#", "▐": "#", "•": "*", "·": ".", "⠀": " ",
}


def to_ascii(text: str) -> str:
    """Replace every non-ASCII character of a built chart with an ASCII stand-in."""
    out = []
    for char in text:
        if char < "\x80":
            out.append(char)
        elif char in _ASCII_FALLBACK:
            out.append(_ASCII_FALLBACK[char])
        elif "\u2800" <= char <= "\u28ff":  # braille dots used for lines
            out.append("*")
        else:
            out.append("?")
    return "".join(out)


_DISTINCT_FILLS = ("#", "=", "%", "+", "@", "x", ":", "o")


@dataclass(frozen=True, slots=True)
class ChartSeries:
    label: str
    positions: tuple[float, ...]
    values: tuple[float, ...]


def series_of(figure: Figure) -> tuple[tuple[str, ...], tuple[ChartSeries, ...]]:
    """Periods for the x axis and one series per legend label, positions on that axis."""
    periods = figure.periods
    index = {period: i for i, period in enumerate(periods)}
    series = []
    for label in figure.labels:
        points = sorted(
            (index[o.period], o.value) for o in figure.observations if o.label == label
        )
        series.append(
            ChartSeries(label, tuple(float(p) for p, _ in points), tuple(v for _, v in points))
        )
    return periods, tuple(series)


def compact_number(value: float) -> str:
    """Short tick label: 1,250 / 3.5M / 1.27T rather than 1270000000000.0."""
    magnitude = abs(value)
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M")):
        if magnitude >= size:
            return f"{value / size:.3g}{suffix}"
    if magnitude >= 100 or value == int(value):
        return f"{value:,.0f}"
    return f"{value:.3g}"


def fill_for(number: int, distinct: bool) -> str:
    """The character a series is drawn with: plotext's blocks ("sd"), or one ASCII fill per series."""
    return _DISTINCT_FILLS[number % len(_DISTINCT_FILLS)] if distinct else "sd"


def draw_figure(
    plt: Any,
    figure: Figure,
    colors: Sequence[RGB | str],
    *,
    ascii_only: bool = False,
    monochrome: bool = False,
) -> None:
    """Clear ``plt`` and draw ``figure`` on it with one color per series.

    Without color (``monochrome``) or in ASCII, each series gets its own fill character.
    The legend and unit are left to the caller: plotext counts every character as
    one cell, so data text with wide characters would break its layout.
    """
    plt.clear_data()
    periods, series = series_of(figure)
    if not series:
        plt.title("No values")
        return
    count = len(series)
    for number, line in enumerate(series):
        marker = fill_for(number, ascii_only or monochrome)
        color = colors[number % len(colors)] if colors else None
        if figure.chart is ChartKind.LINE:
            distinct = ascii_only or monochrome
            plt.plot(line.positions, line.values, color=color, marker=fill_for(number, distinct) if distinct else "hd")
            plt.scatter(line.positions, line.values, color=color, marker="o" if ascii_only else "●")
        else:
            # Bars of one period stand side by side; a series with no value for a
            # period simply has no bar there (rather than a misleading zero).
            width = 0.8 / count
            offset = -0.4 + width * (number + 0.5)
            plt.bar(
                [p + offset for p in line.positions], line.values,
                color=color, width=width, marker=marker, minimum=0,
            )
    plt.xticks(list(range(len(periods))), list(periods))
    if figure.chart is not ChartKind.LINE or len(periods) > 1:
        plt.xlim(-0.6, len(periods) - 0.4)
    values = [v for line in series for v in line.values]
    low, high = min(0.0, *values), max(0.0, *values)
    span = high - low or 1.0
    plt.ylim(low, high + span * 0.08)
    ticks = [low + span * i / 4 for i in range(5)]
    plt.yticks(ticks, [compact_number(t) for t in ticks])
