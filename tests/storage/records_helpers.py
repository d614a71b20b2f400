"""A small record to test against: a roster, two bound groups, members and messages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from storage import chats, messages
from storage.database import Transaction
from storage.timefmt import to_db

T0 = datetime(2025, 1, 20, 4, 0, tzinfo=UTC)  # 09:30 IST, a Monday

KUTCH = -100101
VALSAD = -100102
STATE = -100100

POSTS = [
    # post_id, designation, level, jurisdiction, mobile, admin, user_id, name
    ("acs-revenue", "Additional Chief Secretary (Revenue)", "state", "Revenue Department", "+919426210001", 1, 11, "Meera Desai"),
    ("collector-kutch", "District Collector", "district", "Kutch", "+919426240001", 1, 21, "Rajesh Patel"),
    ("prant-bhuj", "Prant Officer, Bhuj", "district", "Kutch", "+919426240002", 0, 22, "Sunita Chaudhary"),
    ("mamlatdar-bhuj", "Mamlatdar, Bhuj", "district", "Kutch", "+919426240003", 0, 23, "Vikram Jadeja"),
    ("mamlatdar-mandvi", "Mamlatdar, Mandvi", "district", "Kutch", "+919426240004", 0, 24, "Hetal Gohil"),
    ("collector-valsad", "District Collector", "district", "Valsad", "+919426250001", 1, 31, "Arvind Nair"),
    ("mamlatdar-valsad", "Mamlatdar, Valsad", "district", "Valsad", "+919426250002", 0, 32, "Pooja Bhatt"),
]
USER = {post[0]: post[6] for post in POSTS}
OUTSIDER = 99


async def seed(tx: Transaction, at: datetime = T0) -> None:
    """The roster, its verified accounts, and the State, Kutch and Valsad groups."""
    for chat_id, title, level, jurisdiction in (
        (STATE, "Revenue – State", "state", ""), (KUTCH, "District Kutch", "district", "Kutch"),
        (VALSAD, "District Valsad", "district", "Valsad"),
    ):
        await chats.save_chat(tx, chat_id=chat_id, type="supergroup", title=title, username=None, at=at)
        await tx.execute(
            "INSERT INTO group_bindings (chat_id, level, jurisdiction, bound_at) VALUES (?, ?, ?, ?)",
            (chat_id, level, jurisdiction, to_db(at)),
        )
    for post_id, designation, level, jurisdiction, mobile, admin, user_id, name in POSTS:
        await tx.execute(
            "INSERT INTO posts (post_id, designation, level, jurisdiction, mobile, email, holder, is_admin, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (post_id, designation, level, jurisdiction, mobile, f"{post_id}@gujarat.gov.in", name, admin, to_db(at)),
        )
        first, _, last = name.partition(" ")
        await chats.save_user(tx, user_id=user_id, is_bot=False, first_name=first, last_name=last,
                              username=post_id.replace("-", "_"), language_code="en", at=at)
        await tx.execute(
            "INSERT INTO post_accounts (post_id, user_id, mobile, verified_at) VALUES (?, ?, ?, ?)",
            (post_id, user_id, mobile, to_db(at - timedelta(days=30))),
        )
    await chats.save_user(tx, user_id=OUTSIDER, is_bot=False, first_name="Dinesh", last_name="Parmar",
                          username="dinesh", language_code="gu", at=at)
    await chats.save_user(tx, user_id=7000, is_bot=True, first_name="Samvad", last_name=None,
                          username="samvad_bot", language_code=None, at=at)


async def post(tx: Transaction, chat_id: int, message_id: int, sender: int, text: str, at: datetime,
               reply_to: int | None = None) -> int:
    """Record a group message; returns its journal seq."""
    await messages.record_message(
        tx,
        messages.IncomingMessage(chat_id=chat_id, message_id=message_id, update_id=None, sender_id=sender,
                                 sent_at=at, kind="text", text=text, reply_to_message_id=reply_to),
        at=at,
    )
    row = await tx.fetchone("SELECT journal_seq FROM messages WHERE chat_id = ? AND message_id = ?", (chat_id, message_id))
    return row[0]
