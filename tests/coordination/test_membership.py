"""The membership rules (circular §2, §6) on a real SQLite file with a fake of Telegram's reads: verification,
admission, strays and transfers. What people would see: the calls owed, the journal, the stored state."""

from datetime import timedelta

import pytest

from coordination import admission, group_admin, membership
from coordination.admission import ContactShared, JoinRequest
from coordination.answers import Refusal, Reply
from coordination.group_admin import AdminCommand
from runtime.purposes import Purpose
from coordination.membership import MemberChange, Person
from storage import membership as membership_store
from storage import journal, roster
from storage.membership_args import TransferOrder
from storage.roster_changes import RECONCILE_TASK
from tests.coordination.membership_world import (
    ACS,
    COLLECTOR,
    COLLECTOR_VALSAD,
    KUTCH,
    KUTCH_GROUP,
    MAMLATDAR,
    STATE_GROUP,
    STRANGER,
    VALSAD,
    open_world,
)


@pytest.fixture
async def world(tmp_path, database_target):
    opened = await open_world(tmp_path, database_target)
    await opened.bind(KUTCH, KUTCH_GROUP)
    yield opened
    await opened.db.close()


def _contact(person: Person, number: str, *, owner: int | None = None, forwarded: bool = False) -> ContactShared:
    return ContactShared(person, 50, person.user_id if owner is None else owner, number, forwarded=forwarded)


def _joined(person: Person, *, old: str = "left", new: str = "member", by: Person | None = None) -> MemberChange:
    return MemberChange(KUTCH_GROUP, person, by or person, old, new, bot_username="SamvadBot")


# -- verification -----------------------------------------------------------------------------


async def test_an_unverified_start_offers_the_share_button(world):
    await admission.start(world.c, STRANGER)
    [call] = await world.calls()
    assert call.chat_id == STRANGER.user_id and "official number" in call.text
    assert call.params["reply_markup"]["keyboard"] == [[{"text": "📱 Share my number", "request_contact": True}]]


async def test_an_official_number_links_the_post_and_gives_an_invite_link(world):
    await admission.verify_contact(world.c, _contact(MAMLATDAR, "+91 94262 40003"))
    assert await roster.account_of_post(world.db, "mamlatdar-bhuj") == MAMLATDAR.user_id
    assert world.telegram.links_made == [(KUTCH.chat_id, "Samvad: mamlatdar-bhuj")]
    [reply] = await world.calls()
    assert reply.chat_id == MAMLATDAR.user_id and reply.purpose == "membership: verified"
    assert "✅ Verified: you hold <b>Mamlatdar, Bhuj</b> (District Kutch, post mamlatdar-bhuj)" in reply.text
    assert "<b>Kutch Coordination</b>: ask to join with https://t.me/+link1" in reply.text
    assert "The State group: no group is bound yet" not in reply.text  # a mamlatdar is not in the State group
    assert await world.journal_kinds() == ["membership.verified", "membership.invited"]


async def test_a_collector_hears_that_the_state_group_is_not_bound_yet(world):
    await admission.verify_contact(world.c, _contact(COLLECTOR, "9426240001"))
    [reply] = await world.calls()
    assert "• The State group: no group is bound yet; you will get an invite when there is one." in reply.text


async def test_someone_elses_contact_card_is_refused(world):
    await admission.verify_contact(world.c, _contact(STRANGER, "+91 94262 40003", owner=MAMLATDAR.user_id))
    assert await roster.account_of_post(world.db, "mamlatdar-bhuj") is None
    [reply] = await world.calls()
    assert reply.text.startswith("That is someone else's contact card.")
    assert reply.params["reply_parameters"]["message_id"] == 50
    assert await world.journal_kinds() == ["membership.verification_refused"]


async def test_a_forwarded_contact_card_is_refused_even_if_it_is_ones_own(world):
    await admission.verify_contact(world.c, _contact(MAMLATDAR, "+91 94262 40003", forwarded=True))
    assert await roster.account_of_post(world.db, "mamlatdar-bhuj") is None
    [reply] = await world.calls()
    assert reply.text.startswith("That is a forwarded contact card.")


async def test_an_unknown_number_is_refused_and_the_admins_are_told_once(world):
    await world.verify(ACS, "acs-revenue")
    await admission.verify_contact(world.c, _contact(STRANGER, "+91 98250 12345"))
    calls = await world.new_calls()
    assert [(call.chat_id, call.purpose) for call in calls] == [
        (STRANGER.user_id, "membership: unknown number"), (ACS.user_id, "membership: tell admins of an unknown number")]
    assert "is not in the Revenue Department's roster" in calls[0].text and "have been told" in calls[0].text
    assert "Ravi Kumar</a> tried to verify with +91 98250 12345" in calls[1].text
    await admission.verify_contact(world.c, _contact(STRANGER, "+91 98250 12345"))
    [again] = await world.new_calls()
    assert again.chat_id == STRANGER.user_id and "were told when you first tried" in again.text


async def test_a_number_that_is_not_indian_is_refused(world):
    await admission.verify_contact(world.c, _contact(STRANGER, "+1 202 555 0100"))
    [reply] = await world.calls()
    assert "No admin has verified with Samvad yet" in reply.text
    [entry] = [e for e in await _journal(world) if e["kind"] == "membership.verification_failed"]
    assert entry["body"]["why"] == "not an Indian mobile number"


async def test_verifying_lifts_the_restriction_of_a_waiting_member(world):
    await membership.member_changed(world.c, _joined(MAMLATDAR))  # joined unverified: restricted
    await world.new_calls()
    world.telegram.statuses[(KUTCH.chat_id, MAMLATDAR.user_id)] = "restricted"
    await admission.verify_contact(world.c, _contact(MAMLATDAR, "+91 94262 40003"))
    lift, announce, reply = await world.new_calls()
    assert (lift.method, lift.chat_id, lift.params["permissions"]["can_send_messages"]) == (
        "restrictChatMember", KUTCH.chat_id, True)
    assert announce.chat_id == KUTCH.chat_id and "has verified as Mamlatdar, Bhuj and may post now" in announce.text
    assert "you are in, and may post again" in reply.text
    assert await membership_store.open_gates(world.db, chat_id=KUTCH.chat_id) == []
    assert await world.pending_tasks(membership.GRACE_TASK) == []


async def test_verifying_approves_a_held_join_request(world):
    await admission.request_to_join(world.c, JoinRequest(KUTCH_GROUP, MAMLATDAR, MAMLATDAR.user_id))
    await world.new_calls()
    await admission.verify_contact(world.c, _contact(MAMLATDAR, "+91 94262 40003"))
    approve, reply = await world.new_calls()
    assert (approve.method, approve.chat_id, approve.params["user_id"]) == (
        "approveChatJoinRequest", KUTCH.chat_id, MAMLATDAR.user_id)
    assert "your join request is approved" in reply.text
    assert await world.pending_tasks(membership.DECLINE_TASK) == []


async def test_a_new_account_on_a_posts_number_sends_the_old_one_to_reconciliation(world):
    await world.verify(STRANGER, "mamlatdar-bhuj")
    await admission.verify_contact(world.c, _contact(MAMLATDAR, "+91 94262 40003"))
    [task] = await world.pending_tasks(RECONCILE_TASK)
    assert task.payload["user_id"] == STRANGER.user_id


# -- admission: join requests -----------------------------------------------------------------


async def test_a_verified_member_whose_post_belongs_is_approved_at_once(world):
    await world.verify(MAMLATDAR, "mamlatdar-bhuj")
    await admission.request_to_join(world.c, JoinRequest(KUTCH_GROUP, MAMLATDAR, MAMLATDAR.user_id, "https://t.me/+x"))
    [approve] = await world.calls()
    assert approve.method == "approveChatJoinRequest" and approve.params["user_id"] == MAMLATDAR.user_id
    assert await world.journal_kinds() == ["membership.approved"]


async def test_an_unverified_request_is_held_and_the_requester_asked_to_verify(world):
    await admission.request_to_join(world.c, JoinRequest(KUTCH_GROUP, STRANGER, 70))
    [ask] = await world.calls()
    assert ask.chat_id == 70 and ask.purpose == "membership: ask a requester to verify"
    assert "Your request is held until 29 Nov 2026, 15:30 IST" in ask.text  # 24 hours after 15:30 IST
    [task] = await world.pending_tasks(membership.DECLINE_TASK)
    assert task.payload == {"chat_id": KUTCH.chat_id, "user_id": STRANGER.user_id}
    assert [r.user_id for r in await membership_store.held_requests(world.db, chat_id=KUTCH.chat_id)] == [7]


async def test_a_request_from_a_post_that_belongs_elsewhere_is_held_with_the_reason(world):
    await world.verify(VALSAD, "mamlatdar-valsad")
    await admission.request_to_join(world.c, JoinRequest(KUTCH_GROUP, VALSAD, VALSAD.user_id))
    [ask] = await world.calls()
    assert "You are verified as <b>Mamlatdar, Valsad</b>" in ask.text and "does not belong in that group" in ask.text


async def test_an_admin_post_of_another_group_is_left_to_the_groups_telegram_admins(world):
    await world.verify(COLLECTOR_VALSAD, "collector-valsad")
    await admission.request_to_join(world.c, JoinRequest(KUTCH_GROUP, COLLECTOR_VALSAD, 5))
    assert await world.calls() == [] and await world.journal_kinds() == []


async def test_a_request_to_an_unbound_group_is_not_samvads_business(world):
    await admission.request_to_join(world.c, JoinRequest(STATE_GROUP, STRANGER, 70))
    assert await world.calls() == []


async def test_a_request_still_held_at_the_end_of_the_hold_is_declined_and_the_admins_told(world):
    await world.verify(COLLECTOR, "collector-kutch")
    await admission.request_to_join(world.c, JoinRequest(KUTCH_GROUP, STRANGER, 70))
    await world.new_calls()
    world.clock.advance(timedelta(hours=24))
    [task] = await world.pending_tasks(membership.DECLINE_TASK)
    await admission.decline_when_due(world.c, task)
    decline, tell = await world.new_calls()
    assert (decline.method, decline.params["user_id"]) == ("declineChatJoinRequest", STRANGER.user_id)
    assert tell.chat_id == COLLECTOR.user_id and "did not verify an official number" in tell.text
    assert await membership_store.held_requests(world.db, chat_id=KUTCH.chat_id) == []


async def test_a_request_whose_requester_verified_meanwhile_is_approved_when_due(world):
    await admission.request_to_join(world.c, JoinRequest(KUTCH_GROUP, MAMLATDAR, 3))
    await world.new_calls()
    await world.verify(MAMLATDAR, "mamlatdar-bhuj")  # linked without the approval (e.g. by a roster import)
    [task] = await world.pending_tasks(membership.DECLINE_TASK)
    await admission.decline_when_due(world.c, task)
    [approve] = await world.new_calls()
    assert approve.method == "approveChatJoinRequest"


# -- strays: members who joined unverified ---------------------------------------------------------


async def test_an_unverified_newcomer_is_restricted_and_asked_to_verify(world):
    await membership.member_changed(world.c, _joined(STRANGER, by=COLLECTOR))
    restrict, ask = await world.calls()
    assert restrict.method == "restrictChatMember" and restrict.params["user_id"] == STRANGER.user_id
    assert not any(restrict.params["permissions"].values())
    assert ask.chat_id == KUTCH.chat_id and "open a private chat with @SamvadBot" in ask.text
    assert "if you have not verified by 29 Nov 2026, 15:30 IST you will be removed" in ask.text
    [gate] = await membership_store.open_gates(world.db, chat_id=KUTCH.chat_id)
    assert gate.user_id == STRANGER.user_id
    [entry] = [e for e in await _journal(world) if e["kind"] == "membership.restricted"]
    assert entry["body"]["added_by"] == COLLECTOR.user_id and entry["body"]["reason"] == "unverified"


@pytest.mark.parametrize("newcomer, status, post", [
    (MAMLATDAR, "member", "mamlatdar-bhuj"),  # verified, and the post belongs
    (COLLECTOR_VALSAD, "member", "collector-valsad"),  # an admin post (of another group)
    (STRANGER, "administrator", None),  # made a Telegram admin by the group's owner
    (Person(8, "Weather", is_bot=True), "member", None),
])
async def test_gating_leaves_alone(world, newcomer, status, post):
    if post is not None:
        await world.verify(newcomer, post)
    await membership.member_changed(world.c, _joined(newcomer, new=status))
    assert await world.calls() == []


async def test_a_stray_still_unverified_after_the_grace_period_is_removed(world):
    await membership.member_changed(world.c, _joined(STRANGER))
    await world.new_calls()
    world.clock.advance(timedelta(hours=24))
    [task] = await world.pending_tasks(membership.GRACE_TASK)
    await membership.remove_when_due(world.c, task)
    ban, unban, announce = await world.new_calls()
    assert (ban.method, unban.method, unban.params["only_if_banned"]) == ("banChatMember", "unbanChatMember", True)
    assert announce.text.endswith("was removed: not verified with an official number whose post belongs here"
                                  " within 24 hours (§2). They may rejoin once verified.")
    assert await membership_store.open_gates(world.db, chat_id=KUTCH.chat_id) == []


async def test_a_stray_who_verified_meanwhile_is_let_post_instead(world):
    await membership.member_changed(world.c, _joined(MAMLATDAR))
    await world.new_calls()
    await world.verify(MAMLATDAR, "mamlatdar-bhuj")
    [task] = await world.pending_tasks(membership.GRACE_TASK)
    await membership.remove_when_due(world.c, task)
    [lift] = await world.new_calls()
    assert lift.method == "restrictChatMember" and all(lift.params["permissions"].values())


async def test_a_stray_who_leaves_is_no_longer_waited_for(world):
    await membership.member_changed(world.c, _joined(STRANGER))
    await membership.member_changed(world.c, _joined(STRANGER, old="restricted", new="left"))
    assert await membership_store.open_gates(world.db, chat_id=KUTCH.chat_id) == []
    assert await world.pending_tasks(membership.GRACE_TASK) == []


# -- transfers: access follows the post --------------------------------------------------------------


async def test_a_transfer_takes_the_old_account_out_and_tells_it_why(world):
    await world.verify(COLLECTOR, "collector-kutch")
    await world.verify(MAMLATDAR, "mamlatdar-bhuj")
    world.telegram.statuses[(KUTCH.chat_id, MAMLATDAR.user_id)] = "member"
    command = AdminCommand(KUTCH_GROUP, COLLECTOR, 60)
    assert await group_admin.transfer(world.c, command, TransferOrder("mamlatdar-bhuj", "+919426249999", "Amit Shah")) \
        is None
    [reply] = await world.new_calls()
    assert reply.text.startswith("✅ Transferred mamlatdar-bhuj: holder Vikram Jadeja → Amit Shah;")
    assert (await roster.get_post(world.db, "mamlatdar-bhuj")).mobile == "+919426249999"
    [task] = await world.pending_tasks(RECONCILE_TASK)
    assert task.payload["user_id"] == MAMLATDAR.user_id
    await membership.reconcile(world.c, task)
    ban, unban, told = await world.new_calls()
    assert (ban.method, ban.chat_id, ban.params["user_id"]) == ("banChatMember", KUTCH.chat_id, MAMLATDAR.user_id)
    assert told.chat_id == MAMLATDAR.user_id and "Removed from: Kutch Coordination" in told.text
    assert "Your account holds no post in the roster now." in told.text


async def test_a_collector_may_not_transfer_another_districts_post(world):
    await world.verify(COLLECTOR, "collector-kutch")
    outcome = await group_admin.transfer(world.c, AdminCommand(KUTCH_GROUP, COLLECTOR, 60),
                                     TransferOrder("mamlatdar-valsad", "+919426249999", None))
    assert outcome == Refusal("Only a state-level admin post or the Collector of Valsad can transfer mamlatdar-valsad.",
                              "transfer")
    assert await world.calls() == []


async def test_an_unknown_post_is_a_usage_error_for_an_admin_and_a_refusal_for_anyone_else(world):
    await world.verify(ACS, "acs-revenue")
    order = TransferOrder("no-such-post", "+919426249999", None)
    assert await group_admin.transfer(world.c, AdminCommand(KUTCH_GROUP, ACS, 60), order) == Reply(
        "There is no post no-such-post in the roster.", Purpose.MEMBERSHIP_USAGE)
    assert isinstance(await group_admin.transfer(world.c, AdminCommand(KUTCH_GROUP, STRANGER, 60), order), Refusal)


async def _journal(world):
    return await journal.entries(world.db)
