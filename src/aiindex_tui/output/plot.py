"""Draw a figure onto a plotext figure object.

Shared by the TUI chart widget (its own ``self.plt``) and the CLI (a fresh plotext
figure), so both show the same chart. Imports neither Textual nor pandas.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Any, Sequence

from aiindex_tui.pack.model import ChartKind, ChartSeries, Figure

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


Line = tuple[Sequence[float], Sequence[float]]  # positions and values


def _envelope_lines(positions: Sequence[float], values: Sequence[float], extremes: list[tuple[int, int]]) -> list[Line]:
    lows, highs = [low for low, _ in extremes], [high for _, high in extremes]
    return [([positions[i] for i in lows], [values[i] for i in lows]),
            ([positions[i] for i in highs], [values[i] for i in highs])]


def envelope(positions: Sequence[float], values: Sequence[float], columns: int) -> list[Line]:
    """The lines that draw a series in ``columns`` columns.

    A series that fits is drawn as it is. A longer one is drawn as two lines
    through the lowest and the highest value of each pair of columns: a column
    cannot show more than its extremes, so the chart looks the same while its
    cost no longer grows with the number of points (and a noisy series reads
    as a band rather than a zig-zag). ``positions`` must be ascending.
    """
    buckets = max(1, columns // 2)
    count = len(values)
    if count <= 2 * buckets:
        return [(positions, values)]
    first = positions[0]
    step = (positions[-1] - first) / buckets
    extremes: list[tuple[int, int]] = []
    start = 0
    for bucket in range(1, buckets + 1):
        stop = count if bucket == buckets else bisect_left(positions, first + step * bucket, lo=start)
        if stop > start:
            chunk = values[start:stop]
            extremes.append((start + chunk.index(min(chunk)), start + chunk.index(max(chunk))))
            start = stop
    return _envelope_lines(positions, values, extremes)


def series_envelope(series: ChartSeries, columns: int) -> list[Line]:
    """``envelope`` of a figure's series; a very long one uses its per-block extremes."""
    buckets = max(1, columns // 2)
    blocks = series.extremes_by_block
    if len(blocks) < 8 * buckets:  # a direct pass is cheap enough
        return envelope(series.positions, series.values, columns)
    positions, values = series.positions, series.values
    first = positions[0]
    width = (positions[-1] - first) / buckets or 1
    extremes: dict[int, tuple[int, int]] = {}
    for low_at, high_at in blocks:  # blocks are in order, so buckets fill in order
        bucket = min(buckets - 1, int((positions[low_at] - first) / width))
        low, high = extremes.get(bucket, (low_at, high_at))
        extremes[bucket] = (
            low_at if values[low_at] < values[low] else low,
            high_at if values[high_at] > values[high] else high,
        )
    return _envelope_lines(positions, values, list(extremes.values()))


# Columns of a chart that are not plot area: y tick labels, axis and frame.
AXIS_COLUMNS = 10


def consecutive_runs(positions: Sequence[float]) -> list[tuple[int, int]]:
    """(start, stop) index ranges of positions that follow one another without a gap."""
    runs, start = [], 0
    for i in range(1, len(positions)):
        if positions[i] - positions[i - 1] > 1:
            runs.append((start, i))
            start = i
    runs.append((start, len(positions)))
    return runs


def tick_positions(count: int, columns: int, label_width: int) -> list[int]:
    """Evenly spaced period positions whose labels fit side by side in ``columns``.

    Labels are kept a few columns apart: plotext drops labels that touch, and which
    of two it drops changes from run to run.
    """
    fit = max(1, (columns - AXIS_COLUMNS) // (label_width + 3))
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


def own_fill(number: int, distinct: bool, color_count: int) -> bool:
    """Whether series ``number`` is told apart by a fill character: always without
    colour, and otherwise once the colours have run out and start over."""
    return distinct or (color_count > 0 and number >= color_count)


def legend_swatches(figure: Figure, distinct: bool, color_count: int = 0) -> list[tuple[str, str]]:
    """Each series' swatch and label, in the order the chart draws (and colours) them.

    The legend is drawn apart from the chart, as plotext miscounts wide characters.
    """
    swatches = []
    for number, line in enumerate(figure.chart_series):
        fill = fill_for(number, own_fill(number, distinct, color_count))
        swatches.append(((fill * 2) if fill != "sd" else "██", line.label))
    return swatches


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
    dots: list[tuple[Sequence[float], Sequence[float], Any]] = []
    for number, line in enumerate(series):
        color = colors[number % len(colors)] if colors else None
        filled = own_fill(number, distinct, len(colors))
        drawn = series_envelope(line, columns)
        for positions, values in drawn:
            low, high = min(low, *values), max(high, *values)
            if as_line:
                # A line joins neighbouring periods only: a period without a value is a gap,
                # and a value with no neighbour stands alone as a dot.
                runs = consecutive_runs(positions) if len(drawn) == 1 and figure.chart is ChartKind.LINE else [(0, len(positions))]
                for start, stop in runs:
                    if stop - start > 1:
                        plt.plot(positions[start:stop], values[start:stop], color=color, marker=fill_for(number, True) if filled else "hd")
                if len(drawn) == 1 and (len(values) <= columns // 3 or any(stop - start == 1 for start, stop in runs)):
                    dots.append((positions, values, color))
            else:
                # Bars of one period stand side by side; a series with no value for a
                # period simply has no bar there (rather than a misleading zero).
                width = 0.8 / count
                offset = -0.4 + width * (number + 0.5)
                plt.bar(
                    [p + offset for p in positions], values,
                    color=color, width=width, marker=fill_for(number, filled), minimum=0,
                )
    for positions, values, color in dots:  # on top of every line, so no point hides under one
        plt.scatter(positions, values, color=color, marker="o" if ascii_only else "●")
    # Periods are ISO years or months, alike in length; a sample keeps this cheap.
    sample = periods[:: max(1, len(periods) // 1000)]
    ticks = tick_positions(len(periods), columns, max(len(p) for p in sample))
    plt.xticks(ticks, [periods[t] for t in ticks])
    if not as_line or len(periods) > 1:
        plt.xlim(-0.6, len(periods) - 0.4)
    span = high - low or 1.0
    plt.ylim(low, high + span * 0.08)
    ticks = [low + span * i / 4 for i in range(5)]
    plt.yticks(ticks, [compact_number(t) for t in ticks])
