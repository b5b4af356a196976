"""Figures computed from a figure: the US-China gap as a difference or a ratio.

Derived views are ordinary ``Figure`` objects, so the chart, the table and the
exports draw them like any other; nothing here is stored in a pack.
"""

from __future__ import annotations

import math
from dataclasses import fields, replace
from enum import Enum

from aiindex_tui.pack.kinds import NoteKind, Origin
from aiindex_tui.pack.model import Figure, Note, ObservationColumns

LEADER, CHALLENGER = "US", "China"


class GapMode(str, Enum):
    BOTH = "both"
    DIFFERENCE = "difference"
    RATIO = "ratio"



def _candidate_pairs(figure: Figure) -> dict[tuple[str, str], dict[str, int]]:
    """Row numbers of the US and China values of each (series kind, period)."""
    values = figure.values
    pairs: dict[tuple[str, str], dict[str, int]] = {}
    for row, (entity, series, period) in enumerate(zip(values.entity, values.series, values.period)):
        if entity in (LEADER, CHALLENGER):
            kind = series.replace(entity, "", 1).strip()
            pairs.setdefault((kind, period), {})[entity] = row
    return {key: rows for key, rows in pairs.items() if len(rows) == 2}


def _same_rule(figure: Figure, rows: dict[str, int]) -> bool:
    """Whether two values may be compared: not counted by two different stated rules."""
    rules = {figure.values.counting_rule[row] for row in rows.values()} - {""}
    return len(rules) < 2


def _pairs(figure: Figure) -> dict[tuple[str, str], dict[str, int]]:
    """The US and China values a gap compares: those of one series kind, period and rule."""
    return {key: rows for key, rows in _candidate_pairs(figure).items() if _same_rule(figure, rows)}


def rule_mismatches(figure: Figure) -> tuple[str, ...]:
    """One line per period left out of the gap because its two values follow different
    counting rules, naming each value and its rule."""
    values = figure.values
    lines = []
    for (kind, period), rows in _candidate_pairs(figure).items():
        if not _same_rule(figure, rows):
            sides = "; ".join(
                f"{entity} {values.written[row]} ({values.counting_rule[row]})"
                for entity, row in sorted(rows.items(), key=lambda item: item[0] != LEADER)
            )
            lines.append(f"{period}{f' {kind}' if kind else ''}: {sides}")
    return tuple(lines)


def has_gap(figure: Figure) -> bool:
    """Whether the figure has a US and a China value in at least one period."""
    return bool(_pairs(figure))


# Measures with a true zero, where "1.67 times as many" means something; an Arena score
# (an Elo rating, whose zero is arbitrary) or a difference has none.
RATIO_MEASURES = frozenset({"count", "share"})


def gap_modes(figure: Figure) -> tuple[GapMode, ...]:
    """The views the gap key steps through for this figure, both series first."""
    if not has_gap(figure):
        return (GapMode.BOTH,)
    if figure.measure in RATIO_MEASURES:
        return (GapMode.BOTH, GapMode.DIFFERENCE, GapMode.RATIO)
    return (GapMode.BOTH, GapMode.DIFFERENCE)


def next_gap_mode(figure: Figure, mode: GapMode) -> GapMode:
    modes = gap_modes(figure)
    return modes[(modes.index(mode) + 1) % len(modes)] if mode in modes else GapMode.BOTH


def gap_refusal(figure: Figure) -> str | None:
    """Why the figure has no US-China gap view, or None where it has one."""
    if has_gap(figure):
        return None
    mismatches = rule_mismatches(figure)
    if mismatches:
        return "No gap view: the US and China values follow different counting rules. " + " ".join(mismatches)
    return "No gap view: this figure has no US and China values of one series in the same period."


def left_out_of_gap(figure: Figure) -> str | None:
    """What a gap view of the figure leaves out and why, or None where it leaves nothing out."""
    mismatches = rule_mismatches(figure)
    if not mismatches or not has_gap(figure):
        return None
    return "Left out of the gap, counted by different rules: " + " ".join(mismatches)


# The columns a difference or ratio sets; every other column of it is left blank.
COMPUTED = frozenset((
    "observation_id", "series", "entity", "period", "value", "written", "approximate", "origin", "source_id", "locator",
    "counting_rule",
))


def gap_figure(figure: Figure, mode: GapMode) -> Figure:
    """The figure's US-China difference or ratio per period; the figure itself for BOTH
    or when it has no pairs. Ratios where China's value is 0 are left out, and so is a
    difference or ratio past the float range."""
    pairs = _pairs(figure)
    if mode is GapMode.BOTH or not pairs:
        return figure
    values = figure.values
    columns: dict[str, list] = {f.name: [] for f in fields(ObservationColumns)}
    ratio = mode is GapMode.RATIO
    derived_id: dict[str, str] = {}  # each US or China value's id -> the id of its difference or ratio
    for (kind, period), rows in pairs.items():
        us, china = rows[LEADER], rows[CHALLENGER]
        if ratio and values.value[china] == 0:
            continue
        decimals = max(len(values.written[us].partition(".")[2]), len(values.written[china].partition(".")[2]))
        if ratio:
            value = values.value[us] / values.value[china]
            decimals = 2
        else:
            value = values.value[us] - values.value[china]
        if not math.isfinite(value):  # two values near the float limits: no number to chart
            continue
        both_article = values.origin[us] is Origin.ARTICLE and values.origin[china] is Origin.ARTICLE
        name = "US / China" if ratio else "US minus China"
        new_id = f"{mode.value}-{values.observation_id[us]}-{values.observation_id[china]}"
        derived_id[values.observation_id[us]] = derived_id[values.observation_id[china]] = new_id
        columns["observation_id"].append(new_id)
        columns["series"].append(f"{name} {kind}".strip())
        columns["entity"].append(name)
        columns["period"].append(period)
        columns["value"].append(value)
        columns["written"].append(f"{value:.{decimals}f}")
        columns["approximate"].append(values.approximate[us] or values.approximate[china])
        columns["origin"].append(Origin.ARTICLE if both_article else Origin.CONTEXT)
        columns["source_id"].append(values.source_id[us])
        columns["locator"].append(f"computed from {values.observation_id[us]} and {values.observation_id[china]}")
        columns["counting_rule"].append(values.counting_rule[us] or values.counting_rule[china])
        for name in columns.keys() - COMPUTED:  # no total, share, words or interval carries over to a difference
            columns[name].append("")
    # Events stay on the chart, on the derived value of their period.
    notes = tuple(
        replace(note, observation_id=derived_id[note.observation_id])
        for note in figure.notes
        if note.kind is NoteKind.EVENT and note.observation_id in derived_id
    )
    left_out = left_out_of_gap(figure)
    if left_out:
        notes += (Note(f"{mode.value}-left-out", figure.figure_id, "", NoteKind.CAVEAT, left_out),)
    unit = "times" if ratio else "percentage points" if figure.unit == "%" else figure.unit
    title = f"{figure.title}: {'US as a multiple of China' if ratio else 'US minus China'}"
    return replace(
        figure, title=title, unit=unit, measure="difference",
        values=ObservationColumns(**{name: tuple(column) for name, column in columns.items()}),
        notes=notes, derived_shares=(),
    )
