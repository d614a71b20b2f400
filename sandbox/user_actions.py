"""What people do in the world, with the rules Telegram's apps enforce on them.

Every function raises ControlError when Telegram would not let the person do
it (a banned or restricted user posting, a revoked link, ...). Each one marked
@action is also a route of the control API and a method of SandboxClient,
both derived from its signature (see sandbox.actions); ACTIONS lists them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from sandbox.actions import Action, action, awaited_action
from sandbox.errors import ApiError, conflict, invalid, not_found, refused
from sandbox.formatting import render_text
from sandbox.photos import PhotoError, photo_sizes, placeholder
from sandbox.models import CallbackQuery, Chat, InviteLink, JoinRequest, Member, Message, User
from sandbox.rights import DEFAULT_ADMIN_RIGHTS, DEFAULT_BOT_RIGHTS, admin_rights
from sandbox.views import chat_view, join_request_view, message_view, user_view
from sandbox.world import World

T = TypeVar("T")

_FORWARD_AGE = 60  # seconds: forwarded messages were first sent a minute earlier
CALLBACK_DATA_LIMIT = 64  # bytes, as for InlineKeyboardButton.callback_data


# -- how the control API shows a result -----------------------------------


def _done(world: World, result: None) -> bool:
    return True


def _as_is(world: World, result: T) -> T:
    return result


def _user_with_phone(world: World, person: User) -> dict:
    return {**user_view(person), "phone": person.phone}


# -- looking things up ---------------------------------------------------


def user(world: World, user_id: int) -> User:
    found = world.users.get(user_id)
    if found is None:
        raise not_found(f"user {user_id} does not exist")
    return found


def group(world: World, chat_id: int) -> Chat:
    chat = world.chats.get(chat_id)
    if chat is None:
        raise not_found(f"chat {chat_id} does not exist")
    if not chat.is_group:
        raise invalid(f"chat {chat_id} is a {chat.type} chat, not a group")
    return chat


def chat_for(world: World, chat_id: int, user_id: int) -> Chat:
    """The chat a user acts in: a group, or their own private chat with the bot."""
    if chat_id == user_id:
        return world.private_chat(user(world, user_id).id)
    chat = world.chats.get(chat_id)
    if chat is None:
        raise not_found(f"chat {chat_id} does not exist")
    if chat.type == "private":
        raise refused(f"user {user_id} cannot write in the private chat of user {chat_id}")
    return chat


# -- building the world ----------------------------------------------------


@action("/users", view=_user_with_phone)
def create_user(
    world: World,
    first_name: str,
    *,
    user_id: int | None = None,
    last_name: str | None = None,
    username: str | None = None,
    phone: str | None = None,
    language_code: str | None = "en",
    is_bot: bool = False,
) -> User:
    """A new person (the control API answers with their User and "phone")."""
    if not first_name:
        raise invalid("first_name must not be empty")
    try:
        return world.add_user(
            first_name,
            user_id=user_id,
            last_name=last_name,
            username=username,
            phone=phone,
            language_code=language_code or None,
            is_bot=is_bot,
        )
    except ValueError as error:
        raise conflict(str(error)) from None


@action("/chats", view=chat_view)
def create_group(
    world: World, title: str, *, creator_id: int, supergroup: bool = True, member_ids: Sequence[int] = ()
) -> Chat:
    """A group with its creator and members, added silently (no bot is there to hear)."""
    if user(world, creator_id).is_bot:
        raise invalid("a bot cannot create a group")
    for member_id in member_ids:
        if user(world, member_id).id == world.bot.id:
            raise invalid("add the bot with add_bot, not as a member")
    chat = world.add_group(title, creator_id=creator_id, chat_type="supergroup" if supergroup else "group")
    for member_id in member_ids:
        if member_id != creator_id:
            chat.members[member_id] = Member(member_id, "member")
    return chat


@action("/channels", view=chat_view)
def create_channel(world: World, title: str, *, creator_id: int, username: str | None = None) -> Chat:
    """A channel, only so that messages can be forwarded from it."""
    user(world, creator_id)
    try:
        return world.add_group(title, creator_id=creator_id, chat_type="channel", username=username)
    except ValueError as error:
        raise conflict(str(error)) from None


@action("/chats/{chat_id}/bot", view=_done)
def add_bot(world: World, chat_id: int, *, added_by: int, admin: bool = True, rights: dict | None = None) -> None:
    """Someone adds the bot: my_chat_member, then the new_chat_members service message."""
    chat = group(world, chat_id)
    _require_present(world, chat, added_by)
    if world.bot_member(chat).is_present:
        raise conflict(f"the bot is already in chat {chat_id}")
    if admin:
        _require_right(world, chat, added_by, "can_promote_members", "add the bot as an administrator")
        new = Member(world.bot.id, "administrator", rights=_rights(rights, DEFAULT_BOT_RIGHTS), promoted_by=added_by)
    else:
        _require_may_invite(world, chat, added_by)
        new = Member(world.bot.id, "member")
    world.set_member(chat, new, actor_id=added_by)
    world.post(chat, added_by, new_chat_members=[world.bot.id])


@action("/chats/{chat_id}/bot/rights", view=_done)
def set_bot_rights(world: World, chat_id: int, *, admin: bool, rights: dict | None = None, by: int) -> None:
    """Someone promotes or demotes the bot: my_chat_member."""
    chat = group(world, chat_id)
    if not world.bot_member(chat).is_present:
        raise conflict(f"the bot is not in chat {chat_id}")
    _require_right(world, chat, by, "can_promote_members", "change the bot's rights")
    if admin:
        new = Member(world.bot.id, "administrator", rights=_rights(rights, DEFAULT_BOT_RIGHTS), promoted_by=by)
    else:
        new = Member(world.bot.id, "member")
    world.set_member(chat, new, actor_id=by)


@action("/chats/{chat_id}/members", view=_done)
def add_member(world: World, chat_id: int, user_id: int, *, added_by: int) -> None:
    """Someone adds a person directly: chat_member, then new_chat_members."""
    chat = group(world, chat_id)
    user(world, user_id)
    _require_may_invite(world, chat, added_by)
    current = world.member(chat, user_id)
    if current.is_present:
        raise conflict(f"USER_ALREADY_PARTICIPANT: user {user_id} is already in chat {chat_id}")
    if current.status == "kicked" and not world.has_right(chat, added_by, "can_restrict_members"):
        raise refused(f"user {user_id} is banned in chat {chat_id}; only an administrator who may ban can add them back")
    world.set_member(chat, Member(user_id, "member"), actor_id=added_by)
    world.post(chat, added_by, new_chat_members=[user_id])


@action("/chats/{chat_id}/members/{user_id}/promote", view=_done)
def promote(world: World, chat_id: int, user_id: int, *, by: int, rights: dict | None = None) -> None:
    """Make a person a Telegram administrator: chat_member."""
    chat = group(world, chat_id)
    target = world.member(chat, user_id)
    if not target.is_present:
        raise refused(f"user {user_id} is not a member of chat {chat_id}")
    if target.status == "creator":
        raise invalid(f"user {user_id} is the creator of chat {chat_id}")
    _require_right(world, chat, by, "can_promote_members", "promote members")
    new = Member(user_id, "administrator", rights=_rights(rights, DEFAULT_ADMIN_RIGHTS), promoted_by=by)
    world.set_member(chat, new, actor_id=by)


@action("/chats/{chat_id}/members/{user_id}/leave", view=_done)
def leave(world: World, chat_id: int, user_id: int) -> None:
    """A person leaves: chat_member, then left_chat_member."""
    chat = group(world, chat_id)
    if user_id == world.bot.id:
        raise invalid("the bot leaves through the Bot API method leaveChat")
    current = world.member(chat, user_id)
    if not current.is_present:
        raise refused(f"user {user_id} is not a member of chat {chat_id}")
    if current.status == "creator":
        raise invalid(f"user {user_id} created chat {chat_id} and cannot leave it in the sandbox")
    world.set_member(chat, Member(user_id, "left"), actor_id=user_id)
    world.post(chat, user_id, left_chat_member=user_id)


@action("/chats/{chat_id}/members/{user_id}/remove", view=_done)
def remove_member(world: World, chat_id: int, user_id: int, *, by: int) -> None:
    """An administrator removes someone (the bot too); in supergroups that bans them, as in the apps."""
    chat = group(world, chat_id)
    current = world.member(chat, user_id)
    if not current.is_present:
        raise refused(f"user {user_id} is not a member of chat {chat_id}")
    if current.status == "creator":
        raise refused("the creator cannot be removed")
    _require_right(world, chat, by, "can_restrict_members", "remove members")
    status = "kicked" if chat.type == "supergroup" else "left"
    world.set_member(chat, Member(user_id, status), actor_id=by)
    world.post(chat, by, left_chat_member=user_id)


# -- posting ---------------------------------------------------------------


@action("/chats/{chat_id}/messages", view=message_view)
def send_message(
    world: World, chat_id: int, user_id: int, text: str, *, reply_to: int | None = None, entities: list | None = None
) -> Message:
    """A person posts a text, in a group or in their private chat with the bot (chat_id = user_id)."""
    chat = chat_for(world, chat_id, user_id)
    if chat.type == "private" and text.split(maxsplit=1)[:1] == ["/start"]:
        _start(world, user(world, user_id))
    _require_can_post(world, chat, user_id, "can_send_messages", "send messages")
    plain, found = _render(world, text, entities)
    return world.post(chat, user_id, text=plain, entities=found, reply_to=_reply_target(chat, reply_to))


@action("/chats/{chat_id}/documents", view=message_view)
def send_document(
    world: World,
    chat_id: int,
    user_id: int,
    *,
    file_name: str,
    content: bytes = b"",
    caption: str | None = None,
    mime_type: str = "application/pdf",
) -> Message:
    """A person posts a file (the client uploads it as a multipart form, as Telegram's apps do)."""
    chat = chat_for(world, chat_id, user_id)
    _require_can_post(world, chat, user_id, "can_send_documents", "send documents")
    stored = world.files.add(file_name, content, mime_type)
    document = {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_name": file_name,
        "mime_type": mime_type,
        "file_size": len(content),
    }
    return world.post(chat, user_id, document=document, **_caption(world, caption))


@action("/chats/{chat_id}/photos", view=message_view)
def send_photo(
    world: World, chat_id: int, user_id: int, *, caption: str | None = None, content: bytes | None = None
) -> Message:
    """A photo, kept in the sizes Telegram makes of it (a plain picture when no content is given)."""
    chat = chat_for(world, chat_id, user_id)
    _require_can_post(world, chat, user_id, "can_send_photos", "send photos")
    try:
        made = photo_sizes(content if content is not None else placeholder())
    except PhotoError as error:
        raise invalid(str(error)) from None
    sizes = []
    for size in made:
        stored = world.files.add("photo.jpg", size.content, "image/jpeg", photo=True)
        sizes.append(
            {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id,
             "file_size": len(size.content), "width": size.width, "height": size.height}
        )  # fmt: skip
    return world.post(chat, user_id, photo=sizes, **_caption(world, caption))


@action("/chats/{chat_id}/contacts", view=message_view)
def send_contact(
    world: World,
    chat_id: int,
    user_id: int,
    *,
    phone_number: str,
    first_name: str,
    last_name: str | None = None,
    contact_user_id: int | None = None,
    forwarded_from: int | None = None,
) -> Message:
    """A contact card: the sender's own when contact_user_id is theirs, else someone else's."""
    chat = chat_for(world, chat_id, user_id)
    _require_can_post(world, chat, user_id, "can_send_messages", "send contacts")
    contact: dict = {"phone_number": phone_number, "first_name": first_name}
    if last_name:
        contact["last_name"] = last_name
    if contact_user_id is not None:
        contact["user_id"] = contact_user_id
    origin = _user_origin(world, forwarded_from) if forwarded_from is not None else None
    return world.post(chat, user_id, contact=contact, forward_origin=origin)


@action("/chats/{chat_id}/forwards", view=message_view)
def forward_message(
    world: World,
    chat_id: int,
    user_id: int,
    text: str,
    *,
    origin_user_id: int | None = None,
    origin_chat_id: int | None = None,
    origin_name: str | None = None,
    origin_message_id: int | None = None,
    origin_date: int | None = None,
) -> Message:
    """A forwarded text whose origin is a user, a hidden user, a group or a channel.

    origin_date is when the original was sent (Unix time, not in the future); a minute ago by default.
    """
    chat = chat_for(world, chat_id, user_id)
    _require_can_post(world, chat, user_id, "can_send_messages", "send messages")
    origin = _origin(world, origin_user_id, origin_chat_id, origin_name, origin_message_id)
    if origin_date is not None:
        if not 0 < origin_date <= world.now():
            raise invalid(f"origin_date {origin_date} is not a Unix time in the past")
        origin["date"] = origin_date
    plain, found = _render(world, text, None)
    return world.post(chat, user_id, text=plain, entities=found, forward_origin=origin)


@action("/chats/{chat_id}/messages/{message_id}/edit", view=message_view)
def edit_message(world: World, chat_id: int, message_id: int, user_id: int, text: str) -> Message:
    """A person edits a text they sent: edited_message."""
    chat = chat_for(world, chat_id, user_id)
    message = chat.messages.get(message_id)
    if message is None or message.deleted:
        raise not_found(f"message {message_id} does not exist in chat {chat_id}")
    if message.sender_id != user_id:
        raise refused(f"user {user_id} did not send message {message_id} and cannot edit it")
    if message.text is None:
        raise invalid(f"message {message_id} has no text to edit")
    _require_can_post(world, chat, user_id, "can_send_messages", "edit messages")
    plain, found = _render(world, text, None)
    world.edit(chat, message, text=plain, entities=found)
    return message


def press_button(
    world: World, chat_id: int, message_id: int, user_id: int, callback_data: str, *, forged: bool = False
) -> CallbackQuery:
    """A person presses an inline button the message really has: a callback_query update.

    forged=True is what a modified client can do on real Telegram: send any callback_data
    (up to 64 bytes) for a message of the bot's, whatever its buttons say. Tests use it to
    check that the bot trusts nothing in the data.
    """
    chat = chat_for(world, chat_id, user_id)
    if not world.member(chat, user_id).is_present:
        raise refused(f"user {user_id} is not in chat {chat_id} and cannot see its buttons")
    if user(world, user_id).is_bot:
        raise refused(f"user {user_id} is a bot: Telegram sends callback queries only from people")
    message = chat.messages.get(message_id)
    if message is None or message.deleted:
        raise not_found(f"message {message_id} does not exist in chat {chat_id}")
    if forged:
        if message.sender_id != world.bot.id:
            raise invalid(f"message {message_id} is not the bot's: Telegram sends callback queries only for its own")
        if not 1 <= len(callback_data.encode()) <= CALLBACK_DATA_LIMIT:
            raise invalid(f"callback_data must be 1-{CALLBACK_DATA_LIMIT} bytes")
    elif callback_data not in _callback_data(message):
        raise invalid(f"message {message_id} has no button with callback_data {callback_data!r}")
    return world.add_callback_query(chat, message, user_id, callback_data)


@awaited_action("/chats/{chat_id}/messages/{message_id}/press", waits="wait")
async def press_and_await_answer(
    world: World, chat_id: int, message_id: int, user_id: int, callback_data: str, *,
    wait: float = 5.0, forged: bool = False,
) -> dict:
    """press_button, then {"text", "show_alert"} of the bot's answerCallbackQuery (TimeoutError after wait s)."""
    query = press_button(world, chat_id, message_id, user_id, callback_data, forged=forged)
    try:
        await world.events.wait_for(lambda: query.answer, wait)
    except TimeoutError:
        late = f"the bot did not answer callback query {query.id} ({query.data!r}) within {wait:g}s"
        raise TimeoutError(late) from None
    return dict(query.answer or {})


# -- joining -----------------------------------------------------------------


@action("/join", view=_as_is)
def join_by_link(world: World, user_id: int, invite_link: str) -> str:
    """"joined", or "requested" for a link that needs an administrator's approval."""
    user(world, user_id)
    link = world.find_invite_link(invite_link)
    if link is None:
        raise not_found(f"invite link {invite_link} does not exist")
    if link.is_revoked:
        raise refused(f"invite link {invite_link} has been revoked")
    if link.expire_date is not None and link.expire_date <= world.now():
        raise refused(f"invite link {invite_link} has expired")
    chat = world.chats[link.chat_id]
    _require_may_join(world, chat, user_id)
    if link.creates_join_request:
        _new_join_request(world, chat, user_id, link)
        return "requested"
    if link.member_limit is not None and link.joined_count >= link.member_limit:
        raise refused(f"invite link {invite_link} has reached its member limit")
    link.joined_count += 1
    world.set_member(chat, Member(user_id, "member"), actor_id=user_id, invite_link=link)
    world.post(chat, user_id, new_chat_members=[user_id])
    return "joined"


@action("/chats/{chat_id}/join_requests", view=join_request_view)
def request_join(world: World, chat_id: int, user_id: int, *, invite_link: str | None = None) -> JoinRequest:
    """A person asks to join (through one of the chat's links, if given): chat_join_request."""
    chat = group(world, chat_id)
    user(world, user_id)
    link = None
    if invite_link is not None:
        link = chat.invite_links.get(invite_link)
        if link is None:
            raise not_found(f"invite link {invite_link} does not belong to chat {chat_id}")
    _require_may_join(world, chat, user_id)
    return _new_join_request(world, chat, user_id, link)


def _new_join_request(world: World, chat: Chat, user_id: int, link: InviteLink | None) -> JoinRequest:
    if user_id in chat.join_requests:
        raise conflict(f"user {user_id} has already asked to join chat {chat.id}")
    return world.add_join_request(chat, user_id, link)


@action("/users/{user_id}/start", view=message_view)
def start_bot(world: World, user_id: int) -> Message:
    """The person opens the private chat and presses Start: a /start message."""
    return send_message(world, user_id, user_id, "/start")


@action("/users/{user_id}/block", view=_done)
def block_bot(world: World, user_id: int, *, blocked: bool = True) -> None:
    """A person blocks the bot (or unblocks it with blocked=False)."""
    user(world, user_id).blocked_bot = blocked


def _start(world: World, person: User) -> None:
    if person.is_bot:
        raise invalid("a bot cannot start another bot")
    person.started_bot = True
    person.blocked_bot = False


# -- rules -------------------------------------------------------------------


def _require_present(world: World, chat: Chat, user_id: int) -> Member:
    user(world, user_id)
    member = world.member(chat, user_id)
    if member.status == "kicked":
        raise refused(f"user {user_id} is banned in chat {chat.id}")
    if not member.is_present:
        raise refused(f"user {user_id} is not a member of chat {chat.id}")
    return member


def _require_right(world: World, chat: Chat, user_id: int, right: str, doing: str) -> None:
    _require_present(world, chat, user_id)
    if not world.has_right(chat, user_id, right):
        raise refused(f"user {user_id} may not {doing} in chat {chat.id}: needs {right}")


def _require_may_invite(world: World, chat: Chat, user_id: int) -> None:
    member = _require_present(world, chat, user_id)
    allowed = world.has_right(chat, user_id, "can_invite_users") or (
        member.status in ("member", "restricted")
        and (member.permissions if member.status == "restricted" else chat.permissions).get("can_invite_users")
    )
    if not allowed:
        raise refused(f"user {user_id} may not add members to chat {chat.id}")


def _require_may_join(world: World, chat: Chat, user_id: int) -> None:
    current = world.member(chat, user_id)
    if current.status == "kicked":
        raise refused(f"user {user_id} is banned in chat {chat.id}")
    if current.is_present:
        raise conflict(f"USER_ALREADY_PARTICIPANT: user {user_id} is already in chat {chat.id}")


def _require_can_post(world: World, chat: Chat, user_id: int, permission: str, doing: str) -> None:
    if chat.type == "private":
        person = user(world, user_id)
        if not person.started_bot and not chat.bot_message_ids:
            raise refused(f"user {user_id} has not started the bot; call start_bot first")
        person.started_bot = True  # replying to a bot that wrote first starts the conversation
        return
    if chat.type == "channel":
        raise invalid("posting in channels is not simulated")
    member = _require_present(world, chat, user_id)
    if member.status in ("creator", "administrator"):
        return
    if member.status == "restricted" and not member.permissions.get(permission, False):
        raise refused(f"user {user_id} is restricted in chat {chat.id} and may not {doing}")
    if member.status == "member" and not chat.permissions.get(permission, False):
        raise refused(f"members of chat {chat.id} may not {doing}")


def _rights(given: dict | None, defaults: dict) -> dict:
    try:
        return admin_rights(given, defaults)
    except ValueError as error:
        raise invalid(str(error)) from None


def _render(world: World, text: str, entities: list | None) -> tuple[str, list[dict]]:
    try:
        plain, found = render_text(text, parse_mode=None, entities=entities, lookup_user=world.lookup_user_view)
    except ApiError as error:
        raise invalid(error.description) from None
    if not plain:
        raise invalid("message text is empty")
    return plain, found


def _caption(world: World, caption: str | None) -> dict:
    if not caption:
        return {}
    plain, found = render_text(caption, parse_mode=None, entities=None, lookup_user=world.lookup_user_view)
    return {"caption": plain, "caption_entities": found}


def _reply_target(chat: Chat, reply_to: int | None) -> int | None:
    if reply_to is None:
        return None
    replied = chat.messages.get(reply_to)
    if replied is None or replied.deleted:
        raise not_found(f"message {reply_to} to reply to does not exist in chat {chat.id}")
    return reply_to


def _callback_data(message: Message) -> set[str]:
    keyboard = (message.reply_markup or {}).get("inline_keyboard", [])
    return {button["callback_data"] for row in keyboard for button in row if "callback_data" in button}


def _user_origin(world: World, user_id: int) -> dict:
    return {"type": "user", "date": world.now() - _FORWARD_AGE, "sender_user": user_view(user(world, user_id))}


def _origin(
    world: World,
    origin_user_id: int | None,
    origin_chat_id: int | None,
    origin_name: str | None,
    origin_message_id: int | None,
) -> dict:
    chosen = [x for x in (origin_user_id, origin_chat_id, origin_name) if x is not None]
    if len(chosen) != 1:
        raise invalid("give exactly one of origin_user_id, origin_chat_id and origin_name")
    date = world.now() - _FORWARD_AGE
    if origin_user_id is not None:
        return _user_origin(world, origin_user_id)
    if origin_name is not None:
        return {"type": "hidden_user", "date": date, "sender_user_name": origin_name}
    source = world.chats.get(origin_chat_id)  # type: ignore[arg-type]
    if source is None or source.type == "private":
        raise not_found(f"chat {origin_chat_id} to forward from does not exist")
    if source.type == "channel":
        return {"type": "channel", "date": date, "chat": chat_view(world, source), "message_id": origin_message_id or 1}
    return {"type": "chat", "date": date, "sender_chat": chat_view(world, source)}


# The actions, in the order the control API's README lists them; each is a route and a client method.
ACTIONS: tuple[Action, ...] = (
    create_user, start_bot, block_bot, create_group, create_channel, add_bot, set_bot_rights,
    add_member, promote, leave, remove_member, send_message, send_document, send_photo, send_contact,
    forward_message, edit_message, press_and_await_answer, request_join, join_by_link,
)  # fmt: skip
