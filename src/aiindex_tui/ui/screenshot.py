"""The explorer drawn without a terminal, for `aiindex-tui export --format svg`."""

from __future__ import annotations

from textual.widgets import ContentSwitcher

from aiindex_tui.pack.sanitize import visible
from aiindex_tui.pack.subject import Subject
from aiindex_tui.ui.app import make_app
from aiindex_tui.ui.pictures import screenshot_svg, show_figure_alone

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
        explorer = app.explorer
        if subject.window is not None:
            for panel in explorer.panels:
                if panel.figure.figure_id == subject.figure.figure_id:
                    panel.window = subject.window
        if subject.figure is not None and show_figure_alone(explorer, explorer.panels, subject.figure.figure_id):
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
            shots.append(app.export_screenshot(title=f"aiindex-tui: {visible(subject.title)}"))
        else:
            shots.append(screenshot_svg(explorer, subject))
        app.exit()

    app.run(headless=True, size=size, auto_pilot=capture)
    return shots[0]
