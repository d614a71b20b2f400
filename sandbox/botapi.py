"""The Bot API over HTTP: /bot<token>/<method> and /file/bot<token>/<path>."""

from __future__ import annotations

import asyncio
import inspect
import json
import logging
from typing import Any

from aiohttp import web

from sandbox.apispec import ApiSpec
from sandbox.errors import ApiError, bad_request
from sandbox.faults import Faults
from sandbox.files import UploadedFile
from sandbox.methods import Handler
from sandbox.params import parse_params
from sandbox.stats import Stats
from sandbox.world import World

log = logging.getLogger(__name__)

_UNAUTHORIZED = ApiError(401, "Unauthorized")
_NOT_FOUND = ApiError(404, "Not Found")
_FORM_TYPES = frozenset({"application/x-www-form-urlencoded", "multipart/form-data"})


def _dumps(body: Any) -> str:
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"))


class BotApi:
    """Answers Bot API calls for one bot token."""

    def __init__(
        self, *, world: World, spec: ApiSpec, token: str, methods: dict[str, Handler], faults: Faults, stats: Stats
    ) -> None:
        self._world = world
        self._spec = spec
        self._token = token
        self._methods = methods
        self._faults = faults
        self._stats = stats

    def routes(self) -> list[web.AbstractRouteDef]:
        return [
            web.route("*", "/bot{token}/{method}", self.handle_call),
            web.get("/file/bot{token}/{path:.+}", self.handle_file),
        ]

    async def handle_call(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self._token:
            return _answer(_UNAUTHORIZED.to_json(), 401)
        method = self._spec.method(request.match_info["method"])
        if method is None:
            return _answer(_NOT_FOUND.to_json(), 404)
        counted = method.name != "getUpdates"  # a long poll waits by design
        activity = self._world.activity
        activity.call_started(counted=counted)
        self._stats.called(method.name)
        try:
            return await self._call(request, method.name)
        except ApiError as error:
            self._stats.failed(method.name, error.code)
            return _answer(error.to_json(), error.code)
        except ConnectionResetError:  # the bot went away mid-request (killed): nothing was done, no one hears this
            return _answer(ApiError(500, "Internal Server Error: the client went away").to_json(), 500)
        except Exception as error:  # a sandbox bug: say so in Telegram's shape, keep serving
            log.exception("sandbox failed on %s", method.name)
            self._stats.failed(method.name, 500)
            failure = ApiError(500, f"Internal Server Error: sandbox bug: {type(error).__name__}: {error}")
            return _answer(failure.to_json(), 500)
        finally:
            activity.call_finished(counted=counted)

    async def _call(self, request: web.Request, name: str) -> web.StreamResponse:
        handler = self._methods.get(name)
        if handler is None:
            raise bad_request("method is not implemented by the sandbox")
        raw, uploads = await _read_params(request)
        params = parse_params(self._spec, self._spec.methods[name], raw, uploads)
        verdict = self._faults.judge(name, params.get("chat_id"))
        if verdict.delay:
            await asyncio.sleep(verdict.delay)
        if verdict.drop:
            self._stats.dropped_connection(name)
            assert request.transport is not None
            request.transport.close()  # the bot sees the connection end without an answer
            return web.Response(status=500)
        if verdict.error is not None:
            raise verdict.error
        result = handler(self._world, params)
        if inspect.isawaitable(result):
            result = await result
        return _answer({"ok": True, "result": result}, 200)

    async def handle_file(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self._token:
            return _answer(_UNAUTHORIZED.to_json(), 401)
        stored = self._world.files.by_path(request.match_info["path"])
        if stored is None:
            return _answer(_NOT_FOUND.to_json(), 404)
        return web.Response(body=stored.content, content_type=stored.mime_type)


def _answer(body: dict, status: int) -> web.Response:
    return web.Response(text=_dumps(body), status=status, content_type="application/json")


async def _read_params(request: web.Request) -> tuple[dict[str, Any], dict[str, UploadedFile]]:
    """Query string and body (JSON, form or multipart) merged; file parts kept apart too."""
    raw: dict[str, Any] = dict(request.query)
    uploads: dict[str, UploadedFile] = {}
    if not request.body_exists:
        return raw, uploads
    content_type = request.content_type
    if content_type == "application/json":
        try:
            body = await request.json()
        except ValueError:
            raise bad_request("request body is not valid JSON") from None
        if not isinstance(body, dict):
            raise bad_request("request body must be a JSON object")
        raw.update(body)
    elif content_type in _FORM_TYPES:
        for name, value in (await request.post()).items():
            if isinstance(value, web.FileField):
                upload = UploadedFile(value.filename, value.file.read(), value.content_type)
                uploads[name] = raw[name] = upload
            else:
                raw[name] = value
    else:
        raise bad_request(f"unsupported Content-Type {content_type}")
    return raw, uploads
