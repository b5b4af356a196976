"""Loopback helpers for the tests that run servers: a free port, waiting for HTTP, and the
processes a server started."""

from __future__ import annotations

import socket
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_http(url: str, timeout: float = 30) -> str:
    """The body at ``url`` once the server answers."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read().decode()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def process_status(pid: int) -> tuple[str, int] | None:
    """A process's state letter ("Z" for one ended and not yet reaped) and its parent's pid;
    None once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return fields[0], int(fields[1])


def is_running(pid: int) -> bool:
    status = process_status(pid)
    return status is not None and status[0] != "Z"


def child_processes(parent: int) -> list[int]:
    """Pids of the live (not zombie) processes whose parent is ``parent``: a server's sessions."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        status = process_status(int(stat.parent.name))
        if status is not None and status[1] == parent and status[0] != "Z":
            children.append(int(stat.parent.name))
    return children


FORK_SERVER_MODULE = b"aiindex_tui.ui.session_forks"


def is_fork_server(pid: int) -> bool:
    try:
        return FORK_SERVER_MODULE in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False  # gone while looking


def fork_servers(server: int) -> list[int]:
    """The fork server an `aiindex-tui serve` process started (none with --no-fork-server)."""
    return [child for child in child_processes(server) if is_fork_server(child)]


def session_processes(server: int) -> list[int]:
    """Pids of the sessions of an `aiindex-tui serve` process: its fork server's children and
    any session it started as its own child (with --no-fork-server, or where a fork failed)."""
    sessions = []
    for child in child_processes(server):
        sessions += child_processes(child) if is_fork_server(child) else [child]
    return sessions
