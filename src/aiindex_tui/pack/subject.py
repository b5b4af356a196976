"""What an output or an action is about: one figure, or a whole section."""

from __future__ import annotations

from dataclasses import dataclass, replace

from aiindex_tui.pack.model import Figure, Pack, Section
from aiindex_tui.pack.window import PeriodWindow, window_figure


@dataclass(frozen=True)
class Subject:
    """What is exported: one figure, or a whole section. A figure narrowed to a period
    window holds only the window's values (see ``narrowed``)."""

    pack: Pack
    section: Section
    figure: Figure | None = None
    window: PeriodWindow | None = None

    def narrowed(self, window: PeriodWindow | None) -> Subject:
        """The subject with its figure's values in ``window`` only; itself where there is
        no figure, no window, or a window that holds every period."""
        if self.figure is None or window is None:
            return self
        shown = window_figure(self.figure, window)
        return self if shown is self.figure else replace(self, figure=shown, window=window)

    @property
    def subject_id(self) -> str:
        return self.figure.figure_id if self.figure else self.section.section_id

    @property
    def title(self) -> str:
        return self.figure.title if self.figure else self.section.title

    @property
    def is_overview(self) -> bool:
        """The whole pack's overview: every article value, exported as a fact-check table."""
        return self.figure is None and self.section is self.pack.overview

    @property
    def figures(self) -> tuple[Figure, ...]:
        """The figure, the section's figures, or for the overview every headline value's figure."""
        if self.figure:
            return (self.figure,)
        if self.section is self.pack.overview:
            return self.pack.headline_figures
        return self.section.figures


def subject_for(pack: Pack, subject_id: str) -> Subject | None:
    """The figure or section with this id, or None."""
    for section in pack.sections:
        if section.section_id == subject_id:
            return Subject(pack, section)
        for figure in section.figures:
            if figure.figure_id == subject_id:
                return Subject(pack, section, figure)
    return None
