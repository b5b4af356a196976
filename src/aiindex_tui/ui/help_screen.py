"""The help screen: every key binding, grouped by where it works."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from aiindex_tui.ui.footer import ExplorerFooter
from aiindex_tui.ui.modal import ExplorerModal
from aiindex_tui.ui.scrolling import SCROLL_ACTIONS, row_cursor_bindings, scroll_at_once

BindingGroup = tuple[str, list[Binding]]


def format_keys(binding: Binding) -> str:
    names = {
        "question_mark": "?", "slash": "/", "full_stop": ".", "escape": "esc",
        "left_square_bracket": "[", "right_square_bracket": "]",
        "left_curly_bracket": "{", "right_curly_bracket": "}",
    }
    return ", ".join(names.get(k.strip(), k.strip()) for k in binding.key.split(","))


def help_text(groups: list[BindingGroup], focused_title: str | None) -> Text:
    text = Text()
    for title, bindings in groups:
        heading = f"{title} (where you are now)" if title == focused_title else title
        text.append(f"{heading}\n", style="bold")
        jumps = [b for b in bindings if (b.id or "").startswith("explorer.section-")]
        for binding in bindings:
            if binding in jumps[1:]:
                continue
            if binding is (jumps[0] if jumps else None):
                text.append(f"  {'1-' + str(len(jumps)):<16}", style="bold")
                text.append("Jump to a section by its number\n")
                continue
            keys = format_keys(binding)
            text.append(f"  {keys:<16}", style="bold")
            text.append(f"{binding.tooltip or binding.description}\n")
        text.append("\n")
    text.append("j, k and the page keys scroll this help; esc, ? or f1 closes it; q quits.", style="italic")
    return text


class HelpScreen(ExplorerModal):
    """Lists every key; the group of the focused widget comes first."""

    BINDINGS = [
        Binding("escape,question_mark,f1", "close", "Close help", tooltip="Close the help screen", id="help.close"),
        # A dialog hides the app's own keys; q quits from here too, as the README says.
        Binding("q", "app.quit", "Quit", tooltip="Quit and restore the terminal", id="help.quit"),
        *row_cursor_bindings("help", "line", SCROLL_ACTIONS),
    ]

    def action_close(self) -> None:
        self.dismiss()

    def action_scroll(self, where: str) -> None:
        """Scroll the help body at once (no animation over a slow link), whatever has focus."""
        scroll_at_once(self.query_one("#help-body", VerticalScroll), where)

    def __init__(self, groups: list[BindingGroup], focused_title: str | None = None) -> None:
        super().__init__()
        if focused_title:
            groups = sorted(groups, key=lambda group: group[0] != focused_title)
        self.groups = groups
        self.focused_title = focused_title

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = "Keys"
            yield Static(help_text(self.groups, self.focused_title))
        yield ExplorerFooter()  # the keys of this dialog, not those of the explorer behind it
