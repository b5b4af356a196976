"""What a figure shows beside its chart: which values get a card, what the data gives for
the article's words, and how the rows behind a count add up to it. No Textual here."""

from __future__ import annotations

from aiindex_tui.pack.kinds import ChartKind, Origin
from aiindex_tui.pack.model import Figure, Observation, RecordSet, format_number
from aiindex_tui.pack.window import Change, PeriodWindow, changes


def value_with_unit(observation: Observation, unit: str) -> str:
    """The value and its unit, or the article's words (quoted) where it gave no number."""
    if observation.wording:
        return f'"{observation.wording}"'
    value = observation.formatted_value()
    return f"{value}{unit}" if unit == "%" else f"{value} {unit}"


def change_text(change: Change, unit: str, arrow: str, window: PeriodWindow | None = None) -> str:
    """A series' change across a window: "US 2019 55 → 2024 40 (-15, -27%)"; a difference
    of percentages in percentage points; or why there is none. The periods are left out where
    the series starts and ends with ``window``: "US 55 → 40 (-15, -27%)"."""
    if change.refusal:
        return f"{change.label} {change.first_period} {arrow} {change.last_period}: no change given, {change.refusal}"
    decimals = max(change.first_decimals, change.last_decimals)
    difference = format_number(change.difference, decimals, "+")
    difference = f"{difference} pp" if unit == "%" else difference
    if change.percent is not None:
        shown = 1 if 0 < abs(change.percent) < 10 else 0
        difference += f", {change.percent:+,.{shown}f}%"
    first, last = format_number(change.first, change.first_decimals), format_number(change.last, change.last_decimals)
    if window is not None and (change.first_period, change.last_period) == (window.start, window.end):
        return f"{change.label} {first} {arrow} {last} ({difference})"
    return f"{change.label} {change.first_period} {first} {arrow} {change.last_period} {last} ({difference})"


def window_changes(figure: Figure, arrow: str) -> tuple[PeriodWindow, list[str]]:
    """A narrowed figure's window as the periods it holds (not the marks it was set from), and
    each series' change across it in words."""
    window = PeriodWindow(figure.periods[0], figure.periods[-1])
    return window, [change_text(c, figure.unit, arrow, window) for c in changes(figure)]


NO_CHANGE = "no series has values at two periods"


def change_lines(figure: Figure, window: PeriodWindow | None) -> list[str]:
    """For text and Markdown: each series' change across the window, a line each, after a
    heading line; nothing without a window."""
    if window is None or not figure.periods:
        return []
    shown, found = window_changes(figure, "to")
    return [f"Change, {shown}:", *found] if found else [f"Change, {shown}: {NO_CHANGE}"]


def key_observations(figure: Figure) -> tuple[Observation, ...]:
    """The values worth a card: the article's, or else the latest context values."""
    if figure.article_observations:
        return figure.article_observations
    if not figure.periods:
        return ()
    latest = figure.periods[-1]
    # From the columns: a long series need not become a million Observation objects for its cards.
    return figure.values.rows(figure.figure_id, keep=tuple(map(latest.__eq__, figure.values.period)))


def rebuilt_value(figure: Figure, observation: Observation) -> Observation | None:
    """For a value the article gives in words, the data's value for the same period:
    from the figure's main (first) series where it has one, else any context value."""
    if not observation.wording:
        return None
    same_period = [o for o in figure.observations if o.period == observation.period and o.origin is Origin.CONTEXT]
    main = figure.chart_series[0].label if figure.chart_series else ""
    return next((o for o in same_period if o.label == main), same_period[0] if same_period else None)


def card_context(observation: Observation) -> list[str]:
    """Entity, series and period, what identifies a value first; of a series that begins
    with the entity, only what it adds ("US, plain score" adds "plain score"), so values of
    one entity stay told apart."""
    series = observation.series
    if series.startswith(observation.entity):
        series = series[len(observation.entity):].lstrip(" ,;:-")
    return [part for part in (observation.entity, series, observation.period) if part]


def counted_as(figure: Figure, records: RecordSet, indexes: tuple[int, ...]) -> dict[int, tuple[str, ...]]:
    """For each row, the period and entity of every value of ``figure`` it is counted in.

    Counting the rows by this gives back the figure's own numbers, for example a
    model made in the US and China counted once for each under the every-country rule.
    """
    label_of = {
        observation_id: f"{period} {entity}"
        for observation_id, period, entity in zip(figure.values.observation_id, figure.values.period, figure.values.entity)
    }
    return {
        index: tuple(label_of[o] for o in records.observation_ids[index] if o in label_of)
        for index in indexes
    }


def spans_decades(figure: Figure) -> bool:
    """Whether a log scale helps: positive values spanning an order of magnitude or more.
    Not for differences, which cross zero."""
    positive = [v for v in figure.values.value if v > 0]
    return figure.measure != "difference" and bool(positive) and max(positive) >= 10 * min(positive)


def log_refusal(figure: Figure) -> str | None:
    """Why a log scale would mislead or draw nothing for this figure, or None where it helps."""
    if figure.chart is not ChartKind.LINE:
        return "No log scale for bars: a bar's length from zero is what it shows, and a log axis has no zero."
    if not spans_decades(figure):
        return "No log scale: it helps only for positive values spanning a factor of ten or more."
    return None

