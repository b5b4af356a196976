"""Pack files that cannot be read as files: one line each, exit 2, never a traceback or a hang."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.packs import REPO_ROOT

EXAMPLE = REPO_ROOT / "docs" / "example-pack"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"AIINDEX_TUI_CACHE_DIR": ""}
    return subprocess.run([sys.executable, "-m", "aiindex_tui", *args], capture_output=True, text=True, timeout=60, env=env)


def pack_with(tmp_path: Path, file: str, make) -> Path:
    pack = tmp_path / "pack"
    shutil.copytree(EXAMPLE, pack)
    (pack / file).unlink()
    make(pack / file)
    return pack


@pytest.mark.parametrize(("make", "message"), [
    (Path.mkdir, "notes.csv: is a folder, not a file"),
    (os.mkfifo, "notes.csv: is not a regular file"),  # opened, a pipe would block for ever
])
@pytest.mark.parametrize("command", [["validate"], ["show", "notable-models", "--data"], ["list", "--data"]])
def test_a_file_that_is_not_a_file_is_one_line_and_exit_2(tmp_path, make, message, command):
    pack = pack_with(tmp_path, "notes.csv", make)
    result = run(*command, str(pack))
    assert result.returncode == 2, result.stderr
    assert f"aiindex-tui: {message}" in result.stderr.splitlines()
    assert "Traceback" not in result.stderr


def test_the_cache_never_opens_a_pipe(tmp_path):
    pack = pack_with(tmp_path, "notes.csv", os.mkfifo)
    env = os.environ | {"AIINDEX_TUI_CACHE_DIR": str(tmp_path / "cache")}
    result = subprocess.run(
        [sys.executable, "-m", "aiindex_tui", "show", "notable-models", "--data", str(pack)],
        capture_output=True, text=True, timeout=60, env=env,
    )
    assert result.returncode == 2 and "notes.csv: is not a regular file" in result.stderr
