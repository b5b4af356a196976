"""Read one CSV file of a pack into columns of stripped strings, keeping line numbers.

Most files go through the csv module, which knows where each record starts, also
across quoted newlines, and rejects bad quoting. A large file whose every line is
one record (no quotes, carriage returns or blank lines) is tokenised by pandas' C
reader instead, many times faster there; line numbers then follow from row
numbers. Everything after reading is plain Python, so a pack of ordinary size
is read and checked without importing pandas or numpy.
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from aiindex_tui.pack.schema import Problem

MAX_FILE_BYTES = 256 * 1024 * 1024
# From this size a plain file is worth pandas' import (a quarter of a second): its
# reader takes some 10 ms a megabyte against the csv module's 40.
PANDAS_FROM_BYTES = 8 * 1024 * 1024


@dataclass
class Table:
    """One file's records: its header as written, each column's cells, each record's line."""

    header: list[str]
    columns: dict[str, list[str]]
    lines: list[int]
    printable: bool = field(default=False)  # nothing needs escaping before it is shown (see sanitize)

    @classmethod
    def of_rows(cls, header: list[str], rows: list[list[str]], lines: list[int]) -> Table:
        cells = list(zip(*rows)) if rows else [()] * len(header)
        return cls(header, {name: list(column) for name, column in zip(header, cells)}, lines)

    def __len__(self) -> int:
        return len(self.lines)

    def __getitem__(self, column: str) -> list[str]:
        return self.columns[column]

    def add_blank(self, column: str) -> None:
        """Give an optional column left out of the file, as empty cells."""
        if column not in self.columns:
            self.columns[column] = [""] * len(self.lines)


def _decode(name: str, raw: bytes, problems: list[Problem]) -> str | None:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        problems.append(
            Problem(
                name,
                line,
                None,
                f"not valid UTF-8 (byte 0x{raw[error.start]:02x}); save the file as UTF-8",
            )
        )
        return None


_PRINTABLE_ASCII = bytes(range(32, 127)) + b"\n"


def is_printable_ascii(raw: bytes) -> bool:
    """Whether the file's bytes (after any byte order mark) are printable ASCII and line breaks.

    Deleting every such byte leaves nothing: one pass in C, where searching the
    text for each control character took a pass per character and a pattern
    crawls through a file of many megabytes.
    """
    return not raw.removeprefix(codecs.BOM_UTF8).translate(None, _PRINTABLE_ASCII)


_PADDED_EDGES = (b" ,", b", ", b" \n", b"\n ", b' "', b'" ')


def _has_padding(raw: bytes, printable: bool) -> bool:
    """Whether some field may start or end with whitespace (false alarms are harmless).

    ``printable`` says the file is printable ASCII (``is_printable_ascii``);
    otherwise it may hold tabs or Unicode spaces, and stripping is the safe
    answer. A space at a field's edge touches a comma, a line break, a quote or
    an end of the file; each search is one pass in C.
    """
    if not printable:
        return True
    body = raw.removeprefix(codecs.BOM_UTF8)
    if body.startswith(b" ") or body.endswith(b" "):
        return True
    if len(body) < PANDAS_FROM_BYTES:
        return any(edge in body for edge in _PADDED_EDGES)
    # In a large file numpy (which pandas' reader loads anyway) looks only at the
    # neighbours of spaces, where each search above takes a pass over the file.
    import numpy as np

    data = np.frombuffer(body, dtype=np.uint8)
    spaces = np.flatnonzero(data == ord(" "))
    neighbours = np.concatenate((data[spaces - 1], data[spaces + 1]))
    return bool(np.isin(neighbours, np.frombuffer(b',\n"', dtype=np.uint8)).any())


def read_table(path: Path, problems: list[Problem], name: str = "") -> Table | None:
    """Return the file's records, or None if it cannot be read as a table.

    Every problem found is appended to ``problems``, naming the file as ``name``
    (by default the file's own name).
    """
    name = name or path.name
    if not path.is_file():
        # A folder, a pipe or a device is refused without opening it: a pipe could block for ever.
        what = "file is missing" if not path.exists() else "is a folder, not a file" if path.is_dir() else "is not a regular file"
        problems.append(Problem(name, None, None, what))
        return None
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.append(
                Problem(name, None, None, f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}")
            )
            return None
        raw = path.read_bytes()
    except OSError as error:
        problems.append(Problem(name, None, None, f"cannot be read: {error.strerror or error}"))
        return None
    text = _decode(name, raw, problems)
    if text is None:
        return None
    if not text.strip():
        problems.append(Problem(name, None, None, "file is empty; it needs at least a header line"))
        return None

    table = _read_plain(text, raw) if len(raw) >= PANDAS_FROM_BYTES else None
    if table is None:
        table = _read_records(name, text, problems)
    if table is None:
        return None
    table.printable = is_printable_ascii(raw)
    if _has_padding(raw, table.printable):
        for column, cells in table.columns.items():
            table.columns[column] = [cell.strip() for cell in cells]
    return table


def _read_plain(text: str, raw: bytes) -> Table | None:
    """Tokenise a large file whose lines are its records with pandas, or return None if it is not one."""
    if '"' in text or "\r" in text or "\x00" in text or "\n\n" in text:
        return None
    header = [cell.strip() for cell in text.partition("\n")[0].split(",")]
    if len(set(header)) != len(header):
        return None  # the csv path names the repeated column
    import pandas as pd  # only here: most packs never need it

    try:
        frame = pd.read_csv(  # from the bytes: the C reader decodes faster than it reads str
            io.BytesIO(raw), encoding="utf-8-sig", dtype="str", keep_default_na=False, na_filter=False, engine="c",
            header=0, names=header,
        )
    except (pd.errors.ParserError, ValueError):
        return None  # a row with extra fields: the csv path reports its line
    records = text.count("\n") + (not text.endswith("\n")) - 1
    # No row has extra fields (pandas raised otherwise), so the right number of
    # commas in all means no row has too few; pandas would pad those silently.
    if len(frame) != records or text.count(",") != (records + 1) * (len(header) - 1):
        return None  # the csv path reports the short row's line
    # Lists, not Series, from here on: the checks go cell by cell in Python.
    return Table(header, {column: frame[column].tolist() for column in header}, list(range(2, len(frame) + 2)))


def _read_records(name: str, text: str, problems: list[Problem]) -> Table | None:
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
    return Table.of_rows(header, rows, lines)
