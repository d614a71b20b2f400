"""What the record keeps of a message the bot sent, read from Telegram's echo without python-telegram-bot
(handlers.recording._sent_as_echoed), against the same facts read from the message as PTB parses it."""

from __future__ import annotations

import pytest

from telegram import Update

from coordination.recording import Receipt
from handlers.recording import (
    RECORDED, _facts_as_parsed, _facts_as_sent, chat_seen, incoming_message, on_receipt, person_seen,
)

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
    assert _facts_as_sent(echo, None) == _facts_as_parsed(echo, None)


def test_a_forwarded_message_is_left_to_the_parsed_reading():
    echo = {**ECHOES["an edited prompt"], "forward_origin": {"type": "hidden_user", "date": 1, "sender_user_name": "A"}}
    assert _facts_as_sent(echo, None) is None
    assert _facts_as_parsed(echo, None)[2].forwarded_from == "hidden user A"


UPDATES = {
    "a member's group message": {"update_id": 11, "message": {
        "message_id": 41, "from": MEMBER, "chat": KUTCH, "date": 1764727539, "text": "Tankers reached Mandvi."}},
    "a reply in a group": {"update_id": 12, "message": {
        "message_id": 45, "from": MEMBER, "chat": {"id": -200, "type": "group", "title": "Taluka"},
        "date": 1764727539, "text": "noted", "reply_to_message": ECHOES["a warning replying to a member"]}},
    "a photo with a caption": {"update_id": 13, "message": {
        "message_id": 46, "from": MEMBER, "chat": KUTCH, "date": 1764727539, "caption": "Bhuj camp",
        "photo": [{"file_id": "p", "file_unique_id": "pu", "width": 90, "height": 90}]}},
    "a forward": {"update_id": 14, "message": {
        "message_id": 47, "from": MEMBER, "chat": KUTCH, "date": 1764727539, "text": "Cyclone warning",
        "forward_origin": {"type": "channel", "date": 1764720000, "message_id": 3,
                           "chat": {"id": -1009, "type": "channel", "title": "IMD Ahmedabad"}}}},
    "a member joining": {"update_id": 15, "message": {
        "message_id": 48, "from": MEMBER, "chat": KUTCH, "date": 1764727539, "new_chat_members": [MEMBER]}},
    "an edit": {"update_id": 16, "edited_message": {**ECHOES["an edited prompt"], "from": MEMBER}},
    "a private message": {"update_id": 17, "message": ECHOES["a message in a private chat"]},
    "a button press": {"update_id": 18, "callback_query": {
        "id": "q", "from": MEMBER, "chat_instance": "c", "data": "ack:7",
        "message": ECHOES["a warning replying to a member"]}},
}


@pytest.mark.parametrize("update", UPDATES.values(), ids=UPDATES.keys())
def test_a_receipt_is_read_from_the_update_as_it_came_as_from_the_parsed_update(update):
    parsed = Update.de_json(update, None)
    receipt = on_receipt(update)
    if not RECORDED.check_update(parsed):  # what the recording stage records; nothing else is written on receipt
        assert receipt is None
        return
    message = parsed.effective_message  # what the recording stage would record of the parsed update
    assert receipt == Receipt(chat_seen(message.chat), person_seen(message.from_user),
                              incoming_message(message, update["update_id"]))
