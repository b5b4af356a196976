"""`make data`: the bundled pack is rebuilt byte for byte from data/sources, and says what the sources show."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from aiindex_tui.pack.loader import load_pack
from aiindex_tui.pack.kinds import Check, Origin, Verdict
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


def test_march_2026_recomputes_the_articles_lead_as_a_share_of_chinas_score(months):
    march = months["2026-03"]
    assert march.best["US"].organisation == "Anthropic"
    assert round(march.gap_percent, 2) == 2.66 and round(march.gap_percent_of_us, 2) == 2.59
    assert march.tied is False  # 1504 (1498 to 1510) against 1465 (1456 to 1474)


def test_february_2025_is_a_us_lead_over_the_best_but_r1_passes_some_top_us_models(months):
    gaps = [gap for _, gap in months["2025-02"].snapshot_gaps()]
    assert round(min(gaps), 1) == 1.6 and round(max(gaps), 1) == 3.0
    assert {l.model for l in months["2025-02"].snapshots if l.side == "China"} == {"DeepSeek-R1"}
    _, tops = arena.rankings(SOURCES)
    for (file, date), top in tops.items():
        if date.startswith("2025-02") and file is months["2025-02"].file:
            r1 = next(r for r in top if r.leader.side == "China")
            assert 6 <= r1.rank <= 9
            assert any(r.leader.side == "US" and r.leader.score < r1.leader.score for r in top)


def test_the_monthly_rule_matches_the_ai_index_chart_where_both_exist(months):
    from packbuild.aiindex import arena_chart

    chart = arena_chart(SOURCES)
    matching = [m for (m, side), score in chart.items() if m in months and round(months[m].best[side].score, 3) == round(score, 3)]
    assert {m for m in matching} >= {f"2024-{n:02d}" for n in range(3, 13)} | {"2025-01"}


def test_three_counting_rules_and_the_articles_mix():
    download = epoch.newest(SOURCES)
    assert download.date == "2026-01-26" and download.years[-1] == 2025
    totals = {
        rule.key: {side: epoch.total(epoch.counts(download.models, rule, download.years)[(2025, side)]) for side in ("US", "China")}
        for rule in epoch.RULES
    }
    assert totals["every"] == {"US": 50, "China": 32}
    assert totals["single"] == {"US": 36, "China": 30}
    # Split 1/n: each joint model adds up to one across its countries.
    assert round(float(totals["fractional"]["US"]), 2) == 42.83 and round(float(totals["fractional"]["China"]), 2) == 30.83


def test_every_download_is_read_oldest_first_and_the_newest_gives_the_counts():
    assert [d.date for d in epoch.downloads(SOURCES)] == ["2025-12-02", "2026-01-26"]
    pack = load_pack(DATA)
    downloads = pack.figure("notable-models-downloads")
    us_2025 = {o.series: o.value for o in downloads.observations if o.entity == "US" and o.period == "2025"}
    assert us_2025 == {
        "US, each listed country, download 2025-12-02": 39, "US, one-country models, download 2025-12-02": 28,
        "US, each listed country, download 2026-01-26": 50, "US, one-country models, download 2026-01-26": 36,
    }


@pytest.mark.parametrize(
    ("countries", "every", "single", "fractional"),
    [
        (set(), {}, {}, {}),
        ({"China"}, {"China": 1}, {"China": 1}, {"China": 1}),
        ({"United States of America", "China"}, {"US": 1, "China": 1}, {}, {"US": 0.5, "China": 0.5}),
        ({"United States of America", "France", "Japan"}, {"US": 1, "Rest of world": 1}, {}, {"US": 1 / 3, "Rest of world": 2 / 3}),
        ({"Hong Kong"}, {"Rest of world": 1}, {"Rest of world": 1}, {"Rest of world": 1}),
    ],
)
def test_a_model_counts_for_these_entities(countries, every, single, fractional):
    for rule, expected in ((epoch.EVERY, every), (epoch.SINGLE, single), (epoch.FRACTIONAL, fractional)):
        assert {k: float(v) for k, v in rule.shares(frozenset(countries)).items()} == pytest.approx(expected)


def test_a_chart_is_found_by_its_labels_not_by_its_column_alone():
    rows = [
        {"v": "1", "label": "Asia"}, {"v": "2", "label": "Unknown"}, {"v": "", "label": ""},
        {"v": "3", "label": "China"}, {"v": "4", "label": "Unknown"},
    ]
    assert [r["v"] for r in _chart(rows, "v", "label", "China")] == ["3", "4"]
    with pytest.raises(ValueError):
        _chart(rows, "v", "label", "Mars")


def test_every_article_value_carries_both_checks_and_keeps_its_locator():
    pack = load_pack(DATA)
    article = [(f, o) for f in pack.figures for o in f.observations if o.origin is Origin.ARTICLE]
    assert len(article) == 14
    for figure, obs in article:
        verdicts = figure.verdicts_for(obs.observation_id)
        assert [v.check for v in verdicts] == [Check.REPORT, Check.RECOUNT], obs.observation_id
        assert all(v.source_id and v.text for v in verdicts)
        assert obs.locator.startswith(("Closing the Gap", "Production and Patent", "Research Output"))
    verdicts = {
        (o.observation_id, v.check.value): v.verdict for f, o in article for v in f.verdicts_for(o.observation_id)
    }
    assert verdicts[("gap-deepseek-2025-02", "report")] is verdicts[("gap-deepseek-2025-02", "recount")] is Verdict.REPRODUCES
    assert verdicts[("gap-anthropic-2026-03", "report")] is verdicts[("gap-anthropic-2026-03", "recount")] is Verdict.REPRODUCES
    assert verdicts[("gap-trading-2025-01", "report")] is verdicts[("gap-trading-2025-01", "recount")] is Verdict.DIFFERS
    assert verdicts[("models-us-2025", "report")] is verdicts[("models-china-2025", "report")] is Verdict.REPRODUCES
    assert verdicts[("models-us-2025", "recount")] is verdicts[("models-china-2025", "recount")] is Verdict.UNDER_RULE
    assert verdicts[("patents-china-2024", "report")] is Verdict.DIFFERS  # the report's data gives 97,988
    assert verdicts[("papers-us-2024", "report")] is Verdict.DIFFERS  # 7.6% is India's share
    assert verdicts[("patent-share-china-2024", "report")] is Verdict.REPRODUCES  # 74.24%


def test_the_records_behind_the_article_counts_are_the_models_of_each_rule():
    pack = load_pack(DATA)
    records = pack.records_of(pack.figure("notable-models"))
    china = [records.rows[i] for i in records.rows_behind("models-china-2025")]
    assert len(records.rows_behind("models-us-2025")) == 50 and len(china) == 30
    names = [row[records.columns.index("model")] for row in china]
    assert "DeepSeek-R1" in names
    countries = {row[records.columns.index("country")] for row in china}
    assert countries == {"China"}  # China's 30 is the one-country rule's


def test_arena_scores_carry_their_95_percent_interval_where_the_file_gives_one():
    pack = load_pack(DATA)
    scores = {o.observation_id: o for o in pack.figure("arena-top-scores").observations}
    assert scores["arena-us-2026-03"].interval == (1498, 1510)
    assert scores["arena-china-2025-02"].interval is None  # the leaderboard history has none
    series = {o.series for o in scores.values()}
    assert "US, style-controlled score" in series and "US, plain score, eight labs only" in series


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
