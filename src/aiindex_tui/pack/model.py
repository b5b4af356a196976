"""Immutable domain objects of a data pack.

The UI and the CLI only ever see these; nothing here imports pandas or Textual.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from functools import cached_property
from itertools import accumulate, chain, compress, islice, repeat
from operator import le, lt, ne, not_
from pathlib import Path

from aiindex_tui.pack.kinds import ChartKind, Check, NoteKind, Origin, Verdict
from aiindex_tui.pack.sanitize import visible


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


LONGEST_PLAIN = 1e21  # values this large are shown in powers of ten


def format_number(value: float, decimals: int, sign: str = "") -> str:
    """``value`` with thousands separators and ``decimals`` digits (``sign`` "+" to sign it);
    from 10^21 on, in powers of ten: 1e+308 rather than 309 digits."""
    return f"{value:{sign},.{decimals}f}" if abs(value) < LONGEST_PLAIN else f"{value:{sign}.6g}"


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
    wording: str = ""  # the article's words for a value it states without a number
    low: str = ""  # the lower end of the value's 95% interval as written, where the source gives one
    high: str = ""
    counting_rule: str = ""  # how a count was made, where it matters: values of different rules are not compared

    @property
    def interval(self) -> tuple[float, float] | None:
        """The value's 95% interval, where the source gives one."""
        return (float(self.low), float(self.high)) if self.low and self.high else None

    def formatted_interval(self) -> str:
        """The interval as "low to high", or nothing."""
        return f"{self.low} to {self.high}" if self.low and self.high else ""

    @property
    def label(self) -> str:
        """Legend label: the series name where given, otherwise the entity."""
        return self.series or self.entity

    def formatted_value(self) -> str:
        """The value as the pack writes it, with thousands separators; ~ when approximate.
        From 10^21 on, in powers of ten: 1e+308 rather than 309 digits."""
        text = format_number(self.value, self.decimals)
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
    verdict: Verdict | None = None  # set on notes of kind VERDICT only
    check: Check | None = None  # on a verdict: what it was checked against, where the pack says
    computed: str = ""  # on a verdict or cross-check: the number it arrives at, in the value's unit, as written


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




def decimals_of(written: str) -> int:
    """Digits after the point as written, so 74.20 keeps two; none for 1e6."""
    return 0 if "e" in written or "E" in written else len(written.partition(".")[2])


@dataclass(frozen=True, slots=True)
class ObservationColumns:
    """A figure's values held column by column.

    Rows become Observation objects only when something asks for them, so a pack
    with a million values loads without building a million objects.
    """

    observation_id: tuple[str, ...] = ()
    series: tuple[str, ...] = ()
    entity: tuple[str, ...] = ()
    period: tuple[str, ...] = ()
    value: tuple[float, ...] = ()
    written: tuple[str, ...] = ()  # each value as the pack writes it, for its precision
    approximate: tuple[bool, ...] = ()
    origin: tuple[Origin, ...] = ()
    source_id: tuple[str, ...] = ()
    locator: tuple[str, ...] = ()
    total_id: tuple[str, ...] = ()
    stated_share_id: tuple[str, ...] = ()
    wording: tuple[str, ...] = ()
    low: tuple[str, ...] = ()  # the 95% interval as written, blank where not given
    high: tuple[str, ...] = ()
    counting_rule: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for optional in ("wording", "low", "high", "counting_rule"):  # optional columns: blank when not given
            if not getattr(self, optional) and self.observation_id:
                object.__setattr__(self, optional, ("",) * len(self.observation_id))
        lengths = {len(getattr(self, f.name)) for f in fields(self)}
        if len(lengths) > 1:
            raise ValueError(f"observation columns differ in length: {sorted(lengths)}")

    def __len__(self) -> int:
        return len(self.observation_id)

    @property
    def labels(self) -> tuple[str, ...]:
        """Each row's legend label: the series name where given, otherwise the entity."""
        if all(self.series):  # the usual cases, without a pass in Python per row
            return self.series
        if not any(self.series):
            return self.entity
        return tuple(series or entity for series, entity in zip(self.series, self.entity))

    def rows(self, figure_id: str, keep: tuple[bool, ...] | None = None) -> tuple[Observation, ...]:
        """The rows as Observation objects, only those where ``keep`` holds if given."""
        columns = observation_fields({f.name: getattr(self, f.name) for f in fields(self)}, repeat(figure_id))
        if keep is not None:
            columns = [compress(column, keep) for column in columns]
        return tuple(map(Observation, *columns))


def observation_fields(columns: Mapping[str, Iterable], figure_ids: Iterable[str]) -> list[Iterable]:
    """One column for each field of Observation, in its order, from columns named as
    ObservationColumns names them: the one place that maps the one to the other."""
    made = {"figure_id": figure_ids, "decimals": map(decimals_of, columns["written"])}
    return [made[f.name] if f.name in made else columns[f.name] for f in fields(Observation)]


# The text columns of ObservationColumns, for code that reads or writes them by name.
OBSERVATION_TEXT_COLUMNS = tuple(f.name for f in fields(ObservationColumns) if f.type == "tuple[str, ...]")
SUMMARY_BLOCKS = 1024  # about this many blocks summarise a long series
SMALLEST_BLOCK = 256


@dataclass(frozen=True)
class ChartSeries:
    """One legend label's values at positions on the figure's period axis, in order."""

    label: str
    positions: Sequence[int]  # ascending
    values: tuple[float, ...]
    article: bool = False  # every value is the article's own

    @cached_property
    def extremes_by_block(self) -> tuple[tuple[int, float, float], ...]:
        """For each block of points: the index of its middle point, its lowest and its highest value.

        Computed once, it lets a chart of a very long series find each column's
        extremes among about a thousand blocks instead of every point. Blocks are
        at least SMALLEST_BLOCK points long (fewer blocks cost less to find); a
        chart uses them only where a column spans many blocks, so placing a
        block's extremes at its middle moves no mark by a visible amount.
        """
        values = self.values
        size = max(SMALLEST_BLOCK, len(values) // SUMMARY_BLOCKS)
        blocks = []
        for start in range(0, len(values), size):
            chunk = values[start:start + size]
            blocks.append((start + len(chunk) // 2, min(chunk), max(chunk)))
        return tuple(blocks)


def period_axis(period: tuple[str, ...]) -> tuple[tuple[str, ...], Sequence[int]]:
    """The distinct periods in order, and each row's position among them.

    Values listed in period order (the usual case, and what a long series of
    generated data looks like) take whole-column steps only: no hashing or
    sorting of a million strings.
    """
    if not period:
        return (), []
    if all(map(lt, period, islice(period, 1, None))):  # one row per period, in order
        return period, range(len(period))
    if all(map(le, period, islice(period, 1, None))):
        new_period = list(map(ne, period, islice(period, 1, None)))  # True where the next row starts a period
        return tuple(compress(period, chain((True,), new_period))), list(accumulate(new_period, initial=0))
    periods = tuple(sorted(set(period)))
    position = dict(zip(periods, range(len(periods))))
    return periods, list(map(position.__getitem__, period))


@dataclass(frozen=True)
class Figure:
    """One figure of a section; derived views of its values are computed once, on first use."""

    figure_id: str
    section_id: str
    title: str
    unit: str
    chart: ChartKind
    description: str
    values: ObservationColumns = ObservationColumns()
    notes: tuple[Note, ...] = ()
    derived_shares: tuple[DerivedShare, ...] = ()
    records: str = ""  # name of the record set behind the values, if any
    measure: str = "count"  # count, share, difference or score (schema.MEASURES)

    @property
    def zero_based(self) -> bool:
        """Whether its axis starts at 0: counts, shares and differences do, scores need not."""
        return self.measure != "score"

    @cached_property
    def observations(self) -> tuple[Observation, ...]:
        return self.values.rows(self.figure_id)

    @cached_property
    def article_observations(self) -> tuple[Observation, ...]:
        article = tuple(origin is Origin.ARTICLE for origin in self.values.origin)
        return self.values.rows(self.figure_id, keep=article)

    @cached_property
    def _period_axis(self) -> tuple[tuple[str, ...], Sequence[int]]:
        return period_axis(self.values.period)

    @property
    def periods(self) -> tuple[str, ...]:
        """Periods in chronological order (ISO year or year-month strings sort as text)."""
        return self._period_axis[0]

    @cached_property
    def labels(self) -> tuple[str, ...]:
        """Legend labels in order of first appearance."""
        labels = self.values.labels
        if labels and labels.count(labels[0]) == len(labels):  # one series: a count, not a dict of every row
            return labels[:1]
        return tuple(dict.fromkeys(labels))

    @cached_property
    def chart_series(self) -> tuple[ChartSeries, ...]:
        """One series per legend label, sorted by position on the ``periods`` axis.

        Built with whole-column operations (map, compress, sort) rather than a step
        in Python per value: a series of a million values is ready in a fraction of
        a second.
        """
        values = self.values
        row_positions = self._period_axis[1]
        row_labels = values.labels
        article_rows = values.origin.count(Origin.ARTICLE)
        if article_rows in (0, len(values)):  # all data, or all the article's: no pass per row
            article_labels = set(self.labels) if article_rows else set()
        else:
            is_article = list(map(Origin.ARTICLE.__eq__, values.origin))
            article_labels = set(compress(row_labels, is_article))
            article_labels -= set(compress(row_labels, map(not_, is_article)))
        if len(self.labels) == 1:
            rows_of = {self.labels[0]: range(len(values))}
        else:
            rows_of = {label: [] for label in self.labels}
            for row, label in enumerate(row_labels):
                rows_of[label].append(row)
        series = []
        for label, rows in rows_of.items():
            positions = row_positions if isinstance(rows, range) else list(map(row_positions.__getitem__, rows))
            in_order = isinstance(positions, range) or all(map(le, positions, islice(positions, 1, None)))
            if not in_order:  # most packs list values in order
                rows = sorted(rows, key=row_positions.__getitem__)  # stable: a period's rows keep their order
                positions = list(map(row_positions.__getitem__, rows))
            label_values = values.value if isinstance(rows, range) else tuple(map(values.value.__getitem__, rows))
            if not isinstance(positions, range):  # a range stands for one row per period, as it is
                positions = tuple(positions)
            series.append(ChartSeries(label, positions, label_values, article=label in article_labels))
        return tuple(series)

    @property
    def source_ids(self) -> tuple[str, ...]:
        ids = list(self.values.source_id)
        ids += [n.source_id for n in self.notes if n.source_id]
        return tuple(dict.fromkeys(ids))

    def notes_for(self, observation_id: str) -> tuple[Note, ...]:
        return tuple(n for n in self.notes if n.observation_id == observation_id)

    def verdict_for(self, observation_id: str) -> Note | None:
        """The value's first verdict (the report check before the recount), if any."""
        verdicts = self.verdicts_for(observation_id)
        return verdicts[0] if verdicts else None

    def verdicts_for(self, observation_id: str) -> tuple[Note, ...]:
        """The value's verdicts: against the report's data first, then the recount, then any other."""
        order = {Check.REPORT: 0, Check.RECOUNT: 1, None: 2}
        verdicts = [n for n in self.notes_for(observation_id) if n.kind is NoteKind.VERDICT]
        return tuple(sorted(verdicts, key=lambda note: order[note.check]))


@dataclass(frozen=True)
class RecordSet:
    """The rows behind some values: for example the models a count counts.

    ``columns`` are the file's own columns in its order, without the record id,
    source and observation ids, which every set has and which are kept apart.
    """

    name: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    record_ids: tuple[str, ...]
    source_ids: tuple[str, ...]
    observation_ids: tuple[tuple[str, ...], ...]

    def __len__(self) -> int:
        return len(self.rows)

    @cached_property
    def _rows_by_observation(self) -> dict[str, tuple[int, ...]]:
        found: dict[str, list[int]] = {}
        for index, ids in enumerate(self.observation_ids):
            for observation_id in ids:
                found.setdefault(observation_id, []).append(index)
        return {key: tuple(value) for key, value in found.items()}

    def rows_behind(self, observation_id: str) -> tuple[int, ...]:
        """Indexes of the rows behind one value, in file order."""
        return self._rows_by_observation.get(observation_id, ())

    def rows_for(self, observation_ids: tuple[str, ...]) -> tuple[int, ...]:
        """Indexes of the rows behind any of these values, in file order."""
        wanted = set(observation_ids)
        return tuple(i for i, ids in enumerate(self.observation_ids) if wanted.intersection(ids))


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
    sections: tuple[Section, ...] = field(repr=False)
    sources: dict[str, Source] = field(hash=False, compare=False, repr=False, default_factory=dict)
    records: dict[str, RecordSet] = field(hash=False, compare=False, repr=False, default_factory=dict)

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

    @property
    def overview(self) -> Section | None:
        """The opening section when it has no figures of its own: it lists the headline values."""
        first = self.sections[0] if self.sections else None
        return first if first is not None and not first.figures else None

    @property
    def headline_figures(self) -> tuple[Figure, ...]:
        """Each figure with article values, cut down to those values and the notes on them."""
        headlines = []
        for figure in self.figures:
            article = tuple(origin is Origin.ARTICLE for origin in figure.values.origin)
            if not any(article):
                continue
            kept = {o.observation_id for o in figure.article_observations}
            values = ObservationColumns(**{
                f.name: tuple(compress(getattr(figure.values, f.name), article)) for f in fields(ObservationColumns)
            })
            headlines.append(replace(
                figure, values=values,
                notes=tuple(n for n in figure.notes if n.observation_id in kept or not n.observation_id),
                derived_shares=tuple(s for s in figure.derived_shares if {s.part_id, s.total_id} <= kept),
            ))
        return tuple(headlines)

    def records_of(self, figure: Figure) -> RecordSet | None:
        """The rows behind the figure's values, or None when the figure has none."""
        return self.records.get(figure.records) if figure.records else None

    def describe(self) -> str:
        where = "bundled pack" if self.bundled else f"pack {visible(str(self.directory))}"
        return f"{self.title} - {self.edition} ({where})"
