"""The few decorative characters the UI uses, with ASCII stand-ins."""

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


UNICODE = Glyphs(separator=" │ ", dot=" · ", badge="⚑", times="×", ascending="▲", descending="▼", ellipsis="…")
# The Linux console font has Latin-1 and the box and block characters, not the flag.
CONSOLE = Glyphs(separator=" │ ", dot=" · ", badge="!", times="×", ascending="^", descending="v", ellipsis="~")
ASCII = Glyphs(separator=" | ", dot=" - ", badge="!", times="x", ascending="^", descending="v", ellipsis="~")


def glyphs_for(ascii_only: bool, console_font: bool = False) -> Glyphs:
    return ASCII if ascii_only else CONSOLE if console_font else UNICODE
