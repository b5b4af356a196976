"""The overview as a fact-check: each value the article states, the numbers each check
arrives at, how far the article's value is from them, and the verdicts in words.

One row per article value; the same rows feed the overview screen, `show overview`
and the overview's CSV, JSON and Markdown exports, which a story can use as they are.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from aiindex_tui.output.figure_facts import value_with_unit
from aiindex_tui.pack.kinds import Check, NoteKind, Verdict
from aiindex_tui.pack.model import Figure, Note, Observation, Pack, decimals_of, format_number


FACT_CHECK_LEGEND = (
    "Each value of the article, checked against the report's own data (report) and recounted from raw public "
    "files (recount): the verdict, the number the check arrives at, and in brackets the article's value minus it"
)


def _number_with_unit(written: str, unit: str) -> str:
    """A plain number as written, with thousands separators, and a % where that is the unit."""
    decimals = decimals_of(written)
    shown = f"{float(written):,.{decimals}f}"
    return f"{shown}%" if unit == "%" else shown


def _difference(stated: Observation, computed: str) -> str:
    """The article's value minus the computed one, signed, at the computed number's precision;
    "0" where they are equal at that precision, "" for a value stated in words."""
    if stated.wording or not computed:
        return ""
    decimals = max(decimals_of(computed), stated.decimals)
    difference = stated.value - float(computed)
    if not math.isfinite(difference):  # two values near the float limits: no difference to say
        return ""
    difference = round(difference, decimals)
    return "0" if difference == 0 else format_number(difference, decimals, "+")


@dataclass(frozen=True, slots=True)
class CheckResult:
    """What one check of an article value found."""

    check: Check
    verdict: Verdict
    computed: str  # the check's number in the value's unit ("74.24%"), "" where it arrives at none
    difference: str  # the article's value minus the check's number ("-0.04"), "" where there is none
    computed_as_written: str  # the check's number as the pack writes it ("74.24"), for programs
    text: str
    citation: str
    locator: str

    @property
    def source(self) -> str:
        """The citation, and where in it."""
        return f"{self.citation}, {self.locator}" if self.locator else self.citation

    @property
    def cell(self) -> str:
        """A few words for a table: "differs 97,988 (-782)", "reproduces 50", "not checkable"."""
        parts = [self.verdict.short]
        if self.computed:
            parts.append(self.computed)
            if self.difference not in ("", "0"):
                parts.append(f"({self.difference})")
        return " ".join(parts)


@dataclass(frozen=True, slots=True)
class FactCheckRow:
    """One value the article states, with what each check makes of it."""

    figure: Figure
    observation: Observation
    value: str  # with its unit, or the article's words in quotes
    report: CheckResult | None
    recount: CheckResult | None  # a verdict that names no check counts as the recount
    cross_check: str  # a stated share computed from its counts, "74.13% (+0.07)"; "" where there is none
    cross_check_text: str  # that cross-check's sentence
    notes: str  # "caveat" and "cross-check" where notes of those kinds are on the value, with that number

    @property
    def checks(self) -> str:
        """Both checks, each named, then the other notes: "report: reproduces 50, recount: differs"."""
        parts = [
            f"report: {self.report.cell}" if self.report else "",
            f"recount: {self.recount.cell}" if self.recount else "",
            self.notes,
        ]
        return ", ".join(part for part in parts if part)


def _result(pack: Pack, figure: Figure, obs: Observation, note: Note) -> CheckResult:
    source = pack.sources.get(note.source_id)
    computed = _number_with_unit(note.computed, figure.unit) if note.computed else ""
    return CheckResult(
        note.check or Check.RECOUNT, note.verdict, computed, _difference(obs, note.computed), note.computed, note.text,
        source.citation if source else note.source_id, note.locator,
    )


def fact_check_rows(pack: Pack) -> list[FactCheckRow]:
    """Every article value of the pack, in the overview's order."""
    rows = []
    for figure in pack.headline_figures:
        for obs in figure.article_observations:
            notes = figure.notes_for(obs.observation_id)
            results = {
                (n.check or Check.RECOUNT): _result(pack, figure, obs, n)
                for n in figure.verdicts_for(obs.observation_id) if n.verdict
            }
            # A stated share's cross-check computes it from its counts: that number, in its unit.
            crossed = [n for n in notes if n.kind is NoteKind.CROSS_CHECK and n.computed and figure.unit == "%"]
            cross_check = cross_check_text = ""
            if crossed:
                cross_check_text = crossed[0].text
                difference = _difference(obs, crossed[0].computed)
                cross_check = f"{_number_with_unit(crossed[0].computed, '%')} ({difference})"
            kinds = [
                f"{kind.value} {cross_check}" if kind is NoteKind.CROSS_CHECK and cross_check else kind.value
                for kind in (NoteKind.CAVEAT, NoteKind.CROSS_CHECK) if any(n.kind is kind for n in notes)
            ]
            rows.append(FactCheckRow(
                figure, obs, value_with_unit(obs, figure.unit), results.get(Check.REPORT), results.get(Check.RECOUNT),
                cross_check, cross_check_text, ", ".join(kinds),
            ))
    return rows


def flat_row(row: FactCheckRow) -> dict[str, str]:
    """One row of the fact-check table as named text cells."""
    obs = row.observation
    flat = {
        "the article says": row.value,
        "entity": obs.entity,
        "period": obs.period,
        "figure": row.figure.title,
        "figure_id": row.figure.figure_id,
        "stated value": "" if obs.wording else f"{obs.value:.{obs.decimals}f}",
        "unit": row.figure.unit,
        "where in the article": obs.locator,
    }
    for name, result in (("report", row.report), ("recount", row.recount)):
        flat |= {
            f"{name} verdict": result.verdict.label if result else "",
            f"{name} value": result.computed if result else "",
            f"{name} difference": result.difference if result else "",
            f"{name} finding": result.text if result else "",
            f"{name} source": result.source if result else "",
        }
    flat["cross-check"] = f"{row.cross_check}: {row.cross_check_text}" if row.cross_check else ""
    return flat


FACT_CHECK_COLUMNS = (
    "the article says", "entity", "period", "figure", "figure_id", "stated value", "unit", "where in the article",
    "report verdict", "report value", "report difference", "report finding", "report source",
    "recount verdict", "recount value", "recount difference", "recount finding", "recount source", "cross-check",
)
