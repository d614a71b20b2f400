"""Joining, leaving, bans, restrictions and promotions, as the bot and the people see them."""

from __future__ import annotations

import pytest
from telegram import ChatPermissions, Update
from telegram.error import BadRequest

from sandbox.client import SandboxError

BOT_ID = 123456


async def _fresh_updates(bot) -> tuple[Update, ...]:
    updates = await bot.get_updates(timeout=0)
    if updates:
        await bot.get_updates(offset=updates[-1].update_id + 1)
    return updates


async def test_join_request_link_then_approval_adds_the_member(bot, client, office):
    await _fresh_updates(bot)
    await bot.get_updates(allowed_updates=list(Update.ALL_TYPES))
    link = await bot.create_chat_invite_link(office.chat_id, creates_join_request=True, name="applicants")
    mira = await client.create_user("Mira", username="mira_shah")
    assert await client.join_by_link(mira["id"], link.invite_link) == "requested"

    (request_update,) = await _fresh_updates(bot)
    request = request_update.chat_join_request
    assert (request.from_user.id, request.user_chat_id, request.invite_link.name) == (mira["id"], mira["id"], "applicants")
    assert [r["from"]["id"] for r in await client.join_requests(office.chat_id)] == [mira["id"]]

    await bot.approve_chat_join_request(office.chat_id, mira["id"])
    updates = await _fresh_updates(bot)
    member_update = next(u.chat_member for u in updates if u.chat_member)
    joined = next(u.message for u in updates if u.message)
    assert member_update.via_join_request is True
    assert (member_update.old_chat_member.status, member_update.new_chat_member.status) == ("left", "member")
    assert [u.id for u in joined.new_chat_members] == [mira["id"]]
    assert (await client.member(office.chat_id, mira["id"]))["status"] == "member"
    assert await client.join_requests(office.chat_id) == []


async def test_approving_without_a_request_is_refused(bot, client, office):
    mira = await client.create_user("Mira")
    with pytest.raises(BadRequest, match="Hide_requester_missing"):
        await bot.approve_chat_join_request(office.chat_id, mira["id"])
    with pytest.raises(BadRequest, match="User_already_participant"):
        await bot.decline_chat_join_request(office.chat_id, office.ravi["id"])


async def test_declined_request_leaves_the_user_outside(bot, client, office):
    mira = await client.create_user("Mira")
    await client.request_join(office.chat_id, mira["id"])
    await bot.decline_chat_join_request(office.chat_id, mira["id"])
    assert (await client.member(office.chat_id, mira["id"]))["status"] == "left"
    assert await client.join_requests(office.chat_id) == []


async def test_plain_link_joins_at_once(bot, client, office):
    link = await bot.create_chat_invite_link(office.chat_id, member_limit=1)
    mira = await client.create_user("Mira")
    dev = await client.create_user("Dev")
    assert await client.join_by_link(mira["id"], link.invite_link) == "joined"
    with pytest.raises(SandboxError, match="member limit"):
        await client.join_by_link(dev["id"], link.invite_link)


async def test_revoked_and_unknown_links_are_refused(bot, client, office):
    link = await bot.create_chat_invite_link(office.chat_id)
    await bot.revoke_chat_invite_link(office.chat_id, link.invite_link)
    mira = await client.create_user("Mira")
    with pytest.raises(SandboxError, match="revoked") as refused:
        await client.join_by_link(mira["id"], link.invite_link)
    assert refused.value.status == 403
    with pytest.raises(SandboxError, match="does not exist"):
        await client.join_by_link(mira["id"], "https://t.me/+nonexistent")


async def test_ban_then_unban_lets_the_user_rejoin(bot, client, office):
    ravi = office.ravi["id"]
    link = await bot.create_chat_invite_link(office.chat_id)
    await bot.ban_chat_member(office.chat_id, ravi)
    assert (await client.member(office.chat_id, ravi))["status"] == "kicked"
    assert ravi not in [m["user"]["id"] for m in await client.members(office.chat_id)]
    with pytest.raises(SandboxError, match="banned"):
        await client.join_by_link(ravi, link.invite_link)
    with pytest.raises(SandboxError, match="banned"):
        await client.send_message(office.chat_id, ravi, "let me in")

    await bot.unban_chat_member(office.chat_id, ravi, only_if_banned=True)
    assert (await client.member(office.chat_id, ravi))["status"] == "left"
    assert await client.join_by_link(ravi, link.invite_link) == "joined"
    await client.send_message(office.chat_id, ravi, "back again")


async def test_ban_posts_left_chat_member_and_revokes_messages_when_asked(bot, client, office):
    sent = await client.send_message(office.chat_id, office.ravi["id"], "spam spam")
    await bot.ban_chat_member(office.chat_id, office.ravi["id"], revoke_messages=True)
    messages = await client.messages(office.chat_id)
    assert messages[-1]["left_chat_member"]["id"] == office.ravi["id"]
    assert sent["message_id"] in await client.deleted_message_ids(office.chat_id)


async def test_unban_without_only_if_banned_removes_a_member(bot, client, office):
    await bot.unban_chat_member(office.chat_id, office.ravi["id"])
    assert (await client.member(office.chat_id, office.ravi["id"]))["status"] == "left"


async def test_owner_and_administrators_cannot_be_banned_or_restricted(bot, client, office):
    with pytest.raises(BadRequest, match="Can't remove chat owner"):
        await bot.ban_chat_member(office.chat_id, office.asha["id"])
    await client.promote(office.chat_id, office.ravi["id"], by=office.asha["id"])
    with pytest.raises(BadRequest, match="User is an administrator of the chat"):
        await bot.ban_chat_member(office.chat_id, office.ravi["id"])
    with pytest.raises(BadRequest, match="User is an administrator of the chat"):
        await bot.restrict_chat_member(office.chat_id, office.ravi["id"], ChatPermissions.no_permissions())


async def test_restricted_user_cannot_post(bot, client, office):
    await bot.restrict_chat_member(office.chat_id, office.ravi["id"], ChatPermissions.no_permissions())
    member = await client.member(office.chat_id, office.ravi["id"])
    assert (member["status"], member["can_send_messages"], member["is_member"]) == ("restricted", False, True)
    with pytest.raises(SandboxError, match="restricted") as refused:
        await client.send_message(office.chat_id, office.ravi["id"], "hello?")
    assert refused.value.status == 403


async def test_restricting_with_the_groups_own_permissions_lifts_the_restriction(bot, client, office):
    await bot.restrict_chat_member(office.chat_id, office.ravi["id"], ChatPermissions.no_permissions())
    chat = await bot.get_chat(office.chat_id)
    await bot.restrict_chat_member(office.chat_id, office.ravi["id"], chat.permissions)
    assert (await client.member(office.chat_id, office.ravi["id"]))["status"] == "member"
    await client.send_message(office.chat_id, office.ravi["id"], "I can speak again")


async def test_restriction_without_independent_permissions_couples_them(bot, client, office):
    await bot.restrict_chat_member(
        office.chat_id, office.ravi["id"], ChatPermissions(can_send_polls=True), use_independent_chat_permissions=False
    )
    member = await client.member(office.chat_id, office.ravi["id"])
    assert (member["can_send_polls"], member["can_send_messages"], member["can_send_photos"]) == (True, True, False)


async def test_restrict_needs_a_supergroup_and_the_right(bot, client, office):
    basic = await client.create_group("Basic", creator_id=office.asha["id"], supergroup=False, member_ids=[office.ravi["id"]])
    await client.add_bot(basic["id"], added_by=office.asha["id"])
    with pytest.raises(BadRequest, match="Method is available only for supergroups"):
        await bot.restrict_chat_member(basic["id"], office.ravi["id"], ChatPermissions.no_permissions())
    await client.set_bot_rights(office.chat_id, admin=True, rights={"can_restrict_members": False}, by=office.asha["id"])
    with pytest.raises(BadRequest, match="Not enough rights to restrict/unrestrict chat member"):
        await bot.restrict_chat_member(office.chat_id, office.ravi["id"], ChatPermissions.no_permissions())
    with pytest.raises(BadRequest, match="Not enough rights to restrict/unrestrict chat member"):
        await bot.ban_chat_member(office.chat_id, office.ravi["id"])


async def test_bot_promotes_within_its_own_rights(bot, client, office):
    with pytest.raises(BadRequest, match="Not enough rights"):
        await bot.promote_chat_member(office.chat_id, office.ravi["id"], can_delete_messages=True)
    await client.set_bot_rights(office.chat_id, admin=True, rights={"can_promote_members": True}, by=office.asha["id"])
    await bot.promote_chat_member(office.chat_id, office.ravi["id"], can_delete_messages=True)
    member = await bot.get_chat_member(office.chat_id, office.ravi["id"])
    assert (member.status, member.can_delete_messages, member.can_be_edited) == ("administrator", True, True)
    await client.set_bot_rights(office.chat_id, admin=True, rights={"can_promote_members": True, "can_manage_topics": False}, by=office.asha["id"])
    with pytest.raises(BadRequest, match="Right_forbidden"):
        await bot.promote_chat_member(office.chat_id, office.ravi["id"], can_manage_topics=True)
    await bot.promote_chat_member(office.chat_id, office.ravi["id"])  # no rights: demoted
    assert (await client.member(office.chat_id, office.ravi["id"]))["status"] == "member"


async def test_bot_membership_changes_arrive_as_my_chat_member(bot, client, office):
    await _fresh_updates(bot)
    await client.set_bot_rights(office.chat_id, admin=False, by=office.asha["id"])
    await client.remove_member(office.chat_id, BOT_ID, by=office.asha["id"])
    updates = [u.my_chat_member for u in await _fresh_updates(bot) if u.my_chat_member]
    assert [(u.old_chat_member.status, u.new_chat_member.status) for u in updates] == [
        ("administrator", "member"),
        ("member", "kicked"),
    ]
    assert updates[0].from_user.id == office.asha["id"]


async def test_people_leaving_and_being_added(bot, client, office):
    await _fresh_updates(bot)
    await client.leave(office.chat_id, office.ravi["id"])
    await client.add_member(office.chat_id, office.ravi["id"], added_by=office.asha["id"])
    messages = [u.message for u in await _fresh_updates(bot) if u.message]
    assert messages[0].left_chat_member.id == office.ravi["id"]
    assert (messages[1].new_chat_members[0].id, messages[1].from_user.id) == (office.ravi["id"], office.asha["id"])
    with pytest.raises(SandboxError, match="USER_ALREADY_PARTICIPANT"):
        await client.add_member(office.chat_id, office.ravi["id"], added_by=office.asha["id"])


async def test_member_counts_and_administrators(bot, client, office):
    assert await bot.get_chat_member_count(office.chat_id) == 3
    admins = await bot.get_chat_administrators(office.chat_id)
    assert {a.user.id: a.status for a in admins} == {office.asha["id"]: "creator", BOT_ID: "administrator"}
    stranger = await client.create_user("Stranger")
    assert (await bot.get_chat_member(office.chat_id, stranger["id"])).status == "left"
    with pytest.raises(BadRequest, match="User not found"):
        await bot.get_chat_member(office.chat_id, 42)
