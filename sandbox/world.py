"""The sandbox's world: users, chats, members, messages, links; pure state, no HTTP.

Changes go through the few primitives here (set_member, post, edit, delete,
add_join_request, add_callback_query) so that each one queues the update
Telegram would send the bot and publishes an event for the console.
"""

from __future__ import annotations

import itertools
import secrets
import time
from collections.abc import Callable

from sandbox import views
from sandbox.activity import Activity
from sandbox.events import EventBus
from sandbox.files import FileStore
from sandbox.models import (
    CallbackQuery,
    Chat,
    InviteLink,
    JoinRequest,
    Member,
    Message,
    User,
)
from sandbox.rights import DEFAULT_CHAT_PERMISSIONS
from sandbox.updates import UpdateQueue

# Telegram lets a bot write first to someone who asked to join a chat it manages, for this
# long or until the request is approved or declined.
JOIN_REQUEST_CONTACT_WINDOW = 5 * 60
_FIRST_USER_ID = 700_000_001
_FIRST_BASIC_GROUP_ID = 4_000_000_001  # basic groups are -4000000001, ...
_FIRST_CHANNEL_ID = 2_000_000_001  # supergroups and channels are -100 followed by this


class World:
    """Everything the fake Telegram knows, with the rules that keep it consistent."""

    def __init__(
        self,
        *,
        bot_id: int,
        bot_username: str,
        bot_first_name: str = "Samvad",
        clock: Callable[[], float] = time.time,
        privacy_mode: bool = False,
    ) -> None:
        self.clock = clock
        self.privacy_mode = privacy_mode
        self.activity = Activity()
        self.updates = UpdateQueue(self.activity)
        self.events = EventBus()
        self.files = FileStore()
        self.bot = User(id=bot_id, first_name=bot_first_name, is_bot=True, username=bot_username)
        self.users: dict[int, User] = {bot_id: self.bot}
        self.chats: dict[int, Chat] = {}
        self.link_chats: dict[str, int] = {}  # invite link -> chat id
        self.callback_queries: dict[str, CallbackQuery] = {}
        self.commands: dict[tuple[str, str], list[dict]] = {}
        self.webhook: dict | None = None
        # Stand-in for the operator's HTTPS proxy: the plain-HTTP address the webhook URL reaches.
        self.webhook_forward_to: str | None = None
        self._usernames: dict[str, int] = {}  # lower-case username -> user or chat id
        self._user_ids = itertools.count(_FIRST_USER_ID)
        self._basic_group_ids = itertools.count(_FIRST_BASIC_GROUP_ID)
        self._channel_ids = itertools.count(_FIRST_CHANNEL_ID)
        self._query_ids = itertools.count(1)

    def now(self) -> int:
        return int(self.clock())

    # -- users and chats -------------------------------------------------

    def add_user(self, first_name: str, *, user_id: int | None = None, **details: object) -> User:
        """A new user; ValueError if the id or username is taken."""
        if user_id is None:
            user_id = next(i for i in self._user_ids if i not in self.users)
        if user_id in self.users or user_id <= 0:
            raise ValueError(f"user id {user_id} is taken or invalid")
        user = User(id=user_id, first_name=first_name, **details)  # type: ignore[arg-type]
        self._claim_username(user.username, user_id)
        self.users[user_id] = user
        self.events.publish_lazily(lambda: {"type": "user_created", "user": views.user_view(user)})
        return user

    def _claim_username(self, username: str | None, owner_id: int) -> None:
        if username is None:
            return
        key = username.lower()
        if key in self._usernames or key == (self.bot.username or "").lower():
            raise ValueError(f"username {username} is taken")
        self._usernames[key] = owner_id

    def chat_by_username(self, username: str) -> Chat | None:
        owner = self._usernames.get(username.lstrip("@").lower())
        return None if owner is None else self.chats.get(owner)

    def private_chat(self, user_id: int) -> Chat:
        """The user's private chat with the bot, made on first use (chat id = user id)."""
        chat = self.chats.get(user_id)
        if chat is None:
            chat = Chat(id=user_id, type="private")
            chat.members[user_id] = Member(user_id, "member")
            chat.members[self.bot.id] = Member(self.bot.id, "member")
            self.chats[user_id] = chat
        return chat

    def add_group(self, title: str, *, creator_id: int, chat_type: str, username: str | None = None) -> Chat:
        """A basic group, supergroup or channel whose only member is its creator."""
        if chat_type == "group":
            chat_id = -next(self._basic_group_ids)
        else:
            chat_id = -(10**12 + next(self._channel_ids))
        chat = Chat(id=chat_id, type=chat_type, title=title, username=username)
        chat.permissions = dict(DEFAULT_CHAT_PERMISSIONS)
        self._claim_username(username, chat_id)
        chat.members[creator_id] = Member(creator_id, "creator")
        self.chats[chat_id] = chat
        self.events.publish_lazily(
            lambda: {"type": "chat_created", "chat": views.chat_view(self, chat)}
        )
        return chat

    # -- membership ------------------------------------------------------

    def member(self, chat: Chat, user_id: int) -> Member:
        """The user's standing now; restrictions and bans lapse at their until_date."""
        member = chat.members.get(user_id)
        if member is None:
            return Member(user_id, "left")
        if member.until_date and member.until_date <= self.now():
            if member.status == "kicked":
                member = chat.members[user_id] = Member(user_id, "left")
            elif member.status == "restricted":
                status = "member" if member.is_member else "left"
                member = chat.members[user_id] = Member(user_id, status)
        return member

    def bot_member(self, chat: Chat) -> Member:
        return self.member(chat, self.bot.id)

    def has_right(self, chat: Chat, user_id: int, right: str) -> bool:
        """Whether the user is the creator, or an administrator holding `right`."""
        member = self.member(chat, user_id)
        if member.status == "creator":
            return True
        return member.status == "administrator" and member.rights.get(right, False)

    def is_admin(self, chat: Chat, user_id: int) -> bool:
        return self.member(chat, user_id).status in ("creator", "administrator")

    def bot_can_see_links(self, chat: Chat) -> bool:
        return self.has_right(chat, self.bot.id, "can_invite_users")

    def set_member(
        self,
        chat: Chat,
        new: Member,
        *,
        actor_id: int,
        invite_link: InviteLink | None = None,
        via_join_request: bool = False,
    ) -> None:
        """Change a member's standing and tell the bot (my_chat_member or chat_member)."""
        old = self.member(chat, new.user_id)
        old_view = views.member_view(self, chat, old)
        bot_was_admin = self.is_admin(chat, self.bot.id)
        chat.members[new.user_id] = new
        if new.user_id == self.bot.id:
            chat.bot_was_member = chat.bot_was_member or new.is_present
            kind = "my_chat_member"
        elif bot_was_admin or self.is_admin(chat, self.bot.id):
            kind = "chat_member"  # Telegram sends these only to administrator bots
        else:
            kind = None
        new_view = views.member_view(self, chat, new)
        if kind is not None:
            update = {
                "chat": views.chat_view(self, chat),
                "from": views.user_view(self.users[actor_id]),
                "date": self.now(),
                "old_chat_member": old_view,
                "new_chat_member": new_view,
            }
            if invite_link is not None:
                update["invite_link"] = views.invite_link_view(self, invite_link)
            if via_join_request:
                update["via_join_request"] = True
            self.updates.put(kind, update)
        self.events.publish(
            {
                "type": "member",
                "chat_id": chat.id,
                "user_id": new.user_id,
                "old_status": old.status,
                "new_status": new.status,
                "member": new_view,
            }
        )

    def present_members(self, chat: Chat) -> list[Member]:
        return [m for uid, m in chat.members.items() if self.member(chat, uid).is_present]

    # -- messages --------------------------------------------------------

    def post(self, chat: Chat, sender_id: int | None, **fields: object) -> Message:
        """Store a new message, and deliver it to the bot if the bot would see it."""
        message = Message(
            message_id=chat.next_message_id,
            chat_id=chat.id,
            sender_id=sender_id,
            date=self.now(),
            **fields,  # type: ignore[arg-type]
        )
        chat.next_message_id += 1
        chat.messages[message.message_id] = message
        if sender_id == self.bot.id:
            chat.bot_message_ids.append(message.message_id)
        if self._bot_receives(chat, message):
            self.updates.put("message", views.message_view(self, message))
        self.events.publish_lazily(
            lambda: {
                "type": "message",
                "chat_id": chat.id,
                "message": self.message_record(message),
            }
        )
        return message

    def edit(self, chat: Chat, message: Message, **changes: object) -> None:
        """Change a message's content; the bot hears of edits made by people it can see."""
        for name, value in changes.items():
            setattr(message, name, value)
        message.edit_date = self.now()
        if message.sender_id != self.bot.id and self._bot_receives(chat, message):
            self.updates.put("edited_message", views.message_view(self, message))
        self.events.publish_lazily(
            lambda: {
                "type": "message_edited",
                "chat_id": chat.id,
                "message": self.message_record(message),
            }
        )

    def change_markup(self, chat: Chat, message: Message, reply_markup: dict | None) -> None:
        """Replace a message's inline keyboard; the bot is not told of its own changes."""
        message.reply_markup = reply_markup
        message.edit_date = self.now()
        self.events.publish_lazily(
            lambda: {
                "type": "message_edited",
                "chat_id": chat.id,
                "message": self.message_record(message),
            }
        )

    def delete(self, chat: Chat, message: Message) -> None:
        """Mark a message deleted; it is kept so that tests can see what was removed."""
        message.deleted = True
        self.events.publish(
            {"type": "message_deleted", "chat_id": chat.id, "message_id": message.message_id}
        )

    def message_record(self, message: Message) -> dict:
        """A message as the control API shows it: the Telegram view, "deleted", and any "reply_keyboard"."""
        record = views.message_view(self, message)
        record["deleted"] = message.deleted
        if message.reply_keyboard is not None:
            record["reply_keyboard"] = message.reply_keyboard
        return record

    def _bot_receives(self, chat: Chat, message: Message) -> bool:
        if chat.type == "private":
            return message.sender_id != self.bot.id
        if chat.type == "channel":
            return False  # channel posts are not simulated
        if not self.bot_member(chat).is_present:
            return False
        if message.is_service:
            return True  # including those about the bot's own actions, as Telegram does
        sender = self.users.get(message.sender_id) if message.sender_id is not None else None
        if sender is not None and sender.is_bot:
            return False  # bots never see messages from bots, their own included
        if self.privacy_mode and not self.is_admin(chat, self.bot.id):
            return self._passes_privacy_mode(chat, message)
        return True

    def _passes_privacy_mode(self, chat: Chat, message: Message) -> bool:
        """Without admin rights, a bot in privacy mode sees commands and replies to itself."""
        if message.text and message.text.startswith("/"):
            return True
        replied = chat.messages.get(message.reply_to) if message.reply_to else None
        return replied is not None and replied.sender_id == self.bot.id

    # -- join requests, callback queries, invite links --------------------

    def add_join_request(self, chat: Chat, user_id: int, invite_link: InviteLink | None) -> JoinRequest:
        request = JoinRequest(
            chat.id, user_id, self.now(), invite_link.link if invite_link else None
        )
        chat.join_requests[user_id] = request
        self.users[user_id].may_be_contacted_until = self.clock() + JOIN_REQUEST_CONTACT_WINDOW
        if self.has_right(chat, self.bot.id, "can_invite_users"):
            self.updates.put("chat_join_request", views.join_request_view(self, request))
        self.events.publish(
            {"type": "join_request", "chat_id": chat.id, "user_id": user_id, "invite_link": request.invite_link}
        )
        return request

    def resolve_join_request(self, chat: Chat, user_id: int, *, approved: bool) -> JoinRequest:
        """Approve or decline; the bot's leave to write first ends with it, as Telegram's does."""
        request = chat.join_requests.pop(user_id)
        self.users[user_id].may_be_contacted_until = 0.0
        self.events.publish(
            {"type": "join_request_resolved", "chat_id": chat.id, "user_id": user_id, "approved": approved}
        )
        return request

    def add_callback_query(self, chat: Chat, message: Message, user_id: int, data: str) -> CallbackQuery:
        query = CallbackQuery(
            id=f"{self.bot.id % 10**6}{next(self._query_ids):012d}",
            user_id=user_id,
            chat_id=chat.id,
            message_id=message.message_id,
            data=data,
            created_at=self.clock(),
        )
        self.callback_queries[query.id] = query
        self.updates.put("callback_query", views.callback_query_view(self, query))
        return query

    def answer_callback_query(self, query: CallbackQuery, answer: dict) -> None:
        query.answer = answer
        self.events.publish({"type": "callback_answered", "callback_query_id": query.id, **answer})

    def add_invite_link(self, chat: Chat, *, creator_id: int, **details: object) -> InviteLink:
        link = InviteLink(
            link=f"https://t.me/+{secrets.token_urlsafe(12)}",
            chat_id=chat.id,
            creator_id=creator_id,
            **details,  # type: ignore[arg-type]
        )
        chat.invite_links[link.link] = link
        self.link_chats[link.link] = chat.id
        return link

    def find_invite_link(self, link: str) -> InviteLink | None:
        chat_id = self.link_chats.get(link)
        return None if chat_id is None else self.chats[chat_id].invite_links.get(link)

    def lookup_user_view(self, user_id: int) -> dict | None:
        """For text_mention entities: the user's view if the world knows them."""
        user = self.users.get(user_id)
        return None if user is None else views.user_view(user)

    # -- the whole world ------------------------------------------------

    def snapshot(self) -> dict:
        """Everything, for GET /sandbox/state."""
        return {
            "bot": views.user_view(self.bot),
            "users": [{**views.user_view(u), "phone": u.phone, "started_bot": u.started_bot} for u in self.users.values()],
            "chats": [self._chat_snapshot(chat) for chat in self.chats.values()],
            "pending_updates": self.updates.pending_count(),
        }

    def _chat_snapshot(self, chat: Chat) -> dict:
        return {
            "chat": views.chat_view(self, chat),
            "members": [views.member_view(self, chat, self.member(chat, uid)) for uid in chat.members],
            "messages": [self.message_record(m) for m in chat.messages.values()],
            "invite_links": [views.full_invite_link_view(self, l) for l in chat.invite_links.values()],
            "join_requests": [views.join_request_view(self, r) for r in chat.join_requests.values()],
        }
