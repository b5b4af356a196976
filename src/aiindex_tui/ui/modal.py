"""What every dialog of the explorer shares: early keys kept, and one close at a time."""

from __future__ import annotations

import asyncio

from textual import events
from textual.await_complete import AwaitComplete
from textual.screen import ModalScreen


class KeepsEarlyKeys:
    """Keys typed before a dialog is ready are held, then replayed to it in order.

    The binding that opens a dialog pushes it at once, so the keys typed right
    after it come here, not to the screen underneath; but until the dialog has
    mounted and focused its input they would find nothing to act on. For a
    Screen subclass only.
    """

    _ready_for_keys = False
    _early_keys: list[tuple[str, str | None]] | None = None

    def on_key(self, event: events.Key) -> None:
        if self._ready_for_keys:
            return
        if self._early_keys is None:
            self._early_keys = []
        self._early_keys.append((event.key, event.character))
        event.prevent_default()
        event.stop()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Until ready, a binding of this screen (enter to export, say) would act
        # on widgets not mounted yet: its key is held like any other.
        if not self._ready_for_keys:
            return False
        return super().check_action(action, parameters)  # type: ignore[misc]

    def on_mount(self) -> None:
        self.call_after_refresh(self.app.call_next, self._replay_early_keys)  # type: ignore[attr-defined]

    async def _replay_early_keys(self) -> None:
        # Run by the app, so the keys are the app's own, as if typed now: they
        # meet the bindings first, then the focused widget, and bubble back up.
        self._ready_for_keys = True
        early, self._early_keys = self._early_keys or [], None
        for key, character in early:
            await self.app.on_event(events.Key(key, character))  # type: ignore[attr-defined]


class ClosesOnlyOnTop:
    """A screen that can be dismissed only while it is the top screen.

    In a burst of keys a second close can arrive after the first has already
    popped the screen: dismissing again would pop the explorer under it.
    For a Screen subclass only.
    """

    def dismiss(self, result: object = None) -> AwaitComplete:
        if self.is_current:  # type: ignore[attr-defined]
            return super().dismiss(result)  # type: ignore[misc]
        return AwaitComplete(asyncio.sleep(0))


class OverExplorer:
    """A screen pushed over the explorer, which says which of the app's own keys act over it."""

    def app_action_allowed(self, action: str) -> bool:
        # Quit and screenshot act anywhere; help and find come first (priority keys),
        # and over a dialog they are its own (text in its input, or its close key).
        return action not in ("help", "command_palette")


class ExplorerModal(OverExplorer, KeepsEarlyKeys, ClosesOnlyOnTop, ModalScreen):
    """A dialog over the explorer: keeps early keys, closes only from the top."""
