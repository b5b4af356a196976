"""The rows of the pack being built, checked as they are added."""

from __future__ import annotations

from aiindex_tui.pack.schema import SPEC_BY_FILE


class BuildError(Exception):
    """The sources do not give a sound pack; the message says which row and why."""


class Rows:
    def __init__(self) -> None:
        self._observations: dict[str, dict[str, str]] = {}
        self._notes: dict[str, dict[str, str]] = {}
        self.records: dict[str, tuple[list[str], list[dict[str, str]]]] = {}

    def observation(self, **row: str) -> None:
        observation_id = row["observation_id"]
        if observation_id in self._observations:
            raise BuildError(f"observation id {observation_id!r} is made twice")
        self._observations[observation_id] = dict.fromkeys(SPEC_BY_FILE["observations.csv"].optional, "") | row

    def note(self, **row: str) -> None:
        note_id = row["note_id"]
        if note_id in self._notes:
            raise BuildError(f"note id {note_id!r} is made twice")
        self._notes[note_id] = dict.fromkeys(SPEC_BY_FILE["notes.csv"].optional, "") | row

    def value(self, observation_id: str) -> str:
        return self._observations[observation_id]["value"]

    def given(self, figure_id: str, series: str, period: str) -> dict[str, str] | None:
        """The row already made for this figure, series and period, if any."""
        for row in self._observations.values():
            if (row["figure_id"], row["series"], row["period"]) == (figure_id, series, period):
                return row
        return None

    def figure_of(self, observation_id: str) -> str:
        return self._observations[observation_id]["figure_id"]

    def article_ids(self) -> list[str]:
        return [i for i, row in self._observations.items() if row["origin"] == "article"]

    def row(self, observation_id: str) -> dict[str, str]:
        return self._observations[observation_id]

    def check_verdicts(self, checks: tuple[str, ...]) -> None:
        """Every article value carries exactly one verdict of each check."""
        judged = [(n["observation_id"], n["check"]) for n in self._notes.values() if n["kind"] == "verdict"]
        missing = [(i, c) for i in self.article_ids() for c in checks if (i, c) not in judged]
        twice = sorted({key for key in judged if judged.count(key) > 1})
        if missing or twice:
            raise BuildError(f"article values without a verdict: {missing}; with more than one: {twice}")

    def observations_in(self, figure_order: list[str]) -> list[dict[str, str]]:
        """Figures in file order; within a figure, by period, then in the order rows were made.

        The order rows first appear in is the order of a figure's legend, so series that
        run from the earliest period come first and single points of later editions last.
        """
        rank = {figure: i for i, figure in enumerate(figure_order)}
        unknown = {row["figure_id"] for row in self._observations.values()} - rank.keys()
        if unknown:
            raise BuildError(f"values for figures not in figures.csv: {sorted(unknown)}")
        return sorted(self._observations.values(), key=lambda row: (rank[row["figure_id"]], row["period"]))

    def notes_in(self, figure_order: list[str]) -> list[dict[str, str]]:
        rank = {figure: i for i, figure in enumerate(figure_order)}
        return sorted(self._notes.values(), key=lambda row: rank[row["figure_id"]])
