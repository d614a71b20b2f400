"""Tiered moderation end to end: a doubtful finding goes quietly to the admin posts' review with nothing
in the group; a sure one is acted on as the policy says; /policy and /flags show the tiers.

The bot runs with a small real filter (tests/e2e/tiered_filter.py) for which every hostile finding is
doubtful (Tier.REVIEW), as a thresholds file with hostile's upper threshold out of reach would make it.
"""

from __future__ import annotations

import pytest

from runtime.classifier import packaged_filter
from bot.runner import running_bot
from nlp.verdict import Tier
from storage import flags, journal
from tests.conftest import buttons, eventually
from tests.e2e.moderation_world import HOSTILE, PERSONAL, build_world, post, settled, warning_after
from tests.e2e.tiered_filter import TieredFilter


@pytest.fixture
def tiered():
    return TieredFilter(packaged_filter(), doubtful={"hostile"})


@pytest.fixture
async def bot(settings, clock, tiered):
    async with running_bot(settings, clock=clock, content_filter=tiered) as running:
        yield running


@pytest.fixture
async def world(client, bot, settings):
    return await build_world(client, settings)


async def _group_messages_after(client, world, posted):
    return [m for m in await client.messages(world.kutch) if m["message_id"] > posted["message_id"]]


async def test_a_doubtful_message_goes_quietly_to_review_with_nothing_in_the_group(client, bot, world):
    posted = await post(client, world, world.vikram, HOSTILE)

    notice = await client.wait_for_bot_message(world.rajesh["id"], contains="Flag #")
    assert "a doubtful case, for quiet review" in notice["text"]
    assert "Vikram Jadeja (Mamlatdar, Bhuj)" in notice["text"]
    assert "the member was not warned and the message stays" in notice["text"]
    assert set(buttons(notice)) == {"Not a violation", "Confirm"}
    await settled(client, bot)
    assert await _group_messages_after(client, world, posted) == [], "nothing is posted in the group"
    assert posted["message_id"] not in await client.deleted_message_ids(world.kutch)
    assert [m["text"] for m in await client.messages(world.kutch) if m["message_id"] == posted["message_id"]] \
        == [HOSTILE], "the message stays as it was"

    [flag] = await flags.of_message(bot.services.db, world.kutch, posted["message_id"])
    assert (flag.tier, flag.labels, flag.deleted, flag.actions) == (Tier.REVIEW, ("hostile",), False, ("review",))
    [entry] = await journal.entries(bot.services.db, kind="flag", chat_id=world.kutch)
    assert entry["body"]["tier"] == "review"


async def test_an_admin_post_reviews_a_doubtful_case_without_a_word_in_the_group(client, bot, world):
    posted = await post(client, world, world.hetal, HOSTILE)
    notice = await client.wait_for_bot_message(world.rajesh["id"], contains="Flag #")
    answer = await client.press_button(world.rajesh["id"], notice["message_id"], world.rajesh["id"],
                                       buttons(notice)["Not a violation"])
    assert answer["text"] == "Closed as a false alarm."
    edited = await eventually(lambda: _edited_notice(client, world, notice))
    assert "Decision: not a violation, by Rajesh Patel (District Collector)" in edited["text"]
    await settled(client, bot)
    assert await _group_messages_after(client, world, posted) == [], "no repost: nothing was removed"
    [entry] = await journal.entries(bot.services.db, kind="review", chat_id=world.kutch)
    assert (entry["body"]["decision"], entry["body"]["tier"], entry["body"]["restored"]) == (
        "false_alarm", "review", False)


async def _edited_notice(client, world, notice):
    [current] = [m for m in await client.messages(world.rajesh["id"]) if m["message_id"] == notice["message_id"]]
    return current if "Decision:" in current["text"] else None


async def test_a_sure_label_is_acted_on_and_the_doubtful_one_beside_it_goes_to_the_admins_only(client, bot, world):
    posted = await post(client, world, world.vikram, f"{PERSONAL}. {HOSTILE}")

    warning = await warning_after(client, world, posted)
    assert posted["message_id"] in await eventually(lambda: client.deleted_message_ids(world.kutch))
    assert "an Aadhaar number — personal data (§8, privacy)" in warning["text"]
    assert "hostile or defamatory" not in warning["text"] and "Keep to the facts" not in warning["text"]
    # Personal data alone is removed without telling the admins (the default); the doubtful hostility is told.
    notice = await client.wait_for_bot_message(world.rajesh["id"], contains="Flag #")
    assert "Also doubtful, for your quiet review (not named to the member): hostile or defamatory content (§8)" \
        in notice["text"]
    assert set(buttons(notice)) == {"Not a violation", "Confirm"}
    [flag] = await flags.of_message(bot.services.db, world.kutch, posted["message_id"])
    assert (flag.tier, flag.labels, flag.also_doubtful) == (Tier.ACT, ("personal_data",), ("hostile",))
    [entry] = await journal.entries(bot.services.db, kind="flag", chat_id=world.kutch)
    assert (entry["body"]["tier"], entry["body"]["also_doubtful"]) == ("act", ["hostile"])


async def test_policy_and_flags_show_the_tiers(client, bot, world):
    sure = await post(client, world, world.vikram, PERSONAL)
    await warning_after(client, world, sure)
    doubtful = await post(client, world, world.hetal, HOSTILE)
    await client.wait_for_bot_message(world.rajesh["id"], contains="doubtful case")

    policy = await client.ask(world.kutch, world.vikram["id"], "/policy", contains="Moderation policy")
    assert "when the filter is sure, the action above is taken" in policy["text"]
    assert "A doubtful case is never shown in the group: nothing is said or removed, and it goes quietly to the" \
           " admin posts' review" in policy["text"]
    assert "Only a sure instruction is prompted for acknowledgement" in policy["text"]

    listing = await client.ask(world.kutch, world.rajesh["id"], "/flags", contains="Flags in")
    [sure_line] = [line for line in listing["text"].splitlines() if "Vikram" in line]
    [doubtful_line] = [line for line in listing["text"].splitlines() if "Hetal" in line]
    assert " · acted on · " in sure_line and "removed" in sure_line
    assert " · doubtful, quiet review · " in doubtful_line and f"/{doubtful['message_id']}" in doubtful_line
