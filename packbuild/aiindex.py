"""Series from the AI Index 2025's public chart data and from CSET's counts via Our World in Data.

The AI Index file stacks many charts into one table: a chart is a run of
consecutive rows that fill its value column, so a column used by two charts
(regions, then countries) is told apart by finding the run that holds the
labels wanted.
"""

from __future__ import annotations

from pathlib import Path

from packbuild.tables import located, numbered_rows

RESEARCH = "ai-index-2025/Research_and_Development_combined.csv"
TECHNICAL = "ai-index-2025/Technical_Performance_combined.csv"
CSET = "owid-cset/publications-by-country_2026-04-30.csv"

PATENTS_GRANTED = "Number of AI patents granted (in thousands)"
PATENT_SHARE = "Granted AI patents (% of world total)"
PAPER_SHARE = "AI publications in CS (% of total)"
MOST_CITED = "Number of highly cited publications in top 100"

# How values and verdicts from the chapter 1 chart data cite it.
DATA_SOURCE = "ai-index-2025-data"
DATA_LOCATOR = "Research and Development chart data, chapter 1"

COUNTRY_NAMES = {"United States": "US", "China": "China", "Europe": "Europe", "India": "India", "Unknown": "Unknown"}


WHERE = "\0where"  # each row's file and line, kept beside its cells for error messages


_READ: dict[tuple[str, int, int], list[dict[str, str]]] = {}  # (path, mtime, size) -> rows, read only


def _rows(root: Path, name: str) -> list[dict[str, str]]:
    """The file's rows, read once while it stays unchanged: every series and every verdict on
    the chapter 1 data reads the same 4,000-row file (22 reads a build, 1.5 of its 2.4 s)."""
    path = root / name
    stat = path.stat()
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    if key not in _READ:
        _READ[key] = [row | {WHERE: f"{path}:{line}"} for line, row in numbered_rows(path)]
    return _READ[key]


def _each(rows: list[dict[str, str]], make):
    """``make(row)`` for each row; a bad cell stops the build with the row's file and line."""
    found = []
    for row in rows:
        with located(row.get(WHERE, "")):
            found.append(make(row))
    return found


def _chart(rows: list[dict[str, str]], column: str, label_column: str, wanted: str) -> list[dict[str, str]]:
    """The run of consecutive rows filling ``column`` whose labels include ``wanted``."""
    runs: list[list[dict[str, str]]] = []
    previous = False
    for row in rows:
        filled = row[column] != ""
        if filled:
            if not previous:
                runs.append([])
            runs[-1].append(row)
        previous = filled
    matching = [run for run in runs if any(r[label_column] == wanted for r in run)]
    if len(matching) != 1:
        raise ValueError(f"{column}: expected one chart with '{wanted}', found {len(matching)}")
    return matching[0]


def _year(text: str) -> int:
    return int(float(text))


def patents_granted(root: Path) -> dict[int, float]:
    """World AI patents granted per year, as a count (the file gives thousands)."""
    rows = _chart(_rows(root, RESEARCH), PATENTS_GRANTED, "Year", "2023.0")
    return dict(_each(rows, lambda r: (_year(r["Year"]), round(float(r[PATENTS_GRANTED]) * 1000))))


def patent_share(root: Path) -> dict[tuple[int, str], float]:
    """(year, US or China) -> % of the world's granted AI patents."""
    rows = _chart(_rows(root, RESEARCH), PATENT_SHARE, "Label", "China")
    rows = [r for r in rows if r["Label"] in ("United States", "China")]
    return dict(_each(rows, lambda r: ((_year(r["Year"]), COUNTRY_NAMES[r["Label"]]), 100 * float(r[PATENT_SHARE]))))


def paper_share(root: Path) -> dict[tuple[int, str], float]:
    """(year, area) -> % of AI publications in computer science, for the country chart."""
    rows = _chart(_rows(root, RESEARCH), PAPER_SHARE, "Label", "China")
    rows = [r for r in rows if r["Label"] in COUNTRY_NAMES]
    return dict(_each(rows, lambda r: ((_year(r["Year"]), COUNTRY_NAMES[r["Label"]]), 100 * float(r[PAPER_SHARE]))))


def most_cited(root: Path) -> dict[tuple[int, str], int]:
    """(year, US or China) -> papers among the year's 100 most cited."""
    rows = _chart(_rows(root, RESEARCH), MOST_CITED, "Geographic area", "China")
    rows = [r for r in rows if r["Geographic area"] in ("United States", "China")]
    return dict(_each(rows, lambda r: ((int(r["Label"]), COUNTRY_NAMES[r["Geographic area"]]), int(float(r[MOST_CITED])))))


def arena_chart(root: Path) -> dict[tuple[str, str], float]:
    """(month, US or China) -> the top model's Arena score as the AI Index 2025 charted it."""
    rows = _chart(_rows(root, TECHNICAL), "Country", "Country", "China")
    return dict(_each(rows, lambda r: ((r["Year"], COUNTRY_NAMES[r["Country"]]), float(r["Score"]))))


def cset_publications(root: Path) -> dict[tuple[int, str], int]:
    """(year, US, China or World) -> AI publications counted by CSET."""
    names = {"United States": "US", "China": "China", "World": "World"}
    rows = [r for r in _rows(root, CSET) if r["Entity"] in names]
    return dict(_each(rows, lambda r: ((int(r["Year"]), names[r["Entity"]]), int(r["All"]))))
