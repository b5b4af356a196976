"""Build the bundled pack's CSV files from the raw files in ``data/sources``.

Hand-entered tables (``data/sources/hand-entered``) hold what no raw file
gives: sections, figures, sources, the article's values and the context facts
with their locators. Everything else is computed here. The result is a mapping
of file name to bytes, the same bytes on every run and every machine.
"""

from __future__ import annotations

from pathlib import Path

from packbuild import aiindex, arena, epoch, verdicts
from packbuild.verdicts import rounds_to
from packbuild.rows import BuildError, Rows
from packbuild.tables import csv_bytes, number, read_rows

HAND_ENTERED = "hand-entered"
COPIED = ("pack.csv", "sections.csv", "sources.csv", "figures.csv")
OBSERVATION_COLUMNS = [
    "observation_id", "figure_id", "series", "entity", "period", "value", "approximate",
    "origin", "source_id", "locator", "total_id", "stated_share_id", "wording",
]
NOTE_COLUMNS = ["note_id", "figure_id", "observation_id", "kind", "verdict", "text", "source_id", "locator"]


def build(sources: Path) -> dict[str, bytes]:
    """Every file of the pack, by its path inside the pack."""
    hand = sources / HAND_ENTERED
    files = {}
    for name in COPIED:
        columns, rows = read_rows(hand / name)
        files[name] = csv_bytes(columns, rows)
    _, figures = read_rows(hand / "figures.csv")
    figure_order = [f["figure_id"] for f in figures]

    rows = Rows()
    _, hand_observations = read_rows(hand / "observations.csv")
    for row in hand_observations:
        rows.observation(**row)
    _, hand_notes = read_rows(hand / "notes.csv")
    for row in hand_notes:
        rows.note(**row)

    leaders = arena.snapshot_leaders(sources)
    months = arena.monthly(leaders)
    _arena(rows, months, aiindex.arena_chart(sources))
    models = epoch.read_models(sources)
    _models(rows, models)
    _ai_index(rows, sources)
    verdicts.add(rows, sources, months, models)

    rows.check_verdicts()
    files["observations.csv"] = csv_bytes(OBSERVATION_COLUMNS, rows.observations_in(figure_order))
    files["notes.csv"] = csv_bytes(NOTE_COLUMNS, rows.notes_in(figure_order))
    for name, (columns, records) in sorted(rows.records.items()):
        files[f"records/{name}.csv"] = csv_bytes(columns, records)
    return files


# -- closing the gap -----------------------------------------------------------


def _arena(rows: Rows, months: list[arena.Month], chart: dict[tuple[str, str], float]) -> None:
    columns = ["record_id", "date", "side", "model", "organisation", "score", "file", "variant", "source_id", "observation_ids"]
    records = []
    for month in months:
        m = month.month
        dates = sorted({leader.date for leader in month.snapshots})
        where = f"{Path(month.file.path).name}, {month.file.variant}"
        span = f"{len(dates)} snapshot{'s' if len(dates) > 1 else ''} ({dates[0]} to {dates[-1]})" if len(dates) > 1 else f"1 snapshot ({dates[0]})"
        us, china = month.best["US"], month.best["China"]
        places = month.file.decimals
        rows.observation(
            observation_id=f"gap-month-{m}", figure_id="performance-gap",
            series="Monthly best, Arena files (% of US score)", entity="US over China", period=m,
            value=number(month.gap_percent, 2), origin="context", source_id=month.file.source_id,
            locator=f"{where}; best of {span}: {us.model} {number(us.score, places)} against {china.model} {number(china.score, places)}",
        )
        for leader in (us, china):
            rows.observation(
                observation_id=f"arena-{leader.side.lower()}-{m}", figure_id="arena-top-scores", entity=leader.side,
                period=m, value=number(leader.score, places), origin="context", source_id=month.file.source_id,
                locator=f"{where}; {leader.model} ({leader.organisation}) on {leader.date}, best of {span}",
            )
        rows.observation(
            observation_id=f"arena-gap-points-{m}", figure_id="arena-gap-points", entity="US over China",
            period=m, value=number(month.gap_points, places), origin="context", source_id=month.file.source_id,
            locator=f"{where}; {us.model} {number(us.score, places)} minus {china.model} {number(china.score, places)}",
        )
        for leader in month.snapshots:
            side = leader.side.lower()
            records.append({
                "record_id": f"arena-{leader.date}-{side}", "date": leader.date, "side": leader.side,
                "model": leader.model, "organisation": leader.organisation, "score": number(leader.score, places),
                "file": Path(month.file.path).name, "variant": month.file.variant, "source_id": month.file.source_id,
                "observation_ids": f"arena-{side}-{m};arena-gap-points-{m};gap-month-{m}",
            })
    rows.records["arena-leaders"] = (columns, records)

    same = [
        m.month for m in months
        if all((m.month, side) in chart and round(chart[(m.month, side)], 3) == round(m.best[side].score, 3) for side in arena.SIDES)
    ]
    charted = sorted({month for month, _ in chart})
    rows.note(
        note_id="arena-rule", figure_id="arena-top-scores", kind="method",
        text=(
            "A month's value for each side is the highest score that side reached in any snapshot of the month, "
            "taken from one file only: the leaderboard history to March 2025, LMArena's own committed leaderboards "
            "after that, the daily copies from 19 March 2026, and the per-lab history for months none of those "
            "covers. That per-lab history follows eight labs only, so its Chinese line is too low where DeepSeek, "
            "ByteDance, Tencent, Baidu or MiniMax led. Files mix plain and style-controlled scores, which differ by "
            f"a few points. The rule gives exactly the AI Index 2025 chart values in {len(same)} of its "
            f"{len(charted)} months ({_month_span(same)})."
        ),
        source_id=aiindex.DATA_SOURCE, locator="Technical Performance, top US and Chinese model on Chatbot Arena",
    )
    covered = {m.month for m in months}
    missing = [m for m in arena.months() if m not in covered]
    if missing:
        rows.note(
            note_id="arena-gaps", figure_id="arena-top-scores", kind="caveat",
            text=f"No file covers {', '.join(missing)}; those months are left empty, not filled in.",
        )


def _month_span(months: list[str]) -> str:
    return f"{months[0]} to {months[-1]}" if len(months) > 1 else ", ".join(months) or "none"


# -- production ----------------------------------------------------------------


def _models(rows: Rows, models: list[epoch.Model]) -> None:
    behind: dict[epoch.Model, list[str]] = {model: [] for model in models}
    for rule in epoch.RULES:
        figure = f"notable-models-{rule.key}-country"
        for (year, entity), counted in epoch.counts(models, rule).items():
            obs_id = f"models-{rule.key}-{_slug(entity)}-{year}"
            rows.observation(
                observation_id=obs_id, figure_id=figure, entity=entity, period=str(year), value=str(len(counted)),
                origin="context", source_id="epoch-notable",
                locator=f"Publication date and Country (of organization), {rule.title}",
            )
            for model in counted:
                behind[model].append(obs_id)
    # The article's two counts are backed by the models of the rule each one matches.
    every, single = epoch.counts(models, epoch.EVERY), epoch.counts(models, epoch.SINGLE)
    for model in every[(2025, "US")]:
        behind[model].append("models-us-2025")
    for model in single[(2025, "China")]:
        behind[model].append("models-china-2025")

    columns = ["record_id", "model", "organisation", "country", "date", "domain", "source_id", "observation_ids"]
    records, used = [], set()
    for model in models:
        record_id = base = f"{model.date}-{_slug(model.name)}"
        suffix = 2
        while record_id in used:
            record_id, suffix = f"{base}-{suffix}", suffix + 1
        used.add(record_id)
        records.append({
            "record_id": record_id, "model": model.name, "organisation": model.organisation,
            "country": model.country_text, "date": model.date, "domain": model.domain,
            "source_id": "epoch-notable", "observation_ids": ";".join(behind[model]),
        })
    rows.records["notable-models"] = (columns, records)
    blank = [m for m in models if not m.countries]
    if blank:
        rows.note(
            note_id="models-no-country", figure_id="notable-models-every-country", kind="caveat",
            text=(
                f"{len(blank)} model{'s' if len(blank) > 1 else ''} of these years name{'s' if len(blank) == 1 else ''} no "
                f"country ({'; '.join(m.name for m in blank)}) and count{'s' if len(blank) == 1 else ''} nowhere."
            ),
            source_id="epoch-notable",
        )


def _slug(text: str) -> str:
    cleaned = "".join(c.lower() if c.isalnum() else "-" for c in text)
    return "-".join(part for part in cleaned.split("-") if part)


# -- patents and research ----------------------------------------------------------


DATA_LOCATOR = aiindex.DATA_LOCATOR


def _ai_index(rows: Rows, sources: Path) -> None:
    for year, count in sorted(aiindex.patents_granted(sources).items()):
        rows.observation(
            observation_id=f"patents-granted-world-{year}", figure_id="patents-granted", entity="World",
            series="World (AI Index 2025 data)", period=str(year), value=str(count), origin="context",
            source_id=aiindex.DATA_SOURCE, locator=f"{DATA_LOCATOR}, AI patents granted",
        )
    _shares(rows, "patent-share", "patent-share-data", aiindex.patent_share(sources), "granted AI patents by country")
    _shares(rows, "paper-share", "paper-share-data", aiindex.paper_share(sources), "AI publications in computer science by country")
    for (year, side), count in sorted(aiindex.most_cited(sources).items(), key=lambda item: (item[0][1] != "US", item[0][0])):
        rows.observation(
            observation_id=f"cited-data-{_slug(side)}-{year}", figure_id="most-cited", entity=side,
            series=f"{side} (AI Index 2025 data)", period=str(year), value=str(count), origin="context",
            source_id=aiindex.DATA_SOURCE, locator=f"{DATA_LOCATOR}, top-100 most-cited AI publications by country",
        )
    cset = aiindex.cset_publications(sources)
    for entity in ("US", "China", "World"):
        for year in sorted(y for y, e in cset if e == entity):
            rows.observation(
                observation_id=f"cset-{_slug(entity)}-{year}", figure_id="publications-cset", entity=entity,
                period=str(year), value=str(cset[(year, entity)]), origin="context", source_id="cset-publications",
                locator="Our World in Data chart, column All",
                total_id="" if entity == "World" else f"cset-world-{year}",
            )


def _shares(rows: Rows, figure: str, prefix: str, shares: dict[tuple[int, str], float], what: str) -> None:
    entities = list(dict.fromkeys(entity for _, entity in sorted(shares, key=lambda k: (k[1] not in ("China", "US"), k[1]))))
    for entity in entities:
        series = f"{entity} (AI Index 2025 data)"
        for year in sorted(y for y, e in shares if e == entity):
            share = shares[(year, entity)]
            printed = rows.given(figure, series, str(year))
            if printed is not None:
                # A context fact entered by hand, as the report printed it, stands; the data must agree.
                if not rounds_to(share, printed["value"]):
                    raise BuildError(f"{printed['observation_id']}: printed {printed['value']}, chart data {share}")
                continue
            rows.observation(
                observation_id=f"{prefix}-{_slug(entity)}-{year}", figure_id=figure, entity=entity,
                series=series, period=str(year), value=number(share, 1),
                origin="context", source_id=aiindex.DATA_SOURCE, locator=f"{DATA_LOCATOR}, {what}",
            )
