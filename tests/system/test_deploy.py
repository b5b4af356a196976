"""The nginx and Caddy examples of docs/deploy/ as written, each in front of `aiindex-tui serve`:
TLS, the proxy's sign-on, and a session through it, while foreign origins are still refused."""

from __future__ import annotations

import asyncio
import base64
import os
import shutil
import signal
import ssl
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.net import free_port, wait_for_http
from tests.support.packs import REPO_ROOT

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
OPENSSL = shutil.which("openssl")
CADDY = shutil.which("caddy")
needs_nginx = pytest.mark.skipif(
    NGINX is None or OPENSSL is None, reason="needs nginx and openssl (Debian: apt-get install nginx-light openssl)",
)
needs_caddy = pytest.mark.skipif(CADDY is None, reason="needs Caddy (Debian: apt-get install caddy)")
TOKEN = "deploy-test-token-0123456789"
TITLE = b"US-China AI race in figures"
NAME = "ai.example.org"


def site_config(tmp_path: Path, https_port: int, http_port: int, app_port: int, *, example: str = "nginx.conf") -> str:
    """An nginx example of docs/deploy/ with this machine's ports (or, for the one that trusts
    a user header, the test's socket), a throwaway certificate and users file."""
    text = (REPO_ROOT / "docs" / "deploy" / example).read_text(encoding="utf-8")
    replacements = {
        "listen 443 ssl;": f"listen 127.0.0.1:{https_port} ssl;",
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        f"/etc/ssl/{NAME}/fullchain.pem": str(tmp_path / "cert.pem"),
        f"/etc/ssl/{NAME}/privkey.pem": str(tmp_path / "key.pem"),
        "/etc/nginx/aiindex-tui.htpasswd": str(tmp_path / "htpasswd"),
    }
    if example == "nginx.conf":
        replacements["proxy_pass http://127.0.0.1:8000;"] = f"proxy_pass http://127.0.0.1:{app_port};"
    else:
        replacements["proxy_pass http://unix:/run/aiindex-tui/serve.sock;"] = f"proxy_pass http://unix:{tmp_path / 'serve.sock'};"
    for old, new in replacements.items():
        assert old in text, f"the example no longer says {old!r}"
        text = text.replace(old, new)
    return text


def start_nginx(tmp_path: Path, site: str) -> subprocess.Popen:
    subprocess.run(
        [OPENSSL, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", f"/CN={NAME}",
         "-keyout", str(tmp_path / "key.pem"), "-out", str(tmp_path / "cert.pem")],
        check=True, capture_output=True, timeout=60,
    )
    (tmp_path / "htpasswd").write_text("analyst:{PLAIN}secret\n", encoding="utf-8")
    (tmp_path / "site.conf").write_text(site, encoding="utf-8")
    temp = tmp_path / "nginx-temp"
    temp.mkdir()
    main = f"""
daemon off;
{'user root;' if os.geteuid() == 0 else ''}
pid {tmp_path / 'nginx.pid'};
error_log {tmp_path / 'error.log'};
events {{}}
http {{
    access_log off;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {tmp_path / 'site.conf'};
}}
"""
    (tmp_path / "nginx.conf").write_text(main, encoding="utf-8")
    return subprocess.Popen([NGINX, "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)], stderr=subprocess.PIPE, text=True)


async def through_proxy(https_port: int, *, origin: str, auth: bool, extra: dict[str, str] | None = None) -> tuple[int, bool]:
    """A websocket through the proxy: its handshake status, and whether the first screen came."""
    import aiohttp

    context = ssl.create_default_context(cafile=None)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    headers = {"Host": f"{NAME}:{https_port}", "Origin": origin}
    if auth:
        headers["Authorization"] = "Basic " + base64.b64encode(b"analyst:secret").decode()
    headers |= extra or {}
    async with aiohttp.ClientSession() as session:
        try:
            async with session.ws_connect(
                f"wss://127.0.0.1:{https_port}/ws?width=80&height=24&token={TOKEN}", headers=headers, ssl=context,
                server_hostname=NAME,  # the name the proxy's certificate is for, as a browser would send it
            ) as socket_:
                async with asyncio.timeout(60):
                    async for message in socket_:
                        if message.type is aiohttp.WSMsgType.BINARY and TITLE in message.data:
                            return 101, True
                return 101, False
        except aiohttp.WSServerHandshakeError as error:
            return error.status, False


def start_explorer(tmp_path: Path, app_port: int, public: str) -> subprocess.Popen:
    server = subprocess.Popen(
        [sys.executable, "-m", "aiindex_tui", "serve", "--port", str(app_port), "--public-url", public],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=tmp_path,
        env={**os.environ, "AIINDEX_TUI_TOKEN": TOKEN},
    )
    wait_for_http(f"http://127.0.0.1:{app_port}/static/css/xterm.css")
    return server


def stop(proxy: subprocess.Popen, how: signal.Signals, server: subprocess.Popen) -> str:
    """Stop the proxy (with ``how``, its graceful signal) and the explorer; the explorer's stderr."""
    proxy.send_signal(how)
    server.send_signal(signal.SIGINT)
    proxy.wait(timeout=30)
    return server.communicate(timeout=30)[1]


def assert_sessions_only_through_the_proxys_sign_on(https_port: int, public: str) -> None:
    assert asyncio.run(through_proxy(https_port, origin=public, auth=False))[0] == 401  # the proxy's sign-on first
    assert asyncio.run(through_proxy(https_port, origin=public, auth=True)) == (101, True)
    assert asyncio.run(through_proxy(https_port, origin="https://evil.example", auth=True))[0] == 403


@needs_nginx
def test_the_nginx_example_serves_a_session_with_tls_and_sign_on(tmp_path: Path):
    https_port, http_port, app_port = free_port(), free_port(), free_port()
    public = f"https://{NAME}:{https_port}"
    server = start_explorer(tmp_path, app_port, public)
    nginx = start_nginx(tmp_path, site_config(tmp_path, https_port, http_port, app_port))
    try:
        deadline = time.monotonic() + 20
        while not (tmp_path / "nginx.pid").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert nginx.poll() is None, nginx.stderr.read() if nginx.stderr else ""
        assert_sessions_only_through_the_proxys_sign_on(https_port, public)
    finally:
        err = stop(nginx, signal.SIGQUIT, server)
    assert "Traceback" not in err


@needs_nginx
def test_the_nginx_example_that_names_the_user_serves_a_session_without_a_token(tmp_path: Path):
    """nginx-user-header.conf with `serve --unix-socket ... --trust-user-header X-Forwarded-User`:
    no token anywhere; the proxy's sign-on is the login, and a user name sent by the browser
    is replaced by the one nginx signed on."""
    https_port, http_port = free_port(), free_port()
    public = f"https://{NAME}:{https_port}"
    socket_path = tmp_path / "serve.sock"
    server = subprocess.Popen(
        [sys.executable, "-m", "aiindex_tui", "serve", "--unix-socket", str(socket_path),
         "--trust-user-header", "X-Forwarded-User", "--public-url", public],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=tmp_path,
        env={key: value for key, value in os.environ.items() if key != "AIINDEX_TUI_TOKEN"},
    )
    nginx = None
    try:
        deadline = time.monotonic() + 30
        while not socket_path.exists() and time.monotonic() < deadline:
            assert server.poll() is None
            time.sleep(0.1)
        assert socket_path.stat().st_mode & 0o777 == 0o660  # its user and group only
        nginx = start_nginx(tmp_path, site_config(tmp_path, https_port, http_port, 0, example="nginx-user-header.conf"))
        while not (tmp_path / "nginx.pid").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert nginx.poll() is None, nginx.stderr.read() if nginx.stderr else ""
        forged = {"X-Forwarded-User": "admin"}
        assert asyncio.run(through_proxy(https_port, origin=public, auth=False, extra=forged))[0] == 401
        assert asyncio.run(through_proxy(https_port, origin=public, auth=True, extra=forged)) == (101, True)
        assert asyncio.run(through_proxy(https_port, origin="https://evil.example", auth=True))[0] == 403
    finally:
        if nginx is not None:
            nginx.send_signal(signal.SIGQUIT)
            nginx.wait(timeout=30)
        server.send_signal(signal.SIGINT)
        err = server.communicate(timeout=30)[1]
    assert "started for analyst" in err and "admin" not in err
    assert not socket_path.exists() and "Traceback" not in err


def caddy_config(tmp_path: Path, https_port: int, app_port: int) -> str:
    """docs/deploy/Caddyfile with this machine's ports, Caddy's own local certificate authority
    in place of a public one, and a password hash made here."""
    text = (REPO_ROOT / "docs" / "deploy" / "Caddyfile").read_text(encoding="utf-8")
    hashed = subprocess.run([CADDY, "hash-password", "--plaintext", "secret"], capture_output=True, text=True, check=True, timeout=60)
    replacements = {
        f"{NAME} {{": f"https://{NAME}:{https_port} {{\n\ttls internal",
        "REPLACE-WITH-THE-OUTPUT-OF-caddy-hash-password": hashed.stdout.strip(),
        "reverse_proxy 127.0.0.1:8000": f"reverse_proxy 127.0.0.1:{app_port}",
    }
    for old, new in replacements.items():
        assert old in text, f"the example no longer says {old!r}"
        text = text.replace(old, new)
    # No admin port, no writing outside the test's folder, no change to the system's trust store.
    return f"{{\n\tadmin off\n\tstorage file_system {tmp_path / 'caddy-data'}\n\tskip_install_trust\n}}\n{text}"


@needs_caddy
def test_the_caddy_example_serves_a_session_with_tls_and_sign_on(tmp_path: Path):
    import aiohttp

    https_port, app_port = free_port(), free_port()
    public = f"https://{NAME}:{https_port}"
    server = start_explorer(tmp_path, app_port, public)
    (tmp_path / "Caddyfile").write_text(caddy_config(tmp_path, https_port, app_port), encoding="utf-8")
    caddy = subprocess.Popen(
        [CADDY, "run", "--config", str(tmp_path / "Caddyfile"), "--adapter", "caddyfile"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config")},
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:  # until Caddy has made its certificate and answers
            assert caddy.poll() is None, caddy.stderr.read() if caddy.stderr else ""
            try:
                if asyncio.run(through_proxy(https_port, origin=public, auth=False))[0] == 401:
                    break
            except aiohttp.ClientError:
                pass  # not listening yet
            time.sleep(0.3)
        assert_sessions_only_through_the_proxys_sign_on(https_port, public)
    finally:
        err = stop(caddy, signal.SIGINT, server)
    assert "Traceback" not in err
