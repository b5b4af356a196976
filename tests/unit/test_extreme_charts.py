"""Charts of extreme values draw at every size, on screen and as SVG, and say the values themselves."""

from __future__ import annotations

import subprocess
import sys

import plotext
import pytest

from aiindex_tui.output.plot import draw_figure
from aiindex_tui.pack.kinds import ChartKind, Origin
from aiindex_tui.pack.model import Figure, ObservationColumns
from tests.support.packs import REPO_ROOT

EXTREMES = {
    "largest float": ("1.7976931348623157e308", "30"),
    "1e308 and its negative": ("1e308", "-1e308"),
    "smallest positive": ("5e-324", "1e-300"),
    "past a trillion": ("1000000000000000.5", "2"),
    "constant": ("7", "7"),
    "single point": ("3",),
}


def figure(written: tuple[str, ...], chart: ChartKind, measure: str) -> Figure:
    count = len(written)
    periods = tuple(str(2020 + n) for n in range(count))
    values = ObservationColumns(
        observation_id=tuple(f"v{n}" for n in range(count)), series=("",) * count, entity=("US",) * count,
        period=periods, value=tuple(float(w) for w in written), written=written, approximate=(False,) * count,
        origin=(Origin.CONTEXT,) * count, source_id=("s",) * count, locator=("",) * count,
        total_id=("",) * count, stated_share_id=("",) * count,
    )
    return Figure("f", "s", "Extreme", "units", chart, "", values, measure=measure)


@pytest.mark.parametrize("size", [(40, 8), (60, 10), (80, 16), (90, 20), (240, 70)])
@pytest.mark.parametrize("chart", [ChartKind.BAR, ChartKind.LINE])
@pytest.mark.parametrize("case", EXTREMES, ids=list(EXTREMES))
@pytest.mark.parametrize("log_scale", [False, True], ids=["linear", "log"])
def test_extreme_values_draw_at_every_size(case, chart, size, log_scale):
    columns, rows = size
    plotext.clear_figure()
    plotext.plotsize(columns, rows)
    draw_figure(plotext, figure(EXTREMES[case], chart, "difference"), ["blue", "red"], columns=columns, rows=rows, log_scale=log_scale)
    drawn = plotext.build()
    assert drawn.strip()
    if case == "largest float" and not log_scale and rows >= 16:
        assert "e+308" in plotext.uncolorize(drawn)  # the axis says the value, not a scaled one


def test_the_explorer_and_an_svg_of_a_1e308_value_draw_it(tmp_path):
    pack = tmp_path / "pack"
    pack.mkdir()
    for path in (REPO_ROOT / "docs" / "example-pack").iterdir():
        (pack / path.name).write_text(path.read_text(encoding="utf-8").replace(",50,article", ",1e308,article"), encoding="utf-8")
    for size in ("60x16", "80x24", "250x80"):
        result = subprocess.run(
            [sys.executable, "-m", "aiindex_tui", "export", "notable-models", "--data", str(pack), "--format", "svg",
             "--size", size, "-o", "-"],
            capture_output=True, text=True, timeout=120,
        )
        assert result.returncode == 0, result.stderr[-2000:]
        assert "1e+308" in result.stdout


def test_every_bundled_figure_draws_in_every_mode_at_every_size():
    from aiindex_tui.pack.derive import gap_figure, gap_modes
    from aiindex_tui.pack.loader import load_pack

    pack = load_pack()
    sizes = [(columns, rows) for columns in range(20, 241, 44) for rows in range(3, 71, 12)]  # chart areas of 60x16 to 250x80 screens
    for figure in pack.figures:
        modes = gap_modes(figure)
        for mode in modes:
            shown = gap_figure(figure, mode)
            for columns, rows in sizes:
                for log_scale in (False, True):
                    plotext.clear_figure()
                    plotext.plotsize(columns, rows)
                    draw_figure(plotext, shown, ["blue", "red"], columns=columns, rows=rows, log_scale=log_scale,
                                cursor_period=shown.periods[len(shown.periods) // 2] if shown.periods else "")
                    assert plotext.build() is not None, (figure.figure_id, mode, columns, rows, log_scale)
