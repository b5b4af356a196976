"""Every private name the explorer hooks still exists upstream, so an upgrade that drops one fails here."""

from __future__ import annotations

import importlib
import inspect

import pytest

from aiindex_tui.ui.app import make_app
from aiindex_tui.ui.command_palette import SteadyCommandPalette
from aiindex_tui.ui.workarounds import HOOKS, PALETTE_SELECTORS


def upstream_class(owner: str) -> type:
    module, _, name = owner.partition(":")
    return getattr(importlib.import_module(module), name)


@pytest.mark.parametrize("hook", HOOKS, ids=lambda hook: f"{hook.owner}.{hook.name}")
def test_a_hooked_private_name_still_exists_upstream(hook):
    cls = upstream_class(hook.owner)
    # A method or class attribute, or an attribute an __init__ in its lineage sets.
    sources = (inspect.getsource(base.__init__) for base in cls.__mro__ if "__init__" in vars(base))
    assigned = (f"self.{hook.name} =", f"self.{hook.name}:")
    assert hasattr(cls, hook.name) or any(a in source for source in sources for a in assigned), (
        f"{hook.owner} no longer has {hook.name}: {hook.why}. Rework the hook in ui/workarounds.py."
    )


async def test_the_palette_parts_the_stylesheet_restyles_still_exist():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SteadyCommandPalette)
        for selector in PALETTE_SELECTORS:
            assert app.screen.query(selector), f"the palette has no {selector} any more; see app.tcss"
