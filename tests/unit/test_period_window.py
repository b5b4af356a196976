"""A figure narrowed to a period window, and each series' change across it: the numbers, the
refusals, and the command line's --window."""

from __future__ import annotations

import csv
import io
import subprocess
import sys

import pytest

from aiindex_tui.output.figure_facts import change_text
from aiindex_tui.output.formats import render
from aiindex_tui.output import files
from aiindex_tui.pack.kinds import ChartKind, Origin
from aiindex_tui.pack.loader import load_pack
from aiindex_tui.pack.model import Figure, ObservationColumns
from aiindex_tui.pack.subject import subject_for
from aiindex_tui.pack.window import PeriodWindow, changes, parse_window, window_figure

PACK = load_pack()


def made_figure(rows: list[tuple[str, str, str, str]], measure: str = "count") -> Figure:
    """A figure of (entity, period, written value, counting rule) rows."""
    count = len(rows)
    values = ObservationColumns(
        observation_id=tuple(f"v{n}" for n in range(count)), series=("",) * count,
        entity=tuple(r[0] for r in rows), period=tuple(r[1] for r in rows),
        value=tuple(float(r[2]) for r in rows), written=tuple(r[2] for r in rows), approximate=(False,) * count,
        origin=(Origin.CONTEXT,) * count, source_id=("s",) * count, locator=("",) * count,
        total_id=("",) * count, stated_share_id=("",) * count, counting_rule=tuple(r[3] for r in rows),
    )
    return Figure("f", "s", "Made", "units", ChartKind.LINE, "", values, measure=measure)


def test_a_window_keeps_only_its_periods_and_says_so_in_the_title():
    figure = PACK.figure("notable-models-every-country")
    shown = window_figure(figure, PeriodWindow("2019", "2023"))
    assert shown.periods == ("2019", "2020", "2021", "2022", "2023")
    assert len(shown.values) == 15 and set(shown.values.period) == set(shown.periods)
    assert shown.title == f"{figure.title} (2019 to 2023)"
    kept = set(shown.values.observation_id)
    assert all(not note.observation_id or note.observation_id in kept for note in shown.notes)
    assert any(not note.observation_id for note in shown.notes)  # the figure's own notes stay


def test_a_window_holding_every_period_is_the_figure_itself():
    figure = PACK.figure("patent-share")
    assert window_figure(figure, PeriodWindow(figure.periods[0], figure.periods[-1])) is figure
    assert window_figure(figure, None) is figure


def test_events_outside_the_window_leave_with_their_values():
    figure = PACK.figure("arena-top-scores")
    events = [n for n in figure.notes if n.kind.value == "event"]
    assert events, "the Arena chart marks DeepSeek-R1's release"
    before = window_figure(figure, PeriodWindow(figure.periods[0], "2024-06"))
    assert not [n for n in before.notes if n.kind.value == "event"]


def test_each_series_changes_from_its_first_to_its_last_period_in_the_window():
    shown = window_figure(PACK.figure("notable-models-every-country"), PeriodWindow("2017", "2025"))
    found = {c.label: c for c in changes(shown)}
    us = found["US"]
    assert (us.first_period, us.first, us.last_period, us.last) == ("2017", 29, "2025", 50)
    assert us.difference == 21 and us.percent == pytest.approx(100 * 21 / 29)
    assert change_text(us, shown.unit, "→") == "US 2017 29 → 2025 50 (+21, +72%)"
    # Where the series spans the window, the window's ends need not be said again.
    assert change_text(us, shown.unit, "→", PeriodWindow("2017", "2025")) == "US 29 → 50 (+21, +72%)"
    assert change_text(us, shown.unit, "→", PeriodWindow("2016", "2025")) == "US 2017 29 → 2025 50 (+21, +72%)"


def test_a_change_of_shares_is_in_percentage_points_without_a_relative_change():
    shown = window_figure(PACK.figure("patent-share"), PeriodWindow("2010", "2015"))
    china = next(c for c in changes(shown) if c.label.startswith("China"))
    assert china.percent is None
    assert change_text(china, shown.unit, "to") == "China (AI Index 2025 data) 2010 13.4 to 2015 25.8 (+12.4 pp)"


def test_no_change_is_given_across_two_counting_rules():
    # The article's US 50 counts every country a model lists; the AI Index 2025's 40 for 2024 states no rule.
    shown = window_figure(PACK.figure("notable-models"), PeriodWindow("2024", "2025"))
    refused = {c.label: c for c in changes(shown)}
    assert refused["US"].refusal and refused["China"].refusal
    assert "no change given" in change_text(refused["US"], shown.unit, "to")
    assert "+10" not in change_text(refused["US"], shown.unit, "to")


def test_ends_with_several_values_or_a_single_period_give_no_change():
    figure = made_figure([("US", "2020", "1", ""), ("US", "2020", "2", ""), ("US", "2021", "3", ""), ("China", "2021", "4", "")])
    assert changes(figure) == ()


def test_a_change_past_the_float_range_is_refused_not_infinite():
    figure = made_figure([("US", "2020", "-1e308", ""), ("US", "2021", "1e308", "")], measure="difference")
    (change,) = changes(figure)
    assert change.refusal and "inf" not in change_text(change, "units", "to")


def test_a_change_of_huge_values_is_written_in_powers_of_ten():
    figure = made_figure([("US", "2020", "1e300", ""), ("US", "2021", "3e300", "")])
    text = change_text(changes(figure)[0], "units", "to")
    assert text == "US 2020 1e+300 to 2021 3e+300 (+2e+300, +200%)"


@pytest.mark.parametrize(("typed", "expected"), [
    ("2019:2023", ("2019", "2023")), ("2019:", ("2019", "2025")), (":2016", ("2015", "2016")), (" 2019 : 2020 ", ("2019", "2020")),
    ("2018-06:2030", ("2019", "2025")),
])
def test_a_typed_window_leaves_an_open_end_at_the_figures_first_or_last_period(typed, expected):
    window = parse_window(typed, PACK.figure("notable-models-every-country"))
    assert (window.start, window.end) == expected


@pytest.mark.parametrize(("typed", "problem"), [
    ("2019", "FROM:TO"), ("2024:2019", "ends before it starts"), ("2030:", "no period"), (":1999", "no period"),
])
def test_a_typed_window_that_cannot_be_is_refused_in_words(typed, problem):
    with pytest.raises(ValueError, match=problem):
        parse_window(typed, PACK.figure("notable-models-every-country"))


def test_exports_of_a_narrowed_figure_hold_the_window_and_say_its_change():
    subject = subject_for(PACK, "notable-models-every-country").narrowed(PeriodWindow("2019", "2023"))
    rows = list(csv.DictReader(io.StringIO(render(subject, "csv"))))
    assert len(rows) == 15 and {r["period"] for r in rows} == {"2019", "2020", "2021", "2022", "2023"}
    text = render(subject, "text")
    assert "Change, 2019 to 2023:" in text and "US 56 to 84 (+28, +50%)" in text
    markdown = render(subject, "markdown")
    assert "*Change, 2019 to 2023:*" in markdown and "- US 56 to 84 (+28, +50%)" in markdown
    assert files.export_stem(subject) == "aiindex-notable-models-every-country-2019-2023"


def run_cli(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "aiindex_tui", *args], capture_output=True, text=True, timeout=120, cwd=cwd)


def test_the_command_line_narrows_show_and_export_with_window(tmp_path):
    shown = run_cli("show", "patent-share", "--window", "2022:")
    assert shown.returncode == 0, shown.stderr
    assert "(2022 to 2024)" in shown.stdout and "2021" not in shown.stdout.split("Notes:")[0]
    exported = run_cli("export", "patent-share", "--window", "2022:2023", cwd=tmp_path)
    assert exported.returncode == 0, exported.stderr
    written = (tmp_path / "aiindex-patent-share-2022-2023.csv").read_text(encoding="utf-8")
    assert {row["period"] for row in csv.DictReader(io.StringIO(written))} == {"2022", "2023"}


@pytest.mark.parametrize(("args", "problem"), [
    (("show", "production-and-patents", "--window", "2020:"), "narrows a figure"),
    (("show", "patent-share", "--window", "2030:2031"), "no period of 'patent-share'"),
    (("export", "patent-share", "--window", "2020", "-o", "-"), "FROM:TO"),
])
def test_a_window_the_command_line_cannot_use_is_one_line_and_exit_2(args, problem):
    result = run_cli(*args)
    assert result.returncode == 2 and problem in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
