"""Text cut to a number of terminal cells, ending in the glyph set's ellipsis where it was cut."""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.text import Text


def cut(text: str, width: int, ellipsis: str) -> str:
    """``text`` in at most ``width`` cells (wide characters count two)."""
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, max(0, width - cell_len(ellipsis))) + ellipsis


def cut_text(text: Text, width: int, ellipsis: str) -> Text:
    """Styled text in at most ``width`` cells, its styles kept."""
    if text.cell_len <= width:
        return text
    shortened = text.copy()
    shortened.truncate(max(0, width - cell_len(ellipsis)))
    shortened.append(ellipsis)
    return shortened
