"""The front door of `aiindex-tui serve`: textual-serve's server behind a login token and a same-origin check.

Every request but the page's static files must carry the token, as a ``token``
query parameter (the address `serve` prints) or the cookie the page sets from
it; the websocket is refused, before a session starts, when the request's
Origin or Host is not the served address (or ``--public-url``): a page of
another site cannot open a session with the user's cookie, and a name that
merely resolves here (DNS rebinding) is not accepted either.
"""

from __future__ import annotations

import hmac
from urllib.parse import urlsplit

from aiohttp import web
from textual_serve.server import Server

COOKIE = "aiindex_tui_token"
OPEN_PATHS = ("/static/",)  # the page's scripts and styles hold nothing of the explorer's


def origin_of(url: str) -> str:
    """scheme://host[:port] of ``url``, as a browser sends it in an Origin header."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


class GuardedServer(Server):
    """textual-serve's server, refusing what it did not authorise."""

    def __init__(self, command: str, *, token: str | None, origins: frozenset[str], any_host: bool = False, **options) -> None:
        super().__init__(command, **options)
        self.token = token  # None: no token asked for (loopback only; the CLI enforces it)
        self.origins = frozenset(origin.lower() for origin in origins)
        # Listening on every address with no public URL given, the names it is reached by are not
        # known; the token and the same-origin test still hold.
        self.hosts = None if any_host else frozenset(urlsplit(origin).netloc for origin in self.origins)

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self.guard)
        return app

    @web.middleware
    async def guard(self, request: web.Request, handler) -> web.StreamResponse:
        if request.path.startswith(OPEN_PATHS):
            return await handler(request)
        host = request.host.lower()
        if self.hosts is not None and host not in self.hosts:
            raise web.HTTPForbidden(text=f"This server answers to {', '.join(sorted(self.hosts))} only.\n")
        origin = request.headers.get("Origin")
        if origin is not None and origin.lower() not in self.origins | {f"{request.scheme}://{host}"}:
            raise web.HTTPForbidden(text="This server takes connections from its own page only.\n")
        given = request.query.get("token")
        if self.token is not None:
            presented = given or request.cookies.get(COOKIE, "")
            if not hmac.compare_digest(presented.encode(), self.token.encode()):
                raise web.HTTPForbidden(
                    text="A token is needed: open the address that `aiindex-tui serve` printed, ?token=... included.\n",
                )
        response = await handler(request)
        if given is not None and self.token is not None and not response.prepared:
            # The page keeps the token, so its websocket (same origin) and a reload need no query.
            response.set_cookie(COOKIE, self.token, httponly=True, samesite="Strict", path="/")
        return response
