"""A screenshot's citation band: the sources a saved screen shows, below it."""

from __future__ import annotations

import re

from aiindex_tui.pack.subject import Subject

FOOTER_HEIGHT = 28
_VIEWBOX = re.compile(r'viewBox="0 0 ([\d.]+) ([\d.]+)"')


def citation_footer(subject: Subject) -> str:
    """One line naming every source the subject's figures cite."""
    ids = dict.fromkeys(sid for figure in subject.figures for sid in figure.source_ids)
    cited = [subject.pack.sources[sid].citation for sid in ids if sid in subject.pack.sources]
    return "Sources: " + ("; ".join(cited) if cited else "none cited")


def svg_with_footer(svg: str, footer: str) -> str:
    """The screenshot with a band below it holding ``footer`` (a line of plain text)."""
    match = _VIEWBOX.search(svg)
    if match is None:
        raise ValueError("not a terminal screenshot: no viewBox")
    width, height = float(match[1]), float(match[2])
    taller = f'viewBox="0 0 {match[1]} {height + FOOTER_HEIGHT:g}"'
    band = (
        f'<rect x="0" y="{height:g}" width="{width:g}" height="{FOOTER_HEIGHT}" fill="#1e1e1e"/>'
        f'<text x="12" y="{height + 19:g}" fill="#c8c8c8" font-family="monospace" font-size="13">'
        f"{xml_escape(footer)}</text>"
    )
    head, _, tail = svg.rpartition("</svg>")
    return _VIEWBOX.sub(taller, head, count=1) + band + "\n</svg>" + tail


def xml_escape(text: str) -> str:
    # Control characters are not allowed in XML at all; data text never needs them here.
    text = "".join(ch if ch >= " " or ch in "\t" else " " for ch in text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
