"""Command palette entries: sections, figures and actions, found by fuzzy text."""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING

from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.await_complete import AwaitComplete
from textual.content import Content

from aiindex_tui.ui.modal import KeepsEarlyKeys

if TYPE_CHECKING:
    from aiindex_tui.ui.app import ExplorerApp


class ExplorerCommands(Provider):
    """Go to any section or figure, or run an explorer action."""

    def _entries(self) -> list[tuple[str, object, str]]:
        app: ExplorerApp = self.app  # type: ignore[assignment]
        entries: list[tuple[str, object, str]] = []
        for index, section in enumerate(app.pack.sections):
            entries.append((f"Section: {section.title}", partial(app.go_to_section, index), f"{len(section.figures)} figures"))
            for figure in section.figures:
                entries.append((f"Figure: {figure.title}", partial(app.go_to_figure, figure.figure_id), section.title))
        for view in ("chart", "table", "sources"):
            entries.append((f"View: {view}", partial(app.action_set_view, view), f"Show every figure as a {view}"))
        entries += [
            ("Copy focused figure", app.action_copy, "Copy values and citation to the clipboard (OSC 52)"),
            ("Export figure or section", app.action_export, "Write CSV, JSON or Markdown to a file"),
            ("Save screenshot", app.action_screenshot, "Save the screen as SVG in the current directory"),
            ("Toggle sidebar", app.action_toggle_sidebar, "Show or hide the sections list"),
            ("Help: keys", app.action_help, "List every key binding"),
        ]
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


class SteadyCommandPalette(KeepsEarlyKeys, CommandPalette):
    """Textual's palette, minus two crashes found by the long random-key test.

    Paging its list before the list has been laid out raises KeyError inside
    OptionList: until then a page key does nothing. And in a burst of keys a
    second close can arrive after the palette has already left the screen:
    dismissing it again would pop the explorer itself, so it is ignored.
    A query typed before the palette is ready is kept for its input.
    """

    def _action_command_list(self, action: str) -> None:
        try:
            super()._action_command_list(action)
        except KeyError:
            pass

    def dismiss(self, result: object = None) -> AwaitComplete:
        if self.is_current:
            return super().dismiss(result)
        return AwaitComplete(asyncio.sleep(0))
