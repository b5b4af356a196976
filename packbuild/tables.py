"""Reading the build's own small tables and writing pack CSVs byte for byte the same every run."""

from __future__ import annotations

import csv
import io
from pathlib import Path


def read_mapping(path: Path, key: str, value: str) -> dict[str, str]:
    with open(path, newline="", encoding="utf-8") as handle:
        return {row[key]: row[value] for row in csv.DictReader(handle)}


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def csv_bytes(columns: list[str], rows: list[dict[str, str]]) -> bytes:
    """RFC 4180 with quotes only where needed and LF line ends, whatever the platform."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n", extrasaction="raise")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def number(value: float, decimals: int) -> str:
    """A value with a fixed number of decimals; -0 is written as 0."""
    text = f"{value:.{decimals}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text
