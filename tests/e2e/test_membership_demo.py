"""The demo world of `samvad sandbox`: roster imported, groups bound by their admin posts, officers verified."""

from __future__ import annotations

import time

from bot.demo.world import seed_demo_world, verify_and_bind
from bot.sandbox_mode import import_demo_roster
from storage import roster
from tests.conftest import eventually


async def test_the_demo_binds_every_group_and_verifies_every_officer_but_the_newcomer(client, bot, settings):
    started = time.monotonic()
    world = await seed_demo_world(client)
    await import_demo_roster(settings)
    await verify_and_bind(client, world)
    print(f"demo seeded in {time.monotonic() - started:.2f} s")

    db = bot.services.db
    bindings = {binding.label: binding.chat_id for binding in await roster.all_bindings(db)}
    assert bindings == {group.binding: group.chat_id for group in world.groups}
    for person in world.people:
        assert [post.post_id for post in await roster.posts_of_user(db, person.user_id)] == [person.post_id]
    assert await roster.posts_of_user(db, world.newcomer.user_id) == []

    kutch = world.group("district Kutch")
    await client.add_member(kutch.chat_id, world.newcomer.user_id, added_by=world.person("collector-kutch").user_id)
    await client.wait_for_bot_message(kutch.chat_id, contains="Dinesh Parmar")
    await eventually(lambda: _restricted(client, kutch.chat_id, world.newcomer.user_id))


async def _restricted(client, chat_id, user_id):
    return (await client.member(chat_id, user_id))["status"] == "restricted"
