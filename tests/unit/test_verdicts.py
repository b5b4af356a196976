"""Verdicts follow their numbers: changed inputs change label, sentence and records together."""

from __future__ import annotations

from pathlib import Path

import pytest

from packbuild import arena, arena_verdicts, epoch, verdicts
from packbuild.rows import Rows
from tests.support.packs import REPO_ROOT

SOURCES = REPO_ROOT / "data" / "sources"
US, CHINA = "United States of America", "China"


def model(name: str, date: str, *countries: str) -> epoch.Model:
    places = frozenset(countries)
    return epoch.Model(name, "Lab", places, ", ".join(sorted(places)), date, "Language")


def download(date: str, models: list[epoch.Model]) -> epoch.Download:
    return epoch.Download(Path(f"notable-ai-models_{date}.csv"), date, tuple(models), ())


def claims(rows: Rows, *values: tuple[str, str, str, str]) -> None:
    for observation_id, entity, period, stated in values:
        rows.observation(
            observation_id=observation_id, figure_id="notable-models", entity=entity, period=period, value=stated,
            origin="article", source_id="article",
        )


def evidence(table: epoch.Download, months: tuple[arena.Month, ...] = (), tops=None) -> verdicts.Evidence:
    return verdicts.Evidence(SOURCES, months, tops or {}, table)


def models_2025(us_only: int, china_only: int, joint: int) -> list[epoch.Model]:
    made = [model(f"us-{i}", "2025-03-01", US) for i in range(us_only)]
    made += [model(f"cn-{i}", "2025-04-01", CHINA) for i in range(china_only)]
    made += [model(f"joint-{i}", "2025-05-01", US, CHINA) for i in range(joint)]
    return made


def test_counts_that_match_different_rules_say_so_and_change_with_the_data():
    rows = Rows()
    claims(rows, ("us", "US", "2025", "12"), ("china", "China", "2025", "8"))
    # US 10 alone + 2 joint = 12 under "each listed country"; China 8 alone = 8 one-country models.
    table = download("2026-02-01", models_2025(10, 8, 2))
    us, china = verdicts.judge(rows, evidence(table), "us")["recount"], verdicts.judge(rows, evidence(table), "china")["recount"]
    assert us.verdict == china.verdict == verdicts.UNDER_RULE
    assert "12 when a model counts once for every country it lists" in us.text
    assert "10 when only models whose organisations are all in one country count" in us.text
    assert "11 when a model listed for n countries counts 1/n" in us.text
    assert "the two counts follow different rules" in us.text and "the two counts follow different rules" in china.text

    # Without joint models every rule gives the same counts: both now reproduce, and the sentences say so.
    table = download("2026-02-01", models_2025(12, 8, 0))
    us = verdicts.judge(rows, evidence(table), "us")["recount"]
    assert us.verdict == verdicts.REPRODUCES and "matches under every rule" in us.text
    assert "different rules" not in us.text

    # One model fewer: the stated 12 matches under no rule.
    table = download("2026-02-01", models_2025(11, 8, 0))
    us = verdicts.judge(rows, evidence(table), "us")["recount"]
    assert us.verdict == verdicts.DIFFERS and "11 when" in us.text and "matches under none" in us.text


def test_a_year_the_download_does_not_reach_is_not_checkable_and_one_not_over_is_partial():
    rows = Rows()
    claims(rows, ("us", "US", "2025", "3"))
    ends_2024 = download("2025-01-10", [model("a", "2024-06-01", US)])
    finding = verdicts.judge(rows, evidence(ends_2024), "us")["recount"]
    assert finding.verdict == verdicts.NOT_CHECKABLE and "no models published in 2025" in finding.text

    reaches_2025 = download("2025-09-30", [model(str(i), "2025-06-01", US) for i in range(3)])
    assert reaches_2025.partial(2025) and not reaches_2025.partial(2024)
    finding = verdicts.judge(rows, evidence(reaches_2025), "us")["recount"]
    assert finding.verdict == verdicts.REPRODUCES and "2025 was not over when it was downloaded" in finding.text


FILE = arena.ArenaFile("lmarena/example.csv", "arena-catalog", arena.PLAIN)
PARTIAL = arena.ArenaFile("lmarena/labs.js", "arena-lab-history", arena.PLAIN, partial="two labs only")


def month(name: str, us: tuple[float, float], china: tuple[float, float], file: arena.ArenaFile = FILE, org: str = "Anthropic") -> arena.Month:
    """A month of one snapshot: each side's (score, interval half-width)."""
    date = f"{name}-15"
    leaders = {
        "US": arena.Leader(file, date, "US", "us-model", org, us[0], us[0] - us[1], us[0] + us[1]),
        "China": arena.Leader(file, date, "China", "cn-model", "DeepSeek", china[0], china[0] - china[1], china[0] + china[1]),
    }
    return arena.Month(name, file, leaders, tuple(leaders.values()))


def lead_claim(stated: str = "2.7") -> Rows:
    rows = Rows()
    rows.observation(
        observation_id="lead", figure_id="performance-gap", entity="Anthropic's model over the top Chinese model",
        period="2026-03", value=stated, origin="article", source_id="article",
    )
    rows.observation(
        observation_id="trading", figure_id="performance-gap", entity="US over China", period="2025-01", value="0",
        approximate="true", wording="trading leads in AI model performance since early 2025", origin="article", source_id="article",
    )
    return rows


TABLE = download("2026-01-26", [])


def test_a_month_where_china_leads_turns_trading_leads_into_a_reproduction():
    never = (month("2025-06", (1450, 5), (1400, 5)), month("2026-03", (1504, 6), (1465, 9)))
    finding = verdicts.judge(lead_claim(), evidence(TABLE, never), "trading")["recount"]
    assert finding.verdict == verdicts.DIFFERS
    assert "the best US model led in 2, the best Chinese model in 0, and in 0" in finding.text and "China never led" in finding.text

    china_leads = never + (month("2025-09", (1440, 3), (1460, 3)),)
    finding = verdicts.judge(lead_claim(), evidence(TABLE, china_leads), "trading")["recount"]
    assert finding.verdict == verdicts.REPRODUCES
    assert "the best Chinese model in 1" in finding.text and "Both sides led" in finding.text


def test_a_tie_within_the_intervals_is_no_lead_and_a_partial_file_is_left_out():
    tied = (month("2025-06", (1450, 5), (1446, 5)), month("2026-03", (1504, 6), (1465, 9)))
    found = arena_verdicts.leads(evidence(TABLE, tied))
    assert (sum(found.us.values()), sum(found.china.values()), sum(found.level.values())) == (1, 0, 1)

    with_partial = tied + (month("2025-07", (1450, 5), (1300, 5), file=PARTIAL),)
    found = arena_verdicts.leads(evidence(TABLE, with_partial))
    assert found.left_out == 1 and sum(found.us.values()) == 1


def test_the_stated_lead_is_judged_under_either_denominator_and_ties_refuse_it():
    march = month("2026-03", (1504, 6), (1465, 9))  # 39 points: 2.66% of China's score, 2.59% of the US score
    finding = verdicts.judge(lead_claim("2.7"), evidence(TABLE, (march,)), "lead")["recount"]
    assert finding.verdict == verdicts.REPRODUCES and "a share of China's score" in finding.text
    assert finding.computed == "2.66"  # the gap as a share of China's score, the number shown beside the verdict

    finding = verdicts.judge(lead_claim("2.6"), evidence(TABLE, (march,)), "lead")["recount"]
    assert finding.verdict == verdicts.REPRODUCES and "a share of the US score" in finding.text

    finding = verdicts.judge(lead_claim("3.5"), evidence(TABLE, (march,)), "lead")["recount"]
    assert finding.verdict == verdicts.DIFFERS and "Neither is the stated 3.5%" in finding.text

    close = month("2026-03", (1504, 20), (1465, 20))
    finding = verdicts.judge(lead_claim("2.7"), evidence(TABLE, (close,)), "lead")["recount"]
    assert finding.verdict == verdicts.DIFFERS and "intervals overlap" in finding.text

    other_lab = month("2026-03", (1504, 6), (1465, 9), org="Google")
    finding = verdicts.judge(lead_claim("2.7"), evidence(TABLE, (other_lab,)), "lead")["recount"]
    assert finding.verdict == verdicts.DIFFERS and "Google's, not Anthropic's" in finding.text

    partial = month("2026-03", (1504, 6), (1465, 9), file=PARTIAL)
    finding = verdicts.judge(lead_claim("2.7"), evidence(TABLE, (partial,)), "lead")["recount"]
    assert finding.verdict == verdicts.NOT_CHECKABLE and "two labs only" in finding.text


def test_a_share_the_report_gives_to_another_country_is_named():
    rows = Rows()
    rows.observation(
        observation_id="papers", figure_id="paper-share", entity="US", period="2024", value="7.6",
        origin="article", source_id="article",
    )
    finding = verdicts.judge(rows, evidence(TABLE), "papers")["report"]
    assert finding.verdict == verdicts.DIFFERS
    assert "7.29%" in finding.text and "7.6% is India's (7.55%) share" in finding.text
    assert finding.computed == "7.29"  # the US share, whoever else's the stated number is

    rows = Rows()
    rows.observation(
        observation_id="papers", figure_id="paper-share", entity="US", period="2024", value="7.3",
        origin="article", source_id="article",
    )
    finding = verdicts.judge(rows, evidence(TABLE), "papers")["report"]
    assert finding.verdict == verdicts.REPRODUCES and "India" not in finding.text


@pytest.mark.parametrize(("stated", "verdict"), [("97,988", verdicts.REPRODUCES), ("97,206", verdicts.DIFFERS)])
def test_a_count_against_the_reports_data_reproduces_only_at_its_own_value(stated, verdict):
    rows = Rows()
    rows.observation(
        observation_id="patents", figure_id="patent-count-2024", entity="China", period="2024", value=stated,
        origin="article", source_id="article",
    )
    finding = verdicts.judge(rows, evidence(TABLE), "patents")["report"]
    assert finding.verdict == verdict and "97,988" in finding.text and finding.computed == "97988"
    assert finding.source_id == "ai-index-2026-data" and finding.locator == "fig_1.7.3.csv"
