"""The control token: closed by default wherever the sandbox can be reached from another machine.

The control API (everything under /sandbox/) and the console page let whoever calls them read
every chat and act as any person. Bound to a loopback address they stay open, as a test
needs; bound to anything else (0.0.0.0 included, whoever connects: the port is reachable from
the network) every such route asks for the token, in the X-Sandbox-Token header or a
token=... query parameter (the console's event stream and file links cannot send headers).
The Bot API routes are the bot's own (the bot token is in their path) and the console's
static files hold nothing of the world, so they stay open.

Open on loopback still means open to this machine's programs, not to web pages its browser
shows: a request another site's page makes (its Origin is not the sandbox's) is refused, and
so is one addressed to a name that is not loopback (a DNS-rebinding page that made its own
name point at 127.0.0.1).
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import secrets
from collections.abc import Awaitable, Callable

from aiohttp import web

TOKEN_HEADER = "X-Sandbox-Token"
TOKEN_QUERY = "token"
# Paths open without the token: the Bot API (its token is in the path), the redirect from /, and
# the console's files (HTML, CSS, script and a picture, the same as in the repository).
OPEN_PREFIXES = ("/bot", "/file/bot")
OPEN_PATHS = frozenset({"/"})

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def is_loopback(host: str) -> bool:
    """Whether only this machine can reach a server bound to host ("" and 0.0.0.0 are every interface)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a name that may resolve to anything


def new_token() -> str:
    """A fresh control token."""
    return secrets.token_urlsafe(24)


def token_for(host: str, given: str | None) -> str | None:
    """The token a server bound to host requires: the given one, a new one off loopback, else none."""
    if given:
        return given
    return None if is_loopback(host) else new_token()


def needs_token(path: str, open_files: frozenset[str]) -> bool:
    """Whether a request path is guarded: everything but the Bot API, / and the console's static files."""
    if path in OPEN_PATHS or path in open_files:
        return False
    return not path.startswith(OPEN_PREFIXES)


def guard(token: str | None, *, open_files: frozenset[str]) -> Callable:
    """aiohttp middleware answering 401 to a guarded path without the token (nothing is guarded without one)."""
    expected = (token or "").encode()

    @web.middleware
    async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
        if not needs_token(request.path, open_files):
            return await handler(request)
        if not _same_origin(request):
            return _forbidden(request.path, "a request from another site's page is refused")
        if not expected:  # bound to loopback: only this machine's names
            if not is_loopback(request.url.host or ""):
                return _forbidden(request.path, "this sandbox answers only requests addressed to a loopback name")
            return await handler(request)
        given = request.headers.get(TOKEN_HEADER) or request.query.get(TOKEN_QUERY) or ""
        if hmac.compare_digest(given.encode(), expected):
            return await handler(request)
        return _unauthorised(request.path)

    return middleware


def _same_origin(request: web.Request) -> bool:
    """No Origin (not a browser, or a same-origin read), or the sandbox's own origin (the console)."""
    origin = request.headers.get("Origin")
    return origin is None or origin.lower() == f"{request.scheme}://{request.host}".lower()


def _forbidden(path: str, why: str) -> web.Response:
    if path.startswith("/sandbox/"):
        return web.Response(status=403, text=json.dumps({"ok": False, "description": why}),
                            content_type="application/json")
    return web.Response(status=403, text=why + "\n", content_type="text/plain")


def _unauthorised(path: str) -> web.Response:
    why = (
        "this sandbox is reachable from other machines, so it asks for its control token: open the console"
        " address printed at start (…/console?token=…), or send the token in the X-Sandbox-Token header"
    )
    if path.startswith("/sandbox/"):
        body = json.dumps({"ok": False, "description": why})
        return web.Response(status=401, text=body, content_type="application/json")
    return web.Response(status=401, text=why + "\n", content_type="text/plain")
