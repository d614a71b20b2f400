"""The console's members panel with the real bot lending its roster: verified, not verified, missing posts."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.sandbox_console import BotMemberAnnotations
from sandbox.server import SandboxServer
from storage import roster
from storage.timefmt import to_db
from tests.conftest import TOKEN

NOW = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)


@pytest.fixture
def annotations() -> BotMemberAnnotations:
    return BotMemberAnnotations()


@pytest.fixture
async def sandbox(annotations):
    """The conftest sandbox, with the bot's view lent to its console as `samvad sandbox` does."""
    async with SandboxServer(token=TOKEN, member_annotations=annotations) as server:
        yield server


async def _kutch(client):
    collector = await client.create_user("Rajesh", last_name="Patel", phone="+91 94262 40001")
    mamlatdar = await client.create_user("Vikram", last_name="Jadeja", phone="+91 94262 40003")
    stranger = await client.create_user("Dinesh", last_name="Parmar")
    chat = await client.create_group("District Kutch", creator_id=collector["id"], member_ids=[mamlatdar["id"], stranger["id"]])
    await client.add_bot(chat["id"], added_by=collector["id"])
    return chat["id"], collector, mamlatdar, stranger


async def _roster(db, chat_id: int, collector_id: int) -> None:
    """The roster as an import and a /bind would leave it, with only the Collector verified."""
    rows = [
        ("collector-kutch", "District Collector", "+919426240001", "Rajesh Patel", 1),
        ("mamlatdar-bhuj", "Mamlatdar, Bhuj", "+919426240003", "Vikram Jadeja", 0),
        ("mamlatdar-mandvi", "Mamlatdar, Mandvi", "+919426240004", "Hetal Gohil", 0),
    ]
    async with db.transaction() as tx:
        for post_id, designation, mobile, holder, admin in rows:
            await tx.execute(
                "INSERT INTO posts (post_id, designation, level, jurisdiction, mobile, email, holder, is_admin,"
                " updated_at) VALUES (?, ?, 'district', 'Kutch', ?, 'x@gujarat.gov.in', ?, ?, ?)",
                (post_id, designation, mobile, holder, admin, to_db(NOW)),
            )
        await tx.execute(
            "INSERT INTO group_bindings (chat_id, level, jurisdiction, bound_at) VALUES (?, 'district', 'Kutch', ?)",
            (chat_id, to_db(NOW)),
        )
        await roster.link_account(tx, post_id="collector-kutch", user_id=collector_id, mobile="+919426240001", at=NOW)


async def test_the_panel_shows_the_bots_roster_beside_telegram_statuses(client, bot, annotations):
    chat_id, collector, mamlatdar, stranger = await _kutch(client)
    annotations.db = bot.services.db
    await client.wait_until_idle()
    await bot.ingress.idle()  # the bot has recorded the group before the binding refers to it
    await _roster(bot.services.db, chat_id, collector["id"])

    panel = await client.console_members(chat_id)

    rows = {row["user"]["first_name"]: row for row in panel["members"]}
    assert panel["annotated"] is True and panel["binding"] == "district Kutch"
    assert rows["Rajesh"]["status"] == "creator"
    assert rows["Rajesh"]["verified"] is True and rows["Rajesh"]["posts"] == ["District Collector, Kutch"]
    assert rows["Vikram"]["verified"] is False
    assert rows["Dinesh"]["verified"] is False and rows["Dinesh"]["status"] == "member"
    missing = {post["post_id"]: post["why"] for post in panel["missing_posts"]}
    assert missing == {"mamlatdar-bhuj": "no verified account", "mamlatdar-mandvi": "no verified account"}


async def test_before_the_roster_is_imported_the_panel_says_so(client, bot, annotations):
    chat_id, *_ = await _kutch(client)
    annotations.db = bot.services.db
    panel = await client.console_members(chat_id)
    assert panel["annotated"] is False
    assert panel["note"] == "the bot has no roster yet: Telegram statuses only"
    assert {row["status"] for row in panel["members"]} == {"creator", "member", "administrator"}
