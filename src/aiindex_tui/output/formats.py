"""Every output format in one registry: its name, file suffix, label and renderer.

The CLI's choices, the export dialog's list and file names all read from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from aiindex_tui.output import tables, text
from aiindex_tui.pack.subject import Subject


@dataclass(frozen=True)
class OutputFormat:
    name: str
    suffix: str
    label: str
    render: Callable[[Subject], str] | None  # None: a picture of the screen, drawn by the explorer

    @property
    def screen(self) -> bool:
        return self.render is None


FORMATS: dict[str, OutputFormat] = {
    output.name: output
    for output in (
        OutputFormat("text", ".txt", "Plain text (reading)", lambda s: text.subject_text(s.pack, s.section, s.figure, s.window) + "\n"),
        # The overview's data is its fact-check table: each article value and what the checks found.
        OutputFormat(
            "csv", ".csv", "CSV (spreadsheets)",
            lambda s: tables.fact_check_csv(s.pack) if s.is_overview else tables.to_csv(s.pack, s.figures),
        ),
        OutputFormat(
            "json", ".json", "JSON (programs)",
            lambda s: tables.fact_check_json(s.pack) if s.is_overview else tables.to_json(s.pack, s.figures),
        ),
        OutputFormat(
            "markdown", ".md", "Markdown table (reports)",
            lambda s: tables.fact_check_markdown(s.pack) if s.is_overview else tables.to_markdown(s.pack, s.figures, s.window),
        ),
        OutputFormat("svg", ".svg", "SVG picture of the screen", None),
    )
}
DATA_FORMATS = ("csv", "json", "markdown")  # offered by the explorer's export dialog
SHOW_FORMATS = tuple(name for name, output in FORMATS.items() if not output.screen)
EXPORT_FORMATS = tuple(name for name in FORMATS if name != "text")


def render(subject: Subject, name: str) -> str:
    """The subject in the named format (not for pictures of the screen)."""
    output = FORMATS[name]
    if output.render is None:
        raise ValueError(f"{name} is drawn by the explorer, not rendered as text")
    return output.render(subject)
