"""The rules of moderation without a bot: flags, tiers, warnings, removals, edits, files, reviews, escalation,
policies and the pre-post check, on a real SQLite file with the calls they owe read back from the outbox."""

from __future__ import annotations

from datetime import timedelta

import pytest

from coordination import moderation, moderation_policy, moderation_review, prepost
from coordination.moderation import COMBINED_TASK
from coordination.answers import ButtonRefusal, Refusal, Reply, Unreadable
from coordination.moderation_policy import ChangePolicy
from coordination.moderation_review import Pressed
from runtime.purposes import Purpose
from storage import chats, flags, journal, tasks
from storage import outbox as outbox_store
from storage import prepost as prepost_store
from storage.backend import open_database
from storage.flags import FlagState, FlagTier, WarningState
from tests.coordination.fakes import FixedClock
from tests.coordination.moderation_helpers import (
    AADHAAR,
    RAJESH,
    VIKRAM,
    ScriptedFilter,
    bot_may_delete,
    collaborators,
    owed,
    said,
)
from tests.storage.records_helpers import KUTCH, T0, seed

ADMINS = {RAJESH}  # the Kutch group's admin post: its Collector (the State's posts administer the State group)
UNBOUND = -100999


@pytest.fixture
async def db(database_target):
    database = await open_database(database_target)
    async with database.transaction() as tx:
        await seed(tx)
    yield database
    await database.close()


@pytest.fixture
def clock():
    return FixedClock(T0)


@pytest.fixture
def content():
    return ScriptedFilter()


@pytest.fixture
def c(db, clock, content, tmp_path):
    return collaborators(db, clock, content, tmp_path)


def _aadhaar(content: ScriptedFilter, lead: str = "Applicant") -> str:
    return content.says(f"{lead} Aadhaar {AADHAAR} for the camp", ("personal_data", "aadhaar", AADHAAR))


def _abuse(content: ScriptedFilter, words: str = "the Talati is an idiot", *, doubtful: bool = False) -> str:
    return content.says(words, ("hostile", "abuse", "idiot"), review=("hostile",) if doubtful else ())


def _draft_gr(content: ScriptedFilter) -> str:
    return content.says("Draft GR on jantri revision, not for circulation",
                        ("confidential", "policy_proposal", "Draft GR"))


# -- flags, tiers and warnings ----------------------------------------------------------------------


async def test_a_sure_aadhaar_number_is_removed_and_the_member_told_why_at_once(c, db, content):
    await bot_may_delete(db)
    await moderation.check_message(c, await said(db, 1, _aadhaar(content)), update_id=5001)

    calls = await owed(db)
    assert [(call.method, call.chat_id, call.purpose) for call in calls] == [
        ("deleteMessage", KUTCH, Purpose.MODERATION_DELETE), ("sendMessage", KUTCH, Purpose.MODERATION_WARNING),
    ]
    assert calls[0].params == {"chat_id": KUTCH, "message_id": 1}
    assert "your message was removed from the group" in calls[1].text
    assert "an Aadhaar number — personal data (§8, privacy)" in calls[1].text
    assert f'href="tg://user?id={VIKRAM}"' in calls[1].text and AADHAAR not in calls[1].text
    (flag,) = await flags.of_message(db, KUTCH, 1)
    assert (flag.labels, flag.deleted, flag.actions, flag.warning, flag.tier) == (
        ("personal_data",), True, ("warn", "delete"), WarningState.SENT, FlagTier.ACT)


async def test_a_doubtful_case_says_nothing_in_the_group_and_goes_to_the_admin_posts_for_review(c, db, content):
    await bot_may_delete(db)
    await moderation.check_message(c, await said(db, 1, _abuse(content, doubtful=True)), update_id=5001)

    calls = await owed(db)
    assert {call.chat_id for call in calls} == ADMINS
    assert {call.purpose for call in calls} == {Purpose.MODERATION_NOTICE}
    assert "a doubtful case, for quiet review" in calls[0].text
    (flag,) = await flags.of_message(db, KUTCH, 1)
    assert calls[0].params["reply_markup"] == {"inline_keyboard": [[
        {"text": "Not a violation", "callback_data": f"mod:n:{flag.flag_id}"},
        {"text": "Confirm", "callback_data": f"mod:c:{flag.flag_id}"}]]}
    assert (flag.tier, flag.actions, flag.deleted, flag.warning) == (
        FlagTier.REVIEW, ("review",), False, WarningState.DROPPED)


async def test_findings_within_the_interval_wait_for_one_combined_warning(c, db, content, clock):
    await moderation.check_message(c, await said(db, 1, _abuse(content)), update_id=5001)
    for number in (2, 3):
        clock.advance(timedelta(seconds=20))
        text = _abuse(content, f"and number {number} is an idiot too")
        await moderation.check_message(c, await said(db, number, text, at=clock.now()), update_id=5000 + number)

    warnings = [call for call in await owed(db) if call.purpose == Purpose.MODERATION_WARNING]
    assert len(warnings) == 1  # the second and third findings are held back
    (task,) = await tasks.pending(db, kind=COMBINED_TASK)
    assert (task.payload, task.due_at) == ({"chat_id": KUTCH, "member_id": VIKRAM}, T0 + timedelta(seconds=60))

    clock.advance(timedelta(seconds=20))
    await moderation.send_combined_warning(c, KUTCH, VIKRAM)
    await moderation.send_combined_warning(c, KUTCH, VIKRAM)  # run twice (a retry): nothing more is owed
    warnings = [call for call in await owed(db) if call.purpose == Purpose.MODERATION_WARNING]
    assert len(warnings) == 2
    assert "Vikram Jadeja</a>, 2 of your messages in the last minute appear to contain:" in warnings[1].text
    assert warnings[1].params["reply_parameters"]["message_id"] == 3


async def test_one_held_finding_is_warned_as_a_reply_when_the_interval_is_up(c, db, content, clock):
    await moderation.check_message(c, await said(db, 1, _abuse(content)), update_id=5001)
    clock.advance(timedelta(seconds=20))
    await moderation.check_message(c, await said(db, 2, _abuse(content, "idiot again"), at=clock.now()), update_id=5002)
    clock.advance(timedelta(seconds=40))
    await moderation.send_combined_warning(c, KUTCH, VIKRAM)
    last = (await owed(db))[-1]
    assert last.text.startswith("⚠️ This message appears to contain:")
    assert last.params["reply_parameters"]["message_id"] == 2


async def test_a_removal_within_the_interval_is_explained_at_once_and_its_reasons_follow(c, db, content, clock):
    await bot_may_delete(db)
    await moderation.check_message(c, await said(db, 1, _abuse(content)), update_id=5001)
    clock.advance(timedelta(seconds=20))
    await moderation.check_message(c, await said(db, 2, _aadhaar(content), at=clock.now()), update_id=5002)

    last = (await owed(db))[-2:]
    assert [(call.method, call.purpose) for call in last] == [
        ("deleteMessage", Purpose.MODERATION_DELETE), ("sendMessage", Purpose.MODERATION_WARNING)]
    assert "your message was removed" in last[1].text and "The reasons follow in a minute." in last[1].text
    (flag,) = await flags.of_message(db, KUTCH, 2)
    assert flag.warning is WarningState.HELD


@pytest.mark.parametrize(("may_delete", "age"), [(False, timedelta()), (True, timedelta(hours=47))])
async def test_a_message_the_bot_may_not_delete_stays_and_the_flag_says_so(c, db, content, clock, may_delete, age):
    await bot_may_delete(db, may=may_delete)
    clock.advance(age)
    await moderation.check_message(c, await said(db, 1, _aadhaar(content)), update_id=5001)

    assert [call.method for call in await owed(db)] == ["sendMessage"]
    (flag,) = await flags.of_message(db, KUTCH, 1)
    assert (flag.deleted, flag.actions) == (False, ("warn", "undeletable"))
    assert "This message appears to contain" in (await owed(db))[0].text


async def test_a_group_not_bound_to_the_roster_is_not_moderated(c, db, content):
    async with db.transaction() as tx:
        await chats.save_chat(tx, chat_id=UNBOUND, type="supergroup", title="Friends", username=None, at=T0)
    await moderation.check_message(c, await said(db, 1, _aadhaar(content), chat_id=UNBOUND), update_id=5001)
    assert (await owed(db), await flags.of_message(db, UNBOUND, 1)) == ([], [])


async def test_a_replayed_update_raises_no_second_flag_and_owes_nothing_new(c, db, content):
    await bot_may_delete(db)
    message = await said(db, 1, _draft_gr(content))
    await moderation.check_message(c, message, update_id=5001)
    first = await owed(db)
    await moderation.check_message(c, message, update_id=5001)
    assert await owed(db) == first
    assert len(await flags.of_message(db, KUTCH, 1)) == 1


async def test_the_filter_hears_who_speaks_and_where(c, db, content):
    await moderation.check_message(c, await said(db, 1, "Camp at 10 tomorrow", sender=RAJESH), update_id=5001)
    ((_, context),) = content.asked
    assert (context.sender_designation, context.sender_is_admin, context.group_level) == (
        "District Collector", True, "district")


# -- edits -------------------------------------------------------------------------------------------


async def test_an_edit_that_removes_what_was_flagged_closes_the_flag_with_thanks(c, db, content, clock):
    message = await said(db, 1, _abuse(content))
    await moderation.check_message(c, message, update_id=5001)
    clock.advance(timedelta(minutes=2))
    edited = await said(db, 1, "the Talati was late", at=T0)
    await moderation.check_edit(c, edited, update_id=5002)

    (flag,) = await flags.of_message(db, KUTCH, 1)
    assert (flag.state, flag.decided_by) == (FlagState.WITHDRAWN, VIKRAM)
    closing = (await owed(db))[-1]
    assert (closing.chat_id, closing.purpose, closing.params["reply_parameters"]["message_id"]) == (
        KUTCH, Purpose.MODERATION_CLOSED, 1)
    assert closing.text.startswith("✅ Thank you: after your edit this message no longer contains")
    assert [entry["body"]["flag_id"] for entry in await journal.entries(db, kind="flag_closed")] == [flag.flag_id]


async def test_an_edit_that_adds_a_finding_is_flagged_as_an_edit(c, db, content):
    await moderation.check_message(c, await said(db, 1, "Applicant list for the camp"), update_id=5001)
    await moderation.check_edit(c, await said(db, 1, _aadhaar(content)), update_id=5002)
    (flag,) = await flags.of_message(db, KUTCH, 1)
    assert (flag.source, flag.labels) == ("edit", ("personal_data",))


async def test_an_edit_into_a_command_is_left_alone(c, db, content):
    await moderation.check_edit(c, await said(db, 1, f"/policy personal_data off {AADHAAR}"), update_id=5002)
    assert (content.asked, await owed(db)) == ([], [])


# -- attachments -------------------------------------------------------------------------------------


async def test_a_file_is_flagged_for_what_only_it_shows_in_the_members_language(c, db, content, clock):
    await bot_may_delete(db)
    caption = await said(db, 1, _abuse(content, "see the file, idiot"))
    await moderation.check_message(c, caption, update_id=5001)
    clock.advance(timedelta(minutes=2))  # the file is read after the warning's interval
    file_text = content.says(f"Beneficiary list\nAadhaar {AADHAAR}\nthe idiot clerk",
                             ("personal_data", "aadhaar", AADHAAR), ("hostile", "abuse", "idiot"))
    verdict = await moderation.check_attachment_text(c, caption, file_text, attachment_seq=77, language="gu")

    assert verdict is not None and verdict.labels == ("hostile", "personal_data")
    by_caption, by_file = await flags.of_message(db, KUTCH, 1)
    assert (by_caption.labels, by_file.labels, by_file.update_id, by_file.version_seq) == (
        ("hostile",), ("personal_data",), -77, 77)
    warning = (await owed(db))[-1]
    assert "તમારી ફાઇલ જૂથમાંથી દૂર કરવામાં આવી છે" in warning.text  # "your file was removed", in Gujarati


# -- review ------------------------------------------------------------------------------------------


async def _flag_a_draft_gr(c, db, content) -> int:
    await bot_may_delete(db)
    await moderation.check_message(c, await said(db, 1, _draft_gr(content)), update_id=5001)
    (flag,) = await flags.of_message(db, KUTCH, 1)
    return flag.flag_id


async def test_only_the_groups_admin_posts_may_decide_a_flag(c, db, content):
    flag_id = await _flag_a_draft_gr(c, db, content)
    answer = await moderation_review.review(c, flag_id, FlagState.CONFIRMED, VIKRAM, pressed=None)
    assert answer == ButtonRefusal("Only this group's admin posts can review its flags.", "review")
    assert (await flags.get(db, flag_id)).is_open


async def test_a_false_alarm_restores_the_removed_message_and_closes_the_admins_notices(c, db, content):
    flag_id = await _flag_a_draft_gr(c, db, content)
    notice = next(call for call in await owed(db) if call.chat_id == RAJESH)
    rows = await db.fetchall("SELECT id FROM outbox WHERE chat_id = ?", (RAJESH,))
    async with db.transaction() as tx:  # Telegram delivered the Collector's notice as message 77
        await outbox_store.mark_sent(tx, rows[0]["id"], result={"chat": {"id": RAJESH}, "message_id": 77}, at=T0)
    assert "Is this a violation of the circular?" in notice.text

    pressed = Pressed(RAJESH, 77, private=True)
    answer = await moderation_review.review(c, flag_id, FlagState.FALSE_ALARM, RAJESH, pressed=pressed)
    assert answer.text == "Closed as a false alarm; the message is restored in the group."
    restored, edit = [call for call in await owed(db)
                      if call.purpose in (Purpose.MODERATION_RESTORE, Purpose.MODERATION_NOTICE_UPDATE)]
    assert restored.chat_id == KUTCH and restored.text.startswith(
        "Message from Vikram Jadeja, restored after review:\n<blockquote>Draft GR on jantri revision")
    assert (edit.method, edit.params["message_id"], "reply_markup" in edit.params) == ("editMessageText", 77, False)
    assert "Decision: not a violation, by" in edit.text
    again = await moderation_review.review(c, flag_id, FlagState.CONFIRMED, RAJESH, pressed=pressed)
    assert again.text == "Already closed: not a violation."


async def test_the_third_confirmed_flag_sends_the_members_history_to_the_admin_posts(c, db, content, clock):
    for number in (1, 2, 3):
        clock.advance(timedelta(days=1))
        await moderation.check_message(c, await said(db, number, _abuse(content, f"idiot number {number}"),
                                                     at=clock.now()), update_id=5000 + number)
        (flag,) = await flags.of_message(db, KUTCH, number)
        await moderation_review.review(c, flag.flag_id, FlagState.CONFIRMED, RAJESH, pressed=None)
        escalations = [call for call in await owed(db) if call.purpose == Purpose.MODERATION_ESCALATION]
        assert len(escalations) == (len(ADMINS) if number == 3 else 0)
    assert {call.chat_id for call in escalations} == ADMINS
    assert "now has <b>3 confirmed flags</b> in District Kutch within 30 days" in escalations[0].text
    assert escalations[0].text.count("\n• ") == 3
    assert len(await journal.entries(db, kind="escalation")) == 1


async def test_an_admin_posts_own_confirmed_flags_are_not_escalated(c, db, content, clock):
    for number in (1, 2, 3):
        clock.advance(timedelta(days=1))
        text = _abuse(content, f"idiot number {number}")
        await moderation.check_message(c, await said(db, number, text, sender=RAJESH, name="Rajesh Patel",
                                                     at=clock.now()), update_id=5000 + number)
        (flag,) = await flags.of_message(db, KUTCH, number)
        await moderation_review.review(c, flag.flag_id, FlagState.CONFIRMED, RAJESH, pressed=None)
    assert [call for call in await owed(db) if call.purpose == Purpose.MODERATION_ESCALATION] == []


# -- /policy and /flags ---------------------------------------------------------------------------------


async def test_a_member_reads_the_policy_but_may_not_change_it(c, db):
    shown = await moderation_policy.policy_command(c, KUTCH, VIKRAM, None)
    assert isinstance(shown, Reply) and "• personal_data (§8, privacy): delete (default)" in shown.text
    refused = await moderation_policy.policy_command(c, KUTCH, VIKRAM, ChangePolicy("personal_data", frozenset()))
    assert refused == Refusal("Only this group's admin posts can change its policy. /policy alone shows it.",
                                                          "policy")


async def test_an_admin_post_turns_a_label_off_and_it_is_no_longer_flagged(c, db, content):
    answer = await moderation_policy.policy_command(c, KUTCH, RAJESH, ChangePolicy("personal_data", frozenset()))
    assert answer == Reply("Policy for <b>personal_data</b>: off; it was delete.", Purpose.MODERATION_POLICY)
    await moderation.check_message(c, await said(db, 1, _aadhaar(content)), update_id=5001)
    assert (await owed(db), await flags.of_message(db, KUTCH, 1)) == ([], [])


async def test_policy_and_flags_in_an_unbound_group_say_how_to_bind_it(c):
    for answer in (await moderation_policy.policy_command(c, UNBOUND, RAJESH, Unreadable("Unknown label")),
                   await moderation_policy.flags_command(c, UNBOUND, RAJESH)):
        assert isinstance(answer, Reply) and "binds it with /bind (§2)" in answer.text


async def test_flags_lists_open_flags_with_buttons_for_the_admin_posts_only(c, db, content):
    flag_id = await _flag_a_draft_gr(c, db, content)
    assert await moderation_policy.flags_command(c, KUTCH, VIKRAM) == Refusal("/flags is for this group's admin posts.",
                                                                                     "flags")
    listing = await moderation_policy.flags_command(c, KUTCH, RAJESH)
    assert isinstance(listing, Reply) and f"• #{flag_id} ·" in listing.text and "removed" in listing.text
    assert listing.markup == {"inline_keyboard": [[
        {"text": f"#{flag_id} Not a violation", "callback_data": f"mod:n:{flag_id}"},
        {"text": f"#{flag_id} Confirm", "callback_data": f"mod:c:{flag_id}"}]]}


# -- the pre-post check -----------------------------------------------------------------------------


async def test_a_draft_is_answered_by_its_reasons_and_nothing_of_it_is_kept(c, db, content):
    await prepost.await_draft(c, VIKRAM, VIKRAM)
    assert await prepost.is_awaiting(c, VIKRAM)
    draft = _aadhaar(content, "Beneficiary")
    await prepost.check_draft(c, VIKRAM, VIKRAM, draft)

    ask, report = await owed(db)
    assert (ask.purpose, report.purpose, report.chat_id) == (Purpose.PREPOST_ASK, Purpose.PREPOST_REPORT, VIKRAM)
    assert "• Personal data (§8, privacy): an Aadhaar number." in report.text
    assert AADHAAR not in report.text and "reply_parameters" not in report.params
    assert not await prepost.is_awaiting(c, VIKRAM)
    assert await prepost_store.checks_per_day(db) == {"2025-01-20": 1}
