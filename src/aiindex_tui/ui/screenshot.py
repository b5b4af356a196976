"""The explorer drawn without a terminal, for `aiindex-tui export --format svg`."""

from __future__ import annotations

from aiindex_tui.pack.subject import Subject
from aiindex_tui.ui.app import make_app


def screen_svg(subject: Subject, *, size: tuple[int, int], theme: str | None = None, ascii_only: bool = False) -> str:
    """Render the explorer headlessly at ``size``, showing ``subject``; return the SVG."""
    app = make_app(
        subject.pack, theme=theme, ascii_only=ascii_only, section_id=subject.section.section_id,
        figure_id=subject.figure.figure_id if subject.figure else None,
    )
    shots: list[str] = []

    async def capture(pilot) -> None:
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        shots.append(app.screenshot_svg(subject))
        app.exit()

    app.run(headless=True, size=size, auto_pilot=capture)
    return shots[0]
