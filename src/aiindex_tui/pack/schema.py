"""What a data pack holds: its files and columns, and how a problem in one is reported.

Imports neither pandas nor Textual, so the app can start without them.
"""

from __future__ import annotations

from dataclasses import dataclass

from aiindex_tui.pack.sanitize import visible

MEASURES = ("count", "share", "difference", "score")
RECORDS_DIR = "records"
# The columns a records file gives meaning to; any other column is shown as it is.
RECORD_ID, RECORD_SOURCE, RECORD_OBSERVATIONS = "record_id", "source_id", "observation_ids"
RECORD_SEPARATOR = ";"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a pack, located as precisely as it can be."""

    file: str
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        # File, column and message may quote the pack (a header name, the
        # directory's path): shown escaped, so none of it reaches a terminal raw.
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        if self.column:
            where += f": column '{self.column}'"
        return visible(f"{where}: {self.message}")

    def sort_key(self) -> tuple[str, int, str]:
        """Problems are listed by file, then line; file-wide ones first."""
        return (self.file, self.line or 0, self.column or "")


@dataclass(frozen=True, slots=True)
class TableSpec:
    """The columns of one pack file: required ones must exist and be non-empty.

    ``order`` is the order the bundled pack's build writes them in, where it is not
    required then optional; it must name exactly the same columns.
    """

    file: str
    id_column: str | None
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    order: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.order and sorted(self.order) != sorted(self.required + self.optional):
            raise ValueError(f"{self.file}: the written order names other columns than the spec")

    @property
    def columns(self) -> tuple[str, ...]:
        """Every column, in the order they are written."""
        return self.order or self.required + self.optional


SCHEMA: tuple[TableSpec, ...] = (
    TableSpec("pack.csv", None, ("title", "edition"), ("description",)),
    TableSpec("sections.csv", "section_id", ("section_id", "title", "summary")),
    TableSpec("sources.csv", "source_id", ("source_id", "title"), ("publisher", "published", "url")),
    TableSpec(
        "figures.csv",
        "figure_id",
        ("figure_id", "section_id", "title", "unit", "measure", "chart"),
        ("description", "records"),
    ),
    TableSpec(
        "observations.csv",
        "observation_id",
        ("observation_id", "figure_id", "entity", "period", "value", "origin", "source_id"),
        ("series", "approximate", "locator", "total_id", "stated_share_id", "wording", "low", "high", "counting_rule"),
        order=(
            "observation_id", "figure_id", "series", "entity", "period", "value", "approximate", "origin",
            "source_id", "locator", "total_id", "stated_share_id", "wording", "low", "high", "counting_rule",
        ),
    ),
    TableSpec(
        "notes.csv",
        "note_id",
        ("note_id", "figure_id", "kind", "text"),
        ("observation_id", "source_id", "locator", "verdict", "check", "computed"),
        order=("note_id", "figure_id", "observation_id", "kind", "verdict", "text", "source_id", "locator", "check", "computed"),
    ),
)
SPEC_BY_FILE = {spec.file: spec for spec in SCHEMA}
