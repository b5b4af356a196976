"""Scrolling by key, at once: an animated scroll over a slow link arrives as a burst of frames."""

from __future__ import annotations

from textual.widget import Widget

SCROLL_MOVES = ("up", "down", "page_up", "page_down", "home", "end")


def scroll_at_once(widget: Widget, where: str) -> None:
    """Scroll ``widget`` a line up or down, a page, or to its top or end (one of SCROLL_MOVES)."""
    if where in ("up", "down"):
        widget.scroll_relative(y=-1 if where == "up" else 1, animate=False)
    elif where in SCROLL_MOVES:
        getattr(widget, f"scroll_{where}")(animate=False)
