"""Load a data pack: the only way the app reads data.

A pack parsed and checked once is kept in a cache (see packcache), so later
starts skip reading and checking its files. Nothing here writes to the pack or
imports Textual or pandas (parsing imports pandas only for a very large file).
"""

from __future__ import annotations

import gc
import os
import sys
import threading
from pathlib import Path

from aiindex_tui.pack import cache as packcache
from aiindex_tui.pack.model import Pack
from aiindex_tui.pack.schema import RECORDS_DIR, SCHEMA, Problem

__all__ = ["SCHEMA", "PackError", "PackLoading", "bundled_pack_dir", "check_pack", "load_pack", "start_loading"]


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


def pack_state(directory: Path) -> tuple[tuple[str, int, int], ...]:
    """What a pack's files look like on disk (each CSV's name, size and modification time, at
    the top and in its records folder: what the parser reads, not a build's raw sources), cheap
    to read: it changes whenever one is written, added or removed."""
    state = []
    for path in sorted([*directory.glob("*.csv"), *(directory / RECORDS_DIR).glob("*.csv")]):
        try:
            stat = path.stat()
        except OSError:
            continue  # gone while looking
        state.append((path.relative_to(directory).as_posix(), stat.st_size, stat.st_mtime_ns))
    return tuple(state)


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


class PackLoading:
    """A pack on its way: read from the cache already, parsed by a second process, or to be
    parsed when asked for."""

    def __init__(self, directory: Path, *, pack: Pack | None = None, key: str = "", entry_pipe: int | None = None) -> None:
        self.directory = directory
        self._pack = pack
        self._key = key
        self._entry_pipe = entry_pipe

    def result(self) -> Pack:
        """The pack; raises PackError, as load_pack does, on any problem."""
        if self._pack is None:
            self._pack = self._received() or load_pack(self.directory)
        return self._pack

    def _received(self) -> Pack | None:
        """The pack the second process sent, if it sent a sound one."""
        if self._entry_pipe is None:
            return None
        with os.fdopen(self._entry_pipe, "rb") as pipe:
            raw = pipe.read()
        self._entry_pipe = None
        return packcache.decode_entry(self._key, raw, directory=self.directory, bundled=_is_bundled(self.directory))


def start_loading(directory: Path | None = None) -> PackLoading:
    """Begin loading a pack for a caller with other work to do meanwhile.

    A cached pack is read at once. Otherwise, on Linux, a second process parses
    and checks it and sends back a cache entry, so that importing the parser
    and parsing run beside the caller's own work (the explorer imports Textual) on
    another core. Whatever that process could not do, a bad pack above all,
    ``result()`` does again here, and reports.
    """
    directory = bundled_pack_dir() if directory is None else Path(directory)
    key = packcache.snapshot(directory) if directory.is_dir() else None
    if key is None:
        return PackLoading(directory)
    cached = packcache.read(key, directory=directory, bundled=_is_bundled(directory))
    if cached is not None:
        return PackLoading(directory, pack=cached)
    if not _parsing_aside_helps():
        return PackLoading(directory)
    try:
        return PackLoading(directory, key=key, entry_pipe=_parse_aside(directory, key))
    except OSError:  # no process or pipe to spare: parse here
        return PackLoading(directory)


def _parsing_aside_helps() -> bool:
    # Forking is sound only in a process with a single thread, and elsewhere than Linux
    # not even then; with the parser already imported (a process that parsed before)
    # there is little left to overlap for a pack of ordinary size.
    return sys.platform == "linux" and threading.active_count() == 1 and "aiindex_tui.pack.parser" not in sys.modules


def _parse_aside(directory: Path, key: str) -> int:
    """Start a process that parses the pack and writes its cache entry into a pipe (and the
    cache); returns the pipe's reading end."""
    readable, writable = os.pipe()
    try:
        child = os.fork()
    except OSError:
        os.close(readable)
        os.close(writable)
        raise
    if child == 0:
        try:
            os.close(readable)
            # The work is done by a grandchild and this child ends at once: nobody has to
            # wait for the worker, which may still be writing the cache when the app starts.
            if os.fork() == 0:
                _parse_into(directory, key, writable)
        finally:
            os._exit(0)
    os.close(writable)
    os.waitpid(child, 0)
    return readable


def _parse_into(directory: Path, key: str, writable: int) -> None:
    """The worker: never returns, never prints; an empty pipe tells the caller to parse itself."""
    try:
        gc.disable()  # a short life: collection passes would only slow parsing
        os.setsid()  # the terminal's signals are for the app, not for this worker
        quiet = os.open(os.devnull, os.O_RDWR)
        for stream in (0, 1, 2):
            os.dup2(quiet, stream)
        pack, _ = check_pack(directory)
        if pack is not None and packcache.snapshot(directory) == key:
            raw = packcache.encode_entry(key, pack)
            with os.fdopen(writable, "wb") as pipe:
                pipe.write(raw)
            packcache.store(key, raw)
    finally:
        os._exit(0)
