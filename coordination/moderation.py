"""Moderation in the groups bound to the roster: every message, caption, forward, edit and file's text is checked.

What the content filter finds with confidence (Tier.ACT) is acted on by the group's policy
(/policy): a warning in the member's language citing the circular (§2, §8), removal from the
chat (the record keeps the message), and a private notification to the group's admin posts
with review buttons (coordination.moderation_review). A doubtful finding (Tier.REVIEW) is only
that notification, marked as a doubtful case: nothing is said or removed in the group. A member
gets at most one warning per interval about messages that stay; a removal is explained at once
(coordination.moderation_rules).

Only groups bound to the roster are moderated: a binding is what gives a group admin posts
who set its policy and can overrule a removal.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta

from coordination import people
from coordination.collaborators import Collaborators
from coordination.filtering import GroupMessage, verdict_for
from coordination.moderation_review import notify_admins_in, refresh_notices
from coordination.moderation_rules import Tiered, WarningStep, flag_tier, tells_admins, tiered_findings, warning_step
from coordination.moderation_texts import closed_text, most_common_language, removal_notice_text, warning_text
from coordination.people import mention
from nlp import Verdict
from nlp.verdict import Tier
from runtime.purposes import Purpose
from storage import chats, flags, policies, roster, tasks
from storage.database import Database, Transaction, Unit
from storage.flags import Flag, FlagState, NewFlag, WarningState
from storage.policies import MODERATED_LABELS, Policy
from storage.roster import Binding, Reader
from storage.timefmt import to_db

COMBINED_TASK = "moderation.combined_warning"
DELETE_WINDOW = timedelta(hours=47)  # Telegram deletes messages up to 48 hours old; leave time for delivery
WARNING_LANGUAGES = ("en", "gu", "hi")


@dataclass(frozen=True)
class Group:
    """A bound group with its policy."""

    binding: Binding
    policies: dict[str, Policy]


async def bound_group(db: Reader, chat_id: int) -> Group | None:
    """The group with its policy, or None when it is not bound to the roster (and so not moderated)."""
    binding = await roster.binding_of(db, chat_id)
    if binding is None:
        return None
    return Group(binding, await policies.for_group(db, chat_id))


@dataclass(frozen=True)
class Facts:
    """What deciding on a flag reads of a bound group, in one trip and one snapshot: the group and its policy, the
    verified accounts of its admin posts, the chat as Telegram last described it (whether the bot may delete), and
    whether the member holds an admin post there. Read one by one they were six trips or more a flagged message,
    each a hand-off to the database's thread while the loop was busy with other updates."""

    group: Group
    admins: list[int]
    chat: chats.ChatInfo | None
    by_admin: bool


async def flag_facts(db: Database, chat_id: int, member_id: int | None, group: Group | None = None) -> Facts | None:
    """The Facts of a group for a member's message, or None when the group is not bound (and so not moderated);
    of `group` as given, if the caller has read it already."""
    return await db.read(lambda unit: _facts_in(unit, chat_id, member_id, group))


def _facts_in(unit: Unit, chat_id: int, member_id: int | None, group: Group | None) -> Facts | None:
    if group is None:
        binding = roster.binding_of_in(unit, chat_id)
        if binding is None:
            return None
        group = Group(binding, policies.for_group_in(unit, chat_id))
    binding = group.binding
    by_admin = member_id is not None and any(
        binding.administered_by(post) for post in roster.posts_of_user_in(unit, member_id))
    return Facts(group, people.admin_accounts_in(unit, binding), chats.get_chat_in(unit, chat_id), by_admin)


def is_command(text: str) -> bool:
    """A command is for the bot, not the group; except a draft sent to /check in a group by mistake."""
    return text.startswith("/") and not text.startswith("/check")


# -- messages, edits and files -------------------------------------------------------------


async def check_message(c: Collaborators, message: GroupMessage, update_id: int) -> None:
    """A new group message, caption or forward: flag what the group's policy acts on."""
    verdict = await verdict_for(c, message, message.text)
    if not set(verdict.labels) & set(MODERATED_LABELS):
        return
    facts = await flag_facts(c.db, message.chat_id, message.sender_id)
    if facts is None:
        return
    tiered = tiered_findings(verdict, facts.group.policies)
    if tiered is not None:
        await raise_flag(c, facts.group, message, update_id, verdict, tiered, source="message", facts=facts)


async def check_edit(c: Collaborators, message: GroupMessage, update_id: int) -> None:
    """An edit: flag what it adds; close the open flags whose content it removed."""
    if is_command(message.text):
        return
    group = await bound_group(c.db, message.chat_id)
    if group is None:
        return
    verdict = await verdict_for(c, message, message.text) if message.text.strip() else None
    tiered = tiered_findings(verdict, group.policies) if verdict else None
    findings = tiered.findings if tiered else ()
    earlier = await flags.of_message(c.db, message.chat_id, message.message_id)
    present = {finding.label for finding in findings}
    gone = [flag for flag in earlier if flag.is_open and not set(flag.labels) & present]
    if gone:
        await close_by_edit(c, message, gone)
    standing = {label for flag in earlier if flag.state != FlagState.WITHDRAWN for label in flag.labels}
    fresh = tuple(finding for finding in findings if finding.label not in standing)
    if fresh and tiered is not None and verdict is not None:
        await raise_flag(c, group, message, update_id, verdict,
                         Tiered(tiered.tier, fresh, tiered.also_doubtful), source="edit")


async def check_attachment_text(
    c: Collaborators, message: GroupMessage, text: str, *, attachment_seq: int, language: str | None = None,
) -> Verdict | None:
    """Text read from a message's attachment (journalled as entry attachment_seq): checked and acted on
    like the message itself.

    What the caption's flag already found is not flagged again; a label only the file shows gets a flag
    of its own, keyed by the attachment's entry (-attachment_seq: no Telegram update has a negative id),
    so a replay finds it as an update's flag is found.
    """
    if not text.strip():
        return None
    verdict = await verdict_for(c, message, text)
    group = await bound_group(c.db, message.chat_id)
    if group is None or not set(verdict.labels) & set(MODERATED_LABELS):
        return verdict
    if language in WARNING_LANGUAGES:
        verdict = replace(verdict, language=language)  # the warning in the language the member writes, not the file's
    tiered = tiered_findings(verdict, group.policies)
    earlier = await flags.of_message(c.db, message.chat_id, message.message_id)
    standing = {label for flag in earlier if flag.state != FlagState.WITHDRAWN and flag.update_id != -attachment_seq
                for label in flag.labels}
    fresh = tuple(finding for finding in tiered.findings if finding.label not in standing) if tiered else ()
    if fresh and tiered is not None:
        await raise_flag(c, group, message, -attachment_seq, verdict,
                         Tiered(tiered.tier, fresh, tiered.also_doubtful), source="message",
                         attachment_seq=attachment_seq)
    return verdict


async def raise_flag(
    c: Collaborators, group: Group, message: GroupMessage, update_id: int, verdict: Verdict, tiered: Tiered,
    *, source: str, attachment_seq: int | None = None, facts: Facts | None = None,
) -> Flag | None:
    """Record the flag and, in the same transaction (one unit of work, one trip), owe its removal, warning and
    notifications.

    Hold or warn: a member warned less than an interval ago gets the warning combined at the end of
    the interval (a removal gets a short notice at once); a doubtful case says nothing in the group.
    attachment_seq: the findings are in the text read from the message's file, journalled as this entry
    (the flag points at it, and the warning says it is the file). None when this update raised it before.
    facts: the group's Facts if the caller read them (else they are read here, in one trip).
    """
    chat_id, member_id = message.chat_id, message.sender_id
    if facts is None:
        facts = await flag_facts(c.db, chat_id, member_id, group)
    assert facts is not None  # read of the group given
    plan = _plan(c, group, message, tiered, facts)
    by_admin = facts.by_admin
    now = c.clock.now()
    interval = timedelta(seconds=c.settings.warning_interval_seconds)
    who = mention(member_id, message.sender_name)

    def record(unit: Unit) -> Flag | None:
        last = flags.last_warned_at_in(unit, chat_id, member_id)
        step = warning_step(tiered.tier, deleted=plan.delete, last_warned_at=last, now=now, interval=interval)
        held = step in (WarningStep.HOLD, WarningStep.NOTICE_AND_HOLD)
        flag = flags.create_in(unit, NewFlag(
            chat_id=chat_id, message_id=message.message_id, update_id=update_id, member_id=member_id, source=source,
            findings=tiered.findings, verdict_labels=verdict.labels, language=verdict.language, actions=plan.taken,
            deleted=plan.delete, by_admin=by_admin, held=held, tier=flag_tier(tiered.tier),
            also_doubtful=tiered.also_doubtful, version_seq=attachment_seq,
        ), at=now)
        if flag is None:
            return None  # this update was handled before a crash cut it short
        if plan.delete:
            c.outbox.call_in(
                unit, "deleteMessage", {"chat_id": chat_id, "message_id": message.message_id},
                purpose=Purpose.MODERATION_DELETE, dedupe_key=f"moderation:delete:{flag.flag_id}",
            )
        if held and last is not None:
            tasks.schedule_in(
                unit, kind=COMBINED_TASK, payload={"chat_id": chat_id, "member_id": member_id}, due_at=last + interval,
                dedupe_key=f"{COMBINED_TASK}:{chat_id}:{member_id}:{to_db(last)}",
            )
        if step is WarningStep.NOTICE_AND_HOLD:
            c.outbox.send_message_in(
                unit, chat_id, removal_notice_text(flag.language, who=who), purpose=Purpose.MODERATION_WARNING,
                dedupe_key=f"moderation:removal-notice:{flag.flag_id}",
            )
        elif step is WarningStep.WARN_NOW:
            flags.note_warning_in(unit, chat_id, member_id, at=now)
            _warn_in(unit, c, [flag], who, key=f"moderation:warning:{flag.flag_id}",
                     attachment=attachment_seq is not None)
        if plan.admins:
            notify_admins_in(unit, c, flag, plan.admins)
        return flag

    # contended: the flag's journal entry takes the chain's lock, which every instance takes
    return await c.db.write(record, contended=True)  # one trip, one transaction


@dataclass(frozen=True)
class Plan:
    """What the policy asks for a flag, as far as the bot can do it."""

    delete: bool
    admins: list[int]  # the admin posts' verified accounts to notify
    taken: tuple[str, ...]  # warn, delete, notify, and undeletable when a delete could not be done; review alone
    #                         for a doubtful case (nothing in the group, the admins told)


def _plan(c: Collaborators, group: Group, message: GroupMessage, tiered: Tiered, facts: Facts) -> Plan:
    wanted: set[str] = set().union(*(group.policies[finding.label].actions for finding in tiered.findings))
    told = tells_admins(tiered, frozenset(wanted))
    admins = list(facts.admins) if told else []
    if tiered.tier is Tier.REVIEW:
        return Plan(False, admins, ("review",))
    delete = "delete" in wanted and _may_delete(c, message, facts.chat)
    taken = ("warn", *(["delete"] if delete else []), *(["notify"] if admins else []),
             *(["undeletable"] if "delete" in wanted and not delete else []))
    return Plan(delete, admins, taken)


async def may_delete(c: Collaborators, message: GroupMessage) -> bool:
    """Whether the bot may delete this message: it holds the right here (as Telegram last said), and the
    message is younger than the 48 hours Telegram allows (an edit can come later)."""
    return _may_delete(c, message, await chats.get_chat(c.db, message.chat_id))


def _may_delete(c: Collaborators, message: GroupMessage, chat: chats.ChatInfo | None) -> bool:
    """may_delete, given the chat as last seen."""
    if message.date is not None and c.clock.now() - message.date >= DELETE_WINDOW:
        return False
    if chat is None:
        return False
    if chat.type == "supergroup":
        return bool(chat.bot_rights.get("can_delete_messages"))
    return chat.type == "group" and chat.bot_status == "administrator"


async def _warn(
    tx: Transaction, c: Collaborators, flagged: list[Flag], who: str, *, key: str, attachment: bool = False
) -> None:
    """One warning about one or more flags: a reply to the message when it is still there."""
    await tx.run(lambda unit: _warn_in(unit, c, flagged, who, key=key, attachment=attachment))


def _warn_in(unit: Unit, c: Collaborators, flagged: list[Flag], who: str, *, key: str, attachment: bool = False) -> None:
    """_warn as part of a unit of work."""
    present = [flag for flag in flagged if not flag.deleted]
    reply_to = present[-1].message_id if present and (len(flagged) > 1 or not flagged[0].deleted) else None
    text = warning_text(
        flagged, most_common_language(flagged), who=who, notified=any("notify" in flag.actions for flag in flagged),
        attachment=attachment,
    )
    c.outbox.send_message_in(
        unit, flagged[0].chat_id, text, purpose=Purpose.MODERATION_WARNING, reply_to=reply_to, dedupe_key=key
    )


async def send_combined_warning(c: Collaborators, chat_id: int, member_id: int) -> None:
    """When the interval is up: one warning for every finding held back during it."""
    name = await people.display_name(c.db, member_id)
    async with c.db.transaction() as tx:
        held = await flags.take_held(tx, chat_id, member_id)
        if not held:
            return
        await flags.note_warning(tx, chat_id, member_id, at=c.clock.now())
        await _warn(tx, c, held, mention(member_id, name), key=f"moderation:combined:{held[0].flag_id}")


async def close_by_edit(c: Collaborators, message: GroupMessage, gone: list[Flag]) -> None:
    """The edit removed what was flagged: close the flags, say so briefly, update the admins' notices."""
    async with c.db.transaction() as tx:
        closed = [
            flag for flag in gone
            if await flags.withdraw(tx, flag.flag_id, by=message.sender_id, at=c.clock.now())
        ]
        for flag in closed:
            current = await flags.get(tx, flag.flag_id)
            if current is not None:
                await refresh_notices(tx, c, current)
        warned = [flag for flag in closed if flag.warning is WarningState.SENT]
        if warned:
            await c.outbox.send_message(
                tx, message.chat_id, closed_text(warned[-1].language), purpose=Purpose.MODERATION_CLOSED,
                reply_to=message.message_id, dedupe_key=f"moderation:closed:{warned[-1].flag_id}",
            )
