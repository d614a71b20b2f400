"""A chat's title and a person's names stay as last seen, whichever instance saw them (several instances, one
database): what one instance wrote earlier is never taken for what is stored now."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from coordination.recording import PersonSeen, record_message
from storage import chats
from storage.backend import open_database
from storage.messages import IncomingMessage

from tests.seen_facts import KUTCH, KUTCH_RENAMED, POOJA, POOJA_MARRIED

AT = datetime(2026, 12, 3, 9, 30, tzinfo=UTC)


@pytest.fixture
async def two_instances(database_target):
    first = await open_database(database_target)
    second = await open_database(database_target)
    yield first, second
    await second.close()
    await first.close()


def _message(message_id: int, sender: PersonSeen, text: str) -> IncomingMessage:
    return IncomingMessage(chat_id=-4, message_id=message_id, update_id=message_id, sender_id=sender.user_id,
                           sent_at=AT, kind="text", text=text)


async def test_a_rename_back_seen_by_another_instance_is_stored(two_instances):
    here, there = two_instances
    await record_message(here, KUTCH, POOJA, _message(101, POOJA, "Relief camp at Bhuj school is open."), at=AT)
    await record_message(there, KUTCH_RENAMED, POOJA_MARRIED, _message(102, POOJA_MARRIED, "Road to Lakhpat is clear."),
                         at=AT)
    assert await chats.title_of(here, -4) == "Collectorate Kutch"
    # The group is renamed back, and Pooja's surname too: this instance saw these very facts before, but the
    # database holds what the other instance recorded since.
    await record_message(here, KUTCH, POOJA, _message(103, POOJA, "Tankers reached Mandvi."), at=AT)
    assert await chats.title_of(here, -4) == "District Kutch"
    assert await chats.title_of(there, -4) == "District Kutch"
    assert await chats.user_name(there, 11) == "Pooja Bhatt"


async def test_facts_saved_outside_a_message_record_are_not_skipped_either(two_instances):
    here, there = two_instances
    for db, chat in ((here, KUTCH), (there, KUTCH_RENAMED), (here, KUTCH)):
        await db.write(lambda unit, chat=chat: chats.save_chat_in(
            unit, chat_id=chat.chat_id, type=chat.type, title=chat.title, username=chat.username, at=AT))
    for db, person in ((here, POOJA), (there, POOJA_MARRIED), (here, POOJA)):
        await db.write(lambda unit, p=person: chats.save_user_in(
            unit, user_id=p.user_id, is_bot=p.is_bot, first_name=p.first_name, last_name=p.last_name,
            username=p.username, language_code=p.language_code, at=AT))
    assert await chats.title_of(there, -4) == "District Kutch"
    assert await chats.user_name(there, 11) == "Pooja Bhatt"
