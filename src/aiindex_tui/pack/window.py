"""A figure narrowed to a range of its periods, and each series' change across that range.

Like the gap views, a window is an ordinary ``Figure``: the chart, the table and
every export draw it as they draw any figure, so what is exported is what is shown.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields, replace
from itertools import compress

from aiindex_tui.pack.model import Figure, ObservationColumns, decimals_of


@dataclass(frozen=True, slots=True)
class PeriodWindow:
    """The periods from ``start`` to ``end``, both included (ISO periods order as text)."""

    start: str
    end: str

    def __str__(self) -> str:
        return self.start if self.start == self.end else f"{self.start} to {self.end}"

    def holds(self, period: str) -> bool:
        return self.start <= period <= self.end

    def with_end(self, which: str, period: str) -> PeriodWindow:
        """The window with its ``which`` end ("start" or "end") moved to ``period``; the
        other end stays, and the two swap where they would cross."""
        start, end = (period, self.end) if which == "start" else (self.start, period)
        return PeriodWindow(min(start, end), max(start, end))


def parse_window(text: str, figure: Figure) -> PeriodWindow:
    """``FROM:TO`` as typed on the command line, either side empty for the figure's first or
    last period. Raises ValueError, in words, where it is not that or holds none of its periods."""
    start, colon, end = (part.strip() for part in text.partition(":"))
    periods = figure.periods
    if not colon:
        raise ValueError(f"a period window is FROM:TO, for example 2019:2024, not {text!r}")
    if not periods:
        raise ValueError(f"figure '{figure.figure_id}' has no periods to narrow")
    if start and end and start > end:
        raise ValueError(f"the window {text!r} ends before it starts")
    window = PeriodWindow(start or periods[0], end or periods[-1])
    held = [period for period in periods if window.holds(period)]
    if not held:
        raise ValueError(
            f"no period of '{figure.figure_id}' lies in {text!r}; its periods run from {periods[0]} to {periods[-1]}"
        )
    return PeriodWindow(held[0], held[-1])  # named by the periods it holds, as the title and file name say


def window_figure(figure: Figure, window: PeriodWindow | None) -> Figure:
    """The figure's values in the window, titled with it; the figure itself where the
    window is None or holds every period. Notes on values outside the window go with them."""
    if window is None or all(map(window.holds, figure.periods)):
        return figure
    values = figure.values
    keep = tuple(map(window.holds, values.period))
    kept = ObservationColumns(**{f.name: tuple(compress(getattr(values, f.name), keep)) for f in fields(ObservationColumns)})
    kept_ids = set(kept.observation_id)
    shown = PeriodWindow(min(kept.period), max(kept.period)) if kept.period else window
    return replace(
        figure,
        title=f"{figure.title} ({shown})",
        values=kept,
        notes=tuple(note for note in figure.notes if not note.observation_id or note.observation_id in kept_ids),
        derived_shares=tuple(s for s in figure.derived_shares if s.part_id in kept_ids and s.total_id in kept_ids),
    )


@dataclass(frozen=True, slots=True)
class Change:
    """One series' value at each end of a window and the difference between them, or, in
    ``refusal``, why no difference is given."""

    label: str
    first_period: str
    first: float
    first_decimals: int
    last_period: str
    last: float
    last_decimals: int
    difference: float = 0.0
    percent: float | None = None  # relative change, only for counts from a non-zero start
    refusal: str = ""


def changes(figure: Figure) -> tuple[Change, ...]:
    """Each series' change from its first to its last period in the figure.

    A series with a single period has none; nor does one with several values in an
    end period, whose change would depend on which is taken. Two ends counted by
    different rules, or one by a stated rule and one by none, get a refusal instead:
    a change across counting rules would measure the rules as much as the counts.
    """
    values = figure.values
    rows_of: dict[str, list[int]] = {}
    for row, label in enumerate(values.labels):
        rows_of.setdefault(label, []).append(row)
    found = []
    for label, rows in rows_of.items():
        rows.sort(key=values.period.__getitem__)
        first_period, last_period = values.period[rows[0]], values.period[rows[-1]]
        if first_period == last_period:
            continue
        firsts = [r for r in rows if values.period[r] == first_period]
        lasts = [r for r in rows if values.period[r] == last_period]
        if len(firsts) > 1 or len(lasts) > 1:
            continue
        first, last = firsts[0], lasts[0]
        ends = (
            label, first_period, values.value[first], decimals_of(values.written[first]),
            last_period, values.value[last], decimals_of(values.written[last]),
        )
        if values.counting_rule[first] != values.counting_rule[last]:
            found.append(Change(*ends, refusal="counted by different rules at its two ends"))
            continue
        difference = values.value[last] - values.value[first]
        if not math.isfinite(difference):
            found.append(Change(*ends, refusal="too large a difference for a float"))
            continue
        start = values.value[first]
        percent = 100.0 * difference / start if figure.measure == "count" and start > 0 else None
        found.append(Change(*ends, difference, percent if percent is None or math.isfinite(percent) else None))
    return tuple(found)
