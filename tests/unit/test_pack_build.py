"""`make data`: the bundled pack is rebuilt byte for byte from data/sources, and says what the sources show."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from aiindex_tui.pack.loader import load_pack
from aiindex_tui.pack.model import NoteKind, Origin, Verdict
from packbuild import arena, epoch
from packbuild.aiindex import _chart
from tests.support.packs import REPO_ROOT

DATA = REPO_ROOT / "data"
SOURCES = DATA / "sources"


def pack_files(directory: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(directory)): path.read_bytes()
        for path in sorted(directory.rglob("*.csv"))
        if "sources" not in path.relative_to(directory).parts
    }


def test_the_build_reproduces_the_committed_pack(tmp_path):
    out = tmp_path / "pack"
    result = subprocess.run(
        [sys.executable, "-m", "packbuild", str(SOURCES), str(out)],
        capture_output=True, text=True, cwd=REPO_ROOT, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    built, committed = pack_files(out), pack_files(DATA)
    assert sorted(built) == sorted(committed)
    changed = [name for name in built if built[name] != committed[name]]
    assert not changed, f"run `make data` and commit: {changed} differ from the build"


def test_a_second_build_over_the_first_changes_nothing(tmp_path):
    out = tmp_path / "pack"
    for _ in range(2):
        subprocess.run([sys.executable, "-m", "packbuild", str(SOURCES), str(out)], check=True, capture_output=True, cwd=REPO_ROOT)
    (out / "records" / "left-over.csv").write_text("record_id\nx\n")
    first = pack_files(out)
    subprocess.run([sys.executable, "-m", "packbuild", str(SOURCES), str(out)], check=True, capture_output=True, cwd=REPO_ROOT)
    again = pack_files(out)
    assert "records/left-over.csv" not in again, "a record file the build no longer makes is removed"
    del first["records/left-over.csv"]
    assert again == first


@pytest.fixture(scope="module")
def months() -> dict[str, arena.Month]:
    return {m.month: m for m in arena.monthly(arena.snapshot_leaders(SOURCES))}


def test_arena_months_run_from_2023_05_to_2026_08_and_each_comes_from_one_file(months):
    assert min(months) == "2023-05" and max(months) == "2026-08"
    for month in months.values():
        assert {leader.file for leader in month.snapshots} == {month.file}
        assert all(leader.date.startswith(month.month) for leader in month.snapshots)


def test_march_2026_recomputes_the_articles_lead(months):
    first_date, first_gap = months["2026-03"].snapshot_gaps()[0]
    assert first_date == "2026-03-19" and round(first_gap, 2) == 2.73
    leaders = {l.side: l for l in months["2026-03"].snapshots if l.date == first_date}
    assert leaders["US"].organisation == "Anthropic"


def test_february_2025_is_not_level(months):
    gaps = [gap for _, gap in months["2025-02"].snapshot_gaps()]
    assert round(min(gaps), 1) == 1.6 and round(max(gaps), 1) == 2.9
    assert {l.model for l in months["2025-02"].snapshots if l.side == "China"} == {"DeepSeek-R1"}


def test_the_monthly_rule_matches_the_ai_index_chart_where_both_exist(months):
    from packbuild.aiindex import arena_chart

    chart = arena_chart(SOURCES)
    matching = [m for (m, side), score in chart.items() if m in months and round(months[m].best[side].score, 3) == round(score, 3)]
    assert {m for m in matching} >= {f"2024-{n:02d}" for n in range(3, 13)} | {"2025-01"}


def test_the_two_counting_rules_and_the_articles_mix():
    models = epoch.read_models(SOURCES)
    every, single = epoch.counts(models, epoch.EVERY), epoch.counts(models, epoch.SINGLE)
    assert (len(every[(2025, "US")]), len(every[(2025, "China")])) == (50, 32)
    assert (len(single[(2025, "US")]), len(single[(2025, "China")])) == (36, 30)


@pytest.mark.parametrize(
    ("countries", "every", "single"),
    [
        (set(), (), ()),
        ({"China"}, ("China",), ("China",)),
        ({"United States of America", "China"}, ("US", "China"), ()),
        ({"United States of America", "France"}, ("US", "Rest of world"), ()),
        ({"Japan"}, ("Rest of world",), ("Rest of world",)),
    ],
)
def test_a_model_counts_for_these_entities(countries, every, single):
    assert epoch.EVERY.entities(frozenset(countries)) == every
    assert epoch.SINGLE.entities(frozenset(countries)) == single


def test_a_chart_is_found_by_its_labels_not_by_its_column_alone():
    rows = [
        {"v": "1", "label": "Asia"}, {"v": "2", "label": "Unknown"}, {"v": "", "label": ""},
        {"v": "3", "label": "China"}, {"v": "4", "label": "Unknown"},
    ]
    assert [r["v"] for r in _chart(rows, "v", "label", "China")] == ["3", "4"]
    with pytest.raises(ValueError):
        _chart(rows, "v", "label", "Mars")


def test_every_article_value_carries_one_verdict_and_keeps_its_locator():
    pack = load_pack(DATA)
    article = [(f, o) for f in pack.figures for o in f.observations if o.origin is Origin.ARTICLE]
    assert len(article) == 13
    for figure, obs in article:
        verdicts = [n for n in figure.notes_for(obs.observation_id) if n.kind is NoteKind.VERDICT]
        assert len(verdicts) == 1, obs.observation_id
        assert obs.locator.startswith(("Closing the Gap", "Production and Patent", "Research Output"))
    verdicts = {o.observation_id: f.verdict_for(o.observation_id).verdict for f, o in article}
    assert verdicts["gap-deepseek-2025-02"] is Verdict.DIFFERS
    assert verdicts["gap-anthropic-2026-03"] is Verdict.REPRODUCES
    assert verdicts["models-us-2025"] is verdicts["models-china-2025"] is Verdict.UNDER_RULE


def test_the_records_behind_the_article_counts_are_the_models_of_each_rule():
    pack = load_pack(DATA)
    records = pack.records_of(pack.figure("notable-models"))
    china = [records.rows[i] for i in records.rows_behind("models-china-2025")]
    assert len(records.rows_behind("models-us-2025")) == 50 and len(china) == 30
    names = [row[records.columns.index("model")] for row in china]
    assert "DeepSeek-R1" in names


def test_the_from_scratch_example_in_the_docs_is_the_example_pack_and_loads():
    import re

    docs = (REPO_ROOT / "docs" / "data-format.md").read_text(encoding="utf-8")
    scratch = docs.split("## Starting a pack from scratch", 1)[1].split("\n## ", 1)[0]
    shown = dict(re.findall(r"`([a-z]+\.csv)`\n```\n(.*?)```", scratch, flags=re.S))
    example = REPO_ROOT / "docs" / "example-pack"
    assert sorted(shown) == sorted(p.name for p in example.iterdir())
    for name, text in shown.items():
        assert (example / name).read_text(encoding="utf-8") == text, name
    pack = load_pack(example, use_cache=False)
    assert [o.value for o in pack.figure("notable-models").observations] == [50, 30]
