"""Shared fixtures: copies of the bundled pack that a test may break on purpose."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Callable

import pytest

from aiindex_tui.pack.loader import bundled_pack_dir

REPO_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True, scope="session")
def private_pack_cache(tmp_path_factory: pytest.TempPathFactory):
    """Keep the suite's parsed-pack cache apart from the user's (subprocesses inherit it)."""
    previous = os.environ.get("AIINDEX_TUI_CACHE_DIR")
    os.environ["AIINDEX_TUI_CACHE_DIR"] = str(tmp_path_factory.mktemp("pack-cache"))
    yield
    if previous is None:
        del os.environ["AIINDEX_TUI_CACHE_DIR"]
    else:
        os.environ["AIINDEX_TUI_CACHE_DIR"] = previous


@pytest.fixture
def pack_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled pack."""
    target = tmp_path / "pack"
    shutil.copytree(bundled_pack_dir(), target)
    return target


def edit_file(directory: Path, name: str, change: Callable[[str], str]) -> None:
    path = directory / name
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


def replace_line(directory: Path, name: str, line_number: int, new_line: str) -> None:
    """Replace one physical line (1-based) of a pack file."""
    path = directory / name
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[line_number - 1] = new_line
    path.write_text("\n".join(lines), encoding="utf-8")


def line_of(directory: Path, name: str, starts_with: str) -> int:
    lines = (directory / name).read_text(encoding="utf-8").split("\n")
    return next(i for i, line in enumerate(lines, start=1) if line.startswith(starts_with))
