"""How much of what the poller stored one unit of work claims (bot/ingress.py, shared database)."""

from bot.ingress import CLAIM_AHEAD, _first_batches
from storage.inbox import InboxItem


def _batch(first_update: int, size: int):
    items = [InboxItem(first_update + n, first_update + n, "{}", False) for n in range(size)]
    return items, [{"update_id": item.update_id} for item in items], [-100] * size


def test_a_unit_claims_whole_batches_up_to_four_getupdates_batches():
    batches = [_batch(100 * n, 100) for n in range(6)]
    taken = _first_batches(batches, CLAIM_AHEAD)
    assert [batch[0][0].update_id for batch in taken] == [0, 100, 200, 300]


def test_single_updates_from_webhooks_are_claimed_together():
    batches = [_batch(n, 1) for n in range(7)]
    assert len(_first_batches(batches, CLAIM_AHEAD)) == 7


def test_a_batch_larger_than_the_limit_is_still_claimed_alone():
    batches = [_batch(0, 30), _batch(30, 30)]
    assert [len(batch[0]) for batch in _first_batches(batches, 20)] == [30]
