"""The demo world seeded into the sandbox: fictional officers of the demo roster and their groups."""

from __future__ import annotations

import asyncio
import csv
from dataclasses import dataclass
from importlib import resources
from typing import Any

DEMO_ROSTER = "roster.csv"


@dataclass(frozen=True)
class DemoPerson:
    """A fictional person in the sandbox (an officer holding a post, or a newcomer with none)."""

    name: str
    user_id: int
    phone: str
    post_id: str | None
    designation: str


@dataclass(frozen=True)
class DemoGroup:
    """A coordination group in the sandbox and the posts that belong in it."""

    binding: str  # e.g. "state", "hod land-records", "district Kutch"
    title: str
    chat_id: int
    admin_post: str
    post_ids: tuple[str, ...]


@dataclass(frozen=True)
class DemoWorld:
    """Everything seeded, for printing and for tests."""

    people: tuple[DemoPerson, ...]
    groups: tuple[DemoGroup, ...]
    newcomer: DemoPerson

    def person(self, post_id: str) -> DemoPerson:
        """The holder of a post."""
        return next(person for person in self.people if person.post_id == post_id)

    def group(self, binding: str) -> DemoGroup:
        """The group with this binding."""
        return next(group for group in self.groups if group.binding == binding)


def demo_roster_rows() -> list[dict[str, str]]:
    """The demo roster CSV as dictionaries."""
    text = resources.files("bot.demo").joinpath(DEMO_ROSTER).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def demo_roster_path() -> Any:
    """The packaged demo roster file (for `samvad roster import`)."""
    return resources.files("bot.demo").joinpath(DEMO_ROSTER)


def planned_groups(rows: list[dict[str, str]]) -> list[tuple[str, str, str, tuple[str, ...]]]:
    """(binding, title, admin post, member posts) for each group the demo roster implies."""
    state_posts = tuple(r["post_id"] for r in rows if r["level"] == "state")
    collectors = tuple(r["post_id"] for r in rows if r["level"] == "district" and r["admin"] == "yes")
    plans = [("state", "Revenue – State Coordination", _admin_of(rows, "state", None), state_posts + collectors)]
    offices = {"land-records": "HoD – Land Records (SSRD)", "registration": "HoD – Registration & Stamps (IGR)"}
    for office, title in offices.items():
        posts = tuple(r["post_id"] for r in rows if r["level"] == "hod" and r["jurisdiction"] == office)
        plans.append((f"hod {office}", title, _admin_of(rows, "hod", office), posts))
    for district in sorted({r["jurisdiction"] for r in rows if r["level"] == "district"}):
        posts = tuple(r["post_id"] for r in rows if r["level"] == "district" and r["jurisdiction"] == district)
        plans.append((f"district {district}", f"District {district} – Revenue & Disaster", _admin_of(rows, "district", district), posts))
    return plans


async def seed_demo_world(client: Any) -> DemoWorld:
    """Create the demo people and groups in the sandbox, with the bot as admin of each group."""
    rows = demo_roster_rows()
    people = []
    for row in rows:
        first, _, last = row["holder"].partition(" ")
        user = await client.create_user(first, last_name=last or None, phone=row["mobile"])
        people.append(DemoPerson(row["holder"], user["id"], row["mobile"], row["post_id"], row["designation"]))
    newcomer_user = await client.create_user("Dinesh", last_name="Parmar", phone="+91 98250 12345")
    newcomer = DemoPerson("Dinesh Parmar", newcomer_user["id"], "+91 98250 12345", None, "(no post)")
    by_post = {person.post_id: person for person in people}
    groups = []
    for binding, title, admin_post, post_ids in planned_groups(rows):
        creator = by_post[admin_post].user_id
        members = [by_post[post].user_id for post in post_ids if post != admin_post]
        chat = await client.create_group(title, creator_id=creator, member_ids=members)
        await client.add_bot(chat["id"], added_by=creator, admin=True)
        groups.append(DemoGroup(binding, title, chat["id"], admin_post, post_ids))
    return DemoWorld(tuple(people), tuple(groups), newcomer)


async def verify_and_bind(client: Any, world: DemoWorld, *, timeout: float = 10.0) -> None:
    """Bring the demo to life as people would: the admin posts verify and bind their groups, then the others verify.

    Dinesh Parmar, the newcomer with no post, stays unverified so that a visitor can watch the gating.
    """
    admins = {world.person(group.admin_post) for group in world.groups}
    await asyncio.gather(*(verify(client, person, timeout=timeout) for person in admins))
    await asyncio.gather(*(
        bind(client, group, world.person(group.admin_post), timeout=timeout) for group in world.groups
    ))
    others = [person for person in world.people if person not in admins]
    await asyncio.gather(*(verify(client, person, timeout=timeout) for person in others))


async def verify(client: Any, person: DemoPerson, *, timeout: float = 10.0) -> None:
    """A person opens the private chat, presses Start and shares their own contact."""
    await client.start_bot(person.user_id)
    await client.wait_for_bot_message(person.user_id, contains="Share my number", timeout=timeout)
    sent = await client.send_contact(
        person.user_id, person.user_id, phone_number=person.phone.replace(" ", "").lstrip("+"),
        first_name=person.name.split()[0],
        contact_user_id=person.user_id,
    )
    await client.wait_for_bot_message(
        person.user_id, contains="Verified", after_message_id=sent["message_id"], timeout=timeout
    )


async def bind(client: Any, group: DemoGroup, admin: DemoPerson, *, timeout: float = 10.0) -> None:
    """A group's admin post sends /bind in it."""
    asked = await client.send_message(group.chat_id, admin.user_id, f"/bind {group.binding}")
    await client.wait_for_bot_message(
        group.chat_id, contains="This group is now", after_message_id=asked["message_id"], timeout=timeout
    )


def _admin_of(rows: list[dict[str, str]], level: str, jurisdiction: str | None) -> str:
    for row in rows:
        if row["level"] == level and row["admin"] == "yes" and jurisdiction in (None, row["jurisdiction"]):
            return row["post_id"]
    raise ValueError(f"the demo roster has no admin post for {level} {jurisdiction or ''}")
