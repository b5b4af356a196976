"""Draw a figure onto a plotext figure object.

Shared by the TUI chart widget (its own ``self.plt``) and the CLI (a fresh plotext
figure), so both show the same chart. Imports neither Textual nor pandas.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Any, Sequence

from aiindex_tui.model import ChartKind, ChartSeries, Figure

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
DEFAULT_COLUMNS = 100


def series_of(figure: Figure) -> tuple[tuple[str, ...], tuple[ChartSeries, ...]]:
    """Periods for the x axis and one series per legend label, positions on that axis."""
    return figure.periods, figure.chart_series


def downsample(
    positions: Sequence[float], values: Sequence[float], columns: int
) -> tuple[Sequence[float], Sequence[float]]:
    """Keep at most two points per chart column: the column's lowest and highest value.

    A column cannot show more than its extremes, so the drawn chart is the same
    while the cost of drawing no longer grows with the number of points.
    ``positions`` must be in ascending order.
    """
    count = len(values)
    if count <= 2 * columns:
        return positions, values
    first, last = positions[0], positions[-1]
    step = (last - first) / columns
    kept_positions: list[float] = []
    kept_values: list[float] = []
    start = 0
    for column in range(1, columns + 1):
        stop = count if column == columns else bisect_left(positions, first + step * column, lo=start)
        if stop <= start:
            continue
        chunk = values[start:stop]
        low, high = min(chunk), max(chunk)
        low_at, high_at = start + chunk.index(low), start + chunk.index(high)
        for at in sorted({low_at, high_at}):
            kept_positions.append(positions[at])
            kept_values.append(values[at])
        start = stop
    return kept_positions, kept_values


def tick_positions(count: int, columns: int, label_width: int) -> list[int]:
    """Evenly spaced period positions whose labels fit side by side in ``columns``."""
    fit = max(1, columns // (label_width + 2))
    if count <= fit:
        return list(range(count))
    step = -(-count // fit)  # ceiling division
    return list(range(0, count, step))


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
    columns: int = DEFAULT_COLUMNS,
) -> None:
    """Clear ``plt`` and draw ``figure`` on it with one color per series.

    ``columns`` is the chart's width: longer series are reduced to what that many
    columns can show. Without color (``monochrome``) or in ASCII, each series gets
    its own fill character. The legend and unit are left to the caller: plotext
    counts every character as one cell, so data text with wide characters would
    break its layout.
    """
    plt.clear_data()
    periods, series = series_of(figure)
    if not series:
        plt.title("No values")
        return
    count = len(series)
    distinct = ascii_only or monochrome
    # Bars narrower than a column cannot be drawn; so many periods read as a line.
    as_line = figure.chart is ChartKind.LINE or len(periods) * count > columns
    low = high = 0.0
    for number, line in enumerate(series):
        color = colors[number % len(colors)] if colors else None
        positions, values = downsample(line.positions, line.values, columns)
        low, high = min(low, *values), max(high, *values)
        if as_line:
            plt.plot(positions, values, color=color, marker=fill_for(number, distinct) if distinct else "hd")
            if len(values) <= columns // 3:  # dots only where they stay apart
                plt.scatter(positions, values, color=color, marker="o" if ascii_only else "●")
        else:
            # Bars of one period stand side by side; a series with no value for a
            # period simply has no bar there (rather than a misleading zero).
            width = 0.8 / count
            offset = -0.4 + width * (number + 0.5)
            plt.bar(
                [p + offset for p in positions], values,
                color=color, width=width, marker=fill_for(number, distinct), minimum=0,
            )
    ticks = tick_positions(len(periods), columns, max(len(p) for p in periods))
    plt.xticks(ticks, [periods[t] for t in ticks])
    if not as_line or len(periods) > 1:
        plt.xlim(-0.6, len(periods) - 0.4)
    span = high - low or 1.0
    plt.ylim(low, high + span * 0.08)
    ticks = [low + span * i / 4 for i in range(5)]
    plt.yticks(ticks, [compact_number(t) for t in ticks])
