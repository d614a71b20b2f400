"""The hot path's filters (handlers.update_filters) answer every update as python-telegram-bot's composites do."""

from __future__ import annotations

import pytest
from telegram import Bot, Update
from telegram.ext import MessageHandler, filters

from handlers.attachments import ATTACHED
from handlers.membership import CONTACT
from handlers.moderation import EDITS, NEW_MESSAGES
from handlers.prepost_check import DRAFT
from handlers.records import GROUP_REPLIES, GROUP_TEXT
from handlers.recording import RECORDED, RECORDED_EDITS
from tests.bot.test_update_parsing import ASHA, DATE, GROUP, UPDATES, _message

BOT = Bot("700000099:TEST-update-filters-token")
G, M = filters.ChatType.GROUPS, filters.UpdateType.MESSAGE
WORDS, COMMAND = filters.TEXT | filters.CAPTION, filters.COMMAND
CHECK = filters.Regex(r"^/check(?:@\w+)?(?:\s|$)")
# Each filter of the hot path beside the composite it stands for, written out here as python-telegram-bot's own.
PAIRS = {
    "recorded": (RECORDED, G & M),
    "moderated": (NEW_MESSAGES, G & M & WORDS & (~COMMAND | CHECK)),
    "instruction": (GROUP_TEXT, G & WORDS & ~COMMAND & M),
    "acknowledgement": (GROUP_REPLIES, G & WORDS & ~COMMAND & M & filters.REPLY),
    "attachment": (ATTACHED, G & M & (filters.Document.ALL | filters.PHOTO)),
    "recorded edit": (RECORDED_EDITS, G & filters.UpdateType.EDITED_MESSAGE),
    "moderated edit": (EDITS, G & filters.UpdateType.EDITED_MESSAGE),
    "private contact": (CONTACT, filters.ChatType.PRIVATE & M & filters.CONTACT),
    "private draft": (DRAFT, filters.ChatType.PRIVATE & M & WORDS & ~COMMAND),
}
PRIVATE_CHAT = {"id": 1001, "type": "private", "first_name": "Asha"}
BASIC = {"message_id": 1, "date": DATE, "chat": {"id": -5, "type": "group", "title": "Taluka Anjar"}, "from": ASHA}
MORE = {
    "in a basic group": {"update_id": 31, "message": {**BASIC, "text": "Camp open"}},
    "a command": {"update_id": 32, "message": _message(
        text="/log 5", entities=[{"type": "bot_command", "offset": 0, "length": 4}])},
    "/check with words": {"update_id": 33, "message": _message(
        text="/check is this ok", entities=[{"type": "bot_command", "offset": 0, "length": 6}])},
    "/check@bot": {"update_id": 34, "message": _message(
        text="/check@samvad_bot", entities=[{"type": "bot_command", "offset": 0, "length": 17}])},
    "a command later in the text": {"update_id": 35, "message": _message(
        text="see /log", entities=[{"type": "bot_command", "offset": 4, "length": 4}])},
    "a command as a caption": {"update_id": 36, "message": _message(
        caption="/check", caption_entities=[{"type": "bot_command", "offset": 0, "length": 6}],
        document={"file_id": "d1", "file_unique_id": "u1"})},
    "a reply with a caption": {"update_id": 37, "message": _message(
        caption="done", photo=[{"file_id": "p", "file_unique_id": "q", "width": 1, "height": 1}],
        reply_to_message=_message(message_id=30, text="Send photos"))},
    "a reply with words": {"update_id": 38, "message": _message(
        text="noted", reply_to_message=_message(message_id=30, text="Report by 5"))},
    "empty text": {"update_id": 39, "message": _message(text="")},
    "a channel post": {"update_id": 40, "channel_post": {
        "message_id": 1, "date": DATE, "chat": {"id": -100, "type": "channel", "title": "News"}, "text": "x"}},
    "an edit in a group, replying": {"update_id": 41, "edited_message": _message(
        text="changed", edit_date=DATE + 1, reply_to_message=_message(message_id=30, text="x"))},
    "a document in a group": {"update_id": 42, "message": _message(document={"file_id": "d", "file_unique_id": "e"})},
    "a contact in private": {"update_id": 44, "message": {**BASIC, "chat": PRIVATE_CHAT, "contact": {
        "phone_number": "+919800000001", "first_name": "Asha", "user_id": 1001}}},
    "a contact in a group": {"update_id": 45, "message": {**BASIC, "contact": {
        "phone_number": "+919800000001", "first_name": "Asha", "user_id": 1001}}},
    "a draft in private": {"update_id": 46, "message": {**BASIC, "chat": PRIVATE_CHAT, "text": "Camp at Bhuj"}},
    "a captioned photo in private": {"update_id": 47, "message": {**BASIC, "chat": PRIVATE_CHAT, "caption": "Anjar",
                                                                 "photo": [{"file_id": "p", "file_unique_id": "q",
                                                                            "width": 1, "height": 1}]}},
    "an edit in private": {"update_id": 48, "edited_message": {**BASIC, "chat": PRIVATE_CHAT, "text": "x",
                                                               "edit_date": DATE + 1}},
    "a group message with no sender": {"update_id": 43, "message": {"message_id": 2, "date": DATE, "chat": GROUP,
                                                                   "text": "on the group's behalf"}},
}
EVERY = {**UPDATES, **MORE}


def _answer(check):
    """A filter's answer, with a Regex's matches as the text and span they matched (re.Match has no equality)."""
    if isinstance(check, dict):
        return {key: [(match.group(0), match.span()) for match in value] for key, value in check.items()}
    return check


@pytest.mark.parametrize("name", list(PAIRS))
@pytest.mark.parametrize("data", EVERY.values(), ids=EVERY.keys())
def test_a_filter_answers_as_its_composite(name, data):
    ours, composite = PAIRS[name]
    update = Update.de_json(data, BOT)
    assert _answer(ours.check_update(update)) == _answer(composite.check_update(update))
    handler_ours, handler_ptb = MessageHandler(ours, print), MessageHandler(composite, print)
    assert _answer(handler_ours.check_update(update)) == _answer(handler_ptb.check_update(update))


def test_the_table_has_each_answer_of_each_filter():
    """Each filter is seen to answer yes and no, and the /check commands reach the composite's Regex."""
    for name, (_, composite) in PAIRS.items():
        answers = {bool(composite.check_update(Update.de_json(data, BOT))) for data in EVERY.values()}
        assert answers == {True, False}, name
    matched = NEW_MESSAGES.check_update(Update.de_json(MORE["/check with words"], BOT))
    assert isinstance(matched, dict) and matched["matches"][0].group(0) == "/check "
