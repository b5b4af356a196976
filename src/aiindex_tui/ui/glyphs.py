"""The few decorative characters the UI uses, with ASCII stand-ins."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Glyphs:
    separator: str
    dot: str
    badge: str
    times: str


UNICODE = Glyphs(separator=" │ ", dot=" · ", badge="⚑", times="×")
ASCII = Glyphs(separator=" | ", dot=" - ", badge="!", times="x")


def glyphs_for(ascii_only: bool) -> Glyphs:
    return ASCII if ascii_only else UNICODE
