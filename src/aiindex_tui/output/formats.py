"""Every output format in one registry: its name, file suffix, label and renderer.

The CLI's choices, the export dialog's list and file names all read from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from aiindex_tui.pack.subject import Subject


@dataclass(frozen=True)
class OutputFormat:
    name: str
    suffix: str
    label: str
    render: Callable[[Subject], str] | None  # None: a picture of the screen, drawn by the explorer
    screen: bool = False


def _text(subject: Subject) -> str:
    from aiindex_tui.output.text import subject_text

    return subject_text(subject.pack, subject.section, subject.figure) + "\n"


def _table(name: str) -> Callable[[Subject], str]:
    def render(subject: Subject) -> str:
        from aiindex_tui.output import tables

        return getattr(tables, f"to_{name}")(subject.pack, subject.figures)

    return render


FORMATS: dict[str, OutputFormat] = {
    output.name: output
    for output in (
        OutputFormat("text", ".txt", "Plain text (reading)", _text),
        OutputFormat("csv", ".csv", "CSV (spreadsheets)", _table("csv")),
        OutputFormat("json", ".json", "JSON (programs)", _table("json")),
        OutputFormat("markdown", ".md", "Markdown table (reports)", _table("markdown")),
        OutputFormat("svg", ".svg", "SVG picture of the screen", None, screen=True),
    )
}
DATA_FORMATS = tuple(name for name, output in FORMATS.items() if output.render and name != "text")  # in the export dialog
SHOW_FORMATS = tuple(name for name, output in FORMATS.items() if not output.screen)
EXPORT_FORMATS = tuple(name for name in FORMATS if name != "text")


def render(subject: Subject, name: str) -> str:
    """The subject in the named format (not for pictures of the screen)."""
    output = FORMATS[name]
    if output.render is None:
        raise ValueError(f"{name} is drawn by the explorer, not rendered as text")
    return output.render(subject)
