"""Invite links and join requests."""

from __future__ import annotations

from sandbox.errors import bad_request
from sandbox.methods.access import require_access, require_bot_right, require_group, resolve_chat, resolve_user
from sandbox.models import Chat, InviteLink, Member
from sandbox.views import invite_link_view
from sandbox.world import World

LINK_RIGHTS = "not enough rights to manage chat invite links"
REQUEST_RIGHTS = "not enough rights to manage join requests"
MAX_LINK_NAME = 32
MAX_MEMBER_LIMIT = 99_999


def _managed_chat(world: World, params: dict, problem: str) -> Chat:
    chat = resolve_chat(world, params["chat_id"])
    require_access(world, chat)
    require_group(chat, "invite links are not available in private chats")
    require_bot_right(world, chat, "can_invite_users", problem)
    return chat


def create_chat_invite_link(world: World, params: dict) -> dict:
    chat = _managed_chat(world, params, LINK_RIGHTS)
    link = world.add_invite_link(chat, creator_id=world.bot.id, **_link_settings(world, params))
    return invite_link_view(world, link)


def edit_chat_invite_link(world: World, params: dict) -> dict:
    """Telegram replaces every setting: one left out goes back to its default."""
    chat = _managed_chat(world, params, LINK_RIGHTS)
    link = _existing_link(chat, params["invite_link"])
    if link.is_primary:
        raise bad_request("the primary invite link can't be edited")
    if link.is_revoked:
        raise bad_request("revoked invite link can't be edited")
    settings = _link_settings(world, params)
    link.name = settings["name"]
    link.expire_date = settings["expire_date"]
    link.member_limit = settings["member_limit"]
    link.creates_join_request = settings["creates_join_request"]
    return invite_link_view(world, link)


def revoke_chat_invite_link(world: World, params: dict) -> dict:
    """A revoked primary link is replaced by a new primary one, as Telegram does."""
    chat = _managed_chat(world, params, LINK_RIGHTS)
    link = _existing_link(chat, params["invite_link"])
    link.is_revoked = True
    if link.is_primary:
        _new_primary(world, chat)
    return invite_link_view(world, link)


def export_chat_invite_link(world: World, params: dict) -> str:
    chat = _managed_chat(world, params, LINK_RIGHTS)
    if chat.primary_link:
        chat.invite_links[chat.primary_link].is_revoked = True
    return _new_primary(world, chat).link


def _new_primary(world: World, chat: Chat) -> InviteLink:
    link = world.add_invite_link(chat, creator_id=world.bot.id, is_primary=True)
    chat.primary_link = link.link
    return link


def _existing_link(chat: Chat, invite_link: str) -> InviteLink:
    link = chat.invite_links.get(invite_link)
    if link is None:
        raise bad_request("invite link not found")
    return link


def _link_settings(world: World, params: dict) -> dict:
    name = params.get("name")
    if name is not None and len(name) > MAX_LINK_NAME:
        raise bad_request("invite link name is too long")
    limit = params.get("member_limit")
    if limit is not None and not 1 <= limit <= MAX_MEMBER_LIMIT:
        raise bad_request("member_limit must be between 1 and 99999")
    creates_request = params.get("creates_join_request", False)
    if creates_request and limit is not None:
        raise bad_request("member_limit can't be specified for links that create join requests")
    expire = params.get("expire_date")
    if expire is not None and expire <= world.now():
        raise bad_request("expire_date must be in the future")
    return {"name": name, "expire_date": expire, "member_limit": limit, "creates_join_request": creates_request}


def approve_chat_join_request(world: World, params: dict) -> bool:
    chat, user_id = _request_target(world, params)
    request = world.resolve_join_request(chat, user_id, approved=True)
    link = chat.invite_links.get(request.invite_link) if request.invite_link else None
    if link is not None:
        link.joined_count += 1
    world.set_member(chat, Member(user_id, "member"), actor_id=world.bot.id, invite_link=link, via_join_request=True)
    world.post(chat, user_id, new_chat_members=[user_id])
    return True


def decline_chat_join_request(world: World, params: dict) -> bool:
    chat, user_id = _request_target(world, params)
    world.resolve_join_request(chat, user_id, approved=False)
    return True


def _request_target(world: World, params: dict) -> tuple[Chat, int]:
    chat = _managed_chat(world, params, REQUEST_RIGHTS)
    user = resolve_user(world, params["user_id"])
    if world.member(chat, user.id).is_present:
        chat.join_requests.pop(user.id, None)
        raise bad_request("USER_ALREADY_PARTICIPANT")
    if user.id not in chat.join_requests:
        raise bad_request("HIDE_REQUESTER_MISSING")
    return chat, user.id


METHODS = {
    "createChatInviteLink": create_chat_invite_link,
    "editChatInviteLink": edit_chat_invite_link,
    "revokeChatInviteLink": revoke_chat_invite_link,
    "exportChatInviteLink": export_chat_invite_link,
    "approveChatJoinRequest": approve_chat_join_request,
    "declineChatJoinRequest": decline_chat_join_request,
}
