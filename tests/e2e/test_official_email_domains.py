"""SAMVAD_OFFICIAL_EMAIL_DOMAINS reaches the content filter: an address on a configured domain is not personal data."""

from __future__ import annotations

import pytest

from storage import journal
from tests.conftest import make_settings
from tests.e2e.moderation_world import build_world, post, warning_after

# A private mobile number beside an officer's address on the district's own (configured) domain.
MESSAGE = "Rajesh Patel, relief.cell@kutchdm.org, 98250 11223"


@pytest.fixture
def settings(tmp_path, sandbox):
    return make_settings(tmp_path, sandbox, official_email_domains=("gujarat.gov.in", "nic.in", "kutchdm.org"))


@pytest.fixture
async def world(client, bot, settings):
    return await build_world(client, settings)


async def test_an_address_on_a_configured_official_domain_is_not_named_as_personal_data(client, bot, world):
    posted = await post(client, world, world.vikram, MESSAGE)

    warning = await warning_after(client, world, posted)
    assert "a private mobile number" in warning["text"]
    assert "e-mail" not in warning["text"]
    [entry] = await journal.entries(bot.services.db, kind="flag", chat_id=world.kutch)
    assert {finding["reason_code"] for finding in entry["body"]["findings"]} == {"mobile_number"}


async def test_without_the_setting_the_same_address_is_named(client, tmp_path, sandbox, clock):
    from bot.runner import running_bot

    plain = make_settings(tmp_path, sandbox)
    async with running_bot(plain, clock=clock) as running:
        world = await build_world(client, plain)
        posted = await post(client, world, world.vikram, MESSAGE)

        warning = await warning_after(client, world, posted)
        assert "e-mail" in warning["text"]
        [entry] = await journal.entries(running.services.db, kind="flag", chat_id=world.kutch)
        assert {finding["reason_code"] for finding in entry["body"]["findings"]} == {"mobile_number", "email_address"}
