"""Exports and screenshots of what the explorer shows: files in a terminal, downloads in a browser.

Loaded with the first export or screenshot, never for the first screen.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from aiindex_tui.output import files
from aiindex_tui.output.formats import FORMATS, render
from aiindex_tui.output.svg import citation_footer, svg_with_footer
from aiindex_tui.pack.sanitize import visible
from aiindex_tui.ui.export_dialog import BrowserDownload, ExportDialog, PictureRequest, subject_job

if TYPE_CHECKING:
    from textual.screen import Screen

    from aiindex_tui.pack.subject import Subject
    from aiindex_tui.ui.figure_panel import FigurePanel
    from aiindex_tui.output.glyphs import Glyphs

ALONE_CLASS = "-figure-alone"  # the stylesheet hides the footer of a figure pictured alone


def export_subject(
    screen: Screen, panels: list[FigurePanel], subject: Subject, *, glyphs: Glyphs, directory: Path | None,
) -> None:
    """Ask where and how to export ``subject``, then write it (or, in a browser, download it)."""
    app = screen.app
    if isinstance(app.screen, ExportDialog):
        return

    def exported(result: Path | PictureRequest | BrowserDownload | None) -> None:
        if isinstance(result, PictureRequest):
            capture_figure(screen, panels, subject, lambda svg: _write_picture(screen, subject, result, svg))
        elif isinstance(result, BrowserDownload):
            if FORMATS[result.format].screen:
                capture_figure(screen, panels, subject, lambda svg: download(screen, result.name, svg, subject.title))
            else:
                download(screen, result.name, render(subject, result.format), subject.title)
        elif result is not None:
            screen.notify(f"Exported {subject.title} to {result}", title="Export", timeout=6, markup=False)

    app.push_screen(ExportDialog(subject_job(subject), glyphs=glyphs, directory=directory, to_browser=app.is_web), exported)


def download(screen: Screen, name: str, text: str, title: str) -> None:
    """Hand ``text`` to the browser as a file called ``name``: a browser session writes nothing on the server."""
    screen.app.deliver_text(io.StringIO(text), save_filename=name)
    screen.notify(f"Sent {title} to your browser as {name}", title="Download", timeout=6, markup=False)


def _write_picture(screen: Screen, subject: Subject, request: PictureRequest, svg: str) -> None:
    try:
        written = files.export(subject, "svg", request.path, overwrite=request.overwrite, svg=svg)
    except (files.ExportError, OSError) as error:
        screen.notify(str(error), title="Export failed", severity="error", timeout=8, markup=False)
        return
    screen.notify(f"Exported {subject.title} to {written}", title="Export", timeout=6, markup=False)


def screenshot_svg(screen: Screen, subject: Subject) -> str:
    """The current screen as SVG, with the sources it shows cited below it."""
    svg = screen.app.export_screenshot(title=f"aiindex-tui: {visible(subject.title)}")
    return svg_with_footer(svg, citation_footer(subject))


def save_screenshot(screen: Screen, subject: Subject) -> None:
    if screen.app.is_web:  # the picture goes to the browser, never onto the server's disk
        download(screen, files.default_path(subject, "svg").name, screenshot_svg(screen, subject), subject.title)
        return
    # A fresh name every time, so a quick key press never replaces a file.
    path = files.free_path(files.default_path(subject, "svg"))
    try:
        written = files.export(subject, "svg", path, svg=screenshot_svg(screen, subject))
    except (files.ExportError, OSError) as error:
        screen.notify(str(error), title="Screenshot not saved", severity="error", timeout=8, markup=False)
        return
    screen.notify(f"Saved {written}", title="Screenshot", timeout=6, markup=False)


def show_figure_alone(screen: Screen, panels: list[FigurePanel], figure_id: str) -> Callable[[], None] | None:
    """Zoom the figure and show its citation under it, without footer: a picture of it alone.

    Returns what puts the screen back as it was, or None where the figure is
    not in the shown section.
    """
    panel = next((p for p in panels if p.figure.figure_id == figure_id), None)
    if panel is None:
        return None
    zoomed_before = screen.maximized
    panel.show_citation(True)
    screen.add_class(ALONE_CLASS)
    screen.maximize(panel, container=False)

    def put_back() -> None:
        panel.show_citation(False)
        screen.remove_class(ALONE_CLASS)
        if zoomed_before is None:
            screen.minimize()
        else:
            screen.maximize(zoomed_before, container=False)

    return put_back


def capture_figure(screen: Screen, panels: list[FigurePanel], subject: Subject, done: Callable[[str], None]) -> None:
    """Picture the subject's figure alone on the live screen, then hand the SVG to ``done``."""
    put_back = show_figure_alone(screen, panels, subject.figure.figure_id) if subject.figure is not None else None
    if put_back is None:
        done(screenshot_svg(screen, subject))
        return

    def take() -> None:
        try:
            svg = screen.app.export_screenshot(title=f"aiindex-tui: {visible(subject.title)}")
        finally:
            put_back()
        done(svg)

    # Two refreshes: the zoomed layout first, then the chart drawn at its new size.
    screen.call_after_refresh(screen.call_after_refresh, take)
