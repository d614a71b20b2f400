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
        # bool is an int to Python, but true is no user id
        if isinstance(value, bool) and bool not in kinds or not isinstance(value, kinds):
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


async def _body_or_upload(request: web.Request) -> tuple[Body, UploadedFile | None]:
    """A JSON body, or a multipart form whose "file" part is the upload (its other fields as the body)."""
    if request.content_type != "multipart/form-data":
        return await _body(request), None
    fields: dict = {}
    upload = None
    for name, value in (await request.post()).items():
        if isinstance(value, web.FileField):
            if name == "file":
                upload = UploadedFile(value.filename or "file", value.file.read(), value.content_type or "")
        elif name == "user_id":
            try:
                fields[name] = int(value)
            except ValueError:
                raise invalid("user_id must be an integer") from None
        else:
            fields[name] = value
    if upload is None:
        raise invalid('the form has no "file" part')
    return Body(fields), upload


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
        return [
            web.post("/sandbox/users", j(self.create_user)),
            web.post("/sandbox/users/{user_id}/start", j(self.start_bot)),
            web.post("/sandbox/users/{user_id}/block", j(self.block_bot)),
            web.post("/sandbox/chats", j(self.create_group)),
            web.post("/sandbox/channels", j(self.create_channel)),
            web.post("/sandbox/chats/{chat_id}/bot", j(self.add_bot)),
            web.post("/sandbox/chats/{chat_id}/bot/rights", j(self.set_bot_rights)),
            web.get("/sandbox/chats/{chat_id}/members", j(self.members)),
            web.post("/sandbox/chats/{chat_id}/members", j(self.add_member)),
            web.get("/sandbox/chats/{chat_id}/members/{user_id}", j(self.member)),
            web.post("/sandbox/chats/{chat_id}/members/{user_id}/promote", j(self.promote)),
            web.post("/sandbox/chats/{chat_id}/members/{user_id}/leave", j(self.leave)),
            web.post("/sandbox/chats/{chat_id}/members/{user_id}/remove", j(self.remove_member)),
            web.get("/sandbox/chats/{chat_id}/messages", j(self.messages)),
            web.post("/sandbox/chats/{chat_id}/messages", j(self.send_message)),
            web.post("/sandbox/chats/{chat_id}/documents", j(self.send_document)),
            web.post("/sandbox/chats/{chat_id}/photos", j(self.send_photo)),
            web.post("/sandbox/chats/{chat_id}/contacts", j(self.send_contact)),
            web.post("/sandbox/chats/{chat_id}/forwards", j(self.forward_message)),
            web.post("/sandbox/chats/{chat_id}/messages/{message_id}/edit", j(self.edit_message)),
            web.post("/sandbox/chats/{chat_id}/messages/{message_id}/press", j(self.press_button)),
            web.get("/sandbox/chats/{chat_id}/bot_messages/next", j(self.wait_for_bot_message)),
            web.get("/sandbox/chats/{chat_id}/deleted", j(self.deleted_message_ids)),
            web.get("/sandbox/chats/{chat_id}/join_requests", j(self.join_requests)),
            web.post("/sandbox/chats/{chat_id}/join_requests", j(self.request_join)),
            web.get("/sandbox/chats/{chat_id}/invite_links", j(self.invite_links)),
            web.post("/sandbox/join", j(self.join_by_link)),
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

    # -- building the world ----------------------------------------------

    async def create_user(self, request: web.Request) -> dict:
        body = await _body(request)
        user = people.create_user(
            self.world,
            body.get("first_name", str),
            user_id=body.get("user_id", int, None),
            last_name=body.get("last_name", str, None),
            username=body.get("username", str, None),
            phone=body.get("phone", str, None),
            language_code=body.get("language_code", str, "en") or None,
            is_bot=body.get("is_bot", bool, False),
        )
        return {**views.user_view(user), "phone": user.phone}

    async def create_group(self, request: web.Request) -> dict:
        body = await _body(request)
        chat = people.create_group(
            self.world,
            body.get("title", str),
            creator_id=body.get("creator_id", int),
            supergroup=body.get("supergroup", bool, True),
            member_ids=_int_list(body.get("member_ids", list, [])),
        )
        return views.chat_view(self.world, chat)

    async def create_channel(self, request: web.Request) -> dict:
        body = await _body(request)
        chat = people.create_channel(
            self.world, body.get("title", str), creator_id=body.get("creator_id", int),
            username=body.get("username", str, None),
        )  # fmt: skip
        return views.chat_view(self.world, chat)

    async def add_bot(self, request: web.Request) -> bool:
        body = await _body(request)
        people.add_bot(
            self.world, _int_arg(request, "chat_id"), added_by=body.get("added_by", int),
            admin=body.get("admin", bool, True), rights=body.get("rights", dict, None),
        )  # fmt: skip
        return True

    async def set_bot_rights(self, request: web.Request) -> bool:
        body = await _body(request)
        people.set_bot_rights(
            self.world, _int_arg(request, "chat_id"), admin=body.get("admin", bool),
            rights=body.get("rights", dict, None), by=body.get("by", int),
        )  # fmt: skip
        return True

    async def add_member(self, request: web.Request) -> bool:
        body = await _body(request)
        people.add_member(
            self.world, _int_arg(request, "chat_id"), body.get("user_id", int), added_by=body.get("added_by", int)
        )
        return True

    async def promote(self, request: web.Request) -> bool:
        body = await _body(request)
        people.promote(
            self.world, _int_arg(request, "chat_id"), _int_arg(request, "user_id"),
            by=body.get("by", int), rights=body.get("rights", dict, None),
        )  # fmt: skip
        return True

    async def leave(self, request: web.Request) -> bool:
        people.leave(self.world, _int_arg(request, "chat_id"), _int_arg(request, "user_id"))
        return True

    async def remove_member(self, request: web.Request) -> bool:
        body = await _body(request)
        people.remove_member(
            self.world, _int_arg(request, "chat_id"), _int_arg(request, "user_id"), by=body.get("by", int)
        )
        return True

    async def start_bot(self, request: web.Request) -> dict:
        message = people.start_bot(self.world, _int_arg(request, "user_id"))
        return views.message_view(self.world, message)

    async def block_bot(self, request: web.Request) -> bool:
        body = await _body(request)
        people.block_bot(self.world, _int_arg(request, "user_id"), blocked=body.get("blocked", bool, True))
        return True

    # -- acting as people ----------------------------------------------------

    async def send_message(self, request: web.Request) -> dict:
        body = await _body(request)
        message = people.send_text(
            self.world, _int_arg(request, "chat_id"), body.get("user_id", int), body.get("text", str),
            reply_to=body.get("reply_to", int, None), entities=body.get("entities", list, None),
        )  # fmt: skip
        return views.message_view(self.world, message)

    async def send_document(self, request: web.Request) -> dict:
        body, upload = await _body_or_upload(request)
        if upload is not None:
            content = upload.content
            file_name = body.get("file_name", str, upload.file_name or "file")
            mime = body.get("mime_type", str, None) or _mime_of(upload)
        else:
            try:
                content = base64.b64decode(body.get("content_base64", str, ""), validate=True)
            except ValueError:
                raise invalid('field "content_base64" is not valid base64') from None
            file_name, mime = body.get("file_name", str), body.get("mime_type", str, "application/pdf")
        message = people.send_document(
            self.world, _int_arg(request, "chat_id"), body.get("user_id", int),
            file_name=file_name, content=content, caption=body.get("caption", str, None), mime_type=mime,
        )  # fmt: skip
        return views.message_view(self.world, message)

    async def send_photo(self, request: web.Request) -> dict:
        body, upload = await _body_or_upload(request)
        content = upload.content if upload is not None else None
        if upload is None and body.get("content_base64", str, None) is not None:
            try:
                content = base64.b64decode(body.get("content_base64", str), validate=True)
            except ValueError:
                raise invalid('field "content_base64" is not valid base64') from None
        message = people.send_photo(
            self.world, _int_arg(request, "chat_id"), body.get("user_id", int), caption=body.get("caption", str, None),
            content=content,
        )
        return views.message_view(self.world, message)

    async def send_contact(self, request: web.Request) -> dict:
        body = await _body(request)
        message = people.send_contact(
            self.world, _int_arg(request, "chat_id"), body.get("user_id", int),
            phone_number=body.get("phone_number", str), first_name=body.get("first_name", str),
            last_name=body.get("last_name", str, None),
            contact_user_id=body.get("contact_user_id", int, None),
            forwarded_from=body.get("forwarded_from", int, None),
        )  # fmt: skip
        return views.message_view(self.world, message)

    async def forward_message(self, request: web.Request) -> dict:
        body = await _body(request)
        message = people.forward_text(
            self.world, _int_arg(request, "chat_id"), body.get("user_id", int), body.get("text", str),
            origin_user_id=body.get("origin_user_id", int, None),
            origin_chat_id=body.get("origin_chat_id", int, None),
            origin_name=body.get("origin_name", str, None),
            origin_message_id=body.get("origin_message_id", int, None),
            origin_date=body.get("origin_date", int, None),
        )  # fmt: skip
        return views.message_view(self.world, message)

    async def edit_message(self, request: web.Request) -> dict:
        body = await _body(request)
        message = people.edit_text(
            self.world, _int_arg(request, "chat_id"), _int_arg(request, "message_id"),
            body.get("user_id", int), body.get("text", str),
        )  # fmt: skip
        return views.message_view(self.world, message)

    async def press_button(self, request: web.Request) -> dict:
        """Press (any data with "forged": true), then wait for the bot's answerCallbackQuery (408 if it never comes)."""
        body = await _body(request)
        wait = float(body.get("wait", (int, float), 5.0))
        query = people.press_button(
            self.world, _int_arg(request, "chat_id"), _int_arg(request, "message_id"),
            body.get("user_id", int), body.get("callback_data", str), forged=body.get("forged", bool, False),
        )  # fmt: skip
        try:
            await self.world.events.wait_for(lambda: query.answer, wait)
        except TimeoutError:
            raise TimeoutError(
                f"the bot did not answer callback query {query.id} ({query.data!r}) within {wait:g}s"
            ) from None
        return dict(query.answer or {})

    async def join_by_link(self, request: web.Request) -> str:
        body = await _body(request)
        return people.join_by_link(self.world, body.get("user_id", int), body.get("invite_link", str))

    async def request_join(self, request: web.Request) -> dict:
        body = await _body(request)
        join_request = people.request_join(
            self.world, _int_arg(request, "chat_id"), body.get("user_id", int),
            invite_link=body.get("invite_link", str, None),
        )  # fmt: skip
        return views.join_request_view(self.world, join_request)

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


def _int_list(values: list) -> list[int]:
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        raise invalid("member_ids must be a list of integers")
    return values


def _reply(body: dict, status: int) -> web.Response:
    return web.Response(text=json.dumps(body, ensure_ascii=False), status=status, content_type="application/json")
