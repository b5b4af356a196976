"""The package's layers hold: checked statically by import-linter and at run time in a fresh interpreter."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import aiindex_tui.output
import aiindex_tui.pack
from tests.support.packs import REPO_ROOT

UI_LIBRARIES = ("textual", "rich", "textual_plotext", "textual_serve")


def modules_of(package) -> list[str]:
    return [f"{package.__name__}.{info.name}" for info in pkgutil.iter_modules(package.__path__)]


def test_the_import_contracts_in_pyproject_hold():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports), "--config", str(REPO_ROOT / "pyproject.toml")],
        capture_output=True, text=True, cwd=REPO_ROOT, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


def test_the_data_core_and_output_load_no_ui_library():
    """Every module, and what deferred imports pull in while a pack is loaded and rendered."""
    modules = modules_of(aiindex_tui.pack) + modules_of(aiindex_tui.output)
    code = (
        f"import sys, {', '.join(modules)}; from aiindex_tui.pack.loader import load_pack;"
        "from aiindex_tui.output.formats import SHOW_FORMATS, render; from aiindex_tui.pack.subject import subject_for;"
        "pack = load_pack(use_cache=False); subject = subject_for(pack, pack.figures[0].figure_id);"
        "[render(subject, name) for name in SHOW_FORMATS];"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {UI_LIBRARIES!r}))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_only_a_very_large_file_of_a_pack_needs_pandas():
    """Every module of the data core, and parsing and checking the bundled pack, without pandas or numpy."""
    code = (
        "import sys; "
        + "; ".join(f"import {m}" for m in modules_of(aiindex_tui.pack))
        + "; from aiindex_tui.pack.loader import load_pack; assert load_pack(use_cache=False).figures"
        + "; print(sorted(m for m in sys.modules if m.split('.')[0] in ('pandas', 'numpy')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def import_cycles(package: str) -> list[list[str]]:
    """Groups of the package's modules that import each other, directly or through others.

    Every import counts: at module level, inside functions (deferred) and for type checking.
    """
    import grimp  # import-linter's own graph builder

    graph = grimp.build_graph(package)
    modules = sorted(m for m in graph.modules if m.startswith(package + "."))
    imports = {m: sorted(d for d in graph.find_modules_directly_imported_by(m) if d.startswith(package + ".")) for m in modules}
    order: dict[str, int] = {}
    lowest: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(module: str) -> None:  # Tarjan's strongly connected components
        order[module] = lowest[module] = len(order)
        stack.append(module)
        for imported in imports.get(module, ()):
            if imported not in order:
                visit(imported)
                lowest[module] = min(lowest[module], lowest[imported])
            elif imported in stack:
                lowest[module] = min(lowest[module], order[imported])
        if lowest[module] == order[module]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                cycles.append(sorted(group))

    for module in modules:
        if module not in order:
            visit(module)
    return cycles


def test_no_module_imports_one_that_imports_it_back():
    assert import_cycles("aiindex_tui") == []


def test_the_cycle_finder_finds_a_cycle(tmp_path, monkeypatch):
    package = tmp_path / "circle"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from circle import b\n")
    (package / "b.py").write_text("def later():\n    from circle import a\n")
    (package / "c.py").write_text("from circle import b\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert import_cycles("circle") == [["circle.a", "circle.b"]]
