"""Figures and sections as plain text for people, and the row and note helpers every output shares.

Used by the CLI, the explorer's copy action and the other formats; imports
neither Textual nor pandas.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Iterable

from aiindex_tui.output.fact_check import FACT_CHECK_LEGEND, fact_check_rows
from aiindex_tui.output.figure_facts import change_lines, value_with_unit
from aiindex_tui.pack.kinds import Check, NoteKind, Verdict
from aiindex_tui.pack.model import Figure, Note, Observation, Pack, Section
from aiindex_tui.pack.window import PeriodWindow

def observation_row(pack: Pack, figure: Figure, obs: Observation) -> dict[str, str]:
    source = pack.sources.get(obs.source_id)
    return {
        "period": obs.period,
        "entity": obs.entity,
        "series": obs.series,
        "value": obs.formatted_value(),
        "95% interval": obs.formatted_interval(),
        "counting rule": obs.counting_rule,
        "unit": figure.unit,
        "origin": obs.origin.value,
        "source": source.title if source else obs.source_id,
        "locator": obs.locator,
    }


def chronological(figure: Figure) -> list[Observation]:
    """Values by period, then in legend order."""
    return sorted(figure.observations, key=lambda o: (o.period, figure.labels.index(o.label)))


def value_columns(figure: Figure) -> tuple[str, ...]:
    """The columns of a figure's values in text and Markdown: the interval and the counting
    rule only where some value has one."""
    columns = ("period", "entity", "series", "value", "95% interval", "counting rule", "origin", "locator")
    left_out = {"95% interval": not any(figure.values.low), "counting rule": not any(figure.values.counting_rule)}
    return tuple(c for c in columns if not left_out.get(c))


SHAREABLE = ("counting rule", "origin", "locator")  # told once above the table when every value has the same


def shared_columns(rows: list[dict[str, str]], columns: tuple[str, ...]) -> list[str]:
    """The columns among SHAREABLE whose every row says the same: a text table says them once
    rather than on every line (a counting rule of fifty characters on each of forty rows)."""
    if len(rows) < 2:
        return []
    return [c for c in SHAREABLE if c in columns and rows[0][c] and all(row[c] == rows[0][c] for row in rows)]


def figure_rows(pack: Pack, figure: Figure) -> list[dict[str, str]]:
    """The figure's values in chronological order, as strings ready to show."""
    return [observation_row(pack, figure, obs) for obs in chronological(figure)]


DERIVED = "derived"
COMPUTED_HERE = "computed by this tool"


@dataclass(frozen=True, slots=True)
class NoteRecord:
    """A note as every output shows it: the pack's notes, checks and derived shares alike."""

    kind: str
    text: str
    observation_id: str  # empty for a note on the whole figure
    source_id: str
    source: str  # the source's title, or what made the note
    citation: str
    locator: str
    verdict: str = ""  # how the value holds up (a Verdict value), on verdict notes only
    about: str = ""  # the value a note on one value concerns, as "US 2025: 50"
    check: str = ""  # what a verdict was checked against (a Check value), where the pack says

    @property
    def heading(self) -> str:
        """The note's kind, and for a verdict what it was checked against and the verdict in words."""
        if not self.verdict:
            return self.kind
        against = f" {Check(self.check).label}" if self.check else ""
        return f"{self.kind}{against}: {Verdict(self.verdict).label}"

    @property
    def cited(self) -> str:
        """Where the note comes from, in brackets, or nothing."""
        where = ", ".join(part for part in (self.source, self.locator) if part)
        return f" ({where})" if where else ""


def figure_notes(pack: Pack, figure: Figure) -> list[NoteRecord]:
    """Every note on the figure, cross-checks included, then the shares it derives."""
    records = []
    by_id = {o.observation_id: o for o in figure.observations}

    def about(observation_id: str) -> str:
        obs = by_id.get(observation_id)
        return f"{obs.label} {obs.period}: {value_with_unit(obs, figure.unit)}" if obs else ""

    for note in figure.notes:
        source = pack.sources.get(note.source_id)
        if source:
            title, citation = source.title, source.citation
        else:  # a cross-check is this tool's own arithmetic
            title = citation = COMPUTED_HERE if note.kind is NoteKind.CROSS_CHECK else note.source_id
        records.append(NoteRecord(
            note.kind.value, note.text, note.observation_id, note.source_id, title, citation, note.locator,
            note.verdict.value if note.verdict else "", about(note.observation_id),
            note.check.value if note.check else "",
        ))
    for share in figure.derived_shares:
        part, total = by_id[share.part_id], by_id[share.total_id]
        text = (
            f"{part.entity} is {share.percent:.2f}% of {total.entity} in {part.period} "
            f"({part.formatted_value()} / {total.formatted_value()})"
        )
        records.append(NoteRecord(DERIVED, text, part.observation_id, "", COMPUTED_HERE, COMPUTED_HERE, ""))
    return records


def note_lines(pack: Pack, figure: Figure) -> list[str]:
    return [
        f"[{note.heading}] {note.about + ' - ' if note.about else ''}{note.text}{note.cited}"
        for note in figure_notes(pack, figure)
    ]


def citation_lines(pack: Pack, figure: Figure) -> list[str]:
    return [f"[{sid}] {pack.sources[sid].citation}" for sid in figure.source_ids if sid in pack.sources]


def cell_width(text: str) -> int:
    """Terminal cells taken by ``text``: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int, right: bool = False) -> str:
    fill = " " * max(0, width - cell_width(text))
    return fill + text if right else text + fill


def _aligned(rows: list[dict[str, str]], columns: Iterable[str]) -> list[str]:
    columns = list(columns)
    widths = {c: max([len(c)] + [cell_width(r[c]) for r in rows]) for c in columns}
    header = "  ".join(pad(c, widths[c]) for c in columns)
    body = ["  ".join(pad(r[c], widths[c], right=c in ("value", "95% interval")) for c in columns) for r in rows]
    return [header.rstrip()] + [line.rstrip() for line in body]


def figure_text(pack: Pack, figure: Figure, window: PeriodWindow | None = None) -> str:
    section = pack.section(figure.section_id)
    lines = [f"{figure.title}  [{figure.figure_id}]", f"Section: {section.title}  Unit: {figure.unit}"]
    if figure.description:
        lines.append(figure.description)
    lines.append("")
    rows, columns = figure_rows(pack, figure), value_columns(figure)
    shared = shared_columns(rows, columns)
    if shared:
        lines += [f"{column.capitalize()}, every value: {rows[0][column]}" for column in shared] + [""]
    lines += _aligned(rows, tuple(c for c in columns if c not in shared))
    changed = change_lines(figure, window)
    if changed:
        lines += ["", changed[0]] + [f"  {line}" for line in changed[1:]]
    notes = note_lines(pack, figure)
    if notes:
        lines += ["", "Notes:"] + [f"  {n}" for n in notes]
    lines += ["", "Sources:"] + [f"  {c}" for c in citation_lines(pack, figure)]
    return "\n".join(lines)


def subject_text(pack: Pack, section: Section, figure: Figure | None, window: PeriodWindow | None = None) -> str:
    """The figure as text (with its change across ``window``, if narrowed to one), or the
    whole section when no figure is given."""
    return figure_text(pack, figure, window) if figure else section_text(pack, section)


def verdict_badge(note: Note) -> str:
    """A verdict in a few words, with what it was checked against: "report: reproduces"."""
    short = note.verdict.short if note.verdict else ""
    return f"{note.check.value}: {short}" if note.check else short


def section_text(pack: Pack, section: Section) -> str:
    parts = [f"{section.title}  [{section.section_id}]", section.summary]
    if section is pack.overview:
        rows = [
            {"value": row.value, "report": row.report.cell if row.report else "",
             "recount": row.recount.cell if row.recount else "", "notes": row.notes,
             "entity": row.observation.entity, "period": row.observation.period, "figure": row.figure.figure_id}
            for row in fact_check_rows(pack)
        ]
        columns = ("value", "report", "recount", "notes", "entity", "period", "figure")
        parts.append(
            f"{FACT_CHECK_LEGEND}\n" + "\n".join(_aligned(rows, columns))
        )
    elif not section.figures:
        parts.append("(no figures in this section)")
    parts += [figure_text(pack, f) for f in section.figures]
    return "\n\n".join(parts)
