"""The footer: the keys that act where the focus is, as one line of text.

Textual's ``Footer`` mounts a widget per key and rebuilds them all whenever the
bindings change. That rebuild was most of the time a view switch took (some
30 ms at 80x24, more with its styling), and because it waits for a signal after
the first frame, the keys reached the first screen last. This footer is one
widget that reads the screen's active bindings when it renders, so the keys are
in the first frame and a change of bindings is a repaint of one line.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget


@dataclass(frozen=True)
class ShownKey:
    key: str  # what a click presses
    display: str  # how the key is written
    description: str
    tooltip: str
    enabled: bool

    @property
    def width(self) -> int:
        return cell_len(self.display) + 1 + cell_len(self.description)


class ExplorerFooter(Widget, can_focus=False):
    """The active keys, each written as its key then what it does; a click on one presses it."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"footer--key", "footer--description"}
    DEFAULT_CSS = """
    ExplorerFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._spans: list[tuple[int, int, ShownKey]] = []  # cells each drawn key covers

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if screen is self.screen:
            self.refresh()

    def shown_keys(self) -> list[ShownKey]:
        """One key per action: the focused widget's and its containers' first, then the app's
        (quit and help), then the screen's."""
        keys: dict[str, ShownKey] = {}
        screen, app = self.screen, self.app
        active = sorted(
            self.screen.active_bindings.values(), key=lambda active: (active[0] is screen) * 2 + (active[0] is app),
        )
        for _node, binding, enabled, tooltip in active:
            if binding.show and binding.action not in keys:
                keys[binding.action] = ShownKey(
                    binding.key, self.app.get_key_display(binding), binding.description,
                    tooltip or binding.description, enabled,
                )
        return list(keys.values())

    def render(self) -> Text:
        key_style = self.get_component_rich_style("footer--key", partial=True)
        description_style = self.get_component_rich_style("footer--description", partial=True)
        text = Text(no_wrap=True, overflow="crop", end="")
        self._spans = []
        width = self.size.width
        for shown in self.shown_keys():
            start = text.cell_len
            if start + shown.width > width:
                break  # whole keys only: half a description would mislead
            dim = Style(dim=not shown.enabled)
            text.append(shown.display, key_style + dim)
            text.append(f" {shown.description}", description_style + dim)
            self._spans.append((start, text.cell_len, shown))
            text.append(" ")
        return text

    def key_at(self, x: int) -> ShownKey | None:
        return next((shown for start, end, shown in self._spans if start <= x < end), None)

    def on_click(self, event: events.Click) -> None:
        shown = self.key_at(event.x)
        if shown is None:
            return
        if shown.enabled:
            self.app.simulate_key(shown.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        shown = self.key_at(event.x)
        self.tooltip = shown.tooltip if shown is not None else None
