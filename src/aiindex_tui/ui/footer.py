"""The footer, without the memory it would otherwise keep."""

from __future__ import annotations

from textual.widgets import Footer

from aiindex_tui.ui.workarounds import ReleasesFooterKeys


class ExplorerFooter(ReleasesFooterKeys, Footer):
    """Textual's footer, releasing the keys it replaces (see ReleasesFooterKeys)."""
