"""The scriptable CLI, run as a user would run it: in a subprocess."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from aiindex_tui.pack.loader import load_pack
from tests.support.packs import REPO_ROOT, edit_file, line_of


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "aiindex_tui", *args], capture_output=True, text=True, timeout=60, cwd=cwd
    )


def test_list_names_sections_and_figures_in_order():
    result = run("list")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "bundled pack" in lines[0]
    assert lines[1].startswith("1. overview")
    ids = [line.split()[0] for line in lines[2:] if line.startswith("     ")]
    assert ids == [figure.figure_id for figure in load_pack().figures]
    assert ids[:2] == ["performance-gap", "arena-top-scores"] and ids[-1] == "publications-cset"


def test_show_figure_as_text_has_values_notes_and_sources_but_no_chart_when_piped():
    result = run("show", "patent-count-2024")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "97,206" in out and "131,121" in out
    assert "74.13%" in out and "74.2%" in out
    assert "The AI Race Intensifies" in out
    assert "┤" not in out and "\x1b[" not in out


def test_show_says_once_what_every_value_of_a_figure_shares():
    out = run("show", "notable-models-every-country").stdout
    rule = "a model counts once for every country it lists"
    assert f"Counting rule, every value: {rule}" in out
    assert "Origin, every value: context" in out
    header = next(line for line in out.splitlines() if line.startswith("period"))
    assert header.split() == ["period", "entity", "series", "value"]
    table = out.split("\n\n")[2]  # the values, up to the blank line after them
    assert rule not in table  # not on every row

    mixed = run("show", "notable-models").stdout  # origins differ between its values: a column
    assert "Origin, every value" not in mixed and "origin" in next(line for line in mixed.splitlines() if line.startswith("period"))


def test_show_section_as_csv_round_trips_numbers():
    result = run("show", "research-output", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    values = {(r["figure_id"], r["series"], r["period"]): float(r["value"]) for r in rows}
    assert values[("paper-share", "US (article, 2026 edition)", "2024")] == 7.6
    assert values[("most-cited", "China (article, 2026 edition)", "2021")] == 33
    assert values[("paper-share", "China (AI Index 2025 data)", "2023")] == 23.2
    section = load_pack().section("research-output")
    assert len(rows) == sum(len(f.values) for f in section.figures)


def test_show_json_carries_sources_and_notes():
    data = json.loads(run("show", "paper-share", "--format", "json").stdout)
    (figure,) = data
    assert figure["unit"] == "%"
    assert {s["source_id"] for s in figure["sources"]} == {"ai-index-2025", "ai-index-2025-data", "article", "ai-index-2026", "ai-index-2026-data"}
    assert any("India" in n["text"] for n in figure["notes"])


def test_show_markdown_is_a_table():
    out = run("show", "most-cited", "--format", "markdown").stdout
    assert "| 2021 | US | US (article, 2026 edition) | 64 | article |" in out
    # Each row cites its source by footnote, and the footnote gives the citation.
    assert "| [^most-cited-article] |" in out
    assert "[^most-cited-article]: The AI Race Intensifies" in out


def test_show_unknown_id_suggests_close_ones():
    result = run("show", "most-citd")
    assert result.returncode == 2
    assert "did you mean most-cited" in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_bundled_pack():
    result = run("validate")
    assert result.returncode == 0
    pack = load_pack()
    values = sum(len(f.values) for f in pack.figures)
    assert f"OK, 6 sections, {len(pack.figures)} figures, {values} values" in result.stdout


def test_validate_broken_pack_names_every_problem(pack_copy):
    line = line_of(pack_copy, "observations.csv", "cited-us-2021,")
    edit_file(pack_copy, "observations.csv", lambda t: t.replace(",US,2021,64,", ",US,2021,x64,", 1))
    edit_file(pack_copy, "sections.csv", lambda t: t + "overview,Again,x\n")
    result = run("validate", str(pack_copy))
    assert result.returncode == 2
    assert "has 2 problems:" in result.stderr
    assert f"observations.csv:{line}: column 'value': 'x64' is not a number" in result.stderr
    assert "sections.csv:8: column 'section_id': duplicate id 'overview'" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", [["list"], ["show", "overview"], []])
def test_bad_data_pack_exits_2_without_traceback(pack_copy, command):
    (pack_copy / "figures.csv").write_bytes(b"\xff\xfe broken")
    result = run("--data", str(pack_copy), *command)
    assert result.returncode == 2
    assert "figures.csv:1: not valid UTF-8" in result.stderr
    assert "Traceback" not in result.stderr


def test_data_option_also_after_the_command(pack_copy):
    edit_file(pack_copy, "pack.csv", lambda t: t.replace("AI Index 2026", "AI Index 2027"))
    result = run("list", "--data", str(pack_copy))
    assert "AI Index 2027" in result.stdout and "bundled" not in result.stdout


def test_bad_arguments_exit_2():
    result = run("show", "most-cited", "--format", "pdf")
    assert result.returncode == 2 and "invalid choice" in result.stderr


def test_unknown_deep_link_exits_2_before_starting_the_app():
    result = run("--section", "nowhere")
    assert result.returncode == 2 and "unknown section 'nowhere'" in result.stderr


def test_version_and_help():
    assert run("--version").stdout.startswith("aiindex-tui ")
    help_text = run("--help").stdout
    for word in ("list", "show", "validate", "--data", "--theme", "--ascii"):
        assert word in help_text


def assert_one_clean_error(result: subprocess.CompletedProcess[str], *phrases: str) -> None:
    assert result.returncode == 2, result
    assert "Traceback" not in result.stderr and result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines and all(line.startswith("aiindex-tui: ") for line in lines), result.stderr
    for phrase in phrases:
        assert phrase in result.stderr


@pytest.mark.parametrize("command", [[], ["export", "most-cited", "--format", "svg", "-o", "-"], ["serve"]])
def test_an_unknown_theme_is_one_line_listing_the_themes(command):
    result = run(*command, "--theme", "nosuch")
    assert_one_clean_error(result, "unknown theme 'nosuch'", "textual-light", "nord")
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize("port", ["99999", "-5", "0", "http"])
def test_a_port_out_of_range_is_refused_before_serving(port):
    result = run("serve", "--port", port)
    assert_one_clean_error(result, "port")
    assert len(result.stderr.splitlines()) == 1


def test_a_port_in_use_is_one_line_before_any_banner():
    import socket

    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        result = run("serve", "--port", str(port))
    assert_one_clean_error(result, f"cannot listen on 127.0.0.1:{port}")
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.slow
def test_display_options_work_after_the_command(tmp_path):
    plain = run("export", "most-cited", "--format", "svg", "-o", "-")
    styled = run("export", "most-cited", "--format", "svg", "--ascii", "--theme", "textual-light", "-o", "-")
    assert plain.returncode == styled.returncode == 0, styled.stderr
    assert "╭" in plain.stdout and "╭" not in styled.stdout  # rounded borders drawn in ASCII
    title_bar = re.compile(r'<rect fill="(#[0-9a-f]{6})" x="0" y="1.5"')
    assert title_bar.search(plain.stdout)[1] != title_bar.search(styled.stdout)[1]


@pytest.mark.parametrize("command", [["validate", "{file}"], ["--data", "{file}", "list"], ["list", "--data", "{file}"]])
def test_a_file_given_for_a_pack_directory_is_named_as_a_file(command):
    readme = str(REPO_ROOT / "README.md")
    result = run(*(part.format(file=readme) for part in command))
    assert_one_clean_error(result, "README.md: is a file, not a directory")


def test_argument_errors_use_the_same_prefix():
    assert_one_clean_error(run("nonsense"), "invalid choice: 'nonsense'")
    assert_one_clean_error(run("show"), "the following arguments are required: ID")
