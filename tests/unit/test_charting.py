"""Chart drawing: long series are reduced to what the chart's columns can show."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aiindex_tui.output.chart_axes import AXIS_COLUMNS, tick_positions
from aiindex_tui.output.plot import consecutive_runs, draw_figure, envelope, series_envelope
from aiindex_tui.pack.kinds import ChartKind, Origin
from aiindex_tui.pack.model import Figure, ObservationColumns

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from scale import long_figure  # the benchmark's long series


class RecordingPlot:
    """Stands in for a plotext figure and keeps what was drawn."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple, dict]] = []

    def __getattr__(self, name: str):
        return lambda *args, **kwargs: self.calls.append((name, args, kwargs))

    def drawn(self, name: str) -> list[tuple]:
        return [args for call, args, _ in self.calls if call == name]


def test_short_series_are_drawn_as_they_are():
    positions, values = [0, 1, 2], [5.0, -1.0, 3.0]
    assert envelope(positions, values, columns=10) == [(positions, values)]


def test_a_long_series_is_drawn_through_each_column_pairs_lowest_and_highest_value():
    values = [float((i * 37) % 101) for i in range(10_000)]
    positions = list(range(10_000))
    (low_positions, lows), (high_positions, highs) = envelope(positions, values, columns=100)
    assert len(lows) == len(highs) == 50
    assert low_positions == sorted(low_positions) and high_positions == sorted(high_positions)
    # Every kept point is a real point of the series, and each bucket's extremes survive.
    assert all(values[p] == v for p, v in zip(low_positions + high_positions, lows + highs))
    for bucket in range(50):
        chunk = values[bucket * 200:(bucket + 1) * 200]
        assert (lows[bucket], highs[bucket]) == (min(chunk), max(chunk))


def test_gaps_in_positions_leave_empty_columns_out():
    positions = [0, 1, 2, 3, 1000, 1001, 1002, 1003]
    values = [1.0, 9.0, 2.0, 8.0, 3.0, 7.0, 4.0, 6.0]
    (low_positions, lows), (high_positions, highs) = envelope(positions, values, columns=4)
    assert (low_positions, lows) == ([0, 1000], [1.0, 3.0])
    assert (high_positions, highs) == ([1, 1001], [9.0, 7.0])


def test_a_very_long_series_uses_block_extremes_with_the_same_result():
    figure = long_figure(200_000)
    (series,) = figure.chart_series
    by_blocks = series_envelope(series, 80)
    direct = envelope(series.positions, series.values, 80)
    for (_, block_values), (_, direct_values) in zip(by_blocks, direct):
        # Bucket edges fall on block edges, so values may differ only at the edges.
        assert len(block_values) == len(direct_values) == 40
        assert sum(a != b for a, b in zip(block_values, direct_values)) <= 2


@pytest.mark.parametrize("count", [5, 40, 100, 1000])
@pytest.mark.parametrize("columns", [40, 60, 160])
def test_tick_labels_are_thinned_until_they_stand_apart(count, columns):
    width = 7  # a year-month label
    ticks = tick_positions(count, columns, width)
    assert ticks[0] == 0 and ticks == sorted(set(ticks)) and ticks[-1] < count
    steps = {b - a for a, b in zip(ticks, ticks[1:])}
    assert len(steps) <= 1, "evenly spaced"
    if steps:
        # Labels that touch are dropped by plotext in an order that changes between runs.
        assert steps.pop() * (columns - AXIS_COLUMNS) / count >= width + 2


def test_few_periods_each_get_a_label():
    assert tick_positions(5, 80, 4) == [0, 1, 2, 3, 4]


@pytest.mark.slow
def test_a_million_point_series_is_plotted_with_at_most_two_points_per_column():
    plot = RecordingPlot()
    draw_figure(plot, long_figure(1_000_000), [(1, 2, 3)], columns=120)
    lines = plot.drawn("plot")
    assert len(lines) == 2  # the lowest and the highest value of each pair of columns
    assert all(len(xs) == len(ys) <= 60 for xs, ys in lines)
    assert max(max(ys) for _, ys in lines) == 999.0 and min(min(ys) for _, ys in lines) == 0.0
    ((ticks, _labels),) = plot.drawn("xticks")
    assert len(ticks) <= 120 // 10
    assert not plot.drawn("scatter")  # dots would merge into a smear


def test_a_bar_chart_with_more_periods_than_columns_is_drawn_as_a_line():
    figure = long_figure(500)
    bars = type(figure)(*[getattr(figure, f) for f in ("figure_id", "section_id", "title", "unit")], ChartKind.BAR, "", figure.values)
    plot = RecordingPlot()
    draw_figure(plot, bars, [(1, 2, 3)], columns=80)
    assert plot.drawn("plot") and not plot.drawn("bar")


@pytest.mark.parametrize(("positions", "runs"), [
    ([0, 1, 2], [(0, 3)]), ([9, 22], [(0, 1), (1, 2)]), ([0, 1, 5, 6, 9], [(0, 2), (2, 4), (4, 5)]), ([4], [(0, 1)]),
])
def test_a_line_breaks_where_periods_are_missing(positions, runs):
    assert consecutive_runs(positions) == runs


# Periods and labels drawn from a few values, so repeats, gaps and both orders all occur.
_rows = st.lists(
    st.tuples(st.sampled_from(["2019", "2020", "2021", "2022-03", "2023"]), st.sampled_from(["US", "China", ""]),
              st.sampled_from([Origin.ARTICLE, Origin.CONTEXT])),
    max_size=30,
)


@given(rows=_rows, in_order=st.booleans())
@settings(max_examples=300, deadline=None)
def test_period_axis_and_series_match_their_plain_definition(rows, in_order):
    """The whole-column shortcuts give what one step per value would."""
    if in_order:
        rows = sorted(rows, key=lambda row: row[0])
    count = len(rows)
    figure = Figure("f", "s", "F", "units", ChartKind.LINE, "", ObservationColumns(
        observation_id=tuple(f"o{i}" for i in range(count)), series=tuple(r[1] for r in rows),
        entity=("Entity",) * count, period=tuple(r[0] for r in rows), value=tuple(float(i) for i in range(count)),
        written=("0",) * count, approximate=(False,) * count, origin=tuple(r[2] for r in rows),
        source_id=("s",) * count, locator=("",) * count, total_id=("",) * count, stated_share_id=("",) * count,
    ))
    periods = sorted({r[0] for r in rows})
    assert figure.periods == tuple(periods)
    labels = list(dict.fromkeys(r[1] or "Entity" for r in rows))
    assert figure.labels == tuple(labels)
    for series in figure.chart_series:
        mine = sorted(((periods.index(r[0]), float(i), r[2]) for i, r in enumerate(rows) if (r[1] or "Entity") == series.label),
                      key=lambda point: point[0])
        assert list(series.positions) == [p for p, _, _ in mine]
        assert list(series.values) == [v for _, v, _ in mine]
        assert series.article == all(origin is Origin.ARTICLE for _, _, origin in mine)
    assert [s.label for s in figure.chart_series] == labels
