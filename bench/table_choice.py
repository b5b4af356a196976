"""Our line-drawing table against textual-fastdatatable, on 100,000 rows.

    pip install textual-fastdatatable   # not a dependency: only this comparison needs it
    python bench/table_choice.py [ROWS]

Both tables get the rows screen's job: open on every row, move the cursor by
line and by page, sort by a column, and show the rows a filter keeps. Each step
is timed from the call to the last frame it causes (bench/interaction.py's
clock); the table prints the median and the 95th percentile, and the memory the
table's rows take. docs/performance.md says what the numbers decided.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from interaction import FrameClock, _key  # noqa: E402
from textual.app import App  # noqa: E402
from textual.screen import Screen  # noqa: E402

from aiindex_tui.ui.records_table import RecordsTable  # noqa: E402
from tests.support.packs import many_records  # noqa: E402

PRESSES = 120
SCROLL_KEYS = ["down"] * 20 + ["pagedown"] * 3 + ["up"] * 20 + ["pageup"] * 3


class TableScreen(Screen):
    def __init__(self, table) -> None:
        super().__init__()
        self.table = table

    def compose(self):
        yield self.table

    def on_mount(self) -> None:
        self.table.focus()


def ours(columns, rows):
    return RecordsTable(columns, rows)


def fast(columns, rows):
    from textual_fastdatatable import ArrowBackend, DataTable

    backend = ArrowBackend.from_records([columns, *rows], has_header=True)
    return DataTable(backend=backend, cursor_type="row", zebra_stripes=True)


def sort_ours(table, n: int) -> None:
    table.sort_by(n % 3, reverse=bool(n % 2))


def sort_fast(table, n: int) -> None:
    name = ("model", "country", "score")[n % 3]
    table.sort(by=[(name, "descending" if n % 2 else "ascending")])


def filter_ours(table, wanted: str) -> None:
    table.show([i for i, row in enumerate(table.rows) if any(wanted in cell for cell in row)])


def filter_fast(screen, wanted: str, columns, rows) -> None:
    # No filter of its own, and clear() refuses ("mount a new one instead"): the kept rows
    # become a new table in place of the old one, as harlequin does with a query's results.
    async def replace() -> None:
        kept = [row for row in rows if any(wanted in cell for cell in row)]
        await screen.table.remove()
        screen.table = fast(columns, kept)
        await screen.mount(screen.table)

    asyncio.ensure_future(replace())


async def measure(kind: str, rows_count: int) -> dict[str, list[float]]:
    records = many_records(rows_count)
    columns, rows = records.columns, records.rows
    build = ours if kind == "ours" else fast
    results: dict[str, list[float]] = {"open": [], "scroll key": [], "sort": [], "filter": []}
    app = App()
    async with app.run_test(size=(80, 24)):
        clock = FrameClock(app)
        for _ in range(5):
            screen = TableScreen(build(columns, rows))
            results["open"].append(await clock.time(lambda screen=screen: app.push_screen(screen)))
            await clock.time(app.pop_screen)
        screen = TableScreen(build(columns, rows))
        await clock.time(lambda: app.push_screen(screen))
        table = screen.table
        for n in range(PRESSES):
            key = SCROLL_KEYS[n % len(SCROLL_KEYS)]
            results["scroll key"].append(await clock.time(lambda key=key: _key(app, key)))
        for n in range(12):
            act = (lambda n=n: sort_ours(table, n)) if kind == "ours" else (lambda n=n: sort_fast(table, n))
            results["sort"].append(await clock.time(act))
        for n, wanted in enumerate(["model 01", "China", "model 0999", "9", "model"] * 2):
            act = (lambda w=wanted: filter_ours(table, w)) if kind == "ours" else (lambda w=wanted: filter_fast(screen, w, columns, rows))
            results["filter"].append(await clock.time(act))
    return {step: [s for s in seconds if s is not None] for step, seconds in results.items()}


def memory_kib(kind: str, rows_count: int) -> int:
    """Memory allocated by building the table from rows already in memory."""
    import pyarrow

    records = many_records(rows_count)
    arrow_before = pyarrow.total_allocated_bytes()  # Arrow's buffers are outside Python's allocator
    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    table = (ours if kind == "ours" else fast)(records.columns, records.rows)
    after = tracemalloc.take_snapshot()
    tracemalloc.stop()
    arrow = pyarrow.total_allocated_bytes() - arrow_before
    del table
    return (sum(stat.size_diff for stat in after.compare_to(before, "filename")) + arrow) // 1024


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> int:
    rows_count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    print(f"| {rows_count:,} rows, 80x24 | ours p50 / p95 ms | textual-fastdatatable p50 / p95 ms |")
    print("|---|---|---|")
    measured = {kind: asyncio.run(measure(kind, rows_count)) for kind in ("ours", "fast")}
    for step in measured["ours"]:
        cells = []
        for kind in ("ours", "fast"):
            seconds = measured[kind][step]
            cells.append(f"{statistics.median(seconds) * 1000:.1f} / {percentile(seconds, 0.95) * 1000:.1f}")
        print(f"| {step} | {cells[0]} | {cells[1]} |")
    print(f"| memory of the table | {memory_kib('ours', rows_count):,} KiB | {memory_kib('fast', rows_count):,} KiB |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
