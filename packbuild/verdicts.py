"""Two verdicts on each of the article's values, each decided by a comparison made here.

The first check asks whether the article reports its source faithfully: the
value against the AI Index 2026's own public data. The second asks whether the
finding holds up: the value against a recount from raw public files (Epoch AI's
model table, Arena leaderboard files). Each verdict is a note of kind
``verdict`` with its check, one of VERDICTS, and a sentence whose every number
comes from the same comparison that chose the verdict; a refreshed source that
changes the numbers changes label and sentence together.

Which checker judges a value follows from its figure; the value's own period,
entity and stated number say what to compare.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path
from statistics import median

from packbuild import aiindex, aiindex2026, arena, epoch
from packbuild.rows import BuildError, Rows

REPRODUCES = "reproduces"
UNDER_RULE = "reproduces-under-rule"
DIFFERS = "differs"
NOT_CHECKABLE = "not-checkable"
VERDICTS = (REPRODUCES, UNDER_RULE, DIFFERS, NOT_CHECKABLE)
REPORT, RECOUNT = "report", "recount"
CHECKS = (REPORT, RECOUNT)
LEADS_FROM = "2025-01"  # "since early 2025": the months counted for who led
TRADING = "trading leads"  # the article's words that make a claim about who led, not about one gap
REPORT_NAME = "The AI Index 2026 data"


def rounds_to(value: float, stated: str) -> bool:
    """Whether ``value`` rounds, half up, to ``stated`` at the precision it is written with."""
    step = Decimal(1).scaleb(-len(stated.partition(".")[2]))
    return Decimal(repr(float(value))).quantize(step, rounding=ROUND_HALF_UP) == Decimal(stated.replace(",", ""))


@dataclass(frozen=True)
class Finding:
    """A verdict with the sentence that gives its numbers and the source they come from."""

    verdict: str
    text: str
    source_id: str = ""
    locator: str = ""


@dataclass(frozen=True)
class Evidence:
    """Everything the checks compare with, read once by the build."""

    sources: Path
    months: tuple[arena.Month, ...]
    tops: dict[tuple[arena.ArenaFile, str], tuple[arena.Ranked, ...]]
    download: epoch.Download

    def month(self, month: str) -> arena.Month | None:
        return next((m for m in self.months if m.month == month), None)


@dataclass(frozen=True)
class Claim:
    """One article value as the hand-entered table states it."""

    observation_id: str
    figure_id: str
    entity: str
    period: str
    stated: str  # the value as written
    wording: str

    @classmethod
    def of(cls, rows: Rows, observation_id: str) -> Claim:
        row = rows.row(observation_id)
        return cls(observation_id, row["figure_id"], row["entity"], row["period"], row["value"], row["wording"])

    @property
    def year(self) -> int:
        return int(self.period[:4])

    @property
    def number(self) -> float:
        return float(self.stated.replace(",", ""))


def _whole(value: float) -> str:
    return f"{value:,.0f}"


def _possessive(entity: str) -> str:
    return "the US's" if entity == "US" else f"{entity}'s"


def _side(entity: str) -> str:
    """US or China from the article's wording of an entity."""
    for side in arena.SIDES:
        if entity == side or entity.startswith(side + " "):
            return side
    raise BuildError(f"no side in entity {entity!r}")


# -- notable models ----------------------------------------------------------------


def model_rule_counts(download: epoch.Download, year: int, entity: str) -> dict[epoch.Rule, Fraction]:
    years = download.years
    if year not in years:
        return {}
    return {rule: epoch.total(epoch.counts(download.models, rule, years)[(year, entity)]) for rule in epoch.RULES}


def matching_rules(download: epoch.Download, claim: Claim) -> tuple[epoch.Rule, ...]:
    """The counting rules under which the newest download gives the stated count."""
    counted = model_rule_counts(download, claim.year, claim.entity)
    return tuple(rule for rule, count in counted.items() if count == Fraction(claim.stated))


def _count_text(count: Fraction) -> str:
    return str(count.numerator) if count.denominator == 1 else f"{float(count):.2f}"


def _models_recount(evidence: Evidence, claim: Claim, others: list[Claim]) -> Finding:
    download = evidence.download
    counted = model_rule_counts(download, claim.year, claim.entity)
    where = ("epoch-notable", f"{download.name}, Publication date and Country (of organization)")
    if not counted:
        return Finding(NOT_CHECKABLE, f"Epoch AI's download of {download.date} has no models published in {claim.year}.", *where)
    matches = matching_rules(download, claim)
    by_rule = "; ".join(f"{_count_text(count)} when {rule.title}" for rule, count in counted.items())
    text = f"Epoch AI's download of {download.date} gives {claim.entity} in {claim.year}: {by_rule}."
    if download.partial(claim.year):
        text += f" {claim.year} was not over when it was downloaded."
    if len(matches) == len(counted):
        return Finding(REPRODUCES, text + f" {claim.stated} matches under every rule.", *where)
    if not matches:
        return Finding(DIFFERS, text + f" {claim.stated} matches under none of them.", *where)
    text += f" {claim.stated} matches only when {' or when '.join(rule.title for rule in matches)}."
    for other in others:
        theirs = matching_rules(download, other)
        if theirs and not set(theirs) & set(matches):
            text += (
                f" The article's {other.entity} {other.stated} matches only when "
                f"{' or when '.join(rule.title for rule in theirs)}: the two counts follow different rules."
            )
    return Finding(UNDER_RULE, text, *where)


def _models_report(evidence: Evidence, claim: Claim) -> Finding:
    found = aiindex2026.notable_models(evidence.sources).get((claim.year, claim.entity))
    return _exact(claim, found, f"{claim.entity} notable AI models in {claim.year}")


def _exact(claim: Claim, found: aiindex2026.Cited | None, what: str, *, unit: str = "") -> Finding:
    """The stated value against one number of the report's data, at the stated precision."""
    if found is None:
        return Finding(NOT_CHECKABLE, f"{REPORT_NAME} have no value for {what}.", aiindex2026.SOURCE)
    decimals = len(claim.stated.partition(".")[2])
    shown = f"{found.value:,.{max(decimals, 2) if unit == '%' else decimals}f}{unit}"
    stated = f"{claim.number:,.{decimals}f}{unit}"
    text = f"{REPORT_NAME} ({found.locator}) give {shown} for {what}"
    if rounds_to(found.value, claim.stated):
        return Finding(REPRODUCES, text + f", which is the stated {stated}.", found.source_id, found.locator)
    difference = claim.number - found.value
    return Finding(
        DIFFERS, text + f", not the stated {stated} (the article's is {difference:+,.{decimals}f}{' points' if unit == '%' else ''}).",
        found.source_id, found.locator,
    )


# -- patents and papers --------------------------------------------------------------


def _patent_count_report(evidence: Evidence, claim: Claim) -> Finding:
    if claim.entity == "World":
        found = aiindex2026.patents_granted(evidence.sources).get(claim.year)
    else:
        found = aiindex2026.patents_by_area(evidence.sources).get((claim.year, claim.entity))
    return _exact(claim, found, f"AI patents granted to {claim.entity} in {claim.year}" if claim.entity != "World" else f"AI patents granted worldwide in {claim.year}")


def _share_report(table: Callable[[Path], dict[tuple[int, str], aiindex2026.Cited]], what: str) -> Callable[[Evidence, Claim], Finding]:
    def check(evidence: Evidence, claim: Claim) -> Finding:
        shares = table(evidence.sources)
        finding = _exact(claim, shares.get((claim.year, claim.entity)), f"{_possessive(claim.entity)} share of {what} in {claim.year}", unit="%")
        if finding.verdict == DIFFERS:
            # Whose share the stated number is, if anyone's.
            owners = [
                f"{area}'s ({cited.value:.2f}%)" for (year, area), cited in sorted(shares.items())
                if year == claim.year and rounds_to(cited.value, claim.stated)
            ]
            if owners:
                finding = Finding(
                    finding.verdict, finding.text + f" {claim.stated}% is {' and '.join(owners)} share.",
                    finding.source_id, finding.locator,
                )
        return finding
    return check


def _no_independent_count(what: str, series: dict[int, str]) -> Callable[[Evidence, Claim], Finding]:
    """For values no raw public file counts: not checkable, with what the earlier edition's data says."""
    def check(evidence: Evidence, claim: Claim) -> Finding:
        last = max(series) if series else None
        text = f"No raw public file here counts {what}, so there is nothing to recount independently."
        if last is not None:
            text += f" The AI Index 2025 edition's data, from the same publisher, ends in {last}: {series[last]}."
        return Finding(NOT_CHECKABLE, text, aiindex.DATA_SOURCE if series else "", aiindex.DATA_LOCATOR if series else "")
    return check


def _patents_recount(evidence: Evidence, claim: Claim) -> Finding:
    granted = aiindex.patents_granted(evidence.sources)
    shares = aiindex.patent_share(evidence.sources)
    series = {year: f"{_whole(count)} granted worldwide, {shares[(year, 'China')]:.1f}% to China" for year, count in granted.items() if (year, "China") in shares}
    return _no_independent_count("granted AI patents", series)(evidence, claim)


def _papers_recount(evidence: Evidence, claim: Claim) -> Finding:
    papers = aiindex.paper_share(evidence.sources)
    cset = aiindex.cset_publications(evidence.sources)
    series = {year: f"{claim.entity} {share:.1f}% of AI publications in computer science" for (year, entity), share in papers.items() if entity == claim.entity}
    finding = _no_independent_count("AI publications in computer science by country", series)(evidence, claim)
    cset_years = [year for year, entity in cset if entity == claim.entity and (year, "World") in cset]
    if cset_years:
        year = max(cset_years)
        share = 100 * cset[(year, claim.entity)] / cset[(year, "World")]
        finding = Finding(
            finding.verdict,
            finding.text + f" CSET counts all AI publications, a different basis, and ends in {year}: {claim.entity} "
            f"{_whole(cset[(year, claim.entity)])} of {_whole(cset[(year, 'World')])} ({share:.1f}%).",
            finding.source_id, finding.locator,
        )
    return finding


def _cited_recount(evidence: Evidence, claim: Claim) -> Finding:
    cited = aiindex.most_cited(evidence.sources)
    years = sorted(year for year, entity in cited if entity == claim.entity)
    found = cited.get((claim.year, claim.entity))
    text = "No raw public file here ranks the most-cited AI papers, so there is nothing to recount independently."
    if found is not None:
        agrees = "agrees" if found == int(claim.number) else f"gives {found}, not {claim.stated}"
        text += f" The AI Index 2025 edition's data, from the same publisher, {agrees} for {claim.entity} in {claim.year}."
    elif years:
        text += f" The AI Index 2025 edition's data ends in {years[-1]}, with {claim.entity} at {cited[(years[-1], claim.entity)]}."
    return Finding(NOT_CHECKABLE, text, aiindex.DATA_SOURCE, aiindex.DATA_LOCATOR)


def _cited_report(evidence: Evidence, claim: Claim) -> Finding:
    found = aiindex2026.most_cited(evidence.sources).get((claim.year, claim.entity))
    finding = _exact(claim, found, f"{_possessive(claim.entity)} papers among the 100 most cited of {claim.year}")
    if found is None:
        return finding
    # The chart was published as a PDF only: say that its numbers were read off it.
    return Finding(
        finding.verdict,
        finding.text.replace(f"({found.locator})", "(fig_1.6.11, published as a chart only; its labels transcribed)"),
        finding.source_id, "fig_1.6.11.pdf, labels read by position",
    )


# -- the Arena ------------------------------------------------------------------------


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


def _gap_text(us: float, china: float) -> str:
    return (
        f"{us - china:+.0f} points, {100 * (us - china) / china:.2f}% of China's score "
        f"and {100 * (us - china) / us:.2f}% of the US score; on the Arena's scale a gap of that size means "
        f"the US model would win {100 * win_rate(us - china):.0f}% of head-to-head votes"
    )


def _lead_report(evidence: Evidence, claim: Claim) -> Finding:
    """A lead stated in percent against the report's monthly best scores, under either denominator."""
    chart = aiindex2026.arena_best(evidence.sources)
    month = claim.period
    if (month, "US") not in chart or (month, "China") not in chart:
        return Finding(NOT_CHECKABLE, f"{REPORT_NAME} chart no Arena scores for {month}.", aiindex2026.SOURCE)
    us, china = chart[(month, "US")], chart[(month, "China")]
    of_china, of_us = 100 * (us.value - china.value) / china.value, 100 * (us.value - china.value) / us.value
    text = (
        f"{REPORT_NAME} ({us.locator}) give the best US model {us.value:.0f} and the best Chinese model "
        f"{china.value:.0f} in {month}: {_gap_text(us.value, china.value)}."
    )
    matches = [name for name, gap in (("China's score", of_china), ("the US score", of_us)) if rounds_to(gap, claim.stated)]
    if matches:
        return Finding(REPRODUCES, text + f" The stated {claim.stated}% is the gap as a share of {matches[0]}. The chart does not name the models.", us.source_id, us.locator)
    return Finding(DIFFERS, text + f" Neither is the stated {claim.stated}%.", us.source_id, us.locator)


def _lead_recount(evidence: Evidence, claim: Claim) -> Finding:
    """A lead stated in percent against the month's best scores in the leaderboard files."""
    month = evidence.month(claim.period)
    if month is None:
        return Finding(NOT_CHECKABLE, f"No Arena file here covers {claim.period}.")
    us, china = month.best["US"], month.best["China"]
    where = f"{Path(month.file.path).name}, {month.file.variant}"
    text = (
        f"The month's best scores in the leaderboard files ({where}) are {us.model} ({us.organisation}) "
        f"{_score(us)} and {china.model} ({china.organisation}) {_score(china)}: {_gap_text(us.score, china.score)}."
    )
    if month.file.partial:
        return Finding(NOT_CHECKABLE, text + f" That file lists {month.file.partial}, so China's best may be missing.", month.file.source_id, where)
    if month.tied:
        return Finding(DIFFERS, text + " Their 95% intervals overlap: no lead can be told.", month.file.source_id, where)
    matches = [name for name, gap in (("China's score", 100 * month.gap_points / china.score), ("the US score", month.gap_percent_of_us)) if rounds_to(gap, claim.stated)]
    named = claim.entity.split("'", 1)[0]  # "Anthropic's model over ..." names the lab
    if us.organisation != named:
        return Finding(DIFFERS, text + f" The US leader is {us.organisation}'s, not {named}'s.", month.file.source_id, where)
    if matches:
        return Finding(REPRODUCES, text + f" The stated {claim.stated}% is the gap as a share of {matches[0]}; the intervals do not overlap.", month.file.source_id, where)
    return Finding(DIFFERS, text + f" Neither is the stated {claim.stated}%.", month.file.source_id, where)


def _score(leader: arena.Leader) -> str:
    if leader.low is None or leader.high is None:
        return f"{leader.score:.0f}"
    return f"{leader.score:.0f} (95% interval {leader.low:.0f} to {leader.high:.0f})"


def _matched_report(evidence: Evidence, claim: Claim) -> Finding:
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


def _matched_recount(evidence: Evidence, claim: Claim) -> Finding:
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


def _trading_recount(evidence: Evidence, claim: Claim) -> Finding:
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


def _trading_report(evidence: Evidence, claim: Claim) -> Finding:
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


# -- dispatch ------------------------------------------------------------------------


def _checkers(claim: Claim) -> tuple[Callable[[Evidence, Claim], Finding], Callable[..., Finding]]:
    """The report check and the recount for a claim, chosen by its figure and kind."""
    figure = claim.figure_id
    if figure == "performance-gap":
        if TRADING in claim.wording:
            return _trading_report, _trading_recount
        return (_matched_report, _matched_recount) if claim.wording else (_lead_report, _lead_recount)
    if figure == "notable-models":
        return _models_report, _models_recount
    if figure == "patent-count-2024":
        return _patent_count_report, _patents_recount
    if figure == "patent-share":
        return _share_report(aiindex2026.patent_share, "granted AI patents"), _patents_recount
    if figure == "paper-share":
        return _share_report(aiindex2026.paper_share, "AI publications in computer science"), _papers_recount
    if figure == "most-cited":
        return _cited_report, _cited_recount
    raise BuildError(f"{claim.observation_id}: no check is defined for article values of figure {figure!r}")


def judge(rows: Rows, evidence: Evidence, observation_id: str) -> dict[str, Finding]:
    """Both verdicts on one article value."""
    claim = Claim.of(rows, observation_id)
    report, recount = _checkers(claim)
    findings = {REPORT: report(evidence, claim)}
    if recount is _models_recount:
        others = [Claim.of(rows, i) for i in rows.article_ids() if i != observation_id and rows.figure_of(i) == claim.figure_id]
        findings[RECOUNT] = _models_recount(evidence, claim, others)
    else:
        findings[RECOUNT] = recount(evidence, claim)
    return findings


def add(rows: Rows, evidence: Evidence) -> None:
    """Both verdicts on every article value, as notes."""
    for observation_id in rows.article_ids():
        for check, finding in judge(rows, evidence, observation_id).items():
            if finding.verdict not in VERDICTS:
                raise BuildError(f"unknown verdict {finding.verdict!r}")
            rows.note(
                note_id=f"verdict-{check}-{observation_id}", figure_id=rows.figure_of(observation_id),
                observation_id=observation_id, kind="verdict", verdict=finding.verdict, check=check,
                text=finding.text, source_id=finding.source_id, locator=finding.locator,
            )
