"""Figures as CSV, JSON and Markdown, each value with its source and every note.

Imports neither Textual nor pandas.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Iterable

from aiindex_tui.output.fact_check import FACT_CHECK_COLUMNS, CheckResult, fact_check_rows, flat_row
from aiindex_tui.output.figure_facts import change_lines
from aiindex_tui.output.text import chronological, figure_notes, observation_row, value_columns
from aiindex_tui.pack.model import Figure, Pack
from aiindex_tui.pack.window import PeriodWindow


CSV_COLUMNS = (
    "figure_id", "figure", "period", "entity", "series", "value", "low", "high", "approximate", "wording", "counting_rule",
    "unit", "origin", "source",
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
            del row["95% interval"]  # machine rows carry both ends instead
            row["counting_rule"] = row.pop("counting rule")
            row["value"] = f"{obs.value:.{obs.decimals}f}"
            row["approximate"] = "true" if obs.approximate else "false"
            row["wording"] = obs.wording
            row["low"], row["high"] = obs.low, obs.high
            source = pack.sources.get(obs.source_id)
            row["citation"] = source.citation if source else obs.source_id
            # A row must stand alone once filtered: notes on the whole figure go on every row.
            row["notes"] = NOTE_SEPARATOR.join(
                f"{n.heading}: {n.text}{n.cited}" for n in notes if n.observation_id in ("", obs.observation_id)
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
                "low": float(o.low) if o.low else None,
                "high": float(o.high) if o.high else None,
                "approximate": o.approximate,
                "wording": o.wording,
                "counting_rule": o.counting_rule,
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
                "kind": n.kind, "verdict": n.verdict, "check": n.check, "text": n.text, "observation_id": n.observation_id,
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


def md_cell(text: str) -> str:
    return " ".join(_MARKDOWN_SYNTAX.sub(r"\\\1", text).split())


def figure_markdown(pack: Pack, figure: Figure, window: PeriodWindow | None = None) -> str:
    """A table of the figure's values, each row citing its source by footnote; then, where
    narrowed to a period window, each series' change across it."""
    columns = value_columns(figure)
    footnotes = {sid: n for n, sid in enumerate(figure.source_ids, start=1)}
    lines = [f"### {md_cell(figure.title)} ({md_cell(figure.unit)})", ""]
    lines.append("| " + " | ".join(columns) + " | source |")
    lines.append("|" + "|".join("---:" if c in ("value", "95% interval") else "---" for c in columns) + "|---|")
    for obs in chronological(figure):
        row = observation_row(pack, figure, obs)
        cells = [md_cell(row[c]) for c in columns]
        lines.append("| " + " | ".join(cells) + f" | [^{_footnote(figure, obs.source_id)}] |")
    changed = change_lines(figure, window)
    if changed:
        lines += ["", f"*{md_cell(changed[0])}*"] + [f"- {md_cell(line)}" for line in changed[1:]]
    notes = figure_notes(pack, figure)
    if notes:
        lines += [""] + [f"- *{md_cell(note.heading)}*: {md_cell(note.text + note.cited)}" for note in notes]
    lines.append("")
    for sid in footnotes:
        citation = pack.sources[sid].citation if sid in pack.sources else sid
        lines.append(f"[^{_footnote(figure, sid)}]: {md_cell(citation)}")
    return "\n".join(lines)


def _footnote(figure: Figure, source_id: str) -> str:
    # Labels unique across a section's figures, as Markdown footnotes share one namespace.
    # Only word characters, dots and dashes, so an id cannot close the label early.
    return re.sub(r"[^\w.-]", "-", f"{figure.figure_id}-{source_id}")


def to_markdown(pack: Pack, figures: Iterable[Figure], window: PeriodWindow | None = None) -> str:
    return "\n\n".join(figure_markdown(pack, f, window) for f in figures) + "\n"


# -- the overview as a fact-check table ------------------------------------------------


def fact_check_csv(pack: Pack) -> str:
    """One row per article value: what it says, each check's verdict, number, difference,
    finding and source; safe to open in a spreadsheet."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FACT_CHECK_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in fact_check_rows(pack):
        writer.writerow({name: spreadsheet_safe(cell) for name, cell in flat_row(row).items()})
    return buffer.getvalue()


def fact_check_json(pack: Pack) -> str:
    def check(result: CheckResult | None) -> dict | None:
        if result is None:
            return None
        return {
            "verdict": result.verdict.value, "in_words": result.verdict.label,
            "computed": float(result.computed_as_written) if result.computed_as_written else None,
            "difference": float(result.difference.replace(",", "")) if result.difference else None,
            "finding": result.text, "citation": result.citation, "locator": result.locator,
        }

    rows = [
        {
            "observation_id": row.observation.observation_id, "figure_id": row.figure.figure_id, "figure": row.figure.title,
            "the_article_says": row.value, "entity": row.observation.entity, "period": row.observation.period,
            "stated": None if row.observation.wording else row.observation.value, "unit": row.figure.unit,
            "where_in_the_article": row.observation.locator,
            "report": check(row.report), "recount": check(row.recount),
            "cross_check": {"computed_and_difference": row.cross_check, "finding": row.cross_check_text} if row.cross_check else None,
        }
        for row in fact_check_rows(pack)
    ]
    return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"


def fact_check_markdown(pack: Pack) -> str:
    """A table a story can carry as it is, then each value's findings in full, with sources."""
    rows = fact_check_rows(pack)
    lines = [
        f"### Fact-check: {md_cell(pack.title)}", "",
        "Each value the article states, against the report's own data and a recount from raw public files: "
        "the verdict, the number the check arrives at, and the article's value minus it.", "",
        "| # | the article says | about | report's data | recount | cross-check |",
        "|---:|---:|---|---|---|---|",
    ]
    for n, row in enumerate(rows, start=1):
        about = f"{row.observation.entity}, {row.observation.period}"
        cells = [row.value, about, row.report.cell if row.report else "", row.recount.cell if row.recount else "", row.cross_check]
        lines.append(f"| {n} | " + " | ".join(md_cell(cell) for cell in cells) + " |")
    lines.append("")
    for n, row in enumerate(rows, start=1):
        lines.append(f"{n}. **{md_cell(row.value)}** ({md_cell(row.observation.entity)}, {md_cell(row.observation.period)}; "
                     f"{md_cell(row.observation.locator)})")
        for result in (row.report, row.recount):
            if result is not None:
                lines.append(f"   - *{md_cell(result.check.label)}: {md_cell(result.verdict.label)}.* "
                             f"{md_cell(result.text)} ({md_cell(result.source)})")
        if row.cross_check:
            lines.append(f"   - *cross-check from its counts: {md_cell(row.cross_check)}.* {md_cell(row.cross_check_text)}")
    return "\n".join(lines) + "\n"
