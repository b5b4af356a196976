"""The footer, without the memory it would otherwise keep."""

from __future__ import annotations

from textual.widgets import Footer


class ExplorerFooter(Footer):
    """Textual's footer, releasing the keys it replaces.

    Each footer rebuild (on every focus change) binds the new keys to the
    footer's ``compact`` reactive, and Textual drops the old keys' watchers only
    when that reactive changes (Textual issue 6666). Flipping it twice after a
    rebuild lets those keys go; found by the long random-key test.
    """

    async def recompose(self) -> None:
        await super().recompose()
        self.compact = not self.compact
        self.compact = not self.compact
