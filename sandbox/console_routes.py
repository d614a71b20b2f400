"""The browser console: its page and files at /console, and its few routes under /sandbox/console.

The page itself reads the world through the control API (GET /sandbox/state, the
event stream at GET /sandbox/events) and acts through it (post, press, join).
What only the console needs lives here:

- the members panel, which lays the bot's view of each member (verified, which
  post, posts missing from the group) over Telegram's statuses. The sandbox
  knows nothing of the bot, so that view comes from an optional provider given
  to SandboxServer (`member_annotations`), an async function of a chat id that
  returns (every key optional; `{}` when the bot has no roster):

      {"roster": True,
       "binding": "district Kutch",                       # None if the group is not bound
       "accounts": {user_id: [{"post_id": ..., "label": ...}, ...]},   # verified accounts
       "posts": [{"post_id": ..., "label": ..., "holder": ..., "user_id": int | None}]}
                                                           # the posts that belong in the group
- captions of a guided tour, posted by whoever plays it and shown on the page;
- a button that starts the tour, when SandboxServer was given one (`tour`);
- short labels for people ("District Collector, Kutch"), set in-process.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from importlib import resources
from typing import Any

from aiohttp import web

from sandbox import views
from sandbox.control import ControlApi, _body, _int_arg
from sandbox.errors import conflict, invalid, not_found
from sandbox.models import Chat
from sandbox.world import World

log = logging.getLogger(__name__)

MemberAnnotations = Callable[[int], Awaitable[dict]]
TourStarter = Callable[[], Awaitable[None]]

# The console's files, by the name the page asks for, with their content types.
STATIC_FILES = {
    "index.html": "text/html",
    "console.css": "text/css",
    "console.js": "text/javascript",
    "screenshot.png": "image/png",
}
_KEPT_CAPTIONS = 50


def public_files() -> frozenset[str]:
    """The console's files that hold nothing of the world (served without the control token)."""
    return frozenset(f"/console/{name}" for name in STATIC_FILES if name != "index.html")


class Console:
    """The console's state (captions, labels, the tour) and its routes."""

    def __init__(
        self,
        *,
        world: World,
        member_annotations: MemberAnnotations | None = None,
        tour: TourStarter | None = None,
    ) -> None:
        self.world = world
        self._member_annotations = member_annotations
        self._tour = tour
        self._tour_task: asyncio.Task | None = None
        self.captions: list[dict] = []
        self.labels: dict[int, str] = {}
        self.opened = asyncio.Event()  # set when a browser first loads the page

    def label(self, user_id: int, text: str) -> None:
        """Show a short description beside a person's name ("Mamlatdar, Bhuj")."""
        self.labels[user_id] = text

    @property
    def tour_running(self) -> bool:
        return self._tour_task is not None and not self._tour_task.done()

    def routes(self) -> list[web.AbstractRouteDef]:
        j = ControlApi._json
        return [
            web.get("/", self.root),
            web.get("/console", self.page),
            web.get("/console/", self.page),
            web.get("/console/{name}", self.static_file),
            web.get("/sandbox/console/info", j(self.info)),
            web.get("/sandbox/console/members/{chat_id}", j(self.members)),
            web.post("/sandbox/console/caption", j(self.post_caption)),
            web.post("/sandbox/console/tour", j(self.start_tour)),
        ]

    async def stop(self) -> None:
        """End a tour still playing (the server is going away)."""
        if self.tour_running:
            assert self._tour_task is not None
            self._tour_task.cancel()
            try:
                await self._tour_task
            except (asyncio.CancelledError, Exception):  # noqa: BLE001 - it was logged as it ended
                pass

    # -- the page and its files -------------------------------------------

    async def root(self, request: web.Request) -> web.Response:
        query = f"?{request.query_string}" if request.query_string else ""  # keeps ?token=...
        raise web.HTTPFound(f"/console{query}")

    async def page(self, request: web.Request) -> web.Response:
        self.opened.set()
        return _static("index.html")

    async def static_file(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        if name not in STATIC_FILES:
            return web.Response(status=404, text=f"the console has no file {name!r}\n")
        return _static(name)

    # -- the console's routes ----------------------------------------------

    async def info(self, request: web.Request) -> dict:
        return {
            "bot": views.user_view(self.world.bot),
            "labels": {str(user_id): text for user_id, text in self.labels.items()},
            "tour": {"available": self._tour is not None, "running": self.tour_running},
            "captions": self.captions,
            "annotated": self._member_annotations is not None,
        }

    async def members(self, request: web.Request) -> dict:
        chat = self._group(_int_arg(request, "chat_id"))
        annotations, note = await self._annotations_for(chat.id)
        return members_panel(self.world, chat, annotations, note=note, annotated=self._member_annotations is not None)

    async def post_caption(self, request: web.Request) -> dict:
        body = await _body(request)
        caption = {
            "text": body.get("text", str),
            "step": body.get("step", int, None),
            "total": body.get("total", int, None),
            "chat_id": body.get("chat_id", int, None),
            "user_id": body.get("user_id", int, None),
            "suggest": body.get("suggest", str, None),
            "kind": body.get("kind", str, "step"),
        }
        if caption["kind"] not in ("step", "outcome", "end"):
            raise invalid('field "kind" must be "step", "outcome" or "end"')
        self.captions = [*self.captions, caption][-_KEPT_CAPTIONS:]
        self.world.events.publish({"type": "caption", **caption})
        return caption

    async def start_tour(self, request: web.Request) -> str:
        self.play_tour()
        return "started"

    def play_tour(self) -> None:
        """Start the tour the server was given; ControlError if there is none or it is playing."""
        if self._tour is None:
            raise not_found("this sandbox has no tour: start it with `samvad sandbox` to play one")
        if self.tour_running:
            raise conflict("the tour is already playing")
        self.captions = []
        self._tour_task = asyncio.create_task(self._play(self._tour), name="sandbox-console-tour")

    async def _play(self, tour: TourStarter) -> None:
        self.world.events.publish({"type": "tour", "running": True})
        try:
            await tour()
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("the tour stopped with an error")
        finally:
            self.world.events.publish({"type": "tour", "running": False})

    # -- helpers ---------------------------------------------------------

    def _group(self, chat_id: int) -> Chat:
        chat = self.world.chats.get(chat_id)
        if chat is None:
            raise not_found(f"chat {chat_id} does not exist")
        if not chat.is_group:
            raise invalid(f"chat {chat_id} is a {chat.type} chat, not a group")
        return chat

    async def _annotations_for(self, chat_id: int) -> tuple[dict, str | None]:
        """The bot's view of a group's members, or nothing, with a note saying why not."""
        if self._member_annotations is None:
            return {}, "the bot's view is not connected (plain sandbox): Telegram statuses only"
        try:
            annotations = await self._member_annotations(chat_id)
        except Exception as error:  # noqa: BLE001 - the panel must still show Telegram's statuses
            log.warning("member annotations for chat %s failed: %s", chat_id, error, exc_info=True)
            return {}, f"the bot's view could not be read ({type(error).__name__}): Telegram statuses only"
        if not isinstance(annotations, dict) or not annotations.get("roster"):
            return {}, "the bot has no roster yet: Telegram statuses only"
        return annotations, None


def members_panel(world: World, chat: Chat, annotations: dict, *, note: str | None, annotated: bool) -> dict:
    """Every member with their Telegram status and, when the bot has a roster, its view of them."""
    has_roster = bool(annotations.get("roster"))
    accounts = {int(user_id): posts for user_id, posts in (annotations.get("accounts") or {}).items()}
    group_posts: list[dict] = list(annotations.get("posts") or [])
    group_post_ids = {post["post_id"] for post in group_posts}
    bound = annotations.get("binding") is not None
    rows = []
    for user_id in chat.members:
        member = world.member(chat, user_id)
        user = world.users[user_id]
        row: dict[str, Any] = {
            "user": views.user_view(user),
            "status": member.status,
            "present": member.is_present,
            "is_bot": user.is_bot,
        }
        if member.until_date:
            row["until_date"] = member.until_date
        if has_roster and not user.is_bot:
            posts = accounts.get(user_id, [])
            row["verified"] = bool(posts)
            row["posts"] = [post.get("label", post["post_id"]) for post in posts]
            if bound:
                row["belongs"] = any(post["post_id"] in group_post_ids for post in posts)
        rows.append(row)
    present_ids = {row["user"]["id"] for row in rows if row["present"]}
    missing = [
        {
            "post_id": post["post_id"],
            "label": post.get("label", post["post_id"]),
            "holder": post.get("holder"),
            "why": "no verified account" if post.get("user_id") is None else "verified, but not in the group",
        }
        for post in group_posts
        if post.get("user_id") not in present_ids
    ]
    return {
        "chat": views.chat_view(world, chat),
        "annotated": annotated and has_roster,
        "note": note,
        "binding": annotations.get("binding"),
        "members": rows,
        "missing_posts": missing,
        "join_requests": [
            {"user": views.user_view(world.users[r.user_id]), "date": r.date} for r in chat.join_requests.values()
        ],
    }


def _static(name: str) -> web.Response:
    content = resources.files("sandbox.console").joinpath(name).read_bytes()
    content_type = STATIC_FILES[name]
    charset = None if content_type.startswith("image/") else "utf-8"
    # No caching: the sandbox is restarted often with a changed console while a tab stays open.
    return web.Response(body=content, content_type=content_type, charset=charset, headers={"Cache-Control": "no-cache"})

