"""Chart colours: an entity looks the same in every chart, and every mark stands out in every theme."""

from __future__ import annotations

from rich.text import Text
from textual.color import Color

from aiindex_tui.output.series_looks import MIN_CONTRAST, contrast
from aiindex_tui.ui.app import make_app
from aiindex_tui.ui.figure_chart import FigureChart
from tests.support.waiting import until


def legend_colours(chart: FigureChart) -> dict[str, str]:
    """Each legend label's swatch colour."""
    legend = chart.legend.content
    assert isinstance(legend, Text)
    colours = {}
    spans = [span for span in legend.spans if "rgb" in str(span.style)]
    for span, line in zip(spans, chart.drawn.chart_series):
        colours[line.label] = str(span.style)
    return colours


async def test_every_series_colour_stands_out_from_the_chart_in_every_theme():
    app = make_app(figure_id="paper-share")
    async with app.run_test(size=(100, 30)) as pilot:
        chart = app.explorer.panels[0].query_one(FigureChart)
        await until(pilot, lambda: chart.region.height > 0, "the chart on screen")
        themes = sorted(app.available_themes)
        assert len(themes) > 5
        for theme in themes:
            app.theme = theme
            await pilot.pause()
            background = Color.parse(app.theme_variables["surface"]).rgb
            colors = chart.series_colors()
            assert len(colors) >= 2, theme
            assert colors[0] != colors[1], theme  # the US and China
            for rgb in colors:
                assert contrast(rgb, background) >= MIN_CONTRAST, (theme, rgb, background)


async def test_china_has_one_colour_across_charts_and_its_article_mark_too():
    """On the Arena chart, patents and publications alike (the US blue and China orange on one,
    the other way round on the others, was a misleading picture)."""
    seen: dict[str, set[str]] = {"US": set(), "China": set()}
    for figure_id, labels in (
        ("arena-top-scores", {"US": "US, plain score", "China": "China, plain score"}),
        ("patent-share", {"US": "US (AI Index 2025 data)", "China": "China (AI Index 2025 data)"}),
        ("paper-share", {"US": "US (AI Index 2025 data)", "China": "China (AI Index 2025 data)"}),
    ):
        app = make_app(figure_id=figure_id)
        async with app.run_test(size=(120, 40)) as pilot:
            panel = next(p for p in app.explorer.panels if p.figure.figure_id == figure_id)
            chart = panel.query_one(FigureChart)
            await until(pilot, lambda: isinstance(chart.legend.content, Text), "the legend drawn")
            colours = legend_colours(chart)
            for side, label in labels.items():
                seen[side].add(colours[label])
            if figure_id == "patent-share":
                assert colours["China (article, 2026 edition)"] == colours["China (AI Index 2025 data)"]
    assert len(seen["US"]) == 1 and len(seen["China"]) == 1
    assert seen["US"] != seen["China"]
