"""Reading the build's own small tables and writing pack CSVs byte for byte the same every run."""

from __future__ import annotations

import csv
import io
from contextlib import contextmanager
from pathlib import Path

from packbuild.rows import BuildError


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


@contextmanager
def located(where: str):
    """Turn a bad cell met while reading a source into one line naming the file and line."""
    try:
        yield
    except BuildError:
        raise
    except KeyError as error:
        raise BuildError(f"{where}: missing column {error.args[0]!r}") from None
    except (ValueError, TypeError, IndexError) as error:
        raise BuildError(f"{where}: {error}") from None


def numbered_rows(path: Path, needed: tuple[str, ...] = ()) -> list[tuple[int, dict[str, str]]]:
    """Each CSV row with the line it starts on; a missing column, a row of the wrong length,
    bytes that are not UTF-8 or broken quoting stop the build with the file and line."""
    found = []
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in needed if c not in (reader.fieldnames or [])]
            if missing:
                raise BuildError(f"{path}:1: missing column{'s' if len(missing) > 1 else ''} {', '.join(map(repr, missing))}")
            start = 2
            try:
                for row in reader:
                    if None in row or None in row.values():
                        raise BuildError(f"{path}:{start}: the row has {'more' if None in row else 'fewer'} fields than the header")
                    found.append((start, row))
                    start = reader.line_num + 1
            except csv.Error as error:
                raise BuildError(f"{path}:{reader.line_num}: {error}") from None
    except UnicodeDecodeError as error:
        raise BuildError(f"{path}: not UTF-8 text ({error.reason} at byte {error.start})") from None
    return found
