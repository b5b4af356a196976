"""The README's key table and the explorer's bindings name the same keys, where they say they act."""

from __future__ import annotations

import re

from textual.binding import Binding

from aiindex_tui.ui.app import ExplorerApp
from aiindex_tui.ui.detail_pane import DetailPane, HeadlineList
from aiindex_tui.ui.explorer_screen import ExplorerScreen
from aiindex_tui.ui.figure_panel import FigurePanel
from aiindex_tui.ui.figure_table import FigureTable
from aiindex_tui.ui.frequency_screen import FrequencyScreen, FrequencyTable
from aiindex_tui.ui.help_screen import HelpScreen
from aiindex_tui.ui.records_screen import RecordsScreen
from aiindex_tui.ui.records_table import RecordsTable
from aiindex_tui.ui.section_list import SectionList
from tests.support.packs import REPO_ROOT

SHOWN_AS = {
    "question_mark": "?", "slash": "/", "escape": "esc", "down": "↓", "up": "↑", "left": "←", "right": "→",
    "left_square_bracket": "[", "right_square_bracket": "]", "left_curly_bracket": "{", "right_curly_bracket": "}",
}
WHERE = {
    "everywhere": (ExplorerApp, ExplorerScreen), "sections list": SectionList, "figures": (DetailPane, FigurePanel),
    "tables": (FigureTable, HeadlineList), "rows": (RecordsScreen, RecordsTable), "help": HelpScreen,
    "counts": (FrequencyScreen, FrequencyTable),
}


def readme_keys() -> dict[str, set[str]]:
    """Keys of each row's 'where' column, as the README writes them."""
    text = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    table = text[text.index("### Keys"):].split("\n\n")[1]
    keys: dict[str, set[str]] = {}
    for row in table.splitlines()[2:]:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        where = cells[1].split(",")[0].strip()
        named = set(re.findall(r"`([^`]+)`", cells[0]))
        if "1" in named and "9" in named:  # `1`–`9`
            named |= {str(n) for n in range(2, 9)}
        keys.setdefault(where, set()).update(named)
    return keys


def binding_keys(*owners: type) -> set[str]:
    keys = set()
    for owner in owners:
        for binding in owner.BINDINGS:
            if isinstance(binding, Binding):
                keys |= {SHOWN_AS.get(key.strip(), key.strip()) for key in binding.key.split(",")}
    return keys


def test_every_key_in_the_readme_is_bound_where_it_says_and_every_binding_is_in_the_readme():
    documented = readme_keys()
    for where, owners in WHERE.items():
        owners = owners if isinstance(owners, tuple) else (owners,)
        bound = binding_keys(*owners)
        focus_keys = {"tab", "shift+tab"}  # Textual's own, except where a screen rebinds them
        listed, bound = documented[where] - focus_keys, bound - focus_keys
        assert listed == bound, f"{where}: README only {sorted(listed - bound)}, bindings only {sorted(bound - listed)}"
