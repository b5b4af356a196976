"""The app in real terminals: tmux running the installed command, driven by keys."""

from __future__ import annotations

import re

import pytest

from tests.support.terminal import APP, CONSOLE_UNSAFE, STRAY, TABLE_HEADER, TMUX, TmuxTerminal, figure_focused, footer, utf8_env

pytestmark = pytest.mark.skipif(TMUX is None, reason="needs tmux (apt-get install tmux)")



def browse(term: TmuxTerminal) -> str:
    """Open the patents section, show its table, and return the screen of its first figure.

    Each wait is for what only the new state shows: the overview also lists
    "50 models" and a "period" column, so neither proves the key was handled.
    """
    term.wait_for_first_screen()
    term.keys("3", "Enter")
    # The figure's title, and the footer of a focused figure (its zoom key).
    screen = term.wait_until(figure_focused("Notable AI models by"), "the first figure of section 3, focused")
    term.keys("t")
    term.wait_until(TABLE_HEADER.search, "the figure's table header")
    return screen


@pytest.mark.parametrize("term_name", ["xterm-256color", "xterm", "screen-256color", "tmux-256color", "linux", "vt100"])
def test_term_values(term_name):
    with TmuxTerminal(80, 24) as term:
        term.start(APP, {"TERM": term_name, "LANG": "C.UTF-8"})
        browse(term)
        term.keys("c")
        chart = term.wait_until(lambda s: "unit:" in s and not TABLE_HEADER.search(s), "the chart again")
        if term_name in ("linux", "vt100"):
            # The console font has full and half blocks and straight box lines only.
            unsafe = CONSOLE_UNSAFE.findall(chart)
            assert not unsafe, sorted(set(unsafe))
        term.keys("q")
        assert term.wait_for_exit() == 0
        assert not STRAY.search(term.screen())


@pytest.mark.parametrize("lang", ["C", "POSIX"])
def test_plain_locale_switches_to_ascii(lang):
    with TmuxTerminal(80, 24) as term:
        term.start(APP, {"LANG": lang, "TERM": "xterm-256color"})
        browse(term)
        term.keys("c")
        screen = term.wait_for("unit:")
        assert screen.isascii(), sorted({c for c in screen if not c.isascii()})
        assert "+---" in screen  # ASCII borders
        term.keys("q")
        assert term.wait_for_exit() == 0


def test_utf8_locale_uses_box_drawing():
    with TmuxTerminal(80, 24) as term:
        term.start(APP, {"LANG": "C.UTF-8", "TERM": "xterm-256color"})
        screen = browse(term)
        assert "╭" in screen and "│" in screen
        term.keys("q")
        assert term.wait_for_exit() == 0


def truecolor_codes(screen: str) -> list[tuple[int, int, int]]:
    return [tuple(map(int, m)) for m in re.findall(r"[34]8;2;(\d+);(\d+);(\d+)", screen)]


@pytest.mark.parametrize("colorterm", [None, "truecolor"])
def test_colorterm(colorterm):
    env = {"LANG": "C.UTF-8", "TERM": "xterm-256color"} | ({"COLORTERM": colorterm} if colorterm else {})
    with TmuxTerminal(80, 24) as term:
        term.start(APP, env)
        browse(term)
        assert re.search(r"\x1b\[[0-9;]*m", term.screen(escapes=True))  # in colour either way
        term.keys("q")
        assert term.wait_for_exit() == 0


def test_no_color_draws_in_grey_only():
    with TmuxTerminal(80, 24) as term:
        term.start(APP, {"LANG": "C.UTF-8", "TERM": "xterm-256color", "COLORTERM": "truecolor", "NO_COLOR": "1"})
        browse(term)
        term.keys("c")
        term.wait_for("unit:")
        colours = truecolor_codes(term.screen(escapes=True))
        assert all(r == g == b for r, g, b in colours), [c for c in colours if len(set(c)) > 1][:5]
        term.keys("q")
        assert term.wait_for_exit() == 0


@pytest.mark.parametrize(("width", "height"), [(40, 12), (60, 16), (80, 24), (120, 40), (250, 70)])
def test_sizes(width, height):
    with TmuxTerminal(width, height) as term:
        term.start(APP, {"LANG": "C.UTF-8", "TERM": "xterm-256color"})
        if width < 60 or height < 16:
            term.wait_for("press q to quit")
            assert f"need at least 60×16, have {width}×{height}" in " ".join(term.screen().split())
        else:
            browse(term)
            lines = term.screen().splitlines()
            assert "bundled pack" in lines[0] and "Quit" in footer(term.screen())
            assert len(lines) == height and all(len(line) <= width for line in lines)
        term.keys("q")
        assert term.wait_for_exit() == 0


def test_resize_storm():
    sizes = [(40 + (i * 37) % 211, 12 + (i * 17) % 59) for i in range(50)]
    with TmuxTerminal(80, 24) as term:
        term.start(APP, {"LANG": "C.UTF-8", "TERM": "xterm-256color"})
        term.wait_for_first_screen()
        for number, (width, height) in enumerate(sizes):
            term.resize(width, height)
            term.keys(str(number % 6 + 1), "t" if number % 2 else "c")
        term.resize(100, 30)
        term.keys("3", "Enter", "c")
        screen = term.wait_until(
            lambda s: figure_focused("Notable AI models by")(s) and "unit:" in s and len(s.splitlines()) == 30,
            "the first figure of section 3 as a chart at 100x30, its footer on the bottom row",
            timeout=60,
        )
        lines = screen.splitlines()
        assert len(lines) == 30 and all(len(line) <= 100 for line in lines)
        assert "bundled pack" in lines[0] and "Quit" in lines[-1]
        assert "Traceback" not in screen
        term.keys("q")
        assert term.wait_for_exit() == 0


def test_a_period_window_typed_in_one_burst_after_moving_on_a_figure():
    """j, three ], {, two ] and } written at once: the keys are read while the first figure has
    focus and acted on once the second has it. The window must be 2017 to 2019 on the second
    figure, with no notice that a period needs marking."""
    with TmuxTerminal(100, 30) as term:
        term.start(APP, utf8_env())
        browse(term)
        term.keys("c")
        term.wait_until(lambda s: "unit:" in s and not TABLE_HEADER.search(s), "the chart again")
        term.keys("j]]]{]]}", literal=True)
        screen = term.wait_for("2017 to 2019: ")
        assert "US 29 → 56 (+27, +93%)" in screen
        assert "Mark a period first" not in term.screen()
        term.keys("q")
        assert term.wait_for_exit() == 0
