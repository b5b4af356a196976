"""What the user's terminal can show, judged from the environment."""

from __future__ import annotations

import os
import sys
from typing import Mapping


def locale_is_utf8(environ: Mapping[str, str] | None = None, *, utf8_mode: bool | None = None) -> bool:
    """True when the user's character-type locale names UTF-8.

    Started under the C or POSIX locale, Python turns on its UTF-8 mode and sets
    LC_CTYPE=C.UTF-8 in its own environment; that says the terminal side asked
    for plain C, so it counts as not UTF-8 (unless PYTHONUTF8 asked for the mode).
    """
    env = os.environ if environ is None else environ
    if utf8_mode is None:
        utf8_mode = bool(sys.flags.utf8_mode)
    if env.get("LC_ALL"):
        return "utf8" in env["LC_ALL"].lower().replace("-", "")
    if utf8_mode and "PYTHONUTF8" not in env:
        return False
    for name in ("LC_CTYPE", "LANG"):
        value = env.get(name)
        if value:
            return "utf8" in value.lower().replace("-", "")
    return False


# Terminals whose usual font has box drawing and full and half blocks, but no
# braille, quadrant blocks or rounded corners: the Linux console and the VTs.
CONSOLE_FONT_TERMS = ("linux", "vt100", "vt102", "vt220", "vt320", "vt52", "cons25")


def has_console_font(environ: Mapping[str, str] | None = None) -> bool:
    env = os.environ if environ is None else environ
    return env.get("TERM", "") in CONSOLE_FONT_TERMS


def wants_ascii(environ: Mapping[str, str] | None = None, *, utf8_mode: bool | None = None) -> bool:
    return not locale_is_utf8(environ, utf8_mode=utf8_mode)
