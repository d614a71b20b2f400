"""handlers.filtering reads a group message for the rules: the people a text mentions as PTB's parse_entities names
them, and one reading per update however many stages ask."""

from __future__ import annotations

import pytest
from telegram import Bot, Message, MessageEntity

from handlers.filtering import from_a_person, mentioned_user_ids
from runtime.scope import work_scope

BOT = Bot("700000099:TEST-group-message-reading")
GROUP = {"id": -1001234, "type": "supergroup", "title": "District Kutch"}
ASHA = {"id": 1001, "is_bot": False, "first_name": "Asha", "last_name": "Patel"}
RAVI = {"id": 1002, "is_bot": False, "first_name": "Ravi"}
MEENA = {"id": 1003, "is_bot": False, "first_name": "Meena"}


def _message(text: str | None, entities: list[dict] | None = None, **extra) -> Message:
    data = {"message_id": 42, "from": ASHA, "chat": GROUP, "date": 1764740000, **extra}
    if text is not None:
        data["text"] = text
    if entities is not None:
        data["entities"] = entities
    return Message.de_json(data, BOT)


def _mention(offset: int, length: int, user: dict) -> dict:
    return {"type": "text_mention", "offset": offset, "length": length, "user": user}


CASES = {
    "no entities": (_message("Relief camp is open."), ()),
    "no text": (_message(None, caption="Damage at Anjar"), ()),
    "a bold word, no mention": (_message("Camp is FULL", [{"type": "bold", "offset": 7, "length": 4}]), ()),
    "two mentions and a url": (_message("Ravi and Meena: see x.in", [
        _mention(0, 4, RAVI), {"type": "url", "offset": 20, "length": 4}, _mention(9, 5, MEENA)]), (1002, 1003)),
    "after an emoji (UTF-16)": (_message("🌀 Ravi check", [_mention(3, 4, RAVI)]), (1002,)),
    "the same entity twice": (_message("Ravi now", [_mention(0, 4, RAVI), _mention(0, 4, RAVI)]), (1002,)),
    "same place, two people": (_message("Ravi now", [_mention(0, 4, RAVI), _mention(0, 4, MEENA)]), (1002,)),
}


@pytest.mark.parametrize("name", list(CASES))
def test_mentions_are_the_users_ptb_parse_entities_names(name: str) -> None:
    message, expected = CASES[name]
    assert mentioned_user_ids(message) == expected
    if message.text:  # and so python-telegram-bot's own reading (its keys are the entities, equal ones once)
        parsed = message.parse_entities([MessageEntity.TEXT_MENTION])
        assert tuple(entity.user.id for entity in parsed if entity.user) == expected


def test_one_reading_per_update_and_a_fresh_one_for_the_next() -> None:
    message = _message("Ravi send the status", [_mention(0, 4, RAVI)])
    with work_scope("u1"):
        first = from_a_person(message)
        assert first is not None and first.mentioned_user_ids == (1002,) and first.text == "Ravi send the status"
        assert from_a_person(message) is first
        other = _message("Meena too", [_mention(0, 5, MEENA)], message_id=43)
        assert from_a_person(other).mentioned_user_ids == (1003,)
    with work_scope("u2"):
        again = from_a_person(message)
        assert again == first and again is not first
    assert from_a_person(_message("bot talk", **{"from": {"id": 9, "is_bot": True, "first_name": "B"}})) is None
