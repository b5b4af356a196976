"""Write a file aside and move it into place in one step: never half a file.

Used for exports and for the pack cache. An interrupted write leaves the old
file (or none) and no temporary file.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(path: Path, data: bytes, *, overwrite: bool, private: bool = False) -> None:
    """Write ``data`` to ``path`` by way of a hidden temporary file beside it.

    Without ``overwrite`` an existing file is kept, even one that appears while
    this runs: FileExistsError is raised instead. A private file keeps the
    temporary file's 0600; any other gets the mode a new file would get from
    the umask, or the mode of the file it replaces.
    """
    handle = tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False)
    temporary = Path(handle.name)
    try:
        with handle:
            handle.write(data)
            handle.flush()
            if not private:
                os.fchmod(handle.fileno(), _mode_for(path))
            os.fsync(handle.fileno())
        if overwrite:
            os.replace(temporary, path)
        else:
            _move_without_clobbering(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        return 0o666 & ~_umask()


def _umask() -> int:
    try:  # Linux says it without changing it, which matters with threads about
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # elsewhere: set it to read it, and put it back at once
    os.umask(mask)
    return mask


def _move_without_clobbering(temporary: Path, path: Path) -> None:
    try:
        os.link(temporary, path)  # fails, rather than replaces, if path exists
    except FileExistsError:
        raise
    except OSError:
        # A file system without hard links: check, then rename.
        if path.exists():
            raise FileExistsError(path) from None
        os.replace(temporary, path)
