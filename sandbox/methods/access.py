"""Who may do what, from the bot's side: finding chats and users, and Telegram's refusals."""

from __future__ import annotations

from sandbox.errors import bad_request, forbidden
from sandbox.models import Chat, Member, Message, User
from sandbox.world import World

RESTRICT_RIGHTS = "not enough rights to restrict/unrestrict chat member"
PRIVATE_STATUS = "chat member status can't be changed in private chats"
_CHAT_KINDS = {"group": "group chat", "supergroup": "supergroup chat", "channel": "channel chat"}
_SEND_PERMISSION_WORDS = {
    "can_send_messages": "text messages",
    "can_send_documents": "documents",
    "can_send_photos": "photos",
}


def resolve_chat(world: World, chat_id: int | str) -> Chat:
    """The chat a chat_id names (an id or "@username"); 400 chat not found."""
    if isinstance(chat_id, str):
        chat = world.chat_by_username(chat_id) if chat_id.startswith("@") else None
    else:
        chat = world.chats.get(chat_id)
        if chat is None and chat_id in world.users and chat_id != world.bot.id:
            chat = world.private_chat(chat_id)
    if chat is None:
        raise bad_request("chat not found")
    return chat


def require_access(world: World, chat: Chat) -> None:
    """The bot must be in a group to read or act in it; 403 if it left or was kicked."""
    if chat.type == "private":
        return
    member = world.bot_member(chat)
    if member.is_present:
        return
    kind = _CHAT_KINDS.get(chat.type, "chat")
    if member.status == "kicked":
        raise forbidden(f"bot was kicked from the {kind}")
    if chat.bot_was_member:
        raise forbidden(f"bot is not a member of the {kind}")
    raise bad_request("chat not found")


def require_can_send(world: World, chat: Chat, permission: str = "can_send_messages") -> None:
    """The bot may post here: a started private chat, or a group whose rules let it."""
    require_access(world, chat)
    if chat.type == "private":
        _require_may_write_to(world, world.users[chat.id])
        return
    member = world.bot_member(chat)
    if member.status in ("creator", "administrator"):
        return
    allowed = member.permissions if member.status == "restricted" else chat.permissions
    if not allowed.get(permission, False):
        words = _SEND_PERMISSION_WORDS.get(permission, "messages")
        raise bad_request(f"not enough rights to send {words} to the chat")


def _require_may_write_to(world: World, user: User) -> None:
    if user.is_bot:
        raise forbidden("bot can't send messages to bots")
    if user.blocked_bot:
        raise forbidden("bot was blocked by the user")
    if not user.started_bot and world.clock() > user.may_be_contacted_until:
        raise forbidden("bot can't initiate conversation with a user")


def require_group(chat: Chat, problem: str = PRIVATE_STATUS) -> None:
    if not chat.is_group:
        raise bad_request(problem)


def require_bot_right(world: World, chat: Chat, right: str, problem: str) -> None:
    if not world.has_right(chat, world.bot.id, right):
        raise bad_request(problem)


def resolve_user(world: World, user_id: int) -> User:
    user = world.users.get(user_id)
    if user is None:
        raise bad_request("user not found")
    return user


def live_message(chat: Chat, message_id: int, problem: str) -> Message:
    """A message that exists and is not deleted; 400 `problem` otherwise."""
    message = chat.messages.get(message_id)
    if message is None or message.deleted:
        raise bad_request(problem)
    return message


def editable_by_bot(world: World, chat: Chat, member: Member) -> bool:
    """Whether the bot may change this member (an administrator only if the bot promoted them)."""
    if member.status == "creator":
        return False
    return member.status != "administrator" or member.promoted_by == world.bot.id


def until_date(world: World, value: int | None) -> int:
    """Telegram's rule: less than 30 seconds or more than 366 days from now means forever."""
    if not value:
        return 0
    ahead = value - world.now()
    return value if 30 <= ahead <= 366 * 24 * 3600 else 0
