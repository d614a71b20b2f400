"""The world's records: users, chats, members, messages, invite links, requests, queries."""

from __future__ import annotations

from dataclasses import dataclass, field

# Statuses of a member who is in the chat (as opposed to left or kicked).
PRESENT_STATUSES = frozenset({"creator", "administrator", "member", "restricted"})
GROUP_TYPES = frozenset({"group", "supergroup"})


@dataclass(slots=True)
class User:
    id: int
    first_name: str
    is_bot: bool = False
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None
    phone: str | None = None
    started_bot: bool = False
    blocked_bot: bool = False
    # Until when the bot may write first, after this user asked to join a chat.
    may_be_contacted_until: float = 0.0


@dataclass(slots=True)
class Member:
    """A user's standing in one chat; absent users are status "left"."""

    user_id: int
    status: str
    rights: dict[str, bool] = field(default_factory=dict)  # administrator
    permissions: dict[str, bool] = field(default_factory=dict)  # restricted
    until_date: int = 0  # restricted or kicked; 0 is forever
    is_member: bool = True  # restricted: whether they are in the chat
    promoted_by: int | None = None
    is_anonymous: bool = False
    custom_title: str | None = None

    @property
    def is_present(self) -> bool:
        return self.status in PRESENT_STATUSES and (self.status != "restricted" or self.is_member)


@dataclass(slots=True)
class Message:
    message_id: int
    chat_id: int
    sender_id: int | None
    date: int
    text: str | None = None
    entities: list[dict] = field(default_factory=list)
    caption: str | None = None
    caption_entities: list[dict] = field(default_factory=list)
    reply_to: int | None = None
    forward_origin: dict | None = None
    contact: dict | None = None
    document: dict | None = None
    photo: list[dict] | None = None
    new_chat_members: list[int] | None = None
    left_chat_member: int | None = None
    pinned_message_id: int | None = None
    reply_markup: dict | None = None
    # A reply keyboard (or its removal) the bot sent with the message: Telegram's apps show it
    # under the chat, but it is not part of the Message the Bot API returns.
    reply_keyboard: dict | None = None
    link_preview_options: dict | None = None
    edit_date: int | None = None
    deleted: bool = False

    @property
    def is_service(self) -> bool:
        return bool(self.new_chat_members or self.left_chat_member or self.pinned_message_id)

    @property
    def content_text(self) -> str:
        return self.text if self.text is not None else (self.caption or "")


@dataclass(slots=True)
class InviteLink:
    link: str
    chat_id: int
    creator_id: int
    creates_join_request: bool = False
    is_primary: bool = False
    is_revoked: bool = False
    name: str | None = None
    expire_date: int | None = None
    member_limit: int | None = None
    joined_count: int = 0


@dataclass(slots=True)
class JoinRequest:
    chat_id: int
    user_id: int
    date: int
    invite_link: str | None = None


@dataclass(slots=True)
class CallbackQuery:
    id: str
    user_id: int
    chat_id: int
    message_id: int
    data: str
    created_at: float
    answer: dict | None = None


@dataclass(slots=True)
class Chat:
    id: int
    type: str  # private, group, supergroup or channel
    title: str | None = None
    username: str | None = None
    description: str | None = None
    members: dict[int, Member] = field(default_factory=dict)
    messages: dict[int, Message] = field(default_factory=dict)
    next_message_id: int = 1
    bot_message_ids: list[int] = field(default_factory=list)
    invite_links: dict[str, InviteLink] = field(default_factory=dict)
    primary_link: str | None = None
    join_requests: dict[int, JoinRequest] = field(default_factory=dict)
    permissions: dict[str, bool] = field(default_factory=dict)
    pinned_message_ids: list[int] = field(default_factory=list)
    bot_was_member: bool = False

    @property
    def is_group(self) -> bool:
        return self.type in GROUP_TYPES
