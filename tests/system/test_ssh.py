"""End to end over a real SSH login: OpenSSH server on loopback, ssh -tt inside tmux."""

from __future__ import annotations

import getpass
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from tests.support.net import free_port
from tests.support.terminal import APP, SOURCES_VIEW, STRAY, TABLE_HEADER, TMUX, TmuxTerminal, figure_focused, sections_focused

SSHD = shutil.which("sshd") or ("/usr/sbin/sshd" if Path("/usr/sbin/sshd").exists() else None)
SSH, KEYGEN = shutil.which("ssh"), shutil.which("ssh-keygen")

pytestmark = pytest.mark.skipif(
    None in (SSHD, SSH, KEYGEN, TMUX) or os.geteuid() != 0,
    reason="needs root, tmux and OpenSSH (apt-get install openssh-server openssh-client tmux)",
)


@pytest.fixture
def sshd(tmp_path: Path):
    """A throwaway OpenSSH server on 127.0.0.1 that accepts one throwaway key."""
    for name in ("host_key", "user_key"):
        subprocess.run([KEYGEN, "-q", "-t", "ed25519", "-N", "", "-f", str(tmp_path / name)], check=True)
    (tmp_path / "authorized_keys").write_text((tmp_path / "user_key.pub").read_text())
    port = free_port()
    config = tmp_path / "sshd_config"
    config.write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {tmp_path / 'host_key'}\n"
        f"PidFile {tmp_path / 'sshd.pid'}\nAuthorizedKeysFile {tmp_path / 'authorized_keys'}\n"
        "PubkeyAuthentication yes\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n"
        "UsePAM no\nStrictModes no\nPermitRootLogin yes\nPrintMotd no\nPrintLastLog no\n"
    )
    Path("/run/sshd").mkdir(exist_ok=True)  # privilege separation directory
    server = subprocess.Popen([SSHD, "-D", "-e", "-f", str(config)], stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                assert server.poll() is None, server.stderr.read().decode()
                time.sleep(0.1)
        yield port, tmp_path / "user_key"
    finally:
        server.terminate()
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def test_browse_everything_over_ssh(sshd):
    port, key = sshd
    ssh = (
        f"{SSH} -tt -p {port} -i {key} -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null "
        f"-o LogLevel=ERROR {getpass.getuser()}@127.0.0.1"
    )
    with TmuxTerminal(80, 24) as term:
        term.start(ssh, {"TERM": "xterm-256color"})
        term.keys("export PS1='remote$ ' LANG=C.UTF-8; unset COLUMNS LINES; clear", "Enter")
        term.wait_for("remote$")
        term.keys(f"{APP}; echo \"APP\"\"-EXIT:$?\"", "Enter")  # split so the typed line does not match
        term.wait_for_first_screen()

        first_figure = {
            "2": "Lead of the top US model",
            "3": "Notable AI models by country",
            "4": "Share of AI publications worldwide",
        }
        for number in "123456":
            term.keys(number)
            if number not in first_figure:
                continue
            term.keys("Enter")
            term.wait_until(figure_focused(first_figure[number]), f"the first figure of section {number}")
            term.keys("t")
            term.wait_until(TABLE_HEADER.search, f"the table of section {number}")
            term.keys("s")
            term.wait_for(SOURCES_VIEW)
            term.keys("c")
            term.wait_until(lambda s: "unit:" in s and SOURCES_VIEW not in s, f"the chart of section {number}")
            term.keys("Escape")
            term.wait_until(sections_focused, "focus back on the sections list")
        term.keys("3", "Enter", "j", "j")
        term.wait_until(figure_focused("Notable AI models per year, one-country"), "the third figure of section 3")

        term.keys("q")
        # The exit code is printed first, then the shell's prompt comes back.
        screen = term.wait_until(lambda s: "APP-EXIT:" in s and s.rstrip().splitlines()[-1].startswith("remote$"), "the prompt after exit")
        assert "APP-EXIT:0" in screen
        assert not STRAY.search(screen)
        term.keys("exit", "Enter")
        assert term.wait_for_exit() == 0
