"""Exporting from the explorer: the export dialog and the screenshot key."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from aiindex_tui.ui.app import make_app
from aiindex_tui.ui.export_dialog import ExportDialog
from aiindex_tui.ui.pictures import ALONE_CLASS
from tests.support.waiting import until

SIZE = (100, 30)


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


async def test_e_exports_the_focused_figure_in_the_chosen_format(in_tmp):
    app = make_app(theme="textual-dark")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "enter", "j")  # the second figure of section 3
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        assert app.screen.job.stem == "aiindex-notable-models-every-country" and app.screen.job.kind == "figure"
        await pilot.press("down")  # JSON
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ExportDialog)
    assert sorted(p.name for p in in_tmp.iterdir()) == ["aiindex-notable-models-every-country.json"]
    assert '"figure_id": "notable-models-every-country"' in (in_tmp / "aiindex-notable-models-every-country.json").read_text(encoding="utf-8")


async def test_e_on_the_sections_list_exports_the_section_and_asks_before_replacing(in_tmp):
    (in_tmp / "aiindex-research-output.csv").write_text("precious\n")
    app = make_app(theme="textual-dark")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog) and dialog.job.kind == "section"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog  # still open, asking
        assert (in_tmp / "aiindex-research-output.csv").read_text() == "precious\n"
        await pilot.press("enter")  # confirmed
        await pilot.pause()
        assert app.screen is not dialog
    frame = pd.read_csv(in_tmp / "aiindex-research-output.csv")
    assert set(frame["figure_id"]) == {"paper-share", "most-cited", "publications-cset"}


async def test_escape_cancels_and_a_typed_name_is_used(in_tmp):
    app = make_app(theme="textual-dark")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "e", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, ExportDialog)
        await pilot.press("e", "down", "down", "tab")
        await pilot.pause()
        name = app.screen.query_one("#export-name")
        assert name.value == "aiindex-closing-the-gap.md"  # the suffix follows the format
        name.value = "gap-report.md"
        await pilot.press("enter")
        await pilot.pause()
    assert (in_tmp / "gap-report.md").read_text(encoding="utf-8").startswith("### ")


async def test_exporting_into_the_pack_is_refused_in_the_dialog(pack_copy, monkeypatch):
    from aiindex_tui.pack.loader import load_pack

    monkeypatch.chdir(pack_copy)
    app = make_app(load_pack(pack_copy, use_cache=False), theme="textual-dark")
    before = sorted(p.name for p in pack_copy.iterdir())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "e", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        message = str(app.screen.query_one("#export-message").render())
        assert "inside the data pack" in message
    assert sorted(p.name for p in pack_copy.iterdir()) == before


async def test_ctrl_s_saves_a_new_svg_each_time_with_the_sources(in_tmp):
    app = make_app(theme="textual-dark")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    names = sorted(p.name for p in in_tmp.iterdir())
    assert names == ["aiindex-production-and-patents-2.svg", "aiindex-production-and-patents.svg"]
    svg = (in_tmp / names[1]).read_text(encoding="utf-8")
    assert svg.startswith("<svg")
    footer = svg[svg.rindex("Sources: "):]
    assert "Artificial Intelligence Index Report" in footer


async def test_the_dialog_shows_the_whole_folder_and_pictures_a_figure_alone_as_svg(tmp_path):
    folder = tmp_path / "a folder" / "with a long name for the exports of this week"
    folder.mkdir(parents=True)
    app = make_app(theme="textual-dark", export_directory=folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "enter", "e")
        await pilot.pause()
        dialog = app.screen
        assert str(folder) in str(dialog.query_one("#export-folder").render()).replace("\n", "")
        await pilot.press("down", "down", "down")  # SVG, offered for a figure
        await pilot.pause()
        assert dialog.format == "svg"
        await pilot.press("enter")
        written = folder / "aiindex-notable-models.svg"
        await until(pilot, written.exists, "the picture written")
        assert app.screen is app.explorer and app.explorer.maximized is None
        assert not app.explorer.has_class(ALONE_CLASS)
        assert not app.query(".figure-citation")  # mounted for the picture only
    svg = written.read_text(encoding="utf-8")
    # The figure and its citation; not the sidebar, the footer or the next figure.
    assert "Notable&#160;AI&#160;models&#160;by&#160;country" in svg and "Sources:" in svg
    assert "Research&#160;Output" not in svg and "Quit" not in svg
    assert "counted&#160;for&#160;every&#160;country" not in svg


@pytest.mark.parametrize("name", ["../elsewhere.csv", "sub/dir.csv", "~/home.csv", ".."])
async def test_an_export_name_is_a_name_in_the_folder_shown_and_nothing_else(in_tmp, name):
    inside = in_tmp / "inside"
    inside.mkdir()
    app = make_app(theme="textual-dark", export_directory=inside)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "e", "tab")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#export-name").value = name
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog, "a name with a folder in it was taken"
        assert "without / or .." in str(dialog.query_one("#export-message").render())
    assert sorted(p.relative_to(in_tmp).as_posix() for p in in_tmp.rglob("*")) == ["inside"]


@pytest.fixture
def in_a_browser(in_tmp, monkeypatch):
    """The app as a browser session sees it: downloads are caught instead of sent."""
    from aiindex_tui.ui.app import ExplorerApp

    delivered: list[tuple[str, str]] = []
    monkeypatch.setattr(ExplorerApp, "is_web", property(lambda app: True))
    monkeypatch.setattr(
        ExplorerApp, "deliver_text",
        lambda app, file, save_filename=None, **options: delivered.append((save_filename, file.read())),
    )
    return delivered


async def test_in_a_browser_exports_and_screenshots_are_downloads_and_nothing_is_written(in_tmp, in_a_browser):
    app = make_app(theme="textual-dark")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "enter", "j", "e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        folder = str(dialog.query_one("#export-folder").render())
        assert folder == "Downloaded by your browser as:" and str(in_tmp) not in folder  # no server path shown
        await pilot.press("down", "enter")  # JSON
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("e", "up", "enter")  # the last format: a picture of the figure alone
        await until(pilot, lambda: len(in_a_browser) == 3, "the picture sent to the browser")
    names = [name for name, _ in in_a_browser]
    assert names == [
        "aiindex-notable-models-every-country.json", "aiindex-notable-models-every-country.svg",
        "aiindex-notable-models-every-country.svg",
    ]
    assert '"figure_id": "notable-models-every-country"' in in_a_browser[0][1]
    assert all(text.startswith("<svg") for _, text in in_a_browser[1:])
    assert list(in_tmp.iterdir()) == [], "a browser session wrote on the server"
