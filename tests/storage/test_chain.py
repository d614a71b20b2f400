"""The chain catches every kind of tampering done behind the bot's back with plain sqlite3."""

import sqlite3
from datetime import timedelta

import pytest

from runtime.signing import load_or_create
from storage import chain, checkpoints, messages
from storage.chain import NotErasable
from storage.backend import open_database
from tests.storage.records_helpers import KUTCH, T0, USER, post, seed


@pytest.fixture
async def db(database_target):
    database = await open_database(database_target)
    async with database.transaction() as tx:
        await seed(tx)
        for number in range(1, 11):
            await post(tx, KUTCH, number, USER["mamlatdar-bhuj"], f"Rainfall at Bhuj: {number} mm", T0 + timedelta(minutes=number))
    yield database
    await database.close()


@pytest.fixture
def signer(tmp_path):
    return load_or_create(tmp_path / "keys" / "signing.key")


async def _checkpoint(db, signer, minutes=30):
    async with db.transaction() as tx:
        return await checkpoints.sign_head(tx, signer, at=T0 + timedelta(minutes=minutes))


def _tamper(db, *statements):
    """Change the record behind the bot's back, as someone with the file (or the server's superuser) could."""
    if db.dialect == "postgresql":
        import psycopg

        with psycopg.connect(db.target, autocommit=True) as connection:
            connection.execute("SET session_replication_role = replica")  # the guarding triggers do not fire
            for statement in statements:
                connection.execute(statement)
        return
    plain = sqlite3.connect(db.path)
    plain.execute("DROP TRIGGER IF EXISTS journal_refuses_update")
    plain.execute("DROP TRIGGER IF EXISTS journal_refuses_delete")
    plain.execute("DROP TRIGGER IF EXISTS journal_bodies_refuse_update")
    for statement in statements:
        plain.execute(statement)
    plain.commit()
    plain.close()


async def test_an_untouched_journal_verifies_with_its_counts(db, signer):
    await _checkpoint(db, signer)
    report = chain.verify(db.target, trusted_public_key=signer.public_key_hex)
    assert report.ok
    assert report.summary() == "OK: 10 entries, 1 checkpoints verified"


async def test_an_altered_body_is_caught(db):
    _tamper(db, """UPDATE journal_bodies SET body = replace(body, '4 mm', '40 mm') WHERE seq = 4""")
    report = chain.verify(db.target)
    assert not report.ok
    assert report.failure.seq == 4
    assert "body does not match" in report.summary()


async def test_a_body_altered_together_with_its_hash_is_caught_by_the_entry_hash(db):
    body = (await db.fetchone("SELECT body FROM journal_bodies WHERE seq = 4"))[0].replace("4 mm", "40 mm")
    from storage.journal import hash_body

    _tamper(
        db,
        f"UPDATE journal_bodies SET body = '{body}' WHERE seq = 4",
        f"UPDATE journal SET body_hash = '{hash_body(body)}' WHERE seq = 4",
    )
    report = chain.verify(db.target)
    assert report.failure.seq == 4
    assert "entry hash does not match" in report.failure.reason


async def test_a_changed_time_or_actor_is_caught(db):
    _tamper(db, "UPDATE journal SET actor_id = 21 WHERE seq = 6")
    assert chain.verify(db.target).failure.seq == 6


async def test_a_deleted_entry_is_caught_as_a_gap(db):
    _tamper(db, "DELETE FROM journal_bodies WHERE seq = 5", "DELETE FROM journal WHERE seq = 5")
    report = chain.verify(db.target)
    assert report.failure.seq == 6
    assert "entry 5 is missing" in report.failure.reason


async def test_a_deleted_and_renumbered_entry_is_caught_by_the_broken_link(db):
    _tamper(
        db,
        "DELETE FROM journal_bodies WHERE seq = 5", "DELETE FROM journal WHERE seq = 5",
        "UPDATE journal SET seq = seq - 1 WHERE seq > 5", "UPDATE journal_bodies SET seq = seq - 1 WHERE seq > 5",
    )
    report = chain.verify(db.target)
    assert report.failure.seq == 5
    assert "link to the previous entry is broken" in report.failure.reason


async def test_reordered_entries_are_caught(db):
    _tamper(
        db,
        "UPDATE journal SET seq = -1 WHERE seq = 3", "UPDATE journal SET seq = 3 WHERE seq = 4",
        "UPDATE journal SET seq = 4 WHERE seq = -1",
        "UPDATE journal_bodies SET seq = -1 WHERE seq = 3", "UPDATE journal_bodies SET seq = 3 WHERE seq = 4",
        "UPDATE journal_bodies SET seq = 4 WHERE seq = -1",
    )
    report = chain.verify(db.target)
    assert report.failure.seq == 3


async def test_a_deleted_body_without_an_erasure_order_is_caught(db):
    _tamper(db, "DELETE FROM journal_bodies WHERE seq = 2")
    report = chain.verify(db.target)
    assert report.failure.seq == 2
    assert "no erasure order records it" in report.failure.reason


async def test_a_removed_tail_is_caught_by_the_checkpoint_that_signed_it(db, signer):
    await _checkpoint(db, signer)
    _tamper(db, "DELETE FROM journal_bodies WHERE seq >= 9", "DELETE FROM journal WHERE seq >= 9")
    report = chain.verify(db.target)
    assert not report.ok
    assert "entries were removed" in report.failure.reason


async def test_a_rewritten_chain_is_caught_by_the_checkpoint_signature(db, signer, tmp_path):
    await _checkpoint(db, signer)
    _tamper(db, "UPDATE checkpoints SET entry_hash = '" + "ab" * 32 + "'")
    assert "signed a different hash" in chain.verify(db.target).failure.reason


async def test_a_forged_signature_is_caught(db, signer):
    await _checkpoint(db, signer)
    _tamper(db, "UPDATE checkpoints SET signature = '" + "00" * 64 + "'")
    assert "signature that does not verify" in chain.verify(db.target).failure.reason


async def test_a_checkpoint_signed_with_another_key_fails_against_the_published_key(db, signer, tmp_path):
    other = load_or_create(tmp_path / "other.key")
    await _checkpoint(db, other)
    report = chain.verify(db.target, trusted_public_key=signer.public_key_hex)
    assert "other than the published one" in report.failure.reason


async def test_an_erased_body_still_verifies_and_the_erasure_is_recorded(db, signer):
    await _checkpoint(db, signer)
    async with db.transaction() as tx:
        erased = await chain.erase(tx, seq=3, order="HC order SCA/123/2025", at=T0 + timedelta(hours=1))
    assert erased == [3]
    stored = await messages.get_message(db, KUTCH, 3)
    assert stored.original_text is None
    report = chain.verify(db.target, trusted_public_key=signer.public_key_hex)
    assert report.ok, report.summary()
    assert report.erased == 1
    assert (await chain.erasure_orders(db, KUTCH)) == {3: "HC order SCA/123/2025"}


async def test_erasing_twice_or_without_an_order_is_refused(db):
    async with db.transaction() as tx:
        await chain.erase(tx, seq=3, order="order 1", at=T0)
    with pytest.raises(NotErasable):
        async with db.transaction() as tx:
            await chain.erase(tx, seq=3, order="order 2", at=T0)
    with pytest.raises(NotErasable):
        async with db.transaction() as tx:
            await chain.erase(tx, seq=4, order="  ", at=T0)
    with pytest.raises(NotErasable):
        async with db.transaction() as tx:
            await chain.erase(tx, seq=999, order="order 3", at=T0)


async def test_the_signing_key_is_owner_only_and_its_public_half_is_published(tmp_path):
    path = tmp_path / "k" / "signing.key"
    signer = load_or_create(path)
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert (tmp_path / "k" / "signing.key.pub").read_text().strip() == signer.public_key_hex
    assert load_or_create(path).public_key_hex == signer.public_key_hex
    assert "PRIVATE KEY" in path.read_text() and "PRIVATE" not in repr(signer)


async def test_a_key_readable_by_others_is_refused(tmp_path):
    from runtime.signing import SigningKeyError

    path = tmp_path / "signing.key"
    load_or_create(path)
    path.chmod(0o644)
    with pytest.raises(SigningKeyError):
        load_or_create(path)


async def test_a_checkpoint_is_due_after_n_entries_or_an_hour(db, signer):
    assert await checkpoints.is_due(db, every_entries=10, every=timedelta(hours=1), now=T0)
    assert not await checkpoints.is_due(db, every_entries=11, every=timedelta(hours=1), now=T0 + timedelta(minutes=20))
    await _checkpoint(db, signer, minutes=20)
    assert not await checkpoints.is_due(db, every_entries=1, every=timedelta(hours=1), now=T0 + timedelta(hours=3))
    async with db.transaction() as tx:
        await post(tx, KUTCH, 50, USER["mamlatdar-bhuj"], "one more", T0 + timedelta(minutes=40))
    assert not await checkpoints.is_due(db, every_entries=5, every=timedelta(hours=1), now=T0 + timedelta(minutes=50))
    assert await checkpoints.is_due(db, every_entries=5, every=timedelta(hours=1), now=T0 + timedelta(minutes=81))
