"""A chart's axes: where ticks go and how they are labelled, on linear and log scales.

Ticks fall on round steps a whole number of rows apart; values beyond what plotext can
draw are scaled, and an axis too wide for steps keeps its two ends.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from aiindex_tui.pack.model import ChartSeries


# Columns of a chart that are not plot area: y tick labels, axis and frame.
AXIS_COLUMNS = 10


def tick_positions(count: int, columns: int, label_width: int) -> list[int]:
    """Evenly spaced period positions whose labels fit side by side in ``columns``.

    Labels are kept a few columns apart: plotext drops labels that touch, and which
    of two it drops changes from run to run.
    """
    fit = max(1, (columns - AXIS_COLUMNS) // (label_width + 3))
    if count <= fit:
        return list(range(count))
    step = -(-count // fit)  # ceiling division
    ticks = list(range(0, count, step))
    # A label centred past the plot's right end is moved by plotext, again differently
    # from run to run; leave out a last tick too close to the end for its label.
    plot_columns = columns - AXIS_COLUMNS
    room = plot_columns - (ticks[-1] + 0.6) / (count + 0.2) * plot_columns
    if len(ticks) > 1 and room < label_width / 2 + 1:
        ticks.pop()
    return ticks


def compact_number(value: float) -> str:
    """Short tick label: 1,250 / 3.5M / 1.27T rather than 1270000000000.0."""
    magnitude = abs(value)
    if magnitude >= 1e15:
        return f"{value:.3g}"  # 1.5e+15: past trillions, suffixes stop helping
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M")):
        if magnitude >= size:
            return f"{value / size:.3g}{suffix}"
    if magnitude >= 100 or value == int(value):
        return f"{value:,.0f}"
    return f"{value:.3g}"


def nice_step(span: float, most: int) -> float:
    """The smallest step of 1, 2 or 5 times a power of ten that cuts ``span`` into at most ``most`` parts."""
    raw = abs(span) / max(1, most) or 1.0
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if factor * power >= raw * (1 - 1e-9):
            return factor * power
    return 10 * power


def round_ticks(low: float, high: float, most: int) -> list[float]:
    """At most ``most`` + 1 ticks on round steps between ``low`` and ``high``, as many as fit.

    The axis itself runs from ``low`` to ``high``: the ticks need not reach its
    ends, so a range of 0-69 gets 0, 20, 40, 60 rather than an axis stretched to 100.
    """
    if high <= low:
        high = low + (abs(low) or 1.0)
    step = nice_step(high - low, most + 1)  # the smallest that may give few enough ticks
    while True:
        first = math.ceil(low / step - 1e-9) * step
        last = math.floor(high / step + 1e-9) * step
        count = round((last - first) / step) + 1
        if count <= most + 1:
            break
        step = nice_step(step * 1.01, 1)  # the next round step up
    if count < 2:  # too narrow a range for two ticks inside it: widen to the steps around it
        first, last = math.floor(low / step + 1e-9) * step, math.ceil(high / step - 1e-9) * step
        count = round((last - first) / step) + 1
    return [first + i * step for i in range(count)]


def tick_label(value: float, step: float) -> str:
    """A tick's label with as many decimals as the step needs."""
    if abs(value) >= 1e6:
        return compact_number(value)
    decimals = max(0, -math.floor(math.log10(step) + 1e-9)) if step < 1 else 0
    text = f"{value:,.{decimals}f}"
    return "0" if text.strip("-0.,") == "" else text


def log_ticks(low: float, high: float) -> list[float]:
    """Ticks for a log axis, as log10 positions: from the last 1, 2 or 5 times a power of
    ten at or below ``low`` to the first at or above ``high`` (both log10), through every
    power of ten between (and their 2 and 5 multiples when the span is short)."""
    candidates = [
        power + math.log10(factor)
        for power in range(math.floor(low) - 1, math.ceil(high) + 1) for factor in (1, 2, 5)
    ]
    bottom = max(c for c in candidates if c <= low + 1e-9)
    top = min(c for c in candidates if c >= high - 1e-9)
    if top - bottom < 1e-9:  # one value on a power of ten: the axis spans the power above it too
        top = bottom + 1
    short = top - bottom < 2 - 1e-9
    inner = [c for c in candidates if bottom < c < top and (short or abs(c - round(c)) < 1e-9)]
    return [bottom, *inner, top]


def log_label(exponent: float) -> str:
    """The label of a log axis tick at log10 position ``exponent``: 500, 2M, or 2e+308 where
    the number itself would overflow or round to nothing."""
    whole = math.floor(exponent + 1e-9)
    if -6 <= whole < 15:
        return compact_number(round(10 ** exponent, 6))
    return f"{10 ** (exponent - whole):.3g}e{whole:+d}"


HUGE = 1e100  # beyond this, values are drawn scaled down


def scale_for(series: Sequence[ChartSeries]) -> float:
    """A power of ten to divide values by so that plotext can draw them: 1 for all but huge values."""
    biggest = max((abs(v) for line in series for v in (min(line.values), max(line.values))), default=0.0)
    return 10.0 ** (math.floor(math.log10(biggest)) - 2) if biggest > HUGE else 1.0


def value_axis(low: float, high: float, most: int, rows: int, bars: bool) -> tuple[float, float, list[float], list[str]]:
    """The value axis's range, ticks and their labels: round steps a whole number of rows
    apart; only the two ends where the values are too near the largest float for steps."""
    # Bars get a row of room above the highest, for its printed value.
    headroom = (high - low) / max(1, rows - 4) if bars else 0.0
    try:
        top = high + headroom
        if top <= low:  # one value, or all equal: give the axis a span around them
            top = low + (abs(low) or 1.0)
        if not math.isfinite(top - low):
            raise OverflowError("the range is wider than a float")
        ticks = round_ticks(low, top, most)
        bottom, top, ticks = whole_rows_per_tick(low, top, ticks, rows - 3)
        if len(ticks) >= 2:
            return bottom, top, ticks, [tick_label(t, ticks[1] - ticks[0]) for t in ticks]
    except OverflowError:
        pass
    if high <= low:
        # One value, or all equal, too near a float's limits for round steps: a span around it
        # all the same, as a plot of no height divides by zero.
        span = abs(low) or 1.0
        low, high = (low, low + span) if math.isfinite(low + span) and low + span > low else (low - span, low)
    ends = [low, high]
    return low, high, ends, [compact_number(t) for t in ends]


MAX_EMPTY_SHARE = 0.25  # of a chart's height left above its highest value for evenly spaced ticks


def whole_rows_per_tick(low: float, high: float, ticks: list[float], plot_rows: int) -> tuple[float, float, list[float]]:
    """An axis range on which the ticks fall the same number of rows apart.

    plotext puts each tick on the nearest row; unless a step spans a whole number
    of rows, neighbouring ticks end up one, then two, then one row apart. The axis
    starts on a tick at or below ``low`` and ends at or above ``high``.
    """
    if len(ticks) < 2 or plot_rows < 2:  # a chart too short for a step between ticks: keep them as they are
        return low, high, ticks
    step = ticks[1] - ticks[0]
    while True:
        bottom = math.floor(low / step + 1e-9) * step
        rows_per_step = math.floor((plot_rows - 1) * step / (high - bottom))
        if rows_per_step >= 2 or plot_rows < 5:  # ticks at least two rows apart where there is room
            break
        step = nice_step(step * 1.01, 1)
    rows_per_step = max(1, rows_per_step)
    top = bottom + step * (plot_rows - 1) / rows_per_step
    if (top - high) > MAX_EMPTY_SHARE * (top - bottom):
        # Even spacing would leave too much of the chart empty: keep the range tight.
        return low, high, ticks
    count = math.floor((top - bottom) / step + 1e-9) + 1
    return bottom, top, [bottom + i * step for i in range(count)]
