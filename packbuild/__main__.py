"""python -m packbuild SOURCES OUT: rebuild the pack in OUT from the raw files in SOURCES."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from packbuild.arena import UnknownModels
from packbuild.build import build
from packbuild.rows import BuildError


def write(files: dict[str, bytes], out: Path) -> None:
    """Write every file; record files the build no longer makes are removed."""
    (out / "records").mkdir(parents=True, exist_ok=True)
    for stale in (out / "records").glob("*.csv"):
        if f"records/{stale.name}" not in files:
            stale.unlink()
    for name, data in files.items():
        path = out / name
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m packbuild", description=__doc__)
    parser.add_argument("sources", type=Path, help="folder of raw files, e.g. data/sources")
    parser.add_argument("out", type=Path, help="pack folder to write, e.g. data")
    args = parser.parse_args(argv)
    try:
        files = build(args.sources)
    except (BuildError, UnknownModels, OSError, KeyError, ValueError) as error:
        print(f"packbuild: {type(error).__name__}: {error}", file=sys.stderr)
        return 2
    write(files, args.out)
    print(f"packbuild: wrote {len(files)} files to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
