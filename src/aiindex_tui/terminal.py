"""What the user's terminal can show, judged from the environment."""

from __future__ import annotations

import os
from typing import Mapping


def locale_is_utf8(environ: Mapping[str, str] | None = None) -> bool:
    """True when the effective character-type locale names UTF-8.

    Python itself coerces the C locale to UTF-8, so ask the variables the
    terminal side set rather than Python's own encoding.
    """
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_CTYPE", "LANG"):
        value = env.get(name)
        if value:
            normalized = value.lower().replace("-", "")
            return "utf8" in normalized
    return False


def wants_ascii(environ: Mapping[str, str] | None = None) -> bool:
    return not locale_is_utf8(environ)
