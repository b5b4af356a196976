"""The rows behind a figure's values (its record set) in every data format.

Only the rows behind the figure's own values are given, each with the values
it is behind ("counts for"). Imports neither Textual nor pandas.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Sequence

from aiindex_tui.output.tables import md_cell, spreadsheet_safe
from aiindex_tui.output.text import cell_width, pad
from aiindex_tui.pack.model import Figure, Pack, RecordSet

COUNTS_FOR = "counts for"
# Text is for reading: a long cell (twenty organisations) is cut here; CSV and JSON keep it whole.
TEXT_CELL_LIMIT = 40


def figure_records(
    pack: Pack, figure: Figure, rows: Sequence[int] | None = None,
) -> tuple[RecordSet, list[int], dict[int, list[str]]]:
    """The figure's record set, the indexes of its rows behind the figure (or of those of
    ``rows`` that are, in that order: a selection made in the rows screen), and each row's values."""
    records = pack.records_of(figure)
    if records is None:
        raise LookupError(figure.figure_id)
    own = set(figure.values.observation_id)
    behind_figure = records.rows_for(tuple(own))
    if rows is not None:
        wanted = set(behind_figure)
        behind_figure = [i for i in rows if i in wanted]
    behind = {i: [o for o in records.observation_ids[i] if o in own] for i in behind_figure}
    return records, list(behind_figure), behind


def _labels(figure: Figure) -> dict[str, str]:
    return {o.observation_id: f"{o.label} {o.period}" for o in figure.observations}


def _counts(figure: Figure, behind: dict[int, list[str]]) -> list[tuple[str, int]]:
    """How many rows are behind each of the figure's values, in the figure's order."""
    counted: dict[str, int] = {}
    for ids in behind.values():
        for observation_id in ids:
            counted[observation_id] = counted.get(observation_id, 0) + 1
    labels = _labels(figure)
    return [(labels[o.observation_id], counted[o.observation_id]) for o in figure.observations if o.observation_id in counted]


def records_text(pack: Pack, figure: Figure, rows: Sequence[int] | None = None, selection: str = "") -> str:
    records, rows, behind = figure_records(pack, figure, rows)
    labels = _labels(figure)
    header = list(records.columns) + [COUNTS_FOR]
    table = [[_cut(cell) for cell in records.rows[i]] + ["; ".join(labels[o] for o in behind[i])] for i in rows]
    widths = [max([cell_width(h)] + [cell_width(r[c]) for r in table]) for c, h in enumerate(header)]
    lines = [
        f"Rows behind {figure.title}  [{figure.figure_id}]",
        f"{len(rows)} of the {len(records)} rows in records/{records.name}.csv",
        *([f"Selected: {selection}"] if selection else []),
        "",
        "  ".join(pad(h, w) for h, w in zip(header, widths)).rstrip(),
    ]
    lines += ["  ".join(pad(cell, w) for cell, w in zip(row, widths)).rstrip() for row in table]
    lines += ["", "Rows per value:"] + [f"  {label}: {count}" for label, count in _counts(figure, behind)]
    lines += ["", "Sources:"] + [f"  [{sid}] {pack.sources[sid].citation}" for sid in _source_ids(records, rows) if sid in pack.sources]
    return "\n".join(lines) + "\n"


def records_tsv_lines(records: RecordSet, rows: Sequence[int]) -> list[str]:
    """The header and ``rows`` as tab-separated lines, for pasting into a spreadsheet: a tab
    or line break inside a cell becomes a space (it would start a new cell or row), and a cell
    a spreadsheet would run as a formula is kept as text, as in the CSV export."""
    def cell(text: str) -> str:
        return spreadsheet_safe(_CELL_BREAKS.sub(" ", text))

    return ["\t".join(map(cell, records.columns))] + ["\t".join(map(cell, records.rows[i])) for i in rows]


_CELL_BREAKS = re.compile(r"\r\n|[\r\n\t]")  # each would end a cell or a row of tab-separated text


def _cut(cell: str) -> str:
    if cell_width(cell) <= TEXT_CELL_LIMIT:
        return cell
    while cell_width(cell) > TEXT_CELL_LIMIT - 3:
        cell = cell[:-1]
    return cell.rstrip() + "..."


def _source_ids(records: RecordSet, rows: list[int]) -> list[str]:
    return list(dict.fromkeys(records.source_ids[i] for i in rows if records.source_ids[i]))


def records_csv(pack: Pack, figure: Figure, rows: Sequence[int] | None = None, selection: str = "") -> str:
    # Each row carries its citation; a selection needs no line of its own (CSV has no place for one).
    records, rows, behind = figure_records(pack, figure, rows)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["figure_id", "record_id", *records.columns, "observation_ids", "source", "citation"])
    for i in rows:
        source = pack.sources.get(records.source_ids[i])
        cells = [
            figure.figure_id, records.record_ids[i], *records.rows[i], ";".join(behind[i]),
            source.title if source else records.source_ids[i], source.citation if source else "",
        ]
        writer.writerow([spreadsheet_safe(cell) for cell in cells])
    return buffer.getvalue()


def records_json(pack: Pack, figure: Figure, rows: Sequence[int] | None = None, selection: str = "") -> str:
    records, rows, behind = figure_records(pack, figure, rows)
    document = {
        "figure_id": figure.figure_id,
        "record_set": records.name,
        **({"selection": selection} if selection else {}),
        "columns": list(records.columns),
        "records": [
            {
                "record_id": records.record_ids[i],
                "fields": dict(zip(records.columns, records.rows[i])),
                "observation_ids": behind[i],
                "source_id": records.source_ids[i],
            }
            for i in rows
        ],
        "counts": {label: count for label, count in _counts(figure, behind)},
        "sources": [
            {"source_id": sid, "citation": pack.sources[sid].citation}
            for sid in _source_ids(records, rows) if sid in pack.sources
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def records_markdown(pack: Pack, figure: Figure, rows: Sequence[int] | None = None, selection: str = "") -> str:
    records, rows, behind = figure_records(pack, figure, rows)
    labels = _labels(figure)
    header = [*records.columns, COUNTS_FOR]
    lines = [f"### Rows behind {md_cell(figure.title)}", ""]
    if selection:
        lines += [f"{len(rows):,} rows selected: {md_cell(selection)}", ""]
    lines.append("| " + " | ".join(md_cell(h) for h in header) + " |")
    lines.append("|" + "|".join("---" for _ in header) + "|")
    for i in rows:
        cells = [*records.rows[i], "; ".join(labels[o] for o in behind[i])]
        lines.append("| " + " | ".join(md_cell(c) for c in cells) + " |")
    lines.append("")
    lines += [f"Source: {md_cell(pack.sources[sid].citation)}" for sid in _source_ids(records, rows) if sid in pack.sources]
    return "\n".join(lines) + "\n"


RECORD_RENDERERS = {"text": records_text, "csv": records_csv, "json": records_json, "markdown": records_markdown}
