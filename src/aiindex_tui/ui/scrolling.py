"""Scrolling by key, at once: an animated scroll over a slow link arrives as a burst of frames."""

from __future__ import annotations

from textual.binding import Binding
from textual.widget import Widget

SCROLL_MOVES = ("up", "down", "page_up", "page_down", "home", "end")


def scroll_at_once(widget: Widget, where: str) -> None:
    """Scroll ``widget`` a line up or down, a page, or to its top or end (one of SCROLL_MOVES)."""
    if where in ("up", "down"):
        widget.scroll_relative(y=-1 if where == "up" else 1, animate=False)
    elif where in SCROLL_MOVES:
        getattr(widget, f"scroll_{where}")(animate=False)


def row_cursor_bindings(
    prefix: str, noun: str, *, first: str = "scroll_top", last: str = "scroll_bottom", columns: bool = True,
) -> list[Binding]:
    """The keys of a list with a row cursor, vi keys beside the arrows, for the README and help.

    For a DataTable by default: it binds the arrows and page keys itself, but home
    and end scroll its columns; here they go to the first and last row, as
    everywhere else in the app. An OptionList names those actions ``first`` and
    ``last`` and has no columns to scroll.
    """
    keys = [
        Binding("j,down", "cursor_down", "Down", show=False, tooltip=f"Next {noun}", id=f"{prefix}.down"),
        Binding("k,up", "cursor_up", "Up", show=False, tooltip=f"Previous {noun}", id=f"{prefix}.up"),
        Binding("pagedown", "page_down", "Page down", show=False, tooltip=f"A page of {noun}s down", id=f"{prefix}.page-down"),
        Binding("pageup", "page_up", "Page up", show=False, tooltip=f"A page of {noun}s up", id=f"{prefix}.page-up"),
        Binding("g,home", first, "First", show=False, tooltip=f"First {noun}", id=f"{prefix}.first"),
        Binding("G,end", last, "Last", show=False, tooltip=f"Last {noun}", id=f"{prefix}.last"),
    ]
    if columns:
        keys += [
            Binding("l,right", "cursor_right", "Right", show=False, tooltip="Scroll the columns right", id=f"{prefix}.right"),
            Binding("h,left", "cursor_left", "Left", show=False, tooltip="Scroll the columns left", id=f"{prefix}.left"),
        ]
    return keys
