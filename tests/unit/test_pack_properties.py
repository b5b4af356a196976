"""Generated packs with cross-references, valid and broken: refused with file and line, or shown whole.

A pack that passes the checks must render every figure and section in every
output format and every explorer view; one that does not must say where.
"""

from __future__ import annotations

import pytest

import asyncio
import csv
import io
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from aiindex_tui.output.formats import DATA_FORMATS, render
from aiindex_tui.output.text import subject_text
from aiindex_tui.ui.app import make_app
from aiindex_tui.pack.subject import subject_for
from aiindex_tui.pack.loader import SCHEMA, check_pack

FILES = {spec.file for spec in SCHEMA}
ENTITIES = ["US", "China", "World", "EU"]
PERIODS = ["2023", "2024", "2024-03"]
OBSERVATION_COLUMNS = [
    "observation_id", "figure_id", "series", "entity", "period", "value", "origin", "source_id", "total_id",
    "stated_share_id",
]
BREAKS = [
    None, None, None, "figure-is-section", "duplicate-value", "total-elsewhere", "own-total", "zero-total",
    "part-over-total", "stated-without-total", "stated-not-share", "year-out-of-range", "figure-without-values",
    "unknown-total",
]


@st.composite
def packs(draw) -> dict[str, list[list[str]]]:
    """A coherent pack with shares, totals and notes, then at most one thing broken on purpose."""
    section_ids = [f"s{n}" for n in range(draw(st.integers(1, 3)))]
    figures, observations, notes = [], [], []
    for number in range(draw(st.integers(1, 4))):
        figure_id, measure = f"f{number}", draw(st.sampled_from(["count", "share", "difference"]))
        figures.append([figure_id, draw(st.sampled_from(section_ids)), f"Figure {number}", "%", measure,
                        draw(st.sampled_from(["bar", "line"]))])
        keys = draw(st.lists(st.tuples(st.sampled_from(ENTITIES), st.sampled_from(PERIODS)), min_size=1, max_size=4, unique=True))
        low = 0 if measure != "difference" else -50
        rows = [
            [f"o{number}-{n}", figure_id, "", entity, period, str(draw(st.integers(low, 50))),
             draw(st.sampled_from(["article", "context"])), "src", "", ""]
            for n, (entity, period) in enumerate(keys)
        ]
        if len(rows) >= 2 and draw(st.booleans()):  # the second value is the first one's total
            rows[1][5] = str(int(rows[0][5]) + draw(st.integers(1, 50)))
            rows[0][8] = rows[1][0]
        observations += rows
        if draw(st.booleans()):
            notes.append([f"n{number}", figure_id, draw(st.sampled_from(["", rows[0][0]])), "caveat", "A note."])
    shares = [row[0] for row in observations if figures[int(row[1][1:])][4] == "share"]
    for row in observations:
        if row[8] and shares and draw(st.booleans()):
            row[9] = draw(st.sampled_from(shares))

    broken = draw(st.sampled_from(BREAKS))
    first, last = observations[0], observations[-1]
    if broken == "figure-is-section":
        figures[0][0] = section_ids[0]
        for row in [*observations, *notes]:
            if row[1] == "f0":
                row[1] = section_ids[0]
    elif broken == "duplicate-value":
        observations.append(["o-again", *first[1:8], "", ""])
    elif broken == "total-elsewhere":
        elsewhere = [row[0] for row in observations if row[1] != first[1]]
        if elsewhere:
            first[8] = elsewhere[0]
    elif broken == "own-total":
        first[8] = first[0]
    elif broken == "zero-total" and first[8]:
        next(row for row in observations if row[0] == first[8])[5] = "0"
    elif broken == "part-over-total" and first[8]:
        first[5] = "1000"
    elif broken == "stated-without-total":
        last[8], last[9] = "", first[0]
    elif broken == "stated-not-share":
        not_shares = [row[0] for row in observations if figures[int(row[1][1:])][4] != "share"]
        if first[8] and not_shares:
            first[9] = not_shares[0]
    elif broken == "year-out-of-range":
        last[4] = draw(st.sampled_from(["1899", "2101"]))
    elif broken == "figure-without-values":
        figures.append(["f-empty", section_ids[0], "Empty", "%", "count", "bar"])
    elif broken == "unknown-total":
        last[8] = "missing"
    return {
        "pack.csv": [["title", "edition"], ["Generated", "Test"]],
        "sections.csv": [["section_id", "title", "summary"], *([s, f"Section {s}", "Summary."] for s in section_ids)],
        "sources.csv": [["source_id", "title"], ["src", "A source"]],
        "figures.csv": [["figure_id", "section_id", "title", "unit", "measure", "chart"], *figures],
        "observations.csv": [OBSERVATION_COLUMNS, *observations],
        "notes.csv": [["note_id", "figure_id", "observation_id", "kind", "text"], *notes],
    }


def write(directory: Path, files: dict[str, list[list[str]]]) -> Path:
    directory.mkdir(parents=True)
    for name, rows in files.items():
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows(rows)
        (directory / name).write_text(buffer.getvalue(), encoding="utf-8")
    return directory


def assert_refused_with_places(problems) -> None:
    for problem in problems:
        assert problem.file in FILES and problem.line is not None, str(problem)


@pytest.mark.slow
@settings(
    max_examples=300, deadline=timedelta(seconds=5),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(files=packs())
def test_every_generated_pack_is_refused_with_a_place_or_renders_in_every_format(tmp_path_factory, files):
    pack, problems = check_pack(write(tmp_path_factory.mktemp("pack") / "p", files))
    event("refused" if pack is None else "shown")
    if pack is None:
        assert_refused_with_places(problems)
        return
    for subject_id in [s.section_id for s in pack.sections] + [f.figure_id for f in pack.figures]:
        subject = subject_for(pack, subject_id)
        assert subject_text(pack, subject.section, subject.figure)
        for fmt in DATA_FORMATS:
            assert render(subject, fmt)


@pytest.mark.slow
@settings(
    max_examples=15, deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(files=packs())
def test_every_valid_generated_pack_shows_every_section_in_every_view(tmp_path_factory, files):
    pack, problems = check_pack(write(tmp_path_factory.mktemp("pack") / "p", files))
    assume(pack is not None)  # refused packs are the test above's
    asyncio.run(visit_every_view(pack))


async def visit_every_view(pack) -> None:
    app = make_app(pack)
    async with app.run_test(size=(80, 24)) as pilot:
        for number in range(1, len(pack.sections) + 1):
            await pilot.press(str(number), "enter")
            for view in ("t", "s", "c"):
                await pilot.press(view, "j")
            await pilot.pause()
        assert app.screen is app.explorer and app.explorer.section_index == len(pack.sections) - 1
