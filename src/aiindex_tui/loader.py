"""Load and check a data pack directory; the only way the app reads data.

All problems are gathered in one pass and raised together as a PackError, each
naming file, line and column. Nothing here writes to the pack or imports Textual.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from importlib import resources
from pathlib import Path

import pandas as pd

from aiindex_tui.csvtable import LINE_COLUMN, Problem, read_table
from aiindex_tui.model import (
    ChartKind,
    DerivedShare,
    Figure,
    Note,
    NoteKind,
    Observation,
    Origin,
    Pack,
    Section,
    Source,
)
from aiindex_tui.sanitize import visible

MEASURES = ("count", "share", "difference")
TRUE_WORDS = {"true", "yes", "1"}
FALSE_WORDS = {"false", "no", "0", ""}


@dataclass(frozen=True, slots=True)
class TableSpec:
    """The columns of one pack file: required ones must exist and be non-empty."""

    file: str
    id_column: str | None
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()

    @property
    def columns(self) -> tuple[str, ...]:
        return self.required + self.optional


SCHEMA: tuple[TableSpec, ...] = (
    TableSpec("pack.csv", None, ("title", "edition"), ("description",)),
    TableSpec("sections.csv", "section_id", ("section_id", "title", "summary")),
    TableSpec("sources.csv", "source_id", ("source_id", "title"), ("publisher", "published", "url")),
    TableSpec(
        "figures.csv",
        "figure_id",
        ("figure_id", "section_id", "title", "unit", "measure", "chart"),
        ("description",),
    ),
    TableSpec(
        "observations.csv",
        "observation_id",
        ("observation_id", "figure_id", "entity", "period", "value", "origin", "source_id"),
        ("series", "approximate", "locator", "total_id", "stated_share_id"),
    ),
    TableSpec(
        "notes.csv",
        "note_id",
        ("note_id", "figure_id", "kind", "text"),
        ("observation_id", "source_id", "locator"),
    ),
)
SPEC_BY_FILE = {spec.file: spec for spec in SCHEMA}


class PackError(Exception):
    """A pack that cannot be used, with every problem found."""

    def __init__(self, directory: Path, problems: list[Problem]) -> None:
        self.directory = directory
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in data pack {directory}")


def bundled_pack_dir() -> Path:
    """The pack shipped with the package (inside the wheel, or at the repository root)."""
    installed = resources.files("aiindex_tui") / "data"
    if installed.is_dir():
        return Path(str(installed))
    return Path(__file__).resolve().parents[2] / "data"


class _Checker:
    """Collects problems while checking the frames of one pack."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

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

    def non_empty(self, spec: TableSpec, frame: pd.DataFrame) -> None:
        for column in spec.required:
            self.rows(spec, frame, column, frame[column].str.strip() == "", "must not be empty")

    def unique(self, spec: TableSpec, frame: pd.DataFrame) -> None:
        column = spec.id_column
        if column is None:
            return
        ids = frame[column].str.strip()
        duplicated = ids.duplicated(keep="first") & (ids != "")
        self.rows(spec, frame, column, duplicated, "duplicate id '{value}'")

    def choice(self, spec: TableSpec, frame: pd.DataFrame, column: str, allowed: tuple[str, ...]) -> None:
        values = frame[column].str.strip()
        bad = ~values.isin(allowed) & (values != "")
        self.rows(spec, frame, column, bad, "'{value}' is not one of " + ", ".join(allowed))

    def references(
        self, spec: TableSpec, frame: pd.DataFrame, column: str, known: pd.Series | None, target: str
    ) -> None:
        if known is None:
            return
        values = frame[column].str.strip()
        bad = ~values.isin(set(known.str.strip())) & (values != "")
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
    bad_period = ~observations["period"].str.strip().str.fullmatch(r"\d{4}(-(0[1-9]|1[0-2]))?") & (
        observations["period"].str.strip() != ""
    )
    checker.rows(obs_spec, observations, "period", bad_period, "'{value}' is not a year (2024) or a month (2024-03)")
    checker.references(obs_spec, observations, "figure_id", ids("figures.csv", "figure_id"), "figure")
    checker.references(obs_spec, observations, "source_id", ids("sources.csv", "source_id"), "source")
    checker.references(obs_spec, observations, "total_id", ids("observations.csv", "observation_id"), "observation")
    checker.references(obs_spec, observations, "stated_share_id", ids("observations.csv", "observation_id"), "observation")

    checker.choice(note_spec, notes, "kind", (NoteKind.CAVEAT.value, NoteKind.METHOD.value))
    checker.references(note_spec, notes, "figure_id", ids("figures.csv", "figure_id"), "figure")
    checker.references(note_spec, notes, "observation_id", ids("observations.csv", "observation_id"), "observation")
    checker.references(note_spec, notes, "source_id", ids("sources.csv", "source_id"), "source")

    raw = observations["value"].str.strip().str.replace(",", "", regex=False)
    values = pd.to_numeric(raw, errors="coerce")
    non_finite = raw.str.lower().str.lstrip("+-").isin({"nan", "inf", "infinity"}) | (values.abs() == math.inf)
    not_number = values.isna() & (raw != "") & ~non_finite
    checker.rows(obs_spec, observations, "value", not_number, "'{value}' is not a number")
    checker.rows(obs_spec, observations, "value", non_finite, "'{value}' is not a finite number")

    measure_of = dict(zip(figures["figure_id"].str.strip(), figures["measure"].str.strip()))
    measures = observations["figure_id"].str.strip().map(measure_of)
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
    note_figures = dict(zip(observations["observation_id"].str.strip(), observations["figure_id"].str.strip()))
    for line, fig, obs in zip(notes[LINE_COLUMN], notes["figure_id"].str.strip(), notes["observation_id"].str.strip()):
        if obs and obs in note_figures and note_figures[obs] != fig:
            checker.add("notes.csv", int(line), "observation_id", f"observation '{visible(obs)}' belongs to figure '{visible(note_figures[obs])}', not '{visible(fig)}'")
    return values


def _decimals(text: str) -> int:
    text = text.strip().replace(",", "")
    if "e" in text.lower() or "." not in text:
        return 0
    return len(text.split(".", 1)[1])


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


def _text(row: dict[str, str], column: str, multiline: bool = False) -> str:
    return visible(row.get(column, "").strip(), multiline=multiline)


def _build(frames: dict[str, pd.DataFrame], values: pd.Series, directory: Path, bundled: bool) -> Pack:
    records = {name: frame.drop(columns=LINE_COLUMN).to_dict("records") for name, frame in frames.items()}
    sources = {
        _text(r, "source_id"): Source(
            _text(r, "source_id"), _text(r, "title"), _text(r, "publisher"), _text(r, "published"), _text(r, "url")
        )
        for r in records["sources.csv"]
    }
    observations: dict[str, Observation] = {}
    for row, value in zip(records["observations.csv"], values):
        obs = Observation(
            observation_id=_text(row, "observation_id"),
            figure_id=_text(row, "figure_id"),
            series=_text(row, "series"),
            entity=_text(row, "entity"),
            period=_text(row, "period"),
            value=float(value),
            decimals=_decimals(row["value"]),
            approximate=row.get("approximate", "").strip() == "true",
            origin=Origin(row["origin"].strip()),
            source_id=_text(row, "source_id"),
            locator=_text(row, "locator"),
            total_id=_text(row, "total_id"),
            stated_share_id=_text(row, "stated_share_id"),
        )
        observations[obs.observation_id] = obs

    notes_by_figure: dict[str, list[Note]] = {}
    for r in records["notes.csv"]:
        note = Note(
            _text(r, "note_id"), _text(r, "figure_id"), _text(r, "observation_id"),
            NoteKind(r["kind"].strip()), _text(r, "text", multiline=True),
            _text(r, "source_id"), _text(r, "locator"),
        )
        notes_by_figure.setdefault(note.figure_id, []).append(note)

    shares_by_figure: dict[str, list[DerivedShare]] = {}
    for obs in observations.values():
        if not obs.total_id:
            continue
        total = observations[obs.total_id]
        if total.value == 0:
            continue
        shares_by_figure.setdefault(obs.figure_id, []).append(
            DerivedShare(obs.observation_id, total.observation_id, obs.value, total.value)
        )
        if obs.stated_share_id:
            stated = observations[obs.stated_share_id]
            note = _cross_check(obs, total, stated)
            if note is not None:
                notes_by_figure.setdefault(stated.figure_id, []).append(note)
                if obs.figure_id != stated.figure_id:
                    notes_by_figure.setdefault(obs.figure_id, []).append(
                        Note(f"check-{obs.observation_id}", obs.figure_id, obs.observation_id, NoteKind.CROSS_CHECK, note.text)
                    )

    obs_by_figure: dict[str, list[Observation]] = {}
    for obs in observations.values():
        obs_by_figure.setdefault(obs.figure_id, []).append(obs)

    figures_by_section: dict[str, list[Figure]] = {}
    for r in records["figures.csv"]:
        figure_id = _text(r, "figure_id")
        figure = Figure(
            figure_id=figure_id,
            section_id=_text(r, "section_id"),
            title=_text(r, "title"),
            unit=_text(r, "unit"),
            chart=ChartKind(r["chart"].strip()),
            description=_text(r, "description", multiline=True),
            observations=tuple(obs_by_figure.get(figure_id, ())),
            notes=tuple(notes_by_figure.get(figure_id, ())),
            derived_shares=tuple(shares_by_figure.get(figure_id, ())),
        )
        figures_by_section.setdefault(figure.section_id, []).append(figure)

    sections = tuple(
        Section(
            _text(r, "section_id"), _text(r, "title"), _text(r, "summary", multiline=True),
            tuple(figures_by_section.get(_text(r, "section_id"), ())),
        )
        for r in records["sections.csv"]
    )
    meta = records["pack.csv"][0]
    return Pack(
        title=_text(meta, "title"),
        edition=_text(meta, "edition"),
        description=_text(meta, "description", multiline=True),
        directory=directory,
        bundled=bundled,
        sections=sections,
        sources=sources,
    )


def check_pack(directory: Path) -> tuple[Pack | None, list[Problem]]:
    """Load the pack at ``directory``; return it (or None) with every problem found."""
    directory = Path(directory)
    if not directory.is_dir():
        return None, [Problem(str(directory), None, None, "data pack directory does not exist")]
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
        return None, checker.problems
    bundled = directory.resolve() == bundled_pack_dir().resolve()
    return _build(frames, values, directory, bundled), []  # type: ignore[arg-type]


def load_pack(directory: Path | None = None) -> Pack:
    """Load a pack (the bundled one by default), raising PackError on any problem."""
    directory = bundled_pack_dir() if directory is None else Path(directory)
    pack, problems = check_pack(directory)
    if pack is None:
        raise PackError(directory, problems)
    return pack
