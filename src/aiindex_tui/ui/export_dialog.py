"""The export dialog: pick a format and a file name, export a figure, a section or rows."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from aiindex_tui.output import files
from aiindex_tui.output.formats import DATA_FORMATS, FORMATS, render
from aiindex_tui.output.files import ExportError, TargetExists
from aiindex_tui.output.glyphs import UNICODE, Glyphs
from aiindex_tui.pack.model import Pack
from aiindex_tui.pack.sanitize import visible
from aiindex_tui.pack.subject import Subject
from aiindex_tui.ui.footer import ExplorerFooter
from aiindex_tui.ui.modal import ExplorerModal


@dataclass(frozen=True)
class ExportJob:
    """What the dialog exports: a title, the formats offered, the file name before its
    suffix, the pack it must never write into, and the text of each data format."""

    title: str
    kind: str  # said after the title: figure, section, rows
    formats: tuple[str, ...]
    stem: str
    pack: Pack
    render: Callable[[str], str]


def subject_job(subject: Subject) -> ExportJob:
    """A figure's or section's export: the data formats, and a picture (SVG) of a figure."""
    return ExportJob(
        subject.title, "figure" if subject.figure else "fact-check table" if subject.is_overview else "section",
        DATA_FORMATS + (("svg",) if subject.figure else ()), files.export_stem(subject),
        subject.pack, lambda fmt: render(subject, fmt),
    )


@dataclass(frozen=True)
class PictureRequest:
    """An SVG export the app draws once the dialog is gone: the figure alone, on its screen."""

    path: Path
    overwrite: bool


@dataclass(frozen=True)
class BrowserDownload:
    """An export the app hands to the browser as a download: nothing is written on the server."""

    name: str
    format: str


def plain_name(name: str) -> bool:
    """Whether ``name`` is a file name alone: no folder, no way out of the folder shown."""
    return name not in (".", "..") and not any(sep in name for sep in ("/", "\\", os.sep)) and not name.startswith("~")


class ExportDialog(ExplorerModal):
    """Up and down choose the format, tab reaches the file name, enter exports.

    The dialog closes with the written path, or None when cancelled. A file that
    exists is only replaced after a second enter on the same name.
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", tooltip="Close without exporting", id="export.cancel"),
        Binding("enter", "export", "Export", key_display="enter", priority=True, tooltip="Write the file", id="export.write"),
    ]

    def __init__(
        self, job: ExportJob, *, glyphs: Glyphs = UNICODE, directory: Path | None = None, to_browser: bool = False,
    ) -> None:
        super().__init__()
        self.job = job
        self.glyphs = glyphs
        self.to_browser = to_browser  # a browser session: the file is downloaded, the server's disk untouched
        self.directory = directory or Path.cwd()
        self._confirmed: Path | None = None  # the existing file the user agreed to replace

    def compose(self) -> ComposeResult:
        with Vertical(id="export-body") as body:
            body.border_title = "Export"
            yield Static(Text(f"{self.job.title} ({self.job.kind})", style="bold"), id="export-subject")
            yield OptionList(*(Option(FORMATS[name].label, id=name) for name in self.formats), id="export-format")
            # The whole folder, so the file can be found afterwards; in a browser, no server path at all.
            where = "Downloaded by your browser as:" if self.to_browser else f"Folder: {visible(str(self.directory))}{os.sep}"
            yield Static(Text(where), id="export-folder")
            yield Input(self._default_name("csv"), id="export-name", select_on_focus=False)
            yield Static(id="export-message")
            dot = self.glyphs.dot
            yield Static(Text(f"up/down format{dot}tab file name{dot}enter export{dot}esc cancel", style="dim"))
        yield ExplorerFooter()  # the keys of this dialog, not those of the explorer behind it

    @property
    def formats(self) -> tuple[str, ...]:
        return self.job.formats

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        self.set_focus(options)  # at once: the early keys replayed next go to it

    def _default_name(self, fmt: str) -> str:
        return f"{self.job.stem}{FORMATS[fmt].suffix}"

    @property
    def format(self) -> str:
        options = self.query_one(OptionList)
        return options.get_option_at_index(options.highlighted or 0).id or "csv"

    @on(OptionList.OptionHighlighted, "#export-format")
    def _format_changed(self) -> None:
        # The suffix follows the format, unless the user typed a name of their own.
        name = self.query_one("#export-name", Input)
        if name.value in {self._default_name(name) for name in self.formats}:
            name.value = self._default_name(self.format)
        self._say("")

    @on(Input.Changed, "#export-name")
    def _name_changed(self) -> None:
        self._confirmed = None

    def _say(self, message: str, *, error: bool = False) -> None:
        self.query_one("#export-message", Static).update(Text(message, style="bold red" if error else "bold"))

    def action_export(self) -> None:
        if not self.is_current:
            return
        name = self.query_one("#export-name", Input).value.strip()
        if not name:
            self._say("Give a file name.", error=True)
            return
        if not plain_name(name):
            where = "the browser saves it where you choose" if self.to_browser else "it is written in the folder shown"
            self._say(f"Give a file name alone, without / or ..: {where}.", error=True)
            return
        if self.to_browser:
            self.dismiss(BrowserDownload(name, self.format))
            return
        path = self.directory / name
        overwrite = self._confirmed == path
        try:
            if FORMATS[self.format].screen:
                # Checked now, while the dialog can still ask; drawn once the dialog is gone.
                files.check_target(path, self.job.pack, overwrite=overwrite)
                result: Path | PictureRequest = PictureRequest(path, overwrite)
            else:
                result = files.write_export(self.job.render(self.format), path, self.job.pack, overwrite=overwrite)
        except TargetExists:
            self._confirmed = path
            self._say(f"{path.name} exists. Press enter again to replace it, or change the name.")
            return
        except ExportError as error:
            self._say(str(error), error=True)
            return
        except OSError as error:
            self._say(f"Cannot write {path}: {error.strerror or error}", error=True)
            return
        self.dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)
