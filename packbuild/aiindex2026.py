"""The AI Index 2026's own public chart data: what the report the article summarises says.

The files are kept as published under ``ai-index-2026/``. Each reader returns
the chart's numbers as the file holds them (patent counts come in thousands and
are turned into counts; shares come as fractions and are turned into percent).
One chart, the top-100 most-cited papers of 2024, was published only as a PDF;
its numbers are a transcription read off that chart by position, kept in its own
file and cited as such.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from packbuild.rows import BuildError
from packbuild.tables import numbered_rows

FOLDER = "ai-index-2026/PUBLIC DATA_ 2026 AI INDEX REPORT"
RESEARCH = f"{FOLDER}/1. Research and Development/Data"
TECHNICAL = f"{FOLDER}/2. Technical Performance/Data"
MOST_CITED_TRANSCRIBED = "ai-index-2026/derived_fig_1.6.11_top100_by_area_read_from_chart_pdf.csv"
SOURCE = "ai-index-2026-data"
TRANSCRIBED_SOURCE = "ai-index-2026-chart"
NAMES = {"United States": "US", "China": "China", "India": "India", "Europe": "Europe", "Unknown": "Unknown"}


@dataclass(frozen=True)
class Cited:
    """A number from the report's data, with the file it is in."""

    value: float
    file: str  # the figure's file name, e.g. fig_1.7.3.csv
    source_id: str = SOURCE

    @property
    def locator(self) -> str:
        return self.file.rsplit("/", 1)[-1]


def _rows(root: Path, name: str, columns: tuple[str, ...]) -> list[tuple[str, dict[str, str]]]:
    """(where, row) for each row; an empty cell in ``columns`` stops the build."""
    path = root / name
    rows = []
    for line, row in numbered_rows(path, columns):
        if any(not row[c].strip() for c in columns):
            raise BuildError(f"{path}:{line}: a cell of {', '.join(map(repr, columns))} is empty")
        rows.append((f"{path}:{line}", {c: row[c].strip() for c in columns}))
    return rows


def _number(text: str, where: str) -> float:
    try:
        number = float(text)
    except ValueError:
        raise BuildError(f"{where}: {text!r} is not a number") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise BuildError(f"{where}: {text!r} is not a finite number")
    return number


def _year(text: str, where: str) -> int:
    if not re.fullmatch(r"\d{4}(\.0)?", text):
        raise BuildError(f"{where}: {text!r} is not a year")
    return int(float(text))


def _by_year_and_area(root: Path, name: str, value_column: str, area_column: str = "Label") -> dict[tuple[int, str], float]:
    found = {}
    for where, row in _rows(root, name, ("Year", value_column, area_column)):
        area = NAMES.get(row[area_column], row[area_column])
        found[(_year(row["Year"], where), area)] = _number(row[value_column], where)
    return found


def notable_models(root: Path) -> dict[tuple[int, str], Cited]:
    """(year, US or China) -> notable models as the report attributes Epoch AI's data."""
    name = f"{RESEARCH}/fig_1.1.2.csv"
    return {key: Cited(value, name) for key, value in _by_year_and_area(root, name, "Number of notable AI models").items()}


def patents_granted(root: Path) -> dict[int, Cited]:
    """Year -> AI patents granted worldwide, as a count (the file gives thousands)."""
    name = f"{RESEARCH}/fig_1.7.1.csv"
    column = "Number of AI patents granted (in thousands)"
    return {
        _year(row["Year"], where): Cited(round(_number(row[column], where) * 1000), name)
        for where, row in _rows(root, name, ("Year", column))
    }


def patents_by_area(root: Path) -> dict[tuple[int, str], Cited]:
    """(year, area) -> AI patents granted, as a count."""
    name = f"{RESEARCH}/fig_1.7.3.csv"
    found = _by_year_and_area(root, name, "Number of AI patents granted (in thousands)")
    return {key: Cited(round(value * 1000), name) for key, value in found.items()}


def patent_share(root: Path) -> dict[tuple[int, str], Cited]:
    """(year, area) -> % of granted AI patents."""
    name = f"{RESEARCH}/fig_1.7.2.csv"
    found = _by_year_and_area(root, name, "Granted AI patents (% of world total)")
    return {key: Cited(100 * value, name) for key, value in found.items()}


def paper_share(root: Path) -> dict[tuple[int, str], Cited]:
    """(year, area) -> % of AI publications in computer science."""
    name = f"{RESEARCH}/fig_1.6.6.csv"
    found = _by_year_and_area(root, name, "AI publications in CS (% of total)")
    return {key: Cited(100 * value, name) for key, value in found.items()}


def most_cited(root: Path) -> dict[tuple[int, str], Cited]:
    """(year, area) -> papers among the year's 100 most cited, transcribed from the chart's PDF."""
    name = MOST_CITED_TRANSCRIBED
    found = _by_year_and_area(root, name, "Number of highly cited publications in top 100", "Geographic area")
    return {key: Cited(value, name, TRANSCRIBED_SOURCE) for key, value in found.items()}


def arena_best(root: Path) -> dict[tuple[str, str], Cited]:
    """(month, US or China) -> the best model's Arena score as the report charts it."""
    name = f"{TECHNICAL}/fig_2.1.3.csv"
    sides = {"top US model": "US", "top China model": "China"}
    found = {}
    for where, row in _rows(root, name, ("Year", "Arena score (Elo-like)", "Label")):
        if row["Label"] not in sides:
            raise BuildError(f"{where}: unknown label {row['Label']!r}")
        if not re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", row["Year"]):
            raise BuildError(f"{where}: {row['Year']!r} is not a month")
        found[(row["Year"][:7], sides[row["Label"]])] = Cited(_number(row["Arena score (Elo-like)"], where), name)
    return found
