"""What the checks of the article's values share: the verdict words, the claim as stated,
the evidence read once by the build, and a finding (verdict, sentence, source)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from packbuild import arena, epoch
from packbuild.rows import Rows

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
    computed: str = ""  # the one number the check arrives at, in the value's unit, where it arrives at one


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


def whole_number(value: float) -> str:
    return f"{value:,.0f}"


def possessive(entity: str) -> str:
    return "the US's" if entity == "US" else f"{entity}'s"
