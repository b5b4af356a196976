"""Fixtures for the whole suite, and a marker for each kind of test from its folder.

unit/ runs in-process and in subprocesses without a terminal; ui/ drives the
explorer with Textual's pilot and compares snapshots; system/ runs the installed
command in tmux, over SSH, in Chromium, from a built wheel, and for long
sessions. Helpers live in tests/support, never in another test file.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support.packs import copy_bundled


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
    return copy_bundled(tmp_path / "pack")


KINDS = ("unit", "ui", "system")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        kind = Path(item.fspath).parent.name
        if kind in KINDS:
            item.add_marker(getattr(pytest.mark, kind))
