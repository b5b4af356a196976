"""Notable AI models per year and country from Epoch AI's table, under three counting rules.

Refreshing is dropping a newer download into ``epoch/`` named
``notable-ai-models_YYYY-MM-DD.csv`` (the date it was downloaded): the newest
download gives the counts, every download gives its own counts for comparison,
and no code names a file or a year.

A model made by organisations of several countries lists them all, comma
separated, in ``Country (of organization)``. Choices made here, and said in the
pack's notes:

- a country listed twice counts once;
- Hong Kong is its own place, as Epoch AI writes it (and as the AI Index lists it
  apart from China), so it counts under the rest of the world;
- a model that names no country counts nowhere and is listed by name;
- a model with no publication date counts in no year and is listed by name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as Date
from fractions import Fraction
from pathlib import Path

from packbuild.rows import BuildError
from packbuild.tables import numbered_rows

FOLDER = "epoch"
DOWNLOAD_NAME = re.compile(r"notable-ai-models_(\d{4}-\d{2}-\d{2})\.csv")
YEARS_SHOWN = 11  # the last year in the data and the ten before it
SIDES = {"United States of America": "US", "China": "China"}
REST = "Rest of world"
ENTITIES = ("US", "China", REST)
NEEDED = ("Model", "Organization", "Publication date", "Country (of organization)")
DOMAIN = "Domain"  # shown with each model when the download has it


@dataclass(frozen=True)
class Rule:
    """How a model listed for several countries is counted."""

    key: str
    title: str  # what it does, in a few words
    short: str  # for a legend

    def shares(self, countries: frozenset[str]) -> dict[str, Fraction]:
        """Entity -> how much this model counts for it."""
        if not countries or (self.key == "single" and len(countries) > 1):
            return {}
        weight = Fraction(1, len(countries)) if self.key == "fractional" else Fraction(1)
        shares: dict[str, Fraction] = {}
        for country in countries:
            entity = SIDES.get(country, REST)
            if self.key == "fractional":
                shares[entity] = shares.get(entity, Fraction(0)) + weight
            else:
                shares[entity] = weight  # a model counts once for the rest of the world, however many others it lists
        return {entity: shares[entity] for entity in ENTITIES if entity in shares}

    def entities(self, countries: frozenset[str]) -> tuple[str, ...]:
        """The entities a model with these organisation countries counts for."""
        return tuple(self.shares(countries))


EVERY = Rule("every", "a model counts once for every country it lists", "each listed country")
SINGLE = Rule("single", "only models whose organisations are all in one country count", "one-country models")
FRACTIONAL = Rule("fractional", "a model listed for n countries counts 1/n for each", "split 1/n")
RULES = (EVERY, SINGLE, FRACTIONAL)
WHOLE_RULES = (EVERY, SINGLE)  # rules that count whole models, so records can back their counts


@dataclass(frozen=True)
class Model:
    name: str
    organisation: str
    countries: frozenset[str]
    country_text: str
    date: str  # YYYY-MM-DD, or empty where the download gives none
    domain: str

    @property
    def year(self) -> int:
        return int(self.date[:4])


@dataclass(frozen=True)
class Download:
    """One download of the table, with the date in its name."""

    path: Path
    date: str  # YYYY-MM-DD
    models: tuple[Model, ...]  # every model with a date, newest first as the file lists them
    undated: tuple[Model, ...]  # models without a publication date

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def years(self) -> tuple[int, ...]:
        """The years shown: the last one in the data and the ones before it."""
        if not self.models:
            return ()
        last = max(model.year for model in self.models)
        return tuple(range(last - YEARS_SHOWN + 1, last + 1))

    def partial(self, year: int) -> bool:
        """Whether the year was not over when the table was downloaded."""
        return self.date <= f"{year}-12-31"

    def in_years(self) -> list[Model]:
        years = set(self.years)
        return [model for model in self.models if model.year in years]


def downloads(root: Path) -> list[Download]:
    """Every download in ``epoch/``, oldest first; the build stops if there is none."""
    folder = root / FOLDER
    found = []
    for path in sorted(folder.glob("*.csv")):
        match = DOWNLOAD_NAME.fullmatch(path.name)
        if not match:
            raise BuildError(f"{path}: name it notable-ai-models_YYYY-MM-DD.csv, with the date it was downloaded")
        try:
            Date.fromisoformat(match.group(1))
        except ValueError:
            raise BuildError(f"{path}: {match.group(1)} in its name is not a date") from None
        found.append(read_download(path, match.group(1)))
    if not found:
        raise BuildError(f"{folder}: no notable-ai-models_YYYY-MM-DD.csv download")
    return found


def newest(root: Path) -> Download:
    return downloads(root)[-1]


def _publication_date(text: str, where: str) -> str:
    """YYYY-MM-DD from the cell; a bare year or year-month is completed to its first day."""
    parts = text.split("-")
    if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
        parts += ["01"] * (3 - len(parts))
        try:
            return Date(*map(int, parts)).isoformat()
        except ValueError:
            pass
    raise BuildError(f"{where}: column 'Publication date': {text!r} is not a date (YYYY-MM-DD)")


def read_download(path: Path, downloaded: str) -> Download:
    """The models of one download; a problem stops the build with the file and line."""
    models, undated = [], []
    for line, row in numbered_rows(path, NEEDED):
        where = f"{path}:{line}"
        name = " ".join(row["Model"].split())
        if not name:
            raise BuildError(f"{where}: column 'Model' is empty")
        text = row["Country (of organization)"].strip()
        countries = frozenset(c.strip() for c in text.split(",") if c.strip())
        written = row["Publication date"].strip()
        model = Model(
            name, " ".join(row["Organization"].split()), countries, ", ".join(sorted(countries)),
            _publication_date(written, where) if written else "",
            " ".join((row.get(DOMAIN) or "").split()).replace(",", ", "),
        )
        (models if model.date else undated).append(model)
    return Download(path, downloaded, tuple(models), tuple(undated))


def counts(models: list[Model] | tuple[Model, ...], rule: Rule, years: tuple[int, ...]) -> dict[tuple[int, str], dict[Model, Fraction]]:
    """(year, entity) -> the models counted there and how much each counts, for every year and entity."""
    counted: dict[tuple[int, str], dict[Model, Fraction]] = {
        (year, entity): {} for year in years for entity in ENTITIES
    }
    for model in models:
        if (model.year, ENTITIES[0]) not in counted:
            continue
        for entity, share in rule.shares(model.countries).items():
            counted[(model.year, entity)][model] = share
    return counted


def total(counted: dict[Model, Fraction]) -> Fraction:
    return sum(counted.values(), Fraction(0))
