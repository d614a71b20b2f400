from datetime import UTC, datetime

import pytest

from storage import chats, roster
from storage.database import Database
from storage.roster import Binding, Post
from storage.timefmt import to_db

NOW = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)


def _post(post_id, level, jurisdiction, admin=False):
    return Post(post_id, post_id, level, jurisdiction, f"+9194262{abs(hash(post_id)) % 100000:05d}", "x@gujarat.gov.in", "H", admin)


ACS = _post("acs", "state", "Revenue Department", admin=True)
RELIEF = _post("relief", "state", "Revenue Department")
SSRD = _post("ssrd", "hod", "land-records", admin=True)
IGR = _post("igr", "hod", "registration", admin=True)
COLLECTOR_KUTCH = _post("collector-kutch", "district", "Kutch", admin=True)
MAMLATDAR_BHUJ = _post("mamlatdar-bhuj", "district", "Kutch")
COLLECTOR_VALSAD = _post("collector-valsad", "district", "Valsad", admin=True)

STATE = Binding(-1, "state", "")
LAND_RECORDS = Binding(-2, "hod", "land-records")
KUTCH = Binding(-3, "district", "Kutch")


@pytest.mark.parametrize(
    ("binding", "post", "belongs"),
    [
        (STATE, ACS, True),
        (STATE, RELIEF, True),
        (STATE, COLLECTOR_KUTCH, True),
        (STATE, MAMLATDAR_BHUJ, False),
        (STATE, SSRD, False),
        (LAND_RECORDS, SSRD, True),
        (LAND_RECORDS, IGR, False),
        (KUTCH, COLLECTOR_KUTCH, True),
        (KUTCH, MAMLATDAR_BHUJ, True),
        (KUTCH, COLLECTOR_VALSAD, False),
    ],
)
def test_which_posts_belong_in_which_group(binding, post, belongs):
    assert binding.includes(post) is belongs


@pytest.mark.parametrize(
    ("binding", "post", "administers"),
    [
        (STATE, ACS, True),
        (STATE, RELIEF, False),
        (STATE, COLLECTOR_KUTCH, False),  # a member of the State group, not its admin
        (LAND_RECORDS, SSRD, True),
        (LAND_RECORDS, IGR, False),
        (KUTCH, COLLECTOR_KUTCH, True),
        (KUTCH, COLLECTOR_VALSAD, False),
        (KUTCH, MAMLATDAR_BHUJ, False),
    ],
)
def test_only_the_admin_posts_of_a_groups_own_level_administer_it(binding, post, administers):
    assert binding.administered_by(post) is administers


async def test_a_verified_account_is_an_admin_only_of_its_own_groups(tmp_path):
    db = await Database.open(tmp_path / "r.db")
    try:
        async with db.transaction() as tx:
            for post in (COLLECTOR_KUTCH, MAMLATDAR_BHUJ):
                await tx.execute(
                    "INSERT INTO posts (post_id, designation, level, jurisdiction, mobile, email, holder, is_admin,"
                    " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (post.post_id, post.designation, post.level, post.jurisdiction, post.mobile, post.email,
                     post.holder, int(post.is_admin), to_db(NOW)),
                )
            for chat_id, level, jurisdiction in ((-3, "district", "Kutch"), (-4, "district", "Valsad")):
                await chats.save_chat(tx, chat_id=chat_id, type="supergroup", title=jurisdiction, username=None, at=NOW)
                await tx.execute(
                    "INSERT INTO group_bindings (chat_id, level, jurisdiction, bound_at) VALUES (?, ?, ?, ?)",
                    (chat_id, level, jurisdiction, to_db(NOW)),
                )
            await roster.link_account(tx, post_id="collector-kutch", user_id=11, mobile=COLLECTOR_KUTCH.mobile, at=NOW)
            await roster.link_account(tx, post_id="mamlatdar-bhuj", user_id=12, mobile=MAMLATDAR_BHUJ.mobile, at=NOW)
        assert await roster.is_group_admin(db, -3, 11) is True
        assert await roster.is_group_admin(db, -4, 11) is False
        assert await roster.is_group_admin(db, -3, 12) is False
        assert [p.post_id for p in await roster.posts_in(db, KUTCH)] == ["collector-kutch", "mamlatdar-bhuj"]
    finally:
        await db.close()


async def test_a_speakers_posts_and_the_groups_binding_read_together_are_what_each_read_gives(database_target):
    from storage.backend import open_database

    db = await open_database(database_target)
    try:
        async with db.transaction() as tx:
            for post in (COLLECTOR_KUTCH, MAMLATDAR_BHUJ, COLLECTOR_VALSAD, RELIEF):
                await tx.execute(
                    "INSERT INTO posts (post_id, designation, level, jurisdiction, mobile, email, holder, is_admin,"
                    " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (post.post_id, post.designation, post.level, post.jurisdiction, post.mobile, post.email,
                     post.holder, int(post.is_admin), to_db(NOW)),
                )
            await chats.save_chat(tx, chat_id=-3, type="supergroup", title="Kutch", username=None, at=NOW)
            await chats.save_chat(tx, chat_id=-9, type="supergroup", title="Unbound", username=None, at=NOW)
            await tx.execute("INSERT INTO group_bindings (chat_id, level, jurisdiction, bound_at) VALUES (?, ?, ?, ?)",
                             (-3, "district", "Kutch", to_db(NOW)))
            # Account 11 holds two posts; 12 held one until another account verified it; 13 holds an inactive post.
            await roster.link_account(tx, post_id="mamlatdar-bhuj", user_id=11, mobile=MAMLATDAR_BHUJ.mobile, at=NOW)
            await roster.link_account(tx, post_id="collector-kutch", user_id=11, mobile=COLLECTOR_KUTCH.mobile, at=NOW)
            await roster.link_account(tx, post_id="collector-valsad", user_id=12, mobile=COLLECTOR_VALSAD.mobile,
                                      at=NOW)
            await roster.link_account(tx, post_id="collector-valsad", user_id=14, mobile=COLLECTOR_VALSAD.mobile,
                                      at=NOW)
            await roster.link_account(tx, post_id="relief", user_id=13, mobile=RELIEF.mobile, at=NOW)
            await tx.execute("UPDATE posts SET active = 0 WHERE post_id = 'relief'")

        def both(unit, user_id, chat_id):
            apart = (roster.posts_of_user_in(unit, user_id) if user_id is not None else [],
                     roster.binding_of_in(unit, chat_id))
            return roster.posts_and_binding_in(unit, user_id, chat_id), apart

        kutch = Binding(-3, "district", "Kutch")
        expected = {
            (11, -3): ([COLLECTOR_KUTCH.post_id, MAMLATDAR_BHUJ.post_id], kutch),
            (11, -9): ([COLLECTOR_KUTCH.post_id, MAMLATDAR_BHUJ.post_id], None),
            (12, -3): ([], kutch),  # revoked
            (13, -3): ([], kutch),  # inactive post
            (14, -9): ([COLLECTOR_VALSAD.post_id], None),
            (99, -9): ([], None),
            (None, -3): ([], kutch),  # no sender
        }
        for (user_id, chat_id), (post_ids, binding) in expected.items():
            together, apart = await db.read(lambda unit, u=user_id, c=chat_id: both(unit, u, c))
            assert together == apart, (user_id, chat_id)
            assert [post.post_id for post in together[0]] == post_ids, (user_id, chat_id)
            assert together[1] == binding, (user_id, chat_id)
    finally:
        await db.close()
