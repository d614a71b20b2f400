"""The Bot API's HTTP transport over aiohttp: python-telegram-bot's `BaseRequest`, lighter than its httpx one.

Every Bot API call the bot makes (getUpdates and the calls it owes) goes through `do_request`. PTB's default
transport runs each call through httpx, httpcore, anyio and h11; measured under the end-to-end benchmark
that was about 40% of the bot's CPU. aiohttp (already a dependency: the sandbox and the webhook are built on
it) does the same work in a fraction of the time: one `ClientSession` per request object, a keep-alive
connector with PTB's pool size. A call's parameters go as a JSON object of PTB's own encoded fields (each value a
string, as a url-encoded form would carry it: the Bot API reads both alike), multipart when a file goes up;
url-encoding went through aiohttp's FormData (a multipart writer and a random boundary made for every call) and
a quoting loop over each byte of a message's text, about half of aiohttp's cost of a call.

Errors map as PTB's own transport maps them: a timeout (connecting, waiting for a free connection, or
between two reads of the answer) raises `telegram.error.TimedOut`, any other failure of the connection
`telegram.error.NetworkError`; the status and body of an answer, error or not, go back to PTB, which reads
the Bot API's error from them. aiohttp has no timeout for writing a request body alone, so `write_timeout`
bounds a call that uploads a file as part of an overall limit (waiting + write + read timeouts); other
calls send a few hundred bytes, which the read timeout covers.

A proxy is taken from the environment as httpx takes it (HTTPS_PROXY / HTTP_PROXY, NO_PROXY), once per
host rather than at every call, unless one is given.
"""

from __future__ import annotations

import json
import logging
from typing import Any

import aiohttp
from aiohttp.helpers import get_env_proxy_for_url
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData
from yarl import URL

log = logging.getLogger(__name__)

POOL_SIZE = 256  # PTB's default for its httpx transport's connection pool
_JSON = {"Content-Type": "application/json"}
_REMEMBERED = 256  # proxies by URL and timeouts by their figures, kept at most


class AiohttpRequest(BaseRequest):
    """A `telegram.request.BaseRequest` over one aiohttp `ClientSession` with a keep-alive connection pool."""

    __slots__ = (
        "_connect_timeout", "_media_write_timeout", "_pool_size", "_pool_timeout", "_proxies", "_proxy",
        "_read_timeout", "_session", "_timeouts", "_write_timeout",
    )

    def __init__(
        self,
        *,
        connection_pool_size: int = POOL_SIZE,
        read_timeout: float | None = 5.0,
        write_timeout: float | None = 5.0,
        connect_timeout: float | None = 5.0,
        pool_timeout: float | None = 1.0,
        media_write_timeout: float | None = 20.0,
        proxy: str | None = None,
    ) -> None:
        self._pool_size = connection_pool_size
        self._read_timeout = read_timeout
        self._write_timeout = write_timeout
        self._connect_timeout = connect_timeout
        self._pool_timeout = pool_timeout
        self._media_write_timeout = media_write_timeout
        self._proxy = proxy
        self._proxies: dict[str, str | None] = {}  # by the URL called (a method's URL is the same at every call)
        self._timeouts: dict[tuple[float | None, ...], aiohttp.ClientTimeout] = {}  # by their figures (immutable)
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        """The default read timeout, in seconds (PTB adds it to getUpdates' long-poll timeout)."""
        return self._read_timeout

    async def initialize(self) -> None:
        """Open the session (again, after a shutdown)."""
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self._pool_size, ttl_dns_cache=300)
            self._session = aiohttp.ClientSession(
                connector=connector, headers={"User-Agent": self.USER_AGENT}, trust_env=False,
                timeout=aiohttp.ClientTimeout(total=None),
            )

    async def shutdown(self) -> None:
        """Close the session and its connections."""
        if self._session is not None and not self._session.closed:
            await self._session.close()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Make one HTTP request; (status, body), or TimedOut / NetworkError."""
        session = self._session
        if session is None or session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        files = request_data.multipart_data if request_data is not None else None
        timeout = self._timeout(
            read=self._read_timeout if isinstance(read_timeout, DefaultValue) else read_timeout,
            write=(self._media_write_timeout if files else self._write_timeout)
            if isinstance(write_timeout, DefaultValue) else write_timeout,
            connect=self._connect_timeout if isinstance(connect_timeout, DefaultValue) else connect_timeout,
            pool=self._pool_timeout if isinstance(pool_timeout, DefaultValue) else pool_timeout,
            uploads=bool(files),
        )
        data: Any = None
        headers = None
        if request_data is not None and files:
            data = _form(request_data.json_parameters, files)
        elif request_data is not None:
            data, headers = json.dumps(request_data.json_parameters).encode(), _JSON
        try:
            async with session.request(
                method, url, data=data, headers=headers, timeout=timeout, proxy=self._proxy_for(url)
            ) as response:
                return response.status, await response.read()
        except TimeoutError as error:  # aiohttp's ServerTimeoutError is one
            raise TimedOut(_timeout_message(error)) from error
        except aiohttp.ClientError as error:
            raise NetworkError(f"aiohttp.{error.__class__.__name__}: {error}") from error

    def _timeout(
        self, *, read: float | None, write: float | None, connect: float | None, pool: float | None, uploads: bool
    ) -> aiohttp.ClientTimeout:
        key = (read, write, connect, pool, uploads)
        timeout = self._timeouts.get(key)
        if timeout is None:
            if len(self._timeouts) >= _REMEMBERED:
                self._timeouts.clear()
            timeout = self._timeouts[key] = self._new_timeout(read=read, write=write, connect=connect, pool=pool,
                                                              uploads=uploads)
        return timeout

    @staticmethod
    def _new_timeout(
        *, read: float | None, write: float | None, connect: float | None, pool: float | None, uploads: bool
    ) -> aiohttp.ClientTimeout:
        # aiohttp's `connect` covers waiting for a pooled connection and opening one; `sock_connect` the opening.
        waiting = None if connect is None or pool is None else connect + pool
        total = None
        if uploads and write is not None and read is not None:
            total = waiting_or_zero(waiting) + write + read
        return aiohttp.ClientTimeout(total=total, connect=waiting, sock_connect=connect, sock_read=read)

    def _proxy_for(self, url: str) -> str | None:
        if self._proxy is not None:
            return self._proxy
        if url not in self._proxies:
            if len(self._proxies) >= _REMEMBERED:  # files' URLs differ call by call: kept within bounds
                self._proxies.clear()
            try:
                proxy, _ = get_env_proxy_for_url(URL(url))
                self._proxies[url] = str(proxy)
            except LookupError:
                self._proxies[url] = None
        return self._proxies[url]


def waiting_or_zero(value: float | None) -> float:
    """A timeout that may be unset, as seconds to add."""
    return value or 0.0


def _form(fields: dict[str, str], files: dict[str, Any]) -> aiohttp.FormData:
    """A multipart body: the call's parameters as fields, then each file with its name and type."""
    form = aiohttp.FormData(quote_fields=False)
    for name, value in fields.items():
        form.add_field(name, value)
    for name, (filename, content, mimetype) in files.items():
        form.add_field(name, content, filename=filename, content_type=mimetype)
    return form


def _timeout_message(error: BaseException) -> str:
    if isinstance(error, aiohttp.ConnectionTimeoutError):
        return ("Timed out connecting (or waiting for a free connection in the pool); the request was not sent"
                f" ({error})")
    return f"Timed out ({error.__class__.__name__})"

