"""Record sets: the rows behind a figure's values, one CSV file each in ``records/``.

A figure names its set in the ``records`` column of figures.csv. Each file has
a ``record_id``; ``source_id`` and ``observation_ids`` (ids separated by ``;``)
are optional; every other column is the pack's own and is shown as it is. For a
``count`` figure, a value that some records name must equal how many do.
Never imports Textual.
"""

from __future__ import annotations

from pathlib import Path

from aiindex_tui.pack.checks import Checker
from aiindex_tui.pack.csv_reader import Table, read_table
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
    tables: dict[str, Table],
    values: list[float],
    broken: set[str],
    checker: Checker,
) -> dict[str, Table]:
    """Read and check every set that figures.csv names; return the sound ones' tables."""
    figures, observations = tables["figures.csv"], tables["observations.csv"]
    names = figures["records"]
    for line, name in zip(figures.lines, names):
        if name and not valid_name(name):
            checker.add("figures.csv", line, "records", f"'{visible(name)}' is not a usable name: use letters, digits, '-', '_' and '.'")
    wanted = [name for name in dict.fromkeys(names) if valid_name(name)]
    if not wanted:
        return {}
    figures_of: dict[str, set[str]] = {name: set() for name in wanted}
    for name, figure in zip(names, figures["figure_id"]):
        if name in figures_of:
            figures_of[name].add(figure)
    observation_ids = observations["observation_id"]
    figure_of_observation = dict(zip(observation_ids, observations["figure_id"]))
    value_of = dict(zip(observation_ids, values))
    measure_of = dict(zip(figures["figure_id"], figures["measure"]))
    line_of = dict(zip(observation_ids, observations.lines))
    sources = None if "sources.csv" in broken else set(tables["sources.csv"]["source_id"])

    sets: dict[str, Table] = {}
    for name in wanted:
        file = record_file(name)
        before = len(checker.problems)
        table = read_table(directory / RECORDS_DIR / f"{name}.csv", checker.problems, name=file)
        if table is None:
            continue
        spec = TableSpec(file, RECORD_ID, (RECORD_ID,), (RECORD_SOURCE, RECORD_OBSERVATIONS))
        header = table.header
        for column in sorted({c for c in header if header.count(c) > 1}):
            checker.add(file, 1, column, "column appears more than once in the header")
        if RECORD_ID not in header:
            checker.add(file, 1, RECORD_ID, "required column is missing")
        if len(checker.problems) > before:
            continue
        for column in (RECORD_SOURCE, RECORD_OBSERVATIONS):
            table.add_blank(column)
        checker.non_empty(spec, table)
        checker.unique(spec, table)
        checker.references(spec, table, RECORD_SOURCE, sources, "source")
        counted: dict[str, int] = {}
        for line, cell in zip(table.lines, table[RECORD_OBSERVATIONS]):
            for observation_id in filter(None, (part.strip() for part in cell.split(RECORD_SEPARATOR))):
                figure = figure_of_observation.get(observation_id)
                if figure is None:
                    if "observations.csv" not in broken:
                        checker.add(file, line, RECORD_OBSERVATIONS, f"refers to unknown observation '{visible(observation_id)}'")
                    continue
                if figure not in figures_of[name]:
                    checker.add(
                        file, line, RECORD_OBSERVATIONS,
                        f"'{visible(observation_id)}' belongs to figure '{visible(figure)}', which does not name records '{visible(name)}'",
                    )
                    continue
                counted[observation_id] = counted.get(observation_id, 0) + 1
        for observation_id, count in counted.items():
            value = value_of.get(observation_id)
            if measure_of.get(figure_of_observation[observation_id]) == "count" and value == value and value != count:
                checker.add(
                    "observations.csv", line_of[observation_id], "value",
                    f"{value:g} is not the number of records in {file} that name '{visible(observation_id)}' ({count})",
                )
        sets[name] = table
    return sets


def record_set(name: str, table: Table) -> RecordSet:
    """The checked table as a RecordSet, its text made safe to show."""
    columns = tuple(c for c in table.columns if c not in RESERVED)

    def texts(column: str) -> list[str]:
        return table[column] if table.printable else visible_all(table[column])

    cells = [texts(column) for column in columns]
    observation_ids = tuple(
        tuple(filter(None, (part.strip() for part in cell.split(RECORD_SEPARATOR))))
        for cell in table[RECORD_OBSERVATIONS]
    )
    return RecordSet(
        name=name,
        columns=tuple(visible_all(list(columns))),
        rows=tuple(zip(*cells)) if cells else tuple(() for _ in range(len(table))),
        record_ids=tuple(texts(RECORD_ID)),
        source_ids=tuple(texts(RECORD_SOURCE)),
        observation_ids=observation_ids,
    )
