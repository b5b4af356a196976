"""A legend entry never wraps away from its mark: where a mark would end a line, it starts
the next one with its label."""

from __future__ import annotations

import pytest
from rich.console import Console
from rich.text import Text

from aiindex_tui.ui.app import make_app
from aiindex_tui.ui.figure_chart import FigureChart, LegendLines
from tests.support.waiting import until

MARKS = ("◆", "██", "##", "==", "[]")


def drawn_lines(legend: LegendLines, width: int) -> list[str]:
    console = Console(width=width, color_system=None, legacy_windows=False)
    return [
        "".join(segment.text for segment in line).rstrip()
        for line in console.render_lines(legend, console.options.update_width(width), pad=False)
    ]


ENTRIES = [
    Text("██ Arena files, plain score"), Text("██ AI Index 2025 (% of China's score)"), Text("◆  Article (AI Index 2026)"),
    Text("## Arena files, plain score, eight labs only"), Text("== Arena files, style-controlled score"), Text("unit: %"),
]


@pytest.mark.parametrize("width", range(20, 161, 3))
def test_no_line_ends_in_a_mark_and_every_word_is_kept(width):
    lines = drawn_lines(LegendLines(ENTRIES, [Text("2026-03: US 2.66%")]), width)
    for line in lines:
        assert not line.endswith(MARKS), (width, line)
        assert len(line) <= width or " " not in line.strip(), (width, line)  # only a single word longer than the line
    words = " ".join(lines).split()
    assert words == " ".join(entry.plain for entry in ENTRIES).split() + ["2026-03:", "US", "2.66%"]
    assert lines[-1] == "2026-03: US 2.66%"  # the marked period's values on a line of their own


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 60)])
async def test_every_legend_of_the_bundled_pack_keeps_marks_with_labels(size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        for section in "234":
            await pilot.press(section)
            await until(pilot, lambda: any(c.legend.size.width for c in app.query(FigureChart) if c.legend.display), "legends laid out")
        for chart in app.query(FigureChart):
            width = chart.legend.size.width
            if not width:
                continue
            for line in drawn_lines(chart.legend.shown, width):
                assert not line.endswith(MARKS), (chart.figure.figure_id, line)


async def test_events_a_short_chart_cannot_label_are_named_under_its_legend():
    """Zoomed at 70x18 the gap chart has six rows, too few to give its two event labels rows of
    their own: the legend names them with their periods. At 100x30 the chart labels them itself."""
    for size, named_in_legend in (((70, 18), True), ((100, 30), False)):
        app = make_app(figure_id="performance-gap")
        async with app.run_test(size=size) as pilot:
            await pilot.press("z")
            chart = app.explorer.panels[0].query_one(FigureChart)
            await until(pilot, lambda: app.screen.maximized is not None and chart.size.height > 0, "the chart zoomed")
            await until(pilot, lambda: chart.events_labelled is not named_in_legend
                        and ("Marked by lines" in str(chart.legend.shown)) is named_in_legend, f"the legend at {size}")
            assert ("2025-01 DeepSeek-R1 released" in str(chart.legend.shown)) is named_in_legend
            assert ("DeepSeek-R1" in chart.render().plain) is not named_in_legend
