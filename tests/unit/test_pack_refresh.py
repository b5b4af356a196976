"""Refreshing a source as docs/data-format.md says: a new download in, `make data`, and nothing else.

Each test works on a copy of data/sources and of the pack, never on the committed files.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from aiindex_tui.pack.loader import check_pack, load_pack
from aiindex_tui.pack.kinds import Check, NoteKind
from tests.support.packs import REPO_ROOT

DATA = REPO_ROOT / "data"
NEWEST = "notable-ai-models_2026-01-26.csv"
UNDATED = [f"Undated model {n}" for n in range(1, 6)]


def build(sources: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "packbuild", str(sources), str(out)],
        capture_output=True, text=True, cwd=REPO_ROOT, timeout=120,
    )


@pytest.fixture
def workspace(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the raw sources and of the built pack."""
    sources, out = tmp_path / "sources", tmp_path / "pack"
    shutil.copytree(DATA / "sources", sources)
    out.mkdir()
    for path in DATA.glob("*.csv"):
        shutil.copy(path, out / path.name)
    shutil.copytree(DATA / "records", out / "records")
    return sources, out


def later_download(sources: Path) -> Path:
    """What a newer public download looks like: columns reordered and one added, some models without a
    publication date, models of the new, unfinished year, and an organisation never seen before."""
    with open(sources / "epoch" / NEWEST, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        columns, rows = list(reader.fieldnames), list(reader)
    columns = ["Country (of organization)", "Notability note"] + [c for c in columns if c != "Country (of organization)"]
    blank = dict.fromkeys(columns, "")
    added = [
        blank | {"Model": name, "Organization": "Somewhere Labs", "Country (of organization)": "United States of America"}
        for name in UNDATED
    ]
    added += [
        blank | {"Model": f"New model {n}", "Organization": "Brand-new Lab", "Publication date": f"2026-0{n}-10",
                 "Country (of organization)": "China" if n % 2 else "United States of America", "Domain": "Language"}
        for n in range(1, 5)
    ]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(added + [row | {"Notability note": ""} for row in rows])
    path = sources / "epoch" / "notable-ai-models_2026-08-01.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def test_a_newer_download_rebuilds_with_no_code_changed(workspace):
    sources, out = workspace
    later_download(sources)
    result = build(sources, out)
    assert result.returncode == 0, result.stderr
    pack, problems = check_pack(out)
    assert problems == []

    # The newest download gives the counts, and its year that was not over is marked partial.
    every = pack.figure("notable-models-every-country")
    assert every.periods[-1] == "2026"
    counts_2026 = {o.entity: o.value for o in every.observations if o.period == "2026"}
    assert counts_2026 == {"US": 2, "China": 2, "Rest of world": 0}
    partial = [n for n in every.notes if n.kind is NoteKind.CAVEAT and "2026 is partial" in n.text]
    assert {n.observation_id for n in partial} == {o.observation_id for o in every.observations if o.period == "2026"}
    assert "download of 2026-08-01" in pack.sources["epoch-notable"].title

    # Notes and verdicts name the new file and the models it lacks dates for.
    undated = [n for n in every.notes if n.note_id == "models-undated"]
    assert len(undated) == 1 and all(name in undated[0].text for name in UNDATED)
    recount = [v for v in pack.figure("notable-models").verdicts_for("models-us-2025") if v.check is Check.RECOUNT]
    assert "download of 2026-08-01" in recount[0].text
    snapshot = [n for n in pack.figure("notable-models").notes if n.note_id == "models-snapshot"]
    assert "2026-08-01" in snapshot[0].text and "2026-01-26" not in snapshot[0].text

    # Every download kept stands side by side.
    downloads = {o.series.rsplit(" ", 1)[-1] for o in pack.figure("notable-models-downloads").observations}
    assert downloads == {"2025-12-02", "2026-01-26", "2026-08-01"}

    # The records behind the counts are the new download's, undated models listed but counted nowhere.
    records = pack.records_of(every)
    models = records.columns.index("model")
    undated_rows = [i for i, row in enumerate(records.rows) if row[models] in UNDATED]
    assert len(undated_rows) == 5 and all(not records.observation_ids[i] for i in undated_rows)

    # `diff` shows what the refresh changed, with exit 0.
    diff = subprocess.run(
        [sys.executable, "-m", "aiindex_tui", "diff", str(DATA), str(out), "--format", "json"],
        capture_output=True, text=True, timeout=120,
    )
    assert diff.returncode == 0, diff.stderr
    changes = json.loads(diff.stdout)
    assert {"kind": "value", "figure_id": "notable-models-every-country", "subject": "models-every-us-2026",
            "old": "(none)", "new": "2"} in changes
    assert any(c["kind"] == "records" and c["subject"] == "notable-models" for c in changes)


def test_the_same_sources_build_the_same_bytes_twice(workspace, tmp_path):
    sources, out = workspace
    later_download(sources)
    again = tmp_path / "again"
    assert build(sources, out).returncode == build(sources, again).returncode == 0
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*.csv")} == {
        p.relative_to(again): p.read_bytes() for p in again.rglob("*.csv")
    }


def committed(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(("change", "message"), [
    (lambda text: text.replace("2026-01-10", "2026-13-10", 1), ":{line}: column 'Publication date': '2026-13-10' is not a date"),
    (lambda text: text.replace("Country (of organization)", "Country", 1), ":1: missing column 'Country (of organization)'"),
    (lambda text: text + '"unterminated,\n', ": "),
])
def test_a_bad_download_stops_with_file_and_line_and_leaves_the_pack_alone(workspace, change, message):
    sources, out = workspace
    path = later_download(sources)
    text = path.read_text(encoding="utf-8")
    line = text[:text.find("2026-01-10")].count("\n") + 1
    path.write_text(change(text), encoding="utf-8")
    before = committed(out)
    result = build(sources, out)
    assert result.returncode == 2
    (only,) = result.stderr.strip().splitlines()
    assert only.startswith(f"packbuild: {path}") and message.format(line=line) in only
    assert "Traceback" not in result.stderr
    assert committed(out) == before


def test_a_download_named_without_its_date_is_refused(workspace):
    sources, out = workspace
    shutil.copy(sources / "epoch" / NEWEST, sources / "epoch" / "notable-ai-models.csv")
    result = build(sources, out)
    assert result.returncode == 2 and "name it notable-ai-models_YYYY-MM-DD.csv" in result.stderr


def test_a_build_that_breaks_the_pack_rules_writes_nothing(workspace):
    sources, out = workspace
    hand = sources / "hand-entered" / "observations.csv"
    hand.write_text(hand.read_text(encoding="utf-8").replace("models-us-2023,notable-models,,US,2023,61,", "models-us-2023,notable-models,,US,2023,-61,"), encoding="utf-8")
    before = committed(out)
    result = build(sources, out)
    assert result.returncode == 2
    assert "the built pack breaks the pack rules" in result.stderr and "'-61' is a negative count" in result.stderr
    assert committed(out) == before
    assert load_pack(out, use_cache=False).figure("notable-models")  # still the pack it was
