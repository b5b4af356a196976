"""Notable AI models per year and country from Epoch AI's table, under two counting rules.

A model made by organisations of several countries lists them all in
``Country (of organization)``. The "every country" rule counts it once for each
country it lists; the "single country" rule counts only models whose
organisations are all in one country. The article's US 50 and China 30 for 2025
match only if the US is counted by the first rule and China by the second.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

FILE = "epoch/notable-ai-models_2026-01-26.csv"
FIRST_YEAR, LAST_YEAR = 2015, 2025
SIDES = {"United States of America": "US", "China": "China"}
REST = "Rest of world"
ENTITIES = ("US", "China", REST)


@dataclass(frozen=True)
class Rule:
    key: str
    title: str

    def entities(self, countries: frozenset[str]) -> tuple[str, ...]:
        """The entities a model with these organisation countries counts for."""
        if not countries:
            return ()
        if self.key == "single" and len(countries) > 1:
            return ()
        named = [SIDES[c] for c in sorted(countries) if c in SIDES]
        rest = [REST] if countries - SIDES.keys() else []
        return tuple(e for e in ENTITIES if e in named + rest)


EVERY = Rule("every", "every country a model lists")
SINGLE = Rule("single", "single-country models only")
RULES = (EVERY, SINGLE)


@dataclass(frozen=True)
class Model:
    name: str
    organisation: str
    countries: frozenset[str]
    country_text: str
    date: str
    domain: str

    @property
    def year(self) -> int:
        return int(self.date[:4])


def read_models(root: Path) -> list[Model]:
    """The models published from FIRST_YEAR to LAST_YEAR, newest first as the file lists them."""
    models = []
    with open(root / FILE, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            date = row["Publication date"].strip()
            if not FIRST_YEAR <= int(date[:4]) <= LAST_YEAR:
                continue
            text = row["Country (of organization)"].strip()
            countries = frozenset(c.strip() for c in text.split(",") if c.strip())
            models.append(Model(
                " ".join(row["Model"].split()), " ".join(row["Organization"].split()), countries,
                ", ".join(sorted(countries)), date, " ".join(row["Domain"].split()).replace(",", ", "),
            ))
    return models


def counts(models: list[Model], rule: Rule) -> dict[tuple[int, str], list[Model]]:
    """(year, entity) -> the models counted there, for every year and entity."""
    counted: dict[tuple[int, str], list[Model]] = {
        (year, entity): [] for year in range(FIRST_YEAR, LAST_YEAR + 1) for entity in ENTITIES
    }
    for model in models:
        for entity in rule.entities(model.countries):
            counted[(model.year, entity)].append(model)
    return counted
