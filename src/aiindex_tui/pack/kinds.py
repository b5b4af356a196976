"""The closed sets of words a pack uses: where a value comes from, how a figure is drawn,
what a note is, and the verdicts of a claim's checks, with their labels."""

from __future__ import annotations

from enum import Enum


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
    VERDICT = "verdict"
    CROSS_CHECK = "cross-check"
    EVENT = "event"  # a dated mark on the chart; its text is the short label


class Verdict(str, Enum):
    """How an article's value holds up against the public data."""

    REPRODUCES = "reproduces"
    UNDER_RULE = "reproduces-under-rule"
    DIFFERS = "differs"
    NOT_CHECKABLE = "not-checkable"

    @property
    def label(self) -> str:
        return VERDICT_LABELS[self]

    @property
    def short(self) -> str:
        """A few words for a badge."""
        return VERDICT_SHORT[self]


class Check(str, Enum):
    """What a verdict compares the article's value with."""

    REPORT = "report"  # the report's own published data: does the article report its source faithfully?
    RECOUNT = "recount"  # an independent recount from raw public files: does the finding hold up?

    @property
    def label(self) -> str:
        return CHECK_LABELS[self]


CHECK_LABELS = {
    Check.REPORT: "against the report's own data",
    Check.RECOUNT: "against a recount from the raw sources",
}


VERDICT_LABELS = {
    Verdict.REPRODUCES: "reproduces",
    Verdict.UNDER_RULE: "reproduces only under a stated rule",
    Verdict.DIFFERS: "differs",
    Verdict.NOT_CHECKABLE: "cannot be checked from public data",
}
VERDICT_SHORT = {
    Verdict.REPRODUCES: "reproduces",
    Verdict.UNDER_RULE: "under one rule",
    Verdict.DIFFERS: "differs",
    Verdict.NOT_CHECKABLE: "not checkable",
}
