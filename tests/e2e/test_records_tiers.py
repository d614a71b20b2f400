"""Who says it, end to end: the bot tells the filter the speaker's post and the group's level; only a sure
instruction (Tier.ACT) is prompted; a forward is recorded as a forward, never as an order by the forwarder.

The bot runs with a small real filter (tests/e2e/tiered_filter.py): the packaged filter, which keeps what
it was asked, with chosen labels made doubtful (Tier.REVIEW) as an unreachable upper threshold would.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from runtime.classifier import packaged_filter
from bot.runner import running_bot
from nlp import MessageContext
from storage import instructions, journal, messages
from storage.timefmt import to_db
from tests.e2e.record_world import build_world
from tests.e2e.tiered_filter import TieredFilter

REQUEST = "Mamlatdars to send the crop damage figures by this evening"
DIRECTIVE = "All Collectors to submit the rainfall and relief figures to the State control room by 5 pm today"
# When the ACS first sent the directive: 1 March 2025, 10:30 IST.
DIRECTIVE_SENT = datetime(2025, 3, 1, 5, 0, tzinfo=UTC)


@pytest.fixture
def tiered():
    return TieredFilter(packaged_filter())


@pytest.fixture
async def bot(settings, clock, tiered):
    async with running_bot(settings, clock=clock, content_filter=tiered) as running:
        yield running


@pytest.fixture
async def world(client, bot):
    return await build_world(client, bot)


async def _settled(client, bot):
    await client.wait_until_idle()
    await bot.ingress.idle()
    await client.wait_until_idle()


async def _add_talati(client, bot, world) -> int:
    """A verified Talati of Bhuj joins the Kutch group."""
    talati = (await client.create_user("Kiran", last_name="Solanki", username="talati_bhuj"))["id"]
    now = bot.services.clock.now()
    async with bot.services.db.transaction() as tx:
        await tx.execute(
            "INSERT INTO posts (post_id, designation, level, jurisdiction, mobile, email, holder, is_admin, updated_at)"
            " VALUES ('talati-bhuj', 'Talati, Bhuj', 'district', 'Kutch', '+919426240009', '', 'talati-bhuj', 0, ?)",
            (to_db(now),),
        )
        await tx.execute(
            "INSERT INTO post_accounts (post_id, user_id, mobile, verified_at) VALUES ('talati-bhuj', ?, ?, ?)",
            (talati, "+919426240009", to_db(now - timedelta(days=1))),
        )
    await client.start_bot(talati)
    await client.add_member(world.groups["kutch"], talati, added_by=world.users["collector-kutch"])
    await _settled(client, bot)
    return talati


async def test_a_collector_asking_for_figures_is_an_instruction_and_a_talatis_will_be_done_is_not(
    client, bot, world, tiered
):
    kutch = world.groups["kutch"]
    talati = await _add_talati(client, bot, world)
    asked = await client.send_message(kutch, world.users["collector-kutch"], REQUEST)
    prompt = await client.wait_for_bot_message(kutch, contains="Recorded as an instruction",
                                               after_message_id=asked["message_id"])
    assert "Mamlatdar, Bhuj; Mamlatdar, Mandvi" in prompt["text"]

    answer = await client.send_message(kutch, talati, "Will be done, sir", reply_to=asked["message_id"])
    await _settled(client, bot)
    assert [m for m in await client.bot_messages(kutch) if m["message_id"] > answer["message_id"]] == []
    [instruction] = await instructions.recent(bot.services.db, kutch, 10)
    assert instruction.message_id == asked["message_id"], "the Talati's reply is no instruction"

    assert tiered.contexts_for(REQUEST)[0] == MessageContext(
        sender_level="district", sender_designation="District Collector", sender_is_admin=True,
        group_level="district", is_reply=False, is_forward=False,
    )
    assert tiered.contexts_for("Will be done, sir")[0] == MessageContext(
        sender_level="district", sender_designation="Talati, Bhuj", sender_is_admin=False,
        group_level="district", is_reply=True, is_forward=False,
    )


async def test_a_doubtful_instruction_is_not_prompted(client, bot, world, tiered):
    tiered.doubtful = frozenset({"instruction"})
    kutch = world.groups["kutch"]
    asked = await client.send_message(kutch, world.users["collector-kutch"], REQUEST)
    await _settled(client, bot)
    assert [m for m in await client.bot_messages(kutch) if m["message_id"] > asked["message_id"]] == []
    assert await instructions.recent(bot.services.db, kutch, 10) == []
    stored = await messages.get_message(bot.services.db, kutch, asked["message_id"])
    assert stored.original_text == REQUEST, "it stays in the record as a plain message"


async def test_a_forwarded_directive_is_recorded_as_the_acs_words_and_never_prompted(client, bot, world, tiered):
    kutch = world.groups["kutch"]
    acs = world.users["acs-revenue"]
    forwarded = await client.forward_message(kutch, world.users["mamlatdar-bhuj"], DIRECTIVE, origin_user_id=acs,
                                             origin_date=int(DIRECTIVE_SENT.timestamp()))
    await _settled(client, bot)

    assert [m for m in await client.bot_messages(kutch) if m["message_id"] > forwarded["message_id"]] == [], \
        "no Acknowledge prompt"
    assert await instructions.recent(bot.services.db, kutch, 10) == []
    stored = await messages.get_message(bot.services.db, kutch, forwarded["message_id"])
    assert (stored.sender_id, stored.forwarded_from, stored.forwarded_at) == (
        world.users["mamlatdar-bhuj"], f"user {acs} Acs Revenue", DIRECTIVE_SENT)
    [entry] = [e for e in await journal.entries(bot.services.db, kind="message", chat_id=kutch)
               if e["body"]["message_id"] == forwarded["message_id"]]
    assert (entry["body"]["forwarded_from"], entry["body"]["forwarded_at"]) == (
        f"user {acs} Acs Revenue", "2025-03-01T05:00:00.000000Z")
    # The words are the ACS's: the filter is told so.
    assert tiered.contexts_for(DIRECTIVE)[0] == MessageContext(
        sender_level="state", sender_designation="Additional Chief Secretary (Revenue)", sender_is_admin=False,
        group_level="district", is_reply=False, is_forward=True,
    )
