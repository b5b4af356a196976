"""The baselines: a bare Textual app with a Static and a Footer (start-up); one with two
screenfuls of text and a footer (keys); one shaped like the explorer's section screen but made
of Textual's own widgets and plain text (keys that restyle or lay out a whole section); and one
shaped like its first screen, the overview, also in Textual's widgets (start-up).
``python baseline_app.py two-pages``, ``same-shape`` and ``overview-shape`` run all but the first."""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import ContentSwitcher, DataTable, Footer, OptionList, Static


class BaselineApp(App):
    BINDINGS = [Binding("q", "quit", "Quit"), Binding("question_mark", "help", "Help")]

    def compose(self) -> ComposeResult:
        yield Static("The baseline: one Static and a Footer.")
        yield Footer()


class TwoPagesApp(App):
    """The floor for keys that change the layout: a bare app with a footer and two screenfuls
    of plain text, where ``n`` shows the other one (like a switch between two sections)."""

    BINDINGS = [("n", "next_page", "Next"), Binding("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        words = "US China models papers patents share gap "
        for page in ("first", "second"):
            yield Static("\n".join(f"{page} {n:3} {words * 3}" for n in range(60)), id=page)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#second").display = False

    def action_next_page(self) -> None:
        for page in self.query("Static#first, Static#second"):
            page.display = not page.display


def shaped_section(number: int) -> Vertical:
    """One section of the same-shape app: a title, five figure panels and a closing paragraph."""
    chart = "\n".join(f"{2010 + n} " + "#" * (n * 3 % 50) for n in range(14))
    table = "\n".join(f"{2010 + n}  {n * 3}  {n}" for n in range(14))
    panels = [
        Vertical(
            Static(f"Figure {figure}: notable models by country", classes="figure-title"),
            Static("US 40   China 15   gap 25   2024", classes="cards"),
            ContentSwitcher(
                Vertical(Static("- US   - China", classes="legend"), Static(chart, classes="chart-text"), id="chart"),
                Static(table, id="table"),
                initial="chart",
            ),
            classes="panel",
        )
        for figure in range(5)
    ]
    for panel in panels:
        panel.can_focus = True
    return Vertical(
        Static(f"Section {number}", classes="section-title"), *panels,
        Static("What the section says about its figures.", classes="section-about"),
        classes="section", id=f"section-{number}",
    )


class SameShapeApp(App):
    """The explorer's widget tree for a section of five figures, with Textual's widgets and
    text in place of ours and of charts: a title bar, a sidebar of six sections, a detail pane
    holding six sections (one shown), each figure a panel with a title, a line of cards and a
    switcher between a chart (a legend and 14 lines) and a table. ``j``/``k`` show the next or
    previous section (section switch), ``z`` maximizes the shown section's first panel and back
    (zoom), ``t``/``c`` switch the shown section's panels to their table or chart (view switch).
    With ``first_visits``, only the first section is mounted and ``j`` mounts and shows the
    next (a first visit). What Textual itself takes for those keys on a screen of this shape
    is the floor for ours."""

    CSS = """
    #sidebar { width: 24; }
    .panel { height: auto; border: round $primary; }
    .panel:focus-within { border: round $accent; }
    .chart-text { height: 14; }
    ContentSwitcher, ContentSwitcher > Vertical { height: auto; }
    """
    BINDINGS = [
        ("j", "section(1)", "Next"), ("k", "section(-1)", "Previous"), ("z", "zoom", "Zoom"),
        ("t", "view('table')", "Table"), ("c", "view('chart')", "Chart"), Binding("q", "quit", "Quit"),
    ]
    shown = 0

    def __init__(self, first_visits: bool = False) -> None:
        super().__init__()
        self.first_visits = first_visits

    def compose(self) -> ComposeResult:
        yield Static("AI Index 2026: the US-China race", id="title-bar")
        with Horizontal():
            yield OptionList(*(f"Section {n}" for n in range(6)), id="sidebar")
            with VerticalScroll(id="detail"):
                for section in range(1 if self.first_visits else 6):
                    yield shaped_section(section)
        yield Footer()

    async def on_mount(self) -> None:
        await self.action_section(0)

    async def action_section(self, step: int) -> None:
        self.shown = (self.shown + step) % 6
        if self.first_visits and not self.query(f"#section-{self.shown}"):
            await self.query_one("#detail").mount(shaped_section(self.shown))
        for section in self.query(".section"):
            section.display = section.id == f"section-{self.shown}"
        self.query_one(f"#section-{self.shown} .panel").focus()

    def action_zoom(self) -> None:
        if self.screen.maximized is None:
            self.screen.maximize(self.query_one(f"#section-{self.shown} .panel"), container=False)
        else:
            self.screen.minimize()

    def action_view(self, view: str) -> None:
        for switcher in self.query(f"#section-{self.shown} ContentSwitcher").results(ContentSwitcher):
            switcher.current = view


class OverviewShapeApp(App):
    """The explorer's first screen in Textual's widgets: a title bar, a sidebar of six sections,
    and a pane with a title, a line of text, a table of ten headline values in five columns,
    an about paragraph and a footer. What Textual itself takes to show a screen of this shape
    is the floor for the explorer's complete first screen."""

    CSS = "#sidebar { width: 28; } DataTable { height: auto; }"
    BINDINGS = [Binding("enter", "bell", "Open"), Binding("q", "quit", "Quit"), Binding("question_mark", "help", "Help")]

    def compose(self) -> ComposeResult:
        yield Static("US-China AI race in figures | AI Index 2026 | bundled pack")
        with Horizontal():
            yield OptionList(*(f"{n} Section {n} of the article" for n in range(1, 7)), id="sidebar")
            with VerticalScroll():
                yield Static("Overview")
                yield Static("The article's values, each checked against the report's data and a recount.")
                yield DataTable(cursor_type="row")
                yield Static("About this pack")
                yield Static("A paragraph on what the pack follows and how each of its numbers is checked. " * 3)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("value", "entity", "report", "recount", "notes")
        table.add_rows([(f"{n * 7.3:.1f}%", f"entity {n}", "reproduces", "not checkable", "cross-check") for n in range(10)])


BASELINES = {"two-pages": TwoPagesApp, "same-shape": SameShapeApp, "overview-shape": OverviewShapeApp}

if __name__ == "__main__":
    BASELINES.get(" ".join(sys.argv[1:]), BaselineApp)().run()
