"""The benchmark runs end to end on tiny sizes (its numbers are not checked here)."""

from __future__ import annotations

import subprocess
import sys

from tests.support.packs import REPO_ROOT

MEASURES = (
    "warm start to first frame, overview",
    "complete first screen, warm, pty + pyte, 80x24",
    "complete first screen, warm, pty + pyte, 80x24, against Textual's widgets in the overview's shape",
    "cold start (no pack cache), pty + pyte, 80x24",
    "peak RSS, full session",
    "bare app, switch between two pages of text, at 80x24",
    "bare app, theme change, at 80x24",
    "section switch (visited) at 80x24",
    "view switch at 80x24",
    "zoom at 80x24",
    "theme change at 80x24",
    "zoom at 80x24, against Textual's widgets in the same shape",
    "theme change at 80x24, against Textual's widgets in the same shape",
    "zoom at 80x24, pty + pyte",
    "zoom at 80x24, pty + pyte, against Textual's widgets in the same shape",
    "section first visit at 120x40, 1 s after start",
    "section first visit at 120x40, 1 s after start, against Textual's widgets in the same shape",
    "frames with an empty pane during first visits",
    "rows screen of 2,000 rows, open",
    "rows screen of 2,000 rows, scroll key",
    "rows screen of 2,000 rows, filter keystroke",
    "load pack, 10x the bundled pack",
    "chart build, 100,000 points",
)


def test_the_benchmark_prints_every_measure_with_a_number():
    done = subprocess.run(
        [sys.executable, str(REPO_ROOT / "bench" / "run.py"), "--quick"],
        capture_output=True, text=True, timeout=600, check=True,
    )
    rows = [line for line in done.stdout.splitlines() if line.startswith("| ")]
    for measure in MEASURES:
        # The row of that name, not another that names more after it ("zoom at 80x24, pty + pyte").
        (row,) = [r for r in rows if r.startswith(f"| {measure}") and r[2 + len(measure):].lstrip(" ")[:1] in "(|"]
        result = row.split("|")[2]
        assert any(ch.isdigit() for ch in result), row


def test_the_load_test_runs_and_leaves_no_session_after_sigterm():
    done = subprocess.run(
        [sys.executable, str(REPO_ROOT / "bench" / "load.py"), "--quick"],
        capture_output=True, text=True, timeout=600, check=True,
    )
    rows = [line for line in done.stdout.splitlines() if line.startswith("| ") and "tabs" in line]
    assert len(rows) == 3, done.stdout
    for row in rows:
        assert "| 3 of 3 |" in row and row.rstrip().endswith("| - |"), row  # every tab got its screen, none failed
    assert "sessions left running: 0" in done.stdout
