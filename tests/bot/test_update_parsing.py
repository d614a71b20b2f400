"""bot.update_parsing reads every kind of update exactly as python-telegram-bot's Update.de_json does."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from telegram import Bot, Chat, Message, MessageEntity, Update, User
from telegram.ext import Defaults, ExtBot

from bot.update_parsing import parse_update

BOT = Bot("700000099:TEST-update-parsing-token")
GROUP = {"id": -1001234, "type": "supergroup", "title": "District Kutch"}
ASHA = {"id": 1001, "is_bot": False, "first_name": "Asha", "last_name": "Patel", "language_code": "gu"}
RAVI = {"id": 1002, "is_bot": False, "first_name": "Ravi", "username": "ravi_ddo"}
DATE = 1764740000


def _message(**extra):
    return {"message_id": 42, "from": ASHA, "chat": GROUP, "date": DATE, **extra}


UPDATES = {
    "plain text": {"update_id": 1, "message": _message(text="Relief camp at Bhuj school is open.")},
    "entities and a reply": {"update_id": 2, "message": _message(
        text="/status Mandvi", entities=[{"type": "bot_command", "offset": 0, "length": 7}],
        reply_to_message={**_message(message_id=41, text="Send the status."), "from": RAVI})},
    "a key PTB does not know": {"update_id": 3, "message": _message(text="hello", some_new_field={"x": 1})},
    "a forward": {"update_id": 4, "message": _message(
        text="forwarded", forward_origin={"type": "user", "date": DATE - 60, "sender_user": RAVI})},
    "a photo with a caption": {"update_id": 5, "message": _message(
        caption="Damage at Anjar", photo=[{"file_id": "p1", "file_unique_id": "u1", "width": 90, "height": 60}])},
    "a service message": {"update_id": 6, "message": _message(new_chat_members=[RAVI])},
    "an edit": {"update_id": 7, "edited_message": _message(text="Camp is full now.", edit_date=DATE + 30)},
    "a private message": {"update_id": 8, "message": {
        "message_id": 3, "from": ASHA, "chat": {"id": 1001, "type": "private", "first_name": "Asha"},
        "date": DATE, "text": "/start"}},
    "a callback query": {"update_id": 9, "callback_query": {
        "id": "cb1", "from": ASHA, "chat_instance": "ci", "data": "ack:7", "message": _message(text="Ack?")}},
    "a join request": {"update_id": 10, "chat_join_request": {
        "chat": GROUP, "from": RAVI, "user_chat_id": 1002, "date": DATE}},
    "the bot's status": {"update_id": 11, "my_chat_member": {
        "chat": GROUP, "from": ASHA, "date": DATE,
        "old_chat_member": {"status": "member", "user": {"id": 7, "is_bot": True, "first_name": "Samvad"}},
        "new_chat_member": {"status": "left", "user": {"id": 7, "is_bot": True, "first_name": "Samvad"}}}},
    "a key of the update PTB does not know": {"update_id": 12, "message": _message(text="x"), "novel": 1},
    "a caption's entities in a topic": {"update_id": 14, "message": _message(
        caption="see @ravi_ddo", caption_entities=[{"type": "mention", "offset": 4, "length": 9}],
        message_thread_id=7, is_topic_message=True, media_group_id="g1", has_protected_content=True)},
    "an edit with entities, replying": {"update_id": 15, "edited_message": _message(
        text="Done https://x.in", entities=[{"type": "url", "offset": 5, "length": 12}], edit_date=DATE + 5,
        reply_to_message={**_message(message_id=40, text="Status?"), "reply_to_message": _message(message_id=39)})},
    "a reply to a message Telegram no longer has": {"update_id": 16, "message": _message(
        text="ok", reply_to_message={"message_id": 2, "chat": GROUP, "date": 0})},
    "a deprecated forward field": {"update_id": 17, "message": _message(text="fwd", forward_date=DATE - 9)},
    "no sender, nulls": {"update_id": 18, "message": {**_message(text="x", entities=None), "from": None}},
}


@pytest.mark.parametrize("data", UPDATES.values(), ids=UPDATES.keys())
def test_an_update_reads_as_update_de_json_reads_it(data):
    expected = Update.de_json(data, BOT)
    got = parse_update(data, BOT)
    assert type(got) is Update
    assert got == expected
    assert got.to_dict() == expected.to_dict()
    assert got.api_kwargs == expected.api_kwargs
    assert got.get_bot() is BOT
    message, expected_message = got.effective_message, expected.effective_message
    assert (message is None) == (expected_message is None)
    if message is not None:
        assert type(message) is type(expected_message)
        assert type(message.chat) is Chat and type(message.from_user) is type(expected_message.from_user)
        assert [type(entity) for entity in message.entities] == [MessageEntity] * len(expected_message.entities)
        assert message.api_kwargs == expected_message.api_kwargs
        assert message.date == expected_message.date and message.date.tzinfo is not None
        assert message.get_bot() is BOT
        assert hash(message) == hash(expected_message)


@pytest.mark.parametrize("name", ["plain text", "an edit with entities, replying"])
def test_dates_are_in_the_zone_of_the_bots_defaults(name):
    bot = ExtBot("700000099:TEST-update-parsing-token", defaults=Defaults(tzinfo=ZoneInfo("Asia/Kolkata")))
    expected, got = Update.de_json(UPDATES[name], bot), parse_update(UPDATES[name], bot)
    assert got.to_dict() == expected.to_dict()
    assert got.effective_message.date.utcoffset() == timedelta(hours=5, minutes=30)
    assert got.effective_message.date == expected.effective_message.date


def test_a_parsed_update_is_frozen_as_ptb_leaves_it():
    update = parse_update(UPDATES["plain text"], BOT)
    with pytest.raises(AttributeError):
        update.message.text = "changed"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        update.update_id = 2  # type: ignore[misc]
    with pytest.raises(AttributeError):
        update.message.from_user.first_name = "Someone"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        update.message.chat.title = "Another"  # type: ignore[misc]
    assert isinstance(update.message, Message) and isinstance(update.message.from_user, User)


def test_an_update_ptb_cannot_read_fails_as_it_fails():
    broken = {"update_id": 13, "message": {"message_id": 1, "chat": GROUP}}  # no date
    with pytest.raises(Exception) as expected:
        Update.de_json(broken, BOT)
    with pytest.raises(type(expected.value)):
        parse_update(broken, BOT)
