"""The best US and the best Chinese model on the Arena text leaderboard, month by month.

Each leaderboard snapshot gives every model a score; a model's side is the
country of its organisation. A month's value for a side is the highest score
that side reached in any snapshot of the month (the rule that reproduces the AI
Index 2025's own chart), and each month is taken from one file only, the first
in ``FILES`` that has snapshots in it. Months no file covers stay empty.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path

from packbuild.tables import located, numbered_rows, read_mapping

SIDES = ("US", "China")
FIRST_MONTH, LAST_MONTH = "2023-05", "2026-08"


@dataclass(frozen=True)
class ArenaFile:
    """One kind of leaderboard file, with the score variant it holds."""

    path: str
    source_id: str
    variant: str  # which score the file holds
    decimals: int = 1  # scores are written as precisely as the file gives them, up to this
    partial: str = ""  # what the file leaves out, where it does not rank every lab


PLAIN = "plain score"
STYLE = "style-controlled score"
ALLTIME = ArenaFile("lmarena/chatbot-arena-history_alltime.csv", "arena-history", PLAIN)
CATALOG = ArenaFile("lmarena/arena-catalog_leaderboard_text_history.csv", "arena-catalog", PLAIN)
# The daily copies hold the leaderboard's default view, which controls for style:
# on 2026-03-19 they give claude-opus-4-6 1500 where the plain per-lab history gives 1498.9.
DAILY = ArenaFile("lmarena/arena-ai-daily", "arena-daily", STYLE, decimals=0)
LAB_HISTORY = ArenaFile(
    "lmarena/ai-arena-history_data.js", "arena-lab-history", PLAIN,
    partial="eight labs only: no DeepSeek, ByteDance, Tencent, Baidu or MiniMax",
)
FILES = (ALLTIME, CATALOG, DAILY, LAB_HISTORY)


@dataclass(frozen=True)
class Entry:
    """One model's score in one snapshot."""

    date: str  # YYYY-MM-DD
    model: str
    organisation: str  # empty where the file does not say
    score: float
    low: float | None = None  # the score's 95% interval, where the file gives it
    high: float | None = None


@dataclass(frozen=True)
class Leader:
    """The best model of one side in one snapshot."""

    file: ArenaFile
    date: str
    side: str
    model: str
    organisation: str
    score: float
    low: float | None = None
    high: float | None = None


class UnknownModels(Exception):
    """Models ranked above a side's leader whose organisation is not known."""


def _alltime(root: Path) -> list[Entry]:
    path = root / ALLTIME.path
    entries = []
    for line, r in numbered_rows(path, ("date", "Model", "Organization", "rating")):
        with located(f"{path}:{line}"):
            date = r["date"]
            if not re.fullmatch(r"\d{8}", date):
                raise ValueError(f"column 'date': {date!r} is not YYYYMMDD")
            entries.append(Entry(f"{date[:4]}-{date[4:6]}-{date[6:]}", r["Model"], r["Organization"], float(r["rating"])))
    return entries


def _catalog(root: Path) -> list[Entry]:
    path = root / CATALOG.path
    entries = []
    for line, r in numbered_rows(path, ("commit_date", "file", "category", "model", "rating", "rating_q025", "rating_q975")):
        if r["file"] == "leaderboard-text.json" and r["category"] == "full":
            with located(f"{path}:{line}"):
                entries.append(Entry(r["commit_date"], r["model"], "", float(r["rating"]), float(r["rating_q025"]), float(r["rating_q975"])))
    return entries


def _daily(root: Path) -> list[Entry]:
    entries = []
    for path in sorted((root / DAILY.path).glob("*.text.json")):
        day = path.name.split(".")[0]
        with located(str(path)):
            models = json.loads(path.read_text(encoding="utf-8"))["models"]
        for index, model in enumerate(models, start=1):
            if model.get("score") is None:  # later copies list some models without a score
                continue
            with located(f"{path}: model {index}"):
                score, ci = float(model["score"]), model.get("ci")
                low, high = (score - float(ci), score + float(ci)) if ci is not None else (None, None)
                entries.append(Entry(day, model["model"], model.get("vendor") or "", score, low, high))
    return entries


def _lab_history(root: Path) -> list[Entry]:
    path = root / LAB_HISTORY.path
    text = path.read_text(encoding="utf-8")
    with located(str(path)):
        # The file is JavaScript: the first object literal is plain JSON.
        start = text.index("{", text.index("CHART_DATA_HIGHEST"))
        highest, _ = json.JSONDecoder().raw_decode(text[start:])
        return [
            Entry(point["date"], point["model_name"], lab, float(point["rating"]))
            for lab, points in highest.items()
            for point in points
        ]


READERS = {ALLTIME: _alltime, CATALOG: _catalog, DAILY: _daily, LAB_HISTORY: _lab_history}


def _organisations_by_model(root: Path, entries: dict[ArenaFile, list[Entry]]) -> dict[str, str]:
    """Model name -> organisation, from every file that names both."""
    known: dict[str, str] = {}
    with open(root / ALLTIME.path, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            known.setdefault(row["key"].lower(), row["Organization"])
    catalog = json.loads((root / "lmarena/arena-catalog_scatterplot-data.json").read_text(encoding="utf-8"))
    for model in catalog:
        known.setdefault(model["model_api_name"].lower(), model["organization"])
    for file in (ALLTIME, DAILY, LAB_HISTORY):
        for entry in entries[file]:
            if entry.organisation:
                known.setdefault(entry.model.lower(), entry.organisation)
    return known


def _side(organisation: str, countries: dict[str, str]) -> str:
    country = countries.get(organisation, "")
    return country if country in SIDES else ""


TOP_RANKS = 10  # how far down each snapshot's ranking is kept, for claims about "top systems"


@dataclass(frozen=True)
class Ranked:
    """A model's place in one snapshot, among the first TOP_RANKS."""

    rank: int  # 1 for the best score; models of unknown organisation count too
    leader: Leader  # the model, its side ("" for neither) and score


def snapshot_leaders(root: Path) -> list[Leader]:
    """The leader of each side in every snapshot of every file, in file then date order."""
    return rankings(root)[0]


def rankings(root: Path) -> tuple[list[Leader], dict[tuple[ArenaFile, str], tuple[Ranked, ...]]]:
    """Each side's leader in every snapshot, and each snapshot's first TOP_RANKS models."""
    countries = read_mapping(Path(__file__).with_name("organisations.csv"), "organisation", "country")
    prefixes = read_mapping(Path(__file__).with_name("model_prefixes.csv"), "prefix", "organisation")
    entries = {file: READERS[file](root) for file in FILES}
    by_model = _organisations_by_model(root, entries)

    def organisation_of(entry: Entry) -> str:
        if entry.organisation:
            return entry.organisation
        name = entry.model.lower()
        if name in by_model:
            return by_model[name]
        for prefix in sorted(prefixes, key=len, reverse=True):
            if name.startswith(prefix):
                return prefixes[prefix]
        return ""

    leaders: list[Leader] = []
    tops: dict[tuple[ArenaFile, str], tuple[Ranked, ...]] = {}
    unknown: set[str] = set()
    for file in FILES:
        by_date: dict[str, list[Entry]] = {}
        for entry in entries[file]:
            by_date.setdefault(entry.date, []).append(entry)
        for date in sorted(by_date):
            ranked = sorted(by_date[date], key=lambda e: (-e.score, e.model))
            found: dict[str, Leader] = {}
            top: list[Ranked] = []
            for rank, entry in enumerate(ranked, start=1):
                organisation = organisation_of(entry)
                side = _side(organisation, countries)
                if not organisation or organisation not in countries:
                    if len(found) < len(SIDES):
                        unknown.add(f"{entry.model} ({organisation or 'no organisation'}, {file.path} {date})")
                    continue
                placed = Leader(file, date, side, entry.model.strip(), organisation, entry.score, entry.low, entry.high)
                if rank <= TOP_RANKS:
                    top.append(Ranked(rank, placed))
                if side and side not in found:
                    found[side] = placed
                if len(found) == len(SIDES) and rank >= TOP_RANKS:
                    break
            leaders.extend(found[side] for side in SIDES if side in found)
            tops[(file, date)] = tuple(top)
    if unknown:
        raise UnknownModels(
            "these models rank above a side's leader but their country is not known; add them to "
            "packbuild/model_prefixes.csv or packbuild/organisations.csv (country 'unassigned' "
            "leaves a model out of both sides):\n  " + "\n  ".join(sorted(unknown))
        )
    return leaders, tops


@dataclass(frozen=True)
class Month:
    """A month's best score for each side, from one file."""

    month: str
    file: ArenaFile
    best: dict[str, Leader]
    snapshots: tuple[Leader, ...]  # every snapshot leader of the month in that file

    @property
    def gap_points(self) -> float:
        return self.best["US"].score - self.best["China"].score

    @property
    def gap_percent(self) -> float:
        """The gap as a share of China's score, as the AI Index 2025 gives it and as the
        2026 edition's 2.7% for March 2026 reads (2.66% of China's, 2.59% of the US score)."""
        return 100.0 * self.gap_points / self.best["China"].score

    @property
    def gap_percent_of_us(self) -> float:
        return 100.0 * self.gap_points / self.best["US"].score

    @property
    def tied(self) -> bool | None:
        """Whether the two best scores' 95% intervals overlap; None where the file gives none."""
        us, china = self.best["US"], self.best["China"]
        if None in (us.low, us.high, china.low, china.high):
            return None
        return us.low <= china.high and china.low <= us.high

    def snapshot_gaps(self) -> list[tuple[str, float]]:
        """(date, gap in % of China's score) for each snapshot with both sides."""
        by_date: dict[str, dict[str, float]] = {}
        for leader in self.snapshots:
            by_date.setdefault(leader.date, {})[leader.side] = leader.score
        return [
            (date, 100.0 * (sides["US"] - sides["China"]) / sides["China"])
            for date, sides in sorted(by_date.items())
            if len(sides) == len(SIDES)
        ]


def months() -> list[str]:
    year, month = map(int, FIRST_MONTH.split("-"))
    out = []
    while f"{year:04d}-{month:02d}" <= LAST_MONTH:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def monthly(leaders: list[Leader]) -> list[Month]:
    """One Month for each month some file covers with both sides, in order."""
    result = []
    for month in months():
        for file in FILES:
            snapshots = tuple(l for l in leaders if l.file == file and l.date.startswith(month))
            best: dict[str, Leader] = {}
            for leader in snapshots:
                if leader.side not in best or leader.score > best[leader.side].score:
                    best[leader.side] = leader
            if len(best) == len(SIDES):
                result.append(Month(month, file, best, snapshots))
                break
    return result


def is_month(text: str) -> bool:
    return re.fullmatch(r"\d{4}-\d{2}", text) is not None
