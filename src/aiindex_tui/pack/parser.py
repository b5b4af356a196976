"""Parse and check a pack's CSV files with pandas, gathering every problem in one pass.

Each problem names file, line and column. Nothing here writes to the pack or
imports Textual; the loader imports this module only when it must parse.
"""

from __future__ import annotations

import gc
import math
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pandas as pd

from aiindex_tui.pack.csv_reader import LINE_COLUMN, read_table
from aiindex_tui.pack.model import (
    OBSERVATION_TEXT_COLUMNS,
    ChartKind,
    DerivedShare,
    Figure,
    Note,
    NoteKind,
    Observation,
    ObservationColumns,
    Origin,
    Pack,
    Section,
    Source,
    decimals_of,
)
from aiindex_tui.pack.sanitize import visible, visible_all
from aiindex_tui.pack.schema import MEASURES, SCHEMA, SPEC_BY_FILE, Problem, TableSpec


class _Checker:
    """Collects problems while checking the frames of one pack."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self._blanks: dict[tuple[int, str], pd.Series] = {}

    def add(self, file: str, line: int | None, column: str | None, message: str) -> None:
        self.problems.append(Problem(file, line, column, message))

    def columns(self, spec: TableSpec, frame: pd.DataFrame) -> bool:
        header = [c for c in frame.columns if c != LINE_COLUMN]
        ok = True
        for name in sorted({c for c in header if header.count(c) > 1}):
            self.add(spec.file, 1, name, "column appears more than once in the header")
            ok = False
        for name in spec.required:
            if name not in header:
                self.add(spec.file, 1, name, "required column is missing")
                ok = False
        known = set(spec.columns)
        for name in header:
            if name not in known:
                self.add(
                    spec.file, 1, name, f"unknown column; expected {', '.join(spec.columns)}"
                )
                ok = False
        return ok

    def rows(self, spec: TableSpec, frame: pd.DataFrame, column: str, mask: pd.Series, message: str) -> None:
        """Report ``message`` for every row where ``mask`` holds."""
        for line, value in zip(frame.loc[mask, LINE_COLUMN], frame.loc[mask, column]):
            self.add(spec.file, int(line), column, message.format(value=visible(value)))

    def blank(self, frame: pd.DataFrame, column: str) -> pd.Series:
        """Where ``column`` is empty; worked out once, as most checks need it."""
        key = (id(frame), column)
        if key not in self._blanks:
            self._blanks[key] = frame[column] == ""
        return self._blanks[key]

    def non_empty(self, spec: TableSpec, frame: pd.DataFrame) -> None:
        for column in spec.required:
            self.rows(spec, frame, column, self.blank(frame, column), "must not be empty")

    def unique(self, spec: TableSpec, frame: pd.DataFrame) -> None:
        column = spec.id_column
        if column is None:
            return
        ids = frame[column]
        duplicated = ids.duplicated(keep="first") & ~self.blank(frame, column)
        self.rows(spec, frame, column, duplicated, "duplicate id '{value}'")

    def choice(self, spec: TableSpec, frame: pd.DataFrame, column: str, allowed: tuple[str, ...]) -> None:
        values = frame[column]
        bad = ~values.isin(allowed) & ~self.blank(frame, column)
        self.rows(spec, frame, column, bad, "'{value}' is not one of " + ", ".join(allowed))

    def references(
        self, spec: TableSpec, frame: pd.DataFrame, column: str, known: pd.Series | None, target: str
    ) -> None:
        if known is None:
            return
        given = ~self.blank(frame, column)
        if not given.any():  # optional references are mostly left empty
            return
        bad = given.copy()
        bad[given] = ~frame.loc[given, column].isin(known.unique())
        self.rows(spec, frame, column, bad, "refers to unknown " + target + " '{value}'")


def _empty_frames(frames: dict[str, pd.DataFrame | None]) -> None:
    for spec in SCHEMA:
        if frames.get(spec.file) is None:
            frames[spec.file] = pd.DataFrame(
                {name: pd.Series(dtype="str") for name in spec.columns} | {LINE_COLUMN: []}
            )


def _check(frames: dict[str, pd.DataFrame], broken: set[str], checker: _Checker) -> pd.Series:
    """Check contents and cross-references; return parsed observation values.

    References into a file in ``broken`` are not checked: its own problem says enough.
    """
    figures, observations = frames["figures.csv"], frames["observations.csv"]
    notes = frames["notes.csv"]

    for spec in SCHEMA:
        frame = frames[spec.file]
        checker.non_empty(spec, frame)
        checker.unique(spec, frame)
    if "pack.csv" not in broken and frames["pack.csv"].shape[0] != 1:
        checker.add("pack.csv", None, None, f"must hold exactly one row, not {frames['pack.csv'].shape[0]}")

    def ids(file: str, column: str) -> pd.Series | None:
        return None if file in broken else frames[file][column]

    fig_spec, obs_spec, note_spec = (SPEC_BY_FILE[n] for n in ("figures.csv", "observations.csv", "notes.csv"))
    checker.choice(fig_spec, figures, "measure", MEASURES)
    checker.choice(fig_spec, figures, "chart", tuple(k.value for k in ChartKind))
    checker.references(fig_spec, figures, "section_id", ids("sections.csv", "section_id"), "section")

    checker.choice(obs_spec, observations, "origin", tuple(o.value for o in Origin))
    checker.choice(obs_spec, observations, "approximate", ("true", "false"))
    # Checked once per distinct period: a large pack repeats few periods many times.
    periods = observations["period"]
    distinct = pd.Series(periods.unique(), dtype="str")
    misfits = distinct[~distinct.str.fullmatch(r"\d{4}(-(0[1-9]|1[0-2]))?") & (distinct != "")]
    bad_period = periods.isin(misfits)
    checker.rows(obs_spec, observations, "period", bad_period, "'{value}' is not a year (2024) or a month (2024-03)")
    fitting = distinct[~distinct.isin(misfits) & (distinct != "")]
    out_of_range = fitting[~fitting.str[:4].astype(int).between(FIRST_YEAR, LAST_YEAR)]
    checker.rows(
        obs_spec, observations, "period", periods.isin(out_of_range),
        f"'{{value}}' is outside the years {FIRST_YEAR}-{LAST_YEAR}",
    )
    checker.references(obs_spec, observations, "figure_id", ids("figures.csv", "figure_id"), "figure")
    checker.references(obs_spec, observations, "source_id", ids("sources.csv", "source_id"), "source")
    checker.references(obs_spec, observations, "total_id", ids("observations.csv", "observation_id"), "observation")
    checker.references(obs_spec, observations, "stated_share_id", ids("observations.csv", "observation_id"), "observation")

    checker.choice(note_spec, notes, "kind", (NoteKind.CAVEAT.value, NoteKind.METHOD.value))
    checker.references(note_spec, notes, "figure_id", ids("figures.csv", "figure_id"), "figure")
    checker.references(note_spec, notes, "observation_id", ids("observations.csv", "observation_id"), "observation")
    checker.references(note_spec, notes, "source_id", ids("sources.csv", "source_id"), "source")

    raw = observations["value"]
    values = pd.to_numeric(raw, errors="coerce")
    named_non_finite = pd.Series(False, index=raw.index)
    unparsed = values.isna()
    if unparsed.any():  # only those need a second look: thousands separators, nan, inf
        plain = raw[unparsed].str.replace(",", "", regex=False)
        values[unparsed] = pd.to_numeric(plain, errors="coerce")
        named_non_finite[unparsed] = plain.str.lower().str.lstrip("+-").isin({"nan", "inf", "infinity"})
    non_finite = named_non_finite | (values.abs() == math.inf)
    not_number = values.isna() & (raw != "") & ~non_finite
    checker.rows(obs_spec, observations, "value", not_number, "'{value}' is not a number")
    checker.rows(obs_spec, observations, "value", non_finite, "'{value}' is not a finite number")

    measure_of = dict(zip(figures["figure_id"], figures["measure"]))
    measures = observations["figure_id"].map(measure_of)
    finite = values.notna() & ~non_finite
    checker.rows(
        obs_spec, observations, "value", finite & (measures == "count") & (values < 0),
        "'{value}' is a negative count",
    )
    checker.rows(
        obs_spec, observations, "value",
        finite & (measures == "share") & ((values < 0) | (values > 100)),
        "share '{value}' is outside 0-100",
    )
    _check_figures(checker, frames, broken)
    _check_totals(checker, observations, values, measure_of, broken)
    noted = observations["observation_id"].isin(notes["observation_id"].unique())
    note_figures = dict(zip(observations.loc[noted, "observation_id"], observations.loc[noted, "figure_id"]))
    for line, fig, obs in zip(notes[LINE_COLUMN], notes["figure_id"], notes["observation_id"]):
        if obs and obs in note_figures and note_figures[obs] != fig:
            checker.add("notes.csv", int(line), "observation_id", f"observation '{visible(obs)}' belongs to figure '{visible(note_figures[obs])}', not '{visible(fig)}'")
    return values


FIRST_YEAR, LAST_YEAR = 1900, 2100


def _check_figures(checker: _Checker, frames: dict[str, pd.DataFrame], broken: set[str]) -> None:
    """Figure ids apart from section ids, and every figure with at least one value."""
    figures, spec = frames["figures.csv"], SPEC_BY_FILE["figures.csv"]
    if "sections.csv" not in broken:
        # Both kinds of id name a subject on the command line (show, export).
        clash = figures["figure_id"].isin(frames["sections.csv"]["section_id"].unique())
        checker.rows(spec, figures, "figure_id", clash, "'{value}' is also a section id; ids of figures and sections must differ")
    if "observations.csv" not in broken:
        empty = ~figures["figure_id"].isin(frames["observations.csv"]["figure_id"].unique()) & ~checker.blank(figures, "figure_id")
        checker.rows(spec, figures, "figure_id", empty, "figure '{value}' has no values in observations.csv")


def _check_totals(
    checker: _Checker, observations: pd.DataFrame, values: pd.Series, measure_of: dict[str, str], broken: set[str]
) -> None:
    """Rules for ``total_id`` and ``stated_share_id``, and one value per series, entity and period.

    A total is another value of the same figure, not zero and not smaller than its
    part; following totals never comes back to where it started. A stated share
    goes with a total and names a value of a ``share`` figure, in any figure.
    """
    file = "observations.csv"
    key = observations[["figure_id", "series", "entity", "period"]]
    repeated = key.duplicated(keep="first")
    if repeated.any():
        first_line = dict(zip(map(tuple, key[~repeated].itertuples(index=False)), observations.loc[~repeated, LINE_COLUMN]))
        for line, row in zip(observations.loc[repeated, LINE_COLUMN], key[repeated].itertuples(index=False)):
            figure, series, entity, period = map(visible, row)
            label = f"series '{series}', entity '{entity}'" if series else f"entity '{entity}'"
            checker.add(
                file, int(line), "period",
                f"figure '{figure}' already has a value for {label} in {period} (line {first_line[tuple(row)]})",
            )

    if "observations.csv" in broken:
        return
    ids = observations["observation_id"].tolist()
    row_of = {obs_id: i for i, obs_id in enumerate(ids)}
    lines = observations[LINE_COLUMN].tolist()
    figure_ids = observations["figure_id"].tolist()
    totals = observations["total_id"].tolist()
    stated = observations["stated_share_id"].tolist()
    numbers = values.tolist()
    for i in [i for i, total in enumerate(totals) if total]:
        line, total = int(lines[i]), totals[i]
        t = row_of.get(total)
        if t is None:
            continue  # reported as an unknown reference
        if t == i:
            checker.add(file, line, "total_id", "a value cannot be its own total")
        elif figure_ids[t] != figure_ids[i]:
            checker.add(
                file, line, "total_id",
                f"total '{visible(total)}' belongs to figure '{visible(figure_ids[t])}'; a total must be in the same figure, '{visible(figure_ids[i])}'",
            )
        elif _in_cycle(i, totals, row_of):
            checker.add(file, line, "total_id", f"following totals from '{visible(ids[i])}' comes back to it")
        elif numbers[t] == 0:
            checker.add(file, line, "total_id", f"total '{visible(total)}' is 0, so no share can be computed")
        elif numbers[i] > numbers[t]:
            checker.add(file, line, "total_id", f"this value, {numbers[i]:g}, is larger than its total '{visible(total)}', {numbers[t]:g}")
    for i in [i for i, share in enumerate(stated) if share]:
        line, share = int(lines[i]), stated[i]
        if not totals[i]:
            checker.add(file, line, "stated_share_id", "needs a total_id: the share is checked against part / total")
        s = row_of.get(share)
        if s is not None and measure_of.get(figure_ids[s]) != "share":
            checker.add(
                file, line, "stated_share_id",
                f"'{visible(share)}' is a value of figure '{visible(figure_ids[s])}', whose measure is not share",
            )


def _in_cycle(start: int, totals: list[str], row_of: dict[str, int]) -> bool:
    seen = {start}
    current = row_of.get(totals[start])
    while current is not None:
        if current == start:
            return True
        if current in seen:
            return False  # a loop further on, reported from its own rows
        seen.add(current)
        current = row_of.get(totals[current]) if totals[current] else None
    return False


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
    return Note(f"check-{stated.observation_id}", stated.figure_id, stated.observation_id, NoteKind.CROSS_CHECK, text)


def _texts(frame: pd.DataFrame, column: str, multiline: bool = False) -> list[str]:
    texts = frame[column].tolist()
    return texts if frame.attrs.get("printable") else visible_all(texts, multiline=multiline)


def _observation_columns(observations: pd.DataFrame, values: pd.Series) -> dict[str, list]:
    """Every observation column as a plain list, parsed and made safe to show."""
    # "written" is each value as the file writes it; the others are columns of the file.
    columns: dict[str, list] = {
        name: _texts(observations, name) for name in OBSERVATION_TEXT_COLUMNS if name != "written"
    }
    columns["value"] = values.astype(float).tolist()
    columns["written"] = observations["value"].tolist()
    columns["approximate"] = (observations["approximate"] == "true").tolist()
    columns["origin"] = observations["origin"].map({o.value: o for o in Origin}).tolist()
    return columns


def _shares_and_checks(
    columns: dict[str, list], figure_ids: list[str], notes_by_figure: dict[str, list[Note]]
) -> dict[str, list[DerivedShare]]:
    """Shares derived from ``total_id`` and cross-check notes from ``stated_share_id``."""
    shares_by_figure: dict[str, list[DerivedShare]] = {}
    parts = [i for i, total in enumerate(columns["total_id"]) if total]
    if not parts:
        return shares_by_figure
    row_of = {obs_id: i for i, obs_id in enumerate(columns["observation_id"])}

    def observation(i: int) -> Observation:
        return Observation(
            columns["observation_id"][i], figure_ids[i], columns["series"][i], columns["entity"][i],
            columns["period"][i], columns["value"][i], decimals_of(columns["written"][i]), columns["approximate"][i],
            columns["origin"][i], columns["source_id"][i], columns["locator"][i],
            columns["total_id"][i], columns["stated_share_id"][i],
        )

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
                        Note(f"check-{obs.observation_id}", obs.figure_id, obs.observation_id, NoteKind.CROSS_CHECK, note.text)
                    )
    return shares_by_figure


def _build(frames: dict[str, pd.DataFrame], values: pd.Series, directory: Path, bundled: bool) -> Pack:
    sources_frame = frames["sources.csv"]
    sources = {
        source.source_id: source
        for source in map(
            Source, *(_texts(sources_frame, c) for c in ("source_id", "title", "publisher", "published", "url"))
        )
    }
    notes_frame = frames["notes.csv"]
    notes_by_figure: dict[str, list[Note]] = {}
    for note in map(
        Note,
        _texts(notes_frame, "note_id"), _texts(notes_frame, "figure_id"), _texts(notes_frame, "observation_id"),
        map(NoteKind, notes_frame["kind"].tolist()), _texts(notes_frame, "text", multiline=True),
        _texts(notes_frame, "source_id"), _texts(notes_frame, "locator"),
    ):
        notes_by_figure.setdefault(note.figure_id, []).append(note)

    # Rows of one figure side by side (file order kept within each), so each
    # figure's columns are plain slices. Packs usually list them so already.
    observations = frames["observations.csv"]
    figure_column = observations["figure_id"]
    runs = figure_column.ne(figure_column.shift()).to_numpy().nonzero()[0].tolist()
    if len(runs) != figure_column.nunique():
        order = figure_column.argsort(kind="stable")
        observations, values = observations.iloc[order], values.iloc[order]
        figure_column = observations["figure_id"]
        runs = figure_column.ne(figure_column.shift()).to_numpy().nonzero()[0].tolist()
    figure_ids = _texts(observations, "figure_id")
    columns = _observation_columns(observations, values)
    shares_by_figure = _shares_and_checks(columns, figure_ids, notes_by_figure)
    rows_of = {figure_ids[start]: (start, stop) for start, stop in zip(runs, [*runs[1:], len(figure_ids)])}

    def values_of(figure_id: str) -> ObservationColumns:
        start, stop = rows_of.get(figure_id, (0, 0))
        return ObservationColumns(**{name: tuple(column[start:stop]) for name, column in columns.items()})

    figures_frame = frames["figures.csv"]
    figures_by_section: dict[str, list[Figure]] = {}
    for figure_id, section_id, title, unit, chart, description in zip(
        *(_texts(figures_frame, c) for c in ("figure_id", "section_id", "title", "unit")),
        figures_frame["chart"].tolist(), _texts(figures_frame, "description", multiline=True),
    ):
        figure = Figure(
            figure_id=figure_id, section_id=section_id, title=title, unit=unit,
            chart=ChartKind(chart), description=description, values=values_of(figure_id),
            notes=tuple(notes_by_figure.get(figure_id, ())),
            derived_shares=tuple(shares_by_figure.get(figure_id, ())),
        )
        figures_by_section.setdefault(section_id, []).append(figure)

    sections_frame = frames["sections.csv"]
    sections = tuple(
        Section(section_id, title, summary, tuple(figures_by_section.get(section_id, ())))
        for section_id, title, summary in zip(
            _texts(sections_frame, "section_id"), _texts(sections_frame, "title"),
            _texts(sections_frame, "summary", multiline=True),
        )
    )
    meta = frames["pack.csv"]
    return Pack(
        title=_texts(meta, "title")[0],
        edition=_texts(meta, "edition")[0],
        description=_texts(meta, "description", multiline=True)[0],
        directory=directory,
        bundled=bundled,
        sections=sections,
        sources=sources,
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
    checker = _Checker()
    frames: dict[str, pd.DataFrame | None] = {}
    for spec in SCHEMA:
        frame = read_table(directory / spec.file, checker.problems)
        if frame is not None and not checker.columns(spec, frame):
            frame = None
        if frame is not None:
            for name in spec.optional:  # optional columns may be left out of the file
                if name not in frame.columns:
                    frame[name] = ""
        frames[spec.file] = frame
    broken = {name for name, frame in frames.items() if frame is None}
    _empty_frames(frames)
    values = _check(frames, broken, checker)  # type: ignore[arg-type]
    if checker.problems:
        return None, sorted(checker.problems, key=Problem.sort_key)
    return _build(frames, values, directory, bundled), []  # type: ignore[arg-type]
