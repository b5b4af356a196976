"""Exports: round trips, spreadsheet safety, citations, no overwrite, atomic writes, refused places."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from aiindex_tui.output import files, tables
from aiindex_tui.output.formats import render
from aiindex_tui.output.files import ExportError, TargetExists
from aiindex_tui.pack.subject import subject_for
from aiindex_tui.pack.loader import load_pack
from tests.support.packs import line_of, replace_line


@pytest.fixture(scope="module")
def pack():
    return load_pack()


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "aiindex_tui", *args], capture_output=True, text=True, cwd=cwd, timeout=120,
    )


def test_a_section_exported_as_csv_reads_back_with_the_same_numbers(pack, tmp_path):
    subject = subject_for(pack, "production-and-patents")
    written = files.export(subject, "csv", tmp_path / "out.csv")
    frame = pd.read_csv(written)
    expected = sorted((f.figure_id, o.period, o.entity, o.value) for f in subject.figures for o in f.observations)
    got = sorted(zip(frame["figure_id"], frame["period"].astype(str), frame["entity"], frame["value"]))
    assert got == expected
    assert frame["value"].dtype.kind == "f"
    # Every row names its source in full.
    assert frame["citation"].str.contains("https://|article", regex=True).all()


def test_json_and_markdown_carry_the_citations(pack, tmp_path):
    subject = subject_for(pack, "patent-share")
    data = json.loads(render(subject, "json"))
    citations = {s["citation"] for s in data[0]["sources"]}
    assert citations == {pack.sources[sid].citation for sid in subject.figure.source_ids}
    markdown = render(subject, "markdown")
    for sid in subject.figure.source_ids:
        assert f"]: {tables.md_cell(pack.sources[sid].citation)}" in markdown  # a footnote per source
    table_rows = [line for line in markdown.splitlines() if line.startswith("| 20")]
    assert table_rows and all(line.rstrip().endswith("] |") for line in table_rows)


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\tindented", "'\tindented"),
        ("\rreturn", "'\rreturn"),
        ("-0.3", "-0.3"),
        ("-1,250.5", "-1,250.5"),
        ("+4", "+4"),
        ("US over China", "US over China"),
    ],
)
def test_cells_that_spreadsheets_would_run_are_written_as_text(cell, shown):
    assert tables.spreadsheet_safe(cell) == shown


def test_rows_copied_for_a_spreadsheet_keep_their_cells_and_run_no_formula():
    """The rows screen's copy (tab-separated, pasted into a spreadsheet): a tab or line break
    inside a cell would start a new cell or row, and "=..." would run."""
    from aiindex_tui.output.records import records_tsv_lines
    from aiindex_tui.pack.model import RecordSet

    records = RecordSet(
        name="models", columns=("Model", "Country"),
        rows=(("=HYPERLINK(\"http://x\")", "US\tChina"), ("two\r\nlines", "-3.5"), ("plain", "+1")),
        record_ids=("r1", "r2", "r3"), source_ids=("s", "s", "s"), observation_ids=((), (), ()),
    )
    lines = records_tsv_lines(records, [0, 1, 2])
    assert [line.split("\t") for line in lines] == [
        ["Model", "Country"], ["'=HYPERLINK(\"http://x\")", "US China"], ["two lines", "-3.5"], ["plain", "+1"],
    ]


def test_a_hostile_entity_cannot_become_a_formula_but_negative_values_stay_numbers(pack_copy, tmp_path):
    line = line_of(pack_copy, "observations.csv", "gap-arena-2024-01,")
    original = (pack_copy / "observations.csv").read_text(encoding="utf-8").split("\n")[line - 1]
    replace_line(pack_copy, "observations.csv", line, original.replace("US over China", "=1+2").replace(",9.26,", ",-9.26,"))
    hostile = load_pack(pack_copy, use_cache=False)
    written = files.export(subject_for(hostile, "performance-gap"), "csv", tmp_path / "gap.csv")
    frame = pd.read_csv(written)
    assert "'=1+2" in set(frame["entity"])
    assert -9.26 in set(frame["value"])


def test_an_existing_file_is_kept_unless_overwriting_is_asked_for(pack, tmp_path):
    target = tmp_path / "keep.csv"
    target.write_text("precious\n")
    subject = subject_for(pack, "patent-share")
    with pytest.raises(TargetExists):
        files.export(subject, "csv", target)
    assert target.read_text() == "precious\n"
    files.export(subject, "csv", target, overwrite=True)
    assert target.read_text().startswith("figure_id,")


def test_an_interrupted_write_leaves_the_old_file_and_no_leftovers(pack, tmp_path, monkeypatch):
    target = tmp_path / "old.json"
    target.write_text("old\n")

    def power_cut(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", power_cut)
    with pytest.raises(OSError):
        files.export(subject_for(pack, "patent-share"), "json", target, overwrite=True)
    assert target.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.json"]


def test_a_file_that_appears_while_writing_is_not_replaced(pack, tmp_path, monkeypatch):
    target = tmp_path / "race.csv"
    real_fsync = os.fsync

    def someone_else_writes(fd: int) -> None:
        real_fsync(fd)
        target.write_text("theirs\n")

    monkeypatch.setattr(os, "fsync", someone_else_writes)
    with pytest.raises(TargetExists):
        files.export(subject_for(pack, "patent-share"), "csv", target)
    assert target.read_text() == "theirs\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["race.csv"]


def test_places_that_must_not_be_written_are_refused(pack_copy, tmp_path):
    pack = load_pack(pack_copy, use_cache=False)
    subject = subject_for(pack, "patent-share")
    for place in (pack_copy / "figures.csv", pack_copy / "new.csv", pack_copy / "sub" / ".." / "x.csv"):
        with pytest.raises(ExportError, match="inside the data pack"):
            files.export(subject, "csv", place, overwrite=True)
    with pytest.raises(ExportError, match="is a directory"):
        files.export(subject, "csv", tmp_path)
    with pytest.raises(ExportError, match="does not exist"):
        files.export(subject, "csv", tmp_path / "missing" / "x.csv")
    assert (pack_copy / "figures.csv").read_text(encoding="utf-8").startswith("figure_id")


@pytest.mark.parametrize(("text", "expected"), [("Notable AI models!", "notable-ai-models"), ("中国 / ../etc", "etc"), ("", "export")])
def test_file_names_are_safe_slugs(text, expected):
    assert files.slug(text) == expected


def test_cli_exports_each_format_with_a_default_name_and_never_overwrites(tmp_path):
    for fmt, suffix in (("csv", ".csv"), ("json", ".json"), ("markdown", ".md")):
        result = run_cli("export", "patent-share", "--format", fmt, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert (tmp_path / f"aiindex-patent-share{suffix}").is_file()
    again = run_cli("export", "patent-share", "--format", "csv", cwd=tmp_path)
    assert again.returncode == 2
    assert "exists" in again.stderr and "--force" in again.stderr and "Traceback" not in again.stderr
    forced = run_cli("export", "patent-share", "--format", "csv", "--force", cwd=tmp_path)
    assert forced.returncode == 0


def test_cli_export_to_standard_output_and_into_the_pack_refused(tmp_path, pack_copy):
    out = run_cli("export", "research-output", "--format", "json", "-o", "-", cwd=tmp_path)
    assert out.returncode == 0
    assert {f["figure_id"] for f in json.loads(out.stdout)} == {"paper-share", "most-cited", "publications-cset"}
    refused = run_cli("--data", str(pack_copy), "export", "patent-share", "-o", str(pack_copy / "x.csv"), cwd=tmp_path)
    assert refused.returncode == 2 and "inside the data pack" in refused.stderr
    assert not (pack_copy / "x.csv").exists()


def test_cli_svg_export_pictures_the_figure_alone_with_its_sources(tmp_path, pack):
    result = run_cli("export", "patent-count-2024", "--format", "svg", "--size", "100x30", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    svg = (tmp_path / "aiindex-patent-count-2024.svg").read_text(encoding="utf-8")
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    text = svg.replace("&#160;", " ")
    assert "Granted AI patents in 2024" in text
    # The figure alone, its citation inside the picture: no sidebar, footer or next figure.
    assert "Sources: The AI Race Intensifies" in text
    assert "Research Output" not in text and "Quit" not in text and "Share of granted" not in text


def test_a_new_export_follows_the_umask_and_an_overwrite_keeps_the_mode(pack, tmp_path):
    subject = subject_for(pack, "patent-share")
    previous = os.umask(0o022)
    try:
        fresh = files.export(subject, "csv", tmp_path / "fresh.csv")
        os.umask(0o077)
        private = files.export(subject, "json", tmp_path / "private.json")
    finally:
        os.umask(previous)
    assert fresh.stat().st_mode & 0o777 == 0o644
    assert private.stat().st_mode & 0o777 == 0o600
    fresh.chmod(0o640)
    files.export(subject, "csv", fresh, overwrite=True)
    assert fresh.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize("fmt", ["csv", "json", "markdown"])
def test_every_format_carries_every_note_with_its_kind_and_source(pack, fmt):
    paper = render(subject_for(pack, "paper-share"), fmt)
    patents = render(subject_for(pack, "patent-count-2024"), fmt)
    # The caveat on the US 7.6% value, with the source it relies on and where.
    assert "India's 2024 share" in paper and "caveat" in paper
    assert "Artificial Intelligence Index Report 2026" in paper and "Chapter 1" in paper
    # The cross-check of 97,206 / 131,121 against the stated 74.2%, and the derived share.
    assert "74.13%" in patents and "cross-check" in patents and "derived" in patents


def test_csv_notes_sit_on_the_rows_they_concern(pack):
    rows = pd.read_csv(io.StringIO(render(subject_for(pack, "paper-share"), "csv")), dtype=str, keep_default_na=False)
    us_2024 = rows[(rows.entity == "US") & (rows.period == "2024")]
    assert us_2024.notes.str.contains("caveat: Text transcriptions").all()
    assert not rows[rows.entity == "China"].notes.str.contains("India").any()


def test_json_notes_name_kind_source_and_locator(pack):
    (figure,) = json.loads(render(subject_for(pack, "paper-share"), "json"))
    (caveat,) = [n for n in figure["notes"] if n["kind"] == "caveat" and n["observation_id"]]
    assert caveat["observation_id"] == "papers-us-2024"
    assert caveat["source_id"] == "ai-index-2026" and caveat["locator"] == "Chapter 1"
    assert caveat["citation"].startswith("Artificial Intelligence Index Report 2026")


def test_markdown_shows_links_images_and_html_from_a_pack_as_text(pack_copy):
    hostile = "[x](javascript:alert(1)) <img src=x onerror=alert(1)> **bold** `code` |"
    line = line_of(pack_copy, "observations.csv", "cited-us-2021,")
    replace_line(
        pack_copy, "observations.csv", line,
        f'cited-us-2021,most-cited,,"{hostile}",2021,64,,article,article,"{hostile}",,,,,,',
    )
    edit = (pack_copy / "figures.csv").read_text(encoding="utf-8").replace(
        "Top-100 most-cited AI papers by country", "<script>alert(1)</script> [t](javascript:x)"
    )
    (pack_copy / "figures.csv").write_text(edit, encoding="utf-8")
    text = render(subject_for(load_pack(pack_copy), "most-cited"), "markdown")
    # Rendered as a Markdown viewer would (markdown-it comes with Textual).
    from markdown_it import MarkdownIt

    rendered = MarkdownIt("gfm-like").render(text)
    for made_by_markup in ("<img", "<script", "<strong>", "<code>"):
        assert made_by_markup not in rendered
    # The only links are the sources' own web addresses.
    assert set(re.findall(r'<a href="([^"]*)"', rendered)) <= {s.url for s in load_pack(pack_copy).sources.values()}
    assert "&lt;img src=x onerror=alert(1)&gt;" in rendered and "[x](javascript:alert(1))" in rendered
    rows = len(load_pack(pack_copy).figure("most-cited").values)
    assert rendered.count("<tr>") == rows + 1, "a | in a cell must not split it"
