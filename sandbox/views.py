"""The world's records as Telegram-shaped dicts (field names and nesting per api.json).

Optional fields that have no value are left out, as Telegram leaves them out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sandbox.models import CallbackQuery, Chat, InviteLink, JoinRequest, Member, Message, User
from sandbox.rights import ADMIN_RIGHTS_ALWAYS, ADMIN_RIGHTS_GROUP, PERMISSIONS

if TYPE_CHECKING:
    from sandbox.world import World

_MAX_REACTION_COUNT = 11
_ACCEPTED_GIFT_TYPES = {
    "unlimited_gifts": True,
    "limited_gifts": True,
    "unique_gifts": True,
    "premium_subscription": True,
    "gifts_from_channels": True,
}


def user_view(user: User) -> dict:
    view: dict = {"id": user.id, "is_bot": user.is_bot, "first_name": user.first_name}
    _put(view, "last_name", user.last_name)
    _put(view, "username", user.username)
    _put(view, "language_code", user.language_code)
    return view


def chat_view(world: World, chat: Chat) -> dict:
    view: dict = {"id": chat.id, "type": chat.type}
    if chat.type == "private":
        user = world.users[chat.id]
        view["first_name"] = user.first_name
        _put(view, "last_name", user.last_name)
        _put(view, "username", user.username)
    else:
        view["title"] = chat.title or ""
        _put(view, "username", chat.username)
    return view


def chat_full_info_view(world: World, chat: Chat) -> dict:
    view = chat_view(world, chat)
    view["accent_color_id"] = 0
    view["max_reaction_count"] = _MAX_REACTION_COUNT
    view["accepted_gift_types"] = dict(_ACCEPTED_GIFT_TYPES)
    if chat.is_group:
        view["permissions"] = dict(chat.permissions)
        _put(view, "description", chat.description)
        if chat.primary_link and world.bot_can_see_links(chat):
            view["invite_link"] = chat.primary_link
    if chat.pinned_message_ids:
        pinned = chat.messages.get(chat.pinned_message_ids[-1])
        if pinned is not None and not pinned.deleted:
            view["pinned_message"] = message_view(world, pinned, with_reply=False)
    return view


def message_view(world: World, message: Message, *, with_reply: bool = True) -> dict:
    """A Message as the bot receives it; a reply's own reply is left out, as Telegram does."""
    chat = world.chats[message.chat_id]
    view: dict = {"message_id": message.message_id}
    if message.sender_id is not None:
        view["from"] = user_view(world.users[message.sender_id])
    view["date"] = message.date
    view["chat"] = chat_view(world, chat)
    _put(view, "forward_origin", message.forward_origin)
    if with_reply and message.reply_to is not None:
        replied = chat.messages.get(message.reply_to)
        if replied is not None and not replied.deleted:
            view["reply_to_message"] = message_view(world, replied, with_reply=False)
    _put(view, "edit_date", message.edit_date)
    if message.text is not None:
        view["text"] = message.text
        if message.entities:
            view["entities"] = message.entities
        _put(view, "link_preview_options", message.link_preview_options)
    _put(view, "document", message.document)
    _put(view, "photo", message.photo)
    if message.caption is not None:
        view["caption"] = message.caption
        if message.caption_entities:
            view["caption_entities"] = message.caption_entities
    _put(view, "contact", message.contact)
    if message.new_chat_members:
        view["new_chat_members"] = [user_view(world.users[i]) for i in message.new_chat_members]
    if message.left_chat_member is not None:
        view["left_chat_member"] = user_view(world.users[message.left_chat_member])
    if message.pinned_message_id is not None:
        view["pinned_message"] = _maybe_inaccessible(world, chat, message.pinned_message_id)
    _put(view, "reply_markup", message.reply_markup)
    return view


def _maybe_inaccessible(world: World, chat: Chat, message_id: int) -> dict:
    pinned = chat.messages.get(message_id)
    if pinned is None or pinned.deleted:
        return {"chat": chat_view(world, chat), "message_id": message_id, "date": 0}
    return message_view(world, pinned, with_reply=False)


def member_view(world: World, chat: Chat, member: Member) -> dict:
    """A ChatMember of the variant its status names."""
    user = user_view(world.users[member.user_id])
    status = member.status
    if status == "creator":
        view = {"status": status, "user": user, "is_anonymous": member.is_anonymous}
        _put(view, "custom_title", member.custom_title)
        return view
    if status == "administrator":
        return _administrator_view(world, chat, member, user)
    if status == "restricted":
        view = {"status": status, "user": user, "is_member": member.is_member}
        view.update({name: member.permissions.get(name, False) for name in PERMISSIONS})
        view["until_date"] = member.until_date
        return view
    if status == "kicked":
        return {"status": status, "user": user, "until_date": member.until_date}
    return {"status": status, "user": user}


def _administrator_view(world: World, chat: Chat, member: Member, user: dict) -> dict:
    view = {
        "status": "administrator",
        "user": user,
        # The bot may change the rights only of administrators it promoted itself.
        "can_be_edited": member.promoted_by == world.bot.id,
        "is_anonymous": member.is_anonymous,
    }
    view.update({right: member.rights.get(right, False) for right in ADMIN_RIGHTS_ALWAYS})
    if chat.is_group:
        view.update({right: member.rights.get(right, False) for right in ADMIN_RIGHTS_GROUP})
    _put(view, "custom_title", member.custom_title)
    return view


def invite_link_view(world: World, link: InviteLink) -> dict:
    """A ChatInviteLink; links another administrator made are shown cut short, as Telegram does."""
    chat = world.chats[link.chat_id]
    shown = link.link if link.creator_id == world.bot.id else _masked(link.link)
    view: dict = {
        "invite_link": shown,
        "creator": user_view(world.users[link.creator_id]),
        "creates_join_request": link.creates_join_request,
        "is_primary": link.is_primary,
        "is_revoked": link.is_revoked,
    }
    _put(view, "name", link.name)
    _put(view, "expire_date", link.expire_date)
    _put(view, "member_limit", link.member_limit)
    if link.creates_join_request:
        pending = sum(1 for r in chat.join_requests.values() if r.invite_link == link.link)
        view["pending_join_request_count"] = pending
    return view


def full_invite_link_view(world: World, link: InviteLink) -> dict:
    """The same, with the whole link (for the control API, not the bot)."""
    view = invite_link_view(world, link)
    view["invite_link"] = link.link
    return view


def _masked(link: str) -> str:
    head, _, secret = link.rpartition("+")
    return f"{head}+{secret[:4]}…" if head else f"{link[:-8]}…"


def join_request_view(world: World, request: JoinRequest) -> dict:
    chat = world.chats[request.chat_id]
    view: dict = {
        "chat": chat_view(world, chat),
        "from": user_view(world.users[request.user_id]),
        "user_chat_id": request.user_id,
        "date": request.date,
    }
    if request.invite_link and request.invite_link in chat.invite_links:
        view["invite_link"] = invite_link_view(world, chat.invite_links[request.invite_link])
    return view


def callback_query_view(world: World, query: CallbackQuery) -> dict:
    chat = world.chats[query.chat_id]
    return {
        "id": query.id,
        "from": user_view(world.users[query.user_id]),
        "message": message_view(world, chat.messages[query.message_id]),
        "chat_instance": str((world.bot.id * 1_000_003 + abs(chat.id)) % 10**18),
        "data": query.data,
    }


def _put(view: dict, key: str, value: object) -> None:
    if value is not None:
        view[key] = value
