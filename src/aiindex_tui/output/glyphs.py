"""Every character the app draws that a terminal's font may lack, with its stand-ins.

One set per font: full Unicode, the Linux console's font (Latin-1, box and block
characters, no flag, quadrants or braille), and ASCII for a locale without UTF-8.
Text, tables and charts all take their characters from the same set.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Glyphs:
    separator: str
    dot: str
    badge: str
    times: str
    ascending: str
    descending: str
    ellipsis: str
    line: str  # plotext marker for a chart's lines
    point: str  # a chart value drawn on its own
    article_point: str  # an article's value, drawn apart from every line
    interval: str = "│"  # a value's 95% interval, drawn upright through it
    arrow: str = "->"  # from one end of a period window to the other


# Half and quarter blocks make thin lines; the console font has full and half blocks only.
UNICODE = Glyphs(
    separator=" │ ", dot=" · ", badge="⚑", times="×", ascending="▲", descending="▼", ellipsis="…",
    line="hd", point="●", article_point="◆", arrow="→",
)
CONSOLE = Glyphs(
    separator=" │ ", dot=" · ", badge="!", times="×", ascending="^", descending="v", ellipsis="~",
    line="dot", point="•", article_point="♦",
)
ASCII = Glyphs(
    separator=" | ", dot=" - ", badge="!", times="x", ascending="^", descending="v", ellipsis="~",
    line="sd", point="o", article_point="@", interval="|",
)


def glyphs_for(ascii_only: bool, console_font: bool = False) -> Glyphs:
    return ASCII if ascii_only else CONSOLE if console_font else UNICODE
