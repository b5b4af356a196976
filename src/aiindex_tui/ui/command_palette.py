"""Command palette entries: sections, figures and actions, found by fuzzy text."""

from __future__ import annotations

from ast import literal_eval
from functools import partial
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.widgets import Input

from aiindex_tui.ui.modal import ClosesOnlyOnTop, KeepsEarlyKeys, OverExplorer
from aiindex_tui.ui.views import VIEWS
from aiindex_tui.ui.workarounds import PaletteRaceFixes

if TYPE_CHECKING:
    from aiindex_tui.ui.explorer_screen import ExplorerScreen


PALETTE_ACTIONS = ("explorer.copy", "explorer.export", "app.screenshot", "explorer.sidebar", "app.help", "app.quit")
# The focused figure's own keys, offered where they act on it (its check_action says so).
FIGURE_ACTIONS = (
    "figure.zoom", "figure.gap", "figure.log", "figure.open", "figure.period-next",
    "figure.window-start", "figure.window-end", "figure.window-whole",
)


class ExplorerCommands(Provider):
    """Go to any section or figure, or run an explorer action."""

    def _entries(self) -> list[tuple[str, object, str]]:
        explorer: ExplorerScreen = self.app.screen_stack[0]  # type: ignore[assignment]  # the palette is above it
        entries: list[tuple[str, object, str]] = []
        for index, section in enumerate(explorer.pack.sections):
            entries.append((f"Section: {section.title}", partial(explorer.go_to_section, index), f"{len(section.figures)} figures"))
            for figure in section.figures:
                entries.append((f"Figure: {figure.title}", partial(explorer.go_to_figure, figure.figure_id), section.title))
        for view in VIEWS:
            entries.append((f"View: {view.name}", partial(explorer.action_set_view, view.name), view.description))
        # Actions say what they do in the words of their key bindings (tooltips).
        panel = explorer.focused if explorer.focused in explorer.panels else None
        if panel is not None:
            for binding in panel.BINDINGS:
                if isinstance(binding, Binding) and binding.id in FIGURE_ACTIONS:
                    name, _, arguments = binding.action.partition("(")
                    parameters = literal_eval(f"({arguments.rstrip(')')},)") if arguments else ()
                    if panel.check_action(name, parameters):
                        entries.append((
                            f"{binding.description}: {panel.figure.title}", partial(panel.run_action, binding.action),
                            binding.tooltip or "",
                        ))
        for node in (explorer, self.app):
            for binding in node.BINDINGS:
                if isinstance(binding, Binding) and binding.id in PALETTE_ACTIONS:
                    entries.append((binding.description, partial(node.run_action, binding.action), binding.tooltip or ""))
        return entries

    # Names and help hold data text, so both are passed as Content: the palette
    # would otherwise parse plain strings as markup.
    async def discover(self) -> Hits:
        for name, callback, help_text in self._entries():
            yield DiscoveryHit(Content(name), callback, help=Content(help_text))  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self._entries():
            score, offsets = matcher.fuzzy_search.match(query, name)
            if score > 0:
                prompt = Content(name)
                for offset in offsets:
                    prompt = prompt.stylize("bold underline", offset, offset + 1)
                yield Hit(score, prompt, callback, help=Content(help_text))  # type: ignore[arg-type]


class SteadyCommandPalette(OverExplorer, KeepsEarlyKeys, ClosesOnlyOnTop, PaletteRaceFixes, CommandPalette):
    """Textual's palette, as steady as the explorer's own dialogs.

    A query typed before it is ready is kept for its input, a second close in a
    burst of keys is ignored, and two races of its own are caught (see
    PaletteRaceFixes).
    """

    def on_mount(self) -> None:
        # A blinking cursor sends bytes twice a second over SSH (and made pictures of the
        # palette depend on the moment they were taken).
        self.query_one(Input).cursor_blink = False
