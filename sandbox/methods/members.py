"""Chats and their members as the bot sees and changes them."""

from __future__ import annotations

from sandbox.errors import bad_request
from sandbox.methods.access import (
    PRIVATE_STATUS,
    RESTRICT_RIGHTS,
    editable_by_bot,
    require_access,
    require_bot_right,
    require_group,
    resolve_chat,
    resolve_user,
    until_date,
)
from sandbox.models import Chat, Member
from sandbox.rights import ADMIN_RIGHTS, PERMISSIONS, permissions_from
from sandbox.views import chat_full_info_view, member_view
from sandbox.world import World

PROMOTE_RIGHTS = "not enough rights to promote or demote chat members"


def _chat(world: World, params: dict) -> Chat:
    chat = resolve_chat(world, params["chat_id"])
    require_access(world, chat)
    return chat


def get_chat(world: World, params: dict) -> dict:
    return chat_full_info_view(world, _chat(world, params))


def get_chat_member(world: World, params: dict) -> dict:
    chat = _chat(world, params)
    user = resolve_user(world, params["user_id"])
    return member_view(world, chat, world.member(chat, user.id))


def get_chat_administrators(world: World, params: dict) -> list[dict]:
    chat = _chat(world, params)
    require_group(chat, "there are no administrators in the private chat")
    return_bots = params.get("return_bots", False)
    return [
        member_view(world, chat, member)
        for member in world.present_members(chat)
        if member.status in ("creator", "administrator")
        and (return_bots or member.user_id == world.bot.id or not world.users[member.user_id].is_bot)
    ]


def get_chat_member_count(world: World, params: dict) -> int:
    chat = _chat(world, params)
    return len(world.present_members(chat))


def ban_chat_member(world: World, params: dict) -> bool:
    chat, target = _target(world, params)
    if target.status == "creator":
        raise bad_request("can't remove chat owner")
    if not editable_by_bot(world, chat, target):
        raise bad_request("user is an administrator of the chat")
    was_present = target.is_present
    banned = Member(target.user_id, "kicked", until_date=until_date(world, params.get("until_date")))
    world.set_member(chat, banned, actor_id=world.bot.id)
    if was_present:
        world.post(chat, world.bot.id, left_chat_member=target.user_id)
    if params.get("revoke_messages") or chat.type == "group":
        for message in list(chat.messages.values()):
            if message.sender_id == target.user_id and not message.deleted:
                world.delete(chat, message)
    return True


def unban_chat_member(world: World, params: dict) -> bool:
    """Afterwards the user is not in the chat but may join; only_if_banned spares members."""
    chat, target = _target(world, params)
    if target.status == "creator":
        raise bad_request("can't remove chat owner")
    if target.status == "administrator":
        raise bad_request("user is an administrator of the chat")
    if target.status == "kicked":
        world.set_member(chat, Member(target.user_id, "left"), actor_id=world.bot.id)
    elif target.is_present and not params.get("only_if_banned"):
        world.set_member(chat, Member(target.user_id, "left"), actor_id=world.bot.id)
        world.post(chat, world.bot.id, left_chat_member=target.user_id)
    elif target.status == "restricted" and not params.get("only_if_banned"):
        world.set_member(chat, Member(target.user_id, "left"), actor_id=world.bot.id)
    return True


def restrict_chat_member(world: World, params: dict) -> bool:
    chat = _chat(world, params)
    if chat.type != "supergroup":
        raise bad_request("method is available only for supergroups")
    chat, target = _target(world, params)
    if target.status in ("creator", "administrator"):
        raise bad_request("user is an administrator of the chat")
    permissions = permissions_from(
        params["permissions"], independent=params.get("use_independent_chat_permissions", False)
    )
    in_chat = target.is_present
    if all(permissions[name] or not chat.permissions.get(name) for name in PERMISSIONS):
        # Nothing stricter than the group's own rules: Telegram lifts the restriction.
        new = Member(target.user_id, "member" if in_chat else "left")
    else:
        new = Member(
            target.user_id,
            "restricted",
            permissions=permissions,
            until_date=until_date(world, params.get("until_date")),
            is_member=in_chat,
        )
    world.set_member(chat, new, actor_id=world.bot.id)
    return True


def promote_chat_member(world: World, params: dict) -> bool:
    chat = _chat(world, params)
    require_group(chat)
    require_bot_right(world, chat, "can_promote_members", PROMOTE_RIGHTS)
    user = resolve_user(world, params["user_id"])
    target = world.member(chat, user.id)
    if target.status == "creator":
        raise bad_request("can't change the rights of the chat owner")
    if not target.is_present:
        raise bad_request("user is not a member of the chat")
    if not editable_by_bot(world, chat, target):
        raise bad_request("not enough rights to change the rights of an administrator the bot did not promote")
    rights = {right: params.get(right, False) for right in ADMIN_RIGHTS}
    bot = world.bot_member(chat)
    for right, wanted in rights.items():
        if wanted and bot.status != "creator" and not bot.rights.get(right):
            raise bad_request("RIGHT_FORBIDDEN")
    if any(rights.values()):
        new = Member(
            user.id, "administrator", rights=rights, promoted_by=world.bot.id,
            is_anonymous=params.get("is_anonymous", False),
        )  # fmt: skip
    else:
        new = Member(user.id, "member")
    world.set_member(chat, new, actor_id=world.bot.id)
    return True


def leave_chat(world: World, params: dict) -> bool:
    chat = _chat(world, params)
    require_group(chat)
    world.set_member(chat, Member(world.bot.id, "left"), actor_id=world.bot.id)
    world.post(chat, world.bot.id, left_chat_member=world.bot.id)
    return True


def _target(world: World, params: dict) -> tuple[Chat, Member]:
    """The chat and the member a ban, unban or restriction is about, with the bot's right checked."""
    chat = _chat(world, params)
    require_group(chat, PRIVATE_STATUS)
    require_bot_right(world, chat, "can_restrict_members", RESTRICT_RIGHTS)
    user = resolve_user(world, params["user_id"])
    if user.id == world.bot.id:
        raise bad_request("can't restrict self")
    return chat, world.member(chat, user.id)


METHODS = {
    "getChat": get_chat,
    "getChatMember": get_chat_member,
    "getChatAdministrators": get_chat_administrators,
    "getChatMemberCount": get_chat_member_count,
    "banChatMember": ban_chat_member,
    "unbanChatMember": unban_chat_member,
    "restrictChatMember": restrict_chat_member,
    "promoteChatMember": promote_chat_member,
    "leaveChat": leave_chat,
}
