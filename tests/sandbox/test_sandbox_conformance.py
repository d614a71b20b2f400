"""Every implemented Bot API method, checked three ways against the spec and python-telegram-bot.

(a) an unknown parameter is refused naming it, (b) each required parameter,
left out, is refused naming it, (c) a successful call answers exactly the
spec's shape, which python-telegram-bot's own classes parse; and the same call
made through telegram.Bot succeeds (so PTB's encoding is understood).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import pytest
import telegram
from telegram import (
    BotCommand,
    ChatFullInfo,
    ChatInviteLink,
    ChatMember,
    ChatPermissions,
    File,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
    User,
    WebhookInfo,
)

from sandbox import user_actions
from sandbox.apispec import load_spec
from sandbox.methods import method_table
from sandbox.schema import check_value
from sandbox.server import SandboxServer

BOT_RIGHTS = {"can_promote_members": True}
KEYBOARD = {"inline_keyboard": [[{"text": "Yes", "callback_data": "yes"}]]}


@dataclass
class Scene:
    """A supergroup with the bot as a full administrator, and something of everything in it."""

    chat_id: int
    asha: int  # creator
    ravi: int  # member, has started the bot
    mira: int  # asked to join
    user_message_id: int
    bot_message_id: int
    callback_query_id: str
    invite_link: str
    file_id: str
    photo_file_id: str


@pytest.fixture
async def scene(server: SandboxServer, client, raw) -> Scene:
    asha = await client.create_user("Asha", username="asha_patel")
    ravi = await client.create_user("Ravi")
    mira = await client.create_user("Mira")
    group = await client.create_group("Office", creator_id=asha["id"], member_ids=[ravi["id"]])
    chat_id = group["id"]
    await client.add_bot(chat_id, added_by=asha["id"], rights=BOT_RIGHTS)
    await client.start_bot(ravi["id"])
    await client.request_join(chat_id, mira["id"])
    user_message = await client.send_message(chat_id, ravi["id"], "Namaste")
    bot_message = await raw.ok("sendMessage", {"chat_id": chat_id, "text": "Agree?", "reply_markup": KEYBOARD})
    query = user_actions.press_button(server.world, chat_id, bot_message["message_id"], ravi["id"], "yes")
    link = await raw.ok("createChatInviteLink", {"chat_id": chat_id, "name": "for staff"})
    document = await client.send_document(chat_id, ravi["id"], file_name="order.pdf", content=b"%PDF-1.4")
    photo = await client.send_photo(chat_id, ravi["id"])
    return Scene(
        chat_id=chat_id, asha=asha["id"], ravi=ravi["id"], mira=mira["id"],
        user_message_id=user_message["message_id"], bot_message_id=bot_message["message_id"],
        callback_query_id=query.id, invite_link=link["invite_link"], file_id=document["document"]["file_id"],
        photo_file_id=photo["photo"][-1]["file_id"],
    )  # fmt: skip


def _one(parse: Callable[[dict, telegram.Bot], Any]) -> Callable[[Any, telegram.Bot], None]:
    def check(result: Any, bot: telegram.Bot) -> None:
        parsed = parse(result, bot)
        assert parsed is not None
        assert not parsed.api_kwargs, f"fields python-telegram-bot does not know: {parsed.api_kwargs}"

    return check


def _many(parse: Callable[[dict, telegram.Bot], Any]) -> Callable[[Any, telegram.Bot], None]:
    one = _one(parse)

    def check(result: Any, bot: telegram.Bot) -> None:
        assert isinstance(result, list)
        for item in result:
            one(item, bot)

    return check


def _is(kind: type) -> Callable[[Any, telegram.Bot], None]:
    def check(result: Any, bot: telegram.Bot) -> None:
        assert isinstance(result, kind) and not isinstance(result, bool) or kind is bool and result is True

    return check


@dataclass
class Case:
    params: Callable[[Scene], dict]
    through_ptb: Callable[[telegram.Bot, Scene], Awaitable[Any]]
    parse: Callable[[Any, telegram.Bot], None]


_markup = InlineKeyboardMarkup([[InlineKeyboardButton("No", callback_data="no")]])

CASES: dict[str, Case] = {
    "getMe": Case(lambda s: {}, lambda b, s: b.get_me(), _one(User.de_json)),
    "getUpdates": Case(lambda s: {"timeout": 0}, lambda b, s: b.get_updates(), _many(Update.de_json)),
    "setMyCommands": Case(
        lambda s: {"commands": [{"command": "help", "description": "Help"}]},
        lambda b, s: b.set_my_commands([BotCommand("help", "Help")]),
        _is(bool),
    ),
    "getMyCommands": Case(lambda s: {}, lambda b, s: b.get_my_commands(), _many(BotCommand.de_json)),
    "deleteMyCommands": Case(lambda s: {}, lambda b, s: b.delete_my_commands(), _is(bool)),
    "setWebhook": Case(
        lambda s: {"url": "https://example.org/hook"},
        lambda b, s: b.set_webhook("https://example.org/hook"),
        _is(bool),
    ),
    "deleteWebhook": Case(lambda s: {}, lambda b, s: b.delete_webhook(), _is(bool)),
    "getWebhookInfo": Case(lambda s: {}, lambda b, s: b.get_webhook_info(), _one(WebhookInfo.de_json)),
    "logOut": Case(lambda s: {}, lambda b, s: b.log_out(), _is(bool)),
    "close": Case(lambda s: {}, lambda b, s: b.close(), _is(bool)),
    "setChatMenuButton": Case(lambda s: {}, lambda b, s: b.set_chat_menu_button(), _is(bool)),
    "getChat": Case(
        lambda s: {"chat_id": s.chat_id}, lambda b, s: b.get_chat(s.chat_id), _one(ChatFullInfo.de_json)
    ),
    "getChatMember": Case(
        lambda s: {"chat_id": s.chat_id, "user_id": s.ravi},
        lambda b, s: b.get_chat_member(s.chat_id, s.ravi),
        _one(ChatMember.de_json),
    ),
    "getChatAdministrators": Case(
        lambda s: {"chat_id": s.chat_id},
        lambda b, s: b.get_chat_administrators(s.chat_id),
        _many(ChatMember.de_json),
    ),
    "getChatMemberCount": Case(
        lambda s: {"chat_id": s.chat_id}, lambda b, s: b.get_chat_member_count(s.chat_id), _is(int)
    ),
    "sendMessage": Case(
        lambda s: {"chat_id": s.chat_id, "text": "<b>Meeting</b> at 10", "parse_mode": "HTML", "reply_markup": KEYBOARD},
        lambda b, s: b.send_message(s.chat_id, "<b>Meeting</b>", parse_mode="HTML", reply_markup=_markup,
                                    reply_to_message_id=s.user_message_id),
        _one(Message.de_json),
    ),  # fmt: skip
    "editMessageText": Case(
        lambda s: {"chat_id": s.chat_id, "message_id": s.bot_message_id, "text": "Closed"},
        lambda b, s: b.edit_message_text("Closed", chat_id=s.chat_id, message_id=s.bot_message_id),
        _one(Message.de_json),
    ),
    "editMessageReplyMarkup": Case(
        lambda s: {"chat_id": s.chat_id, "message_id": s.bot_message_id},
        lambda b, s: b.edit_message_reply_markup(s.chat_id, s.bot_message_id, reply_markup=_markup),
        _one(Message.de_json),
    ),
    "deleteMessage": Case(
        lambda s: {"chat_id": s.chat_id, "message_id": s.user_message_id},
        lambda b, s: b.delete_message(s.chat_id, s.user_message_id),
        _is(bool),
    ),
    "deleteMessages": Case(
        lambda s: {"chat_id": s.chat_id, "message_ids": [s.user_message_id, s.bot_message_id]},
        lambda b, s: b.delete_messages(s.chat_id, [s.user_message_id, s.bot_message_id]),
        _is(bool),
    ),
    "sendDocument": Case(
        lambda s: {"chat_id": s.chat_id, "document": s.file_id, "caption": "<i>Order</i>", "parse_mode": "HTML"},
        lambda b, s: b.send_document(s.chat_id, b"%PDF-1.4 report", filename="report.pdf", caption="Report"),
        _one(Message.de_json),
    ),
    "sendPhoto": Case(
        lambda s: {"chat_id": s.chat_id, "photo": s.photo_file_id, "caption": "<i>Site</i>", "parse_mode": "HTML"},
        lambda b, s: b.send_photo(s.chat_id, s.photo_file_id, caption="Site visit"),
        _one(Message.de_json),
    ),
    "answerCallbackQuery": Case(
        lambda s: {"callback_query_id": s.callback_query_id, "text": "Noted"},
        lambda b, s: b.answer_callback_query(s.callback_query_id, "Noted", show_alert=True),
        _is(bool),
    ),
    "banChatMember": Case(
        lambda s: {"chat_id": s.chat_id, "user_id": s.ravi},
        lambda b, s: b.ban_chat_member(s.chat_id, s.ravi, revoke_messages=True),
        _is(bool),
    ),
    "unbanChatMember": Case(
        lambda s: {"chat_id": s.chat_id, "user_id": s.ravi, "only_if_banned": True},
        lambda b, s: b.unban_chat_member(s.chat_id, s.ravi, only_if_banned=True),
        _is(bool),
    ),
    "restrictChatMember": Case(
        lambda s: {"chat_id": s.chat_id, "user_id": s.ravi, "permissions": {"can_send_messages": False}},
        lambda b, s: b.restrict_chat_member(s.chat_id, s.ravi, ChatPermissions.no_permissions()),
        _is(bool),
    ),
    "promoteChatMember": Case(
        lambda s: {"chat_id": s.chat_id, "user_id": s.ravi, "can_delete_messages": True},
        lambda b, s: b.promote_chat_member(s.chat_id, s.ravi, can_delete_messages=True, can_pin_messages=True),
        _is(bool),
    ),
    "approveChatJoinRequest": Case(
        lambda s: {"chat_id": s.chat_id, "user_id": s.mira},
        lambda b, s: b.approve_chat_join_request(s.chat_id, s.mira),
        _is(bool),
    ),
    "declineChatJoinRequest": Case(
        lambda s: {"chat_id": s.chat_id, "user_id": s.mira},
        lambda b, s: b.decline_chat_join_request(s.chat_id, s.mira),
        _is(bool),
    ),
    "createChatInviteLink": Case(
        lambda s: {"chat_id": s.chat_id, "creates_join_request": True, "name": "applicants"},
        lambda b, s: b.create_chat_invite_link(s.chat_id, member_limit=5, expire_date=4_000_000_000),
        _one(ChatInviteLink.de_json),
    ),
    "editChatInviteLink": Case(
        lambda s: {"chat_id": s.chat_id, "invite_link": s.invite_link, "name": "renamed"},
        lambda b, s: b.edit_chat_invite_link(s.chat_id, s.invite_link, creates_join_request=True),
        _one(ChatInviteLink.de_json),
    ),
    "revokeChatInviteLink": Case(
        lambda s: {"chat_id": s.chat_id, "invite_link": s.invite_link},
        lambda b, s: b.revoke_chat_invite_link(s.chat_id, s.invite_link),
        _one(ChatInviteLink.de_json),
    ),
    "exportChatInviteLink": Case(
        lambda s: {"chat_id": s.chat_id}, lambda b, s: b.export_chat_invite_link(s.chat_id), _is(str)
    ),
    "pinChatMessage": Case(
        lambda s: {"chat_id": s.chat_id, "message_id": s.user_message_id},
        lambda b, s: b.pin_chat_message(s.chat_id, s.user_message_id, disable_notification=True),
        _is(bool),
    ),
    "unpinChatMessage": Case(
        lambda s: {"chat_id": s.chat_id}, lambda b, s: b.unpin_chat_message(s.chat_id), _is(bool)
    ),
    "leaveChat": Case(lambda s: {"chat_id": s.chat_id}, lambda b, s: b.leave_chat(s.chat_id), _is(bool)),
    "sendChatAction": Case(
        lambda s: {"chat_id": s.ravi, "action": "typing"},
        lambda b, s: b.send_chat_action(s.chat_id, "upload_document"),
        _is(bool),
    ),
    "getFile": Case(lambda s: {"file_id": s.file_id}, lambda b, s: b.get_file(s.file_id), _one(File.de_json)),
}

# Parametrisation needs the spec while tests are collected, before fixtures exist.
_SPEC = load_spec()
REQUIRED = [
    (name, field.name)
    for name in sorted(CASES)
    for field in _SPEC.methods[name].fields.values()
    if field.required
]


def test_every_implemented_method_is_in_the_conformance_table():
    assert set(method_table()) == set(CASES)


@pytest.mark.parametrize("method", sorted(CASES))
async def test_unknown_parameter_is_refused_naming_it(method, scene, raw):
    status, body = await raw.call(method, {**CASES[method].params(scene), "colour": "blue"})
    assert (status, body["ok"], body["error_code"]) == (400, False, 400)
    assert body["description"] == 'Bad Request: unknown parameter "colour"'


@pytest.mark.parametrize(("method", "field"), REQUIRED)
async def test_missing_required_parameter_is_refused_naming_it(method, field, scene, raw):
    params = CASES[method].params(scene)
    assert field in params, "the valid call must include every required parameter"
    del params[field]
    status, body = await raw.call(method, params)
    assert status == 400
    assert body["description"] == f'Bad Request: parameter "{field}" is required'


@pytest.mark.parametrize("method", sorted(CASES))
async def test_result_has_the_spec_shape_and_parses_with_ptb(method, scene, raw, spec, bot):
    result = await raw.ok(method, CASES[method].params(scene))
    check_value(spec, spec.methods[method].returns, result, "result")
    CASES[method].parse(result, bot)


@pytest.mark.parametrize("method", sorted(CASES))
async def test_call_through_python_telegram_bot_succeeds(method, scene, bot):
    result = await CASES[method].through_ptb(bot, scene)
    assert result is not None and result is not False
