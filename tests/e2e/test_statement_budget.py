"""What a plain group message costs the database, end to end: trips to SQLite's thread, transactions, statements.

Every trip to aiosqlite's thread is a hand-off and a wake-up of the event loop, behind the one write lock;
they, not the SQL, were most of the bot's cost per message (issue 15: about 31 trips, 2.8 transactions and
41 statements, 12 of them the search index's, before the hot path was made of units of work).

Measured on 2 December 2026, one message at a time (so no batching flatters it): 4.4 trips (the inbox write,
the record, one read of who speaks and where for the filter, the mark), 3.2 transactions and 28.6 statements per
message (the record's 8 and SQLite's own for the trigger and FTS5 among them). Before a transaction began with its
first statement and the filter's two reads became one, it was 7.6 trips and 4.2 transactions (an instruction
check's transaction that writes nothing cost a BEGIN and a COMMIT). The budgets leave room only for the bot's
background work that may fall in the window (a heartbeat is one transaction every 30 s); a change that adds a
trip, a transaction or a statement to every message fails here and has to say why.
"""

from __future__ import annotations

from storage import messages
from tests.e2e.moderation_world import build_world, post, settled

PLAIN = ["Relief camp at Bhuj school is open.", "Water level at Rudramata dam: 12 ft.",
         "Tankers reached Mandvi taluka at 10:30.", "Road to Lakhpat is clear again.",
         "Report on crop loss in Abdasa sent to the Collector."]


async def _traffic_of_plain_messages(client, bot, settings):
    world = await build_world(client, settings)
    await post(client, world, world.vikram, "Good morning, all.")  # the first message warms the caches
    await settled(client, bot)
    db = bot.services.db
    traffic = await db.count_traffic()
    posted = []
    for text in PLAIN:  # one at a time, so that no batching of updates flatters the figures
        posted.append(await post(client, world, world.vikram, text))
        await settled(client, bot)
    counted = (traffic.trips, traffic.transactions, traffic.statements)
    db.traffic = None
    for message in posted:
        assert await messages.get_message(db, world.kutch, message["message_id"]) is not None
    return counted


async def test_a_plain_group_message_costs_a_bounded_number_of_trips_transactions_and_statements(
    client, bot, settings
):
    trips, transactions, statements = await _traffic_of_plain_messages(client, bot, settings)
    per_message = (trips / len(PLAIN), transactions / len(PLAIN), statements / len(PLAIN))
    print(f"per plain message: {per_message[0]:.1f} trips, {per_message[1]:.1f} transactions,"
          f" {per_message[2]:.1f} statements")
    assert per_message[0] <= 5.0, f"{per_message[0]:.1f} trips to the database's thread per message"
    assert per_message[1] <= 3.5, f"{per_message[1]:.1f} transactions per message"
    assert per_message[2] <= 30, f"{per_message[2]:.1f} statements per message"
