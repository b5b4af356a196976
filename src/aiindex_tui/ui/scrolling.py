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


LINE_TABLE_ACTIONS = {
    "down": "move(1)", "up": "move(-1)", "page-down": "page(1)", "page-up": "page(-1)",
    "first": "first", "last": "last", "right": "scroll_columns(1)", "left": "scroll_columns(-1)",
}
OPTION_LIST_ACTIONS = {"down": "cursor_down", "up": "cursor_up", "first": "first", "last": "last"}
SCROLL_ACTIONS = {
    "down": "scroll('down')", "up": "scroll('up')", "page-down": "scroll('page_down')",
    "page-up": "scroll('page_up')", "first": "scroll('home')", "last": "scroll('end')",
}


def row_cursor_bindings(prefix: str, noun: str, actions: dict[str, str] = LINE_TABLE_ACTIONS) -> list[Binding]:
    """The moving keys of a list, a table or a scrolled text, the same everywhere: vi keys
    beside the arrows, space pages down, home and end go to the first and last row.

    ``actions`` names the action of each move the widget has (LineTable's by default,
    an OptionList's, or scroll(...) for text); a move it lacks gets no key.
    """
    keys = {
        "down": ("j,down", "Down", f"Next {noun}"),
        "up": ("k,up", "Up", f"Previous {noun}"),
        "page-down": ("pagedown,space", "Page down", f"A page of {noun}s down"),
        "page-up": ("pageup", "Page up", f"A page of {noun}s up"),
        "first": ("g,home", "First", f"First {noun}"),
        "last": ("G,end", "Last", f"Last {noun}"),
        "right": ("l,right", "Right", "Scroll a column to the right"),
        "left": ("h,left", "Left", "Scroll a column to the left"),
    }
    return [
        Binding(keys[move][0], action, keys[move][1], show=False, tooltip=keys[move][2], id=f"{prefix}.{move}")
        for move, action in actions.items()
    ]
