"""SandboxClient: act as people in the sandbox and inspect what the bot did, over HTTP.

    async with SandboxClient(server.base_url) as sandbox:
        asha = await sandbox.create_user("Asha", username="asha")
        group = await sandbox.create_group("Mamlatdar office", creator_id=asha["id"])
        await sandbox.add_bot(group["id"], added_by=asha["id"])
        await sandbox.send_message(group["id"], asha["id"], "નમસ્તે")
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from types import TracebackType
from typing import Any, Generic, ParamSpec, TypeVar, overload

import aiohttp

from sandbox import user_actions as people
from sandbox.actions import UPLOAD_FILE_NAME, UPLOAD_MIME_TYPE, Action
from sandbox.guard import TOKEN_HEADER

P = ParamSpec("P")
J = TypeVar("J")

_TIMEOUT_STATUS = 408
# Room for the server's own wait before the HTTP request itself gives up.
_WAIT_MARGIN = 10.0


class SandboxError(Exception):
    """The control API refused a request (unknown user, a banned user posting, ...)."""

    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description


class Remote(Generic[P, J]):
    """A client method derived from an action: the world function's parameters (less the world), POSTed to its route."""

    def __init__(self, action: Action[P, Any, J]) -> None:
        self.action = action

    @overload
    def __get__(self, client: None, owner: type) -> Remote[P, J]: ...
    @overload
    def __get__(self, client: SandboxClient, owner: type) -> Callable[P, Awaitable[J]]: ...
    def __get__(self, client: SandboxClient | None, owner: type) -> Remote[P, J] | Callable[P, Awaitable[J]]:
        if client is None:
            return self
        action = self.action

        async def call(*args: P.args, **kwargs: P.kwargs) -> J:
            return await client.perform(action, action.bind(*args, **kwargs))

        call.__name__, call.__doc__ = action.name, action.__doc__
        call.__signature__ = action.signature  # type: ignore[attr-defined]
        return call


class SandboxClient:
    def __init__(self, base_url: str, *, control_token: str | None = None) -> None:
        """control_token: the sandbox's, when it asks for one (it is bound off loopback; see sandbox.guard)."""
        self.base_url = base_url.rstrip("/")
        self._headers = {TOKEN_HEADER: control_token} if control_token else {}
        self._session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> SandboxClient:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def _request(
        self, method: str, path: str, *, body: dict | None = None, query: dict | None = None, wait: float = 0.0
    ) -> Any:
        if self._session is None:
            self._session = aiohttp.ClientSession(headers=self._headers)
        timeout = aiohttp.ClientTimeout(total=wait + _WAIT_MARGIN + 60.0)
        params = {k: str(v) for k, v in (query or {}).items() if v is not None}
        async with self._session.request(
            method, f"{self.base_url}/sandbox{path}", json=body, params=params, timeout=timeout
        ) as response:
            return await self._result(response)

    async def _result(self, response: aiohttp.ClientResponse) -> Any:
        try:
            answer = await response.json(content_type=None)
        except ValueError:
            raise SandboxError(response.status, (await response.text())[:200]) from None
        if answer.get("ok"):
            return answer["result"]
        if response.status == _TIMEOUT_STATUS:
            raise TimeoutError(answer.get("description", "timed out"))
        raise SandboxError(response.status, answer.get("description", f"HTTP {response.status}"))

    # -- acting as people: one method per action of sandbox.user_actions -------

    create_user = Remote(people.create_user)
    start_bot = Remote(people.start_bot)
    block_bot = Remote(people.block_bot)
    create_group = Remote(people.create_group)
    create_channel = Remote(people.create_channel)
    add_bot = Remote(people.add_bot)
    set_bot_rights = Remote(people.set_bot_rights)
    add_member = Remote(people.add_member)
    promote = Remote(people.promote)
    leave = Remote(people.leave)
    remove_member = Remote(people.remove_member)
    send_message = Remote(people.send_message)
    send_document = Remote(people.send_document)
    send_photo = Remote(people.send_photo)
    send_contact = Remote(people.send_contact)
    forward_message = Remote(people.forward_message)
    edit_message = Remote(people.edit_message)
    press_button = Remote(people.press_and_await_answer)
    request_join = Remote(people.request_join)
    join_by_link = Remote(people.join_by_link)

    async def perform(self, action: Action[Any, Any, J], arguments: dict[str, Any]) -> J:
        """POST an action's arguments to its route: as JSON, or as a multipart form when they hold an upload."""
        path = action.path.format(**{param.name: arguments[param.name] for param in action.path_params})
        body = {param.name: arguments[param.name] for param in action.body_params}
        wait = float(arguments[action.waits]) if action.waits is not None else 0.0
        upload = action.upload
        if upload is not None:
            content = body.pop(upload.name)
            if content is not None:
                return await self._upload(path, content, body)
        return await self._request("POST", path, body=body, wait=wait)

    async def _upload(self, path: str, content: bytes, fields: dict) -> Any:
        form = aiohttp.FormData()
        for name, value in fields.items():
            if value is not None:
                form.add_field(name, value if isinstance(value, str) else json.dumps(value))
        file_name = fields.get(UPLOAD_FILE_NAME) or "file"
        mime_type = fields.get(UPLOAD_MIME_TYPE) or "application/octet-stream"
        form.add_field("file", content, filename=file_name, content_type=mime_type)
        if self._session is None:
            self._session = aiohttp.ClientSession(headers=self._headers)
        async with self._session.post(f"{self.base_url}/sandbox{path}", data=form) as response:
            return await self._result(response)

    # -- reading what happened -----------------------------------------------

    async def bot_messages(self, chat_id: int) -> list[dict]:
        return await self._request("GET", f"/chats/{chat_id}/messages", query={"sender": "bot"})

    async def messages(self, chat_id: int) -> list[dict]:
        return await self._request("GET", f"/chats/{chat_id}/messages")

    async def wait_for_bot_message(
        self, chat_id: int, *, contains: str | None = None, after_message_id: int = 0, timeout: float = 5.0
    ) -> dict:
        return await self._request(
            "GET",
            f"/chats/{chat_id}/bot_messages/next",
            query={"contains": contains, "after": after_message_id, "timeout": timeout},
            wait=timeout,
        )

    async def ask(
        self, chat_id: int, user_id: int, text: str, contains: str | None = None, *,
        reply_to: int | None = None, timeout: float = 5.0,
    ) -> dict:
        """Post text as a user, then wait for the bot's next message in that chat after it (containing contains)."""
        asked = await self.send_message(chat_id, user_id, text, reply_to=reply_to)
        return await self.wait_for_bot_message(
            chat_id, contains=contains, after_message_id=asked["message_id"], timeout=timeout
        )

    async def member(self, chat_id: int, user_id: int) -> dict:
        return await self._request("GET", f"/chats/{chat_id}/members/{user_id}")

    async def members(self, chat_id: int) -> list[dict]:
        return await self._request("GET", f"/chats/{chat_id}/members")

    async def deleted_message_ids(self, chat_id: int) -> list[int]:
        return await self._request("GET", f"/chats/{chat_id}/deleted")

    async def join_requests(self, chat_id: int) -> list[dict]:
        return await self._request("GET", f"/chats/{chat_id}/join_requests")

    async def invite_links(self, chat_id: int) -> list[dict]:
        return await self._request("GET", f"/chats/{chat_id}/invite_links")

    async def commands(self, scope: dict | None = None, language_code: str = "") -> list[dict]:
        query = {"language_code": language_code, "scope": json.dumps(scope) if scope else None}
        return await self._request("GET", "/commands", query=query)

    async def pending_updates(self) -> int:
        return await self._request("GET", "/updates/pending")

    async def forward_webhook(self, url: str | None) -> None:
        """Have updates posted to the bot's webhook at url, as the operator's HTTPS proxy would forward them."""
        await self._request("PUT", "/webhook/forward", body={"url": url})

    async def wait_until_idle(self, timeout: float = 5.0, *, quiet: float = 0.1) -> None:
        """All updates confirmed, no Bot API call in flight, and nothing new for `quiet` seconds."""
        await self._request("GET", "/idle", query={"timeout": timeout, "quiet": quiet}, wait=timeout)

    async def redeliver(self, update_id: int, *, same_id: bool = True) -> int:
        return await self._request("POST", f"/updates/{update_id}/redeliver", body={"same_id": same_id})

    async def file_content(self, file_id: str) -> bytes:
        """The bytes of a document the bot or a user sent."""
        if self._session is None:
            self._session = aiohttp.ClientSession(headers=self._headers)
        async with self._session.get(f"{self.base_url}/sandbox/files/{file_id}") as response:
            if response.status != 200:
                raise SandboxError(response.status, f"file {file_id} not found")
            return await response.read()

    async def state(self) -> dict:
        return await self._request("GET", "/state")

    # -- faults -----------------------------------------------------------------

    async def set_faults(
        self,
        *,
        rate_limit: bool | None = None,
        global_per_second: int = 30,
        group_per_minute: int = 20,
        retry_after: int = 1,
        error_500_rate: float = 0.0,
        slow_rate: float = 0.0,
        slow_seconds: float = 0.0,
        drop_rate: float = 0.0,
        methods: list[str] | None = None,
        seed: int | None = None,
    ) -> None:
        """Replace the fault settings (rate_limit=None keeps the current choice)."""
        await self._request("PUT", "/faults", body={
            "rate_limit": rate_limit, "global_per_second": global_per_second,
            "group_per_minute": group_per_minute, "retry_after": retry_after,
            "error_500_rate": error_500_rate, "slow_rate": slow_rate, "slow_seconds": slow_seconds,
            "drop_rate": drop_rate, "methods": methods, "seed": seed,
        })  # fmt: skip

    async def reset_faults(self) -> None:
        await self._request("DELETE", "/faults")

    async def stats(self) -> dict:
        return await self._request("GET", "/stats")

    # -- the browser console -------------------------------------------------------

    async def console_caption(
        self,
        text: str,
        *,
        step: int | None = None,
        total: int | None = None,
        chat_id: int | None = None,
        user_id: int | None = None,
        suggest: str | None = None,
        kind: str = "step",
    ) -> dict:
        """Show a caption in the console (a tour's step, or what came of it); the console may follow chat_id."""
        return await self._request("POST", "/console/caption", body={
            "text": text, "step": step, "total": total, "chat_id": chat_id, "user_id": user_id,
            "suggest": suggest, "kind": kind,
        })  # fmt: skip

    async def console_members(self, chat_id: int) -> dict:
        """The console's members panel for a group: Telegram statuses and the bot's view of each member."""
        return await self._request("GET", f"/console/members/{chat_id}")

    async def console_info(self) -> dict:
        return await self._request("GET", "/console/info")

    async def start_tour(self) -> str:
        """Start the tour the sandbox was given (404 without one, 409 while one plays)."""
        return await self._request("POST", "/console/tour")
