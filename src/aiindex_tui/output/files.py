"""Write exports to files: safe names, no silent overwrite, never half a file.

Used by the CLI's ``export`` command and the app's export dialog and screenshot
key. Imports neither Textual nor pandas.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from aiindex_tui.output.formats import FORMATS, render
from aiindex_tui.pack.atomic import write_atomically
from aiindex_tui.pack.model import Pack
from aiindex_tui.pack.subject import Subject

MAX_SLUG = 60


class ExportError(Exception):
    """An export that must not go ahead; the message says why and what to do."""


class TargetExists(ExportError):
    """The target file exists and overwriting it was not confirmed."""


def slug(text: str) -> str:
    """A file-name-safe form of ``text``: lowercase ASCII letters, digits and dashes."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return words[:MAX_SLUG].rstrip("-") or "export"


def export_stem(subject: Subject) -> str:
    """An export's file name before its suffix: ``aiindex-<id>``, and the period window's
    ends where the figure is narrowed to one (``aiindex-<id>-2019-2024``)."""
    window = subject.window
    ends = f"-{slug(window.start)}-{slug(window.end)}" if window is not None else ""
    return f"aiindex-{slug(subject.subject_id)}{ends}"


def default_path(subject: Subject, fmt: str, directory: Path | None = None) -> Path:
    """``aiindex-<id>.<suffix>`` in ``directory`` (the current one by default)."""
    return (directory or Path.cwd()) / f"{export_stem(subject)}{FORMATS[fmt].suffix}"


def free_path(path: Path) -> Path:
    """``path``, or the first of ``name-2``, ``name-3``... that does not exist yet."""
    candidate, number = path, 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
    return candidate


def check_target(path: Path, pack: Pack, *, overwrite: bool) -> Path:
    """The resolved target, or ExportError if it must not be written."""
    target = path.expanduser().resolve()
    pack_dir = pack.directory.resolve()
    if target == pack_dir or pack_dir in target.parents:
        raise ExportError(f"{target} is inside the data pack {pack_dir}; the app never writes there, choose another place")
    if target.is_dir():
        raise ExportError(f"{target} is a directory; give a file name")
    if not target.parent.is_dir():
        raise ExportError(f"directory {target.parent} does not exist")
    if target.exists() and not overwrite:
        raise TargetExists(f"{target} exists; overwrite it with --force (or confirm in the app)")
    return target


def export(subject: Subject, fmt: str, path: Path, *, overwrite: bool = False, svg: str | None = None) -> Path:
    """Write the subject (or the given ``svg``) to ``path``; return where it went."""
    check_target(path, subject.pack, overwrite=overwrite)
    text = svg if FORMATS[fmt].screen else render(subject, fmt)
    if text is None:
        raise ValueError("an SVG export needs the rendered screen")
    return write_export(text, path, subject.pack, overwrite=overwrite)


def write_export(text: str, path: Path, pack: Pack, *, overwrite: bool = False) -> Path:
    """Write ``text`` to ``path`` whole or not at all, never into ``pack``; return where it went."""
    target = check_target(path, pack, overwrite=overwrite)
    try:
        write_atomically(target, text.encode("utf-8"), overwrite=overwrite)
    except FileExistsError:
        raise TargetExists(f"{target} exists; overwrite it with --force (or confirm in the app)") from None
    return target
