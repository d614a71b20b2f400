"""A Telegram message as moderation's plain input: whose words it carries, reply and forward."""

from __future__ import annotations

from datetime import UTC, datetime

from telegram import Chat, Message, MessageOriginChannel, MessageOriginHiddenUser, MessageOriginUser, User

from coordination.filtering import GroupMessage
from handlers.filtering import group_message, speaker_id

NOW = datetime(2025, 7, 1, 10, 0, tzinfo=UTC)
WHEN = datetime(2025, 3, 1, 5, 0, tzinfo=UTC)
GROUP = Chat(-1002000000001, "supergroup")
FORWARDER = User(11, "Vikram", False, last_name="Desai")
ACS = User(22, "ACS", False)


def _message(origin=None, **fields):
    return Message(1, NOW, GROUP, from_user=FORWARDER, text="x", forward_origin=origin, **fields)


def test_a_forward_speaks_with_its_original_authors_words_when_telegram_names_them():
    assert speaker_id(_message()) == 11
    assert speaker_id(_message(MessageOriginUser(WHEN, ACS))) == 22
    assert speaker_id(_message(MessageOriginHiddenUser(WHEN, "Someone"))) is None
    assert speaker_id(_message(MessageOriginChannel(WHEN, Chat(-1003, "channel"), 7))) is None


def test_a_forwarded_reply_becomes_the_plain_input_with_its_author_and_full_name():
    earlier = Message(0, NOW, GROUP, from_user=ACS, text="earlier")
    parsed = group_message(_message(MessageOriginUser(WHEN, ACS), reply_to_message=earlier))
    assert parsed == GroupMessage(
        chat_id=-1002000000001, message_id=1, sender_id=11, sender_name="Vikram Desai", date=NOW, text="x",
        speaker_id=22, is_reply=True, is_forward=True,
    )


def test_a_caption_is_the_text_when_there_is_no_text():
    photo = Message(2, NOW, GROUP, from_user=FORWARDER, caption="Aadhaar on the form")
    assert (group_message(photo).text, group_message(photo).speaker_id, group_message(photo).is_forward) == (
        "Aadhaar on the form", 11, False)
