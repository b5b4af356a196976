"""Synthetic packs many times the bundled size, and series of many points."""

from __future__ import annotations

import gc
import math
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.support.packs import write_pack  # the suite's writer of synthetic packs

from aiindex_tui.output.plot import draw_figure
from aiindex_tui.pack.loader import load_pack
from aiindex_tui.pack.kinds import ChartKind, Origin
from aiindex_tui.pack.model import Figure, ObservationColumns

BUNDLED_VALUES = sum(len(f.values) for f in load_pack(use_cache=False).figures)
MAX_VALUES_PER_FIGURE = 10_000  # see tests/support/packs.py: months of 1900-2100, then more series
CHART_SIZE = (160, 22)  # a chart's plot area in a 200x60 terminal
COLORS = [(80, 160, 255), (255, 160, 60)]


def write_scaled_pack(directory: Path, factor: int | None = None, values: int | None = None) -> tuple[Path, int]:
    """A valid pack with ``factor`` times the bundled pack's values (or ``values`` values)."""
    total = values if values is not None else factor * BUNDLED_VALUES
    figures = max(1, math.ceil(total / MAX_VALUES_PER_FIGURE))
    sections = min(10, figures)
    per_section = math.ceil(figures / sections)
    per_figure = math.ceil(total / (sections * per_section))
    write_pack(directory, sections=sections, figures_per_section=per_section, values_per_figure=per_figure)
    return directory, sections * per_section * per_figure


def load_seconds(directory: Path) -> float:
    started = time.perf_counter()
    load_pack(directory, use_cache=False)
    return time.perf_counter() - started


def long_figure(points: int) -> Figure:
    """One line series of ``points`` values (periods are counters, as years would run out)."""
    values = ObservationColumns(
        observation_id=tuple(f"o{i}" for i in range(points)),
        series=("",) * points,
        entity=("Synthetic",) * points,
        period=tuple(f"{i:08d}" for i in range(points)),
        value=tuple(float((i * 7919) % 1000) for i in range(points)),
        written=("0",) * points,
        approximate=(False,) * points,
        origin=(Origin.CONTEXT,) * points,
        source_id=("article",) * points,
        locator=("",) * points,
        total_id=("",) * points,
        stated_share_id=("",) * points,
    )
    return Figure("long", "s", "Long series", "units", ChartKind.LINE, "", values)


def _build(figure: Figure) -> float:
    from textual_plotext.plot import Plot

    plt = Plot()
    width, height = CHART_SIZE
    started = time.perf_counter()
    draw_figure(plt, figure, COLORS, columns=width)
    plt.plotsize(width, height)
    plt.build()
    return time.perf_counter() - started


def chart_build_seconds(points: int, *, with_first: bool = False) -> float | tuple[float, float]:
    """Seconds to draw and build a chart of ``points`` points, as for a new size or theme.

    With ``with_first``, also the first build, which prepares the figure's series
    once (sorting its values onto the period axis).
    """
    figure = long_figure(points)
    # The app exempts its pack from collection passes once the first screen is drawn
    # (ui/app.py); without that, a full pass over a million values lands in the build.
    gc.collect()
    gc.freeze()
    started = time.perf_counter()
    _build(figure)
    first = time.perf_counter() - started
    again = min(_build(figure) for _ in range(3))
    gc.unfreeze()
    return (first, again) if with_first else again
