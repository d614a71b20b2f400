"""A world for the moderation end-to-end tests, made as people make it: the demo roster imported,
officers verified by sharing their own contact, the District Kutch group bound with /bind."""

from __future__ import annotations

from dataclasses import dataclass

from tests.e2e.membership_world import HETAL, RAJESH, VIKRAM, bound_group, import_demo, person, verify

# A valid Aadhaar number for a fictional citizen: 12 digits, first 2-9, and Verhoeff check digit 4,
# worked with the published tables (tests/nlp/test_nlp_checksums.py checks the function against them).
AADHAAR = "2345 6789 0124"
CONFIDENTIAL = "The draft GR on jantri revision is attached, not for circulation"
HOSTILE = "Mamlatdar Bhuj is a corrupt thief, useless fellow"
PERSONAL = f"Applicant Ramesh Patel, Aadhaar {AADHAAR}, has not got his relief"


@dataclass
class World:
    """The Collector (admin post), two Mamlatdars, and their group."""

    rajesh: dict  # District Collector, Kutch: the group's admin post
    vikram: dict  # Mamlatdar, Bhuj
    hetal: dict  # Mamlatdar, Mandvi
    kutch: int


async def build_world(client, settings) -> World:
    """Import the demo roster, verify three officers and bind their group."""
    await import_demo(settings)
    rajesh, vikram, hetal = await person(client, RAJESH), await person(client, VIKRAM), await person(client, HETAL)
    for officer in (rajesh, vikram, hetal):
        await verify(client, officer)
    kutch = await bound_group(client, rajesh, "District Kutch – Revenue", "district Kutch", members=(vikram, hetal))
    return World(rajesh, vikram, hetal, kutch["id"])


async def post(client, world: World, who: dict, text: str) -> dict:
    """A member posts in the group."""
    return await client.send_message(world.kutch, who["id"], text)


async def warning_after(client, world: World, posted: dict, contains: str = "⚠️") -> dict:
    """The bot's next message in the group after a post, containing a text."""
    return await client.wait_for_bot_message(world.kutch, contains=contains, after_message_id=posted["message_id"])


async def settled(client, bot) -> None:
    """Every update handled and every owed call delivered."""
    await client.wait_until_idle()
    await bot.ingress.idle()
    await client.wait_until_idle()


async def as_now(client, chat_id: int, message_id: int) -> dict:
    """A message as it stands now (after the bot's edits)."""
    [current] = [m for m in await client.messages(chat_id) if m["message_id"] == message_id]
    return current
