"""Helpers for driving the app in tests."""

from __future__ import annotations

import html
import re

from aiindex_tui.ui.app import ExplorerApp


def screen_text(app: ExplorerApp) -> str:
    """The characters currently on screen, as exported by Textual's screenshot."""
    svg = app.export_screenshot()
    # Rows are <text> elements of <tspan>-free runs; join each row's runs.
    rows: dict[str, list[str]] = {}
    for y, run in re.findall(r'<text [^>]*y="([\d.]+)"[^>]*>(.*?)</text>', svg):
        rows.setdefault(y, []).append(html.unescape(run))
    lines = ("".join(runs) for _, runs in sorted(rows.items(), key=lambda kv: float(kv[0])))
    return "\n".join(lines).replace("\xa0", " ")
