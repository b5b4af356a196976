"""Command line: launch the explorer, or list, show and validate a pack without it."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Sequence

from aiindex_tui import __version__

EXIT_OK = 0
EXIT_BAD_INPUT = 2
VIEWS = ("chart", "table", "sources")


class UsageError(Exception):
    """Bad arguments or data: reported on stderr with exit code 2."""


def _pack_options(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--data", metavar="DIR", type=Path, default=default,
        help="data pack directory to read (default: the bundled pack)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="aiindex-tui",
        description="Explore the US-China AI figures of the Stanford AI Index 2026 from the keyboard.",
        epilog="Run without a command to open the explorer.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _pack_options(parser, None)
    parser.add_argument("--theme", metavar="NAME", help="Textual theme, for example textual-light")
    parser.add_argument("--ascii", action="store_true", help="draw with ASCII characters only")
    parser.add_argument("--section", metavar="ID", help="open at this section")
    parser.add_argument("--figure", metavar="ID", help="open with this figure focused")
    parser.add_argument("--view", choices=VIEWS, help="open charts in this view")

    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    # Sub-commands accept --data too, so it may come before or after the command.
    listing = commands.add_parser("list", help="list sections and figure ids in order")
    _pack_options(listing, argparse.SUPPRESS)
    show = commands.add_parser("show", help="print one figure or a whole section")
    show.add_argument("id", metavar="ID", help="a figure id or a section id")
    show.add_argument("--format", choices=("text", "csv", "json", "markdown"), default="text")
    _pack_options(show, argparse.SUPPRESS)
    validate = commands.add_parser("validate", help="check a data pack and print every problem")
    validate.add_argument("dir", metavar="DIR", nargs="?", type=Path, help="pack directory (default: --data or the bundled pack)")
    _pack_options(validate, argparse.SUPPRESS)
    return parser


def _load(directory: Path | None):
    from aiindex_tui.loader import PackError, load_pack

    try:
        return load_pack(directory)
    except PackError as error:
        raise UsageError(_problem_report(error.directory, error.problems)) from None


def _problem_report(directory: Path, problems: list) -> str:
    lines = [f"data pack {directory} has {len(problems)} problem(s):"]
    lines += [f"  {problem}" for problem in problems]
    return "\n".join(lines)


def _unknown(kind: str, wanted: str, known: Sequence[str]) -> UsageError:
    import difflib

    close = difflib.get_close_matches(wanted, known, n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else "; 'aiindex-tui list' shows them all"
    return UsageError(f"unknown {kind} '{wanted}'{hint}")


def cmd_list(args: argparse.Namespace) -> int:
    pack = _load(args.data)
    print(pack.describe())
    for number, section in enumerate(pack.sections, start=1):
        print(f"{number}. {section.section_id}  {section.title}  ({len(section.figures)} figures)")
        for figure in section.figures:
            print(f"     {figure.figure_id}  {figure.title}")
    return EXIT_OK


def _terminal_chart(pack, figure) -> str:
    import plotext

    from aiindex_tui.charting import draw_figure, fill_for, to_ascii
    from aiindex_tui.terminal import wants_ascii

    width = min(os.get_terminal_size().columns, 100)
    plotext.clear_figure()
    plotext.plotsize(width, 16)
    plotext.theme("clear")
    monochrome = "NO_COLOR" in os.environ
    ascii_only = wants_ascii()
    colors = ["blue", "red", "green", "magenta"]
    draw_figure(plotext, figure, colors, ascii_only=ascii_only, monochrome=monochrome)
    chart = plotext.build()
    if monochrome:
        chart = plotext.uncolorize(chart)
    if ascii_only or monochrome:
        legend = "  ".join(f"{fill_for(n, True) * 2} {label}" for n, label in enumerate(figure.labels))
    else:
        legend = "  ".join(plotext.colorize(f"██ {label}", colors[n % len(colors)]) for n, label in enumerate(figure.labels))
    return f"{figure.title} ({figure.unit}): {legend}\n" + (to_ascii(chart) if ascii_only else chart)


def cmd_show(args: argparse.Namespace) -> int:
    from aiindex_tui import formats

    pack = _load(args.data)
    ids = [s.section_id for s in pack.sections] + [f.figure_id for f in pack.figures]
    if args.id not in ids:
        raise _unknown("figure or section", args.id, ids)
    section = next((s for s in pack.sections if s.section_id == args.id), None)
    figures = section.figures if section else (pack.figure(args.id),)
    if args.format == "csv":
        sys.stdout.write(formats.to_csv(pack, figures))
    elif args.format == "json":
        sys.stdout.write(formats.to_json(pack, figures))
    elif args.format == "markdown":
        sys.stdout.write(formats.to_markdown(pack, figures))
    else:
        text = formats.section_text(pack, section) if section else formats.figure_text(pack, figures[0])
        print(text)
        if sys.stdout.isatty():
            for figure in figures:
                print()
                print(_terminal_chart(pack, figure))
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    from aiindex_tui.loader import bundled_pack_dir, check_pack

    directory = args.dir or args.data or bundled_pack_dir()
    pack, problems = check_pack(directory)
    if problems:
        print(_problem_report(directory, problems), file=sys.stderr)
        return EXIT_BAD_INPUT
    figures = pack.figures
    print(
        f"{directory}: OK, {len(pack.sections)} sections, {len(figures)} figures, "
        f"{sum(len(f.observations) for f in figures)} values"
    )
    return EXIT_OK


def cmd_explore(args: argparse.Namespace) -> int:
    pack = _load(args.data)
    if args.section and args.section not in [s.section_id for s in pack.sections]:
        raise _unknown("section", args.section, [s.section_id for s in pack.sections])
    if args.figure:
        known = [f.figure_id for f in pack.figures]
        if args.figure not in known:
            raise _unknown("figure", args.figure, known)
    from aiindex_tui.app import make_app
    from aiindex_tui.terminal import wants_ascii

    app = make_app(
        pack,
        theme=args.theme,
        ascii_only=args.ascii or wants_ascii(),
        section_id=args.section,
        figure_id=args.figure,
        view=args.view,
    )
    if args.theme and args.theme not in app.available_themes:
        raise _unknown("theme", args.theme, sorted(app.available_themes))
    app.run()
    return app.return_code or EXIT_OK


COMMANDS = {"list": cmd_list, "show": cmd_show, "validate": cmd_validate, None: cmd_explore}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except UsageError as error:
        print(f"aiindex-tui: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        # The reader (head, less) went away; say nothing more.
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
