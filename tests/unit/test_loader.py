"""Loading a pack: derived values, safe text and one clear message per problem."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aiindex_tui.pack import csv_reader
from aiindex_tui.pack.csv_reader import Problem, read_table
from aiindex_tui.pack.loader import PackError, check_pack, load_pack
from aiindex_tui.pack.kinds import NoteKind
from tests.support.packs import edit_file, line_of, pack_digests, replace_line


@pytest.fixture(params=["csv module", "pandas"])
def reader(request, monkeypatch):
    """Read every file with the csv module, or every plain one with pandas as only large files are."""
    monkeypatch.setattr(csv_reader, "PANDAS_FROM_BYTES", 1 << 40 if request.param == "csv module" else 0)
    return request.param


def only_problem(directory: Path) -> Problem:
    pack, problems = check_pack(directory)
    assert pack is None
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def test_cross_check_within_rounding_adds_no_note(pack_copy):
    edit_file(pack_copy, "observations.csv", lambda t: t.replace(",2024,74.2,", ",2024,74.1,"))
    pack = load_pack(pack_copy)
    assert not [n for f in pack.figures for n in f.notes if n.kind is NoteKind.CROSS_CHECK]


def test_load_is_read_only(pack_copy):
    before = pack_digests(pack_copy)
    assert "records/notable-models.csv" in before
    folders = [pack_copy, pack_copy / "records"]
    for folder in folders:
        folder.chmod(0o555)
    try:
        load_pack(pack_copy)
    finally:
        for folder in folders:
            folder.chmod(0o755)
    assert pack_digests(pack_copy) == before


def test_utf8_bom_is_accepted(pack_copy):
    path = pack_copy / "sections.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert load_pack(pack_copy).sections[0].section_id == "overview"


@pytest.mark.parametrize(
    ("body", "printable"),
    [(b"a,b\nx,y\n", True), (b"\xef\xbb\xbfa,b\nx,y\n", True), (b"a,b\nx\ty,z\n", False),
     (b"a,b\nx\x7f,z\n", False), ("a,b\n\u00e9,z\n".encode(), False)],
)
def test_files_of_printable_ascii_are_told_apart(tmp_path, body, printable):
    """Only a file of printable ASCII (a byte order mark aside) skips making its text safe to show."""
    path = tmp_path / "x.csv"
    path.write_bytes(body)
    assert read_table(path, []).printable is printable


def test_control_characters_are_made_visible(pack_copy):
    edit_file(pack_copy, "sections.csv", lambda t: t.replace("overview,Overview,", "overview,\x1b]0;owned\x07Over\u202eview,", 1))
    title = load_pack(pack_copy).sections[0].title
    assert "\x1b" not in title and "\x07" not in title and "\u202e" not in title
    assert title == "\\x1b]0;owned\\x07Over\\u202eview"


def test_markup_is_stored_as_given(pack_copy):
    edit_file(pack_copy, "sections.csv", lambda t: t.replace("overview,Overview,", "overview,[b]x[/b] [@click=app.quit]q,", 1))
    assert load_pack(pack_copy).sections[0].title == "[b]x[/b] [@click=app.quit]q"


def test_missing_file(pack_copy):
    (pack_copy / "notes.csv").unlink()
    problem = only_problem(pack_copy)
    assert (problem.file, problem.line, problem.message) == ("notes.csv", None, "file is missing")


def test_missing_directory(tmp_path):
    with pytest.raises(PackError) as error:
        load_pack(tmp_path / "nowhere")
    assert "does not exist" in str(error.value.problems[0])


def test_empty_file(pack_copy):
    (pack_copy / "sources.csv").write_text("")
    problem = only_problem(pack_copy)
    assert problem.file == "sources.csv" and "empty" in problem.message


def test_missing_column(pack_copy):
    edit_file(pack_copy, "figures.csv", lambda t: t.replace(",unit,", ",", 1))
    pack, problems = check_pack(pack_copy)
    assert pack is None
    assert Problem("figures.csv", 1, "unit", "required column is missing") in problems


def test_unknown_column(pack_copy):
    edit_file(pack_copy, "pack.csv", lambda t: t.replace("description", "descripton", 1))
    problem = only_problem(pack_copy)
    assert (problem.file, problem.line, problem.column) == ("pack.csv", 1, "descripton")
    assert "unknown column" in problem.message


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("abc", "'abc' is not a number"), ("inf", "'inf' is not a finite number"), ("nan", "'nan' is not a finite number"),
        # Python's float takes these, pandas does not; a pack's number must not depend on which reads it.
        ("1_000", "'1_000' is not a number"), ("\u0662\u0660", "'\u0662\u0660' is not a number"),
        ("1e999", "'1e999' is not a finite number"),
    ],
)
def test_bad_value(pack_copy, value, message):
    line = line_of(pack_copy, "observations.csv", "cited-us-2021,")
    replace_line(pack_copy, "observations.csv", line, f"cited-us-2021,most-cited,,US,2021,{value},,article,article,x,,,,,,")
    problem = only_problem(pack_copy)
    assert (problem.file, problem.line, problem.column, problem.message) == ("observations.csv", line, "value", message)


NUMBER_LIKE = st.text(alphabet="0123456789.eE+-_ ,naifNIty\u0662", max_size=8)


@settings(max_examples=400, deadline=None)
@given(st.lists(NUMBER_LIKE, max_size=3) | st.sampled_from([["0", "-0.5", "+3", ".5", "5.", "007", "1e5", "2.5E-3", "1.e5"], ["1e999"], ["+nan"]]))
def test_a_number_is_what_pandas_would_read(cells):
    """Packs were read with pandas' to_numeric before the parser was plain Python; the same cells
    are numbers now, with the same value, and the same ones are named or overflowing non-finite."""
    import math

    import pandas as pd

    from aiindex_tui.pack.checks import read_number

    cells = [cell.strip() for cell in cells]  # as the reader leaves them
    expected = pd.to_numeric(pd.Series(cells, dtype="str"), errors="coerce").astype(float).tolist()
    for cell, oracle in zip(cells, expected):
        mine = read_number(cell)
        if cell.lower().lstrip("+-") in ("nan", "inf", "infinity"):
            assert mine is not None and math.isnan(mine), cell  # named: not a finite number
        elif math.isnan(oracle):
            assert mine is None, cell  # not a number
        else:
            assert mine == oracle, cell  # the same number, or the same overflow to infinity


@settings(max_examples=200, deadline=None)
@given(st.lists(st.from_regex(r"[+-]?[0-9]{1,6}(\.[0-9]{0,4})?([eE][+-]?[0-9]{1,3})?", fullmatch=True), min_size=1, max_size=6), st.booleans())
def test_the_fast_path_for_whole_columns_reads_each_value_as_one_by_one(cells, spoil):
    from aiindex_tui.pack.checks import Checker, _read_values
    from aiindex_tui.pack.csv_reader import Table

    if spoil:
        cells = [*cells, "1,000"]  # a thousands separator sends the column cell by cell
    table = Table(["value"], {"value": cells}, list(range(2, len(cells) + 2)))
    checker = Checker()
    values = _read_values(checker, table)
    one_by_one = [float(cell.replace(",", "")) for cell in cells]
    finite = [v if abs(v) != float("inf") else None for v in one_by_one]
    assert [v if v == v else None for v in values] == finite
    assert len(checker.problems) == finite.count(None)


def test_thousands_separators_are_read(pack_copy):
    edit_row(pack_copy, "observations.csv", "models-us-2023,", ",2023,61,", ',2023,"1,061",')
    (models,) = [o for o in load_pack(pack_copy).figure("notable-models").observations if o.observation_id == "models-us-2023"]
    assert models.value == 1061


def test_negative_count(pack_copy):
    line = line_of(pack_copy, "observations.csv", "models-us-2023,")
    replace_line(pack_copy, "observations.csv", line, "models-us-2023,notable-models,,US,2023,-61,,context,ai-index-2024,Chapter 1,,,,,,")
    problem = only_problem(pack_copy)
    assert (problem.line, problem.column) == (line, "value") and "negative count" in problem.message


def test_negative_difference_is_allowed(pack_copy):
    edit_row(pack_copy, "observations.csv", "bench-mmlu-2024,", ",2024,0.3,", ",2024,-0.3,")
    (mmlu,) = [o for o in load_pack(pack_copy).figure("benchmark-gaps").observations if o.observation_id == "bench-mmlu-2024"]
    assert mmlu.value == -0.3


def test_share_outside_range(pack_copy):
    line = line_of(pack_copy, "observations.csv", "patent-share-us-2022,")
    replace_line(pack_copy, "observations.csv", line, "patent-share-us-2022,patent-share,,US,2022,120.9,,context,ai-index-2024,Chapter 1,,,,,,")
    problem = only_problem(pack_copy)
    assert problem.line == line and "outside 0-100" in problem.message


def edit_row(directory, file: str, row_start: str, old: str, new: str) -> int:
    """Change the first ``old`` in the row starting ``row_start``; return the row's line."""
    line = line_of(directory, file, row_start)
    text = (directory / file).read_text(encoding="utf-8").split("\n")[line - 1]
    assert old in text
    replace_line(directory, file, line, text.replace(old, new, 1))
    return line


def next_line(directory, file: str) -> int:
    """The line a row appended to ``file`` will be on."""
    return (directory / file).read_text(encoding="utf-8").count("\n") + 1


def test_wrong_type_in_choice_column(pack_copy):
    line = edit_row(pack_copy, "figures.csv", "benchmark-gaps,", ",difference,bar,", ",difference,pie,")
    problem = only_problem(pack_copy)
    assert (problem.file, problem.line, problem.column) == ("figures.csv", line, "chart")
    assert "'pie' is not one of bar, line" == problem.message


def test_bad_period(pack_copy):
    line = edit_row(pack_copy, "observations.csv", "cited-us-2021,", ",US,2021,64,", ",US,2021-13,64,")
    problem = only_problem(pack_copy)
    assert (problem.line, problem.column) == (line, "period") and "2021-13" in problem.message


def test_duplicate_id(pack_copy):
    edit_file(pack_copy, "sections.csv", lambda t: t + "overview,Again,Another summary\n")
    problem = only_problem(pack_copy)
    assert (problem.file, problem.line, problem.column) == ("sections.csv", 8, "section_id")
    assert problem.message == "duplicate id 'overview'"


@pytest.mark.parametrize(
    ("file", "row", "old", "new", "column", "target"),
    [
        ("figures.csv", "most-cited,", ",research-output,", ",research,", "section_id", "section 'research'"),
        ("observations.csv", "bench-mmlu-2023,", ",benchmark-gaps,", ",benchmark-gapz,", "figure_id", "figure 'benchmark-gapz'"),
        ("observations.csv", "cited-us-2021,", ",article,article,", ",article,press,", "source_id", "source 'press'"),
        ("notes.csv", "papers-us-2024,", ",papers-us-2024,", ",papers-us-2042,", "observation_id", "observation 'papers-us-2042'"),
    ],
)
def test_unknown_reference(pack_copy, file, row, old, new, column, target):
    line = line_of(pack_copy, file, row)
    old_line = (pack_copy / file).read_text(encoding="utf-8").split("\n")[line - 1]
    replace_line(pack_copy, file, line, old_line.replace(old, new, 1))
    problem = only_problem(pack_copy)
    assert (problem.file, problem.line, problem.column) == (file, line, column)
    assert problem.message == f"refers to unknown {target}"


def test_bad_encoding_names_the_line(pack_copy):
    path = pack_copy / "sections.csv"
    path.write_bytes(path.read_bytes().replace(b"Overview", b"Overv\xe9iew", 1))
    problem = only_problem(pack_copy)
    assert (problem.file, problem.line) == ("sections.csv", 2) and "UTF-8" in problem.message


def test_unterminated_quote(pack_copy):
    line = next_line(pack_copy, "sources.csv")
    edit_file(pack_copy, "sources.csv", lambda t: t + 'extra,"Never closed,,,\n')
    problem = only_problem(pack_copy)
    assert (problem.file, problem.line) == ("sources.csv", line) and "unterminated quote" in problem.message


def test_wrong_field_count(pack_copy):
    line = next_line(pack_copy, "sources.csv")
    edit_file(pack_copy, "sources.csv", lambda t: t + "extra,Title\n")
    problem = only_problem(pack_copy)
    assert (problem.file, problem.line) == ("sources.csv", line) and "has 2 fields; the header has 5" in problem.message


def test_line_numbers_count_quoted_newlines(pack_copy):
    edit_file(pack_copy, "sections.csv", lambda t: t.replace("almost equally.", "almost\nequally.") + "overview,Again,x\n")
    problem = only_problem(pack_copy)
    assert problem.line == 9


def test_file_too_large(pack_copy, monkeypatch):
    monkeypatch.setattr("aiindex_tui.pack.csv_reader.MAX_FILE_BYTES", 100)
    pack, problems = check_pack(pack_copy)
    assert {p.file for p in problems if "the limit is 100" in p.message} >= {"observations.csv", "notes.csv"}


def test_all_problems_are_reported_in_one_pass(pack_copy):
    (pack_copy / "notes.csv").unlink()
    edit_row(pack_copy, "observations.csv", "cited-us-2021,", ",64,", ",sixty-four,")
    edit_row(pack_copy, "observations.csv", "cited-china-2024,", ",41,", ",-41,")
    edit_file(pack_copy, "sections.csv", lambda t: t + "overview,Again,x\n")
    pack, problems = check_pack(pack_copy)
    assert pack is None
    assert sorted((p.file, p.column) for p in problems) == [
        ("notes.csv", None),
        ("observations.csv", "value"),
        ("observations.csv", "value"),
        ("sections.csv", "section_id"),
    ]


def test_optional_columns_may_be_left_out(tmp_path):
    from tests.support.packs import write_pack

    pack = load_pack(write_pack(tmp_path / "p", sections=1, figures_per_section=1, values_per_figure=2))
    (observation, _) = pack.figures[0].observations
    assert (observation.series, observation.approximate, observation.total_id) == ("", False, "")


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ("a,b,c\n1,2,3\n4,5\n", 3, "has 2 fields; the header has 3"),
        ("a,b,c\n1,2,3\n4,5,6,7\n", 3, "has 4 fields; the header has 3"),
        ("a,b,c\n1,2,3\n\n4,5\n", 4, "has 2 fields; the header has 3"),
    ],
)
def test_rows_of_the_wrong_length_are_located_in_plain_files(tmp_path, reader, body, line, message):
    # Large files without quotes go through pandas' reader, which would pad a short
    # row silently; the line and the problem must still be the csv path's.
    path = tmp_path / "x.csv"
    path.write_text(body, encoding="utf-8")
    problems: list[Problem] = []
    read_table(path, problems)
    assert [(p.line, p.message) for p in problems] == [(line, message)]


@pytest.mark.parametrize("body", ["a,b\n x , y \n", "a,b\n\tx,y\t\n", "a,b\n\u3000x,y\n", 'a,b\n" x",y\n', " a,b\nx,y \n"])
def test_cells_are_stripped_whichever_reader_parses_them(tmp_path, reader, body):
    path = tmp_path / "x.csv"
    path.write_text(body, encoding="utf-8")
    table = read_table(path, [])
    assert table is not None
    assert (table["a"], table["b"], table.lines) == (["x"], ["y"], [2])


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.text(alphabet="ab 1,\u00e9\t", max_size=4), min_size=2, max_size=3).flatmap(
        lambda header: st.tuples(st.just(header), st.lists(st.lists(st.text(alphabet="xy 2.\u00e9\t-", max_size=5), min_size=len(header), max_size=len(header)), max_size=5))
    )
)
def test_pandas_and_the_csv_module_read_a_large_plain_file_alike(tmp_path_factory, file):
    """Only large files go through pandas, so the same small file is read both ways here."""
    header, rows = file
    path = tmp_path_factory.mktemp("csv") / "x.csv"
    path.write_text("\n".join(",".join(cells) for cells in [header, *rows]) + "\n", encoding="utf-8")
    read = {}
    for name, threshold in (("csv module", 1 << 40), ("pandas", 0)):
        problems: list[Problem] = []
        original = csv_reader.PANDAS_FROM_BYTES
        csv_reader.PANDAS_FROM_BYTES = threshold
        try:
            table = read_table(path, problems)
        finally:
            csv_reader.PANDAS_FROM_BYTES = original
        read[name] = (None if table is None else (table.header, table.columns, table.lines, table.printable), problems)
    assert read["pandas"] == read["csv module"]


def test_the_bundled_pack_parses_the_same_through_either_reader(monkeypatch, pack_copy):
    by_csv_module = load_pack(pack_copy, use_cache=False)
    monkeypatch.setattr(csv_reader, "PANDAS_FROM_BYTES", 0)
    assert load_pack(pack_copy, use_cache=False) == by_csv_module


def test_a_figure_keeps_its_values_in_file_order_when_the_file_interleaves_figures(tmp_path):
    from tests.support.packs import write_pack

    pack_dir = write_pack(tmp_path / "p", sections=1, figures_per_section=2, values_per_figure=3)
    path = pack_dir / "observations.csv"
    header, *rows = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([header, *rows[::2], *rows[1::2]]) + "\n", encoding="utf-8")
    pack = load_pack(pack_dir, use_cache=False)
    assert [o.observation_id for o in pack.figure("f0-0").observations] == ["o0-0-0", "o0-0-2", "o0-0-1"]
    assert [o.observation_id for o in pack.figure("f0-1").observations] == ["o0-1-1", "o0-1-0", "o0-1-2"]
