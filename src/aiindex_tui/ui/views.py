"""The three ways to show a figure, in one place: the keys, the palette and --view read from here.

Imports nothing from Textual, so the command line can offer the choices quickly.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class View:
    name: str
    key: str
    label: str
    description: str


VIEWS = (
    View("chart", "c", "Chart", "Show figures as charts"),
    View("table", "t", "Table", "Show figures as tables of exact numbers"),
    View("sources", "s", "Sources", "Show citations, locators, notes and checks"),
)
VIEW_NAMES = tuple(view.name for view in VIEWS)
