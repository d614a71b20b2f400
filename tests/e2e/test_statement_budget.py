"""What a plain group message costs the database, end to end: trips to the database's thread, transactions, statements.

Every trip to aiosqlite's thread is a hand-off and a wake-up of the event loop, behind the one write lock;
they, not the SQL, were most of the bot's cost per message (issue 15: about 31 trips, 2.8 transactions and
41 statements, 12 of them the search index's, before the hot path was made of units of work).

On 3 December 2026 (a group commit no longer wraps each unit in a savepoint; the records of the bot's own posts
and of received messages are read from Telegram's dicts) a plain message still costs 3.0 trips, 2.0 transactions
and 24.0 statements alone; 3.4, 2.2 and 24.6 in runs where the bot's heartbeat falls in the window (main alike).

Measured on 2 December 2026, one message at a time (so no batching flatters it): 3.0 trips (the inbox write with
the record of its message, one read of who speaks and where for the filter, the mark), 2.0 transactions and 24.0
statements per message (the record's 6 and SQLite's own for the trigger and FTS5 among them; 26.0 before the chat
and sender were noted only when changed, coordination.recording.NotedFacts). Before the record was
written in the inbox's unit of work: 4.0 trips, 3.0 transactions, 28.0 statements (4.4, 3.2 and 28.6 when the
world's reconcile tasks still ran inside the counted window). Before a transaction began with its
first statement and the filter's two reads became one, it was 7.6 trips and 4.2 transactions (an instruction
check's transaction that writes nothing cost a BEGIN and a COMMIT). The budgets leave room only for the bot's
background work that may fall in the window (a heartbeat is one transaction every 30 s); a change that adds a
trip, a transaction or a statement to every message fails here and has to say why.

On PostgreSQL (SAMVAD_TEST_BACKEND=postgresql) the same counter (Database.count_traffic; PostgresDatabase feeds
Database._trip and _count_statement) counts trips to a connection's thread, transactions, and the statements sent,
BEGIN and COMMIT among them. Its budgets are its own, from main's figures on 2 December 2026 (load 9-12, two runs:
5.0-5.4 trips, 3.0-3.2 transactions and 21.4-22.0 statements per plain message; 12.3-12.7 trips and 8.0 transactions
per instruction). After the savepoints per grouped unit went, the journal append became one statement and the
instruction one unit (same day, load 1-4): 4.6 trips, 3.0 transactions and 18.6 statements per plain message, 9.3
trips and 7.3 transactions per instruction. The budgets keep about the margin SQLite's have over its figures
(budget / measured: trips 3.5 / 3.0, transactions 2.5 / 2.0, statements 26 / 24; an instruction's 10 / 6.7 and
7 / 5.3). On 3 December 2026, with a unit's statements sent to libpq directly and reads asked together sharing a
trip and a snapshot (which a message sent alone never has), the counts did not move (load 4-5: 4.4 trips, 3.0
transactions, 18.4 statements a plain message; 9.7 trips and 7.0 transactions an instruction), so neither did
the budgets: what fell was the CPU of each statement, which this test does not count. Later that day (load 4-16,
other work), with a message's record one statement (migration 0015: its look-up, journal entry and row) and a
chat's or sender's facts not sent again once the writer connection committed them: 4.4-4.6 trips, 3.0 transactions
and 14.4-14.6 statements a plain message (18.6 on main in the same hour), a flagged message 75.7-76.7 statements
(84.7); the statement budgets fell to keep their margin (plain 21 -> 17, flagged 95 -> 86). In the session after
(load 9-12), with the group messages an instance claims recorded in the unit that claims them (one statement for a
batch's records, migration 0016) and a chat's and sender's facts compared on the server rather than remembered per
connection: 3.4-3.6 trips, 2.0 transactions and 12.4-12.6 statements a plain message, a flagged one 76.0 statements
(unchanged); the plain budgets fell to keep their margin (trips 5.5 -> 4.5, transactions 4.0 -> 3.0, statements
17 -> 15).

On 3 December 2026 (session nine) a batch's records are written together on SQLite too: one look-up for the
batch and multi-row INSERTs of its journal entries, bodies and rows (a batch of 20 new messages: 8 statements, where
it was 81; tests/coordination/test_recording_batch.py counts them). One message at a time, as here, is a batch of
one: still 3.0 trips, 2.0 transactions and 24.0 statements, so the budgets stay. An instruction's record reads
whether it is recorded and its message's entry in one statement and writes its addressees in multi-row INSERTs.

On 3 December 2026 (session eleven, load 4-7) a send's in-flight mark is one statement with the chat's highest known
message id read inside it (it was a read and an update), and a task with a dedupe key (an instruction's reminder) is
scheduled by one upsert (it was a look-up and a write): an instruction 42.7 -> 40.7 statements on PostgreSQL and
68.0 -> 66.0 on SQLite (its prompt's delivery included; now budgeted, 46 and 75), a flagged message 73.0 -> 69.7 and
97.7 -> 95.0 (budgets 86 -> 84 and 110 -> 108); trips and transactions did not move.

On 4 December 2026 (seventeenth round, load under 1) PostgreSQL's poller stores a batch on a connection of its own
(Database.write_apart) and a task claims and records it just after, so that in a burst the store no longer waits
107 ms behind the writer's trip (7.6 ms now; updates reach the inbox 5-8 times sooner). That is a second trip and a
second transaction (its BEGIN and COMMIT) for each getUpdates batch: a plain message sent alone, as here, a batch of
one, went from 3.6 trips, 2.0 transactions and 11.6 statements to 4.6, 3.0 and 13.6 (a batch of 100 in a burst
shares them). The plain budgets rose by the same (trips 4.5 -> 5.5, transactions 3.0 -> 4.0, statements 15 -> 17),
back to where they were before the claim joined the store. An instruction, written in one statement now (migration
0021), went from 40.3 statements to 38.3 (9.0 trips, 7.3 transactions, inside its budget).

4 Dec 2026 (PostgreSQL): what recording an instruction reads, with the check that it is not one already and its new
id, comes in one statement (storage.instructions.facts_in, where it was six to nine), and the outbox's next call is
taken in one statement (migration 0022, where it was three), and a delivered call is settled with the chat's next
one taken in one statement (migration 0023, where it was two). An instruction went from 38.3 statements to 28.3; its
statement budget went from 46 to 34, so that the reads coming back one by one would show here.
"""

from __future__ import annotations

import asyncio

from storage import messages, tasks
from tests.conftest import TEST_BACKEND
from tests.e2e.moderation_world import AADHAAR, build_world, post, settled, warning_after
from tests.e2e.record_world import build_world as build_record_world

# Per backend: (trips, transactions, statements) per plain message; (trips, transactions) per instruction.
PLAIN_BUDGET = {"sqlite": (3.5, 2.5, 26), "postgresql": (5.5, 4.0, 17)}[TEST_BACKEND]
INSTRUCTION_BUDGET = {"sqlite": (10.0, 7.0, 75), "postgresql": (14.0, 9.5, 34)}[TEST_BACKEND]

PLAIN = ["Relief camp at Bhuj school is open.", "Water level at Rudramata dam: 12 ft.",
         "Tankers reached Mandvi taluka at 10:30.", "Road to Lakhpat is clear again.",
         "Report on crop loss in Abdasa sent to the Collector."]


async def _background_settled(client, bot) -> None:
    """Every update handled, every owed call delivered, and every task already due run (building a world binds
    groups, which schedules a reconcile per member due at once: on a slow machine they ran inside the counted
    window, and their reads, owed messages and deliveries were counted as the plain messages' cost)."""
    db, clock = bot.services.db, bot.services.clock
    deadline = asyncio.get_running_loop().time() + 60
    while await tasks.due(db, now=clock.now()):
        assert asyncio.get_running_loop().time() < deadline, "the world's due tasks did not run within 60 s"
        await asyncio.sleep(0.1)
    await settled(client, bot)


async def _traffic_of_plain_messages(client, bot, settings):
    world = await build_world(client, settings)
    await post(client, world, world.vikram, "Good morning, all.")  # the first message warms the caches
    await _background_settled(client, bot)
    db = bot.services.db
    traffic = await db.count_traffic()
    posted = []
    for text in PLAIN:  # one at a time, so that no batching of updates flatters the figures
        posted.append(await post(client, world, world.vikram, text))
        await settled(client, bot)
    counted = (traffic.trips, traffic.transactions, traffic.statements, traffic.round_trips)
    db.traffic = None
    for message in posted:
        assert await messages.get_message(db, world.kutch, message["message_id"]) is not None
    return counted


async def test_a_plain_group_message_costs_a_bounded_number_of_trips_transactions_and_statements(
    client, bot, settings
):
    trips, transactions, statements, round_trips = await _traffic_of_plain_messages(client, bot, settings)
    per_message = (trips / len(PLAIN), transactions / len(PLAIN), statements / len(PLAIN))
    print(f"{TEST_BACKEND}, per plain message: {per_message[0]:.1f} trips, {per_message[1]:.1f} transactions,"
          f" {per_message[2]:.1f} statements, {round_trips / len(PLAIN):.1f} round trips to a server")
    _within_round_trips(round_trips / len(PLAIN), "plain")
    assert per_message[0] <= PLAIN_BUDGET[0], f"{per_message[0]:.1f} trips to the database's thread per message"
    assert per_message[1] <= PLAIN_BUDGET[1], f"{per_message[1]:.1f} transactions per message"
    assert per_message[2] <= PLAIN_BUDGET[2], f"{per_message[2]:.1f} statements per message"


INSTRUCTIONS = ["Mamlatdar Bhuj and Mamlatdar Mandvi to send the rainfall report by 5 pm",
                "All Mamlatdars to attend the review meeting tomorrow 11 am",
                "Mamlatdar Mandvi to submit the crop loss survey by tomorrow 6 pm"]


async def test_an_instruction_costs_a_bounded_number_of_trips_and_transactions(client, bot):
    """An instruction costs a plain message's trips and the record's: one unit of work (the group, the removal check,
    its members and the people named read; the record, its prompt and its reminder written), then its prompt's
    delivery (the call taken with its in-flight mark; settled with the look for the next). Measured on 2 December
    2026 under load: 10.0-11.7 trips and 6.0 transactions per instruction, the prompt's delivery included; before
    the record was one read and one write, 24.7-25.7 trips and 6.0 transactions. Since several instances may share a database
    (issue 17), delivery claims the prompt's chat in the write that takes the call, and a look that finds nothing
    more due lets the claim go in a write of its own: 9.7 trips and 7.3 transactions (quiet machine, 2 Dec 2026);
    8.7 and 6.3 since the record of the message is written with the inbox's batch. Since the settlement of a call
    takes the chat's next one (or lets the claim go) and the instruction's facts are read in its write's unit:
    6.7 trips and 5.0-5.3 transactions (2 Dec 2026, evening). Since the prompt is written from the addressees in
    hand (not read back: two statements fewer) and a call's settlement is a unit of work that joins a group commit:
    6.3-6.7 trips and 5.0-5.3 transactions one instruction at a time, as before (3 Dec 2026; the group commit only
    saves where calls are settled while other writes wait, as under load).
    The rest of the budget is the bot's background work falling in the window (the scheduler looks for due
    tasks every second)."""
    world = await build_record_world(client, bot)
    kutch = world.groups["kutch"]
    await client.send_message(kutch, world.users["collector-kutch"], "Good morning, all.")  # warms the caches
    await _background_settled(client, bot)
    db = bot.services.db
    traffic = await db.count_traffic()
    for text in INSTRUCTIONS:  # one at a time, each until its prompt is delivered
        posted = await client.send_message(kutch, world.users["collector-kutch"], text)
        await client.wait_for_bot_message(kutch, contains="Recorded as an instruction",
                                          after_message_id=posted["message_id"])
        await settled(client, bot)
    trips, transactions = traffic.trips / len(INSTRUCTIONS), traffic.transactions / len(INSTRUCTIONS)
    statements = traffic.statements / len(INSTRUCTIONS)
    round_trips = traffic.round_trips / len(INSTRUCTIONS)
    db.traffic = None
    print(f"{TEST_BACKEND}, per instruction: {trips:.1f} trips, {transactions:.1f} transactions,"
          f" {statements:.1f} statements")
    assert trips <= INSTRUCTION_BUDGET[0], f"{trips:.1f} trips to the database's thread per instruction"
    assert transactions <= INSTRUCTION_BUDGET[1], f"{transactions:.1f} transactions per instruction"
    assert statements <= INSTRUCTION_BUDGET[2], f"{statements:.1f} statements per instruction"
    _within_round_trips(round_trips, "instruction")


# Per backend: (trips, transactions, statements) per message the filter flags (ACT: removed, the member warned or
# told of the removal, the admin post notified).
FLAGGED_BUDGET = {"sqlite": (12.0, 8.5, 108), "postgresql": (14.5, 11.5, 84)}[TEST_BACKEND]

FLAGGED = [f"Applicant {name}, Aadhaar {AADHAAR}, has not got his relief"
           for name in ("Ramesh Patel", "Suresh Mehta", "Dinesh Shah")]


async def test_a_flagged_message_costs_a_bounded_number_of_trips_and_transactions(client, bot, settings):
    """A message the filter flags with confidence (an Aadhaar number next to a name; the group's policy deletes and
    notifies) costs a plain message's trips, the reads that decide what to do (the group and its policy, whether the
    bot may delete, the admin posts' accounts, whether the member is one), one unit of work that writes the flag
    (the member's last warning read; the flag, its journal entry, the removal, the warning or the removal notice, the
    combined warning's task and the admin post's notice with its text's reads, written), then the deliveries of the
    three calls it owes. The first message is warned at once, the other two within the interval (a notice now, the
    reasons held).

    Measured on 3 December 2026, three runs alternated with main's (load 1.2): SQLite 31.0-31.7 trips, 7.0-7.3
    transactions, 97-98 statements per flagged message before, when the flag's transaction took a trip per statement;
    15.7-16.0 trips, 7.3-7.7 transactions and 98-98.7 statements since it is one unit of work given to
    `Database.write`. PostgreSQL (two runs each): 34.3 trips, 10.0 transactions, 84.0 statements before; 18.3-18.7,
    10.0 and 84.0-84.3 after. The transactions and statements did not move (it was one transaction before, too); the
    budgets keep about the margin the plain message's have.

    Session ten (load 4-6): the reads that decide (the group and its policy, the admin posts' accounts, the chat,
    whether the member is an admin) are one trip on one snapshot (coordination.moderation.flag_facts), where they
    were six or more one after another: SQLite 15.3 -> 9.3 trips, PostgreSQL 17.7 -> 11.7 (main against this, in
    turn); transactions and statements unchanged. The trip budgets fell by as much, keeping their margin."""
    world = await build_world(client, settings)
    await client.ask(world.kutch, world.rajesh["id"], "/policy personal_data delete+notify", contains="Policy for")
    await post(client, world, world.vikram, "Good morning, all.")  # warms the caches
    await _background_settled(client, bot)
    db = bot.services.db
    traffic = await db.count_traffic()
    warnings = []
    for text in FLAGGED:  # one at a time, each until its warning is in the group
        posted = await post(client, world, world.hetal, text)
        warnings.append(await warning_after(client, world, posted))
        await settled(client, bot)
    trips, transactions = traffic.trips / len(FLAGGED), traffic.transactions / len(FLAGGED)
    statements = traffic.statements / len(FLAGGED)
    round_trips = traffic.round_trips / len(FLAGGED)
    db.traffic = None
    print(f"{TEST_BACKEND}, per flagged message: {trips:.1f} trips, {transactions:.1f} transactions,"
          f" {statements:.1f} statements")
    assert "an Aadhaar number — personal data (§8, privacy)" in warnings[0]["text"]
    assert all("removed from the group" in warning["text"] for warning in warnings[1:]), "the interval holds the rest"
    assert len(await client.deleted_message_ids(world.kutch)) == len(FLAGGED), "each flagged message is removed"
    notices = [m for m in await client.bot_messages(world.rajesh["id"]) if "Flag #" in m["text"]]
    assert len(notices) == len(FLAGGED), "the admin post is told of each flag"
    assert trips <= FLAGGED_BUDGET[0], f"{trips:.1f} trips to the database's thread per flagged message"
    assert transactions <= FLAGGED_BUDGET[1], f"{transactions:.1f} transactions per flagged message"
    assert statements <= FLAGGED_BUDGET[2], f"{statements:.1f} statements per flagged message"
    _within_round_trips(round_trips, "flagged")


# PostgreSQL's round trips to the server (Traffic.round_trips: a statement, or several sent together in libpq's
# pipeline mode; a statement's preparation at its second use is one too), per plain message, instruction and flagged
# message, deliveries included. SQLite runs in this process and has none. Measured 5 December 2026 (load under 1, two
# runs): before a transaction's BEGIN went with its first statement and the record of the bot's own post with its
# call's settlement (Unit.execute_soon), 15.8 a plain message, 32.0-32.3 an instruction, 69.0-71.0 a flagged message;
# after, 11.8, 22.7-23.0 and 56.3-57.7; with the inbox's marks, the release of idle chat claims, a member's last
# warning and a flag's notices also run soon, 9.6-10.6, 21.0 and 53.0-54.3; with a flag's row coming back from its
# INSERT (the version flagged found inside it), a flagged message 48.3 (56.7 statements, 59.7 before). The budgets keep
# about the statement budgets' margin (a fifth to a quarter).
ROUND_TRIP_BUDGET = {"plain": 13.0, "instruction": 25.5, "flagged": 60.0}


def _within_round_trips(measured: float, kind: str) -> None:
    if TEST_BACKEND == "postgresql":
        print(f"{TEST_BACKEND}, round trips per {kind} message: {measured:.1f}")
        assert measured <= ROUND_TRIP_BUDGET[kind], f"{measured:.1f} round trips to the server per {kind} message"
