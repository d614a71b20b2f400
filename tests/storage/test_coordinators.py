"""Disaster coordinators without a bot: whose record a coordinator's post may read, and when."""

from datetime import timedelta

import pytest

from storage import access, incidents, roster
from storage.access import COORDINATOR_READINGS, Reading
from storage.backend import open_database
from storage.roster_changes import transfer_post
from storage.timefmt import to_db
from tests.storage.records_helpers import KUTCH, STATE, T0, USER, VALSAD, seed

RELIEF = 41  # the Relief Commissioner's account: a state coordinator
RAC = 42  # the Resident Additional Collector of Kutch: a district coordinator


@pytest.fixture
async def db(database_target):
    database = await open_database(database_target)
    async with database.transaction() as tx:
        await seed(tx)
        for post_id, designation, level, jurisdiction, mobile, scope, user_id in (
            ("relief-commissioner", "Relief Commissioner", "state", "Revenue Department", "+919426210003", "state",
             RELIEF),
            ("rac-kutch", "Resident Additional Collector", "district", "Kutch", "+919426240005", "Kutch", RAC),
        ):
            await tx.execute(
                "INSERT INTO posts (post_id, designation, level, jurisdiction, mobile, email, holder, is_admin,"
                " coordinator, updated_at) VALUES (?, ?, ?, ?, ?, 'x@gujarat.gov.in', 'H', 0, ?, ?)",
                (post_id, designation, level, jurisdiction, mobile, scope, to_db(T0)),
            )
            await roster.link_account(tx, post_id=post_id, user_id=user_id, mobile=mobile, at=T0)
    yield database
    await database.close()


async def _scope(db, user_id):
    return (await access.viewer_of(db, user_id)).readable_chat_ids(Reading.EXPORT, private=True)


async def test_the_roster_scope_is_the_state_group_or_the_district_group(db):
    assert await _scope(db, RELIEF) == {STATE}
    assert await _scope(db, RAC) == {KUTCH}


async def test_an_open_incident_widens_a_state_coordinators_scope_until_it_closes(db):
    async with db.transaction() as tx:
        opened = await incidents.open_incident(tx, name="Cyclone", chat_ids=[KUTCH, VALSAD], opened_by=None, at=T0)
    assert await _scope(db, RELIEF) == {STATE, KUTCH, VALSAD}
    assert await _scope(db, RAC) == {KUTCH}, "a district coordinator keeps to their district"
    async with db.transaction() as tx:
        await incidents.close_incident(tx, opened, closed_by=None, at=T0 + timedelta(hours=4))
    assert await _scope(db, RELIEF) == {STATE}
    assert await _scope(db, RAC) == {KUTCH}


async def test_a_district_coordinator_gains_no_other_district_from_an_incident(db):
    async with db.transaction() as tx:
        await incidents.open_incident(tx, name="Flood", chat_ids=[VALSAD], opened_by=None, at=T0)
    assert await _scope(db, RAC) == {KUTCH}


async def test_a_coordinator_reads_only_in_private_and_administers_nothing(db):
    viewer = await access.viewer_of(db, RAC)
    assert not viewer.is_admin and viewer.chat_ids == frozenset() and viewer.is_coordinator
    assert viewer.may_read(Reading.LOG, KUTCH, private=True)
    assert not viewer.may_read(Reading.LOG, KUTCH, private=False)
    assert not viewer.may_read(Reading.EXPORT, VALSAD, private=True)
    assert COORDINATOR_READINGS == {Reading.EXPORT, Reading.INCIDENT_EXPORT, Reading.SEARCH, Reading.LOG,
                                    Reading.PENDING, Reading.SITREP}


async def test_an_admin_reads_as_before(db):
    collector = await access.viewer_of(db, USER["collector-kutch"])
    assert collector.readable_chat_ids(Reading.LOG, private=False) == {KUTCH}
    assert not collector.is_coordinator
    member = await access.viewer_of(db, USER["mamlatdar-bhuj"])
    assert member.readable_chat_ids(Reading.EXPORT, private=True) == frozenset()


async def test_the_coordinator_right_follows_the_post_on_transfer(db):
    async with db.transaction() as tx:
        await transfer_post(tx, "rac-kutch", new_mobile="+919426240099", new_holder="New Holder", at=T0,
                            actor_id=None, source={"by": "test"})
    assert await _scope(db, RAC) == frozenset(), "the old holder's account loses the right"
    async with db.transaction() as tx:
        await roster.link_account(tx, post_id="rac-kutch", user_id=77, mobile="+919426240099", at=T0)
    assert await _scope(db, 77) == {KUTCH}
    assert (await roster.get_post(db, "rac-kutch")).coordinator == "Kutch"
