"""Policies, flags, warnings held for combining, reviews, escalation counts and false alarms, without a bot."""

from __future__ import annotations

import io
import json
from datetime import timedelta

import pytest

from bot.false_alarms import corpus_language, false_alarm_rows, write_false_alarms
from storage import flags, journal, messages, policies, prepost
from storage.backend import open_database
from storage.flags import Finding, FlagTier, NewFlag
from tests.storage.records_helpers import KUTCH, T0, USER, post, seed

VIKRAM = USER["mamlatdar-bhuj"]
RAJESH = USER["collector-kutch"]
TEXT = "The draft GR on jantri revision is attached, not for circulation"
FINDINGS = (Finding("confidential", "policy_proposal", 4, 12), Finding("confidential", "marked_confidential", 45, 64))


@pytest.fixture
async def db(database_target):
    database = await open_database(database_target)
    async with database.transaction() as tx:
        await seed(tx)
    yield database
    await database.close()


async def _flag(db, message_id, *, member=VIKRAM, at=T0, held=False, by_admin=False, text=TEXT,
                verdict_labels=("confidential", "instruction"), findings=FINDINGS):
    async with db.transaction() as tx:
        await post(tx, KUTCH, message_id, member, text, at)
        return await flags.create(tx, NewFlag(
            chat_id=KUTCH, message_id=message_id, update_id=1000 + message_id, member_id=member, source="message",
            findings=findings, verdict_labels=verdict_labels, language="en", actions=("warn", "delete"),
            deleted=True, by_admin=by_admin, held=held,
        ), at=at)


# -- policies ------------------------------------------------------------------------------


async def test_a_group_without_changes_has_the_circulars_defaults(db):
    found = await policies.for_group(db, KUTCH)
    assert {label: policy.actions for label, policy in found.items()} == {
        "confidential": {"delete", "notify"}, "personal_data": {"delete"}, "hostile": {"notify"},
        "instruction": frozenset(),
    }
    assert all(policy.is_default for policy in found.values())
    assert [policies.describe_actions(found[label].actions) for label in policies.MODERATED_LABELS] == [
        "delete + notify", "delete", "warn + notify"
    ]


async def test_setting_a_policy_is_journalled_and_default_restores_it(db):
    async with db.transaction() as tx:
        before, after = await policies.set_policy(tx, chat_id=KUTCH, label="hostile", actions=frozenset({"warn"}),
                                                  by=RAJESH, at=T0)
    assert (before.actions, after.actions, after.is_default) == ({"notify"}, {"warn"}, False)
    async with db.transaction() as tx:
        await policies.set_policy(tx, chat_id=KUTCH, label="hostile", actions=None, by=RAJESH, at=T0)
    assert (await policies.for_group(db, KUTCH))["hostile"].is_default
    entries = await journal.entries(db, kind="policy")
    assert [(e["actor_id"], e["body"]["actions"], e["body"]["previous"]) for e in entries] == [
        (RAJESH, ["warn"], ["notify"]), (RAJESH, ["notify"], ["warn"])
    ]


async def test_instructions_have_no_policy_to_set(db):
    async with db.transaction() as tx:
        with pytest.raises(ValueError):
            await policies.set_policy(tx, chat_id=KUTCH, label="instruction", actions=frozenset({"warn"}), by=RAJESH,
                                      at=T0)


# -- flags ---------------------------------------------------------------------------------


async def test_a_flag_is_raised_once_per_update_and_journalled_without_the_text(db):
    flag = await _flag(db, 1)
    assert (flag.labels, flag.state, flag.warning) == (("confidential",), "open", "sent")
    async with db.transaction() as tx:
        again = await flags.create(tx, NewFlag(
            chat_id=KUTCH, message_id=1, update_id=1001, member_id=VIKRAM, source="message", findings=FINDINGS,
            verdict_labels=("confidential",), language="en", actions=("warn",), deleted=False, by_admin=False,
            held=False,
        ), at=T0)
    assert again is None
    [entry] = await journal.entries(db, kind="flag")
    assert entry["body"]["findings"][0] == {"label": "confidential", "reason_code": "policy_proposal", "start": 4,
                                            "end": 12}
    assert "jantri" not in json.dumps(entry["body"])
    assert await flags.flagged_text(db, flag) == TEXT


async def test_a_flag_on_an_edit_shows_the_edited_text_and_the_first_flag_the_original(db):
    original = await _flag(db, 3, text="The meeting is at 4 pm in the collectorate hall")
    async with db.transaction() as tx:
        await post(tx, KUTCH, 4, VIKRAM, "A second message in the same group", T0)
        await messages.record_edit(tx, messages.IncomingEdit(
            chat_id=KUTCH, message_id=3, update_id=2003, editor_id=VIKRAM, sent_at=T0,
            edited_at=T0 + timedelta(minutes=1), text=TEXT), at=T0 + timedelta(minutes=1))
        edited = await flags.create(tx, NewFlag(
            chat_id=KUTCH, message_id=3, update_id=2003, member_id=VIKRAM, source="edit", findings=FINDINGS,
            verdict_labels=("confidential",), language="en", actions=("warn",), deleted=False, by_admin=False,
            held=False,
        ), at=T0 + timedelta(minutes=1))
    assert await flags.flagged_text(db, original) == "The meeting is at 4 pm in the collectorate hall"
    assert await flags.flagged_text(db, edited) == TEXT
    assert await db.read(lambda unit: flags.flagged_text_in(unit, edited)) == TEXT


async def test_a_flag_raised_in_one_unit_of_work_is_the_same_flag_and_warning_in_one_trip(db):
    async with db.transaction() as tx:
        await post(tx, KUTCH, 7, VIKRAM, TEXT, T0)
    new = NewFlag(chat_id=KUTCH, message_id=7, update_id=1007, member_id=VIKRAM, source="message", findings=FINDINGS,
                  verdict_labels=("confidential",), language="en", actions=("warn", "delete"), deleted=True,
                  by_admin=False, held=False)

    def raise_and_warn(unit):
        flag = flags.create_in(unit, new, at=T0)
        flags.note_warning_in(unit, KUTCH, VIKRAM, at=T0)
        flags.add_notice_in(unit, flag.flag_id, 1)
        return flag, flags.flagged_text_in(unit, flag), flags.last_warned_at_in(unit, KUTCH, VIKRAM)

    traffic = await db.count_traffic()
    flag, text, warned_at = await db.write(raise_and_warn)
    assert (traffic.trips, traffic.transactions) == (1, 1)
    db.traffic = None
    assert (text, warned_at) == (TEXT, T0)
    assert await flags.get(db, flag.flag_id) == flag
    assert (flag.labels, flag.warning, flag.deleted) == (("confidential",), "sent", True)
    assert await flags.notices(db, flag.flag_id) == [1]
    [entry] = await journal.entries(db, kind="flag")
    assert (entry["body"]["message_id"], entry["body"]["labels"]) == (7, ["confidential"])
    assert await db.write(lambda unit: flags.create_in(unit, new, at=T0)) is None, "a replay raises no second flag"


async def test_a_doubtful_flag_keeps_its_tier_gives_no_warning_and_is_never_held(db):
    async with db.transaction() as tx:
        await post(tx, KUTCH, 5, VIKRAM, TEXT, T0)
        doubtful = await flags.create(tx, NewFlag(
            chat_id=KUTCH, message_id=5, update_id=1005, member_id=VIKRAM, source="message", findings=FINDINGS,
            verdict_labels=("confidential",), language="en", actions=("review",), deleted=False, by_admin=False,
            held=True, tier=FlagTier.REVIEW,
        ), at=T0)
        taken = await flags.take_held(tx, KUTCH, VIKRAM)
    sure = await _flag(db, 6)
    assert (doubtful.tier, doubtful.doubtful, doubtful.warning, taken) == (FlagTier.REVIEW, True, "dropped", [])
    assert (sure.tier, sure.doubtful) == (FlagTier.ACT, False)
    assert (await flags.get(db, doubtful.flag_id)).tier is FlagTier.REVIEW
    assert [e["body"]["tier"] for e in await journal.entries(db, kind="flag")] == ["review", "act"]


async def test_held_warnings_are_taken_once_and_closed_flags_are_dropped_from_them(db):
    kept = await _flag(db, 1, held=True)
    withdrawn = await _flag(db, 2, held=True)
    false_alarm = await _flag(db, 3, held=True)
    async with db.transaction() as tx:
        await flags.withdraw(tx, withdrawn.flag_id, by=VIKRAM, at=T0)
        await flags.decide(tx, false_alarm.flag_id, decision="false_alarm", by=RAJESH, at=T0)
        taken = await flags.take_held(tx, KUTCH, VIKRAM)
        again = await flags.take_held(tx, KUTCH, VIKRAM)
    assert [flag.flag_id for flag in taken] == [kept.flag_id]
    assert again == []
    assert (await flags.get(db, withdrawn.flag_id)).warning == "dropped"


async def test_a_decision_is_made_once(db):
    flag = await _flag(db, 1)
    async with db.transaction() as tx:
        first = await flags.decide(tx, flag.flag_id, decision="confirmed", by=RAJESH, at=T0)
        second = await flags.decide(tx, flag.flag_id, decision="false_alarm", by=RAJESH, at=T0)
        withdrawn = await flags.withdraw(tx, flag.flag_id, by=VIKRAM, at=T0)
    assert first.state == "confirmed" and second is None and withdrawn is None
    assert [e["body"]["decision"] for e in await journal.entries(db, kind="review")] == ["confirmed"]


async def test_escalation_counts_confirmed_flags_in_the_window_after_the_last_escalation(db):
    old = await _flag(db, 1, at=T0 - timedelta(days=31))
    recent = [await _flag(db, n, at=T0 - timedelta(days=n)) for n in (2, 3, 4)]
    admins_own = await _flag(db, 5, member=RAJESH, by_admin=True)
    unconfirmed = await _flag(db, 6)
    async with db.transaction() as tx:
        for flag in [old, *recent, admins_own]:
            await flags.decide(tx, flag.flag_id, decision="confirmed", by=RAJESH, at=T0)
    since = T0 - timedelta(days=30)
    counted = await flags.confirmed_towards_escalation(db, KUTCH, VIKRAM, since=since, after=None)
    assert [flag.flag_id for flag in counted] == sorted(flag.flag_id for flag in recent)
    assert await flags.confirmed_towards_escalation(db, KUTCH, RAJESH, since=since, after=None) == []
    async with db.transaction() as tx:
        await flags.record_escalation(tx, KUTCH, VIKRAM, counted, window_days=30, at=T0 + timedelta(seconds=1))
    assert await flags.last_escalation(db, KUTCH, VIKRAM) == T0 + timedelta(seconds=1)
    assert await flags.confirmed_towards_escalation(
        db, KUTCH, VIKRAM, since=since, after=await flags.last_escalation(db, KUTCH, VIKRAM)
    ) == []
    assert unconfirmed.is_open


# -- false alarms --------------------------------------------------------------------------


async def test_false_alarms_are_corpus_lines_with_the_false_labels_removed(db, tmp_path):
    wrong = await _flag(db, 1)
    await _flag(db, 2, text="ગોપનીય ફાઇલ સીલબંધ કવરમાં મોકલી છે", verdict_labels=("confidential",),
                findings=(Finding("confidential", "marked_confidential", 0, 6),))
    async with db.transaction() as tx:
        await flags.decide(tx, wrong.flag_id, decision="false_alarm", by=RAJESH, at=T0)
        await flags.decide(tx, wrong.flag_id + 1, decision="false_alarm", by=RAJESH, at=T0 + timedelta(days=2))
    rows = [row async for row in false_alarm_rows(db, since=None)]
    assert rows == [
        {"id": f"fa-{wrong.flag_id}", "text": TEXT, "labels": ["instruction"], "lang": "en"},
        {"id": f"fa-{wrong.flag_id + 1}", "text": "ગોપનીય ફાઇલ સીલબંધ કવરમાં મોકલી છે", "labels": [], "lang": "gu"},
    ]
    assert len([row async for row in false_alarm_rows(db, since=T0 + timedelta(days=1))]) == 1
    out = io.StringIO()
    assert await write_false_alarms(db.target, out, since=None) == 2
    assert [json.loads(line)["id"] for line in out.getvalue().splitlines()] == [row["id"] for row in rows]


@pytest.mark.parametrize(
    ("text", "detected", "lang"),
    [
        ("Please send the report", "en", "en"),
        ("Report aaje mokli aapjo", "gu", "translit"),
        ("રિપોર્ટ આજે મોકલો", "gu", "gu"),
        ("रिपोर्ट आज भेजें", "hi", "hi"),
        ("રિપોર્ટ આજે મોકલો, please send by evening without fail", "gu", "mixed"),
    ],
)
def test_the_corpus_language_of_a_message(text, detected, lang):
    assert corpus_language(text, detected) == lang


# -- pre-post checks -------------------------------------------------------------------------


async def test_a_pre_post_check_leaves_a_count_and_the_wait_ends(db):
    async with db.transaction() as tx:
        await prepost.await_draft(tx, VIKRAM, at=T0)
    assert await prepost.is_awaiting(db, VIKRAM, now=T0 + timedelta(minutes=5), within=timedelta(minutes=10))
    assert not await prepost.is_awaiting(db, VIKRAM, now=T0 + timedelta(minutes=11), within=timedelta(minutes=10))
    async with db.transaction() as tx:
        await prepost.stop_awaiting(tx, VIKRAM)
        await prepost.count_check(tx, at=T0)
        await prepost.count_check(tx, at=T0)
    assert not await prepost.is_awaiting(db, VIKRAM, now=T0, within=timedelta(minutes=10))
    assert await prepost.checks_per_day(db) == {"2025-01-20": 2}


def test_the_moderation_tables_store_without_the_content_filter():
    """storage.flags keeps its own FlagTier; the domain converts nlp's Tier (storage should store)."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    imported = set()
    for name in ("flags", "policies", "prepost"):
        tree = ast.parse((root / "storage" / f"{name}.py").read_text(encoding="utf-8"))
        imported |= {node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
        imported |= {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    assert "nlp" not in imported and "storage" in imported
