"""The checks a pack's frames must pass, gathering every problem with file, line and column.

Works on the frames csv_reader reads; parser builds the pack once they pass.
Imports pandas (only parsing does); never Textual.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd

from aiindex_tui.pack.csv_reader import LINE_COLUMN
from aiindex_tui.pack.kinds import ChartKind, Check, NoteKind, Origin, Verdict
from aiindex_tui.pack.sanitize import visible
from aiindex_tui.pack.schema import MEASURES, SCHEMA, SPEC_BY_FILE, Problem, TableSpec


class Checker:
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
        if not mask.any():  # the usual case: selecting no rows of a large frame still costs
            return
        for line, value in zip(frame.loc[mask, LINE_COLUMN], frame.loc[mask, column]):
            self.add(spec.file, int(line), column, message.format(value=visible(value)))

    def blank(self, frame: pd.DataFrame, column: str) -> pd.Series:
        """Where ``column`` is empty; worked out once, as most checks need it."""
        key = (id(frame), column)
        if key not in self._blanks:
            # numpy compares the strings some four times faster than pandas' string array
            cells = frame[column].to_numpy(dtype=object)
            self._blanks[key] = pd.Series(cells == "", index=frame.index)
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


def empty_frames(frames: dict[str, pd.DataFrame | None]) -> None:
    for spec in SCHEMA:
        if frames.get(spec.file) is None:
            frames[spec.file] = pd.DataFrame(
                {name: pd.Series(dtype="str") for name in spec.columns} | {LINE_COLUMN: []}
            )


def check_frames(frames: dict[str, pd.DataFrame], broken: set[str], checker: Checker) -> pd.Series:
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

    checker.choice(note_spec, notes, "kind", tuple(kind.value for kind in NoteKind if kind is not NoteKind.CROSS_CHECK))
    _check_verdicts(checker, notes, observations, broken)
    checker.references(note_spec, notes, "figure_id", ids("figures.csv", "figure_id"), "figure")
    checker.references(note_spec, notes, "observation_id", ids("observations.csv", "observation_id"), "observation")
    checker.references(note_spec, notes, "source_id", ids("sources.csv", "source_id"), "source")

    raw = observations["value"]
    values = _plain_numbers(raw)
    if values is None:
        values = pd.to_numeric(raw, errors="coerce")
    named_non_finite = pd.Series(False, index=raw.index)
    unparsed = values.isna()
    if unparsed.any():  # only those need a second look: thousands separators, nan, inf
        plain = raw[unparsed].str.replace(",", "", regex=False)
        values[unparsed] = pd.to_numeric(plain, errors="coerce")
        named_non_finite[unparsed] = plain.str.lower().str.lstrip("+-").isin({"nan", "inf", "infinity"})
    non_finite = named_non_finite | (values.abs() == math.inf)
    not_number = values.isna() & ~checker.blank(observations, "value") & ~non_finite
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
    _check_interval(checker, observations, values, finite)
    _check_figures(checker, frames, broken)
    _check_totals(checker, observations, values, measure_of, broken)
    noted = observations["observation_id"].isin(notes["observation_id"].unique())
    note_figures = dict(zip(observations.loc[noted, "observation_id"], observations.loc[noted, "figure_id"]))
    for line, fig, obs in zip(notes[LINE_COLUMN], notes["figure_id"], notes["observation_id"]):
        if obs and obs in note_figures and note_figures[obs] != fig:
            checker.add("notes.csv", int(line), "observation_id", f"observation '{visible(obs)}' belongs to figure '{visible(note_figures[obs])}', not '{visible(fig)}'")
    return values


def _check_interval(checker: Checker, observations: pd.DataFrame, values: pd.Series, finite: pd.Series) -> None:
    """``low`` and ``high``: both or neither, plain finite numbers, around the value."""
    spec = SPEC_BY_FILE["observations.csv"]
    given = {end: ~checker.blank(observations, end) for end in ("low", "high")}
    if not (given["low"].any() or given["high"].any()):
        return
    ends = {}
    for end, other in (("low", "high"), ("high", "low")):
        checker.rows(spec, observations, end, given[other] & ~given[end], f"'{other}' is given, so '{end}' is needed too")
        number = pd.to_numeric(observations[end].where(given[end]), errors="coerce")
        bad = given[end] & (number.isna() | (number.abs() == math.inf))
        checker.rows(spec, observations, end, bad, "'{value}' is not a finite number")
        ends[end] = number.where(~bad)
    both = ends["low"].notna() & ends["high"].notna() & finite
    outside = both & ((ends["low"] > values) | (ends["high"] < values))
    checker.rows(spec, observations, "low", outside, "the interval '{value}' to its 'high' does not hold the value")


FIRST_YEAR, LAST_YEAR = 1900, 2100


def _check_verdicts(checker: Checker, notes: pd.DataFrame, observations: pd.DataFrame, broken: set[str]) -> None:
    """A verdict note judges one article value with one of the verdicts; other notes have none."""
    spec = SPEC_BY_FILE["notes.csv"]
    is_verdict = notes["kind"] == NoteKind.VERDICT.value
    given = ~checker.blank(notes, "verdict")
    checker.rows(spec, notes, "verdict", ~is_verdict & given, "'{value}' given, but only a note of kind verdict has one")
    checker.rows(spec, notes, "verdict", is_verdict & ~given, "a note of kind verdict needs a verdict")
    checker.choice(spec, notes, "verdict", tuple(v.value for v in Verdict))
    checker.rows(spec, notes, "observation_id", is_verdict & checker.blank(notes, "observation_id"), "a verdict judges one value; give its observation_id")
    is_event = notes["kind"] == NoteKind.EVENT.value
    checker.rows(spec, notes, "observation_id", is_event & checker.blank(notes, "observation_id"), "an event marks the period of a value; give its observation_id")
    checker.rows(spec, notes, "check", ~is_verdict & ~checker.blank(notes, "check"), "'{value}' given, but only a note of kind verdict has a check")
    checker.choice(spec, notes, "check", tuple(c.value for c in Check))
    computed = ~checker.blank(notes, "computed")
    checker.rows(spec, notes, "computed", ~is_verdict & computed, "'{value}' given, but only a note of kind verdict has a computed value")
    number = pd.to_numeric(notes["computed"].where(computed), errors="coerce")
    checker.rows(spec, notes, "computed", computed & (number.isna() | (number.abs() == math.inf)), "'{value}' is not a finite number")
    judged = notes.loc[is_verdict & ~checker.blank(notes, "observation_id")]
    # One verdict per value and check; a verdict that names no check stands alone.
    twice = judged[["observation_id", "check"]].duplicated(keep="first")
    unchecked = checker.blank(judged, "check")
    alone = unchecked & judged["observation_id"].isin(judged.loc[~unchecked, "observation_id"])
    checker.rows(spec, judged, "observation_id", twice | alone, "'{value}' already has a verdict for this check")
    if "observations.csv" in broken:
        return
    context_ids = observations.loc[observations["origin"] == Origin.CONTEXT.value, "observation_id"]
    not_article = judged["observation_id"].isin(context_ids)
    checker.rows(spec, judged, "observation_id", not_article, "'{value}' is a context value; verdicts judge the article's values")


_PLAIN_NUMBER_TEXT = re.compile(r"[0-9.eE+-]*")


def _plain_numbers(raw: pd.Series) -> pd.Series | None:
    """The cells as numbers where every one is a plain finite number, else None.

    A fast path for large packs: Python's float reads a million cells several
    times faster than pandas' to_numeric. Only digits, point, sign and exponent
    are let through, so nothing float accepts and pandas would not (underscores,
    spaces, other scripts' digits, nan, inf) gets in; anything else takes the
    full route.
    """
    cells = raw.to_numpy(dtype=object)
    try:
        if not _PLAIN_NUMBER_TEXT.fullmatch("".join(cells)):
            return None
        numbers = cells.astype(float)
    except (TypeError, ValueError):  # a cell that is not text; an empty cell, or "1.2.3"
        return None
    if not np.isfinite(numbers).all():  # "1e999" overflows to inf
        return None
    return pd.Series(numbers, index=raw.index)


def _check_figures(checker: Checker, frames: dict[str, pd.DataFrame], broken: set[str]) -> None:
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
    checker: Checker, observations: pd.DataFrame, values: pd.Series, measure_of: dict[str, str], broken: set[str]
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
    with_total = np.flatnonzero(~checker.blank(observations, "total_id").to_numpy()).tolist()
    with_share = np.flatnonzero(~checker.blank(observations, "stated_share_id").to_numpy()).tolist()
    if not with_total and not with_share:
        return  # most large packs: no lookups by id to build
    totals = observations["total_id"].tolist()
    stated = observations["stated_share_id"].tolist()
    ids = observations["observation_id"].tolist()
    row_of = {obs_id: i for i, obs_id in enumerate(ids)}
    lines = observations[LINE_COLUMN].tolist()
    figure_ids = observations["figure_id"].tolist()
    numbers = values.tolist()
    for i in with_total:
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
    for i in with_share:
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
