"""Packs built to break things: random bytes and shapes, huge and hostile text, scale."""

from __future__ import annotations

import pytest

import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aiindex_tui.ui.app import make_app
from aiindex_tui.pack.csv_reader import Problem
from aiindex_tui.pack.loader import SCHEMA, check_pack, load_pack
from tests.support.screens import screen_text
from tests.support.packs import copy_bundled, pack_digests, write_pack

RECORD_FILES = ["records/notable-models.csv", "records/arena-leaders.csv"]
FILES = [spec.file for spec in SCHEMA] + RECORD_FILES
FUZZ = settings(
    max_examples=40,
    deadline=timedelta(seconds=5),  # a hang shows up as a deadline failure
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def assert_loads_or_explains(directory: Path) -> None:
    pack, problems = check_pack(directory)
    assert (pack is None) == bool(problems)
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.file in FILES or problem.file.startswith("records/") or problem.file == str(directory)
        assert str(problem)


@FUZZ
@given(name=st.sampled_from(FILES), data=st.binary(max_size=2000))
def test_random_bytes_in_any_file(tmp_path_factory, name, data):
    pack = copy_bundled(tmp_path_factory.mktemp("pack") / "p")
    (pack / name).write_bytes(data)
    assert_loads_or_explains(pack)


cell = st.text(alphabet=st.characters(codec="utf-8"), max_size=12) | st.sampled_from(["", "-1", "1e309", "nan", "101", "2024-13", '"', "a,b", "\r"])


@FUZZ
@given(name=st.sampled_from(FILES), rows=st.lists(st.lists(cell, max_size=14), max_size=12), keep_header=st.booleans())
def test_random_csv_shapes_in_any_file(tmp_path_factory, name, rows, keep_header):
    import csv
    import io

    pack = copy_bundled(tmp_path_factory.mktemp("pack") / "p")
    header = (pack / name).read_text(encoding="utf-8").splitlines()[0].split(",") if keep_header else []
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(([header] if header else []) + rows)
    (pack / name).write_text(buffer.getvalue(), encoding="utf-8")
    assert_loads_or_explains(pack)


@FUZZ
@given(values=st.lists(st.floats(allow_nan=True, allow_infinity=True) | st.integers(-10**30, 10**30), min_size=1, max_size=30))
def test_random_values(tmp_path_factory, values):
    pack = write_pack(tmp_path_factory.mktemp("pack") / "p", sections=1, figures_per_section=1, values_per_figure=len(values))
    lines = (pack / "observations.csv").read_text(encoding="utf-8").splitlines()
    rewritten = [lines[0]]
    for line, value in zip(lines[1:], values):
        fields = line.split(",")
        fields[4] = repr(value)
        rewritten.append(",".join(fields))
    (pack / "observations.csv").write_text("\n".join(rewritten) + "\n", encoding="utf-8")
    assert_loads_or_explains(pack)


async def test_labels_of_ten_thousand_characters(tmp_path):
    label = " " + "wide" * 2500
    pack = load_pack(write_pack(tmp_path / "long", sections=2, figures_per_section=2, values_per_figure=4, label=label))
    app = make_app(pack)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "enter", "j", "t", "s", "c")
        text = screen_text(app)
        lines = text.splitlines()
        assert "Synthetic" in lines[0] and "Quit" in lines[-1]
        assert app.explorer.focused_figure.figure_id == "f1-1"


@pytest.mark.slow
async def test_two_hundred_sections_and_two_thousand_figures(tmp_path):
    pack = load_pack(write_pack(tmp_path / "big", sections=200, figures_per_section=10, values_per_figure=3))
    assert len(pack.figures) == 2000
    app = make_app(pack)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("G", "enter", "j", "j", "t")
        assert app.explorer.section_index == 199
        assert app.explorer.focused_figure.figure_id == "f199-2"
        await pilot.press("escape", "g", "enter")
        assert app.explorer.focused_figure.figure_id == "f0-0"
        assert "Section 0" in screen_text(app)


@pytest.mark.slow
async def test_a_full_session_never_writes_to_the_pack(tmp_path):
    pack_dir = copy_bundled(tmp_path / "pack")
    before = pack_digests(pack_dir)
    assert "records/notable-models.csv" in before
    for folder in (pack_dir, pack_dir / "records"):
        folder.chmod(0o555)
    try:
        app = make_app(load_pack(pack_dir))
        async with app.run_test(size=(80, 24)) as pilot:
            for number in "123456":
                await pilot.press(number, "enter", "j", "t", "o", "s", "y", "c", "escape")
            await pilot.press("q")
        for command in (["list"], ["show", "production-and-patents", "--format", "json"], ["validate"]):
            subprocess.run(
                [sys.executable, "-m", "aiindex_tui", "--data", str(pack_dir), *command],
                check=True, capture_output=True, cwd=pack_dir,
            )
    finally:
        for folder in (pack_dir, pack_dir / "records"):
            folder.chmod(0o755)
    assert pack_digests(pack_dir) == before


def test_runs_from_a_read_only_directory(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "aiindex_tui", "show", "most-cited"], capture_output=True, text=True, cwd=locked
        )
    finally:
        locked.chmod(0o755)
    assert result.returncode == 0 and "46" in result.stdout
    assert list(locked.iterdir()) == []


