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
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

from packbuild import aiindex, aiindex2026, arena_verdicts, epoch
from packbuild.findings import (
    DIFFERS, NOT_CHECKABLE, RECOUNT, REPORT, REPORT_NAME, REPRODUCES, TRADING, UNDER_RULE, VERDICTS,
    Claim, Evidence, Finding, possessive, rounds_to, whole_number,
)
from packbuild.rows import BuildError, Rows

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
        return Finding(REPRODUCES, text + f" {claim.stated} matches under every rule.", *where, _count_text(counted[matches[0]]))
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
    return Finding(UNDER_RULE, text, *where, _count_text(counted[matches[0]]))


def _models_report(evidence: Evidence, claim: Claim) -> Finding:
    found = aiindex2026.notable_models(evidence.sources).get((claim.year, claim.entity))
    return _exact(claim, found, f"{claim.entity} notable AI models in {claim.year}")


def _exact(claim: Claim, found: aiindex2026.Cited | None, what: str, *, unit: str = "") -> Finding:
    """The stated value against one number of the report's data, at the stated precision."""
    if found is None:
        return Finding(NOT_CHECKABLE, f"{REPORT_NAME} have no value for {what}.", aiindex2026.SOURCE)
    decimals = len(claim.stated.partition(".")[2])
    places = max(decimals, 2) if unit == "%" else decimals
    shown = f"{found.value:,.{places}f}{unit}"
    stated = f"{claim.number:,.{decimals}f}{unit}"
    text = f"{REPORT_NAME} ({found.locator}) give {shown} for {what}"
    computed = f"{found.value:.{places}f}"
    if rounds_to(found.value, claim.stated):
        return Finding(REPRODUCES, text + f", which is the stated {stated}.", found.source_id, found.locator, computed)
    difference = claim.number - found.value
    return Finding(
        DIFFERS, text + f", not the stated {stated} (the article's is {difference:+,.{decimals}f}{' points' if unit == '%' else ''}).",
        found.source_id, found.locator, computed,
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
        finding = _exact(claim, shares.get((claim.year, claim.entity)), f"{possessive(claim.entity)} share of {what} in {claim.year}", unit="%")
        if finding.verdict == DIFFERS:
            # Whose share the stated number is, if anyone's.
            owners = [
                f"{area}'s ({cited.value:.2f}%)" for (year, area), cited in sorted(shares.items())
                if year == claim.year and rounds_to(cited.value, claim.stated)
            ]
            if owners:
                finding = replace(finding, text=finding.text + f" {claim.stated}% is {' and '.join(owners)} share.")
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
    series = {year: f"{whole_number(count)} granted worldwide, {shares[(year, 'China')]:.1f}% to China" for year, count in granted.items() if (year, "China") in shares}
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
        finding = replace(
            finding,
            text=finding.text + f" CSET counts all AI publications, a different basis, and ends in {year}: {claim.entity} "
            f"{whole_number(cset[(year, claim.entity)])} of {whole_number(cset[(year, 'World')])} ({share:.1f}%).",
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
    finding = _exact(claim, found, f"{possessive(claim.entity)} papers among the 100 most cited of {claim.year}")
    if found is None:
        return finding
    # The chart was published as a PDF only: say that its numbers were read off it.
    return replace(
        finding,
        text=finding.text.replace(f"({found.locator})", "(fig_1.6.11, published as a chart only; its labels transcribed)"),
        locator="fig_1.6.11.pdf, labels read by position",
    )


# -- dispatch ------------------------------------------------------------------------


def _checkers(claim: Claim) -> tuple[Callable[[Evidence, Claim], Finding], Callable[..., Finding]]:
    """The report check and the recount for a claim, chosen by its figure and kind."""
    figure = claim.figure_id
    if figure == "performance-gap":
        if TRADING in claim.wording:
            return arena_verdicts.trading_report, arena_verdicts.trading_recount
        return (arena_verdicts.matched_report, arena_verdicts.matched_recount) if claim.wording else (arena_verdicts.lead_report, arena_verdicts.lead_recount)
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
                text=finding.text, source_id=finding.source_id, locator=finding.locator, computed=finding.computed,
            )
