"""Colour follows the entity: the US and China look the same in every chart, whatever else it shows."""

from __future__ import annotations

import pytest

from aiindex_tui.output.series_looks import (
    FIXED_SLOTS, MIN_CONTRAST, colour_keys, contrast, distinct_colours, legible, series_looks,
)
from aiindex_tui.pack.kinds import ChartKind
from aiindex_tui.pack.loader import load_pack

pytestmark = pytest.mark.unit
PACK = load_pack()


def articles(figure) -> set[str]:
    return {line.label for line in figure.chart_series if line.article}


@pytest.mark.parametrize("colors", [2, 3, 4, 5, 6])
def test_the_us_and_china_take_their_own_colours_in_every_chart(colors):
    seen = 0
    for figure in PACK.figures:
        keys = colour_keys(figure)
        for label, look in series_looks(figure, colors).items():
            if keys[label] in FIXED_SLOTS:
                assert look.slot == FIXED_SLOTS[keys[label]], (figure.figure_id, label)
                seen += 1
            elif colors > len(FIXED_SLOTS):
                assert look.slot not in FIXED_SLOTS.values(), (figure.figure_id, label, "took a side's colour")
            else:  # no colour to spare: another series is drawn with a fill of its own
                assert look.fill is not None or figure.chart is ChartKind.LINE and label in articles(figure), (figure.figure_id, label)
    assert seen > 20


def test_an_entity_keeps_one_colour_across_the_bundled_charts():
    slots: dict[str, set[int]] = {}
    for figure in PACK.figures:
        keys = colour_keys(figure)
        for label, look in series_looks(figure, 6).items():
            slots.setdefault(keys[label], set()).add(look.slot)
    for entity in ("US", "China", "World", "Rest of world", "Europe", "EU", "India"):
        assert len(slots[entity]) == 1, (entity, slots[entity])


@pytest.mark.parametrize("colors", [0, 1, 2, 4, 6])
@pytest.mark.parametrize("distinct", [False, True])
def test_no_two_series_of_a_chart_look_alike(colors, distinct):
    for figure in PACK.figures:
        looks = series_looks(figure, colors, distinct)
        drawn_as_marks = {line.label for line in figure.chart_series if line.article and figure.chart is ChartKind.LINE}
        lines = [(look.slot % max(1, colors), look.fill) for label, look in looks.items() if label not in drawn_as_marks]
        assert len(lines) == len(set(lines)), figure.figure_id


def test_the_articles_values_take_their_entitys_colour():
    figure = PACK.figure("patent-share")
    looks = series_looks(figure, 6)
    assert looks["China (article, 2026 edition)"].slot == looks["China (AI Index 2025 data)"].slot == FIXED_SLOTS["China"]


def test_one_gap_measured_several_ways_gets_a_colour_per_way():
    looks = series_looks(PACK.figure("benchmark-gaps"), 6)
    assert len({look.slot for look in looks.values()}) == len(looks)


def test_contrast_ratio_and_legible_colours():
    assert contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21)
    assert contrast((10, 20, 30), (10, 20, 30)) == pytest.approx(1)
    near_black, dark_blue = (18, 18, 18), (0, 40, 110)
    assert contrast(dark_blue, near_black) < MIN_CONTRAST
    lifted = legible(dark_blue, near_black)
    assert contrast(lifted, near_black) >= MIN_CONTRAST
    assert lifted[2] > lifted[0]  # still blue
    white, pale_yellow = (255, 255, 255), (250, 240, 150)
    assert contrast(legible(pale_yellow, white), white) >= MIN_CONTRAST
    assert legible((250, 250, 250), near_black) == (250, 250, 250)  # enough already: unchanged


def test_colours_a_reader_could_confuse_are_kept_once():
    blue, dark_blue, orange, green, grey, near_grey = (1, 120, 212), (0, 69, 120), (255, 166, 43), (78, 191, 113), (128, 128, 128), (135, 130, 128)
    assert distinct_colours([blue, orange, dark_blue, green, grey, near_grey]) == [blue, orange, green, grey]
    assert distinct_colours([orange, orange, blue]) == [orange, blue]
