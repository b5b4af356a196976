"""Parse a pack's CSV files, check them, and build the pack.

Each problem names file, line and column. Nothing here writes to the pack or
imports Textual; the loader imports this module only when it must parse.
"""

from __future__ import annotations

import gc
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from aiindex_tui.pack.checks import Checker, check_tables, empty_tables
from aiindex_tui.pack.csv_reader import Table, read_table
from aiindex_tui.pack.kinds import Verdict, Check, ChartKind, NoteKind, Origin
from aiindex_tui.pack.model import OBSERVATION_TEXT_COLUMNS, DerivedShare, Figure, Note, Observation, ObservationColumns, Pack, Section, Source, observation_fields
from aiindex_tui.pack.records import read_record_sets, record_set
from aiindex_tui.pack.sanitize import visible_all
from aiindex_tui.pack.schema import SCHEMA, Problem


def _cross_check(part: Observation, total: Observation, stated: Observation) -> Note | None:
    """Compare a stated share with part / total, at the stated share's precision."""
    computed = Decimal(part.value) * 100 / Decimal(total.value)
    step = Decimal(1).scaleb(-stated.decimals)
    rounded = computed.quantize(step, rounding=ROUND_HALF_UP)
    if rounded == Decimal(str(stated.value)).quantize(step, rounding=ROUND_HALF_UP):
        return None
    text = (
        f"{part.formatted_value()} / {total.formatted_value()} = {computed:.2f}%, "
        f"which rounds to {rounded}%; the stated share is {stated.formatted_value()}%."
    )
    return Note(
        f"check-{stated.observation_id}", stated.figure_id, stated.observation_id, NoteKind.CROSS_CHECK, text,
        computed=f"{computed:.2f}",
    )


def _texts(table: Table, column: str, multiline: bool = False) -> list[str]:
    texts = table[column]
    return texts if table.printable else visible_all(texts, multiline=multiline)


def _observation_columns(observations: Table, values: list[float]) -> dict[str, list]:
    """Every observation column as a plain list, parsed and made safe to show."""
    # "written" is each value as the file writes it; the others are columns of the file.
    columns: dict[str, list] = {
        name: _texts(observations, name) for name in OBSERVATION_TEXT_COLUMNS if name != "written"
    }
    columns["value"] = values
    columns["written"] = observations["value"]
    columns["approximate"] = [flag == "true" for flag in observations["approximate"]]
    origins = {o.value: o for o in Origin}
    columns["origin"] = [origins[origin] for origin in observations["origin"]]
    return columns


def _shares_and_checks(
    columns: dict[str, list], figure_ids: list[str], notes_by_figure: dict[str, list[Note]]
) -> dict[str, list[DerivedShare]]:
    """Shares derived from ``total_id`` and cross-check notes from ``stated_share_id``."""
    shares_by_figure: dict[str, list[DerivedShare]] = {}
    if not any(columns["total_id"]):  # a quick scan where, as usual, no value names a total
        return shares_by_figure
    parts = [i for i, total in enumerate(columns["total_id"]) if total]
    row_of = {obs_id: i for i, obs_id in enumerate(columns["observation_id"])}

    def observation(i: int) -> Observation:
        one_row = {name: column[i:i + 1] for name, column in columns.items()}
        return Observation(*(next(iter(column)) for column in observation_fields(one_row, figure_ids[i:i + 1])))

    for i in parts:
        obs, total = observation(i), observation(row_of[columns["total_id"][i]])
        if total.value == 0:
            continue
        shares_by_figure.setdefault(obs.figure_id, []).append(
            DerivedShare(obs.observation_id, total.observation_id, obs.value, total.value)
        )
        if obs.stated_share_id:
            stated = observation(row_of[obs.stated_share_id])
            note = _cross_check(obs, total, stated)
            if note is not None:
                notes_by_figure.setdefault(stated.figure_id, []).append(note)
                if obs.figure_id != stated.figure_id:
                    notes_by_figure.setdefault(obs.figure_id, []).append(
                        Note(
                            f"check-{obs.observation_id}", obs.figure_id, obs.observation_id, NoteKind.CROSS_CHECK, note.text,
                            computed=note.computed,
                        )
                    )
    return shares_by_figure


def _build(
    tables: dict[str, Table], values: list[float], record_tables: dict[str, Table], directory: Path, bundled: bool
) -> Pack:
    sources_table = tables["sources.csv"]
    sources = {
        source.source_id: source
        for source in map(
            Source, *(_texts(sources_table, c) for c in ("source_id", "title", "publisher", "published", "url"))
        )
    }
    notes_table = tables["notes.csv"]
    notes_by_figure: dict[str, list[Note]] = {}
    for note in map(
        Note,
        _texts(notes_table, "note_id"), _texts(notes_table, "figure_id"), _texts(notes_table, "observation_id"),
        map(NoteKind, notes_table["kind"]), _texts(notes_table, "text", multiline=True),
        _texts(notes_table, "source_id"), _texts(notes_table, "locator"),
        [Verdict(v) if v else None for v in notes_table["verdict"]],
        [Check(c) if c else None for c in notes_table["check"]],
        _texts(notes_table, "computed"),
    ):
        notes_by_figure.setdefault(note.figure_id, []).append(note)

    # Rows of one figure side by side (file order kept within each), so each
    # figure's columns are plain slices. Packs usually list them so already.
    observations = tables["observations.csv"]
    runs = _runs(observations["figure_id"])
    if len(runs) != len(set(observations["figure_id"])):
        observations, values = _grouped_by_figure(observations, values)
        runs = _runs(observations["figure_id"])
    figure_ids = _texts(observations, "figure_id")
    columns = _observation_columns(observations, values)
    shares_by_figure = _shares_and_checks(columns, figure_ids, notes_by_figure)
    rows_of = {figure_ids[start]: (start, stop) for start, stop in zip(runs, [*runs[1:], len(figure_ids)])}

    def values_of(figure_id: str) -> ObservationColumns:
        start, stop = rows_of.get(figure_id, (0, 0))
        return ObservationColumns(**{name: tuple(column[start:stop]) for name, column in columns.items()})

    figures_table = tables["figures.csv"]
    figures_by_section: dict[str, list[Figure]] = {}
    for figure_id, section_id, title, unit, chart, description, records, measure in zip(
        *(_texts(figures_table, c) for c in ("figure_id", "section_id", "title", "unit")),
        figures_table["chart"], _texts(figures_table, "description", multiline=True),
        figures_table["records"], figures_table["measure"],
    ):
        figure = Figure(
            figure_id=figure_id, section_id=section_id, title=title, unit=unit,
            chart=ChartKind(chart), description=description, values=values_of(figure_id),
            notes=tuple(notes_by_figure.get(figure_id, ())),
            derived_shares=tuple(shares_by_figure.get(figure_id, ())),
            records=records, measure=measure,
        )
        figures_by_section.setdefault(section_id, []).append(figure)

    sections_table = tables["sections.csv"]
    sections = tuple(
        Section(section_id, title, summary, tuple(figures_by_section.get(section_id, ())))
        for section_id, title, summary in zip(
            _texts(sections_table, "section_id"), _texts(sections_table, "title"),
            _texts(sections_table, "summary", multiline=True),
        )
    )
    meta = tables["pack.csv"]
    return Pack(
        title=_texts(meta, "title")[0],
        edition=_texts(meta, "edition")[0],
        description=_texts(meta, "description", multiline=True)[0],
        directory=directory,
        bundled=bundled,
        sections=sections,
        sources=sources,
        records={name: record_set(name, table) for name, table in record_tables.items()},
    )


def parse_pack(directory: Path, *, bundled: bool) -> tuple[Pack | None, list[Problem]]:
    """Parse and check the pack at ``directory``; return it (or None) with every problem found."""
    # A large pack makes millions of objects that all stay alive: collection
    # passes over them while they are built find nothing and cost seconds.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _parse_pack(directory, bundled=bundled)
    finally:
        if collecting:
            gc.enable()


def _parse_pack(directory: Path, *, bundled: bool) -> tuple[Pack | None, list[Problem]]:
    checker = Checker()
    read: dict[str, Table | None] = {}
    for spec in SCHEMA:
        table = read_table(directory / spec.file, checker.problems)
        if table is not None and not checker.columns(spec, table):
            table = None
        if table is not None:
            for name in spec.optional:  # optional columns may be left out of the file
                table.add_blank(name)
        read[spec.file] = table
    broken = {name for name, table in read.items() if table is None}
    empty_tables(read)
    tables: dict[str, Table] = {name: table for name, table in read.items() if table is not None}
    values = check_tables(tables, broken, checker)
    record_tables = {} if "figures.csv" in broken else read_record_sets(directory, tables, values, broken, checker)
    if checker.problems:
        return None, sorted(checker.problems, key=Problem.sort_key)
    return _build(tables, values, record_tables, directory, bundled), []


def _runs(column: list[str]) -> list[int]:
    """Where each run of equal cells starts."""
    return [i for i, cell in enumerate(column) if i == 0 or cell != column[i - 1]]


def _grouped_by_figure(observations: Table, values: list[float]) -> tuple[Table, list[float]]:
    """The rows with each figure's side by side, file order kept within each figure."""
    first_row: dict[str, int] = {}
    for row, figure in enumerate(observations["figure_id"]):
        first_row.setdefault(figure, row)
    order = sorted(range(len(observations)), key=lambda row: first_row[observations["figure_id"][row]])
    columns = {name: [cells[row] for row in order] for name, cells in observations.columns.items()}
    grouped = Table(observations.header, columns, [observations.lines[row] for row in order], observations.printable)
    return grouped, [values[row] for row in order]
