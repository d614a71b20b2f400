"""SandboxClient: act as people in the sandbox and inspect what the bot did, over HTTP.

    async with SandboxClient(server.base_url) as sandbox:
        asha = await sandbox.create_user("Asha", username="asha")
        group = await sandbox.create_group("Mamlatdar office", creator_id=asha["id"])
        await sandbox.add_bot(group["id"], added_by=asha["id"])
        await sandbox.send_message(group["id"], asha["id"], "નમસ્તે")
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from types import TracebackType
from typing import Any

import aiohttp

from sandbox.guard import TOKEN_HEADER

_TIMEOUT_STATUS = 408
# Room for the server's own wait before the HTTP request itself gives up.
_WAIT_MARGIN = 10.0


class SandboxError(Exception):
    """The control API refused a request (unknown user, a banned user posting, ...)."""

    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description


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

    # -- building the world ------------------------------------------------

    async def create_user(
        self,
        first_name: str,
        *,
        last_name: str | None = None,
        username: str | None = None,
        phone: str | None = None,
        language_code: str = "en",
        is_bot: bool = False,
        user_id: int | None = None,
    ) -> dict:
        """A Telegram User dict plus "phone"."""
        return await self._request("POST", "/users", body={
            "first_name": first_name, "last_name": last_name, "username": username, "phone": phone,
            "language_code": language_code, "is_bot": is_bot, "user_id": user_id,
        })  # fmt: skip

    async def create_group(
        self, title: str, *, creator_id: int, supergroup: bool = True, member_ids: Sequence[int] = ()
    ) -> dict:
        """A Telegram Chat dict; members are added silently (the bot is not there yet)."""
        return await self._request("POST", "/chats", body={
            "title": title, "creator_id": creator_id, "supergroup": supergroup, "member_ids": list(member_ids),
        })  # fmt: skip

    async def create_channel(self, title: str, *, creator_id: int, username: str | None = None) -> dict:
        """A channel, to forward messages from."""
        return await self._request(
            "POST", "/channels", body={"title": title, "creator_id": creator_id, "username": username}
        )

    async def add_bot(self, chat_id: int, *, added_by: int, admin: bool = True, rights: dict | None = None) -> None:
        await self._request(
            "POST", f"/chats/{chat_id}/bot", body={"added_by": added_by, "admin": admin, "rights": rights}
        )

    async def set_bot_rights(self, chat_id: int, *, admin: bool, rights: dict | None = None, by: int) -> None:
        await self._request(
            "POST", f"/chats/{chat_id}/bot/rights", body={"admin": admin, "rights": rights, "by": by}
        )

    async def add_member(self, chat_id: int, user_id: int, *, added_by: int) -> None:
        await self._request("POST", f"/chats/{chat_id}/members", body={"user_id": user_id, "added_by": added_by})

    async def promote(self, chat_id: int, user_id: int, *, by: int, rights: dict | None = None) -> None:
        await self._request("POST", f"/chats/{chat_id}/members/{user_id}/promote", body={"by": by, "rights": rights})

    async def leave(self, chat_id: int, user_id: int) -> None:
        await self._request("POST", f"/chats/{chat_id}/members/{user_id}/leave")

    async def remove_member(self, chat_id: int, user_id: int, *, by: int) -> None:
        """An administrator removes someone, the bot included (in supergroups that bans them)."""
        await self._request("POST", f"/chats/{chat_id}/members/{user_id}/remove", body={"by": by})

    async def block_bot(self, user_id: int, *, blocked: bool = True) -> None:
        await self._request("POST", f"/users/{user_id}/block", body={"blocked": blocked})

    # -- acting as a user ----------------------------------------------------

    async def send_message(
        self, chat_id: int, user_id: int, text: str, *, reply_to: int | None = None, entities: list | None = None
    ) -> dict:
        return await self._request("POST", f"/chats/{chat_id}/messages", body={
            "user_id": user_id, "text": text, "reply_to": reply_to, "entities": entities,
        })  # fmt: skip

    async def send_document(
        self,
        chat_id: int,
        user_id: int,
        *,
        file_name: str,
        content: bytes = b"",
        caption: str | None = None,
        mime_type: str = "application/pdf",
    ) -> dict:
        """Post a file as a member, uploaded as a multipart form (as Telegram's apps upload it)."""
        return await self._upload(f"/chats/{chat_id}/documents", content, file_name, mime_type, {
            "user_id": user_id, "caption": caption, "file_name": file_name, "mime_type": mime_type,
        })  # fmt: skip

    async def send_photo(
        self, chat_id: int, user_id: int, *, caption: str | None = None, content: bytes | None = None,
        file_name: str = "photo.jpg",
    ) -> dict:
        """Post a photo as a member (a plain picture when no content is given); Telegram keeps it in sizes."""
        if content is None:
            return await self._request("POST", f"/chats/{chat_id}/photos", body={"user_id": user_id, "caption": caption})
        return await self._upload(f"/chats/{chat_id}/photos", content, file_name, "image/jpeg",
                                  {"user_id": user_id, "caption": caption})

    async def _upload(self, path: str, content: bytes, file_name: str, mime_type: str, fields: dict) -> dict:
        form = aiohttp.FormData()
        for name, value in fields.items():
            if value is not None:
                form.add_field(name, str(value))
        form.add_field("file", content, filename=file_name, content_type=mime_type)
        if self._session is None:
            self._session = aiohttp.ClientSession(headers=self._headers)
        async with self._session.post(f"{self.base_url}/sandbox{path}", data=form) as response:
            return await self._result(response)

    async def send_contact(
        self,
        chat_id: int,
        user_id: int,
        *,
        phone_number: str,
        first_name: str,
        contact_user_id: int | None = None,
        forwarded_from: int | None = None,
        last_name: str | None = None,
    ) -> dict:
        return await self._request("POST", f"/chats/{chat_id}/contacts", body={
            "user_id": user_id, "phone_number": phone_number, "first_name": first_name,
            "last_name": last_name, "contact_user_id": contact_user_id, "forwarded_from": forwarded_from,
        })  # fmt: skip

    async def forward_message(
        self,
        chat_id: int,
        user_id: int,
        text: str,
        *,
        origin_user_id: int | None = None,
        origin_chat_id: int | None = None,
        origin_name: str | None = None,
        origin_message_id: int | None = None,
        origin_date: int | None = None,
    ) -> dict:
        """A person forwards a text into a chat; the bot sees forward_origin (with origin_date, Unix time)."""
        return await self._request("POST", f"/chats/{chat_id}/forwards", body={
            "user_id": user_id, "text": text, "origin_user_id": origin_user_id,
            "origin_chat_id": origin_chat_id, "origin_name": origin_name,
            "origin_message_id": origin_message_id, "origin_date": origin_date,
        })  # fmt: skip

    async def edit_message(self, chat_id: int, message_id: int, user_id: int, text: str) -> dict:
        return await self._request(
            "POST", f"/chats/{chat_id}/messages/{message_id}/edit", body={"user_id": user_id, "text": text}
        )

    async def press_button(
        self, chat_id: int, message_id: int, user_id: int, callback_data: str, *, wait: float = 5.0,
        forged: bool = False,
    ) -> dict:
        """{"text": ..., "show_alert": bool} from the bot's answer; TimeoutError if none comes.

        forged=True sends callback_data the message's buttons do not carry, as a modified client can.
        """
        body = {"user_id": user_id, "callback_data": callback_data, "wait": wait}
        if forged:
            body["forged"] = True
        return await self._request("POST", f"/chats/{chat_id}/messages/{message_id}/press", body=body, wait=wait)

    async def join_by_link(self, user_id: int, invite_link: str) -> str:
        """"joined", or "requested" for a link that creates join requests."""
        return await self._request("POST", "/join", body={"user_id": user_id, "invite_link": invite_link})

    async def request_join(self, chat_id: int, user_id: int, *, invite_link: str | None = None) -> None:
        await self._request(
            "POST", f"/chats/{chat_id}/join_requests", body={"user_id": user_id, "invite_link": invite_link}
        )

    async def start_bot(self, user_id: int) -> dict:
        return await self._request("POST", f"/users/{user_id}/start")

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
