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

from tests.test_terminals import STRAY
from tests.tmuxterm import APP, TMUX, TmuxTerminal

SSHD = shutil.which("sshd") or ("/usr/sbin/sshd" if Path("/usr/sbin/sshd").exists() else None)
SSH, KEYGEN = shutil.which("ssh"), shutil.which("ssh-keygen")

pytestmark = pytest.mark.skipif(
    None in (SSHD, SSH, KEYGEN, TMUX) or os.geteuid() != 0,
    reason="needs root, tmux and OpenSSH (apt-get install openssh-server openssh-client tmux)",
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


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
        term.wait_for("bundled pack")

        expected = {
            "2": ["~0%", "2.7%"],
            "3": ["50 models", "30 models"],
            "4": ["17.8%", "7.6%"],
        }
        for number in "123456":
            term.keys(number)
            term.wait_for(f"{number} ")
            if number not in expected:
                continue
            term.keys("Enter")
            for text in expected[number]:
                term.wait_for(text)
            term.keys("t")
            term.wait_for("period")
            term.keys("s")
            term.wait_for("Sources")
            term.keys("c")
            term.wait_for("unit:")
            term.keys("Escape")
            time.sleep(0.3)
        term.keys("3", "Enter", "j", "j")
        term.wait_for("97,206 patents")

        term.keys("q")
        screen = term.wait_for("APP-EXIT:")
        assert "APP-EXIT:0" in screen
        assert screen.rstrip().splitlines()[-1].startswith("remote$")
        assert not STRAY.search(screen)
        term.keys("exit", "Enter")
        assert term.wait_for_exit() == 0
