"""Text cut to a width in cells keeps within it, says where it was cut, and keeps its styles."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

from aiindex_tui.ui.fitting import cut, cut_text


def test_text_that_fits_is_left_as_it_is():
    assert cut("US", 2, "…") == "US"
    styled = Text("China", style="bold")
    assert cut_text(styled, 5, "…") is styled


def test_cut_text_ends_in_the_ellipsis_within_the_width_wide_characters_counted_twice():
    assert cut("Anthropic", 5, "…") == "Anth…"
    assert cut("Anthropic", 5, "~") == "Anth~"  # the console font and ASCII have no ellipsis
    shortened = cut("深度求索公司", 5, "…")  # each character two cells wide
    assert cell_len(shortened) <= 5 and shortened.endswith("…")


def test_styled_text_keeps_its_style_when_cut():
    shortened = cut_text(Text("matched some of the top systems", style="bold"), 10, "…")
    assert shortened.plain == "matched s…" and shortened.cell_len == 10
    assert shortened.style == "bold"
