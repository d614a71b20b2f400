"""At DEBUG the log holds no message text and no personal data: not a /check draft, not an Aadhaar or PAN
number, not a roster's or a shared contact's phone number.

The bot runs for real against the sandbox with logging set up as `samvad` sets it up
(SAMVAD_LOG_LEVEL=DEBUG); what it wrote is then searched for every word given to it.
"""

from __future__ import annotations

import io
import logging

import pytest

from bot.logs import configure_logging
from bot.runner import running_bot
from storage import flags
from tests.conftest import TOKEN, eventually
from tests.e2e.record_world import POSTS, build_world

DRAFT = "/check Draft for Twitter: Tarapore embankment breached near Dholavira, villagers furious at the Collector"
DRAFT_WORDS = ("Tarapore", "embankment", "Dholavira", "furious")
AADHAAR = "2345 6789 0124"
PAN = "AFZPK7190K"
CONTACT_PHONE = "+91 98250 31337"
FLAGGED = f"Beneficiary Kantaben Vaghela, Aadhaar {AADHAAR}, PAN {PAN}, to be paid today"
ROSTER_PHONES = tuple(mobile for *_, mobile, _ in POSTS)


@pytest.fixture
def debug_log():
    """The root logger as `samvad` configures it at DEBUG, writing to a buffer; put back afterwards."""
    root = logging.getLogger()
    saved_handlers, saved_level = list(root.handlers), root.level
    saved_levels = {name: logging.getLogger(name).level for name in logging.root.manager.loggerDict}
    buffer = io.StringIO()
    configure_logging("DEBUG", secrets=[TOKEN], stream=buffer)
    yield buffer
    for handler in list(root.handlers):
        root.removeHandler(handler)
    for handler in saved_handlers:
        root.addHandler(handler)
    root.setLevel(saved_level)
    for name, level in saved_levels.items():
        logging.getLogger(name).setLevel(level)


@pytest.fixture
async def bot(debug_log, settings, clock):
    async with running_bot(settings, clock=clock) as running:
        yield running


def _forms(number: str) -> set[str]:
    digits = "".join(ch for ch in number if ch.isalnum())
    return {number, digits, digits[-10:]}


async def test_at_debug_no_draft_no_identity_number_and_no_phone_number_reaches_the_log(client, bot, debug_log):
    world = await build_world(client, bot)  # the roster's posts, with their mobiles, written to the database
    bhuj = world.users["mamlatdar-bhuj"]
    report = await client.ask(bhuj, bhuj, DRAFT, contains="Pre-post check")
    assert "nothing of it is kept" in report["text"]
    kutch = world.groups["kutch"]
    posted = await client.send_message(kutch, bhuj, FLAGGED)
    await eventually(lambda: flags.of_message(bot.services.db, kutch, posted["message_id"]))
    await client.wait_for_bot_message(kutch, contains="⚠️", after_message_id=posted["message_id"])
    await client.send_contact(bhuj, bhuj, phone_number=CONTACT_PHONE, first_name="Vikram", contact_user_id=bhuj)
    await client.wait_until_idle()
    await bot.ingress.idle()

    log = debug_log.getvalue()
    assert "DEBUG" in log or "INFO" in log, "nothing was logged: the capture is not working"
    # The bot's own lines are there (not "applying migration": a PostgreSQL test database is a copy of one
    # migrated before the capture began, so only SQLite's pass would log that).
    assert "started as poller" in log
    leaked = [word for word in DRAFT_WORDS if word in log]
    leaked += [form for number in (AADHAAR, PAN, CONTACT_PHONE, *ROSTER_PHONES) for form in _forms(number) if form in log]
    leaked += ["Kantaben"] if "Kantaben" in log else []
    assert leaked == [], f"the DEBUG log holds {leaked}"
    assert TOKEN not in log
