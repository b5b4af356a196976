"""Plain-text renderings of figures and sections: text, CSV, JSON and Markdown.

Used by the CLI and by the app's copy action; imports neither Textual nor pandas.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable

from aiindex_tui.pack.model import Figure, NoteKind, Observation, Pack, Section

FORMATS = ("text", "csv", "json", "markdown")


def value_with_unit(observation: Observation, unit: str) -> str:
    value = observation.formatted_value()
    return f"{value}{unit}" if unit == "%" else f"{value} {unit}"


def observation_row(pack: Pack, figure: Figure, obs: Observation) -> dict[str, str]:
    source = pack.sources.get(obs.source_id)
    return {
        "period": obs.period,
        "entity": obs.entity,
        "series": obs.series,
        "value": obs.formatted_value(),
        "unit": figure.unit,
        "origin": obs.origin.value,
        "source": source.title if source else obs.source_id,
        "locator": obs.locator,
    }


def chronological(figure: Figure) -> list[Observation]:
    """Values by period, then in legend order."""
    return sorted(figure.observations, key=lambda o: (o.period, figure.labels.index(o.label)))


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

    @property
    def cited(self) -> str:
        """Where the note comes from, in brackets, or nothing."""
        where = ", ".join(part for part in (self.source, self.locator) if part)
        return f" ({where})" if where else ""


def figure_notes(pack: Pack, figure: Figure) -> list[NoteRecord]:
    """Every note on the figure, cross-checks included, then the shares it derives."""
    records = []
    for note in figure.notes:
        source = pack.sources.get(note.source_id)
        if source:
            title, citation = source.title, source.citation
        else:  # a cross-check is this tool's own arithmetic
            title = citation = COMPUTED_HERE if note.kind is NoteKind.CROSS_CHECK else note.source_id
        records.append(NoteRecord(
            note.kind.value, note.text, note.observation_id, note.source_id, title, citation, note.locator,
        ))
    by_id = {o.observation_id: o for o in figure.observations}
    for share in figure.derived_shares:
        part, total = by_id[share.part_id], by_id[share.total_id]
        text = (
            f"{part.entity} is {share.percent:.2f}% of {total.entity} in {part.period} "
            f"({part.formatted_value()} / {total.formatted_value()})"
        )
        records.append(NoteRecord(DERIVED, text, part.observation_id, "", COMPUTED_HERE, COMPUTED_HERE, ""))
    return records


def note_lines(pack: Pack, figure: Figure) -> list[str]:
    return [f"[{note.kind}] {note.text}{note.cited}" for note in figure_notes(pack, figure)]


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
    body = ["  ".join(pad(r[c], widths[c], right=c == "value") for c in columns) for r in rows]
    return [header.rstrip()] + [line.rstrip() for line in body]


def figure_text(pack: Pack, figure: Figure) -> str:
    section = pack.section(figure.section_id)
    lines = [f"{figure.title}  [{figure.figure_id}]", f"Section: {section.title}  Unit: {figure.unit}"]
    if figure.description:
        lines.append(figure.description)
    lines.append("")
    lines += _aligned(figure_rows(pack, figure), ("period", "entity", "series", "value", "origin", "locator"))
    notes = note_lines(pack, figure)
    if notes:
        lines += ["", "Notes:"] + [f"  {n}" for n in notes]
    lines += ["", "Sources:"] + [f"  {c}" for c in citation_lines(pack, figure)]
    return "\n".join(lines)


def subject_text(pack: Pack, section: Section, figure: Figure | None) -> str:
    """The figure as text, or the whole section when no figure is given."""
    return figure_text(pack, figure) if figure else section_text(pack, section)


def section_text(pack: Pack, section: Section) -> str:
    parts = [f"{section.title}  [{section.section_id}]", section.summary]
    if not section.figures:
        parts.append("(no figures in this section)")
    parts += [figure_text(pack, f) for f in section.figures]
    return "\n\n".join(parts)


CSV_COLUMNS = (
    "figure_id", "figure", "period", "entity", "series", "value", "approximate", "unit", "origin", "source",
    "locator", "citation", "notes",
)
NOTE_SEPARATOR = " | "
# A cell starting with one of these is a formula to a spreadsheet (or, for tab
# and carriage return, can be made one); a leading apostrophe makes it text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?(\d[\d,]*(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def spreadsheet_safe(cell: str) -> str:
    """``cell`` as a spreadsheet will show it: text stays text, numbers stay numbers."""
    if cell.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def _records(pack: Pack, figures: Iterable[Figure]) -> list[dict[str, str]]:
    """Rows for machine use: plain numbers at the stated precision, no separators."""
    records = []
    for figure in figures:
        notes = figure_notes(pack, figure)
        for obs in chronological(figure):
            row = observation_row(pack, figure, obs)
            row["value"] = f"{obs.value:.{obs.decimals}f}"
            row["approximate"] = "true" if obs.approximate else "false"
            source = pack.sources.get(obs.source_id)
            row["citation"] = source.citation if source else obs.source_id
            # A row must stand alone once filtered: notes on the whole figure go on every row.
            row["notes"] = NOTE_SEPARATOR.join(
                f"{n.kind}: {n.text}{n.cited}" for n in notes if n.observation_id in ("", obs.observation_id)
            )
            records.append({"figure_id": figure.figure_id, "figure": figure.title} | row)
    return records


def to_csv(pack: Pack, figures: Iterable[Figure]) -> str:
    """One row per value, each with its source's full citation; safe to open in a spreadsheet."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for record in _records(pack, figures):
        writer.writerow({name: spreadsheet_safe(cell) for name, cell in record.items()})
    return buffer.getvalue()


def figure_json(pack: Pack, figure: Figure) -> dict:
    return {
        "figure_id": figure.figure_id,
        "section_id": figure.section_id,
        "title": figure.title,
        "unit": figure.unit,
        "values": [
            {
                "observation_id": o.observation_id,
                "entity": o.entity,
                "series": o.series,
                "period": o.period,
                "value": o.value,
                "approximate": o.approximate,
                "origin": o.origin.value,
                "source_id": o.source_id,
                "locator": o.locator,
            }
            for o in figure.observations
        ],
        "derived_shares": [
            {"part_id": s.part_id, "total_id": s.total_id, "percent": round(s.percent, 4)}
            for s in figure.derived_shares
        ],
        "notes": [
            {
                "kind": n.kind, "text": n.text, "observation_id": n.observation_id,
                "source_id": n.source_id, "citation": n.citation, "locator": n.locator,
            }
            for n in figure_notes(pack, figure)
        ],
        "sources": [
            {"source_id": sid, "citation": pack.sources[sid].citation}
            for sid in figure.source_ids
            if sid in pack.sources
        ],
    }


def to_json(pack: Pack, figures: Iterable[Figure]) -> str:
    return json.dumps([figure_json(pack, f) for f in figures], indent=2, ensure_ascii=False) + "\n"


# Markdown and HTML syntax in data text is escaped, so a pack cannot add links,
# images or raw HTML to a report: every ASCII punctuation mark may be escaped.
_MARKDOWN_SYNTAX = re.compile(r"([\\`*_\[\]<>|~&])")


def _md_cell(text: str) -> str:
    return " ".join(_MARKDOWN_SYNTAX.sub(r"\\\1", text).split())


def figure_markdown(pack: Pack, figure: Figure) -> str:
    """A table of the figure's values, each row citing its source by footnote."""
    columns = ("period", "entity", "series", "value", "origin", "locator")
    footnotes = {sid: n for n, sid in enumerate(figure.source_ids, start=1)}
    lines = [f"### {_md_cell(figure.title)} ({_md_cell(figure.unit)})", ""]
    lines.append("| " + " | ".join(columns) + " | source |")
    lines.append("|" + "|".join("---:" if c == "value" else "---" for c in columns) + "|---|")
    for obs in chronological(figure):
        row = observation_row(pack, figure, obs)
        cells = [_md_cell(row[c]) for c in columns]
        lines.append("| " + " | ".join(cells) + f" | [^{_footnote(figure, obs.source_id)}] |")
    notes = figure_notes(pack, figure)
    if notes:
        lines += [""] + [f"- *{note.kind}*: {_md_cell(note.text + note.cited)}" for note in notes]
    lines.append("")
    for sid in footnotes:
        citation = pack.sources[sid].citation if sid in pack.sources else sid
        lines.append(f"[^{_footnote(figure, sid)}]: {_md_cell(citation)}")
    return "\n".join(lines)


def _footnote(figure: Figure, source_id: str) -> str:
    # Labels unique across a section's figures, as Markdown footnotes share one namespace.
    # Only word characters, dots and dashes, so an id cannot close the label early.
    return re.sub(r"[^\w.-]", "-", f"{figure.figure_id}-{source_id}")


def to_markdown(pack: Pack, figures: Iterable[Figure]) -> str:
    return "\n\n".join(figure_markdown(pack, f) for f in figures) + "\n"
