"""What the terminal can show, decided once at start-up and handed down to every widget that draws."""

from __future__ import annotations

from dataclasses import dataclass

from aiindex_tui.output.glyphs import Glyphs, glyphs_for


@dataclass(frozen=True)
class DisplayOptions:
    """The terminal's limits, in one object rather than flags passed one by one."""

    ascii_only: bool = False  # a locale without UTF-8, or --ascii
    console_font: bool = False  # the Linux console's font: no braille, quadrants or rounded corners
    few_colors: bool = False  # 16 ANSI colours: series colours that would look the same are not used

    @property
    def glyphs(self) -> Glyphs:
        return glyphs_for(self.ascii_only, self.console_font)


PLAIN_UNICODE = DisplayOptions()
