"""Export the README's screenshots: python docs/screenshots.py (writes docs/screenshots/)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from aiindex_tui.ui.app import make_app

OUT = Path(__file__).parent / "screenshots"
SHOTS = {
    "overview": ((100, 30), [], {}),
    "chart-80x24": ((80, 24), ["2", "enter"], {}),
    "chart": ((120, 40), ["2", "enter"], {}),
    "rows": ((100, 30), ["enter", *"2025-"], {"figure_id": "notable-models"}),
    "table": ((100, 30), ["tab", "G"], {"figure_id": "notable-models-every-country", "view": "table"}),
    "sources": ((100, 48), [], {"figure_id": "patent-count-2024", "view": "sources"}),
    "help": ((100, 30), ["2", "enter", "f1"], {}),
    "ascii-light": ((100, 30), ["2", "enter"], {"ascii_only": True, "theme": "textual-light"}),
    "export": ((100, 30), ["3", "enter", "j", "e", "down"], {"export_directory": Path("/srv/exports/ai-index")}),
}


async def shoot(name: str, size: tuple[int, int], keys: list[str], options: dict) -> None:
    app = make_app(**options)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
        await pilot.pause(0.3)
        await pilot.wait_for_scheduled_animations()
        app.save_screenshot(filename=f"{name}.svg", path=str(OUT))


async def main() -> None:
    OUT.mkdir(exist_ok=True)
    for name, (size, keys, options) in SHOTS.items():
        await shoot(name, size, keys, options)


if __name__ == "__main__":
    asyncio.run(main())
