"""The overview as a fact-check: each article value beside the numbers its checks arrive at,
the article's value minus each, and the verdicts in words; exported as CSV, JSON and Markdown."""

from __future__ import annotations

import csv
import io
import json

import pytest

from aiindex_tui.output.fact_check import FACT_CHECK_COLUMNS, fact_check_rows
from aiindex_tui.output.formats import render
from aiindex_tui.pack.loader import check_pack, load_pack
from aiindex_tui.pack.subject import subject_for
from tests.support.packs import edit_file, line_of


@pytest.fixture(scope="module")
def pack():
    return load_pack()


def row_of(pack, observation_id: str):
    return next(row for row in fact_check_rows(pack) if row.observation.observation_id == observation_id)


def test_each_check_gives_its_number_and_the_article_value_minus_it(pack):
    patents = row_of(pack, "patents-china-2024")
    assert patents.value == "97,206 patents"
    assert (patents.report.verdict.value, patents.report.computed, patents.report.difference) == ("differs", "97,988", "-782")
    assert patents.report.cell == "differs 97,988 (-782)"
    lead = row_of(pack, "gap-anthropic-2026-03")
    assert lead.report.cell == "reproduces 2.66% (+0.04)" and lead.recount.cell == "reproduces 2.66% (+0.04)"
    # Equal at the check's precision: no difference in brackets.
    models = row_of(pack, "models-us-2025")
    assert models.report.difference == "0" and models.report.cell == "reproduces 50"
    # No number to compare: the verdict alone.
    words = row_of(pack, "gap-deepseek-2025-02")
    assert words.report.computed == "" and words.report.cell == "reproduces"
    assert row_of(pack, "papers-china-2024").recount.cell == "not checkable"


def test_a_stated_share_shows_the_share_its_counts_give(pack):
    share = row_of(pack, "patent-share-china-2024")
    assert share.cross_check == "74.13% (+0.07)" and "97,206 / 131,121 = 74.13%" in share.cross_check_text
    assert share.notes == "cross-check 74.13% (+0.07)"
    # The count's own row is cross-checked too, but in another unit: named, without the share.
    assert row_of(pack, "patents-china-2024").notes == "cross-check"


def test_the_csv_fact_check_has_every_value_and_opens_safely_in_a_spreadsheet(pack):
    text = render(subject_for(pack, "overview"), "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == FACT_CHECK_COLUMNS and len(rows) == 14
    patents = next(r for r in rows if r["the article says"] == "97,206 patents")
    assert patents["report verdict"] == "differs" and patents["report value"] == "97,988"
    assert patents["report difference"] == "-782"  # a plain number stays a number
    assert "fig_1.7.3.csv" in patents["report source"] and patents["recount verdict"] == "cannot be checked from public data"
    share = next(r for r in rows if r["the article says"] == "74.2%")
    assert share["cross-check"].startswith("74.13% (+0.07): 97,206 / 131,121")
    # A figure's export is still its values, not the fact-check.
    assert render(subject_for(pack, "patent-share"), "csv").startswith("figure_id,")


def test_the_json_fact_check_gives_numbers_to_programs(pack):
    rows = json.loads(render(subject_for(pack, "overview"), "json"))
    patents = next(r for r in rows if r["observation_id"] == "patents-china-2024")
    assert patents["stated"] == 97206 and patents["report"]["computed"] == 97988 and patents["report"]["difference"] == -782
    words = next(r for r in rows if r["observation_id"] == "gap-deepseek-2025-02")
    assert words["stated"] is None and words["report"]["computed"] is None
    assert next(r for r in rows if r["observation_id"] == "patent-share-china-2024")["cross_check"]["computed_and_difference"] == "74.13% (+0.07)"


def test_the_markdown_fact_check_is_a_table_then_each_finding_with_its_source(pack):
    text = render(subject_for(pack, "overview"), "markdown")
    table = [line for line in text.splitlines() if line.startswith("| ") and line[2].isdigit()]
    assert len(table) == 14
    assert "| 6 | 97,206 patents | China, 2024 | differs 97,988 (-782) | not checkable |  |" in table
    assert "*against the report's own data: differs.*" in text and "fig\\_1.7.3.csv" in text
    assert "*cross-check from its counts: 74.13% (+0.07).*" in text


def test_a_computed_number_is_checked_like_any_number(pack_copy):
    line = line_of(pack_copy, "notes.csv", "verdict-report-patents-china-2024,")
    edit_file(pack_copy, "notes.csv", lambda text: text.replace(",report,97988\n", ",report,lots\n"))
    pack, problems = check_pack(pack_copy)
    assert pack is None
    assert [str(p) for p in problems] == [f"notes.csv:{line}: column 'computed': 'lots' is not a finite number"]


def test_only_a_verdict_carries_a_computed_number(pack_copy):
    line = line_of(pack_copy, "notes.csv", "models-europe,")
    edit_file(pack_copy, "notes.csv", lambda text: text.replace(
        "The 2023 count covers the EU; the 2024 count covers Europe as a whole.,,,,",
        "The 2023 count covers the EU; the 2024 count covers Europe as a whole.,,,,12",
    ))
    pack, problems = check_pack(pack_copy)
    assert pack is None
    assert [str(p) for p in problems] == [
        f"notes.csv:{line}: column 'computed': '12' given, but only a note of kind verdict has a computed value"
    ]


def test_a_huge_difference_is_written_in_powers_of_ten_not_hundreds_of_digits(pack_copy):
    edit_file(pack_copy, "notes.csv", lambda text: text.replace(",report,97988\n", ",report,1e307\n"))
    pack = load_pack(pack_copy, use_cache=False)
    assert row_of(pack, "patents-china-2024").report.difference == "-1e+307"
    assert "Infinity" not in render(subject_for(pack, "overview"), "json")
