"""Immutable domain objects of a data pack.

The UI and the CLI only ever see these; nothing here imports pandas or Textual.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path


class Origin(str, Enum):
    """Where a value comes from: the article itself, or an earlier report used as context."""

    ARTICLE = "article"
    CONTEXT = "context"


class ChartKind(str, Enum):
    BAR = "bar"
    LINE = "line"


class NoteKind(str, Enum):
    CAVEAT = "caveat"
    METHOD = "method"
    CROSS_CHECK = "cross-check"


@dataclass(frozen=True, slots=True)
class Source:
    source_id: str
    title: str
    publisher: str
    published: str
    url: str

    @property
    def citation(self) -> str:
        parts = [self.title]
        if self.publisher:
            parts.append(self.publisher)
        if self.published:
            parts.append(self.published)
        citation = ", ".join(parts)
        return f"{citation}. {self.url}" if self.url else citation


@dataclass(frozen=True, slots=True)
class Observation:
    """One number: a value for an entity in a period, with where it was stated."""

    observation_id: str
    figure_id: str
    series: str
    entity: str
    period: str
    value: float
    decimals: int
    approximate: bool
    origin: Origin
    source_id: str
    locator: str
    total_id: str = ""
    stated_share_id: str = ""

    @property
    def label(self) -> str:
        """Legend label: the series name where given, otherwise the entity."""
        return self.series or self.entity

    def formatted_value(self) -> str:
        text = f"{self.value:,.{self.decimals}f}"
        return f"~{text}" if self.approximate else text


@dataclass(frozen=True, slots=True)
class Note:
    note_id: str
    figure_id: str
    observation_id: str
    kind: NoteKind
    text: str
    source_id: str = ""
    locator: str = ""


@dataclass(frozen=True, slots=True)
class DerivedShare:
    """A share computed from a part and its total, never stored in the pack."""

    part_id: str
    total_id: str
    part: float
    total: float

    @property
    def percent(self) -> float:
        return 100.0 * self.part / self.total


@dataclass(frozen=True, slots=True)
class Figure:
    figure_id: str
    section_id: str
    title: str
    unit: str
    chart: ChartKind
    description: str
    observations: tuple[Observation, ...] = ()
    notes: tuple[Note, ...] = ()
    derived_shares: tuple[DerivedShare, ...] = ()

    @property
    def article_observations(self) -> tuple[Observation, ...]:
        return tuple(o for o in self.observations if o.origin is Origin.ARTICLE)

    @property
    def periods(self) -> tuple[str, ...]:
        """Periods in chronological order (ISO year or year-month strings sort as text)."""
        return tuple(sorted({o.period for o in self.observations}))

    @property
    def labels(self) -> tuple[str, ...]:
        """Legend labels in order of first appearance."""
        return tuple(dict.fromkeys(o.label for o in self.observations))

    @property
    def source_ids(self) -> tuple[str, ...]:
        ids = [o.source_id for o in self.observations]
        ids += [n.source_id for n in self.notes if n.source_id]
        return tuple(dict.fromkeys(ids))

    def notes_for(self, observation_id: str) -> tuple[Note, ...]:
        return tuple(n for n in self.notes if n.observation_id == observation_id)


@dataclass(frozen=True, slots=True)
class Section:
    section_id: str
    title: str
    summary: str
    figures: tuple[Figure, ...] = ()


@dataclass(frozen=True, slots=True)
class Pack:
    """A whole data pack, loaded and checked."""

    title: str
    edition: str
    description: str
    directory: Path
    bundled: bool
    sections: tuple[Section, ...]
    sources: dict[str, Source] = field(hash=False, compare=False, default_factory=dict)

    @property
    def figures(self) -> tuple[Figure, ...]:
        return tuple(f for s in self.sections for f in s.figures)

    def section(self, section_id: str) -> Section:
        for section in self.sections:
            if section.section_id == section_id:
                return section
        raise KeyError(section_id)

    def figure(self, figure_id: str) -> Figure:
        for figure in self.figures:
            if figure.figure_id == figure_id:
                return figure
        raise KeyError(figure_id)

    def describe(self) -> str:
        where = "bundled pack" if self.bundled else f"pack {self.directory}"
        return f"{self.title} - {self.edition} ({where})"
