from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from storage import audit, chats, membership, roster
from storage.backend import open_database
from storage.roster import Binding
from storage.roster_changes import apply_import, plan_import
from nlp.recognisers.base import OFFICIAL_EMAIL_DOMAINS
from storage.roster_csv import read_roster

NOW = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)
DEMO = read_roster((Path(__file__).resolve().parents[2] / "bot" / "demo" / "roster.csv").read_bytes(),
                   official_domains=OFFICIAL_EMAIL_DOMAINS).posts
KUTCH = Binding(-4, "district", "Kutch")


@pytest.fixture
async def db(database_target):
    database = await open_database(database_target)
    async with database.transaction() as tx:
        await apply_import(tx, await plan_import(tx, DEMO), at=NOW, source={"by": "test"})
        await chats.save_chat(tx, chat_id=-4, type="supergroup", title="District Kutch", username=None, at=NOW)
        await roster.bind_group(tx, KUTCH, by=None, at=NOW)
        people = [(1, "Rajesh", False), (2, "Vikram", False), (3, "Dinesh", False), (4, "Weather", True),
                  (5, "Arvind", False), (6, "Sunita", False), (7, "Owner", False)]
        for user_id, name, is_bot in people:
            await chats.save_user(tx, user_id=user_id, is_bot=is_bot, first_name=name, last_name=None,
                                  username=None, language_code=None, at=NOW)
        for post_id, user_id in (("collector-kutch", 1), ("mamlatdar-bhuj", 2), ("collector-valsad", 5),
                                 ("prant-bhuj", 6)):
            post = await roster.get_post(tx, post_id)
            await roster.link_account(tx, post_id=post_id, user_id=user_id, mobile=post.mobile, at=NOW)
        await membership.open_gate(tx, chat_id=-4, user_id=3, reason="unverified", at=NOW,
                                   remove_at=NOW + timedelta(hours=24))
    yield database
    await database.close()


async def test_everyone_checked_is_placed_and_every_missing_post_named(db):
    statuses = {1: "creator", 2: "member", 3: "restricted", 4: "member", 5: "member", 6: "left", 7: "administrator"}
    report = await audit.audit_group(db, KUTCH, statuses=statuses)
    assert [(m.person.name, [p.post_id for p in m.posts]) for m in report.verified] == [
        ("Rajesh", ["collector-kutch"]), ("Vikram", ["mamlatdar-bhuj"]),
    ]
    assert [(w.person.name, w.reason) for w in report.waiting] == [("Dinesh", "unverified")]
    assert [(o.person.name, o.note) for o in report.outsiders] == [
        ("Weather", "a bot"),
        ("Arvind", "verified as District Collector: an admin post of another group"),
        ("Owner", "a Telegram administrator, holds no post"),
    ]
    assert [(m.post.post_id, m.account) for m in report.missing] == [
        ("mamlatdar-mandvi", None), ("prant-bhuj", 6), ("rac-kutch", None),
    ]


async def test_the_people_to_check_include_the_posts_accounts_and_the_restricted(db):
    assert await audit.people_to_check(db, KUTCH) == [1, 2, 3, 6]


async def test_groups_the_roster_calls_for_that_are_not_bound_are_listed(db):
    assert await audit.unbound_levels(db) == [
        "state", "hod land-records", "hod registration", "district Valsad",
    ]
