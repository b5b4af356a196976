"""Draw a figure onto a plotext figure object.

Shared by the TUI chart widget (its own ``self.plt``) and the CLI (a fresh plotext
figure), so both show the same chart. Imports neither Textual nor pandas.
"""

from __future__ import annotations

import math
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass, replace
from typing import Any, Sequence

from aiindex_tui.output.chart_axes import (
    AXIS_COLUMNS, compact_number, log_label, log_ticks, scale_for, tick_positions, value_axis,
)
from aiindex_tui.output.glyphs import UNICODE, Glyphs, glyphs_for
from aiindex_tui.output.series_looks import RGB, SeriesLook, series_looks
from aiindex_tui.pack.kinds import ChartKind, NoteKind
from aiindex_tui.pack.model import ChartSeries, Figure, decimals_of

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


DEFAULT_COLUMNS = 100
DEFAULT_ROWS = 16


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
    positions = series.positions
    first = positions[0]
    width = (positions[-1] - first) / buckets or 1
    extremes: dict[int, list] = {}  # bucket: [low's index, low, high's index, high]
    for middle, low, high in blocks:  # blocks are in order, so buckets fill in order
        bucket = min(buckets - 1, int((positions[middle] - first) / width))
        kept = extremes.get(bucket)
        if kept is None:
            extremes[bucket] = [middle, low, middle, high]
            continue
        if low < kept[1]:
            kept[0], kept[1] = middle, low
        if high > kept[3]:
            kept[2], kept[3] = middle, high
    kept_extremes = list(extremes.values())
    return [([positions[e[0]] for e in kept_extremes], [e[1] for e in kept_extremes]),
            ([positions[e[2]] for e in kept_extremes], [e[3] for e in kept_extremes])]


def consecutive_runs(positions: Sequence[float]) -> list[tuple[int, int]]:
    """(start, stop) index ranges of positions that follow one another without a gap."""
    runs, start = [], 0
    for i in range(1, len(positions)):
        if positions[i] - positions[i - 1] > 1:
            runs.append((start, i))
            start = i
    runs.append((start, len(positions)))
    return runs


def mean_spacing(positions: Sequence[float]) -> float:
    """The mean distance between a series' positions, 1 for a single one.

    plotext scales a bar's width by it; dividing it out gives every series the
    same bar width, also one with a value in only some periods.
    """
    if len(positions) < 2:
        return 1.0
    return (max(positions) - min(positions)) / (len(positions) - 1)


def legend_swatches(
    figure: Figure, distinct: bool, color_count: int = 0, glyphs: Glyphs = UNICODE
) -> list[tuple[str, str, SeriesLook]]:
    """Each series' swatch, label and look, in the order the chart draws them.

    An article series shows the mark its points are drawn with. The legend is drawn
    apart from the chart, as plotext miscounts wide characters.
    """
    looks = series_looks(figure, color_count, distinct)
    swatches = []
    for line in figure.chart_series:
        look = looks[line.label]
        if line.article and figure.chart is ChartKind.LINE:
            swatches.append((f"{glyphs.article_point} ", line.label, look))
        else:
            swatches.append(((look.fill * 2) if look.fill else "██", line.label, look))
    return swatches


@dataclass(frozen=True, slots=True)
class Event:
    """A dated mark on a chart: its position on the period axis and a short label."""

    position: int
    label: str


def chart_events(figure: Figure) -> list[Event]:
    """The figure's event notes at the periods of the values they are on.

    Looked up per event rather than through a map of every value: a chart of a
    million values is drawn on every resize, and most figures have no events.
    """
    events = []
    ids, periods = figure.values.observation_id, figure.values.period
    for note in figure.notes:
        if note.kind is NoteKind.EVENT and note.observation_id in ids:
            period = periods[ids.index(note.observation_id)]
            events.append(Event(bisect_left(figure.periods, period), note.text))
    return events


def draw_figure(
    plt: Any,
    figure: Figure,
    colors: Sequence[RGB | str],
    *,
    ascii_only: bool = False,
    monochrome: bool = False,
    columns: int = DEFAULT_COLUMNS,
    rows: int = DEFAULT_ROWS,
    log_scale: bool = False,
    glyphs: Glyphs | None = None,
    mark_color: RGB | str = "gray",
    cursor_period: str = "",
    cursor_color: RGB | str = "white",
) -> bool:
    """Clear ``plt`` and draw ``figure`` on it with one color per series; whether each of
    its events is labelled on the chart (False where the chart is too short for them, so the
    caller can name them elsewhere).

    ``columns`` and ``rows`` are the chart's size: longer series are reduced to
    what that many columns can show, and the y axis gets as many round ticks as
    fit. Without color (``monochrome``) or in ASCII, each series gets its own fill
    character. An article series is drawn as marks, never joined into a line.
    ``log_scale`` plots log10 of the positive values, with ticks labelled in the
    unit. ``cursor_period``, when one of the figure's periods, is marked by a line. The legend and unit are left to the caller: plotext counts every
    character as one cell, so data text with wide characters would break its layout.
    """
    plt.clear_data()
    glyphs = glyphs or glyphs_for(ascii_only)
    periods, series = series_of(figure)
    if log_scale:
        series = tuple(_log_series(line) for line in series)
        series = tuple(line for line in series if line.values)
    if not series:
        plt.title("No values")
        return not chart_events(figure)
    # plotext's arithmetic overflows near the largest float: such values are drawn scaled
    # down, and the axis is labelled with the values themselves.
    scale = scale_for(series) if not log_scale else 1.0
    if scale != 1.0:
        series = tuple(replace(line, values=tuple(v / scale for v in line.values)) for line in series)
    count = len(series)
    distinct = ascii_only or monochrome
    # Bars narrower than a column cannot be drawn; so many periods read as a line.
    as_line = figure.chart is ChartKind.LINE or len(periods) * count > columns
    low, high = (math.inf, -math.inf) if log_scale or not figure.zero_based else (0.0, 0.0)
    dots: list[tuple[Sequence[float], Sequence[float], Any, str]] = []
    bars: list[tuple[float, float, Any]] = []
    present = _series_at(series) if not as_line else {}
    width = 0.8 / max(len(members) for members in present.values()) if present else 0.0
    looks = series_looks(figure, len(colors), distinct)
    for number, line in enumerate(series):
        look = looks[line.label]
        color = look.color(colors)
        drawn = series_envelope(line, columns)
        for positions, values in drawn:
            low, high = min(low, *values), max(high, *values)
            if as_line:
                if line.article:  # the article's own numbers stand apart from every line
                    dots.append((positions, values, color, glyphs.article_point))
                    continue
                # A line joins neighbouring periods only: a period without a value is a gap,
                # and a value with no neighbour stands alone as a dot.
                runs = consecutive_runs(positions) if len(drawn) == 1 and figure.chart is ChartKind.LINE else [(0, len(positions))]
                for start, stop in runs:
                    if stop - start > 1:
                        plt.plot(positions[start:stop], values[start:stop], color=color, marker=look.fill or glyphs.line)
                if len(drawn) == 1 and (len(values) <= columns // 3 or any(stop - start == 1 for start, stop in runs)):
                    dots.append((positions, values, color, glyphs.point))
            else:
                # The bars of one period stand side by side, centred on its label; a series
                # with no value for a period has no bar there (rather than a misleading zero).
                centres = [p + width * (present[p].index(number) - (len(present[p]) - 1) / 2) for p in positions]
                plt.bar(
                    centres, values, color=color, width=width / mean_spacing(centres),
                    marker=look.fill or "sd", minimum=0,
                )
                bars += [(x, v, color) for x, v in zip(centres, values)]
    if as_line and not log_scale:
        # Each value's 95% interval, where the pack gives one and each period has a column or more.
        for position, below, above, label in intervals(figure, len(periods) <= columns):
            below, above = below / scale, above / scale
            if label in looks:
                color = looks[label].color(colors)
                plt.plot([position, position], [below, above], color=color, marker=glyphs.interval)
                low, high = min(low, below), max(high, above)
    for positions, values, color, mark in dots:  # on top of every line, so no point hides under one
        plt.scatter(positions, values, color=color, marker=mark)
    data_high = high
    most = max(2, min(6, (rows - 3) // 2))  # a tick at most every other row of the plot
    if log_scale:
        y_ticks = log_ticks(low, high)
        labels = [log_label(t) for t in y_ticks]
    else:
        low, high, y_ticks, labels = value_axis(low, high, most, rows, bool(bars))
        if scale != 1.0:
            labels = [compact_number(t * scale) for t in y_ticks]
    if log_scale:
        low, high = y_ticks[0], y_ticks[-1]
    low, high = min(low, y_ticks[0]), max(high, y_ticks[-1])
    # Text goes only where no data can be: each event's label on a row of its own above the
    # highest value, and each bar's value above the bar. The axis grows to make those
    # rows where the chart is tall enough; where it is not, the labels are left out.
    events = chart_events(figure)
    bar_labels = bool(bars) and not log_scale
    label_rows = len(events) + 2 * bar_labels  # a bar's value is one and a half rows above it
    plot_rows = max(1, rows - 4)  # plotext spreads the range over rows - 3 rows
    labelled = label_rows > 0 and plot_rows >= 2 * label_rows + 2
    if labelled:
        reserved = label_rows + 0.5  # half a row more, for plotext's rounding to rows
        room = (data_high * plot_rows - reserved * low) / (plot_rows - reserved)
        labelled = math.isfinite(room)
        high = max(high, room) if labelled else high
    plt.ylim(low, high)
    plt.yticks(y_ticks, labels)
    # Where there is room, each line is named at its end, right of the last period, as OWID's
    # Grapher does: the columns for the names are added to the period axis, beyond every value.
    columns_left = columns - max(map(len, labels), default=0) - 3  # the y axis and the frame take the rest
    ends = line_ends(series, len(periods) - 1, looks, colors, columns_left) if as_line and len(periods) > 1 else []
    if not as_line or len(periods) > 1:
        margin = names_width(ends) * len(periods) / (columns_left - names_width(ends)) if ends else 0.0
        plt.xlim(-0.6, len(periods) - 0.4 + margin)
    # Periods are ISO years or months, alike in length; a sample keeps this cheap.
    sample = periods[:: max(1, len(periods) // 1000)]
    period_columns = columns - names_width(ends) if ends else columns
    ticks = tick_positions(len(periods), period_columns, max(len(p) for p in sample))
    plt.xticks(ticks, [periods[t] for t in ticks])
    if bar_labels and labelled:
        _label_bars(plt, figure, bars, width, len(periods), columns, rows, (low, high), scale)
    if cursor_period in periods:
        plt.vline(periods.index(cursor_period), cursor_color)  # plotext draws lines under the data
    for end, y in zip(ends, end_rows(ends, low, high, plot_rows)):
        plt.text(f" {end.label}", len(periods) - 0.4, y, color=end.color, alignment="left")
    # Beside its line: on the line's left in the right half of the chart, so it stays inside the frame.
    row_height = (high - low) / plot_rows
    for number, event in enumerate(events):
        plt.vline(event.position, mark_color)
        if not labelled:
            continue
        right_half = event.position > len(periods) / 2
        label = f"{event.label} " if right_half else f" {event.label}"
        plt.text(
            label, event.position, high - number * row_height,
            color=mark_color, alignment="right" if right_half else "left",
        )
    return labelled or not events


@dataclass(frozen=True, slots=True)
class LineEnd:
    """A line's name, drawn beside its last value in its colour."""

    label: str
    value: float
    color: Any


LONGEST_END_LABEL = 40  # longer names stay in the legend only
FEWEST_PLOT_COLUMNS = 40  # the periods keep at least this many columns, and twice the names'


def _narrow(text: str) -> bool:
    """Whether each character takes one column: plotext counts every character as one."""
    return all(unicodedata.east_asian_width(c) not in "WF" and not unicodedata.combining(c) and c.isprintable() for c in text)


def line_ends(
    series: Sequence[ChartSeries], last: int, looks: dict[str, SeriesLook], colors: Sequence[RGB | str], columns: int,
) -> list[LineEnd]:
    """The name of each line that reaches the last period (``last``), at its value there; a
    line that ends sooner keeps its name in the legend, as its name at the chart's edge would
    sit beside some other line. Only where every name is short and one column a character,
    the lines are few, and the periods keep room enough beside the names."""
    series = [line for line in series if line.positions and line.positions[-1] == last]
    if not series or len(series) > 8:
        return []
    labels = [line.label for line in series]
    if any(len(label) > LONGEST_END_LABEL or not _narrow(label) for label in labels):
        return []
    ends = [LineEnd(line.label, line.values[-1], looks[line.label].color(colors)) for line in series]
    return ends if columns - names_width(ends) >= max(FEWEST_PLOT_COLUMNS, 2 * names_width(ends)) else []


def names_width(ends: list[LineEnd]) -> int:
    """The columns the line names take beside the last period: the longest and a space each side."""
    return max(len(end.label) for end in ends) + 2


def end_rows(ends: list[LineEnd], low: float, high: float, plot_rows: int) -> list[float]:
    """Where each name goes: at its line's last value, moved down where it would share a row
    with the name above; none at all where that would push a name off the chart."""
    if not ends:
        return []
    row = (high - low) / plot_rows
    order = sorted(range(len(ends)), key=lambda n: -ends[n].value)
    placed: dict[int, float] = {}
    above = math.inf
    for n in order:
        y = min(ends[n].value, high, above - row)
        if y < low:
            return []
        placed[n] = above = y
    return [placed[n] for n in range(len(ends))]


def intervals(figure: Figure, room: bool = True) -> list[tuple[int, float, float, str]]:
    """(position on the period axis, low, high, legend label) of each value with a 95% interval;
    none where ``room`` says the periods are too many to draw them apart."""
    values = figure.values
    if not room or not any(values.low):
        return []
    position = {period: n for n, period in enumerate(figure.periods)}
    return [
        (position[period], float(low), float(high), label)
        for period, low, high, label in zip(values.period, values.low, values.high, values.labels)
        if low and high
    ]


def _log_series(line: ChartSeries) -> ChartSeries:
    kept = [(p, math.log10(v)) for p, v in zip(line.positions, line.values) if v > 0]
    return ChartSeries(line.label, tuple(p for p, _ in kept), tuple(v for _, v in kept), line.article)


def _series_at(series: Sequence[ChartSeries]) -> dict[int, list[int]]:
    """For each period position, the numbers of the series with a value there, in order."""
    present: dict[int, list[int]] = {}
    for number, line in enumerate(series):
        for position in line.positions:
            present.setdefault(position, []).append(number)
    return present


def _label_bars(
    plt: Any, figure: Figure, bars: list[tuple[float, float, Any]], width: float,
    period_count: int, columns: int, rows: int, y_range: tuple[float, float], scale: float = 1.0,
) -> None:
    """Print each bar's value just above it, where the bar is wide enough for the text;
    ``scale`` is what the drawn values were divided by."""
    bar_columns = width * (columns - AXIS_COLUMNS) / max(1, period_count)
    bottom, top = y_range
    row_height = (top - bottom) / max(1, rows - 4)
    decimals = max((decimals_of(w) for w in figure.values.written), default=0)
    for x, value, color in bars:
        label = f"{value:,.{decimals}f}" if scale == 1.0 else compact_number(value * scale)
        # Never over a bar, its own or the next. plotext fills a bar up to the row its value
        # rounds up to, so the value goes one and a half rows up to clear it.
        y = value + 1.5 * row_height
        # plotext may place centred text a column off: beside a taller bar, only a label with
        # a column to spare on each side is safe from it.
        beside_taller = any(
            abs(other_x - x) <= 1.05 * width and other_value >= value + row_height for other_x, other_value, _ in bars
        )
        if len(label) > bar_columns - (3 if beside_taller else 1) or y > top:
            continue
        plt.text(label, x, y, color=color, alignment="center")
