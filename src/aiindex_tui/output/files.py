"""Write exports to files: safe names, no silent overwrite, never half a file.

Used by the CLI's ``export`` command and the app's export dialog and screenshot
key. Imports neither Textual nor pandas.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from aiindex_tui.output import renderers as formats
from aiindex_tui.pack.model import Figure, Pack, Section

DATA_FORMATS = ("csv", "json", "markdown")
SUFFIXES = {"csv": ".csv", "json": ".json", "markdown": ".md", "svg": ".svg"}
MAX_SLUG = 60


class ExportError(Exception):
    """An export that must not go ahead; the message says why and what to do."""


class TargetExists(ExportError):
    """The target file exists and overwriting it was not confirmed."""


@dataclass(frozen=True)
class Subject:
    """What is exported: one figure, or a whole section."""

    pack: Pack
    section: Section
    figure: Figure | None = None

    @property
    def subject_id(self) -> str:
        return self.figure.figure_id if self.figure else self.section.section_id

    @property
    def title(self) -> str:
        return self.figure.title if self.figure else self.section.title

    @property
    def figures(self) -> tuple[Figure, ...]:
        return (self.figure,) if self.figure else self.section.figures


def subject_for(pack: Pack, subject_id: str) -> Subject | None:
    """The figure or section with this id, or None."""
    for section in pack.sections:
        if section.section_id == subject_id:
            return Subject(pack, section)
        for figure in section.figures:
            if figure.figure_id == subject_id:
                return Subject(pack, section, figure)
    return None


def slug(text: str) -> str:
    """A file-name-safe form of ``text``: lowercase ASCII letters, digits and dashes."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return words[:MAX_SLUG].rstrip("-") or "export"


def default_path(subject: Subject, fmt: str, directory: Path | None = None) -> Path:
    """``aiindex-<id>.<suffix>`` in ``directory`` (the current one by default)."""
    return (directory or Path.cwd()) / f"aiindex-{slug(subject.subject_id)}{SUFFIXES[fmt]}"


def free_path(path: Path) -> Path:
    """``path``, or the first of ``name-2``, ``name-3``... that does not exist yet."""
    candidate, number = path, 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
    return candidate


def render(subject: Subject, fmt: str) -> str:
    """The subject's data as CSV, JSON or Markdown, with citations."""
    figures = subject.figures
    if fmt == "csv":
        return formats.to_csv(subject.pack, figures)
    if fmt == "json":
        return formats.to_json(subject.pack, figures)
    if fmt == "markdown":
        return formats.to_markdown(subject.pack, figures)
    raise ValueError(f"not a data format: {fmt}")


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


def write_atomically(path: Path, text: str, *, overwrite: bool) -> None:
    """Write ``text`` next to ``path`` and move it into place in one step.

    An interrupted write leaves the old file (or none) and at most a hidden
    temporary file, which is removed. Without ``overwrite`` an existing file is
    kept, even one that appeared after ``check_target`` looked.
    """
    handle = tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", newline="", dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False,
    )
    temporary = Path(handle.name)
    try:
        with handle:
            handle.write(text)
            handle.flush()
            # The temporary file is private (0600); the export gets the mode a
            # new file would get from the user's umask, or the mode of the file it replaces.
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
        raise TargetExists(f"{path} exists; overwrite it with --force (or confirm in the app)") from None
    except OSError:
        # A file system without hard links: check, then rename.
        if path.exists():
            raise TargetExists(f"{path} exists; overwrite it with --force (or confirm in the app)") from None
        os.replace(temporary, path)


def export(subject: Subject, fmt: str, path: Path, *, overwrite: bool = False, svg: str | None = None) -> Path:
    """Write the subject (or the given ``svg``) to ``path``; return where it went."""
    target = check_target(path, subject.pack, overwrite=overwrite)
    text = svg if fmt == "svg" else render(subject, fmt)
    if text is None:
        raise ValueError("an SVG export needs the rendered screen")
    write_atomically(target, text, overwrite=overwrite)
    return target


FOOTER_HEIGHT = 28
_VIEWBOX = re.compile(r'viewBox="0 0 ([\d.]+) ([\d.]+)"')


def citation_footer(subject: Subject) -> str:
    """One line naming every source the subject's figures cite."""
    ids = dict.fromkeys(sid for figure in subject.figures for sid in figure.source_ids)
    cited = [subject.pack.sources[sid].citation for sid in ids if sid in subject.pack.sources]
    return "Sources: " + ("; ".join(cited) if cited else "none cited")


def svg_with_footer(svg: str, footer: str) -> str:
    """The screenshot with a band below it holding ``footer`` (a line of plain text)."""
    match = _VIEWBOX.search(svg)
    if match is None:
        raise ValueError("not a terminal screenshot: no viewBox")
    width, height = float(match[1]), float(match[2])
    taller = f'viewBox="0 0 {match[1]} {height + FOOTER_HEIGHT:g}"'
    band = (
        f'<rect x="0" y="{height:g}" width="{width:g}" height="{FOOTER_HEIGHT}" fill="#1e1e1e"/>'
        f'<text x="12" y="{height + 19:g}" fill="#c8c8c8" font-family="monospace" font-size="13">'
        f"{xml_escape(footer)}</text>"
    )
    head, _, tail = svg.rpartition("</svg>")
    return _VIEWBOX.sub(taller, head, count=1) + band + "\n</svg>" + tail


def xml_escape(text: str) -> str:
    # Control characters are not allowed in XML at all; data text never needs them here.
    text = "".join(ch if ch >= " " or ch in "\t" else " " for ch in text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
