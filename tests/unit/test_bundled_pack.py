"""The bundled pack holds every figure of the source article exactly."""

from __future__ import annotations

import pytest

from aiindex_tui.pack.loader import load_pack
from aiindex_tui.pack.kinds import NoteKind, Origin
from tests.support.packs import REPO_ROOT

# (figure id, entity, period, value as the article states it)
ARTICLE_FIGURES = [
    ("performance-gap", "Top US model over DeepSeek-R1", "2025-02", "~0"),
    ("performance-gap", "Anthropic's model over the top Chinese model", "2026-03", "2.7"),
    ("performance-gap", "US over China", "2025-01", "~0"),
    ("notable-models", "US", "2025", "50"),
    ("notable-models", "China", "2025", "30"),
    ("patent-share", "China", "2024", "74.2"),
    ("patent-count-2024", "China", "2024", "97,206"),
    ("patent-count-2024", "World", "2024", "131,121"),
    ("paper-share", "China", "2024", "17.8"),
    ("paper-share", "US", "2024", "7.6"),
    ("most-cited", "China", "2021", "33"),
    ("most-cited", "China", "2024", "41"),
    ("most-cited", "US", "2021", "64"),
    ("most-cited", "US", "2024", "46"),
]


@pytest.fixture(scope="module")
def pack():
    return load_pack()


@pytest.mark.parametrize(("figure_id", "entity", "period", "stated"), ARTICLE_FIGURES)
def test_every_article_figure_is_in_the_pack_as_stated(pack, figure_id, entity, period, stated):
    matches = [
        o for o in pack.figure(figure_id).observations
        if o.entity == entity and o.period == period and o.origin is Origin.ARTICLE
    ]
    assert [o.formatted_value() for o in matches] == [stated]
    assert matches[0].source_id == "article"
    assert matches[0].locator  # section and paragraph of the article


def test_a_value_the_article_gives_in_words_keeps_its_words(pack):
    (parity,) = [o for o in pack.figure("performance-gap").article_observations if o.period == "2025-02"]
    (trading,) = [o for o in pack.figure("performance-gap").article_observations if o.period == "2025-01"]
    assert trading.approximate and trading.wording == "trading leads in AI model performance since early 2025"
    assert parity.approximate and parity.wording == "matched some of the top systems in the US"


ARTICLE = REPO_ROOT.parent / "shared" / "seed" / "article.txt"


@pytest.mark.skipif(not ARTICLE.exists(), reason="the source article is not beside the repository")
def test_every_wording_is_the_articles_own_words(pack):
    article = " ".join(ARTICLE.read_text(encoding="utf-8").split())
    wordings = [o.wording for f in pack.figures for o in f.observations if o.wording]
    assert len(wordings) == 2
    for wording in wordings:
        assert wording in article, wording


def test_article_values_are_exactly_the_listed_ones(pack):
    article = {
        (f.figure_id, o.entity, o.period) for f in pack.figures for o in f.article_observations
    }
    assert article == {(f, e, p) for f, e, p, _ in ARTICLE_FIGURES}


def test_sections_follow_the_article_headings(pack):
    assert [s.title for s in pack.sections] == [
        "Overview",
        "Closing the Gap in AI Model Performance",
        "Production and Patent Dominance",
        "Research Output and Influence",
        "The Implications of the AI Race",
        "Conclusion: A New Era in AI Development",
    ]
    for section in pack.sections:
        assert 150 < len(section.summary) < 450


def test_context_rows_cite_a_report_edition_or_a_public_dataset(pack):
    context = [o for f in pack.figures for o in f.observations if o.origin is Origin.CONTEXT]
    assert {o.source_id for o in context} == {
        "ai-index-2024", "ai-index-2025", "ai-index-2025-data", "epoch-notable", "epoch-notable-2025-12-02", "cset-publications",
        "arena-history", "arena-catalog", "arena-daily", "arena-lab-history",
    }
    assert all(o.locator for o in context)
    models_2023 = {o.entity: o.value for o in pack.figure("notable-models").observations if o.period == "2023"}
    assert models_2023 == {"US": 61, "China": 15, "EU": 21}


def test_patent_share_is_derived_and_cross_checked(pack):
    (share,) = pack.figure("patent-count-2024").derived_shares
    assert round(share.percent, 2) == 74.13
    checks = [n for n in pack.figure("patent-share").notes if n.kind is NoteKind.CROSS_CHECK]
    assert len(checks) == 1
    assert "74.13%" in checks[0].text and "74.2%" in checks[0].text
    assert checks[0].observation_id == "patent-share-china-2024"


def test_us_paper_share_carries_the_transcription_caveat(pack):
    (caveat,) = [n for n in pack.figure("paper-share").notes_for("papers-us-2024") if n.kind is NoteKind.CAVEAT]
    assert caveat.source_id == "ai-index-2026" and "India" in caveat.text
