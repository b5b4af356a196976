"""The checks a pack's tables must pass, gathering every problem with file, line and column.

Works on the tables csv_reader reads; parser builds the pack once they pass.
Plain Python throughout (a row mask is a list of booleans); never Textual.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from aiindex_tui.pack.csv_reader import Table
from aiindex_tui.pack.kinds import ChartKind, Check, NoteKind, Origin, Verdict
from aiindex_tui.pack.sanitize import visible
from aiindex_tui.pack.schema import MEASURES, SCHEMA, SPEC_BY_FILE, Problem, TableSpec

Mask = list[bool]


class Checker:
    """Collects problems while checking the tables of one pack."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self._blanks: dict[tuple[int, str], Mask] = {}

    def add(self, file: str, line: int | None, column: str | None, message: str) -> None:
        self.problems.append(Problem(file, line, column, message))

    def columns(self, spec: TableSpec, table: Table) -> bool:
        header = table.header
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

    def rows(self, spec: TableSpec, table: Table, column: str, mask: Mask, message: str) -> None:
        """Report ``message`` for every row where ``mask`` holds."""
        if not any(mask):
            return
        cells, lines = table[column], table.lines
        for row in (i for i, hit in enumerate(mask) if hit):
            self.add(spec.file, lines[row], column, message.format(value=visible(cells[row])))

    def blank(self, table: Table, column: str) -> Mask:
        """Where ``column`` is empty; worked out once, as most checks need it."""
        key = (id(table), column)
        if key not in self._blanks:
            cells = table[column]
            blanks = cells.count("")  # in C: a column is mostly all filled or all empty
            self._blanks[key] = (
                [False] * len(cells) if blanks == 0 else [True] * len(cells) if blanks == len(cells)
                else [cell == "" for cell in cells]
            )
        return self._blanks[key]

    def given(self, table: Table, column: str) -> Mask:
        return [not blank for blank in self.blank(table, column)] if "" in table[column] else [True] * len(table)

    def non_empty(self, spec: TableSpec, table: Table) -> None:
        for column in spec.required:
            self.rows(spec, table, column, self.blank(table, column), "must not be empty")

    def unique(self, spec: TableSpec, table: Table) -> None:
        column = spec.id_column
        if column is None:
            return
        cells = table[column]
        if len(set(cells)) == len(cells):
            return
        first: dict[str, int] = {}
        repeated = [first.setdefault(cell, row) != row and cell != "" for row, cell in enumerate(cells)]
        self.rows(spec, table, column, repeated, "duplicate id '{value}'")

    def choice(self, spec: TableSpec, table: Table, column: str, allowed: tuple[str, ...]) -> None:
        self._outside(spec, table, column, allowed, "'{value}' is not one of " + ", ".join(allowed))

    def references(
        self, spec: TableSpec, table: Table, column: str, known: Iterable[str] | None, target: str
    ) -> None:
        if known is not None:
            self._outside(spec, table, column, known, "refers to unknown " + target + " '{value}'")

    def _outside(self, spec: TableSpec, table: Table, column: str, known: Iterable[str], message: str) -> None:
        """Report every non-empty cell of ``column`` that is not in ``known``."""
        cells = table[column]
        distinct = set(cells) - {""}
        if not distinct:  # optional references are mostly left empty
            return
        known = set(known)
        if distinct <= known:  # the usual case, settled on the distinct cells
            return
        self.rows(spec, table, column, [cell != "" and cell not in known for cell in cells], message)


def empty_tables(tables: dict[str, Table | None]) -> None:
    """A table with no rows in place of each unreadable file, so the checks can run on."""
    for spec in SCHEMA:
        if tables.get(spec.file) is None:
            tables[spec.file] = Table(list(spec.columns), {name: [] for name in spec.columns}, [])


# The numbers a pack may write: ASCII digits with an optional point, sign and exponent.
# Python's float alone would also take "1_000", other scripts' digits and spaces.
_NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_NAMED_NON_FINITE = {"nan", "inf", "infinity"}
_PLAIN_CHARACTERS = re.compile(r"[0-9.eE+-]*")


def read_number(cell: str) -> float | None:
    """The cell's number (inf where it overflows), nan where it names nan or infinity, else None."""
    if _NUMBER.fullmatch(cell):
        return float(cell)
    if cell.lower().lstrip("+-") in _NAMED_NON_FINITE:
        return math.nan
    return None


def _finite_numbers(cells: list[str], given: Mask) -> tuple[list[float | None], Mask]:
    """Each given cell as a finite number (None where it is not one), and where it is not."""
    numbers: list[float | None] = []
    bad: Mask = []
    for cell, present in zip(cells, given):
        number = read_number(cell) if present else None
        finite = number is not None and math.isfinite(number)
        numbers.append(number if finite else None)
        bad.append(present and not finite)
    return numbers, bad


def check_tables(tables: dict[str, Table], broken: set[str], checker: Checker) -> list[float]:
    """Check contents and cross-references; return observation values (nan where not a number).

    References into a file in ``broken`` are not checked: its own problem says enough.
    """
    figures, observations = tables["figures.csv"], tables["observations.csv"]
    notes = tables["notes.csv"]

    for spec in SCHEMA:
        table = tables[spec.file]
        checker.non_empty(spec, table)
        checker.unique(spec, table)
    if "pack.csv" not in broken and len(tables["pack.csv"]) != 1:
        checker.add("pack.csv", None, None, f"must hold exactly one row, not {len(tables['pack.csv'])}")

    def ids(file: str, column: str) -> list[str] | None:
        return None if file in broken else tables[file][column]

    fig_spec, obs_spec, note_spec = (SPEC_BY_FILE[n] for n in ("figures.csv", "observations.csv", "notes.csv"))
    checker.choice(fig_spec, figures, "measure", MEASURES)
    checker.choice(fig_spec, figures, "chart", tuple(k.value for k in ChartKind))
    checker.references(fig_spec, figures, "section_id", ids("sections.csv", "section_id"), "section")

    checker.choice(obs_spec, observations, "origin", tuple(o.value for o in Origin))
    checker.choice(obs_spec, observations, "approximate", ("true", "false"))
    _check_periods(checker, observations)
    checker.references(obs_spec, observations, "figure_id", ids("figures.csv", "figure_id"), "figure")
    checker.references(obs_spec, observations, "source_id", ids("sources.csv", "source_id"), "source")
    checker.references(obs_spec, observations, "total_id", ids("observations.csv", "observation_id"), "observation")
    checker.references(obs_spec, observations, "stated_share_id", ids("observations.csv", "observation_id"), "observation")

    checker.choice(note_spec, notes, "kind", tuple(kind.value for kind in NoteKind if kind is not NoteKind.CROSS_CHECK))
    _check_verdicts(checker, notes, observations, broken)
    checker.references(note_spec, notes, "figure_id", ids("figures.csv", "figure_id"), "figure")
    checker.references(note_spec, notes, "observation_id", ids("observations.csv", "observation_id"), "observation")
    checker.references(note_spec, notes, "source_id", ids("sources.csv", "source_id"), "source")

    values = _read_values(checker, observations)
    measure_of = dict(zip(figures["figure_id"], figures["measure"]))
    measures = [measure_of.get(figure) for figure in observations["figure_id"]]
    checker.rows(
        obs_spec, observations, "value", [m == "count" and v < 0 for m, v in zip(measures, values)],
        "'{value}' is a negative count",
    )
    checker.rows(
        obs_spec, observations, "value", [m == "share" and (v < 0 or v > 100) for m, v in zip(measures, values)],
        "share '{value}' is outside 0-100",
    )
    _check_interval(checker, observations, values)
    _check_figures(checker, tables, broken)
    _check_totals(checker, observations, values, measure_of, broken)
    noted = set(notes["observation_id"])
    note_figures = {obs: fig for obs, fig in zip(observations["observation_id"], observations["figure_id"]) if obs in noted}
    for line, fig, obs in zip(notes.lines, notes["figure_id"], notes["observation_id"]):
        if obs and obs in note_figures and note_figures[obs] != fig:
            checker.add("notes.csv", line, "observation_id", f"observation '{visible(obs)}' belongs to figure '{visible(note_figures[obs])}', not '{visible(fig)}'")
    return values


_PERIOD = re.compile(r"\d{4}(-(0[1-9]|1[0-2]))?")
FIRST_YEAR, LAST_YEAR = 1900, 2100


def _check_periods(checker: Checker, observations: Table) -> None:
    spec = SPEC_BY_FILE["observations.csv"]
    periods = observations["period"]
    # Judged once per distinct period: a large pack repeats few periods many times.
    distinct = set(periods) - {""}
    misfits = {p for p in distinct if not _PERIOD.fullmatch(p)}
    out_of_range = {p for p in distinct - misfits if not FIRST_YEAR <= int(p[:4]) <= LAST_YEAR}
    for wrong, message in (
        (misfits, "'{value}' is not a year (2024) or a month (2024-03)"),
        (out_of_range, f"'{{value}}' is outside the years {FIRST_YEAR}-{LAST_YEAR}"),
    ):
        if wrong:
            checker.rows(spec, observations, "period", [p in wrong for p in periods], message)


def _read_values(checker: Checker, observations: Table) -> list[float]:
    """Each value as a number (thousands separators allowed); nan where it is none or not finite."""
    spec = SPEC_BY_FILE["observations.csv"]
    cells = observations["value"]
    if _PLAIN_CHARACTERS.fullmatch("".join(cells)):
        # A fast path for large packs: only digits, point, sign and exponent, where
        # float reads exactly what _NUMBER allows; an empty cell or "1.2.3" fails it.
        try:
            values = list(map(float, cells))
        except ValueError:
            pass
        else:
            if all(map(math.isfinite, values)):  # "1e999" overflows to inf
                return values
    values = []
    not_number: Mask = []
    non_finite: Mask = []
    for cell in cells:
        number = read_number(cell) if cell else math.nan
        if number is None and "," in cell:
            number = read_number(cell.replace(",", ""))
        finite = number is not None and math.isfinite(number)
        values.append(number if finite else math.nan)  # type: ignore[arg-type]
        not_number.append(number is None)
        non_finite.append(number is not None and not finite and cell != "")
    checker.rows(spec, observations, "value", not_number, "'{value}' is not a number")
    checker.rows(spec, observations, "value", non_finite, "'{value}' is not a finite number")
    return values


def _check_interval(checker: Checker, observations: Table, values: list[float]) -> None:
    """``low`` and ``high``: both or neither, plain finite numbers, around the value."""
    spec = SPEC_BY_FILE["observations.csv"]
    given = {end: checker.given(observations, end) for end in ("low", "high")}
    if not (any(given["low"]) or any(given["high"])):
        return
    ends = {}
    for end, other in (("low", "high"), ("high", "low")):
        checker.rows(
            spec, observations, end, [o and not e for o, e in zip(given[other], given[end])],
            f"'{other}' is given, so '{end}' is needed too",
        )
        ends[end], bad = _finite_numbers(observations[end], given[end])
        checker.rows(spec, observations, end, bad, "'{value}' is not a finite number")
    outside = [
        low is not None and high is not None and value == value and (low > value or high < value)
        for low, high, value in zip(ends["low"], ends["high"], values)
    ]
    checker.rows(spec, observations, "low", outside, "the interval '{value}' to its 'high' does not hold the value")


def _check_verdicts(checker: Checker, notes: Table, observations: Table, broken: set[str]) -> None:
    """A verdict note judges one article value with one of the verdicts; other notes have none."""
    spec = SPEC_BY_FILE["notes.csv"]
    is_verdict = [kind == NoteKind.VERDICT.value for kind in notes["kind"]]
    is_event = [kind == NoteKind.EVENT.value for kind in notes["kind"]]
    verdict_given, no_observation = checker.given(notes, "verdict"), checker.blank(notes, "observation_id")

    def both(first: Iterable[bool], second: Iterable[bool]) -> Mask:
        return [a and b for a, b in zip(first, second)]

    def other_kind(given: Mask) -> Mask:
        return [g and not v for g, v in zip(given, is_verdict)]

    checker.rows(spec, notes, "verdict", other_kind(verdict_given), "'{value}' given, but only a note of kind verdict has one")
    checker.rows(spec, notes, "verdict", both(is_verdict, checker.blank(notes, "verdict")), "a note of kind verdict needs a verdict")
    checker.choice(spec, notes, "verdict", tuple(v.value for v in Verdict))
    checker.rows(spec, notes, "observation_id", both(is_verdict, no_observation), "a verdict judges one value; give its observation_id")
    checker.rows(spec, notes, "observation_id", both(is_event, no_observation), "an event marks the period of a value; give its observation_id")
    checker.rows(spec, notes, "check", other_kind(checker.given(notes, "check")), "'{value}' given, but only a note of kind verdict has a check")
    checker.choice(spec, notes, "check", tuple(c.value for c in Check))
    computed = checker.given(notes, "computed")
    checker.rows(spec, notes, "computed", other_kind(computed), "'{value}' given, but only a note of kind verdict has a computed value")
    checker.rows(spec, notes, "computed", _finite_numbers(notes["computed"], computed)[1], "'{value}' is not a finite number")

    # One verdict per value and check; a verdict that names no check stands alone.
    judged = [row for row, (verdict, blank) in enumerate(zip(is_verdict, no_observation)) if verdict and not blank]
    observation_ids, checks = notes["observation_id"], notes["check"]
    checked = {observation_ids[row] for row in judged if checks[row]}
    seen: set[tuple[str, str]] = set()
    repeated: set[int] = set()
    for row in judged:
        pair = (observation_ids[row], checks[row])
        if pair in seen or (not checks[row] and observation_ids[row] in checked):
            repeated.add(row)
        seen.add(pair)
    checker.rows(spec, notes, "observation_id", [row in repeated for row in range(len(notes))], "'{value}' already has a verdict for this check")
    if "observations.csv" in broken or not judged:
        return
    context = Origin.CONTEXT.value
    context_ids = {obs for obs, origin in zip(observations["observation_id"], observations["origin"]) if origin == context}
    judged_rows = set(judged)
    checker.rows(
        spec, notes, "observation_id",
        [row in judged_rows and obs in context_ids for row, obs in enumerate(observation_ids)],
        "'{value}' is a context value; verdicts judge the article's values",
    )


def _check_figures(checker: Checker, tables: dict[str, Table], broken: set[str]) -> None:
    """Figure ids apart from section ids, and every figure with at least one value."""
    figures, spec = tables["figures.csv"], SPEC_BY_FILE["figures.csv"]
    if "sections.csv" not in broken:
        # Both kinds of id name a subject on the command line (show, export).
        section_ids = set(tables["sections.csv"]["section_id"])
        clash = [figure in section_ids for figure in figures["figure_id"]]
        checker.rows(spec, figures, "figure_id", clash, "'{value}' is also a section id; ids of figures and sections must differ")
    if "observations.csv" not in broken:
        with_values = set(tables["observations.csv"]["figure_id"])
        empty = [figure != "" and figure not in with_values for figure in figures["figure_id"]]
        checker.rows(spec, figures, "figure_id", empty, "figure '{value}' has no values in observations.csv")


def _check_totals(
    checker: Checker, observations: Table, values: list[float], measure_of: dict[str, str], broken: set[str]
) -> None:
    """Rules for ``total_id`` and ``stated_share_id``, and one value per series, entity and period.

    A total is another value of the same figure, not zero and not smaller than its
    part; following totals never comes back to where it started. A stated share
    goes with a total and names a value of a ``share`` figure, in any figure.
    """
    file = "observations.csv"
    lines = observations.lines
    figure_ids = observations["figure_id"]
    keys = list(zip(figure_ids, observations["series"], observations["entity"], observations["period"]))
    first_line: dict[tuple[str, ...], int] = {}
    for row, key in enumerate(keys if len(set(keys)) < len(keys) else ()):
        line = first_line.setdefault(key, lines[row])
        if line != lines[row]:
            figure, series, entity, period = map(visible, key)
            label = f"series '{series}', entity '{entity}'" if series else f"entity '{entity}'"
            checker.add(file, lines[row], "period", f"figure '{figure}' already has a value for {label} in {period} (line {line})")

    if "observations.csv" in broken:
        return
    totals, stated = observations["total_id"], observations["stated_share_id"]
    if totals.count("") == len(totals) and stated.count("") == len(stated):
        return  # most large packs: no lookups by id to build
    with_total = [i for i, total in enumerate(totals) if total]
    with_share = [i for i, share in enumerate(stated) if share]
    ids = observations["observation_id"]
    row_of = {obs_id: i for i, obs_id in enumerate(ids)}
    for i in with_total:
        line, total = lines[i], totals[i]
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
        elif values[t] == 0:
            checker.add(file, line, "total_id", f"total '{visible(total)}' is 0, so no share can be computed")
        elif values[i] > values[t]:
            checker.add(file, line, "total_id", f"this value, {values[i]:g}, is larger than its total '{visible(total)}', {values[t]:g}")
    for i in with_share:
        line, share = lines[i], stated[i]
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
