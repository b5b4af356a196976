"""Charts that do not mislead: round ticks, zero-based counts and shares, article values
apart from every line, bars centred on their period, events marked, gap and log views."""

from __future__ import annotations

import math
import re

import pytest

from aiindex_tui.output.chart_axes import log_ticks, nice_step, round_ticks, tick_label
from aiindex_tui.output.plot import chart_events, draw_figure
from aiindex_tui.output.tables import to_csv
from aiindex_tui.output.fact_check import fact_check_rows
from aiindex_tui.output.text import section_text
from aiindex_tui.pack.derive import GapMode, gap_figure, gap_refusal, has_gap, left_out_of_gap
from aiindex_tui.pack.loader import load_pack
from aiindex_tui.pack.subject import subject_for
from tests.unit.test_charting import RecordingPlot


@pytest.fixture(scope="module")
def pack():
    return load_pack()


def drawn(pack, figure_id: str, **options) -> RecordingPlot:
    plot = RecordingPlot()
    draw_figure(plot, pack.figure(figure_id), [(1, 2, 3), (4, 5, 6), (7, 8, 9)], columns=100, rows=16, **options)
    return plot


def is_round(step: float) -> bool:
    mantissa = step / 10 ** math.floor(math.log10(step))
    return any(math.isclose(mantissa, m) for m in (1, 2, 5))


@pytest.mark.parametrize(("low", "high"), [(0, 27.7), (0, 61), (0, 131_121), (900, 1509), (-3.2, 24.3), (0, 0.8)])
def test_ticks_fall_on_round_steps_inside_the_values(low, high):
    ticks = round_ticks(low, high, 4)
    step = ticks[1] - ticks[0]
    assert is_round(step)
    assert 2 <= len(ticks) <= 5
    assert low - 1e-9 <= ticks[0] < ticks[-1] <= high + 1e-9
    assert all(math.isclose(b - a, step) for a, b in zip(ticks, ticks[1:]))
    assert all(math.isclose(t / step, round(t / step), abs_tol=1e-9) for t in ticks)


def test_a_range_of_0_to_69_gets_0_20_40_60_not_an_axis_to_100():
    assert round_ticks(0, 69, 3) == [0, 20, 40, 60]


def test_tick_labels_show_the_decimals_the_step_needs():
    assert [tick_label(t, 0.5) for t in (0, 0.5, 1.0)] == ["0", "0.5", "1.0"]
    assert tick_label(150_000, 50_000) == "150,000"
    assert nice_step(131_121, 5) == 50_000


@pytest.mark.parametrize("figure_id", ["paper-share", "patent-share", "notable-models", "patents-granted"])
def test_count_and_share_axes_start_at_zero(pack, figure_id):
    ((bottom, _top),) = drawn(pack, figure_id).drawn("ylim")
    assert bottom == 0


def test_a_score_axis_starts_near_its_values(pack):
    ((bottom, _top),) = drawn(pack, "arena-top-scores").drawn("ylim")
    lowest = min(pack.figure("arena-top-scores").values.value)
    assert 0 < bottom <= lowest


def test_article_values_are_marks_never_joined_into_a_line(pack):
    figure = pack.figure("paper-share")
    article = [s for s in figure.chart_series if s.article]
    assert {s.label for s in article} == {"China (article, 2026 edition)", "US (article, 2026 edition)"}
    plot = drawn(pack, "paper-share")
    article_points = {(tuple(s.positions), tuple(s.values)) for s in article}
    lines = {(tuple(x), tuple(y)) for x, y in plot.drawn("plot")}
    assert not article_points & lines
    marks = [(tuple(x), tuple(y)) for x, y in plot.drawn("scatter")]
    assert article_points <= set(marks)
    assert all(kw["marker"] == "◆" for name, args, kw in plot.calls if name == "scatter" and (tuple(args[0]), tuple(args[1])) in article_points)


def test_bars_of_a_period_sit_centred_on_it_without_overlapping(pack):
    plot = drawn(pack, "patent-count-2024")  # China and World in one period
    centres = [x for xs, _ in plot.drawn("bar") for x in xs]
    widths = [kw["width"] for name, _, kw in plot.calls if name == "bar"]
    assert math.isclose(sum(centres) / len(centres), 0.0)  # the only period is at position 0
    assert abs(centres[1] - centres[0]) >= widths[0] - 1e-9


def test_bars_show_their_values_where_there_is_room(pack):
    texts = [args[0] for args in drawn(pack, "patent-count-2024").drawn("text")]
    assert texts == ["97,206", "131,121"]


def test_events_are_marked_with_a_line_and_a_label(pack):
    plot = drawn(pack, "performance-gap")
    periods = pack.figure("performance-gap").periods
    assert [args[0] for args in plot.drawn("vline")] == [periods.index("2025-01"), periods.index("2026-03")]
    labels = [args[0].strip() for args in plot.drawn("text")]
    assert labels == ["DeepSeek-R1 released", "Article: 2.7%"]


def test_log_ticks_run_from_below_the_lowest_to_above_the_highest():
    ticks = log_ticks(math.log10(3_833), math.log10(122_511))
    assert [round(10 ** t) for t in ticks] == [2_000, 10_000, 100_000, 200_000]


def test_the_log_view_draws_log10_of_the_values(pack):
    plot = drawn(pack, "patents-granted", log_scale=True)
    values = pack.figure("patents-granted").values.value
    drawn_values = [y for _, ys in plot.drawn("plot") for y in ys]
    assert math.isclose(max(drawn_values), math.log10(max(values)))


def test_the_gap_view_is_us_minus_china_per_period_and_source(pack):
    figure = pack.figure("notable-models-single-country")
    assert has_gap(figure) and not has_gap(pack.figure("performance-gap"))
    by = {(o.entity, o.period): o.value for o in figure.observations}
    difference = gap_figure(figure, GapMode.DIFFERENCE)
    assert {o.period: o.value for o in difference.observations} == {
        period: by[("US", period)] - by[("China", period)] for _, period in by if ("US", period) in by and ("China", period) in by
    }
    ratio = gap_figure(figure, GapMode.RATIO)
    assert all(math.isclose(o.value, by[("US", o.period)] / by[("China", o.period)]) for o in ratio.observations)
    assert gap_figure(figure, GapMode.BOTH) is figure


def test_the_gap_never_compares_counts_of_different_rules(pack):
    """The article's US 50 reproduces only when a model counts for every country it lists,
    its China 30 only when one-country models count: no 20 and no 1.67 from the two."""
    figure = pack.figure("notable-models")
    rules = {o.period + o.entity: o.counting_rule for o in figure.observations if o.period == "2025"}
    assert rules["2025US"] and rules["2025China"] and rules["2025US"] != rules["2025China"]
    for mode in (GapMode.DIFFERENCE, GapMode.RATIO):
        gap = gap_figure(figure, mode)
        assert sorted(o.period for o in gap.observations) == ["2023", "2024"]
        (caveat,) = [n for n in gap.notes if n.kind.value == "caveat"]
        assert "2025" in caveat.text and "US 50" in caveat.text and "China 30" in caveat.text
    assert "2025: US 50 (" in left_out_of_gap(figure)
    # A recount figure counts both sides by one rule: nothing is left out.
    assert left_out_of_gap(pack.figure("notable-models-every-country")) is None


def test_a_figure_whose_only_pair_differs_in_rule_has_no_gap_and_says_why(pack):
    from dataclasses import replace

    figure = pack.figure("notable-models")
    values = figure.values
    keep = [period == "2025" for period in values.period]
    only_2025 = replace(figure, values=replace(values, **{
        name: tuple(v for v, k in zip(getattr(values, name), keep) if k) for name in values.__dataclass_fields__
    }))
    assert not has_gap(only_2025)
    assert "different counting rules" in gap_refusal(only_2025) and left_out_of_gap(only_2025) is None
    # Blank rules are one rule: values without a stated rule are still compared.
    blank = replace(only_2025, values=replace(only_2025.values, counting_rule=("", "")))
    assert has_gap(blank) and gap_refusal(blank) is None


def test_the_gap_view_keeps_article_and_data_apart(pack):
    difference = gap_figure(pack.figure("most-cited"), GapMode.DIFFERENCE)
    labels = {s.label: s.article for s in difference.chart_series}
    assert labels == {"US minus China (article, 2026 edition)": True, "US minus China (AI Index 2025 data)": False}
    assert difference.unit == "papers" and gap_figure(pack.figure("paper-share"), GapMode.DIFFERENCE).unit == "percentage points"


def test_the_overview_lists_every_article_value_in_show_and_export(pack):
    rows = fact_check_rows(pack)
    assert len(rows) == sum(len(f.article_observations) for f in pack.figures) == 14
    text = section_text(pack, pack.overview)
    assert '"matched some of the top systems in the US"' in text and "(no figures" not in text
    # Both checks, each in its own column, for every value: against the report's data, then the recount.
    (header,) = [line for line in text.splitlines() if line.startswith("value ")]
    assert header.split()[:4] == ["value", "report", "recount", "notes"]
    (us_papers,) = [line for line in text.splitlines() if line.strip().startswith("7.6%")]
    assert us_papers.split()[1:7] == ["differs", "7.29%", "(+0.31)", "not", "checkable", "caveat"]
    csv_text = to_csv(pack, subject_for(pack, "overview").figures)
    assert len(csv_text.strip().splitlines()) == 1 + 14
    assert ",matched some of the top systems in the US," in csv_text


@pytest.mark.parametrize("count", [14, 40, 44, 100])
@pytest.mark.parametrize("columns", [46, 80, 120, 190])
def test_the_last_x_label_fits_before_the_plots_right_end(count, columns):
    from aiindex_tui.output.chart_axes import AXIS_COLUMNS, tick_positions

    width = 7
    ticks = tick_positions(count, columns, width)
    plot_columns = columns - AXIS_COLUMNS
    centre = (ticks[-1] + 0.6) / (count + 0.2) * plot_columns
    assert len(ticks) == 1 or count <= len(ticks) or plot_columns - centre >= width / 2 + 1


@pytest.mark.parametrize("rows", [10, 16, 22, 40])
@pytest.mark.parametrize("figure_id", ["arena-top-scores", "most-cited", "notable-models", "patents-granted", "paper-share"])
def test_an_axis_leaves_at_most_a_quarter_of_the_chart_empty_above_the_values(pack, figure_id, rows):
    plot = RecordingPlot()
    draw_figure(plot, pack.figure(figure_id), [(1, 2, 3)], columns=100, rows=rows)
    ((bottom, top),) = plot.drawn("ylim")
    highest = max(pack.figure(figure_id).values.value)
    headroom_row = (top - bottom) / (rows - 4)  # bars keep a row for their printed value
    assert top - highest <= 0.25 * (top - bottom) + headroom_row
    ((ticks, _labels),) = plot.drawn("yticks")
    assert len(ticks) >= 2 and bottom <= ticks[0] and ticks[-1] <= top


def test_a_figure_of_one_zero_still_gets_an_axis(pack):
    from dataclasses import replace

    from aiindex_tui.pack.kinds import Origin
    from aiindex_tui.pack.model import ObservationColumns

    figure = replace(pack.figure("notable-models"), values=ObservationColumns(
        observation_id=("o",), series=("",), entity=("US",), period=("2023",), value=(0.0,), written=("0",),
        approximate=(False,), origin=(Origin.ARTICLE,), source_id=("src",), locator=("",), total_id=("",),
        stated_share_id=("",),
    ))
    plot = RecordingPlot()
    draw_figure(plot, figure, [(1, 2, 3)], columns=60, rows=10)
    ((bottom, top),) = plot.drawn("ylim")
    assert bottom == 0 < top


class WithoutText:
    """plotext with every text call left out, the rest passed through: the same chart
    without its event labels and bar values."""

    def __init__(self, plot) -> None:
        self._plot = plot

    def text(self, *args, **kwargs) -> None:
        pass

    def __getattr__(self, name):
        return getattr(self._plot, name)


def built_cells(figure, columns: int, rows: int, *, text: bool, **options) -> list[str]:
    import plotext

    plotext.clear_figure()
    plotext.limitsize(False, False)  # the size asked for, whatever the terminal running the test
    draw_figure(plotext if text else WithoutText(plotext), figure, [(1, 2, 3), (4, 5, 6), (7, 8, 9), (10, 11, 12)],
                columns=columns, rows=rows, **options)
    plotext.plotsize(columns, rows)
    built = re.sub("\x1b\\[[0-9;]*m", "", plotext.build())
    plotext.clear_figure()
    return built.split("\n")


LABELLED = ["performance-gap", "arena-top-scores", "notable-models", "most-cited", "patents-granted", "notable-models-downloads"]


@pytest.mark.parametrize("size", [(46, 12), (60, 16), (76, 20), (120, 30), (196, 50)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("figure_id", LABELLED)
def test_event_labels_and_bar_values_never_cover_a_data_cell(pack, figure_id, size):
    """Drawn with and without its text, a chart differs only where the text-free chart had
    nothing, or an event's own line: no label or printed value sits on a bar, line or mark."""
    figure = pack.figure(figure_id)
    for view in (figure, gap_figure(figure, GapMode.DIFFERENCE)):
        with_text = built_cells(view, *size, text=True)
        without = built_cells(view, *size, text=False)
        assert len(with_text) == len(without)
        covered = [
            (row, column, before)
            for row, (line, plain) in enumerate(zip(with_text, without))
            for column, (after, before) in enumerate(zip(line, plain))
            if after != before and before not in " │"
        ]
        assert not covered, (figure_id, size, covered[:5], "\n".join(with_text))
    # The labels are there where the chart has room for them.
    if size[1] >= 30 and figure.notes and any(n.kind.value == "event" for n in figure.notes):
        assert any(event.label in line for event in chart_events(figure) for line in built_cells(figure, *size, text=True))


def end_names(lines: list[str]) -> list[str]:
    """Text right of the last data column of each chart line: the names at the lines' ends."""
    return [" ".join(line.split("│")[-2].split()) for line in lines if line.count("│") >= 2 or "┤" in line]


@pytest.mark.parametrize("size", [(196, 50), (150, 30)], ids=["196x50", "150x30"])
def test_lines_that_reach_the_last_period_are_named_at_their_end_where_there_is_room(pack, size):
    figure = pack.figure("arena-top-scores")
    chart = "\n".join(built_cells(figure, *size, text=True))
    last = len(figure.periods) - 1
    reaching = {s.label for s in figure.chart_series if s.positions[-1] == last}
    ending_sooner = {s.label for s in figure.chart_series} - reaching
    assert reaching == {"US, style-controlled score", "China, style-controlled score"}
    for label in reaching:
        assert re.search(rf"\s{re.escape(label)}\s+│", chart), label
    # A line that ends sooner is named in the legend only: at the edge it would sit beside another line.
    for label in ending_sooner:
        assert not re.search(rf"\s{re.escape(label)}\s+│", chart), label


def test_each_end_name_is_on_its_lines_last_row_or_just_below_the_name_above(pack):
    figure = pack.figure("publications-cset")  # US, China and World, all to 2023
    lines = built_cells(figure, 150, 40, text=True)
    rows = {name: row for row, line in enumerate(lines) for name in ("World", "China", "US") if re.search(rf"\s{name}\s+│", line)}
    assert rows["World"] < rows["China"] < rows["US"]  # 403,897 above 103,493 above 50,039
    last_column = max(line.rfind("●") for line in lines)
    last_points = [row for row, line in enumerate(lines) if len(line) > last_column and line[last_column] == "●"]
    assert sorted(rows.values()) == last_points  # each name on the row of its line's 2023 value


@pytest.mark.parametrize("size", [(76, 20), (100, 24)], ids=["76x20", "100x24"])
def test_no_end_names_where_the_periods_would_lose_their_room(pack, size):
    chart = "\n".join(built_cells(pack.figure("arena-top-scores"), *size, text=True))
    assert "style-controlled score" not in chart


def test_a_gap_past_the_float_range_is_left_out_not_drawn_to_infinity():
    from tests.unit.test_period_window import made_figure

    figure = made_figure([
        ("US", "2020", "1.7976931348623157e308", ""), ("China", "2020", "-1.7976931348623157e308", ""),
        ("US", "2021", "5", ""), ("China", "2021", "3", ""),
    ], measure="score")
    shown = gap_figure(figure, GapMode.DIFFERENCE)
    assert shown.values.period == ("2021",) and shown.values.value == (2.0,)
    assert all(math.isfinite(v) for v in shown.values.value)
