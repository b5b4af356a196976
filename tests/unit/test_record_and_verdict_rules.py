"""Record sets and verdicts that break the format's rules: each a problem with file, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from aiindex_tui.pack.loader import check_pack, load_pack
from tests.support.packs import edit_file, line_of, replace_line

MODELS = "records/notable-models.csv"


def problems_of(directory: Path) -> list[str]:
    pack, problems = check_pack(directory)
    assert pack is None, "the pack should have been refused"
    return [str(p) for p in problems]


def row_of(directory: Path, file: str, starts_with: str) -> tuple[int, str]:
    line = line_of(directory, file, starts_with)
    return line, (directory / file).read_text(encoding="utf-8").split("\n")[line - 1]


def test_a_count_that_differs_from_its_rows_is_refused_on_the_values_line(pack_copy):
    line, text = row_of(pack_copy, "observations.csv", "models-single-china-2025,")
    replace_line(pack_copy, "observations.csv", line, text.replace(",30,", ",31,"))
    assert problems_of(pack_copy) == [
        f"observations.csv:{line}: column 'value': 31 is not the number of records in {MODELS} "
        "that name 'models-single-china-2025' (30)"
    ]


def test_a_record_naming_an_unknown_value_or_another_figures_value_is_refused(pack_copy):
    line, text = row_of(pack_copy, MODELS, "2025-01-20-deepseek-r1,")
    replace_line(pack_copy, MODELS, line, text.replace("models-china-2025", "models-china-2052;cited-us-2021"))
    problems = problems_of(pack_copy)
    assert f"{MODELS}:{line}: column 'observation_ids': refers to unknown observation 'models-china-2052'" in problems
    assert (
        f"{MODELS}:{line}: column 'observation_ids': 'cited-us-2021' belongs to figure 'most-cited', "
        "which does not name records 'notable-models'"
    ) in problems


def test_a_missing_record_file_and_a_name_that_leaves_records_are_refused(pack_copy):
    (pack_copy / MODELS).unlink()
    line, text = row_of(pack_copy, "figures.csv", "performance-gap,")
    replace_line(pack_copy, "figures.csv", line, text.replace(",arena-leaders", ",../escape"))
    problems = problems_of(pack_copy)
    assert f"{MODELS}: file is missing" in problems
    assert f"figures.csv:{line}: column 'records': '../escape' is not a usable name: use letters, digits, '-', '_' and '.'" in problems


def test_a_record_file_without_record_ids_is_refused(pack_copy):
    edit_file(pack_copy, MODELS, lambda t: t.replace("record_id,", "id,", 1))
    assert problems_of(pack_copy) == [f"{MODELS}:1: column 'record_id': required column is missing"]


@pytest.mark.parametrize(("old", "new", "column", "message"), [
    (",verdict,reproduces,", ",verdict,maybe,", "verdict", "'maybe' is not one of reproduces, reproduces-under-rule, differs, not-checkable"),
    (",verdict,reproduces,", ",verdict,,", "verdict", "a note of kind verdict needs a verdict"),
    (",verdict,reproduces,", ",caveat,reproduces,", "verdict", "'reproduces' given, but only a note of kind verdict has one"),
    ("most-cited,cited-us-2021,", "most-cited,,", "observation_id", "a verdict judges one value; give its observation_id"),
])
def test_a_broken_verdict_is_refused(pack_copy, old, new, column, message):
    line, text = row_of(pack_copy, "notes.csv", "verdict-report-cited-us-2021,")
    changed = text.replace(old, new)
    if new.startswith(",caveat"):
        changed = changed.rsplit(",", 2)[0] + ",,"  # a caveat has no check or computed number either
    replace_line(pack_copy, "notes.csv", line, changed)
    assert problems_of(pack_copy) == [f"notes.csv:{line}: column '{column}': {message}"]


def test_verdicts_judge_article_values_once_each(pack_copy):
    line = len((pack_copy / "notes.csv").read_text(encoding="utf-8").split("\n"))
    edit_file(pack_copy, "notes.csv", lambda t: t
              + "again,most-cited,cited-us-2021,verdict,differs,Twice.,,,report,\n"
              + "context,most-cited,cited-data-us-2021,verdict,differs,On a context value.,,,recount,\n")
    assert problems_of(pack_copy) == [
        f"notes.csv:{line}: column 'observation_id': 'cited-us-2021' already has a verdict for this check",
        f"notes.csv:{line + 1}: column 'observation_id': 'cited-data-us-2021' is a context value; verdicts judge the article's values",
    ]


@pytest.mark.parametrize(("new", "message"), [
    (",report", None),
    (",elsewhere", "column 'check': 'elsewhere' is not one of report, recount"),
])
def test_a_verdicts_check_names_what_it_was_checked_against(pack_copy, new, message):
    line, text = row_of(pack_copy, "notes.csv", "verdict-recount-cited-us-2021,")
    replace_line(pack_copy, "notes.csv", line, text.rsplit(",", 2)[0] + new + ",")
    problems = check_pack(pack_copy)[1]
    if message is None:  # two report checks on one value
        assert [str(p) for p in problems] == [f"notes.csv:{line}: column 'observation_id': 'cited-us-2021' already has a verdict for this check"]
    else:
        assert [str(p) for p in problems] == [f"notes.csv:{line}: {message}"]


def test_a_check_belongs_to_verdicts_and_a_verdict_without_one_stands_alone(pack_copy):
    line = len((pack_copy / "notes.csv").read_text(encoding="utf-8").split("\n"))
    edit_file(pack_copy, "notes.csv", lambda t: t
              + "checked-caveat,most-cited,cited-us-2021,caveat,,A caveat.,,,report,\n"
              + "lone,most-cited,cited-china-2021,verdict,differs,No check named.,,,,\n")
    assert problems_of(pack_copy) == [
        f"notes.csv:{line}: column 'check': 'report' given, but only a note of kind verdict has a check",
        f"notes.csv:{line + 1}: column 'observation_id': 'cited-china-2021' already has a verdict for this check",
    ]


def test_a_pack_in_the_format_before_records_and_verdicts_still_loads(tmp_path):
    from tests.support.packs import write_pack

    pack = load_pack(write_pack(tmp_path / "p", sections=1, figures_per_section=2, values_per_figure=3))
    assert pack.records == {} and all(not f.records for f in pack.figures)
