"""Helpers for the membership end-to-end tests: the demo roster, people who verify, groups that get bound."""

from __future__ import annotations

import io
from pathlib import Path

from bot.roster_commands import import_roster
from runtime.settings import Settings
from sandbox.client import SandboxClient

DEMO_ROSTER = Path(__file__).resolve().parents[2] / "bot" / "demo" / "roster.csv"

# Holders of demo roster posts, with their official numbers.
MEERA = ("Meera", "Desai", "+919426210001")  # acs-revenue, state admin
ANIL = ("Anil", "Trivedi", "+919426210002")  # secretary-lr, state admin
FARIDA = ("Farida", "Shaikh", "+919426210003")  # relief-commissioner, state
RAJESH = ("Rajesh", "Patel", "+919426240001")  # collector-kutch
SUNITA = ("Sunita", "Chaudhary", "+919426240002")  # prant-bhuj
VIKRAM = ("Vikram", "Jadeja", "+919426240003")  # mamlatdar-bhuj
HETAL = ("Hetal", "Gohil", "+919426240004")  # mamlatdar-mandvi
ARVIND = ("Arvind", "Nair", "+919426250001")  # collector-valsad
DINESH = ("Dinesh", "Parmar", "+919825012345")  # no post


async def import_file(settings: Settings, text: str, *, name: str = "roster.csv", remove_missing: bool = False):
    """Run `samvad roster import` (as a separate step, like the CLI beside the running bot): (status, output)."""
    out = io.StringIO()
    status = await import_roster(settings, text.encode("utf-8"), name=name, remove_missing=remove_missing, out=out)
    return status, out.getvalue()


async def import_demo(settings: Settings) -> None:
    """Import the demo roster (bot/demo/roster.csv)."""
    status, output = await import_file(settings, DEMO_ROSTER.read_text(encoding="utf-8"))
    assert status == 0, output


async def person(client: SandboxClient, who: tuple[str, str, str]) -> dict:
    """A sandbox user with a name and phone number."""
    first, last, phone = who
    return await client.create_user(first, last_name=last, phone=phone)


async def share_own_contact(client: SandboxClient, user: dict, *, phone: str | None = None) -> dict:
    """Open the private chat, press Start, and share this account's own contact (as Telegram sends it)."""
    await client.start_bot(user["id"])
    await client.wait_for_bot_message(user["id"], contains="Share my number")
    number = (phone or user["phone"]).lstrip("+")  # Telegram sends contact numbers without the plus
    return await client.send_contact(
        user["id"], user["id"], phone_number=number, first_name=user["first_name"], contact_user_id=user["id"]
    )


async def verify(client: SandboxClient, user: dict) -> dict:
    """Verify a roster post holder; returns the bot's reply."""
    sent = await share_own_contact(client, user)
    return await client.wait_for_bot_message(user["id"], contains="Verified", after_message_id=sent["message_id"])


async def group_with_bot(client: SandboxClient, creator: dict, title: str, *, members: tuple[dict, ...] = ()) -> dict:
    """A supergroup with Samvad added as administrator, once Samvad has introduced itself there."""
    chat = await client.create_group(title, creator_id=creator["id"], member_ids=[m["id"] for m in members])
    await client.add_bot(chat["id"], added_by=creator["id"])
    await client.wait_for_bot_message(chat["id"], contains="/bind")
    return chat


async def bound_group(
    client: SandboxClient, admin: dict, title: str, target: str, *, members: tuple[dict, ...] = ()
) -> dict:
    """A supergroup created by a verified admin post, with Samvad as administrator, bound with /bind."""
    chat = await group_with_bot(client, admin, title, members=members)
    asked = await client.send_message(chat["id"], admin["id"], f"/bind {target}")
    await client.wait_for_bot_message(chat["id"], contains="This group is now", after_message_id=asked["message_id"])
    return chat


async def last_private_message(client: SandboxClient, user_id: int) -> dict | None:
    """The latest message the bot sent a person in private."""
    sent = await client.bot_messages(user_id)
    return sent[-1] if sent else None
