"""Chart drawing: long series are reduced to what the chart's columns can show."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from aiindex_tui.charting import downsample, draw_figure, tick_positions
from aiindex_tui.model import ChartKind

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from scale import long_figure  # noqa: E402  (the benchmark's long series)


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
    assert downsample(positions, values, columns=10) == (positions, values)


def test_each_column_keeps_its_lowest_and_highest_value_in_order():
    values = [float((i * 37) % 101) for i in range(10_000)]
    positions = list(range(10_000))
    kept_positions, kept_values = downsample(positions, values, columns=50)
    assert len(kept_values) <= 100
    assert kept_positions == sorted(kept_positions)
    assert (min(kept_values), max(kept_values)) == (min(values), max(values))
    # Every kept point is a real point of the series.
    assert all(values[p] == v for p, v in zip(kept_positions, kept_values))
    # And each column's extremes survive.
    for column in range(50):
        chunk = values[column * 200:(column + 1) * 200]
        in_column = [v for p, v in zip(kept_positions, kept_values) if column * 200 <= p < (column + 1) * 200]
        assert {min(chunk), max(chunk)} <= set(in_column)


def test_gaps_in_positions_leave_empty_columns_out():
    positions = [0, 1, 2, 3, 1000, 1001, 1002, 1003]
    values = [1.0, 9.0, 2.0, 8.0, 3.0, 7.0, 4.0, 6.0]
    kept_positions, kept_values = downsample(positions, values, columns=2)
    assert kept_positions == [0, 1, 1000, 1001]
    assert kept_values == [1.0, 9.0, 3.0, 7.0]


@pytest.mark.parametrize(("count", "columns", "width", "expected"), [(5, 80, 4, [0, 1, 2, 3, 4]), (100, 60, 4, list(range(0, 100, 10)))])
def test_tick_labels_are_thinned_to_fit(count, columns, width, expected):
    assert tick_positions(count, columns, width) == expected


def test_a_million_point_series_is_plotted_with_at_most_two_points_per_column():
    plot = RecordingPlot()
    draw_figure(plot, long_figure(1_000_000), [(1, 2, 3)], columns=120)
    ((xs, ys),) = [args for args in plot.drawn("plot")]
    assert len(xs) == len(ys) <= 240
    assert max(ys) == 999.0 and min(ys) == 0.0
    ((ticks, labels),) = plot.drawn("xticks")
    assert len(ticks) <= 120 // 10
    assert not plot.drawn("scatter")  # dots would merge into a smear


def test_a_bar_chart_with_more_periods_than_columns_is_drawn_as_a_line():
    figure = long_figure(500)
    bars = type(figure)(*[getattr(figure, f) for f in ("figure_id", "section_id", "title", "unit")], ChartKind.BAR, "", figure.values)
    plot = RecordingPlot()
    draw_figure(plot, bars, [(1, 2, 3)], columns=80)
    assert plot.drawn("plot") and not plot.drawn("bar")
