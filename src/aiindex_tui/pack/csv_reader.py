"""Read one CSV file of a pack into a pandas frame of stripped strings, keeping line numbers.

A file where every line is one record (no quotes, carriage returns or blank lines)
is parsed by pandas' C reader, which is fast on large files; line numbers then
follow from row numbers. Any other file goes through the csv module, which knows
where each record starts, also across quoted newlines, and rejects bad quoting.
"""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

import numpy as np
import pandas as pd

from aiindex_tui.pack.schema import Problem

MAX_FILE_BYTES = 256 * 1024 * 1024
LINE_COLUMN = "_line"


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


def _has_padding(raw: bytes, printable: bool) -> bool:
    """Whether some field may start or end with whitespace (false alarms are harmless).

    ``printable`` says the file is printable ASCII (``is_printable_ascii``);
    otherwise it may hold tabs or Unicode spaces, and stripping is the safe
    answer. Vectorised over the file's bytes: substring searches for each kind
    of edge would each take a pass over a file of many megabytes.
    """
    if not printable:
        return True
    data = np.frombuffer(raw, dtype=np.uint8)
    spaces = np.flatnonzero(data == ord(" "))
    if spaces.size == 0:
        return False
    if spaces[0] == 0 or spaces[-1] == data.size - 1:
        return True
    # Only the neighbours of spaces matter: far fewer bytes than the file.
    neighbours = np.concatenate((data[spaces - 1], data[spaces + 1]))
    return bool(np.isin(neighbours, np.frombuffer(b',\n"', dtype=np.uint8)).any())


def read_table(path: Path, problems: list[Problem], name: str = "") -> pd.DataFrame | None:
    """Return the file's rows as strings with a ``_line`` column, or None if unreadable.

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

    frame = _read_plain(text, raw)
    if frame is None:
        frame = _read_quoted(name, text, problems)
    if frame is None:
        return None
    printable = is_printable_ascii(raw)
    frame.attrs["printable"] = printable  # nothing needs escaping before it is shown (see sanitize)
    if _has_padding(raw, printable):
        # By position: a repeated column name (reported later) must not trip this.
        for position in range(frame.shape[1] - 1):  # all but the line numbers
            frame.isetitem(position, frame.iloc[:, position].str.strip())
    return frame


def _read_plain(text: str, raw: bytes) -> pd.DataFrame | None:
    """Parse a file whose lines are its records, or return None if it is not one."""
    if '"' in text or "\r" in text or "\x00" in text or "\n\n" in text:
        return None
    header = [cell.strip() for cell in text.partition("\n")[0].split(",")]
    if len(set(header)) != len(header):
        return None  # the csv path names the repeated column
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
    frame[LINE_COLUMN] = range(2, len(frame) + 2)
    return frame


def _read_quoted(name: str, text: str, problems: list[Problem]) -> pd.DataFrame | None:
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
