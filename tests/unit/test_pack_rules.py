"""Cross-references and shapes that parse but cannot be shown: each is a problem with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from aiindex_tui.pack.loader import check_pack
from tests.support.packs import edit_file, line_of

CHINA = "patents-china-2024,patent-count-2024,,China,2024,97206,"
WORLD = "patents-world-2024,patent-count-2024,,World,2024,131121,"


def problems_of(directory: Path) -> list[str]:
    pack, problems = check_pack(directory)
    assert pack is None, "the pack should have been refused"
    return [str(p) for p in problems]


def set_fields(directory: Path, starts_with: str, **fields: str) -> int:
    """Rewrite named fields of the observation row starting with ``starts_with``; return its line."""
    import csv
    import io

    path = directory / "observations.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    header = rows[0]
    line = line_of(directory, "observations.csv", starts_with)
    row = rows[line - 1]
    for name, value in fields.items():
        row[header.index(name)] = value
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return line


def test_a_total_in_another_figure_is_refused(pack_copy):
    line = set_fields(pack_copy, CHINA, total_id="patent-share-china-2024", stated_share_id="")
    (problem,) = problems_of(pack_copy)
    assert problem.startswith(f"observations.csv:{line}: column 'total_id': total 'patent-share-china-2024' belongs to figure 'patent-share'")


def test_a_value_that_is_its_own_total_is_refused(pack_copy):
    line = set_fields(pack_copy, CHINA, total_id="patents-china-2024")
    assert problems_of(pack_copy) == [f"observations.csv:{line}: column 'total_id': a value cannot be its own total"]


def test_totals_that_loop_are_refused(pack_copy):
    first = line_of(pack_copy, "observations.csv", CHINA)
    second = set_fields(pack_copy, WORLD, total_id="patents-china-2024")
    problems = problems_of(pack_copy)
    assert any(p.startswith(f"observations.csv:{first}: column 'total_id': following totals") for p in problems)
    assert any(p.startswith(f"observations.csv:{second}: column 'total_id': following totals") for p in problems)


def test_a_total_of_zero_is_refused(pack_copy):
    set_fields(pack_copy, WORLD, value="0")
    line = line_of(pack_copy, "observations.csv", "patents-china-2024,")
    assert f"observations.csv:{line}: column 'total_id': total 'patents-world-2024' is 0, so no share can be computed" in problems_of(pack_copy)


def test_a_part_larger_than_its_total_is_refused(pack_copy):
    line = set_fields(pack_copy, CHINA, value="200000")
    (problem,) = problems_of(pack_copy)
    assert problem.startswith(f"observations.csv:{line}: column 'total_id': this value, 200000, is larger than its total")


def test_a_stated_share_needs_a_total(pack_copy):
    line = set_fields(pack_copy, CHINA, total_id="")
    assert problems_of(pack_copy) == [
        f"observations.csv:{line}: column 'stated_share_id': needs a total_id: the share is checked against part / total"
    ]


def test_a_stated_share_must_be_a_share(pack_copy):
    line = set_fields(pack_copy, CHINA, stated_share_id="cited-us-2021")
    (problem,) = problems_of(pack_copy)
    assert problem == (
        f"observations.csv:{line}: column 'stated_share_id': 'cited-us-2021' is a value of figure 'most-cited', "
        "whose measure is not share"
    )


def test_two_values_for_one_series_entity_and_period_are_refused(pack_copy):
    first = line_of(pack_copy, "observations.csv", "cited-us-2021,")
    edit_file(pack_copy, "observations.csv", lambda t: t + 'cited-us-2021-again,most-cited,"US (article, 2026 edition)",US,2021,65,,context,article,,,,,,,\n')
    (problem,) = problems_of(pack_copy)
    assert problem.endswith(
        f"column 'period': figure 'most-cited' already has a value for series 'US (article, 2026 edition)', entity 'US' in 2021 (line {first})"
    )


def test_a_figure_id_that_is_also_a_section_id_is_refused(pack_copy):
    for file in ("figures.csv", "observations.csv", "notes.csv"):
        edit_file(pack_copy, file, lambda t: t.replace("most-cited,", "overview,"))
    line = line_of(pack_copy, "figures.csv", "overview,")
    assert problems_of(pack_copy) == [
        f"figures.csv:{line}: column 'figure_id': 'overview' is also a section id; ids of figures and sections must differ"
    ]


@pytest.mark.parametrize("period", ["1899", "2101-01", "0000"])
def test_years_outside_1900_to_2100_are_refused(pack_copy, period):
    line = set_fields(pack_copy, "cited-us-2021,", period=period)
    assert problems_of(pack_copy) == [f"observations.csv:{line}: column 'period': '{period}' is outside the years 1900-2100"]


def test_a_figure_without_values_is_refused(pack_copy):
    edit_file(pack_copy, "figures.csv", lambda t: t + "empty-figure,research-output,Nothing,%,share,bar,,\n")
    line = line_of(pack_copy, "figures.csv", "empty-figure,")
    assert problems_of(pack_copy) == [f"figures.csv:{line}: column 'figure_id': figure 'empty-figure' has no values in observations.csv"]


def test_problems_are_listed_by_file_then_line(pack_copy):
    set_fields(pack_copy, "cited-us-2021,", period="1800")
    set_fields(pack_copy, CHINA, value="x")
    edit_file(pack_copy, "sections.csv", lambda t: t + "overview,Again,x\n")
    edit_file(pack_copy, "figures.csv", lambda t: t.replace(",bar,", ",pie,", 1))
    pack, problems = check_pack(pack_copy)
    keys = [(p.file, p.line or 0) for p in problems]
    assert keys == sorted(keys) and len(keys) == 4


def test_a_pack_with_only_the_required_columns_loads(tmp_path):
    """A pack written from the documented required columns alone, as a newcomer would write it."""
    pack = tmp_path / "minimal"
    pack.mkdir()
    files = {
        "pack.csv": "title,edition\nMinimal,Test\n",
        "sections.csv": "section_id,title,summary\ns,Section,A section.\n",
        "sources.csv": "source_id,title\nsrc,A source\n",
        "figures.csv": "figure_id,section_id,title,unit,measure,chart\nf,s,Figure,%,share,bar\n",
        "observations.csv": "observation_id,figure_id,entity,period,value,origin,source_id\no,f,US,2024,50,article,src\n",
        "notes.csv": "note_id,figure_id,kind,text\n",
    }
    for name, text in files.items():
        (pack / name).write_text(text, encoding="utf-8")
    loaded, problems = check_pack(pack)
    assert problems == [] and loaded.figures[0].observations[0].value == 50
