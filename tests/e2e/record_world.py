"""A world for the record's end-to-end tests: sandbox people and groups, and the same roster in the bot.

The roster and group bindings are written straight into the bot's database (the
membership feature that imports rosters and binds groups is another issue's work).
Messages are classified by the real content filter (the bot's classifier service).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from storage.timefmt import to_db

POSTS = (
    # post_id, designation, level, jurisdiction, mobile, admin
    ("acs-revenue", "Additional Chief Secretary (Revenue)", "state", "Revenue Department", "+919426210001", 1),
    ("collector-kutch", "District Collector", "district", "Kutch", "+919426240001", 1),
    ("mamlatdar-bhuj", "Mamlatdar, Bhuj", "district", "Kutch", "+919426240003", 0),
    ("mamlatdar-mandvi", "Mamlatdar, Mandvi", "district", "Kutch", "+919426240004", 0),
    ("collector-valsad", "District Collector", "district", "Valsad", "+919426250001", 1),
    ("mamlatdar-valsad", "Mamlatdar, Valsad", "district", "Valsad", "+919426250002", 0),
)


@dataclass
class World:
    """People by post, groups by name."""

    users: dict[str, int]
    groups: dict[str, int]
    outsider: int


async def build_world(client, bot) -> World:
    """Sandbox users and groups for the roster, bound in the bot's database, each person started in private."""
    users = {}
    for post_id, designation, *_ in POSTS:
        first, _, last = post_id.partition("-")
        user = await client.create_user(first.title(), last_name=last.title(), username=post_id.replace("-", "_"))
        users[post_id] = user["id"]
    outsider = (await client.create_user("Dinesh", last_name="Parmar", username="dinesh_p"))["id"]
    groups = {}
    plans = (
        ("state", "Revenue – State Coordination", "acs-revenue", ["collector-kutch", "collector-valsad"], ""),
        ("kutch", "District Kutch – Revenue & Disaster", "collector-kutch", ["mamlatdar-bhuj", "mamlatdar-mandvi"], "Kutch"),
        ("valsad", "District Valsad – Revenue & Disaster", "collector-valsad", ["mamlatdar-valsad"], "Valsad"),
    )
    for name, title, creator, members, _ in plans:
        extra = [outsider] if name == "kutch" else []
        chat = await client.create_group(
            title, creator_id=users[creator], member_ids=[users[m] for m in members] + extra
        )
        await client.add_bot(chat["id"], added_by=users[creator], admin=True)
        groups[name] = chat["id"]
    for user_id in [*users.values(), outsider]:
        await client.start_bot(user_id)
    await client.wait_until_idle()
    await bot.ingress.idle()
    now = bot.services.clock.now()
    async with bot.services.db.transaction() as tx:
        for post_id, designation, level, jurisdiction, mobile, admin in POSTS:
            await tx.execute(
                "INSERT INTO posts (post_id, designation, level, jurisdiction, mobile, email, holder, is_admin,"
                " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (post_id, designation, level, jurisdiction, mobile, f"{post_id}@gujarat.gov.in", post_id, admin,
                 to_db(now)),
            )
            await tx.execute(
                "INSERT INTO post_accounts (post_id, user_id, mobile, verified_at) VALUES (?, ?, ?, ?)",
                (post_id, users[post_id], mobile, to_db(now - timedelta(days=1))),
            )
        for name, _, _, _, jurisdiction in plans:
            level = "state" if name == "state" else "district"
            await tx.execute(
                "INSERT INTO group_bindings (chat_id, level, jurisdiction, bound_at) VALUES (?, ?, ?, ?)",
                (groups[name], level, jurisdiction, to_db(now)),
            )
    return World(users, groups, outsider)


def ack_data(message: dict) -> str:
    """The callback data of the Acknowledge button under a bot message."""
    return message["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
