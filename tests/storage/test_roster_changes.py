from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storage import journal, membership, roster, tasks
from storage.backend import open_database
from storage.roster import Binding
from storage.roster_changes import RECONCILE_TASK, RosterConflict, apply_import, plan_import, transfer_post
from nlp.recognisers.base import OFFICIAL_EMAIL_DOMAINS
from storage.roster_csv import read_roster

NOW = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)
DEMO = read_roster((Path(__file__).resolve().parents[2] / "bot" / "demo" / "roster.csv").read_bytes(),
                   official_domains=OFFICIAL_EMAIL_DOMAINS).posts
SOURCE = {"by": "test"}


@pytest.fixture
async def db(database_target):
    database = await open_database(database_target)
    yield database
    await database.close()


async def _import(db, posts, *, remove_missing=False):
    async with db.transaction() as tx:
        plan = await plan_import(tx, posts, remove_missing=remove_missing)
        effects = await apply_import(tx, plan, at=NOW, source=SOURCE) if plan.changes_anything else None
    return plan, effects


def _with(post_id, **changes):
    return tuple(replace(post, **changes) if post.post_id == post_id else post for post in DEMO)


async def _verify(db, post_id, user_id):
    post = await roster.get_post(db, post_id)
    async with db.transaction() as tx:
        await roster.link_account(tx, post_id=post_id, user_id=user_id, mobile=post.mobile, at=NOW)


async def _reconciled_users(db):
    return sorted(task.payload["user_id"] for task in await tasks.pending(db, kind=RECONCILE_TASK))


async def test_importing_the_same_roster_twice_changes_nothing_the_second_time(db):
    first, _ = await _import(db, DEMO)
    second, effects = await _import(db, DEMO)
    assert len(first.added) == 15
    assert not second.changes_anything
    assert len(second.unchanged) == 15 and effects is None
    assert len(await journal.entries(db, kind="roster.imported")) == 1


async def test_a_new_holder_in_the_file_is_a_transfer_that_takes_the_post_from_the_old_account(db):
    await _import(db, DEMO)
    await _verify(db, "mamlatdar-bhuj", 501)
    plan, _ = await _import(db, _with("mamlatdar-bhuj", holder="Amit Shah"))
    assert [t.describe() for t in plan.transfers] == ["mamlatdar-bhuj: holder Vikram Jadeja → Amit Shah"]
    assert await roster.posts_of_user(db, 501) == []
    assert await _reconciled_users(db) == [501]
    [entry] = await journal.entries(db, kind="membership.transfer")
    assert entry["body"]["old_account"] == 501 and entry["body"]["new_holder"] == "Amit Shah"


async def test_a_transfer_to_a_number_already_shared_links_that_account_at_once(db):
    await _import(db, DEMO)
    await _verify(db, "mamlatdar-bhuj", 501)
    async with db.transaction() as tx:
        await membership.record_claim(tx, user_id=777, mobile="+919825011111", post_id=None, at=NOW)
    await _import(db, _with("mamlatdar-bhuj", mobile="+919825011111", holder="Amit Shah"))
    assert [post.post_id for post in await roster.posts_of_user(db, 777)] == ["mamlatdar-bhuj"]
    assert await _reconciled_users(db) == [501, 777]


async def test_a_holder_only_transfer_never_hands_the_post_back_to_an_account_linked_by_an_old_claim(db):
    async with db.transaction() as tx:
        await membership.record_claim(tx, user_id=777, mobile="+919825011111", post_id=None, at=NOW)
    await _import(db, DEMO + (replace(DEMO[0], post_id="new-post", mobile="+919825011111"),))
    assert [post.post_id for post in await roster.posts_of_user(db, 777)] == ["new-post"]
    await _import(db, DEMO + (replace(DEMO[0], post_id="new-post", mobile="+919825011111", holder="Someone Else"),))
    assert await roster.posts_of_user(db, 777) == []


async def test_two_posts_can_swap_numbers_in_one_import(db):
    await _import(db, DEMO)
    bhuj = next(post for post in DEMO if post.post_id == "mamlatdar-bhuj")
    mandvi = next(post for post in DEMO if post.post_id == "mamlatdar-mandvi")
    swapped = tuple(
        replace(post, mobile=mandvi.mobile) if post == bhuj else replace(post, mobile=bhuj.mobile) if post == mandvi
        else post
        for post in DEMO
    )
    plan, _ = await _import(db, swapped)
    assert len(plan.transfers) == 2
    assert (await roster.get_post(db, "mamlatdar-bhuj")).mobile == mandvi.mobile


async def test_posts_left_out_of_a_file_are_kept_unless_asked_to_remove_them(db):
    await _import(db, DEMO)
    await _verify(db, "relief-commissioner", 601)
    without = tuple(post for post in DEMO if post.post_id != "relief-commissioner")
    kept, _ = await _import(db, without)
    assert [post.post_id for post in kept.missing] == ["relief-commissioner"]
    assert not kept.changes_anything
    assert await roster.get_post(db, "relief-commissioner") is not None
    removed, _ = await _import(db, without, remove_missing=True)
    assert await roster.get_post(db, "relief-commissioner") is None
    assert await roster.posts_of_user(db, 601) == []
    assert await _reconciled_users(db) == [601]
    assert [e["body"]["post_id"] for e in await journal.entries(db, kind="roster.post_removed")] == ["relief-commissioner"]


async def test_a_number_still_held_by_a_kept_post_is_a_conflict_not_a_crash(db):
    await _import(db, DEMO)
    relief = next(post for post in DEMO if post.post_id == "relief-commissioner")
    moved = tuple(post for post in DEMO if post != relief) + (replace(relief, post_id="relief-2"),)
    async with db.transaction() as tx:
        plan = await plan_import(tx, moved)
    assert plan.conflicts and "relief-commissioner" in plan.conflicts[0]
    async with db.transaction() as tx:
        with pytest.raises(RosterConflict):
            await apply_import(tx, plan, at=NOW, source=SOURCE)


async def test_a_changed_jurisdiction_reconciles_the_posts_account(db):
    await _import(db, DEMO)
    await _verify(db, "mamlatdar-bhuj", 501)
    plan, _ = await _import(db, _with("mamlatdar-bhuj", jurisdiction="Valsad", designation="Mamlatdar, Pardi"))
    assert [edit.describe() for edit in plan.edits] == ["mamlatdar-bhuj: designation, jurisdiction"]
    assert plan.transfers == ()
    assert await _reconciled_users(db) == [501]


async def test_transfer_by_command_checks_the_post_and_the_number(db):
    await _import(db, DEMO)
    await _verify(db, "mamlatdar-bhuj", 501)
    async with db.transaction() as tx:
        with pytest.raises(LookupError):
            await transfer_post(tx, "no-such-post", new_mobile="+919825011111", new_holder=None, at=NOW,
                                actor_id=1, source=SOURCE)
        with pytest.raises(RosterConflict):
            await transfer_post(tx, "mamlatdar-bhuj", new_mobile="+919426240001", new_holder=None, at=NOW,
                                actor_id=1, source=SOURCE)  # the Collector's number
        with pytest.raises(RosterConflict):
            await transfer_post(tx, "mamlatdar-bhuj", new_mobile="+919426240003", new_holder="Vikram Jadeja",
                                at=NOW, actor_id=1, source=SOURCE)  # nothing changes
        transfer, effects = await transfer_post(tx, "mamlatdar-bhuj", new_mobile="+919825011111", new_holder=None,
                                                at=NOW, actor_id=1, source=SOURCE)
    assert transfer.number_changed and not transfer.holder_changed
    assert effects.revoked == [("mamlatdar-bhuj", 501)]
    assert (await roster.get_post(db, "mamlatdar-bhuj")).holder == "Vikram Jadeja"
    [entry] = await journal.entries(db, kind="membership.transfer")
    assert entry["actor_id"] == 1


async def test_a_person_holding_two_posts_keeps_the_groups_of_the_one_still_held(db):
    await _import(db, DEMO)
    await _verify(db, "collector-kutch", 900)
    await _verify(db, "collector-valsad", 900)  # additional charge, verified on the same account
    async with db.transaction() as tx:
        for chat_id, level, jurisdiction in ((-1, "state", ""), (-2, "district", "Kutch"), (-3, "district", "Valsad")):
            await tx.execute("INSERT INTO chats (chat_id, type, first_seen_at, updated_at) VALUES (?, 'supergroup',"
                             " 'x', 'x')", (chat_id,))
            await roster.bind_group(tx, Binding(chat_id, level, jurisdiction), by=None, at=NOW)
    assert [b.chat_id for b in await roster.entitled_groups(db, 900)] == [-2, -3, -1]
    await _import(db, _with("collector-valsad", holder="Arvind Nair II", mobile="+919825022222"))
    assert [b.chat_id for b in await roster.entitled_groups(db, 900)] == [-2, -1]
    assert await roster.is_entitled(db, -1, 900)
    assert not await roster.is_entitled(db, -3, 900)


async def test_a_changed_coordinator_scope_is_an_edit_journalled_with_both_values(db):
    await _import(db, DEMO)
    plan, _ = await _import(db, _with("mamlatdar-bhuj", coordinator="Kutch"))
    assert [edit.describe() for edit in plan.edits] == ["mamlatdar-bhuj: coordinator"]
    assert (await roster.get_post(db, "mamlatdar-bhuj")).coordinator == "Kutch"
    [changed] = await journal.entries(db, kind="roster.post_changed")
    assert changed["body"]["changes"] == {"coordinator": ["", "Kutch"]}


async def test_a_transfer_in_the_file_keeps_the_coordinator_scope_with_the_post(db):
    await _import(db, DEMO)
    plan, _ = await _import(db, _with("relief-commissioner", holder="Amit Shah", mobile="+919426219999"))
    assert [t.new.coordinator for t in plan.transfers] == ["state"] and plan.edits == ()
    assert (await roster.get_post(db, "relief-commissioner")).coordinator == "state"
