"""The explorer drawn without a terminal, for `aiindex-tui export --format svg`."""

from __future__ import annotations

from textual.widgets import ContentSwitcher

from aiindex_tui.pack.subject import Subject
from aiindex_tui.ui.app import make_app

MIN_FIGURE_ROWS = 14
MAX_ROWS = 200


def screen_svg(subject: Subject, *, size: tuple[int, int], theme: str | None = None, ascii_only: bool = False) -> str:
    """Render the explorer headlessly at ``size``, showing ``subject``; return the SVG.

    A figure is pictured alone, zoomed, with its citation inside the picture; a
    section as the explorer shows it, with its sources cited below.
    """
    app = make_app(
        subject.pack, theme=theme, ascii_only=ascii_only, section_id=subject.section.section_id,
        figure_id=subject.figure.figure_id if subject.figure else None,
    )
    shots: list[str] = []

    async def capture(pilot) -> None:
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        if subject.figure is not None and app.show_figure_alone(subject.figure.figure_id):
            await pilot.pause()
            await pilot.pause()
            # A long citation must not squeeze the chart: the picture grows taller instead.
            width, height = size
            view = app.screen.maximized.query_one(ContentSwitcher)  # the chart, table or sources
            while view.size.height < MIN_FIGURE_ROWS and height < MAX_ROWS:
                height += MIN_FIGURE_ROWS - view.size.height
                await pilot.resize_terminal(width, height)
                await pilot.pause()
                await pilot.pause()
            shots.append(app.figure_svg(subject))
        else:
            shots.append(app.screenshot_svg(subject))
        app.exit()

    app.run(headless=True, size=size, auto_pilot=capture)
    return shots[0]
