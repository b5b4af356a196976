"""Make untrusted text safe to print in a terminal.

Control characters (C0, DEL, C1) and bidirectional overrides are replaced by a
visible escape such as ``\\x1b``, so no data can move the cursor, retitle the
terminal or reorder what the user reads. Everything else is kept as given.
"""

from __future__ import annotations

import re

# C0 controls, DEL, C1 controls, and the bidi embedding/override/isolate marks.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_MULTILINE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, *, multiline: bool = False) -> str:
    """Return ``text`` with every unsafe character shown as a backslash escape."""
    pattern = _UNSAFE_MULTILINE if multiline else _UNSAFE
    return pattern.sub(_escape, text)


def visible_all(texts: list[str], *, multiline: bool = False) -> list[str]:
    """``visible`` for a whole column; one quick scan when, as usual, nothing needs escaping."""
    # Every unsafe character is unprintable (control or format character), and
    # isprintable() scans a joined column much faster than a pattern search.
    if not multiline and " ".join(texts).isprintable():
        return texts
    pattern = _UNSAFE_MULTILINE if multiline else _UNSAFE
    return [pattern.sub(_escape, text) for text in texts]
