"""Load a data pack: the only way the app reads data.

A pack parsed and checked once is kept in a cache (see packcache), so later
starts need neither pandas nor a second check. Nothing here writes to the pack
or imports Textual or pandas; parsing imports pandas when it is needed.
"""

from __future__ import annotations

from pathlib import Path

from aiindex_tui.pack import cache as packcache
from aiindex_tui.pack.model import Pack
from aiindex_tui.pack.schema import SCHEMA, Problem

__all__ = ["SCHEMA", "PackError", "bundled_pack_dir", "check_pack", "load_pack"]


class PackError(Exception):
    """A pack that cannot be used, with every problem found."""

    def __init__(self, directory: Path, problems: list[Problem]) -> None:
        self.directory = directory
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in data pack {directory}")


def bundled_pack_dir() -> Path:
    """The pack shipped with the package (inside the wheel, or at the repository root)."""
    package = Path(__file__).resolve().parents[1]
    installed = package / "data"  # where the wheel puts it
    if installed.is_dir():
        return installed
    return package.parents[1] / "data"


def _is_bundled(directory: Path) -> bool:
    return directory.resolve() == bundled_pack_dir().resolve()


def check_pack(directory: Path) -> tuple[Pack | None, list[Problem]]:
    """Parse and check the pack at ``directory`` (never from the cache).

    Returns the pack, or None, with every problem found.
    """
    directory = Path(directory)
    if not directory.is_dir():
        reason = (
            "is a file, not a directory; give the folder that holds pack.csv"
            if directory.exists() else "data pack directory does not exist"
        )
        return None, [Problem(str(directory), None, None, reason)]
    from aiindex_tui.pack.parser import parse_pack

    return parse_pack(directory, bundled=_is_bundled(directory))


def load_pack(directory: Path | None = None, *, use_cache: bool = True) -> Pack:
    """Load a pack (the bundled one by default), raising PackError on any problem.

    A valid cached copy of exactly these files is used when there is one;
    otherwise the files are parsed and checked, and the result cached.
    """
    directory = bundled_pack_dir() if directory is None else Path(directory)
    snapshot = packcache.snapshot(directory) if use_cache and directory.is_dir() else None
    if snapshot is not None:
        cached = packcache.read(snapshot, directory=directory, bundled=_is_bundled(directory))
        if cached is not None:
            return cached
    pack, problems = check_pack(directory)
    if pack is None:
        raise PackError(directory, problems)
    # Cached only if the files did not change while they were being parsed.
    if snapshot is not None and packcache.snapshot(directory) == snapshot:
        packcache.write(snapshot, pack)
    return pack
