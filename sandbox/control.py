"""The control API under /sandbox: build the world, act as people, inspect what happened.

Every answer is {"ok": true, "result": ...}, or {"ok": false, "description": ...}
with a 4xx status (408 when a wait ran out). Routes are listed in README.md.
"""

from __future__ import annotations

import asyncio
import base64
import bisect
import json
import mimetypes
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from sandbox import user_actions as people
from sandbox import views
from sandbox.actions import UPLOAD_FILE_NAME, UPLOAD_MIME_TYPE, Action, Param, Shape
from sandbox.errors import ApiError, ControlError, invalid, not_found
from sandbox.faults import FaultSettings, Faults
from sandbox.files import UploadedFile
from sandbox.methods.meta import commands_key
from sandbox.models import Chat, Message
from sandbox.stats import Stats
from sandbox.world import World

Route = Callable[[web.Request], Awaitable[Any]]
_TIMEOUT = 408
_MISSING = object()
_FORMS = ("multipart/form-data", "application/x-www-form-urlencoded")


class Body:
    """A request's JSON object, read field by field with clear errors."""

    def __init__(self, data: object) -> None:
        if not isinstance(data, dict):
            raise invalid("the request body must be a JSON object")
        self._data = data

    def get(self, name: str, kind: type | tuple[type, ...], default: Any = _MISSING) -> Any:
        value = self._data.get(name, _MISSING)
        if value is _MISSING or value is None:
            if default is _MISSING:
                raise invalid(f'field "{name}" is required')
            return default
        kinds = kind if isinstance(kind, tuple) else (kind,)
        if not _is_kind(value, kinds):
            raise invalid(f'field "{name}" must be {" or ".join(k.__name__ for k in kinds)}')
        return value

    def names(self) -> set[str]:
        return set(self._data)

    def as_dict(self) -> dict:
        return dict(self._data)


async def _body(request: web.Request) -> Body:
    if not request.body_exists:
        return Body({})
    try:
        return Body(await request.json())
    except ValueError:
        raise invalid("the request body is not valid JSON") from None


async def _arguments(request: web.Request, action: Action) -> dict[str, Any]:
    """The action's parameters from the path and the body, each checked against its type."""
    arguments: dict[str, Any] = {param.name: _int_arg(request, param.name) for param in action.path_params}
    upload = action.upload
    if upload is not None and request.content_type in _FORMS:
        body = await _form(request, action, upload)
    else:
        body = await _body(request)
        if upload is not None:
            body = _decode_base64(body, upload)
    taken = {param.name for param in action.body_params}
    unknown = body.names() - taken
    if unknown:
        named = ", ".join(f'"{name}"' for name in sorted(unknown))
        raise invalid(f"unknown field {named}: POST {action.path} takes {', '.join(sorted(taken)) or 'no fields'}")
    for param in action.body_params:
        arguments[param.name] = _read(body, param)
    return arguments


def _read(body: Body, param: Param) -> Any:
    default = _MISSING if param.required else param.default
    if param.shape is Shape.LIST:
        values = body.get(param.name, list, default)
        kinds = param.kinds
        if values is not default and not all(_is_kind(value, kinds) for value in values):
            raise invalid(f'field "{param.name}" must be a list of {" or ".join(k.__name__ for k in kinds)}')
        return values
    value = body.get(param.name, param.kinds, default)
    if float in param.kinds and value is not default:
        return float(value)
    return value


def _is_kind(value: object, kinds: tuple[type, ...]) -> bool:
    # bool is an int to Python, but true is no user id
    return isinstance(value, kinds) and (bool in kinds or not isinstance(value, bool))


def _decode_base64(body: Body, upload: Param) -> Body:
    """A JSON body whose upload came as <name>_base64: the same body with the bytes under the upload's name."""
    fields = body.as_dict()
    encoded = fields.pop(upload.base64_name, None)
    if encoded is None:
        if fields.get(upload.name) is not None:
            raise invalid(f'send "{upload.name}" as "{upload.base64_name}" (base64) or as a multipart form\'s "file"')
        return Body(fields)
    if not isinstance(encoded, str):
        raise invalid(f'field "{upload.base64_name}" must be str')
    try:
        fields[upload.name] = base64.b64decode(encoded, validate=True)
    except ValueError:
        raise invalid(f'field "{upload.base64_name}" is not valid base64') from None
    return Body(fields)


async def _form(request: web.Request, action: Action, upload: Param) -> Body:
    """A multipart form: its "file" part is the upload, its other fields the parameters (JSON values, or text)."""
    kinds = {param.name: param.kinds for param in action.body_params}
    fields: dict[str, Any] = {}
    file = None
    for name, value in (await request.post()).items():
        if isinstance(value, web.FileField):
            if name != "file":
                raise invalid(f'the form\'s only file part is "file", not "{name}"')
            file = UploadedFile(value.filename or "file", value.file.read(), value.content_type or "")
        elif str in kinds.get(name, (str,)):
            fields[name] = value
        else:
            try:
                fields[name] = json.loads(value)
            except ValueError:
                raise invalid(f'field "{name}" must be {" or ".join(k.__name__ for k in kinds[name])}') from None
    if file is None:
        raise invalid('the form has no "file" part')
    fields[upload.name] = file.content
    if UPLOAD_FILE_NAME in kinds:
        fields.setdefault(UPLOAD_FILE_NAME, file.file_name)
    if UPLOAD_MIME_TYPE in kinds:
        fields.setdefault(UPLOAD_MIME_TYPE, _mime_of(file))
    return Body(fields)


def _mime_of(upload: UploadedFile) -> str:
    if upload.content_type and upload.content_type != "application/octet-stream":
        return upload.content_type
    return mimetypes.guess_type(upload.file_name)[0] or "application/octet-stream"


def _int_arg(request: web.Request, name: str) -> int:
    try:
        return int(request.match_info[name])
    except ValueError:
        raise invalid(f"{name} must be an integer") from None


def _query_number(request: web.Request, name: str, default: float) -> float:
    try:
        return float(request.query.get(name, default))
    except ValueError:
        raise invalid(f"query parameter {name} must be a number") from None


class ControlApi:
    def __init__(self, *, world: World, faults: Faults, stats: Stats, closing: asyncio.Event) -> None:
        self.world = world
        self.faults = faults
        self.stats = stats
        self._closing = closing

    def routes(self) -> list[web.AbstractRouteDef]:
        j = self._json
        acting = [web.post(f"/sandbox{action.path}", j(self._acting(action))) for action in people.ACTIONS]
        return [
            *acting,
            web.get("/sandbox/chats/{chat_id}/members", j(self.members)),
            web.get("/sandbox/chats/{chat_id}/members/{user_id}", j(self.member)),
            web.get("/sandbox/chats/{chat_id}/messages", j(self.messages)),
            web.get("/sandbox/chats/{chat_id}/bot_messages/next", j(self.wait_for_bot_message)),
            web.get("/sandbox/chats/{chat_id}/deleted", j(self.deleted_message_ids)),
            web.get("/sandbox/chats/{chat_id}/join_requests", j(self.join_requests)),
            web.get("/sandbox/chats/{chat_id}/invite_links", j(self.invite_links)),
            web.get("/sandbox/commands", j(self.commands)),
            web.get("/sandbox/updates/pending", j(self.pending_updates)),
            web.put("/sandbox/webhook/forward", j(self.forward_webhook)),
            web.post("/sandbox/updates/{update_id}/redeliver", j(self.redeliver)),
            web.get("/sandbox/idle", j(self.wait_until_idle)),
            web.put("/sandbox/faults", j(self.set_faults)),
            web.delete("/sandbox/faults", j(self.reset_faults)),
            web.get("/sandbox/stats", j(self.get_stats)),
            web.get("/sandbox/state", j(self.state)),
            web.get("/sandbox/files/{file_id}", self.file_content),
            web.get("/sandbox/events", self.events),
        ]

    @staticmethod
    def _json(route: Route) -> Callable[[web.Request], Awaitable[web.Response]]:
        async def handle(request: web.Request) -> web.Response:
            try:
                result = await route(request)
            except ControlError as error:
                return _reply({"ok": False, "description": error.description}, error.status)
            except ApiError as error:
                return _reply({"ok": False, "description": error.description}, 400)
            except TimeoutError as error:
                return _reply({"ok": False, "description": str(error) or "timed out"}, _TIMEOUT)
            return _reply({"ok": True, "result": result}, 200)

        return handle

    # -- acting as people ----------------------------------------------------

    def _acting(self, action: Action) -> Route:
        """The route of one of people.ACTIONS: its parameters read from the request, then done in the world."""

        async def act(request: web.Request) -> Any:
            return await action.perform(self.world, await _arguments(request, action))

        return act

    # -- reading what happened ---------------------------------------------

    def _chat(self, request: web.Request) -> Chat:
        chat_id = _int_arg(request, "chat_id")
        chat = self.world.chats.get(chat_id)
        if chat is None:
            if chat_id in self.world.users:
                return self.world.private_chat(chat_id)
            raise not_found(f"chat {chat_id} does not exist")
        return chat

    async def messages(self, request: web.Request) -> list[dict]:
        chat = self._chat(request)
        if request.query.get("sender") == "bot":
            found = [chat.messages[i] for i in chat.bot_message_ids]
        else:
            found = list(chat.messages.values())
        return [self.world.message_record(m) for m in found]

    async def wait_for_bot_message(self, request: web.Request) -> dict:
        chat = self._chat(request)
        after = int(_query_number(request, "after", 0))
        contains = request.query.get("contains")
        timeout = _query_number(request, "timeout", 5.0)

        def first_match() -> Message | None:
            start = bisect.bisect_right(chat.bot_message_ids, after)
            for message_id in chat.bot_message_ids[start:]:
                message = chat.messages[message_id]
                if contains is None or contains in message.content_text:
                    return message
            return None

        try:
            found = await self.world.events.wait_for(first_match, timeout)
        except TimeoutError:
            wanted = f" containing {contains!r}" if contains is not None else ""
            raise TimeoutError(
                f"no bot message{wanted} after message {after} in chat {chat.id} within {timeout:g}s"
            ) from None
        assert isinstance(found, Message)
        return self.world.message_record(found)

    async def member(self, request: web.Request) -> dict:
        chat = self._chat(request)
        user_id = _int_arg(request, "user_id")
        people.user(self.world, user_id)
        return views.member_view(self.world, chat, self.world.member(chat, user_id))

    async def members(self, request: web.Request) -> list[dict]:
        chat = self._chat(request)
        return [views.member_view(self.world, chat, m) for m in self.world.present_members(chat)]

    async def deleted_message_ids(self, request: web.Request) -> list[int]:
        chat = self._chat(request)
        return [m.message_id for m in chat.messages.values() if m.deleted]

    async def join_requests(self, request: web.Request) -> list[dict]:
        chat = self._chat(request)
        return [views.join_request_view(self.world, r) for r in chat.join_requests.values()]

    async def invite_links(self, request: web.Request) -> list[dict]:
        chat = self._chat(request)
        return [views.full_invite_link_view(self.world, link) for link in chat.invite_links.values()]

    async def commands(self, request: web.Request) -> list[dict]:
        scope = None
        if "scope" in request.query:
            try:
                scope = json.loads(request.query["scope"])
            except ValueError:
                raise invalid("query parameter scope must be JSON") from None
        key = commands_key(self.world, scope, request.query.get("language_code", ""))
        return self.world.commands.get(key, [])

    async def pending_updates(self, request: web.Request) -> int:
        return self.world.updates.pending_count()

    async def forward_webhook(self, request: web.Request) -> bool:
        """Where the operator's HTTPS proxy forwards the bot's webhook URL (null: nowhere)."""
        url = (await _body(request)).get("url", str, None)
        if url is not None and not url.startswith(("http://", "https://")):
            raise invalid("url must be an http:// or https:// address, or null")
        self.world.webhook_forward_to = url
        return True

    async def redeliver(self, request: web.Request) -> int:
        body = await _body(request)
        update_id = _int_arg(request, "update_id")
        try:
            return self.world.updates.redeliver(update_id, same_id=body.get("same_id", bool, True))
        except KeyError:
            raise not_found(f"update {update_id} is not known (never sent, or too old)") from None

    async def wait_until_idle(self, request: web.Request) -> None:
        timeout = _query_number(request, "timeout", 5.0)
        quiet = _query_number(request, "quiet", 0.1)
        updates, activity = self.world.updates, self.world.activity
        try:
            await activity.wait_idle(updates.pending_count, quiet=quiet, timeout=timeout)
        except TimeoutError:
            raise TimeoutError(
                f"not idle after {timeout:g}s: {updates.pending_count()} updates unconfirmed, "
                f"{activity.in_flight} Bot API calls in flight"
            ) from None

    # -- faults and figures --------------------------------------------------

    async def set_faults(self, request: web.Request) -> dict:
        body = await _body(request)
        data = body.as_dict()
        unknown = body.names() - set(FaultSettings.__dataclass_fields__)
        if unknown:
            raise invalid(f"unknown fault settings: {', '.join(sorted(unknown))}")
        try:
            settings = self.faults.update(**data)
        except ValueError as error:
            raise invalid(str(error)) from None
        return settings.to_json()

    async def reset_faults(self, request: web.Request) -> dict:
        self.faults.reset()
        return self.faults.settings.to_json()

    async def get_stats(self, request: web.Request) -> dict:
        return self.stats.to_json()

    async def state(self, request: web.Request) -> dict:
        return self.world.snapshot()

    async def file_content(self, request: web.Request) -> web.Response:
        stored = self.world.files.get(request.match_info["file_id"])
        if stored is None:
            return _reply({"ok": False, "description": "file not found"}, 404)
        return web.Response(body=stored.content, content_type=stored.mime_type)

    async def events(self, request: web.Request) -> web.StreamResponse:
        """Server-sent events: one JSON object per world change, until the client goes."""
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream", "Cache-Control": "no-cache"})
        await response.prepare(request)
        await response.write(b": connected\n\n")
        queue = self.world.events.subscribe()
        closing = asyncio.ensure_future(self._closing.wait())
        try:
            while not self._closing.is_set():
                getting = asyncio.ensure_future(queue.get())
                done, _ = await asyncio.wait({getting, closing}, return_when=asyncio.FIRST_COMPLETED)
                if getting not in done:
                    getting.cancel()
                    break
                event = getting.result()
                await response.write(f"event: {event['type']}\ndata: {json.dumps(event, ensure_ascii=False)}\n\n".encode())
        except ConnectionResetError:
            pass  # the console went away
        finally:
            closing.cancel()
            self.world.events.unsubscribe(queue)
        return response


def _reply(body: dict, status: int) -> web.Response:
    return web.Response(text=json.dumps(body, ensure_ascii=False), status=status, content_type="application/json")
