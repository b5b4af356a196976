"""Export the README's screenshots: python docs/screenshots.py (writes docs/screenshots/)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from aiindex_tui.ui.app import make_app

OUT = Path(__file__).parent / "screenshots"
SHOTS = {
    "overview": ((100, 30), [], {}),
    "chart": ((120, 40), ["2", "enter"], {}),
    "table": ((100, 30), ["3", "enter", "t"], {}),
    "sources": ((100, 48), [], {"figure_id": "patent-count-2024", "view": "sources"}),
    "help": ((100, 30), ["2", "enter", "f1"], {}),
    "ascii-light": ((100, 30), ["2", "enter"], {"ascii_only": True, "theme": "textual-light"}),
    "export": ((100, 30), ["3", "enter", "j", "e", "down"], {}),
}


async def shoot(name: str, size: tuple[int, int], keys: list[str], options: dict) -> None:
    app = make_app(**options)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
        await pilot.pause()
        app.save_screenshot(filename=f"{name}.svg", path=str(OUT))


async def main() -> None:
    OUT.mkdir(exist_ok=True)
    for name, (size, keys, options) in SHOTS.items():
        await shoot(name, size, keys, options)


if __name__ == "__main__":
    asyncio.run(main())
