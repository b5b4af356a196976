"""Packs for tests: synthetic ones of any size (also used by the benchmarks), and edits to copies."""

from __future__ import annotations

import csv
import hashlib
import shutil
from itertools import repeat
from pathlib import Path
from typing import Callable

from aiindex_tui.pack.loader import bundled_pack_dir
from aiindex_tui.pack.model import RecordSet

REPO_ROOT = Path(__file__).resolve().parents[2]
HOSTILE_PACK = REPO_ROOT / "tests" / "packs" / "hostile"

SOURCES = (bundled_pack_dir() / "sources.csv").read_text(encoding="utf-8")


def _write(path: Path, header: list[str], rows) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def write_pack(
    directory: Path,
    *,
    sections: int,
    figures_per_section: int,
    values_per_figure: int,
    label: str = "",
) -> Path:
    """A valid pack: ``label`` is added to every title (long or hostile text)."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "sources.csv").write_text(SOURCES, encoding="utf-8")
    _write(directory / "pack.csv", ["title", "edition", "description"], [[f"Synthetic{label}", "Test", ""]])
    _write(
        directory / "sections.csv", ["section_id", "title", "summary"],
        ([f"s{s}", f"Section {s}{label}", f"Summary of section {s}.{label}"] for s in range(sections)),
    )
    _write(
        directory / "figures.csv", ["figure_id", "section_id", "title", "unit", "measure", "chart", "description"],
        (
            [f"f{s}-{f}", f"s{s}", f"Figure {s}.{f}{label}", "models", "count", "bar" if f % 2 else "line", ""]
            for s in range(sections) for f in range(figures_per_section)
        ),
    )
    _write(
        directory / "observations.csv",
        ["observation_id", "figure_id", "entity", "period", "value", "origin", "source_id", "locator", "series"],
        (
            [f"o{s}-{f}-{v}", f"f{s}-{f}", ("US", "China")[v % 2], period, str((v * 7919) % 1000),
             "article" if v % 3 == 0 else "context", "article", f"paragraph {v}", series]
            for s in range(sections) for f in range(figures_per_section)
            for v, (series, period) in enumerate(map(_series_and_period, range(values_per_figure), repeat(values_per_figure)))
        ),
    )
    _write(directory / "notes.csv", ["note_id", "figure_id", "kind", "text"], [])
    return directory


MONTHS = 2400  # 1900-01 to 2099-12: every period a pack may hold


def _series_and_period(v: int, values_per_figure: int) -> tuple[str, str]:
    """Each value its own series, entity and period, as a pack must have, within 1900-2100.

    Small figures get years from 2000; large ones months, and further series once
    the months run out.
    """
    slot = v // 2  # two entities take turns
    if values_per_figure <= 200:
        return "", str(2000 + slot)
    month = slot % MONTHS
    return ("" if slot < MONTHS else f"run {slot // MONTHS}"), f"{1900 + month // 12}-{month % 12 + 1:02d}"


def copy_bundled(directory: Path) -> Path:
    """The bundled pack's files, without the raw sources it is built from (no part of the pack)."""
    shutil.copytree(bundled_pack_dir(), directory, ignore=lambda folder, names: ["sources"] if Path(folder) == bundled_pack_dir() else [])
    return directory


def pack_digests(directory: Path) -> dict[str, str]:
    """Every file and folder of a pack, files by content hash: equal before and after means untouched."""
    return {
        str(p.relative_to(directory)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "folder"
        for p in sorted(directory.rglob("*"))
    }


def edit_file(directory: Path, name: str, change: Callable[[str], str]) -> None:
    path = directory / name
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


def replace_line(directory: Path, name: str, line_number: int, new_line: str) -> None:
    """Replace one physical line (1-based) of a pack file."""
    path = directory / name
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[line_number - 1] = new_line
    path.write_text("\n".join(lines), encoding="utf-8")


def line_of(directory: Path, name: str, starts_with: str) -> int:
    lines = (directory / name).read_text(encoding="utf-8").split("\n")
    return next(i for i, line in enumerate(lines, start=1) if line.startswith(starts_with))


def many_records(count: int) -> RecordSet:
    """``count`` record rows (model, country, score) behind one value, for tables of any length."""
    rows = tuple((f"model {i:06d}", ("US", "China", "Rest of world")[i % 3], str(i % 997)) for i in range(count))
    return RecordSet(
        "many", ("model", "country", "score"), rows, tuple(f"r{i}" for i in range(count)),
        ("src",) * count, (("o",),) * count,
    )
