"""Load on `aiindex-tui serve`, loopback only and bounded in time; prints one Markdown table.

    python bench/load.py            # 20 tabs at once, 20 and 50 within 5 s, then 50 at human pace (about 7 min)
    python bench/load.py --quick    # 3 tabs each way, a few seconds of pace: checks that it works
    python bench/load.py --no-fork-server   # the same with every session started as its own process

A tab is a websocket client speaking textual-serve's protocol, as the page does. The first
screen is the time from opening the socket to the first frame that carries the explorer's
title; a key's time is from sending it to the next frame the session sends (the keys switch
sections, so each changes the screen). Memory is the resident memory of the session
processes, summed, read while every tab of the step is open. Nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the suite's loopback helpers, tests/support

from aiindex_tui.ui.web_server import proc_kib
from tests.support.net import fork_servers, free_port, session_processes

TOKEN = "bench-load-token-0123456789"
TITLE = b"US-China AI race in figures"
KEY_TIMEOUT = 15.0
FIRST_SCREEN_TIMEOUT = 120.0


@dataclass
class Tab:
    first_screen: float | None = None
    keys: list[float] = field(default_factory=list)
    failed: str = ""


async def tab(
    port: int, record: Tab, *, keys: int, pause: tuple[float, float], until: float, rng: random.Random, hold: float = 0,
) -> None:
    """One tab: its first screen, then ``keys`` section keys (or keys until ``until``), a human pause apart."""
    import aiohttp

    opened = time.perf_counter()
    try:
        async with aiohttp.ClientSession() as session:
            async with session.ws_connect(
                f"http://127.0.0.1:{port}/ws?width=100&height=30&token={TOKEN}", max_msg_size=0,
            ) as socket_:
                async with asyncio.timeout(FIRST_SCREEN_TIMEOUT):
                    async for message in socket_:
                        if message.type is aiohttp.WSMsgType.BINARY and TITLE in message.data:
                            record.first_screen = time.perf_counter() - opened
                            break
                if record.first_screen is None:
                    record.failed = f"closed before its first screen ({socket_.close_code})"
                    return
                pressed = 0
                while pressed < keys or time.monotonic() < until:
                    await asyncio.sleep(rng.uniform(*pause))
                    while True:  # what the session still sends from the last key is not this key's
                        try:
                            late = await socket_.receive(timeout=0.05)
                        except TimeoutError:
                            break
                        if late.type is not aiohttp.WSMsgType.BINARY:
                            record.failed = f"closed after {pressed} keys"
                            return
                    sent = time.perf_counter()
                    await socket_.send_json(["stdin", "23"[pressed % 2]])
                    answer = await socket_.receive(timeout=KEY_TIMEOUT)
                    if answer.type is not aiohttp.WSMsgType.BINARY:
                        record.failed = f"closed after {pressed} keys"
                        return
                    record.keys.append(time.perf_counter() - sent)
                    pressed += 1
                    if pressed >= keys and time.monotonic() >= until:
                        break
                if hold:  # open, reading, until the server ends the session or ``hold`` has passed
                    async with asyncio.timeout(hold):
                        async for _ in socket_:
                            pass
    except (TimeoutError, aiohttp.ClientError, OSError) as error:
        record.failed = f"{type(error).__name__}: {error}"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


async def step(port: int, server_pid: int, count: int, spread: float, *, keys: int, pause: tuple[float, float],
               stay: float, rng: random.Random) -> tuple[list[Tab], list[float]]:
    """``count`` tabs opened over ``spread`` seconds; returns them, and the memory (MiB) of each
    session process running once all have drawn their first screen."""
    records = [Tab() for _ in range(count)]
    until = time.monotonic() + stay
    tasks = []
    for number, record in enumerate(records):
        tasks.append(asyncio.create_task(tab(port, record, keys=keys, pause=pause, until=until, rng=rng)))
        if number < count - 1:
            await asyncio.sleep(spread / max(1, count - 1))
    deadline = time.monotonic() + FIRST_SCREEN_TIMEOUT
    while (sum(r.first_screen is not None or bool(r.failed) for r in records) < count) and time.monotonic() < deadline:
        await asyncio.sleep(0.2)
    memory = [pss_mib(pid) for pid in session_processes(server_pid)]
    await asyncio.gather(*tasks)
    return records, memory


def pss_mib(pid: int) -> float:
    """A process's proportional set size in MiB: its own pages, and a share of those it shares."""
    return proc_kib(f"/proc/{pid}/smaps_rollup", "Pss") / 1024


def fork_server_mib(server_pid: int) -> float:
    return sum(map(pss_mib, fork_servers(server_pid)))


def row(name: str, records: list[Tab], memory: list[float], shared: float) -> str:
    screens = [r.first_screen for r in records if r.first_screen is not None]
    keys = [k for r in records for k in r.keys]
    failed = [r.failed for r in records if r.failed]
    screen_text = f"{statistics.median(screens):.2f} / {percentile(screens, 0.95):.2f} s" if screens else "none"
    key_text = f"{statistics.median(keys) * 1000:.0f} / {percentile(keys, 0.95) * 1000:.0f} ms ({len(keys)} keys)" if keys else "none"
    per = f"{statistics.median(memory):.0f} MiB (largest {max(memory):.0f})" if memory else "-"
    return (
        f"| {name} | {len(screens)} of {len(records)} | {screen_text} | {key_text} | "
        f"{per} | {sum(memory) + shared:.0f} MiB in {len(memory)}{' and the fork server' if shared else ''} | "
        f"{'; '.join(sorted(set(failed))) or '-'} |"
    )


async def open_then_stop(port: int, server: subprocess.Popen, count: int) -> tuple[int, float, list[int]]:
    """``count`` tabs open with their first screens, then SIGTERM: how many sessions there were,
    the seconds until the server had exited, and the sessions still running after it."""
    rng = random.Random(count)
    records = [Tab() for _ in range(count)]
    tasks = [
        asyncio.create_task(tab(port, record, keys=0, pause=(0, 0), until=0, rng=rng, hold=60))
        for record in records
    ]
    deadline = time.monotonic() + FIRST_SCREEN_TIMEOUT
    while sum(r.first_screen is not None for r in records) < count and time.monotonic() < deadline:
        await asyncio.sleep(0.2)
    sessions = session_processes(server.pid)
    stopped = time.perf_counter()
    server.send_signal(signal.SIGTERM)
    while server.poll() is None and time.perf_counter() - stopped < 30:
        await asyncio.sleep(0.05)
    took = time.perf_counter() - stopped
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return len(sessions), took, [pid for pid in sessions if Path(f"/proc/{pid}").exists()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="three tabs each way and a few seconds of pace")
    parser.add_argument("--no-fork-server", action="store_true", help="serve's own option: each session its own process")
    args = parser.parse_args()
    rng = random.Random(20261205)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "aiindex_tui", "serve", "--port", str(port), "--max-sessions", "100", "--idle-timeout", "0",
         *(["--no-fork-server"] if args.no_fork_server else [])],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env={**os.environ, "AIINDEX_TUI_TOKEN": TOKEN},
    )
    lines = [
        "| step | first screens | first screen p50 / p95 | key p50 / p95 | memory per session | memory in all | failures |",
        "|---|---|---|---|---|---|---|",
    ]
    try:
        import urllib.request

        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/?token={TOKEN}", timeout=2).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        bursts = [(3, 0.0), (3, 5.0)] if args.quick else [(20, 0.0), (20, 5.0), (50, 5.0)]
        for count, spread in bursts:
            records, memory = asyncio.run(step(
                port, server.pid, count, spread, keys=3, pause=(0.5, 1.5), stay=0, rng=rng,
            ))
            when = "at once" if not spread else f"within {spread:.0f} s"
            lines.append(row(f"{count} tabs opened {when}, 3 keys each", records, memory, fork_server_mib(server.pid)))
            while session_processes(server.pid):  # the next step starts with no session left
                time.sleep(0.2)
        count, arrivals, stay = (3, 3.0, 8.0) if args.quick else (50, 100.0, 180.0)
        records, memory = asyncio.run(step(
            port, server.pid, count, arrivals, keys=1, pause=(2.0, 5.0), stay=stay, rng=rng,
        ))
        lines.append(row(
            f"{count} tabs arriving over {arrivals:.0f} s, a key every 2-5 s for {stay:.0f} s", records, memory,
            fork_server_mib(server.pid),
        ))
        while session_processes(server.pid):
            time.sleep(0.2)
        sessions, took, left = asyncio.run(open_then_stop(port, server, 3 if args.quick else 20))
    finally:
        if server.poll() is None:
            server.kill()
    print("\n".join(lines))
    print(f"\nSIGTERM with {sessions} sessions open: the server ended in {took:.1f} s; sessions left running: {len(left)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
