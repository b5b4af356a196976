"""Build the bundled pack's CSV files from the raw files in ``data/sources``.

Hand-entered tables (``data/sources/hand-entered``) hold what no raw file
gives: sections, figures, sources, the article's values and the context facts
with their locators. Everything else is computed here. The result is a mapping
of file name to bytes, the same bytes on every run and every machine.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from aiindex_tui.pack.schema import SPEC_BY_FILE
from packbuild import aiindex, aiindex2026, arena, arena_verdicts, epoch, verdicts
from packbuild.rows import BuildError, Rows
from packbuild.tables import csv_bytes, number, read_rows
from packbuild.findings import CHECKS, rounds_to

HAND_ENTERED = "hand-entered"
COPIED = ("pack.csv", "sections.csv", "figures.csv")
OBSERVATION_COLUMNS = list(SPEC_BY_FILE["observations.csv"].columns)
NOTE_COLUMNS = list(SPEC_BY_FILE["notes.csv"].columns)
SOURCE_COLUMNS = list(SPEC_BY_FILE["sources.csv"].columns)
EPOCH_URL = "https://epoch.ai/data/notable-ai-models"


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

    leaders, tops = arena.rankings(sources)
    months = arena.monthly(leaders)
    _arena(rows, months, aiindex.arena_chart(sources))
    downloads = epoch.downloads(sources)
    evidence = verdicts.Evidence(sources, tuple(months), tops, downloads[-1])
    _leads(rows, evidence)
    _models(rows, downloads)
    _ai_index(rows, sources)
    verdicts.add(rows, evidence)

    rows.check_verdicts(CHECKS)
    _, hand_sources = read_rows(hand / "sources.csv")
    files["sources.csv"] = csv_bytes(SOURCE_COLUMNS, hand_sources + _epoch_sources(downloads))
    files["observations.csv"] = csv_bytes(OBSERVATION_COLUMNS, rows.observations_in(figure_order))
    files["notes.csv"] = csv_bytes(NOTE_COLUMNS, rows.notes_in(figure_order))
    for name, (columns, records) in sorted(rows.records.items()):
        files[f"records/{name}.csv"] = csv_bytes(columns, records)
    return files


def _epoch_sources(downloads: list[epoch.Download]) -> list[dict[str, str]]:
    """One source per download of Epoch AI's table; the newest is the one the counts cite."""
    return [
        {
            "source_id": _epoch_source(download, downloads), "title": f"Notable AI models, download of {download.date}",
            "publisher": "Epoch AI (CC BY 4.0)", "published": download.date[:7], "url": EPOCH_URL,
        }
        for download in reversed(downloads)
    ]


def _epoch_source(download: epoch.Download, downloads: list[epoch.Download]) -> str:
    return "epoch-notable" if download is downloads[-1] else f"epoch-notable-{download.date}"


# -- closing the gap -----------------------------------------------------------


def _arena_series(month: arena.Month, what: str) -> str:
    """A series per score variant, and apart for a file that misses labs: never one line across them."""
    partial = ", eight labs only" if month.file.partial else ""
    return f"{what}, {month.file.variant}{partial}"


def _interval(leader: arena.Leader, places: int) -> dict[str, str]:
    if leader.low is None or leader.high is None:
        return {}
    return {"low": number(leader.low, places), "high": number(leader.high, places)}


def _arena(rows: Rows, months: list[arena.Month], chart: dict[tuple[str, str], float]) -> None:
    columns = ["record_id", "date", "side", "model", "organisation", "score", "low", "high", "file", "variant", "source_id", "observation_ids"]
    records = []
    for month in months:
        m = month.month
        dates = sorted({leader.date for leader in month.snapshots})
        where = f"{Path(month.file.path).name}, {month.file.variant}"
        span = f"{len(dates)} snapshots ({dates[0]} to {dates[-1]})" if len(dates) > 1 else f"1 snapshot ({dates[0]})"
        us, china = month.best["US"], month.best["China"]
        places = month.file.decimals
        tie = {True: "; 95% intervals overlap", False: "; 95% intervals apart", None: ""}[month.tied]
        rows.observation(
            observation_id=f"gap-month-{m}", figure_id="performance-gap",
            series=_arena_series(month, "Arena files"), entity="US over China", period=m,
            value=number(month.gap_percent, 2), origin="context", source_id=month.file.source_id,
            locator=f"{where}; best of {span}: {us.model} {number(us.score, places)} against {china.model} {number(china.score, places)}{tie}",
        )
        for leader in (us, china):
            rows.observation(
                observation_id=f"arena-{leader.side.lower()}-{m}", figure_id="arena-top-scores", entity=leader.side,
                series=_arena_series(month, leader.side), period=m, value=number(leader.score, places), **_interval(leader, places),
                origin="context", source_id=month.file.source_id,
                locator=f"{where}; {leader.model} ({leader.organisation}) on {leader.date}, best of {span}",
            )
        rows.observation(
            observation_id=f"arena-gap-points-{m}", figure_id="arena-gap-points", entity="US over China",
            series=_arena_series(month, "Gap"), period=m, value=number(month.gap_points, places), origin="context",
            source_id=month.file.source_id,
            locator=f"{where}; {us.model} {number(us.score, places)} minus {china.model} {number(china.score, places)}{tie}",
        )
        for leader in month.snapshots:
            side = leader.side.lower()
            interval = _interval(leader, places)
            records.append({
                "record_id": f"arena-{leader.date}-{side}", "date": leader.date, "side": leader.side,
                "model": leader.model, "organisation": leader.organisation, "score": number(leader.score, places),
                "low": interval.get("low", ""), "high": interval.get("high", ""),
                "file": Path(month.file.path).name, "variant": month.file.variant, "source_id": month.file.source_id,
                "observation_ids": f"arena-{side}-{m};arena-gap-points-{m};gap-month-{m}",
            })
    rows.records["arena-leaders"] = (columns, records)

    same = [
        m.month for m in months
        if all((m.month, side) in chart and round(chart[(m.month, side)], 3) == round(m.best[side].score, 3) for side in arena.SIDES)
    ]
    charted = sorted({month for month, _ in chart})
    variants = {}
    for month in months:
        variants.setdefault((month.file.variant, month.file.partial), []).append(month.month)
    spans = "; ".join(
        f"{variant}{' from a file of ' + partial if partial else ''}: {_month_span(found)}"
        for (variant, partial), found in variants.items()
    )
    rows.note(
        note_id="arena-rule", figure_id="arena-top-scores", kind="method",
        text=(
            "A month's value for each side is the highest score that side reached in any snapshot of the month, "
            "taken from one file only, and each score variant is drawn as its own series, never joined into one line: "
            f"{spans}. No file here holds one variant for every month: the plain score has no complete file after "
            "December 2025, and the style-controlled score none before March 2025. Months from the per-lab file are "
            "drawn apart because it misses DeepSeek, ByteDance, Tencent, Baidu and MiniMax, so its Chinese line is too "
            "low where they led. Where the file gives 95% intervals, they are on each score; two scores whose intervals "
            f"overlap are a tie. The rule gives exactly the AI Index 2025 chart values in {len(same)} of its "
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


def _leads(rows: Rows, evidence: verdicts.Evidence) -> None:
    """Snapshots in which each side led, per year: the evidence for "trading leads"."""
    found = arena_verdicts.leads(evidence)
    for entity, tally in (("US", found.us), ("China", found.china), ("Level", found.level)):
        for year in sorted(set(found.us) | set(found.china) | set(found.level)):
            rows.observation(
                observation_id=f"leads-{entity.lower()}-{year}", figure_id="lead-count", entity=entity,
                series=f"{entity} led" if entity != "Level" else "Intervals overlap", period=year,
                value=str(tally.get(year, 0)), origin="context", source_id=found.files[-1].source_id,
                locator=", ".join(Path(file.path).name for file in found.files),
            )


# -- production ----------------------------------------------------------------


def _models(rows: Rows, downloads: list[epoch.Download]) -> None:
    latest = downloads[-1]
    years = latest.years
    models = latest.in_years()
    behind: dict[epoch.Model, list[str]] = {model: [] for model in models}
    for rule in epoch.RULES:
        figure = f"notable-models-{rule.key}-country"
        for (year, entity), counted in epoch.counts(models, rule, years).items():
            obs_id = f"models-{rule.key}-{_slug(entity)}-{year}"
            rows.observation(
                observation_id=obs_id, figure_id=figure, entity=entity, period=str(year),
                value=_count(epoch.total(counted)), origin="context", source_id="epoch-notable",
                locator=f"{latest.name}: Publication date and Country (of organization); {rule.title}",
                counting_rule=rule.title,
            )
            if latest.partial(year):
                rows.note(
                    note_id=f"partial-{obs_id}", figure_id=figure, observation_id=obs_id, kind="caveat",
                    text=f"{year} is partial: the table was downloaded on {latest.date}, before the year was over.",
                    source_id="epoch-notable",
                )
            if rule in epoch.WHOLE_RULES:
                for model in counted:
                    behind[model].append(obs_id)
    # Each article count is backed by the models of the first rule under which it matches.
    for observation_id in rows.article_ids():
        if rows.figure_of(observation_id) != "notable-models":
            continue
        claim = verdicts.Claim.of(rows, observation_id)
        matched = verdicts.matching_rules(latest, claim)
        if len(matched) == 1:  # the one rule that reproduces it; a gap never compares it with another rule's count
            rows.row(observation_id)["counting_rule"] = matched[0].title
        rules = [rule for rule in matched if rule in epoch.WHOLE_RULES]
        if rules:
            for model in epoch.counts(models, rules[0], years)[(claim.year, claim.entity)]:
                behind[model].append(observation_id)

    columns = ["record_id", "model", "organisation", "country", "date", "domain", "source_id", "observation_ids"]
    records, used = [], set()
    for model in models + list(latest.undated):
        record_id = base = f"{model.date or 'undated'}-{_slug(model.name)}"
        suffix = 2
        while record_id in used:
            record_id, suffix = f"{base}-{suffix}", suffix + 1
        used.add(record_id)
        records.append({
            "record_id": record_id, "model": model.name, "organisation": model.organisation,
            "country": model.country_text, "date": model.date, "domain": model.domain,
            "source_id": "epoch-notable", "observation_ids": ";".join(behind.get(model, [])),
        })
    rows.records["notable-models"] = (columns, records)
    _model_notes(rows, latest, models)
    _downloads(rows, downloads)


def _count(value: Fraction) -> str:
    """A whole count as it is; a fractional one to two decimals."""
    return str(value.numerator) if value.denominator == 1 else f"{float(value):.2f}"


def _names(models: list[epoch.Model] | tuple[epoch.Model, ...]) -> str:
    return "; ".join(m.name for m in models)


def _model_notes(rows: Rows, latest: epoch.Download, models: list[epoch.Model]) -> None:
    years = latest.years
    last = years[-1]
    blank = [m for m in models if not m.countries]
    if blank:
        rows.note(
            note_id="models-no-country", figure_id="notable-models-every-country", kind="caveat",
            text=f"{len(blank)} model(s) of {years[0]}-{last} name no country and count nowhere: {_names(blank)}.",
            source_id="epoch-notable",
        )
    if latest.undated:
        rows.note(
            note_id="models-undated", figure_id="notable-models-every-country", kind="caveat",
            text=f"{len(latest.undated)} model(s) have no publication date and count in no year: {_names(latest.undated)}.",
            source_id="epoch-notable",
        )
    in_last = [m for m in models if m.year == last]
    us_shared = [m for m in in_last if "United States of America" in m.countries and len(m.countries) > 1]
    with_uk = [m for m in us_shared if any(c.startswith("United Kingdom") for c in m.countries)]
    hong_kong = [m for m in models if "Hong Kong" in m.countries]
    rows.note(
        note_id="models-rules", figure_id="notable-models-every-country", kind="method",
        text=(
            f"Three counting rules: {'; '.join(f'{r.short}: {r.title}' for r in epoch.RULES)}. A country listed twice "
            f"for one model counts once. In {last}, {len(us_shared)} models list the US with another country and the "
            f"one-country rule drops them; {len(with_uk)} of those list the UK too (Google DeepMind is listed as US and "
            f"UK), so that rule in effect counts the US without Google DeepMind. Hong Kong is its own place in Epoch "
            f"AI's table and in the AI Index's own chart, so its {len(hong_kong)} model(s) of these years count under "
            f"the rest of the world, not China. Models that name no country count nowhere."
        ),
        source_id="epoch-notable", locator=latest.name,
    )
    rows.note(
        note_id="models-snapshot", figure_id="notable-models", kind="caveat",
        text=(
            f"Epoch AI keeps adding older models to its table, so a year's count grows in later downloads. The edition "
            f"rows are the counts each report printed; the recounts use the download of {latest.date} "
            f"({len(latest.models) + len(latest.undated)} models). The figure of downloads side by side shows how far the counts move."
        ),
        source_id="epoch-notable", locator=latest.name,
    )


DOWNLOAD_YEARS = 3  # the last years of the newest download, compared across downloads


def _downloads(rows: Rows, downloads: list[epoch.Download]) -> None:
    """The counts of every download side by side, per year and rule: how much they move."""
    years = downloads[-1].years[-DOWNLOAD_YEARS:]
    for download in downloads:
        source = _epoch_source(download, downloads)
        for rule in epoch.WHOLE_RULES:
            counted = epoch.counts(download.in_years(), rule, download.years)
            for side in arena.SIDES:
                for year in years:
                    if year not in download.years:  # the download ends before this year
                        continue
                    obs_id = f"models-download-{download.date}-{rule.key}-{_slug(side)}-{year}"
                    rows.observation(
                        observation_id=obs_id, figure_id="notable-models-downloads",
                        series=f"{side}, {rule.short}, download {download.date}", entity=side, period=str(year),
                        value=_count(epoch.total(counted.get((year, side), {}))), origin="context", source_id=source,
                        locator=f"{download.name}; {rule.title}",
                    )
                    if download.partial(year):
                        rows.note(
                            note_id=f"partial-{obs_id}", figure_id="notable-models-downloads", observation_id=obs_id,
                            kind="caveat", source_id=source,
                            text=f"{year} is partial in this download: it was made on {download.date}, before the year was over.",
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
    _cited_editions(rows, sources)
    _paper_basis(rows, sources)
    cset = aiindex.cset_publications(sources)
    for entity in ("US", "China", "World"):
        for year in sorted(y for y, e in cset if e == entity):
            rows.observation(
                observation_id=f"cset-{_slug(entity)}-{year}", figure_id="publications-cset", entity=entity,
                period=str(year), value=str(cset[(year, entity)]), origin="context", source_id="cset-publications",
                locator="Our World in Data chart, column All",
                total_id="" if entity == "World" else f"cset-world-{year}",
            )


def _paper_basis(rows: Rows, sources: Path) -> None:
    """How the share of papers of unknown country moves in the 2026 data, and how close it is to the 2025 edition's."""
    later, earlier = aiindex2026.paper_share(sources), aiindex.paper_share(sources)
    years = sorted({year for year, area in later if area == "Unknown"})
    if len(years) < 2:
        return
    last, before = years[-1], years[-2]

    def share(year: int, area: str) -> str:
        return f"{later[(year, area)].value:.1f}%"

    named = [area for year, area in later if year == last and area != "Unknown" and (before, area) in later]
    falls = sum(later[(last, area)].value < later[(before, area)].value for area in named)
    who = "every named area's share falls" if falls == len(named) else f"the shares of {falls} of {len(named)} named areas fall"
    both = [key for key in earlier if key in later]
    apart = max((abs(earlier[key] - later[key].value) for key in both), default=0.0)
    span = f"{min(y for y, _ in both)}-{max(y for y, _ in both)}" if both else ""
    rows.note(
        note_id="papers-basis", figure_id="paper-share", kind="caveat",
        text=(
            f"In the AI Index 2026 data, {share(last, 'Unknown')} of {last}'s AI publications in computer science have no "
            f"known country, against {share(before, 'Unknown')} in {before}, and {who} with it: "
            f"China from {share(before, 'China')} to {share(last, 'China')}, the US from {share(before, 'US')} to "
            f"{share(last, 'US')}. A fall in share need not be a fall in papers."
            + (f" For {span} the 2026 data are within {apart:.1f} points of the 2025 edition's." if both else "")
        ),
        source_id=aiindex2026.SOURCE, locator="fig_1.6.6.csv",
    )


def _cited_editions(rows: Rows, sources: Path) -> None:
    """Whether the two editions give the same most-cited counts for the years both cover."""
    earlier, later = aiindex.most_cited(sources), aiindex2026.most_cited(sources)
    both = sorted(key for key in earlier if key in later)
    differ = [f"{side} {year}: {earlier[(year, side)]} against {later[(year, side)].value:.0f}" for year, side in both if earlier[(year, side)] != later[(year, side)].value]
    years = sorted({year for year, _ in both})
    if not years:
        return
    span = f"{years[0]}-{years[-1]}"
    agreement = (
        f"they differ: {'; '.join(differ)} (AI Index 2025 data against the 2026 chart)" if differ
        else "they agree on every US and China count"
    )
    rows.note(
        note_id="cited-editions", figure_id="most-cited", kind="caveat" if differ else "method",
        text=(
            f"The AI Index 2025 data and the 2026 edition's chart both count {span}, and {agreement}. Counts from "
            "different editions are drawn as separate series all the same, since an edition may recount past years."
        ),
        source_id=aiindex2026.TRANSCRIBED_SOURCE, locator="fig_1.6.11.pdf, labels read by position",
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
