"""Record sets: the rows behind a figure's values, one CSV file each in ``records/``.

A figure names its set in the ``records`` column of figures.csv. Each file has
a ``record_id``; ``source_id`` and ``observation_ids`` (ids separated by ``;``)
are optional; every other column is the pack's own and is shown as it is. For a
``count`` figure, a value that some records name must equal how many do.
Imports pandas (only parsing does); never Textual.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from aiindex_tui.pack.checks import Checker
from aiindex_tui.pack.csv_reader import LINE_COLUMN, read_table
from aiindex_tui.pack.model import RecordSet
from aiindex_tui.pack.sanitize import visible, visible_all
from aiindex_tui.pack.schema import (
    RECORD_ID,
    RECORD_OBSERVATIONS,
    RECORD_SEPARATOR,
    RECORD_SOURCE,
    RECORDS_DIR,
    TableSpec,
)

RESERVED = (RECORD_ID, RECORD_SOURCE, RECORD_OBSERVATIONS)
# A set name becomes a file name, so it may not climb out of records/.
_NAME_CHARACTERS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")


def record_file(name: str) -> str:
    return f"{RECORDS_DIR}/{name}.csv"


def valid_name(name: str) -> bool:
    return bool(name) and set(name) <= _NAME_CHARACTERS and not name.startswith(".")


def read_record_sets(
    directory: Path,
    frames: dict[str, pd.DataFrame],
    values: pd.Series,
    broken: set[str],
    checker: Checker,
) -> dict[str, pd.DataFrame]:
    """Read and check every set that figures.csv names; return the sound ones' frames."""
    figures, observations = frames["figures.csv"], frames["observations.csv"]
    names = figures["records"]
    for line, name in zip(figures.loc[names != "", LINE_COLUMN], names[names != ""]):
        if not valid_name(name):
            checker.add("figures.csv", int(line), "records", f"'{visible(name)}' is not a usable name: use letters, digits, '-', '_' and '.'")
    wanted = [name for name in dict.fromkeys(names) if valid_name(name)]
    if not wanted:
        return {}
    figures_of = {name: set(figures.loc[names == name, "figure_id"]) for name in wanted}
    # Lists, not Series, are zipped: iterating a string Series goes element by element
    # through pandas, some seconds for a million values.
    observation_ids = observations["observation_id"].tolist()
    figure_of_observation = dict(zip(observation_ids, observations["figure_id"].tolist()))
    value_of = dict(zip(observation_ids, values.tolist()))
    measure_of = dict(zip(figures["figure_id"].tolist(), figures["measure"].tolist()))
    line_of = dict(zip(observation_ids, observations[LINE_COLUMN].tolist()))
    sources = None if "sources.csv" in broken else set(frames["sources.csv"]["source_id"])

    sets: dict[str, pd.DataFrame] = {}
    for name in wanted:
        file = record_file(name)
        before = len(checker.problems)
        frame = read_table(directory / RECORDS_DIR / f"{name}.csv", checker.problems, name=file)
        if frame is None:
            continue
        spec = TableSpec(file, RECORD_ID, (RECORD_ID,), (RECORD_SOURCE, RECORD_OBSERVATIONS))
        header = [c for c in frame.columns if c != LINE_COLUMN]
        for column in sorted({c for c in header if header.count(c) > 1}):
            checker.add(file, 1, column, "column appears more than once in the header")
        if RECORD_ID not in header:
            checker.add(file, 1, RECORD_ID, "required column is missing")
        if len(checker.problems) > before:
            continue
        for column in (RECORD_SOURCE, RECORD_OBSERVATIONS):
            if column not in frame.columns:
                frame[column] = ""
        checker.non_empty(spec, frame)
        checker.unique(spec, frame)
        if sources is not None:
            checker.references(spec, frame, RECORD_SOURCE, pd.Series(sorted(sources), dtype="str"), "source")
        counted: dict[str, int] = {}
        for line, cell in zip(frame[LINE_COLUMN].tolist(), frame[RECORD_OBSERVATIONS].tolist()):
            for observation_id in filter(None, (part.strip() for part in cell.split(RECORD_SEPARATOR))):
                figure = figure_of_observation.get(observation_id)
                if figure is None:
                    if "observations.csv" not in broken:
                        checker.add(file, int(line), RECORD_OBSERVATIONS, f"refers to unknown observation '{visible(observation_id)}'")
                    continue
                if figure not in figures_of[name]:
                    checker.add(
                        file, int(line), RECORD_OBSERVATIONS,
                        f"'{visible(observation_id)}' belongs to figure '{visible(figure)}', which does not name records '{visible(name)}'",
                    )
                    continue
                counted[observation_id] = counted.get(observation_id, 0) + 1
        for observation_id, count in counted.items():
            value = value_of.get(observation_id)
            if measure_of.get(figure_of_observation[observation_id]) == "count" and value == value and value != count:
                checker.add(
                    "observations.csv", int(line_of[observation_id]), "value",
                    f"{value:g} is not the number of records in {file} that name '{visible(observation_id)}' ({count})",
                )
        sets[name] = frame
    return sets


def record_set(name: str, frame: pd.DataFrame) -> RecordSet:
    """The checked frame as a RecordSet, its text made safe to show."""
    columns = tuple(c for c in frame.columns if c not in RESERVED and c != LINE_COLUMN)
    printable = bool(frame.attrs.get("printable"))

    def texts(column: str) -> list[str]:
        values = frame[column].tolist()
        return values if printable else visible_all(values)

    cells = [texts(column) for column in columns]
    observation_ids = tuple(
        tuple(filter(None, (part.strip() for part in cell.split(RECORD_SEPARATOR))))
        for cell in frame[RECORD_OBSERVATIONS].tolist()
    )
    return RecordSet(
        name=name,
        columns=tuple(visible_all(list(columns))),
        rows=tuple(zip(*cells)) if cells else tuple(() for _ in range(len(frame))),
        record_ids=tuple(texts(RECORD_ID)),
        source_ids=tuple(texts(RECORD_SOURCE)),
        observation_ids=observation_ids,
    )
