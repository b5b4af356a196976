"""Command line: launch the explorer, or list, show and validate a pack without it."""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path
from typing import NoReturn, Sequence

from aiindex_tui import __version__
from aiindex_tui.output import files
from aiindex_tui.output.formats import EXPORT_FORMATS, FORMATS, SHOW_FORMATS, render
from aiindex_tui.output.terminal import wants_ascii
from aiindex_tui.pack.loader import PackError, PackLoading, bundled_pack_dir, check_pack, start_loading
from aiindex_tui.pack.sanitize import visible
from aiindex_tui.pack.subject import subject_for
from aiindex_tui.ui.views import VIEW_NAMES

# Deferred below, each to keep a command that does not need it quick to start:
# Textual (only the explorer, SVG export and theme checks), plotext (charts on a
# terminal), and textual-serve with aiohttp (serve).

EXIT_OK = 0
EXIT_BAD_INPUT = 2
LOOPBACK = ("127.0.0.1", "::1", "localhost")


class UsageError(Exception):
    """Bad arguments or data: reported on stderr with exit code 2."""


def report(message: str) -> None:
    """Print ``message`` on stderr, every line led by the program's name.

    Messages quote paths, ids and header names from packs and arguments, so
    each line is escaped: none of it may reach the terminal as a control sequence.
    """
    for line in message.splitlines() or [""]:
        print(f"aiindex-tui: {visible(line)}", file=sys.stderr)


class ArgumentParser(argparse.ArgumentParser):
    """argparse with errors in the program's own format: one line, exit code 2."""

    def error(self, message: str) -> NoReturn:
        report(f"{message} (see '{self.prog} --help')")
        raise SystemExit(EXIT_BAD_INPUT)


def _pack_options(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--data", metavar="DIR", type=Path, default=default,
        help="data pack directory to read (default: the bundled pack)",
    )


def _display_options(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument("--theme", metavar="NAME", default=default, help="Textual theme, for example textual-light")
    parser.add_argument(
        "--ascii", action="store_true", default=default, help="draw with ASCII characters only",
    )


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a port number") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port number; use 1-65535")
    return port


def _positive_int(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"a whole number from 1 up, not {text!r}")
    return number


def _non_negative(text: str) -> float:
    try:
        number = float(text)
    except ValueError:
        number = -1.0
    if not (0 <= number < 10**9):
        raise argparse.ArgumentTypeError(f"a number from 0 up, not {text!r}")
    return number


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size such as 120x40") from None
    if not (60 <= width <= 1000 and 16 <= height <= 500):
        raise argparse.ArgumentTypeError(f"{text}: width must be 60-1000 and height 16-500")
    return width, height


def build_parser() -> argparse.ArgumentParser:
    parser = ArgumentParser(
        prog="aiindex-tui",
        description="Explore the US-China AI figures of the Stanford AI Index 2026 from the keyboard.",
        epilog="Run without a command to open the explorer.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _pack_options(parser, None)
    _display_options(parser, None)
    parser.add_argument("--section", metavar="ID", help="open at this section")
    parser.add_argument("--figure", metavar="ID", help="open with this figure focused")
    parser.add_argument("--view", choices=VIEW_NAMES, help="open charts in this view")

    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    # Sub-commands accept --data (and, where they draw, --theme and --ascii)
    # too, so these options may come before or after the command.
    listing = commands.add_parser("list", help="list sections and figure ids in order")
    _pack_options(listing, argparse.SUPPRESS)
    show = commands.add_parser("show", help="print one figure or a whole section")
    show.add_argument("id", metavar="ID", help="a figure id or a section id")
    show.add_argument("--format", choices=SHOW_FORMATS, default="text")
    show.add_argument(
        "--records", action="store_true",
        help="print the rows behind the figure's values (for example the models a count counts) instead of the values",
    )
    show.add_argument("--ascii", action="store_true", default=argparse.SUPPRESS, help="draw the chart with ASCII characters only")
    show.add_argument("--window", metavar="FROM:TO", help="a figure's values from FROM to TO only, and each series' change across them; either end may be left out")
    _pack_options(show, argparse.SUPPRESS)
    export = commands.add_parser(
        "export", help="write a figure or section to a file: CSV, JSON, Markdown, or an SVG of its screen",
    )
    export.add_argument("id", metavar="ID", help="a figure id or a section id")
    export.add_argument("--format", choices=EXPORT_FORMATS, default="csv", help="default: csv")
    export.add_argument(
        "-o", "--output", metavar="PATH",
        help="file to write (default: aiindex-ID with the format's suffix, in the current directory); - for standard output",
    )
    export.add_argument("--force", action="store_true", help="overwrite PATH if it exists")
    export.add_argument("--window", metavar="FROM:TO", help="a figure's values from FROM to TO only, as the explorer's { and } narrow a chart")
    export.add_argument("--size", metavar="WxH", type=_size, default=(120, 40), help="screen size for svg (default: 120x40)")
    _pack_options(export, argparse.SUPPRESS)
    _display_options(export, argparse.SUPPRESS)
    serve = commands.add_parser("serve", help="serve the explorer to web browsers (through textual-serve)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    serve.add_argument("--port", type=_port, default=8000, help="port to listen on (default: 8000)")
    serve.add_argument(
        "--public-url", metavar="URL",
        help="the address browsers use, when it differs from http://HOST:PORT (say, behind a proxy)",
    )
    serve.add_argument(
        "--token", metavar="TOKEN",
        help=f"the login token browsers must present (default: ${TOKEN_VARIABLE}, or a new random one, printed with the address)",
    )
    serve.add_argument(
        "--no-token", action="store_true",
        help="ask for no token; only with a loopback --host, and only where no one else uses this machine",
    )
    serve.add_argument(
        "--max-sessions", metavar="N", type=_positive_int, default=None,
        help="sessions open at once; more are refused with a page saying so (default: from this machine's cores and memory)",
    )
    serve.add_argument(
        "--max-starting", metavar="N", type=_positive_int, default=None,
        help="sessions starting at once; the rest wait their turn (default: one a core)",
    )
    serve.add_argument(
        "--idle-timeout", metavar="MINUTES", type=_non_negative, default=30.0,
        help="end a session after this long without a key, telling its tab (default: 30; 0: never)",
    )
    serve.add_argument(
        "--session-memory", metavar="MIB", type=_non_negative, default=500.0,
        help="end a session whose process holds more memory than this, telling its tab (default: 500; 0: no limit)",
    )
    serve.add_argument(
        "--unix-socket", metavar="PATH", type=Path,
        help="listen on this unix socket (mode 0660) instead of --host and --port, for a proxy on this machine; needs --public-url",
    )
    serve.add_argument(
        "--trust-user-header", metavar="NAME",
        help="take the user from this header, which the proxy sets after its sign-on, instead of asking for a token; "
        "only with --unix-socket, which other local users cannot reach",
    )
    serve.add_argument(
        "--no-fork-server", action="store_true",
        help="start each session as a new Python process rather than forking one that has the explorer ready "
        "(slower: about 0.6 s of CPU a session)",
    )
    _pack_options(serve, argparse.SUPPRESS)
    _display_options(serve, argparse.SUPPRESS)
    diff = commands.add_parser(
        "diff", help="what changed between two packs: values, verdicts and record counts (exit 0 either way)",
    )
    diff.add_argument("old", metavar="OLD_PACK", type=Path, help="the pack before, for example a copy of data/")
    diff.add_argument("new", metavar="NEW_PACK", type=Path, help="the pack after, for example data/ once rebuilt")
    diff.add_argument("--format", choices=("text", "csv", "json", "markdown"), default="text")
    validate = commands.add_parser("validate", help="check a data pack and print every problem")
    validate.add_argument("dir", metavar="DIR", nargs="?", type=Path, help="pack directory (default: --data or the bundled pack)")
    _pack_options(validate, argparse.SUPPRESS)
    return parser


def _load(directory: Path | None):
    return _loaded(PackLoading(bundled_pack_dir() if directory is None else directory))


def _loaded(loading: PackLoading):
    try:
        return loading.result()
    except PackError as error:
        raise UsageError(_problem_report(error.directory, error.problems)) from None


def _problem_report(directory: Path, problems: list) -> str:
    count = f"{len(problems)} problem" + ("s" if len(problems) != 1 else "")
    return "\n".join([f"data pack {directory} has {count}:", *map(str, problems)])


def _check_theme(name: str | None) -> None:
    """A UsageError listing the themes when ``name`` is not one of them."""
    if name is None:
        return
    from textual.theme import BUILTIN_THEMES

    if name not in BUILTIN_THEMES:
        raise UsageError(f"unknown theme '{name}'; choose one of {', '.join(sorted(BUILTIN_THEMES))}")


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


def _terminal_chart(pack, figure, *, ascii_only: bool) -> str:
    import plotext

    from aiindex_tui.output.plot import draw_figure, legend_swatches, to_ascii

    width = min(os.get_terminal_size().columns, 100)
    plotext.clear_figure()
    plotext.plotsize(width, 16)
    plotext.theme("clear")
    monochrome = "NO_COLOR" in os.environ
    ascii_only = ascii_only or wants_ascii()
    colors = ["blue", "red", "green", "magenta"]
    draw_figure(plotext, figure, colors, ascii_only=ascii_only, monochrome=monochrome)
    chart = plotext.build()
    if monochrome:
        chart = plotext.uncolorize(chart)
    plain = ascii_only or monochrome
    legend = "  ".join(
        f"{swatch} {label}" if plain else plotext.colorize(f"{swatch} {label}", look.color(colors))
        for swatch, label, look in legend_swatches(figure, distinct=plain, color_count=len(colors))
    )
    return f"{figure.title} ({figure.unit}): {legend}\n" + (to_ascii(chart) if ascii_only else chart)


def _subject(pack, subject_id: str):
    """The figure or section named by ``subject_id``, or a UsageError suggesting close ids."""
    subject = subject_for(pack, subject_id)
    if subject is None:
        ids = [s.section_id for s in pack.sections] + [f.figure_id for f in pack.figures]
        raise _unknown("figure or section", subject_id, ids)
    return subject


def _narrowed(subject, window: str | None):
    """The subject in the --window given, or a UsageError saying what is wrong with it."""
    from aiindex_tui.pack.window import parse_window

    if window is None:
        return subject
    if subject.figure is None:
        raise UsageError(f"--window narrows a figure; '{visible(subject.section.section_id)}' is a section")
    try:
        return subject.narrowed(parse_window(window, subject.figure))
    except ValueError as error:
        raise UsageError(f"--window: {visible(str(error))}") from None


def cmd_show(args: argparse.Namespace) -> int:
    pack = _load(args.data)
    subject = _narrowed(_subject(pack, args.id), args.window)
    if args.records:
        sys.stdout.write(_records(pack, subject, args.format))
        return EXIT_OK
    sys.stdout.write(render(subject, args.format))
    if args.format == "text" and sys.stdout.isatty():
        for figure in subject.figures:
            print()
            print(_terminal_chart(pack, figure, ascii_only=bool(args.ascii)))
    return EXIT_OK


def _records(pack, subject, format_name: str) -> str:
    """The rows behind a figure's values; refused, with the figures that have some, otherwise."""
    from aiindex_tui.output.records import RECORD_RENDERERS

    figure = subject.figure
    if figure is None or not figure.records:
        listing = ", ".join(visible(f.figure_id) for f in pack.figures if f.records) or "none in this pack"
        what = f"figure '{visible(figure.figure_id)}'" if figure else f"'{visible(subject.section.section_id)}' is a section, and a section"
        raise UsageError(f"{what} has no rows behind its values; figures that have: {listing}")
    return RECORD_RENDERERS[format_name](pack, figure)


def cmd_export(args: argparse.Namespace) -> int:

    if FORMATS[args.format].screen:
        _check_theme(args.theme)
    pack = _load(args.data)
    subject = _narrowed(_subject(pack, args.id), args.window)
    svg = None
    if FORMATS[args.format].screen:
        from aiindex_tui.ui.screenshot import screen_svg

        svg = screen_svg(subject, size=args.size, theme=args.theme, ascii_only=args.ascii or wants_ascii())
    if args.output == "-":
        sys.stdout.write(svg if svg is not None else render(subject, args.format))
        return EXIT_OK
    path = Path(args.output) if args.output else files.default_path(subject, args.format)
    try:
        target = files.export(subject, args.format, path, overwrite=args.force, svg=svg)
    except files.ExportError as error:
        raise UsageError(str(error)) from None
    except OSError as error:
        raise UsageError(f"cannot write {path}: {error.strerror or error}") from None
    print(f"Wrote {subject.title} as {args.format} to {visible(str(target))}")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    import shlex

    try:
        from aiindex_tui.ui.web_server import GuardedServer, SessionLimits, default_max_sessions, origin_of
    except ImportError:
        raise UsageError("serving needs textual-serve: pip install textual-serve") from None
    _check_theme(args.theme)
    pack = _load(args.data)  # a bad pack is reported here, not in every browser tab
    _check_listening_options(args)
    if args.unix_socket is not None:
        _check_can_listen_on_socket(args.unix_socket)
    else:
        _check_can_listen(args.host, args.port)  # before the server prints its banner
    command = [sys.executable, "-m", "aiindex_tui"]
    if not pack.bundled:
        command += ["--data", str(pack.directory.resolve())]
    if args.theme:
        command += ["--theme", args.theme]
    if args.ascii:
        command.append("--ascii")
    if args.no_token and args.host not in LOOPBACK:
        raise UsageError(f"--no-token is for a loopback --host only ({', '.join(LOOPBACK)}), not {args.host}")
    if args.host not in LOOPBACK and args.unix_socket is None:
        report(
            f"warning: serving on {args.host} over plain HTTP: the token crosses the network unencrypted. "
            "Put a reverse proxy with TLS in front (docs/deploy.md), or use --host 127.0.0.1 to keep it local.",
        )
    token = _serve_token(args)
    served = f"http://{_url_host(args.host)}:{args.port}"
    public_url = (args.public_url or served).rstrip("/")
    origins = {origin_of(public_url), served}
    if args.unix_socket is not None:  # reached through the proxy only, by the address it serves
        origins = {origin_of(public_url)}
    elif args.host in LOOPBACK:  # the same machine under its other loopback names
        origins |= {f"http://{_url_host(name)}:{args.port}" for name in LOOPBACK}
    forks = None
    if not args.no_fork_server:
        from aiindex_tui.ui.session_forks import SessionForks
        from aiindex_tui.ui.workarounds import session_environment, use_session_forks

        forks = SessionForks(command[3:], session_environment())
        use_session_forks(forks)
    server = GuardedServer(
        # exec: the session is the explorer's own process, not a shell waiting on it.
        "exec " + shlex.join(command), token=token, origins=frozenset(origins),
        any_host=args.host in ("0.0.0.0", "::", "") and not args.public_url,
        unix_socket=args.unix_socket, user_header=args.trust_user_header,
        host=args.host, port=args.port, title="aiindex-tui", public_url=args.public_url,
        limits=SessionLimits(
            max_sessions=args.max_sessions or default_max_sessions(),
            starting_at_once=args.max_starting or os.cpu_count() or 1,
            idle_seconds=args.idle_timeout * 60, memory_mib=args.session_memory,
        ),
    )
    address = f"{public_url}/" + (f"?token={token}" if token else "")
    print(f"aiindex-tui: open {address} in a browser", flush=True)
    limits = server.limits
    idle = f"ended after {limits.idle_seconds / 60:g} min without a key" if limits.idle_seconds else "never ended for idling"
    memory = f"at most {limits.memory_mib:g} MiB each" if limits.memory_mib else "no memory limit"
    print(
        f"aiindex-tui: up to {limits.max_sessions} sessions, {limits.starting_at_once} starting at once, {idle}, {memory}",
        flush=True,
    )
    try:
        server.serve()  # until Ctrl+C or SIGTERM, which the server handles itself
    except OSError as error:
        where = visible(str(args.unix_socket)) if args.unix_socket is not None else f"{args.host}:{args.port}"
        raise UsageError(f"cannot listen on {where}: {error.strerror or error}") from None
    finally:
        if forks is not None:
            forks.close()
    return EXIT_OK


TOKEN_VARIABLE = "AIINDEX_TUI_TOKEN"


def _url_host(host: str) -> str:
    """A host as it stands in a URL: an IPv6 address in brackets."""
    return f"[{host}]" if ":" in host else host


def _serve_token(args: argparse.Namespace) -> str | None:
    """The token `serve` asks for: --token, else the environment's, else a new random one; None with --no-token."""
    import secrets

    if args.no_token or (args.trust_user_header and not args.token):
        return None  # with a trusted header, the proxy's sign-on is the login
    token = args.token or os.environ.get(TOKEN_VARIABLE) or secrets.token_urlsafe(24)
    if len(token) < 16 or not token.isprintable() or any(c in token for c in " &#?/;"):
        raise UsageError("a token needs at least 16 characters, without spaces or any of & # ? / ;")
    return token


HEADER_NAME = re.compile(r"[A-Za-z0-9-]{1,64}")
UNIX_PATH_MAX = 107  # Linux's sun_path holds 108 bytes, the last a NUL


def _check_listening_options(args: argparse.Namespace) -> None:
    if args.trust_user_header is not None:
        if args.unix_socket is None:
            raise UsageError(
                "--trust-user-header needs --unix-socket: on a port, any user of this machine could send the header"
            )
        if not HEADER_NAME.fullmatch(args.trust_user_header):
            raise UsageError(f"--trust-user-header: {visible(args.trust_user_header)} is not a header name (letters, digits, -)")
    if args.unix_socket is not None and not args.public_url:
        raise UsageError("--unix-socket needs --public-url: the address browsers use, which the proxy passes on")


def _check_can_listen_on_socket(path: Path) -> None:
    """A UsageError where a unix socket cannot be made at ``path``; a socket left by a server
    that has gone is removed."""
    import socket
    import stat

    if not path.parent.is_dir():
        raise UsageError(f"--unix-socket: {visible(str(path.parent))} is not a directory")
    if len(os.fsencode(path)) > UNIX_PATH_MAX:
        raise UsageError(f"--unix-socket: {visible(str(path))} is longer than the {UNIX_PATH_MAX} bytes a socket's path may have")
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return
    except OSError as error:
        raise UsageError(f"--unix-socket: {visible(str(path))}: {error.strerror}") from None
    if not stat.S_ISSOCK(mode):
        raise UsageError(f"--unix-socket: {visible(str(path))} exists and is not a socket")
    with socket.socket(socket.AF_UNIX) as probe:
        try:
            probe.connect(str(path))
        except ConnectionRefusedError:
            path.unlink()  # left by a server that has gone
            return
        except OSError as error:
            raise UsageError(f"--unix-socket: {visible(str(path))}: {error.strerror}") from None
    raise UsageError(f"--unix-socket: {visible(str(path))} is in use by another server")


def _check_can_listen(host: str, port: int) -> None:
    import socket

    try:
        socket.create_server((host, port)).close()
    except OSError as error:
        raise UsageError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None


def cmd_diff(args: argparse.Namespace) -> int:
    from aiindex_tui.output.pack_diff import pack_diff, render_diff

    old, new = _load(args.old), _load(args.new)
    changes = pack_diff(old, new)
    sys.stdout.write(render_diff(changes, args.format, visible(str(args.old)), visible(str(args.new))))
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    directory = args.dir or args.data or bundled_pack_dir()
    pack, problems = check_pack(directory)
    if problems:
        report(_problem_report(directory, problems))
        return EXIT_BAD_INPUT
    figures = pack.figures
    print(
        f"{visible(str(directory))}: OK, {len(pack.sections)} sections, {len(figures)} figures, "
        f"{sum(len(f.observations) for f in figures)} values"
    )
    return EXIT_OK


def cmd_explore(args: argparse.Namespace) -> int:
    # Without a cached copy, the pack is parsed by a second process while this one imports Textual.
    loading = start_loading(args.data)
    _check_theme(args.theme)
    from aiindex_tui.ui.app import app_for_this_terminal, run_app

    pack = _loaded(loading)
    if args.section and args.section not in [s.section_id for s in pack.sections]:
        raise _unknown("section", args.section, [s.section_id for s in pack.sections])
    if args.figure:
        known = [f.figure_id for f in pack.figures]
        if args.figure not in known:
            raise _unknown("figure", args.figure, known)
    app = app_for_this_terminal(
        pack, theme=args.theme, ascii_only=args.ascii, section_id=args.section, figure_id=args.figure, view=args.view,
    )
    return run_app(app) or EXIT_OK


COMMANDS = {
    "list": cmd_list, "show": cmd_show, "export": cmd_export, "serve": cmd_serve,
    "validate": cmd_validate, "diff": cmd_diff, None: cmd_explore,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except UsageError as error:
        report(str(error))
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        # The reader (head, less) went away; say nothing more.
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
