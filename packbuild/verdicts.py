"""A verdict on each of the article's values, recomputed from the public files.

Each verdict is a note of kind ``verdict`` on the article's value, with one of
VERDICTS and a text that gives the numbers behind it. Where the verdict follows
from a comparison, the comparison decides it here, so a refreshed source that
changes the numbers changes the verdict too.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from packbuild import aiindex, arena, epoch
from packbuild.rows import BuildError, Rows

REPRODUCES = "reproduces"
UNDER_RULE = "reproduces-under-rule"
DIFFERS = "differs"
NOT_CHECKABLE = "not-checkable"
VERDICTS = (REPRODUCES, UNDER_RULE, DIFFERS, NOT_CHECKABLE)
CHART_DATA = (aiindex.DATA_SOURCE, aiindex.DATA_LOCATOR)  # source and locator of the chapter 1 chart data


def rounds_to(value: float, stated: str) -> bool:
    step = Decimal(1).scaleb(-len(stated.partition(".")[2]))
    return Decimal(repr(value)).quantize(step, rounding=ROUND_HALF_UP) == Decimal(stated)


def _verdict(rows: Rows, observation_id: str, verdict: str, text: str, source_id: str = "", locator: str = "") -> None:
    if verdict not in VERDICTS:
        raise BuildError(f"unknown verdict {verdict!r}")
    rows.note(
        note_id=f"verdict-{observation_id}", figure_id=rows.figure_of(observation_id), observation_id=observation_id, kind="verdict",
        verdict=verdict, text=text, source_id=source_id, locator=locator,
    )


def _month(months: list[arena.Month], month: str) -> arena.Month:
    for m in months:
        if m.month == month:
            return m
    raise BuildError(f"no Arena data for {month}")


def add(rows: Rows, sources: Path, months: list[arena.Month], models: list[epoch.Model]) -> None:
    _gap_verdicts(rows, sources, months)
    _model_verdicts(rows, models)
    _patent_verdicts(rows, sources)
    _paper_verdicts(rows, sources)


def _gap_verdicts(rows: Rows, sources: Path, months: list[arena.Month]) -> None:
    february = _month(months, "2025-02")
    gaps = [gap for _, gap in february.snapshot_gaps()]
    china = [l.score for l in february.snapshots if l.side == "China"]
    us = [l.score for l in february.snapshots if l.side == "US"]
    china_models = sorted({l.model for l in february.snapshots if l.side == "China"})
    chart = aiindex.arena_chart(sources)
    chart_us, chart_china = chart[("2025-02", "US")], chart[("2025-02", "China")]
    level = min(gaps) <= 0
    _verdict(
        rows, "gap-deepseek-2025-02", REPRODUCES if level else DIFFERS,
        f"{' and '.join(china_models)} scored {min(china):.0f} to {max(china):.0f} in the {len(gaps)} leaderboard "
        f"snapshots of February 2025, against {min(us):.0f} to {max(us):.0f} for the best US model: a gap of "
        f"{min(gaps):.1f}% to {max(gaps):.1f}% of the US score, never level. The AI Index 2025 chart data gives "
        f"{chart_us:.1f} against {chart_china:.1f} for the month, {100 * (chart_us - chart_china) / chart_us:.2f}% "
        f"of the US score.",
        february.file.source_id, Path(february.file.path).name,
    )

    march = _month(months, "2026-03")
    first_date, first_gap = march.snapshot_gaps()[0]
    first = {l.side: l for l in march.snapshots if l.date == first_date}
    stated = rows.value("gap-anthropic-2026-03")
    march_gaps = [gap for _, gap in march.snapshot_gaps()]
    us_leader = first["US"]
    _verdict(
        rows, "gap-anthropic-2026-03",
        REPRODUCES if rounds_to(first_gap, stated) and us_leader.organisation == "Anthropic" else DIFFERS,
        f"On {first_date}, the first daily copy of the leaderboard, {us_leader.model} ({us_leader.organisation}) "
        f"scored {first['US'].score:.0f} and {first['China'].model} ({first['China'].organisation}) "
        f"{first['China'].score:.0f}: a gap of {first_gap:.2f}% of the US score. Over the month's "
        f"{len(march_gaps)} copies it ranged from {min(march_gaps):.2f}% to {max(march_gaps):.2f}%, and the "
        f"month's best scores give {march.gap_percent:.2f}%.",
        march.file.source_id, f"{first_date}.text.json",
    )


def _model_verdicts(rows: Rows, models: list[epoch.Model]) -> None:
    every, single = epoch.counts(models, epoch.EVERY), epoch.counts(models, epoch.SINGLE)
    for observation_id, entity in (("models-us-2025", "US"), ("models-china-2025", "China")):
        stated = int(rows.value(observation_id))
        by_every, by_single = len(every[(2025, entity)]), len(single[(2025, entity)])
        if by_every == stated and by_single == stated:
            verdict, rule = REPRODUCES, "under both counting rules"
        elif by_every == stated:
            verdict, rule = UNDER_RULE, "only when a model counts for every country it lists"
        elif by_single == stated:
            verdict, rule = UNDER_RULE, "only when single-country models alone count"
        else:
            verdict, rule = DIFFERS, "under neither counting rule"
        _verdict(
            rows, observation_id, verdict,
            f"Epoch AI's table gives {entity} {by_every} models for 2025 when a model counts for every country it "
            f"lists, and {by_single} when only single-country models count; {stated} matches {rule}. The article's "
            f"US 50 and China 30 come from different rules.",
            "epoch-notable", "Publication date and Country (of organization)",
        )


def _patent_verdicts(rows: Rows, sources: Path) -> None:
    granted = aiindex.patents_granted(sources)
    shares = aiindex.patent_share(sources)
    last = max(granted)
    china, world = float(rows.value("patents-china-2024")), float(rows.value("patents-world-2024"))
    computed = 100 * china / world
    _verdict(
        rows, "patent-share-china-2024", NOT_CHECKABLE,
        f"The public chart data ends in {last}, when China held {shares[(last, 'China')]:.1f}% of granted AI "
        f"patents and the US {shares[(last, 'US')]:.1f}%; 2024 is only in the 2026 edition. The article's own "
        f"counts give {china:,.0f} / {world:,.0f} = {computed:.2f}%, which rounds to {computed:.1f}%, not the "
        f"stated {rows.value('patent-share-china-2024')}%.",
        *CHART_DATA,
    )
    _verdict(
        rows, "patents-world-2024", NOT_CHECKABLE,
        f"The public chart data counts {granted[last]:,} AI patents granted worldwide in {last}, the last year it "
        f"covers; {world:,.0f} in 2024 would be a rise of {100 * (world / granted[last] - 1):.1f}%.",
        *CHART_DATA,
    )
    _verdict(
        rows, "patents-china-2024", NOT_CHECKABLE,
        f"The public chart data gives shares by country, not counts, and ends in {last}; its share for China "
        f"applied to the world total would be about {shares[(last, 'China')] * granted[last] / 100:,.0f} patents "
        f"in {last}.",
        *CHART_DATA,
    )


def _paper_verdicts(rows: Rows, sources: Path) -> None:
    papers = aiindex.paper_share(sources)
    cited = aiindex.most_cited(sources)
    cset = aiindex.cset_publications(sources)
    last = max(year for year, _ in papers)
    cset_last = max(year for year, _ in cset)

    def cset_share(entity: str) -> str:
        return f"{100 * cset[(cset_last, entity)] / cset[(cset_last, 'World')]:.1f}%"

    _verdict(
        rows, "papers-china-2024", NOT_CHECKABLE,
        f"The 2025 edition's data ends in {last} with China at {papers[(last, 'China')]:.1f}% of AI publications "
        f"in computer science ({papers[(last, 'Unknown')]:.1f}% of unknown country). The 2026 edition counts on "
        f"a different basis, so its 17.8% does not continue that series. CSET's count gives China "
        f"{cset_share('China')} of AI publications in {cset_last} ({cset[(cset_last, 'China')]:,} of "
        f"{cset[(cset_last, 'World')]:,}).",
        *CHART_DATA,
    )
    _verdict(
        rows, "papers-us-2024", NOT_CHECKABLE,
        f"The 2025 edition's data gives the US {papers[(last, 'US')]:.1f}% in {last}, and India "
        f"{papers[(last, 'India')]:.1f}%. Transcriptions of the 2026 report give 7.6% as India's 2024 share, not "
        f"the US's. CSET's count gives the US {cset_share('US')} in {cset_last}.",
        *CHART_DATA,
    )
    first, last_cited = min(year for year, _ in cited), max(year for year, _ in cited)
    for side in ("US", "China"):
        early_id, late_id = f"cited-{side.lower()}-{first}", f"cited-{side.lower()}-2024"
        stated = int(rows.value(early_id))
        found = cited[(first, side)]
        _verdict(
            rows, early_id, REPRODUCES if found == stated else DIFFERS,
            f"The AI Index 2025 chart data gives {side} {found} of the {first} top-100 most-cited AI papers"
            + ("." if found == stated else f", not {stated} ({found - stated:+d})."),
            *CHART_DATA,
        )
        series = ", ".join(f"{cited[(year, side)]} in {year}" for year in range(first, last_cited + 1))
        _verdict(
            rows, late_id, NOT_CHECKABLE,
            f"The 2025 edition's data ends in {last_cited}: {side} {series}. The 2024 count is only in the 2026 "
            f"edition, and the two editions are not known to count the same way.",
            *CHART_DATA,
        )
