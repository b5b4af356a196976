"""The checks of the article's Arena claims: a lead in percent, "matched some of the top
systems", and "trading leads", each against the report's chart and the leaderboard files.

Two scores are told apart only where their 95% intervals allow it (``tie_points``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from statistics import median

from packbuild import aiindex2026, arena
from packbuild.findings import (
    DIFFERS, LEADS_FROM, NOT_CHECKABLE, REPORT_NAME, REPRODUCES, Claim, Evidence, Finding, rounds_to,
)
from packbuild.rows import BuildError


def tie_points(evidence: Evidence) -> float:
    """How close two top scores can be and still not be told apart: the median of the two
    leaders' 95% interval half-widths added up, over every snapshot whose file gives them."""
    widths = []
    for month in evidence.months:
        by_date: dict[str, dict[str, arena.Leader]] = {}
        for leader in month.snapshots:
            by_date.setdefault(leader.date, {})[leader.side] = leader
        for sides in by_date.values():
            if len(sides) == 2 and all(l.low is not None and l.high is not None for l in sides.values()):
                widths.append(sum((l.high - l.low) / 2 for l in sides.values()))
    if not widths:
        raise BuildError("no Arena file gives 95% intervals, so a tie cannot be told from a lead")
    return median(widths)


def win_rate(gap_points: float) -> float:
    """How often the higher-rated model wins a head-to-head vote, as an Elo-style gap implies (base 10, scale 400)."""
    return 1 / (1 + 10 ** (-gap_points / 400))


def gap_text(us: float, china: float) -> str:
    return (
        f"{us - china:+.0f} points, {100 * (us - china) / china:.2f}% of China's score "
        f"and {100 * (us - china) / us:.2f}% of the US score; on the Arena's scale a gap of that size means "
        f"the US model would win {100 * win_rate(us - china):.0f}% of head-to-head votes"
    )


def lead_report(evidence: Evidence, claim: Claim) -> Finding:
    """A lead stated in percent against the report's monthly best scores, under either denominator."""
    chart = aiindex2026.arena_best(evidence.sources)
    month = claim.period
    if (month, "US") not in chart or (month, "China") not in chart:
        return Finding(NOT_CHECKABLE, f"{REPORT_NAME} chart no Arena scores for {month}.", aiindex2026.SOURCE)
    us, china = chart[(month, "US")], chart[(month, "China")]
    of_china, of_us = 100 * (us.value - china.value) / china.value, 100 * (us.value - china.value) / us.value
    text = (
        f"{REPORT_NAME} ({us.locator}) give the best US model {us.value:.0f} and the best Chinese model "
        f"{china.value:.0f} in {month}: {gap_text(us.value, china.value)}."
    )
    matches = [name for name, gap in (("China's score", of_china), ("the US score", of_us)) if rounds_to(gap, claim.stated)]
    computed = f"{of_china:.2f}"  # a gap is a share of China's score, as the AI Index 2025 gives it
    if matches:
        return Finding(REPRODUCES, text + f" The stated {claim.stated}% is the gap as a share of {matches[0]}. The chart does not name the models.", us.source_id, us.locator, computed)
    return Finding(DIFFERS, text + f" Neither is the stated {claim.stated}%.", us.source_id, us.locator, computed)


def lead_recount(evidence: Evidence, claim: Claim) -> Finding:
    """A lead stated in percent against the month's best scores in the leaderboard files."""
    month = evidence.month(claim.period)
    if month is None:
        return Finding(NOT_CHECKABLE, f"No Arena file here covers {claim.period}.")
    us, china = month.best["US"], month.best["China"]
    where = f"{Path(month.file.path).name}, {month.file.variant}"
    text = (
        f"The month's best scores in the leaderboard files ({where}) are {us.model} ({us.organisation}) "
        f"{score(us)} and {china.model} ({china.organisation}) {score(china)}: {gap_text(us.score, china.score)}."
    )
    if month.file.partial:
        return Finding(NOT_CHECKABLE, text + f" That file lists {month.file.partial}, so China's best may be missing.", month.file.source_id, where)
    if month.tied:
        return Finding(DIFFERS, text + " Their 95% intervals overlap: no lead can be told.", month.file.source_id, where)
    of_china = 100 * month.gap_points / china.score
    matches = [name for name, gap in (("China's score", of_china), ("the US score", month.gap_percent_of_us)) if rounds_to(gap, claim.stated)]
    named = claim.entity.split("'", 1)[0]  # "Anthropic's model over ..." names the lab
    computed = f"{of_china:.2f}"
    if us.organisation != named:
        return Finding(DIFFERS, text + f" The US leader is {us.organisation}'s, not {named}'s.", month.file.source_id, where, computed)
    if matches:
        return Finding(REPRODUCES, text + f" The stated {claim.stated}% is the gap as a share of {matches[0]}; the intervals do not overlap.", month.file.source_id, where, computed)
    return Finding(DIFFERS, text + f" Neither is the stated {claim.stated}%.", month.file.source_id, where, computed)


def score(leader: arena.Leader) -> str:
    if leader.low is None or leader.high is None:
        return f"{leader.score:.0f}"
    return f"{leader.score:.0f} (95% interval {leader.low:.0f} to {leader.high:.0f})"


def matched_report(evidence: Evidence, claim: Claim) -> Finding:
    """'Matched some of the top systems' against the report's two best scores: a tie within the usual intervals."""
    chart = aiindex2026.arena_best(evidence.sources)
    tie = tie_points(evidence)
    if (claim.period, "US") not in chart:
        return Finding(NOT_CHECKABLE, f"{REPORT_NAME} chart no Arena scores for {claim.period}.", aiindex2026.SOURCE)
    us, china = chart[(claim.period, "US")], chart[(claim.period, "China")]
    gap = us.value - china.value
    text = (
        f"{REPORT_NAME} ({us.locator}) chart only each side's best model: in {claim.period} the US {us.value:.0f} "
        f"and China {china.value:.0f}, {gap:.0f} points apart. Two top models' 95% intervals, where the leaderboard "
        f"files give them, add up to {tie:.1f} points (median)"
    )
    if abs(gap) <= tie:
        return Finding(REPRODUCES, text + ", so the two cannot be told apart: China's best matched the top US system.", us.source_id, us.locator)
    return Finding(DIFFERS, text + f"; a gap of {gap:.0f} points is a lead, not a match.", us.source_id, us.locator)


def matched_recount(evidence: Evidence, claim: Claim) -> Finding:
    """'Matched some of the top systems in the US': China's best against the US models of each snapshot's top ten."""
    month = evidence.month(claim.period)
    if month is None:
        return Finding(NOT_CHECKABLE, f"No Arena file here covers {claim.period}.")
    where = f"{Path(month.file.path).name}, {month.file.variant}"
    dates = sorted({leader.date for leader in month.snapshots})
    matched_in, ranks, china_scores, below, above = 0, [], [], {}, {}
    for date in dates:
        top = evidence.tops.get((month.file, date), ())
        china = next((r for r in top if r.leader.side == "China"), None)
        if china is None:
            continue
        ranks.append(china.rank)
        china_scores.append(china.leader.score)
        us_models = [r for r in top if r.leader.side == "US"]
        under = [r for r in us_models if r.leader.score <= china.leader.score]
        for r in under:
            below.setdefault(r.leader.model, []).append(r.leader.score)
        for r in us_models:
            if r.leader.score > china.leader.score:
                above.setdefault(r.leader.model, []).append(r.leader.score)
        matched_in += bool(under)
    if not ranks:
        return Finding(DIFFERS, f"China's best model is not among the top {arena.TOP_RANKS} in any snapshot of {claim.period} ({where}).", month.file.source_id, where)
    china_models = sorted({l.model for l in month.snapshots if l.side == "China"})

    def spread(values: list[float]) -> str:
        return f"{min(values):.0f}" if round(min(values)) == round(max(values)) else f"{min(values):.0f} to {max(values):.0f}"

    def listed(found: dict[str, list[float]]) -> str:
        return ", ".join(f"{model} ({spread(scores)})" for model, scores in sorted(found.items(), key=lambda i: -max(i[1])))

    text = (
        f"In the {len(dates)} leaderboard snapshots of {claim.period} ({where}), {' and '.join(china_models)} ranked "
        f"{spread(ranks)} overall with {spread(china_scores)}. Of the US models in each snapshot's top {arena.TOP_RANKS}, "
        f"it scored at or above {listed(below) or 'none'}, and below {listed(above) or 'none'}."
    )
    if matched_in == len(ranks):
        return Finding(REPRODUCES, text + " It matched some of the top US systems, not the best one.", month.file.source_id, where)
    return Finding(DIFFERS, text + f" It was level with or above a top US model in {matched_in} of {len(ranks)} snapshots only.", month.file.source_id, where)


@dataclass(frozen=True)
class Leads:
    """Who led in the leaderboard snapshots from LEADS_FROM on, counted from files that rank every lab."""

    us: dict[str, int]  # year -> snapshots the US best led
    china: dict[str, int]
    level: dict[str, int]  # 95% intervals overlap
    left_out: int  # snapshots of files that miss some Chinese labs
    first: str
    last: str
    files: tuple[arena.ArenaFile, ...]  # the files counted, in order


def leads(evidence: Evidence) -> Leads:
    tallies: dict[str, dict[str, int]] = {"US": {}, "China": {}, "level": {}}
    left_out, dates, files = 0, [], []
    for month in evidence.months:
        if month.month < LEADS_FROM:
            continue
        by_date: dict[str, dict[str, arena.Leader]] = {}
        for leader in month.snapshots:
            by_date.setdefault(leader.date, {})[leader.side] = leader
        for date, sides in sorted(by_date.items()):
            if len(sides) < 2:
                continue
            if month.file.partial:
                left_out += 1
                continue
            us, china = sides["US"], sides["China"]
            overlap = None not in (us.low, us.high, china.low, china.high) and us.low <= china.high and china.low <= us.high
            key = "level" if overlap or us.score == china.score else "US" if us.score > china.score else "China"
            year = date[:4]
            tallies[key][year] = tallies[key].get(year, 0) + 1
            dates.append(date)
            if month.file not in files:
                files.append(month.file)
    return Leads(
        tallies["US"], tallies["China"], tallies["level"], left_out, min(dates, default=""), max(dates, default=""), tuple(files),
    )


def trading_recount(evidence: Evidence, claim: Claim) -> Finding:
    found = leads(evidence)
    us, china, level = (sum(t.values()) for t in (found.us, found.china, found.level))
    text = (
        f"In the {us + china + level} leaderboard snapshots from {found.first} to {found.last} whose files rank every lab, "
        f"the best US model led in {us}, the best Chinese model in {china}, and in {level} their 95% intervals overlapped"
    )
    if found.left_out:
        text += f"; {found.left_out} snapshots of a file that misses some Chinese labs are left out"
    names = ", ".join(Path(file.path).name for file in found.files)
    source = found.files[-1].source_id if found.files else ""
    if us and china:
        return Finding(REPRODUCES, text + ". Both sides led at some point.", source, names)
    return Finding(DIFFERS, text + f". {'China' if not china else 'The US'} never led.", source, names)


def trading_report(evidence: Evidence, claim: Claim) -> Finding:
    chart = aiindex2026.arena_best(evidence.sources)
    tie = tie_points(evidence)
    months = sorted({month for month, _ in chart if month >= LEADS_FROM})
    tally = {"US": 0, "China": 0, "level": 0}
    level_months = []
    for month in months:
        gap = chart[(month, "US")].value - chart[(month, "China")].value
        if abs(gap) <= tie:
            tally["level"] += 1
            level_months.append(month)
        else:
            tally["US" if gap > 0 else "China"] += 1
    locator = chart[(months[0], "US")].locator if months else ""
    text = (
        f"{REPORT_NAME} ({locator}) give each side's best score in {len(months)} months from {months[0]} to {months[-1]}: "
        f"the US led in {tally['US']}, China in {tally['China']}, and in {tally['level']} "
        f"({', '.join(level_months) or 'none'}) the two were within {tie:.1f} points, the median of two top models' "
        f"95% intervals added up"
    ) if months else f"{REPORT_NAME} chart no Arena month from {LEADS_FROM}"
    if tally["US"] and tally["China"]:
        return Finding(REPRODUCES, text + ". Both sides led at some point.", aiindex2026.SOURCE, locator)
    return Finding(DIFFERS, text + f". {'China' if not tally['China'] else 'The US'} never led.", aiindex2026.SOURCE, locator)
