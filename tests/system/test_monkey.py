"""A long session: 10,000 seeded random key presses, then the app still quits on q."""

from __future__ import annotations

import gc
import random
import string
import os

from textual import events

from aiindex_tui.ui.app import ExplorerApp, make_app
from aiindex_tui.ui.detail_pane import DetailPane, HeadlineList
from aiindex_tui.ui.explorer_screen import ExplorerScreen
from aiindex_tui.ui.figure_panel import FigurePanel
from aiindex_tui.ui.figure_table import FigureTable
from aiindex_tui.ui.help_screen import HelpScreen
from aiindex_tui.ui.records_screen import RecordsScreen
from aiindex_tui.ui.records_table import RecordsTable
from aiindex_tui.ui.section_list import SectionList

PRESSES = 10_000
BATCH = 50
# Growth allowed in resident memory between the first 1,000 presses and the
# end. Textual's render caches and the allocator account for about 5-25 MiB
# here; the footer leak this test found grew by about 45 KiB a key (400 MiB).
MEMORY_BOUND_BYTES = 32 * 1024 * 1024


def resident_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def binding_keys() -> list[str]:
    keys = []
    for owner in (
        ExplorerApp, ExplorerScreen, SectionList, DetailPane, FigurePanel, FigureTable, HeadlineList, HelpScreen,
        RecordsScreen, RecordsTable,
    ):
        for binding in owner.BINDINGS:
            keys += [k.strip() for k in binding.key.split(",")]
    return sorted(set(keys) - {"q"})  # q would end the session early


def character_of(key: str) -> str | None:
    names = {"question_mark": "?", "slash": "/", "space": " ", "enter": "\r", "escape": "\x1b", "tab": "\t"}
    if len(key) == 1:
        return key
    return names.get(key)


async def test_ten_thousand_random_keys(tmp_path, monkeypatch):
    # The keys include exports and screenshots, which write to the current directory.
    monkeypatch.chdir(tmp_path)
    rng = random.Random(2026)
    keys = binding_keys() + ["escape"] * 8  # leave the palette and help often
    printable = [c for c in string.ascii_letters + string.digits + string.punctuation if c != "q"]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        after_first_thousand = 0
        for sent in range(0, PRESSES, BATCH):
            for _ in range(BATCH):
                key = rng.choice(keys) if rng.random() < 0.8 else rng.choice(printable)
                app.post_message(events.Key(key, character_of(key)))
            await pilot.pause()
            if sent + BATCH == 1_000:
                gc.collect()
                after_first_thousand = resident_bytes()
        await pilot.pause()
        gc.collect()
        at_end = resident_bytes()
        for _ in range(10):  # leave any help or palette left open
            if app.screen is app.screen_stack[0]:
                break
            await pilot.press("escape")
        await pilot.press("q")
    print(f"resident memory: {after_first_thousand / 2**20:.1f} MiB after 1,000 keys, {at_end / 2**20:.1f} MiB after {PRESSES:,}")
    assert app.return_code == 0
    assert at_end - after_first_thousand < MEMORY_BOUND_BYTES, (after_first_thousand, at_end)
