"""What the record keeps of a message the bot sent, read from Telegram's echo without python-telegram-bot
(handlers.recording._sent_as_echoed), against the same facts read from the message as PTB parses it."""

from __future__ import annotations

import pytest

from handlers.recording import _sent_as_echoed, _sent_as_parsed

BOT = {"id": 700000001, "is_bot": True, "first_name": "Samvad", "username": "samvad_bot"}
KUTCH = {"id": -1002000000001, "type": "supergroup", "title": "District Kutch – Revenue & Disaster"}
MEMBER = {"id": 700000003, "is_bot": False, "first_name": "Vikram", "last_name": "Patel", "language_code": "gu"}

ECHOES = {
    "a warning replying to a member": {
        "message_id": 42, "from": BOT, "chat": KUTCH, "date": 1764727540,
        "text": "⚠️ Vikram Patel, please do not share Aadhaar numbers here.",
        "reply_to_message": {"message_id": 41, "from": MEMBER, "chat": KUTCH, "date": 1764727539,
                             "text": "my aadhaar 2345 6789 0123"},
        "reply_markup": {"inline_keyboard": [[{"text": "✅ Acknowledge", "callback_data": "ack:7"}]]},
    },
    "an export sent as a document with a caption": {
        "message_id": 43, "from": BOT, "chat": {"id": -100, "type": "group", "title": "G"}, "date": 1764727541,
        "document": {"file_id": "f1", "file_unique_id": "u1", "file_name": "export.csv"}, "caption": "Export",
    },
    "an edited prompt": {
        "message_id": 44, "from": BOT, "chat": KUTCH, "date": 1764727500, "edit_date": 1764727600,
        "text": "📌 Recorded as an instruction. 2 of 3 acknowledged.",
    },
    "a message in a private chat": {
        "message_id": 5, "from": BOT, "chat": {"id": 700000003, "type": "private", "first_name": "Vikram"},
        "date": 1764727542, "text": "Your export is ready.",
    },
    "a message without a sender or a date": {"message_id": 6, "chat": KUTCH, "date": 0, "text": "x"},
}


@pytest.mark.parametrize("echo", ECHOES.values(), ids=ECHOES.keys())
def test_the_echo_read_as_it_is_gives_what_the_parsed_message_gives(echo):
    assert _sent_as_echoed(echo) == _sent_as_parsed(echo)


def test_a_forwarded_message_is_left_to_the_parsed_reading():
    echo = {**ECHOES["an edited prompt"], "forward_origin": {"type": "hidden_user", "date": 1, "sender_user_name": "A"}}
    assert _sent_as_echoed(echo) is None
    assert _sent_as_parsed(echo)[2].forwarded_from == "hidden user A"
