"""python -m packbuild SOURCES OUT: rebuild the pack in OUT from the raw files in SOURCES.

The new pack is written to a folder aside and checked with the pack rules
(what ``aiindex-tui validate`` checks) first; only a pack that passes replaces
the files in OUT, each one moved into place whole. A problem in a source stops
the build with one line naming the file and line, and OUT is left as it was.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from aiindex_tui.pack.atomic import write_atomically
from aiindex_tui.pack.loader import check_pack
from packbuild.arena import UnknownModels
from packbuild.build import build
from packbuild.rows import BuildError


def checked(files: dict[str, bytes], beside: Path) -> list[str]:
    """The problems the pack rules find in the built files, written to a folder next to ``beside``."""
    beside.mkdir(parents=True, exist_ok=True)
    aside = Path(tempfile.mkdtemp(prefix=".packbuild-", dir=beside))
    try:
        for name, data in files.items():
            (aside / name).parent.mkdir(parents=True, exist_ok=True)
            (aside / name).write_bytes(data)
        _, problems = check_pack(aside)
        return [str(problem) for problem in problems]
    finally:
        shutil.rmtree(aside, ignore_errors=True)


def write(files: dict[str, bytes], out: Path) -> None:
    """Write every file that changed, each whole; record files the build no longer makes are removed."""
    (out / "records").mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        path = out / name
        if not path.exists() or path.read_bytes() != data:
            write_atomically(path, data, overwrite=True)
    for stale in (out / "records").glob("*.csv"):
        if f"records/{stale.name}" not in files:
            stale.unlink()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m packbuild", description=__doc__.split("\n\n")[0])
    parser.add_argument("sources", type=Path, help="folder of raw files, e.g. data/sources")
    parser.add_argument("out", type=Path, help="pack folder to write, e.g. data")
    args = parser.parse_args(argv)
    try:
        files = build(args.sources)
    except BuildError as error:
        print(f"packbuild: {error}", file=sys.stderr)
        return 2
    except (UnknownModels, OSError, KeyError, ValueError, UnicodeDecodeError) as error:
        print(f"packbuild: {type(error).__name__}: {error}", file=sys.stderr)
        return 2
    problems = checked(files, args.out)
    if problems:
        print(f"packbuild: the built pack breaks the pack rules, so {args.out} is left as it was:", file=sys.stderr)
        for problem in problems:
            print(f"packbuild: {problem}", file=sys.stderr)
        return 2
    write(files, args.out)
    print(f"packbuild: wrote {len(files)} files to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
