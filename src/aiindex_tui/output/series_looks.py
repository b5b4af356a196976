"""Which colour and fill each series of a chart is drawn with, and colours legible on a background.

Colour follows the entity: the US and China keep one colour each in every chart,
legend and picture, and any other entity keeps the colour its name chooses where
the chart has room for it. Textual-free, so the CLI's charts follow the same rule.
"""

from __future__ import annotations

import colorsys
import math
import zlib
from dataclasses import dataclass
from typing import Sequence, Union

from aiindex_tui.pack.kinds import ChartKind
from aiindex_tui.pack.model import Figure

RGB = tuple[int, int, int]
# Fill characters that tell series apart without colour, or within one colour.
DISTINCT_FILLS = ("#", "=", "%", "+", "@", "x", ":", "o")
MIN_CONTRAST = 3.0  # a mark against its background: the least for graphics in WCAG 2.1


# The two sides of the race keep these colours in every chart, legend and picture; no
# other series takes them, whether or not the chart shows the US or China.
FIXED_SLOTS = {"US": 0, "China": 1}
# The colours other frequent entities take where the theme has them and the chart has room;
# any other entity's comes from its name.
PREFERRED_SLOTS = {"World": 2, "Rest of world": 2, "Europe": 3, "EU": 4, "India": 5}


@dataclass(frozen=True, slots=True)
class SeriesLook:
    """How one series is drawn: which of the chart's colours, and its own fill character
    where another series of the chart has the same colour (or there is no colour)."""

    slot: int
    fill: str | None = None

    def color(self, colors: Sequence[Union[RGB, str]]) -> Union[RGB, str, None]:
        return colors[self.slot % len(colors)] if colors else None


def colour_keys(figure: Figure) -> dict[str, str]:
    """What each series' colour follows: its entity (US, China, World...), so that an entity
    looks the same in every chart; or, where the chart's data series are all of one entity
    (the gaps of four benchmarks, one gap measured four ways), the series itself."""
    entities: dict[str, set[str]] = {}
    values = figure.values
    for label, entity in set(zip(values.labels, values.entity)):  # distinct pairs first: a million values are quick
        entities.setdefault(label, set()).add(entity)
    by_entity = {
        line.label: next(iter(entities[line.label])) if len(entities.get(line.label, ())) == 1 else line.label
        for line in figure.chart_series
    }
    data_series = [by_entity[line.label] for line in figure.chart_series if not line.article]
    if len(set(data_series)) > 1 or len(data_series) <= 1:
        return by_entity
    return {line.label: line.label for line in figure.chart_series}


def series_looks(figure: Figure, color_count: int, distinct: bool = False) -> dict[str, SeriesLook]:
    """Each chart series' look, by label. US and China take their fixed colours; any other
    entity a colour of its own in this chart, the same one in every chart where it can be
    (chosen from its name, not its place). Series that share a colour (one entity's
    variants, or more entities than colours) are told apart by fill characters, as every
    series is without colour (``distinct``)."""
    keys = colour_keys(figure)
    reserved = len(FIXED_SLOTS) if color_count > len(FIXED_SLOTS) else 0
    slot_of: dict[str, int] = {}
    for key in dict.fromkeys(keys.values()):
        fixed = FIXED_SLOTS.get(key)
        if fixed is not None and fixed < color_count:
            slot_of[key] = fixed
            continue
        others = max(1, color_count - reserved)
        preferred = PREFERRED_SLOTS.get(key, reserved + zlib.crc32(key.encode())) - reserved
        preferred = preferred % others
        taken = set(slot_of.values())
        free = [reserved + (preferred + step) % others for step in range(others)]
        slot_of[key] = next((slot for slot in free if slot not in taken), free[0])
    looks: dict[str, SeriesLook] = {}
    sharing: dict[int, int] = {}
    for number, line in enumerate(figure.chart_series):
        slot = slot_of[keys[line.label]]
        if distinct:
            looks[line.label] = SeriesLook(slot, DISTINCT_FILLS[number % len(DISTINCT_FILLS)])
            continue
        if line.article and figure.chart is ChartKind.LINE:
            looks[line.label] = SeriesLook(slot)  # drawn as the article's marks, whatever else shares the colour
            continue
        variant = sharing.get(slot, 0)
        if not reserved and keys[line.label] not in FIXED_SLOTS:
            variant = max(variant, 1)  # too few colours to keep the sides' own: a fill sets it apart
        sharing[slot] = variant + 1
        looks[line.label] = SeriesLook(slot, DISTINCT_FILLS[(variant - 1) % len(DISTINCT_FILLS)] if variant else None)
    return looks


def relative_luminance(rgb: RGB) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: RGB, second: RGB) -> float:
    """The contrast ratio of two colours, from 1 (the same) to 21 (black and white)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def legible(color: RGB, background: RGB, least: float = MIN_CONTRAST) -> RGB:
    """``color``, lightened on a dark background or darkened on a light one just enough to
    stand out from it by ``least``: the hue stays, so the series stays recognisable."""
    toward = (255, 255, 255) if relative_luminance(background) < 0.18 else (0, 0, 0)
    for step in range(21):
        share = step / 20
        mixed = tuple(round(c + (t - c) * share) for c, t in zip(color, toward))
        if contrast(mixed, background) >= least:
            return mixed  # type: ignore[return-value]
    return toward


SAME_HUE_DEGREES = 30  # two saturated colours closer in hue than this read as one series colour


def distinct_colours(colors: Sequence[RGB]) -> list[RGB]:
    """``colors`` in order, less each one a reader could take for an earlier one (a dark and a
    light blue): series that would get it share a colour and differ by fill instead."""
    kept: list[tuple[RGB, float, float]] = []
    for rgb in colors:
        hue, _, saturation = colorsys.rgb_to_hls(*(c / 255 for c in rgb))
        alike = any(
            math.dist(rgb, other) < 40 or (
                saturation > 0.25 and other_saturation > 0.25
                and min(abs(hue - other_hue), 1 - abs(hue - other_hue)) * 360 < SAME_HUE_DEGREES
            )
            for other, other_hue, other_saturation in kept
        )
        if not alike:
            kept.append((rgb, hue, saturation))
    return [rgb for rgb, _, _ in kept]
