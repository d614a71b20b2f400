"""The admins' side of moderation: notifications with review buttons, decisions, /flags and escalation.

Only the group's admin posts may decide (circular §2: the groups are administered at State,
HoD and District level); anyone else who presses a button gets an alert. A decision is
stored and journalled with who and when; "Not a violation" on a removed message reposts
it, quoted from the member.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from html import escape
from zoneinfo import ZoneInfo

from coordination import people
from coordination.answers import ButtonAnswer, ButtonRefusal, Keyboard, PressAnswer, keyboard
from coordination.collaborators import Collaborators
from coordination.moderation_texts import (
    doubtful_summary,
    masked,
    message_link,
    restored_caption,
    restored_text,
    summary,
)
from runtime.purposes import Purpose
from storage import attachments, chats, flags, roster
from storage import outbox as outbox_store
from storage.database import Transaction, Unit
from storage.flags import Flag, FlagState, FlagTier
from storage.outbox import CallState
from storage.roster import Reader
from storage.timefmt import for_people

REVIEW_PATTERN = r"^mod:[nc]:\d+$"
EXCERPT = 700
LISTED = 10
RECENT = timedelta(days=7)
STATE_WORDS = {
    FlagState.CONFIRMED: "confirmed", FlagState.FALSE_ALARM: "not a violation", FlagState.WITHDRAWN: "withdrawn by an edit",
}


# A review button's callback data is mod:CODE:FLAG_ID; its code says which decision it is.
DECISIONS = {"n": FlagState.FALSE_ALARM, "c": FlagState.CONFIRMED}


def review_buttons(flag_id: int) -> Keyboard:
    """The two buttons under a notification."""
    return keyboard([[("Not a violation", f"mod:n:{flag_id}"), ("Confirm", f"mod:c:{flag_id}")]])


async def _group_title(db: Reader, chat_id: int) -> str:
    binding = await roster.binding_of(db, chat_id)
    return await chats.title_of(db, chat_id, fallback=binding.title if binding else None)


TIER_WORDS = {FlagTier.ACT: "acted on", FlagTier.REVIEW: "doubtful, quiet review"}


def _what_was_done(flag: Flag) -> str:
    if flag.doubtful:
        return ("nothing in the group: the filter is not sure, so the member was not warned and the message stays;"
                " it is sent to you for quiet review.")
    if flag.deleted:
        return "removed from the group (kept in the record); the member was warned."
    if "undeletable" in flag.actions:
        return "not removed: Samvad may not delete messages here; the member was warned."
    return "the member was warned."


def _decision_line(flag: Flag, decider: str, zone: ZoneInfo) -> str:
    moment = for_people(flag.decided_at, zone) if flag.decided_at else ""
    if flag.state == FlagState.WITHDRAWN:
        return f"Closed: the member edited the message and what was flagged is gone ({moment})."
    restored = " The message was restored in the group." if flag.state == FlagState.FALSE_ALARM and flag.deleted else ""
    return f"Decision: {STATE_WORDS[flag.state]}, by {decider}, {moment}.{restored}"


async def notice_text(db: Reader, flag: Flag, zone: ZoneInfo) -> str:
    """The notification about a flag for the group's admin posts (with the decision, once made)."""
    decider = await roster.person(db, flag.decided_by) if not flag.is_open and flag.decided_by is not None else "?"
    return _notice_text(flag, zone, text=await flags.flagged_text(db, flag), title=await _group_title(db, flag.chat_id),
                        member=await roster.person(db, flag.member_id), decider=decider)


def _notice_text(flag: Flag, zone: ZoneInfo, *, text: str | None, title: str, member: str, decider: str) -> str:
    """notice_text from what it reads: the text flagged, the group's title, the member and the decider as people."""
    excerpt = masked(text, flag.findings) if text is not None else "[text erased by lawful order]"
    if len(excerpt) > EXCERPT:
        excerpt = excerpt[: EXCERPT - 1] + "…"
    edited = " (in an edit)" if flag.source == "edit" else ""
    doubtful = " — a doubtful case, for quiet review" if flag.doubtful else ""
    lines = [
        f"🚩 <b>Flag #{flag.flag_id}</b> in {escape(title)}{escape(doubtful)}",
        f"From: {escape(member)}, {escape(for_people(flag.flagged_at, zone))}{edited}",
        f"Found: {escape(summary(flag))}",
        *([f"Also doubtful, for your quiet review (not named to the member): {escape(doubtful_summary(flag))}"]
          if flag.also_doubtful else []),
        f"Done: {escape(_what_was_done(flag))}",
        "Text, with the flagged values masked:",
        f"<blockquote>{escape(excerpt)}</blockquote>",
    ]
    link = message_link(flag.chat_id, flag.message_id)
    if link and not flag.deleted:
        lines.append(escape(link))
    if flag.is_open:
        lines.append("Is this a violation of the circular?")
    else:
        lines.append(escape(_decision_line(flag, decider, zone)))
    return "\n".join(lines)


def _person_in(unit: Unit, user_id: int) -> str:
    """roster.person as part of a unit of work: "Vikram Jadeja (Mamlatdar, Bhuj)"."""
    name = chats.user_name_in(unit, user_id) or f"user {user_id}"
    designations = "; ".join(post.designation for post in roster.posts_of_user_in(unit, user_id))
    return f"{name} ({designations})" if designations else name


def notify_admins_in(unit: Unit, c: Collaborators, flag: Flag, admins: list[int]) -> None:
    """Tell each admin post's verified account privately, with review buttons (once per flag), as part of the unit
    of work that raises the flag (an open flag: no decider to name)."""
    binding = roster.binding_of_in(unit, flag.chat_id)
    title = chats.title_of_in(unit, flag.chat_id, fallback=binding.title if binding else None)
    text = _notice_text(flag, c.settings.zone, text=flags.flagged_text_in(unit, flag), title=title,
                        member=_person_in(unit, flag.member_id), decider="?")
    for admin in admins:
        outbox_id = c.outbox.send_message_in(
            unit, admin, text, purpose=Purpose.MODERATION_NOTICE, markup=review_buttons(flag.flag_id),
            dedupe_key=f"moderation:notice:{flag.flag_id}:{admin}",
        )
        flags.add_notice_in(unit, flag.flag_id, outbox_id)


async def refresh_notices(tx: Transaction, c: Collaborators, flag: Flag) -> None:
    """Edit every delivered notification about a flag to show how it was closed (buttons removed)."""
    text = await notice_text(tx, flag, c.settings.zone)
    for outbox_id in await flags.notices(tx, flag.flag_id):
        try:
            state, result = await outbox_store.result_of(tx, outbox_id)
        except KeyError:
            continue  # housekeeping has forgotten the call (settled more than a month ago)
        if state is not CallState.SENT or not isinstance(result, dict):
            continue  # refused (the admin never started Samvad) or not delivered yet
        await c.outbox.call(
            tx, "editMessageText",
            {"chat_id": result["chat"]["id"], "message_id": result["message_id"], "text": text, "parse_mode": "HTML",
             "link_preview_options": {"is_disabled": True}},
            purpose=Purpose.MODERATION_NOTICE_UPDATE, dedupe_key=f"moderation:notice-update:{flag.flag_id}:{outbox_id}",
        )


# -- the buttons -------------------------------------------------------------------------


@dataclass(frozen=True)
class Pressed:
    """The message whose review button was pressed: a notice in a private chat, or a /flags listing."""

    chat_id: int
    message_id: int
    private: bool


async def review(
    c: Collaborators, flag_id: int, decision: FlagState, presser_id: int, *, pressed: Pressed | None
) -> PressAnswer:
    """A press of "Not a violation" or "Confirm": only the group's admin posts may decide."""
    flag = await flags.get(c.db, flag_id)
    if flag is None:
        return ButtonAnswer("This flag is not in the record.", alert=True)
    if not await roster.is_group_admin(c.db, flag.chat_id, presser_id):
        return ButtonRefusal("Only this group's admin posts can review its flags.", "review")
    return ButtonAnswer(await decide(c, flag, decision, presser_id, pressed=pressed))


async def decide(
    c: Collaborators, flag: Flag, decision: FlagState, admin_id: int, *, pressed: Pressed | None
) -> str:
    """Store an admin's decision with its effects (restore, notices, listing, escalation); what to tell the admin."""
    restore = decision == FlagState.FALSE_ALARM and flag.deleted
    # A file removed for what was read in it is restored as the file (sent again by its file_id).
    attached = await attachments.by_seq(c.db, flag.version_seq) if restore and flag.version_seq is not None else None
    text = await flags.flagged_text(c.db, flag) if restore and attached is None else None
    async with c.db.transaction() as tx:
        decided = await flags.decide(
            tx, flag.flag_id, decision=decision, by=admin_id, at=c.clock.now(),
            restored=text is not None or attached is not None,
        )
        if decided is None:
            current = await flags.get(tx, flag.flag_id)
            state = current.state if current is not None else FlagState.OPEN
            return f"Already closed: {STATE_WORDS.get(state, state)}."
        if text is not None:
            name = await people.display_name(tx, flag.member_id)
            await c.outbox.send_message(
                tx, flag.chat_id, restored_text(flag.language, name, text), purpose=Purpose.MODERATION_RESTORE,
                dedupe_key=f"moderation:restore:{flag.flag_id}",
            )
        if attached is not None:
            await _restore_file(tx, c, flag, attached)
        await refresh_notices(tx, c, decided)
        if pressed is not None and not pressed.private:
            await _refresh_listing(tx, c, pressed, decided)
        if decision == FlagState.CONFIRMED and not decided.by_admin:
            await maybe_escalate(tx, c, decided)
    if decision == FlagState.CONFIRMED:
        return "Confirmed as a violation."
    if text is not None or attached is not None:
        return "Closed as a false alarm; the message is restored in the group."
    return "Closed as a false alarm."


async def _restore_file(tx: Transaction, c: Collaborators, flag: Flag, attached: attachments.Attachment) -> None:
    name = await people.display_name(tx, flag.member_id)
    method, field = ("sendPhoto", "photo") if attached.media == "photo" else ("sendDocument", "document")
    await c.outbox.call(
        tx, method, {"chat_id": flag.chat_id, field: attached.file_id,
                     "caption": restored_caption(flag.language, name), "parse_mode": "HTML"},
        purpose=Purpose.MODERATION_RESTORE, dedupe_key=f"moderation:restore:{flag.flag_id}",
    )


# -- /flags ------------------------------------------------------------------------------


async def listing(
    db: Reader, chat_id: int, *, now: datetime, zone: ZoneInfo
) -> tuple[str, Keyboard | None]:
    """Open and recently closed flags of a group, with review buttons for the open ones."""
    opened = await flags.open_in(db, chat_id, limit=LISTED + 1)
    more = len(opened) > LISTED
    opened = opened[:LISTED]
    closed = await flags.closed_in(db, chat_id, since=now - RECENT, limit=LISTED)
    lines = [f"🚩 Flags in {escape(await _group_title(db, chat_id))}"]
    if not opened and not closed:
        return "\n".join([*lines, "None open, and none closed in the last 7 days."]), None
    lines.append(f"Open ({len(opened)}{', the newest; more are open' if more else ''}):" if opened else "Open: none.")
    for flag in opened:
        lines.append(await _listed(db, flag, zone))
    if closed:
        lines.append("Closed in the last 7 days:")
    for flag in closed:
        decider = await roster.person(db, flag.decided_by)
        lines.append(f"{await _listed(db, flag, zone)} — {escape(STATE_WORDS[flag.state])}"
                     f"{escape(f' ({decider})') if flag.state != FlagState.WITHDRAWN else ''}")
    rows = [[(f"#{flag.flag_id} Not a violation", f"mod:n:{flag.flag_id}"),
             (f"#{flag.flag_id} Confirm", f"mod:c:{flag.flag_id}")] for flag in opened]
    return "\n".join(lines), keyboard(rows) if rows else None


async def _listed(db: Reader, flag: Flag, zone: ZoneInfo) -> str:
    link = message_link(flag.chat_id, flag.message_id)
    where = "removed" if flag.deleted else (link or f"message {flag.message_id}")
    return (f"• #{flag.flag_id} · {escape(for_people(flag.flagged_at, zone))} · {escape(TIER_WORDS[flag.tier])} · "
            f"{escape(await roster.person(db, flag.member_id))} · {escape(summary(flag))} · {escape(where)}")


async def _refresh_listing(tx: Transaction, c: Collaborators, pressed: Pressed, decided: Flag) -> None:
    """Redraw the /flags message whose button was pressed."""
    text, markup = await listing(tx, pressed.chat_id, now=c.clock.now(), zone=c.settings.zone)
    params = {"chat_id": pressed.chat_id, "message_id": pressed.message_id, "text": text, "parse_mode": "HTML",
              "link_preview_options": {"is_disabled": True}}
    if markup is not None:
        params["reply_markup"] = markup
    await c.outbox.call(
        tx, "editMessageText", params, purpose=Purpose.MODERATION_FLAGS,
        dedupe_key=f"moderation:listing:{pressed.chat_id}:{pressed.message_id}:{decided.flag_id}",
    )


# -- escalation ---------------------------------------------------------------------------


async def maybe_escalate(tx: Transaction, c: Collaborators, flag: Flag) -> None:
    """At the threshold of confirmed flags within the window, send the member's history to the admins.

    Nothing is done to the member: membership of these groups is mandatory (§2).
    """
    settings = c.settings
    now = c.clock.now()
    since = now - timedelta(days=settings.escalation_window_days)
    after = await flags.last_escalation(tx, flag.chat_id, flag.member_id)
    counted = await flags.confirmed_towards_escalation(tx, flag.chat_id, flag.member_id, since=since, after=after)
    if len(counted) < settings.escalation_threshold:
        return
    binding = await roster.binding_of(tx, flag.chat_id)
    admins = await people.admin_accounts(tx, binding) if binding else []
    text = await escalation_text(tx, flag, len(counted), since=since, days=settings.escalation_window_days,
                                 zone=settings.zone)
    await flags.record_escalation(tx, flag.chat_id, flag.member_id, counted,
                                  window_days=settings.escalation_window_days, at=now)
    for admin in admins:
        await c.outbox.send_message(
            tx, admin, text, purpose=Purpose.MODERATION_ESCALATION,
            dedupe_key=f"moderation:escalation:{flag.flag_id}:{admin}",
        )


async def escalation_text(
    tx: Transaction, flag: Flag, count: int, *, since: datetime, days: int, zone: ZoneInfo
) -> str:
    """The member's flags in the group over the window, for its admin posts."""
    lines = [
        f"📈 {escape(await roster.person(tx, flag.member_id))} now has <b>{count} confirmed flags</b> in"
        f" {escape(await _group_title(tx, flag.chat_id))} within {days} days.",
        "Nothing has been done to the member automatically: membership of the group is mandatory (§2)."
        " Their flags in this period:",
    ]
    for earlier in await flags.history(tx, flag.chat_id, flag.member_id, since=since):
        link = message_link(earlier.chat_id, earlier.message_id)
        where = "removed" if earlier.deleted else (link or f"message {earlier.message_id}")
        state = STATE_WORDS.get(earlier.state, "open")
        lines.append(f"• {escape(for_people(earlier.flagged_at, zone))} — {escape(summary(earlier))} — "
                     f"{escape(state)} — {escape(where)}")
    return "\n".join(lines)

