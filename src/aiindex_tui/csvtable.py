"""Read one CSV file of a pack into a pandas frame of strings, keeping line numbers.

The csv module tokenises (it knows where each record starts, also across quoted
newlines); pandas holds the result so the loader can check whole columns at once.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

MAX_FILE_BYTES = 256 * 1024 * 1024
LINE_COLUMN = "_line"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a pack, located as precisely as it can be."""

    file: str
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        if self.column:
            where += f": column '{self.column}'"
        return f"{where}: {self.message}"


def _decode(path: Path, raw: bytes, problems: list[Problem]) -> str | None:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        problems.append(
            Problem(
                path.name,
                line,
                None,
                f"not valid UTF-8 (byte 0x{raw[error.start]:02x}); save the file as UTF-8",
            )
        )
        return None


def read_table(path: Path, problems: list[Problem]) -> pd.DataFrame | None:
    """Return the file's rows as strings with a ``_line`` column, or None if unreadable.

    Every problem found is appended to ``problems``.
    """
    name = path.name
    if not path.is_file():
        problems.append(Problem(name, None, None, "file is missing"))
        return None
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        problems.append(
            Problem(name, None, None, f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}")
        )
        return None
    text = _decode(path, path.read_bytes(), problems)
    if text is None:
        return None
    if not text.strip():
        problems.append(Problem(name, None, None, "file is empty; it needs at least a header line"))
        return None

    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] = []
    rows: list[list[str]] = []
    lines: list[int] = []
    start = 1
    try:
        for record in reader:
            if not header:
                header = [cell.strip() for cell in record]
            elif record:  # blank lines carry no record
                if len(record) != len(header):
                    problems.append(
                        Problem(
                            name,
                            start,
                            None,
                            f"has {len(record)} fields; the header has {len(header)}",
                        )
                    )
                else:
                    rows.append(record)
                    lines.append(start)
            start = reader.line_num + 1
    except csv.Error as error:
        reason = str(error)
        if "end of data" in reason or "EOF" in reason:
            reason = "unterminated quote: a field opens a quote that never closes"
        problems.append(Problem(name, start, None, reason))
        return None

    frame = pd.DataFrame(rows, columns=header, dtype="str")
    frame[LINE_COLUMN] = lines
    return frame
