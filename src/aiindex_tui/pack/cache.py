"""A cache of parsed packs, so that a start needs neither the parser nor a second check.

Entries live in the user's cache directory, never in the pack: one file per pack
content, named by a hash of the pack's files and of this program's version, so an
edited pack or a new release simply misses. An entry is used only when its
header, digest and every field check out; anything else is ignored, and the pack
is parsed again and the entry rewritten.

Set ``AIINDEX_TUI_CACHE_DIR`` to choose the directory, or to an empty string to
turn the cache off.
"""

from __future__ import annotations

import hashlib
from dataclasses import fields as dataclass_fields
import json
import os
from collections.abc import Sequence
from itertools import chain
from pathlib import Path
from typing import Any

from aiindex_tui import __version__
from aiindex_tui.pack.atomic import write_atomically
from aiindex_tui.pack.kinds import ChartKind, Check, NoteKind, Origin, Verdict
from aiindex_tui.pack.model import OBSERVATION_TEXT_COLUMNS, DerivedShare, Figure, Note, ObservationColumns, Pack, RecordSet, Section, Source
from aiindex_tui.pack.schema import RECORDS_DIR, SCHEMA

CACHE_FORMAT = 5
# Larger packs are parsed every time, which keeps the cache small.
MAX_PACK_BYTES = 16 * 1024 * 1024
KEEP_ENTRIES = 16
SUFFIX = ".pack.json"



NOTE_FIELDS = tuple(f.name for f in dataclass_fields(Note))  # a note is stored as its fields, in this order
NOTE_CHOICES = {"verdict": Verdict, "check": Check}  # optional fields that hold one of a set of values


def _note_cell(value: Any) -> str:
    """A note's field as stored: an enum's value, nothing for None."""
    return "" if value is None else getattr(value, "value", value)


class BadEntry(Exception):
    """A cache entry that is not exactly what this version writes."""


def cache_dir() -> Path | None:
    """Where entries go; None when the cache is turned off."""
    chosen = os.environ.get("AIINDEX_TUI_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "aiindex-tui"


def snapshot(directory: Path) -> str | None:
    """A key for the pack's current contents, or None if it cannot or should not be cached."""
    if cache_dir() is None:
        return None
    digest = hashlib.sha256(f"aiindex-tui {__version__} cache {CACHE_FORMAT}\n".encode())
    total = 0
    try:
        # Every record file counts, named or not: which ones a pack uses is in figures.csv.
        records = sorted(p.name for p in (directory / RECORDS_DIR).glob("*.csv"))
    except OSError:
        return None
    for file in [spec.file for spec in SCHEMA] + [f"{RECORDS_DIR}/{name}" for name in records]:
        path = directory / file
        try:
            if not path.is_file():  # a pipe would block the read for ever
                return None  # the parser reports what is wrong with it
            data = path.read_bytes()
        except OSError:
            return None  # the parser reports the missing or unreadable file
        total += len(data)
        if total > MAX_PACK_BYTES:
            return None
        digest.update(f"{file}\n{len(data)}\n".encode())
        digest.update(data)
    return digest.hexdigest()


def _entry_path(key: str) -> Path | None:
    directory = cache_dir()
    return directory / f"{key}{SUFFIX}" if directory else None


# -- reading -----------------------------------------------------------------


def read(key: str, *, directory: Path, bundled: bool) -> Pack | None:
    """The cached pack for ``key``, or None when there is no sound entry."""
    path = _entry_path(key)
    if path is None:
        return None
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    return decode_entry(key, raw, directory=directory, bundled=bundled)


def decode_entry(key: str, raw: bytes, *, directory: Path, bundled: bool) -> Pack | None:
    """The pack in ``raw``, an entry as ``encode_entry`` makes it, or None unless it is sound."""
    try:
        header, _, body = raw.partition(b"\n")
        meta = json.loads(header)
        if meta != {"format": CACHE_FORMAT, "key": key, "sha256": hashlib.sha256(body).hexdigest()}:
            raise BadEntry("header does not match")
        return _decode(json.loads(body), directory, bundled)
    except (ValueError, TypeError, KeyError, BadEntry):
        return None


def _texts(value: Any, count: int | None = None) -> list[str]:
    # Types are collected in C: a Python step per string was most of a warm start's decoding.
    if not isinstance(value, list) or not {str}.issuperset(map(type, value)):
        raise BadEntry("expected a list of strings")
    if count is not None and len(value) != count:
        raise BadEntry(f"expected {count} strings")
    return value


def _column(data: Any, length: int) -> tuple[str, ...]:
    """A column stored by ``_coded``: its distinct strings, and for each cell the index of one."""
    strings, cells = _coded_parts(data, length)
    _check_indexes(cells, strings)
    # Each repeated string is then one object, not a copy per cell as JSON strings would be.
    return tuple(map(strings.__getitem__, cells))


def _column_of_lists(data: Any, length: int) -> tuple[tuple[str, ...], ...]:
    """A column of string lists stored by ``_coded_lists``."""
    strings, cells = _coded_parts(data, length)
    if not {list}.issuperset(map(type, cells)):
        raise BadEntry("expected lists of string indexes")
    _check_indexes(list(chain.from_iterable(cells)), strings)
    string_at = strings.__getitem__
    return tuple(tuple(map(string_at, indexes)) for indexes in cells)


def _coded_parts(data: Any, length: int) -> tuple[list[str], list]:
    if not isinstance(data, dict) or set(data) != {"strings", "cells"}:
        raise BadEntry("expected a coded column")
    cells = data["cells"]
    if not isinstance(cells, list) or len(cells) != length:
        raise BadEntry(f"expected {length} cells")
    return _texts(data["strings"]), cells


def _check_indexes(indexes: list, strings: list[str]) -> None:
    if not {int}.issuperset(map(type, indexes)):
        raise BadEntry("expected string indexes")
    if indexes and not 0 <= min(indexes) <= max(indexes) < len(strings):
        raise BadEntry("string index out of range")


def _numbers(value: Any) -> tuple[float, ...]:
    if not isinstance(value, list) or not all(type(v) in (int, float) for v in value):
        raise BadEntry("expected a list of numbers")
    return tuple(float(v) for v in value)


def _flags(value: Any) -> tuple[bool, ...]:
    if not isinstance(value, list) or not all(type(v) is bool for v in value):
        raise BadEntry("expected a list of true/false")
    return tuple(value)


def _decode_values(data: Any) -> ObservationColumns:
    if not isinstance(data, dict) or set(data) != {*OBSERVATION_TEXT_COLUMNS, "value", "approximate", "origin"}:
        raise BadEntry("observation columns differ")
    columns: dict[str, tuple] = {"value": _numbers(data["value"])}
    columns.update((name, _column(data[name], len(columns["value"]))) for name in OBSERVATION_TEXT_COLUMNS)
    columns["approximate"] = _flags(data["approximate"])
    columns["origin"] = tuple(map(Origin, _texts(data["origin"])))
    return ObservationColumns(**columns)


def _decode_figure(data: Any) -> Figure:
    if not isinstance(data, dict):
        raise BadEntry("figure is not an object")
    fields = _texts([data[name] for name in ("figure_id", "section_id", "title", "unit", "chart", "description", "records", "measure")])
    notes = []
    for note in data["notes"]:
        cells = dict(zip(NOTE_FIELDS, _texts(note, len(NOTE_FIELDS))))
        notes.append(Note(**cells | {
            name: kind(cells[name]) if cells[name] else None for name, kind in NOTE_CHOICES.items()
        } | {"kind": NoteKind(cells["kind"])}))
    shares = []
    for share in data["shares"]:
        if not isinstance(share, list) or len(share) != 4:
            raise BadEntry("derived share is malformed")
        part_id, total_id = _texts(share[:2])
        part, total = _numbers(share[2:])
        shares.append(DerivedShare(part_id, total_id, part, total))
    figure_id, section_id, title, unit, chart, description, records, measure = fields
    return Figure(
        figure_id, section_id, title, unit, ChartKind(chart), description,
        _decode_values(data["values"]), tuple(notes), tuple(shares), records, measure,
    )


def _decode_records(data: Any) -> RecordSet:
    if not isinstance(data, dict):
        raise BadEntry("record set is not an object")
    columns = tuple(_texts(data["columns"]))
    record_ids = tuple(_texts(data["record_ids"]))
    if not isinstance(data["rows"], list) or len(data["rows"]) != len(columns):
        raise BadEntry("expected a coded column per record column")
    cells = [_column(column, len(record_ids)) for column in data["rows"]]
    rows = tuple(zip(*cells)) if cells else tuple(() for _ in record_ids)
    source_ids = _column(data["source_ids"], len(record_ids))
    observation_ids = _column_of_lists(data["observation_ids"], len(record_ids))
    return RecordSet(_texts([data["name"]])[0], columns, rows, record_ids, source_ids, observation_ids)


def _decode(data: Any, directory: Path, bundled: bool) -> Pack:
    if not isinstance(data, dict):
        raise BadEntry("pack is not an object")
    title, edition, description = _texts([data["title"], data["edition"], data["description"]])
    sources = {}
    for source in data["sources"]:
        fields = _texts(source, 5)
        sources[fields[0]] = Source(*fields)
    sections = []
    for section in data["sections"]:
        section_id, section_title, summary = _texts(section[:3])
        figures = tuple(_decode_figure(figure) for figure in section[3])
        sections.append(Section(section_id, section_title, summary, figures))
    records = {}
    for entry in data["records"]:
        record_set = _decode_records(entry)
        records[record_set.name] = record_set
    return Pack(title, edition, description, directory, bundled, tuple(sections), sources, records)


# -- writing -----------------------------------------------------------------


def _coded(texts: Sequence[str]) -> dict[str, list]:
    """A column as its distinct strings and, per cell, the index of its string: columns
    repeat a few names many times, and so are stored, and read back, once per name."""
    indexes: dict[str, int] = {}
    cells = [indexes.setdefault(text, len(indexes)) for text in texts]
    return {"strings": list(indexes), "cells": cells}


def _coded_lists(lists: Sequence[Sequence[str]]) -> dict[str, list]:
    """A column whose cells are lists of strings, coded as ``_coded`` codes a column of strings."""
    indexes: dict[str, int] = {}
    cells = [[indexes.setdefault(text, len(indexes)) for text in texts] for texts in lists]
    return {"strings": list(indexes), "cells": cells}


def _encode_figure(figure: Figure) -> dict[str, Any]:
    values = figure.values
    return {
        "figure_id": figure.figure_id, "section_id": figure.section_id, "title": figure.title,
        "unit": figure.unit, "chart": figure.chart.value, "description": figure.description,
        "records": figure.records, "measure": figure.measure,
        "values": {
            **{name: _coded(getattr(values, name)) for name in OBSERVATION_TEXT_COLUMNS},
            "value": list(values.value),
            "approximate": list(values.approximate),
            "origin": [origin.value for origin in values.origin],
        },
        "notes": [[_note_cell(getattr(n, name)) for name in NOTE_FIELDS] for n in figure.notes],
        "shares": [[s.part_id, s.total_id, s.part, s.total] for s in figure.derived_shares],
    }


def _encode(pack: Pack) -> dict[str, Any]:
    return {
        "title": pack.title, "edition": pack.edition, "description": pack.description,
        "sources": [[s.source_id, s.title, s.publisher, s.published, s.url] for s in pack.sources.values()],
        "sections": [
            [s.section_id, s.title, s.summary, [_encode_figure(f) for f in s.figures]]
            for s in pack.sections
        ],
        "records": [
            {
                "name": r.name, "columns": list(r.columns),
                "rows": [_coded([row[index] for row in r.rows]) for index in range(len(r.columns))],
                "record_ids": list(r.record_ids), "source_ids": _coded(r.source_ids),
                "observation_ids": _coded_lists(r.observation_ids),
            }
            for r in pack.records.values()
        ],
    }


def write(key: str, pack: Pack) -> None:
    """Store ``pack`` under ``key``; quietly gives up where the cache cannot be written."""
    if _entry_path(key) is not None:
        store(key, encode_entry(key, pack))


def encode_entry(key: str, pack: Pack) -> bytes:
    """``pack`` as a cache entry: a header line with the key and the body's digest, then the body."""
    body = json.dumps(_encode(pack), ensure_ascii=False, separators=(",", ":")).encode()
    header = json.dumps({"format": CACHE_FORMAT, "key": key, "sha256": hashlib.sha256(body).hexdigest()})
    return header.encode() + b"\n" + body


def store(key: str, raw: bytes) -> None:
    """Keep the entry ``raw`` under ``key``; quietly gives up where the cache cannot be written."""
    path = _entry_path(key)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        # Written aside and renamed, so a reader never sees half an entry.
        write_atomically(path, raw, overwrite=True, private=True)
        _prune(path.parent)
    except OSError:
        pass


def _prune(directory: Path) -> None:
    """Keep the newest entries only; packs edited often would otherwise pile up."""
    entries = sorted(directory.glob(f"*{SUFFIX}"), key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in entries[KEEP_ENTRIES:]:
        stale.unlink(missing_ok=True)
