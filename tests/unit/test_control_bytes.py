"""No byte of a pack reaches the terminal raw: not a cell, not a header name, not a path.

A control sequence such as OSC 52 (``ESC ] 52 ; c ; <base64> BEL``) written to a
terminal sets the user's clipboard, and OSC 0 retitles the window. Every string
a pack can carry is poisoned here, and every CLI command and format and every
TUI screen is scanned for raw control characters.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

from aiindex_tui.ui.app import make_app
from aiindex_tui.pack.loader import SCHEMA, load_pack
from aiindex_tui.pack.sanitize import visible
from tests.support.packs import copy_bundled
from tests.support.screens import screen_text

# OSC 52 setting the clipboard to "rm -rf ~", a C1 CSI, BEL, NUL and a lone CR.
POISON = "\x1b]52;c;cm0gLXJmIH4K\x07\x9b31m\x07\x00\rX"
# A directory name cannot hold NUL or a slash.
DIRECTORY_POISON = "\x1b]0;retitled\x07\x9b2J\r"
# Record files list observation ids separated by ";", so those ids get the poison without it.
ID_POISON = POISON.replace(";", ":")
OBSERVATION_ID_COLUMNS = {"observation_id", "total_id", "stated_share_id"}
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
# Columns whose values are checked against a fixed set or parsed: poison there is
# reported as a bad value instead (and that message is scanned too).
CONSTRAINED = {
    "measure", "chart", "origin", "approximate", "kind", "value", "period", "records", "verdict", "check", "low", "high", "computed",
}


def assert_no_raw_controls(text: str, where: str) -> None:
    found = RAW_CONTROL.search(text)
    assert found is None, f"raw {found[0]!r} in {where}: ...{text[max(0, found.start() - 60):found.end() + 20]!r}"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "aiindex_tui", *args], capture_output=True, text=True, timeout=120,
        errors="surrogateescape",
    )


def rewrite(directory: Path, name: str, change) -> None:
    path = directory / name
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL).writerows(change(rows))
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")


def poisoned_copy(tmp_path: Path) -> Path:
    """The bundled pack in a poisoned directory, every free-text cell poisoned (ids consistently)."""
    directory = copy_bundled(tmp_path / f"pack{DIRECTORY_POISON}")

    def poison_cells(rows: list[list[str]]) -> list[list[str]]:
        header = rows[0]
        def poisoned(column: str, cell: str) -> str:
            if not cell or column in CONSTRAINED:
                return cell
            return cell + (ID_POISON if column in OBSERVATION_ID_COLUMNS else POISON)

        return [header] + [[poisoned(column, cell) for column, cell in zip(header, row)] for row in rows[1:]]

    for spec in SCHEMA:
        rewrite(directory, spec.file, poison_cells)

    def poison_records(rows: list[list[str]]) -> list[list[str]]:
        header = rows[0]
        column = header.index("observation_ids")
        poisoned = poison_cells(rows)
        for row, original in zip(poisoned[1:], rows[1:]):  # each id of the list, as the values were
            row[column] = ";".join(i + ID_POISON for i in original[column].split(";") if i)
        return poisoned

    for records in sorted((directory / "records").glob("*.csv")):
        rewrite(directory, f"records/{records.name}", poison_records)
    return directory


@pytest.mark.slow
def test_poisoned_header_names_and_paths_are_escaped_in_every_message(tmp_path):
    directory = poisoned_copy(tmp_path)
    for spec in SCHEMA:
        # An unknown column, and the same name twice (the duplicate-column message).
        rewrite(directory, spec.file, lambda rows: [rows[0] + [f"x{POISON}"] * 2] + [row + ["", ""] for row in rows[1:]])
    given = str(directory)
    commands = [
        ["validate", given], ["--data", given, "list"], ["--data", given], ["show", "most-cited", "--data", given],
        ["export", "most-cited", "--data", given, "-o", "-"], ["--data", str(directory / "pack.csv")],
        ["show", f"nowhere{DIRECTORY_POISON}"], ["--section", f"nowhere{DIRECTORY_POISON}"],
    ]
    for command in commands:
        result = run(*command)
        assert result.returncode == 2, (command, result.stderr)
        assert_no_raw_controls(result.stdout + result.stderr, f"output of {command}")
    report = run("validate", given).stderr
    assert "unknown column" in report and "more than once" in report and "\\x1b]52;c;" in report


def subject_ids(pack) -> list[str]:
    return [s.section_id for s in pack.sections] + [f.figure_id for f in pack.figures]


@pytest.mark.slow
def test_poisoned_cells_and_directory_never_reach_the_cli_output_raw(tmp_path):
    directory = poisoned_copy(tmp_path)
    pack = load_pack(directory)
    assert pack.figures[0].figure_id.endswith(visible(POISON))
    given = str(directory)
    outputs = [run("--data", given, "list"), run("validate", given)]
    for subject in subject_ids(pack):
        for fmt in ("text", "csv", "json", "markdown"):
            outputs.append(run("show", subject, "--format", fmt, "--data", given))
    for subject in (pack.figures[0].figure_id, pack.sections[1].section_id):
        outputs.append(run("export", subject, "--format", "svg", "--data", given, "-o", "-", "--size", "80x24"))
    with_records = [f.figure_id for f in pack.figures if f.records]
    assert with_records
    for figure_id in with_records[:2]:
        for fmt in ("text", "csv", "json", "markdown"):
            outputs.append(run("show", figure_id, "--records", "--format", fmt, "--data", given))
    for result in outputs:
        assert result.returncode == 0, (result.args, result.stderr)
        assert_no_raw_controls(result.stdout + result.stderr, f"output of {result.args[3:]}")


@pytest.mark.slow
async def test_poisoned_cells_and_directory_never_reach_a_screen_raw(tmp_path):
    pack = load_pack(poisoned_copy(tmp_path))
    app = make_app(pack)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "\\x1b]52;c;" in screen_text(app)  # the pack title, escaped, in the title bar
        for number in range(1, len(pack.sections) + 1):
            await pilot.press(str(number), "enter")
            for view in "cts":
                await pilot.press(view)
                await pilot.pause()
                assert_no_raw_controls(screen_text(app), f"section {number}, view {view}")
        for opener, closer in (("question_mark", "escape"), ("slash", "escape"), ("e", "escape")):
            await pilot.press(opener)
            await pilot.pause()
            await pilot.pause()
            assert_no_raw_controls(screen_text(app), f"the screen opened by {opener}")
            await pilot.press(closer)
