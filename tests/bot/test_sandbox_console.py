"""The bot's roster view for the console's members panel, read from a real database."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from bot.sandbox_console import BotMemberAnnotations, member_annotations, post_label
from storage import chats, roster
from storage.database import Database
from storage.roster import Post
from storage.timefmt import to_db

NOW = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)
COLLECTOR = Post("collector-kutch", "District Collector", "district", "Kutch", "+919426240001", "c@gujarat.gov.in",
                 "Rajesh Patel", True)  # fmt: skip
MAMLATDAR = Post("mamlatdar-bhuj", "Mamlatdar, Bhuj", "district", "Kutch", "+919426240003", "m@gujarat.gov.in",
                 "Vikram Jadeja", False)  # fmt: skip
ACS = Post("acs-revenue", "Additional Chief Secretary (Revenue)", "state", "Revenue Department", "+919426210001",
           "a@gujarat.gov.in", "Meera Desai", True)  # fmt: skip
KUTCH_CHAT = -1002000000004


async def _roster_db(tmp_path, *, posts=(COLLECTOR, MAMLATDAR, ACS), bound=True, verified=((COLLECTOR, 11), (ACS, 12))):
    db = await Database.open(tmp_path / "roster.db")
    async with db.transaction() as tx:
        for post in posts:
            await tx.execute(
                "INSERT INTO posts (post_id, designation, level, jurisdiction, mobile, email, holder, is_admin,"
                " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (post.post_id, post.designation, post.level, post.jurisdiction, post.mobile, post.email,
                 post.holder, int(post.is_admin), to_db(NOW)),
            )  # fmt: skip
        if bound:
            await chats.save_chat(tx, chat_id=KUTCH_CHAT, type="supergroup", title="Kutch", username=None, at=NOW)
            await tx.execute(
                "INSERT INTO group_bindings (chat_id, level, jurisdiction, bound_at) VALUES (?, 'district', 'Kutch', ?)",
                (KUTCH_CHAT, to_db(NOW)),
            )
        for post, user_id in verified:
            await roster.link_account(tx, post_id=post.post_id, user_id=user_id, mobile=post.mobile, at=NOW)
    return db


def test_a_post_is_named_with_its_district_unless_its_designation_names_the_place():
    assert post_label(COLLECTOR) == "District Collector, Kutch"
    assert post_label(MAMLATDAR) == "Mamlatdar, Bhuj"
    assert post_label(ACS) == "Additional Chief Secretary (Revenue)"


async def test_a_bound_group_gets_its_posts_and_every_verified_account(tmp_path):
    db = await _roster_db(tmp_path)
    try:
        view = await member_annotations(db, KUTCH_CHAT)
    finally:
        await db.close()
    assert view["roster"] is True
    assert view["binding"] == "district Kutch"
    assert view["accounts"] == {
        11: [{"post_id": "collector-kutch", "label": "District Collector, Kutch"}],
        12: [{"post_id": "acs-revenue", "label": "Additional Chief Secretary (Revenue)"}],
    }
    assert view["posts"] == [
        {"post_id": "collector-kutch", "label": "District Collector, Kutch", "holder": "Rajesh Patel", "user_id": 11},
        {"post_id": "mamlatdar-bhuj", "label": "Mamlatdar, Bhuj", "holder": "Vikram Jadeja", "user_id": None},
    ]


async def test_an_unbound_group_gets_accounts_but_no_posts(tmp_path):
    db = await _roster_db(tmp_path, bound=False)
    try:
        view = await member_annotations(db, KUTCH_CHAT)
    finally:
        await db.close()
    assert view["binding"] is None
    assert view["posts"] == []
    assert set(view["accounts"]) == {11, 12}


async def test_without_a_roster_there_is_nothing_to_say(tmp_path):
    db = await _roster_db(tmp_path, posts=(), bound=False, verified=())
    try:
        assert await member_annotations(db, KUTCH_CHAT) == {}
    finally:
        await db.close()


async def test_the_provider_answers_nothing_until_the_bot_has_opened_its_database(tmp_path):
    provider = BotMemberAnnotations()
    assert await provider(KUTCH_CHAT) == {}
    provider.db = await _roster_db(tmp_path)
    try:
        assert (await provider(KUTCH_CHAT))["binding"] == "district Kutch"
    finally:
        await provider.db.close()


def test_the_demo_names_its_disaster_coordinators():
    from types import SimpleNamespace

    from bot.demo.world import DemoGroup, DemoPerson, DemoWorld, demo_roster_rows, planned_groups
    from bot.sandbox_mode import describe, label_demo_people

    rows = demo_roster_rows()
    people = tuple(DemoPerson(row["holder"], 100 + number, row["mobile"], row["post_id"], row["designation"])
                   for number, row in enumerate(rows))
    groups = tuple(DemoGroup(binding, title, -1 - number, admin, posts)
                   for number, (binding, title, admin, posts) in enumerate(planned_groups(rows)))
    world = DemoWorld(people, groups, DemoPerson("Dinesh Parmar", 99, "+919825012345", None, "(no post)"))
    labels: dict[int, str] = {}
    label_demo_people(SimpleNamespace(console=SimpleNamespace(label=labels.__setitem__)), world)
    by_post = {person.post_id: labels[person.user_id] for person in people}
    assert by_post["relief-commissioner"] == "Relief Commissioner · disaster coordinator (state)"
    assert by_post["rac-kutch"] == "Resident Additional Collector & DDMO, Kutch · disaster coordinator (Kutch)"
    assert by_post["collector-kutch"] == "District Collector, Kutch"
    text = describe("http://127.0.0.1:1", world, Path("samvad-sandbox.db"))
    assert "Farida Shaikh (Relief Commissioner: state)" in text and "/sitrep [NAME] html" in text
