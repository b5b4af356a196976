"""What changed between two packs: values, verdicts and record counts, as text, CSV, JSON or Markdown.

Run after a refresh (`aiindex-tui diff OLD NEW`) to see its effect before
committing it. Imports neither Textual nor pandas.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass

from aiindex_tui.output.tables import md_cell, spreadsheet_safe
from aiindex_tui.output.text import cell_width, pad
from aiindex_tui.pack.model import Note, Observation, Pack

ABSENT = "(none)"


@dataclass(frozen=True, slots=True)
class Change:
    """One difference: what kind of thing, which one, and how it reads in each pack."""

    kind: str  # value, verdict or records
    figure_id: str
    subject: str  # the observation id, "observation id (check)" for a verdict, or the record set
    old: str
    new: str


def _value(obs: Observation) -> str:
    text = obs.formatted_value()
    if obs.low or obs.high:
        text += f" [{obs.low} to {obs.high}]"
    return f'{text} "{obs.wording}"' if obs.wording else text


def _values(pack: Pack) -> dict[str, tuple[str, Observation]]:
    return {obs.observation_id: (figure.figure_id, obs) for figure in pack.figures for obs in figure.observations}


def _verdicts(pack: Pack) -> dict[tuple[str, str], tuple[str, Note]]:
    """(observation id, check) -> (figure id, verdict note), for every verdict."""
    return {
        (note.observation_id, note.check.value if note.check else ""): (figure.figure_id, note)
        for figure in pack.figures for note in figure.notes if note.verdict is not None
    }


def _verdict(note: Note) -> str:
    return f"{note.verdict.value}: {note.text}" if note.verdict else note.text


def _records(pack: Pack) -> dict[str, tuple[str, str]]:
    """Record set, or "set: observation id" -> (a figure using it, how many rows)."""
    counts: dict[str, tuple[str, str]] = {}
    for figure in pack.figures:
        records = pack.records_of(figure)
        if records is None:
            continue
        counts.setdefault(records.name, (figure.figure_id, f"{len(records)} rows"))
        for obs in figure.observations:
            behind = records.rows_behind(obs.observation_id)
            if behind:
                counts[f"{records.name}: {obs.observation_id}"] = (figure.figure_id, f"{len(behind)} rows")
    return counts


def _compare(kind: str, old: dict, new: dict, show: Callable, subject: Callable = str) -> list[Change]:
    """A Change for each key whose shown form differs; both mappings hold (figure id, item)."""
    changes = []
    for key in sorted(old.keys() | new.keys(), key=str):
        before, after = old.get(key), new.get(key)
        before_text = show(before) if before is not None else ABSENT
        after_text = show(after) if after is not None else ABSENT
        if before_text != after_text:
            changes.append(Change(kind, (after or before)[0], subject(key), before_text, after_text))
    return changes


def pack_diff(old: Pack, new: Pack) -> list[Change]:
    """Every value, verdict and record count that differs, in that order."""
    return (
        _compare("value", _values(old), _values(new), lambda item: _value(item[1]))
        + _compare(
            "verdict", _verdicts(old), _verdicts(new), lambda item: _verdict(item[1]),
            lambda key: f"{key[0]} ({key[1]})" if key[1] else key[0],
        )
        + _compare("records", _records(old), _records(new), lambda item: item[1])
    )


COLUMNS = ("kind", "figure_id", "subject", "old", "new")


def diff_text(changes: list[Change], old_name: str, new_name: str) -> str:
    if not changes:
        return f"No differences in values, verdicts or record counts between {old_name} and {new_name}.\n"
    counts = {label: sum(c.kind == kind for c in changes) for kind, label in (("value", "value"), ("verdict", "verdict"), ("records", "record count"))}
    lines = [
        f"{old_name} -> {new_name}: " + ", ".join(f"{n} {label} change{'s' if n != 1 else ''}" for label, n in counts.items()),
    ]
    width = max(cell_width(f"{c.kind} {c.subject}") for c in changes)
    for change in changes:
        lines.append(f"{pad(f'{change.kind} {change.subject}', width)}  {change.old}")
        lines.append(f"{pad('', width)}  -> {change.new}")
    return "\n".join(lines) + "\n"


def diff_csv(changes: list[Change]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for change in changes:
        writer.writerow([spreadsheet_safe(cell) for cell in (change.kind, change.figure_id, change.subject, change.old, change.new)])
    return buffer.getvalue()


def diff_json(changes: list[Change]) -> str:
    return json.dumps([asdict(change) for change in changes], indent=2, ensure_ascii=False) + "\n"


def diff_markdown(changes: list[Change], old_name: str, new_name: str) -> str:
    lines = [f"### Changes from {md_cell(old_name)} to {md_cell(new_name)}", ""]
    if not changes:
        return "\n".join(lines + ["No differences in values, verdicts or record counts.", ""])
    lines += ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for change in changes:
        lines.append("| " + " | ".join(md_cell(cell) for cell in (change.kind, change.figure_id, change.subject, change.old, change.new)) + " |")
    return "\n".join(lines) + "\n"


DIFF_FORMATS = ("text", "csv", "json", "markdown")


def render_diff(changes: list[Change], format_name: str, old_name: str, new_name: str) -> str:
    if format_name == "csv":
        return diff_csv(changes)
    if format_name == "json":
        return diff_json(changes)
    if format_name == "markdown":
        return diff_markdown(changes, old_name, new_name)
    return diff_text(changes, old_name, new_name)
