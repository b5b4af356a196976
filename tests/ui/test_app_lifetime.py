"""An app that has ended is freed: only the CLI, which runs one app a process, keeps objects out of collection."""

from __future__ import annotations

import asyncio
import gc
import weakref

from aiindex_tui.ui.app import make_app
from aiindex_tui.ui.detail_pane import DetailPane
from tests.support.waiting import until


async def run_one_app() -> weakref.ref:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")  # a section of charts, mounted and drawn
        detail = app.query_one(DetailPane)

        await until(pilot, lambda: detail.current and detail.current.mounted.is_set()
                    and detail.current.section.section_id == app.pack.sections[1].section_id, "section 2 shown")
        await pilot.pause()
    return weakref.ref(app)


async def test_three_apps_in_one_process_leave_none_alive_and_freeze_nothing():
    frozen = gc.get_freeze_count()
    # Each in a task of its own, as the CLI and a web session each run one: Textual keeps the
    # running app in a context variable of the task that ran it.
    apps = [await asyncio.create_task(run_one_app()) for _ in range(3)]
    gc.collect()
    assert gc.get_freeze_count() == frozen, "an app not run by the CLI froze objects out of collection"
    assert [app() for app in apps] == [None, None, None], "an ended app is still alive"
