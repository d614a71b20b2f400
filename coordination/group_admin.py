"""The groups' admin posts at work (circular §2, §6): binding groups, the audits, transfers of posts.

Admin commands answer only the admin posts of the group's level (§2: the State group is administered by ACS
Revenue and Secretary LR, an HoD group by its HoD, a District group by its Collector), never a Telegram admin
who holds no such post. Each rule returns what the handler must still say (coordination.answers: a `Refusal`,
journalled, or a `Reply` on how to use the command), or None when its answer is owed already.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from html import escape
from typing import Any
from zoneinfo import ZoneInfo

from coordination.answers import Answer, Refusal, Reply
from coordination.collaborators import Collaborators
from coordination.membership import ADMINISTRATOR, Group, Person, missing_rights, remember, schedule_reconcile
from runtime.purposes import Purpose
from storage import audit, chats, journal, roster
from storage.audit import GroupAudit
from storage.database import Transaction
from storage.membership_args import BindTarget, TransferOrder
from storage.phones import display_mobile
from storage.roster import Binding, Post, Reader
from storage.roster_changes import RECONCILE_TASK, Effects, RosterConflict, Transfer, transfer_post
from storage.timefmt import for_people

NOT_SHOWN = ("Telegram does not let bots list a group's members: people who have neither joined nor posted since"
             " Samvad arrived are not shown.")


@dataclass(frozen=True)
class AdminCommand:
    """A command sent by someone, in a chat (a group for /bind, /unbind, /members; private for /audit)."""

    group: Group
    person: Person
    message_id: int


async def _admins_named(db: Reader, binding: Binding) -> str:
    designations = list(dict.fromkeys(post.designation for post in await roster.admin_posts_of(db, binding)))
    return " or ".join(designations) if designations else "its admin post"


# -- /bind and /unbind ---------------------------------------------------------------------


async def bind(c: Collaborators, command: AdminCommand, target: BindTarget) -> Answer | None:
    """Bind this group to a level, office or district: only that level's admin post may."""
    chat_id = command.group.chat_id
    binding = Binding(chat_id, target.level, target.jurisdiction)
    posts = await roster.posts_of_user(c.db, command.person.user_id)
    if not any(binding.administered_by(post) for post in posts):
        return Refusal(await _bind_refusal(c.db, binding, verified=bool(posts)), "bind")
    now = c.clock.now()
    async with c.db.transaction() as tx:
        await remember(tx, c, command.person, command.group)
        problem = await _binding_problem(tx, binding)
        if problem is None:
            await roster.bind_group(tx, binding, by=command.person.user_id, at=now)
            await journal.append(tx, kind="membership.bound", chat_id=chat_id, actor_id=command.person.user_id,
                                 at=now, body={"level": binding.level, "jurisdiction": binding.jurisdiction})
            await _owe_invitations(tx, binding, now)
            text = await _bound_text(tx, binding)
        else:
            text = problem
        await c.outbox.send_message(tx, chat_id, text, purpose=Purpose.MEMBERSHIP_BIND, reply_to=command.message_id)
    return None


async def _bind_refusal(db: Reader, binding: Binding, *, verified: bool) -> str:
    who = await _admins_named(db, binding)
    text = f"Only the admin post of that level can bind a group: for {escape(binding.title)}, {escape(who)}."
    if not verified:
        text += " If you hold that post, verify first: open a private chat with Samvad and send /start."
    return text


async def _binding_problem(tx: Transaction, binding: Binding) -> str | None:
    """Why a group cannot take a binding: it has another, or another group has this one."""
    current = await roster.binding_of(tx, binding.chat_id)
    if current is not None:
        if (current.level, current.jurisdiction) == (binding.level, binding.jurisdiction):
            return f"This group is already {escape(current.title)}."
        return (f"This group is already {escape(current.title)}. Its admin post can release it with /unbind"
                " before it is bound again.")
    taken = await roster.group_for(tx, binding.level, binding.jurisdiction)
    if taken is not None:
        name = await chats.title_of(tx, taken.chat_id, fallback=f"chat {taken.chat_id}")
        return (f"{escape(binding.title[0].upper() + binding.title[1:])} is already the group «{escape(name)}»:"
                " one group per binding (§2). Its admin post can /unbind it there first.")
    return None


async def _owe_invitations(tx: Transaction, binding: Binding, now: datetime) -> None:
    """Verified holders of posts that belong here get their invite links from the scheduler at once."""
    for post in await roster.posts_in(tx, binding):
        account = await roster.account_of_post(tx, post.post_id)
        if account is not None:
            await schedule_reconcile(tx, user_id=account, reason="group bound", bound_chat_id=binding.chat_id, at=now,
                                     dedupe_key=f"{RECONCILE_TASK}:bound:{binding.chat_id}:{account}")


async def _bound_text(tx: Transaction, binding: Binding) -> str:
    chat = await chats.get_chat(tx, binding.chat_id)
    posts = await roster.posts_in(tx, binding)
    lines = [f"✅ This group is now <b>{escape(binding.title)}</b> (§2).",
             f"Posts that belong here: {len(posts)}. Verified holders not yet here get an invite link in private.",
             "From now on, join requests are approved for verified members whose post belongs here; anyone else who"
             " joins is asked to verify and cannot post until they do. Admin posts: /members shows who is missing."]
    if chat is not None:
        missing = missing_rights(chat.bot_rights, is_admin=chat.bot_status == ADMINISTRATOR)
        if missing:
            lines.append(f"⚠️ Samvad is missing these rights here: <b>{escape(', '.join(missing))}</b>.")
    return "\n".join(lines)


async def unbind(c: Collaborators, command: AdminCommand) -> Answer | None:
    """Release this group's binding: only its admin post may."""
    binding = await _administered(c, command, "unbind", unbound="This group is not bound.")
    if not isinstance(binding, Binding):
        return binding
    chat_id = binding.chat_id
    now = c.clock.now()
    async with c.db.transaction() as tx:
        await roster.unbind_group(tx, chat_id)
        await journal.append(tx, kind="membership.unbound", chat_id=chat_id, actor_id=command.person.user_id,
                             at=now, body={"level": binding.level, "jurisdiction": binding.jurisdiction})
        await c.outbox.send_message(
            tx, chat_id, f"This group is no longer {escape(binding.title)}; Samvad no longer admits members here.",
            purpose=Purpose.MEMBERSHIP_UNBIND, reply_to=command.message_id,
        )
    return None


async def _administered(c: Collaborators, command: AdminCommand, name: str, *, unbound: str) -> Binding | Answer:
    """The binding of the group a command was sent in, when the sender is one of its admin posts; else what to
    answer (the usage note `unbound` for a group that is not bound, or a refusal)."""
    binding = await roster.binding_of(c.db, command.group.chat_id)
    if binding is None:
        return Reply(unbound, Purpose.MEMBERSHIP_USAGE)
    if not await roster.is_group_admin(c.db, binding.chat_id, command.person.user_id):
        who = await _admins_named(c.db, binding)
        return Refusal(f"Only the admin posts of {escape(binding.title)} ({escape(who)}) can use /{name}.", name)
    return binding


# -- /members and /audit -------------------------------------------------------------------------


async def members(c: Collaborators, command: AdminCommand, *, bot_id: int) -> Answer | None:
    """Who is in this group compared with the roster: for its admin posts."""
    binding = await _administered(c, command, "members",
                                  unbound="This group is not bound yet: its admin post binds it first with /bind.")
    if not isinstance(binding, Binding):
        return binding
    chat_id = binding.chat_id
    report = await audit_of(c, binding, bot_id=bot_id)
    async with c.db.transaction() as tx:
        await journal.append(tx, kind="membership.audit", chat_id=chat_id, actor_id=command.person.user_id,
                             at=c.clock.now(), body=_audit_body(report))
        await c.outbox.send_message(tx, chat_id, "\n".join(render_audit(report, c.settings.zone) +
                                                           ["", f"<i>{NOT_SHOWN}</i>"]),
                                    purpose=Purpose.MEMBERSHIP_MEMBERS, reply_to=command.message_id)
    return None


async def audit_all(c: Collaborators, person: Person, *, bot_id: int) -> Answer | None:
    """Every bound group compared with the roster: for the state admin posts, in private."""
    user_id = person.user_id
    if not any(post.level == "state" and post.is_admin for post in await roster.posts_of_user(c.db, user_id)):
        return Refusal("Only the state-level admin posts (ACS Revenue, Secretary LR) can use /audit."
                       " A group's admin post can send /members in that group.", "audit")
    reports = [await audit_of(c, binding, bot_id=bot_id) for binding in await roster.all_bindings(c.db)]
    unbound = await audit.unbound_levels(c.db)
    lines = ["<b>Audit of the coordination groups</b> (§2)"]
    for report in reports:
        lines += ["", *render_audit(report, c.settings.zone)]
    if not reports:
        lines += ["", "No group is bound yet."]
    if unbound:
        lines += ["", f"<b>Groups the roster calls for that are not bound yet ({len(unbound)}):</b>",
                  *(f"• {escape(label)}" for label in unbound)]
    lines += ["", f"<i>{NOT_SHOWN}</i>"]
    async with c.db.transaction() as tx:
        await journal.append(tx, kind="membership.audit", chat_id=user_id, actor_id=user_id, at=c.clock.now(),
                             body={"groups": [_audit_body(report) for report in reports], "unbound": unbound})
        await c.outbox.send_message(tx, user_id, "\n".join(lines), purpose=Purpose.MEMBERSHIP_AUDIT)
    return None


async def audit_of(c: Collaborators, binding: Binding, *, bot_id: int) -> GroupAudit:
    """Ask Telegram where everyone worth asking about stands, then compare with the roster."""
    checked = [user_id for user_id in await audit.people_to_check(c.db, binding) if user_id != bot_id]
    statuses = {user_id: await c.telegram.member_status(binding.chat_id, user_id) for user_id in checked}
    return await audit.audit_group(c.db, binding, statuses=statuses)


def render_audit(report: GroupAudit, zone: ZoneInfo) -> list[str]:
    """A group's audit as HTML lines (every name escaped)."""
    lines = [f"<b>{escape(report.title)}</b> — {escape(report.binding.title)}"]
    lines.append(f"Verified members ({len(report.verified)}):")
    verified = [f"• {escape(m.person.name)} — {escape(_designations(m.posts))}" for m in report.verified]
    lines += verified or ["• none"]
    if report.waiting:
        lines.append(f"Restricted until they verify ({len(report.waiting)}):")
        lines += [f"• {escape(w.person.name)} — removed on {escape(for_people(w.remove_at, zone))} unless verified"
                  for w in report.waiting]
    if report.outsiders:
        lines.append(f"Present without a post that belongs here ({len(report.outsiders)}):")
        lines += [f"• {escape(o.person.name)} — {escape(o.note)}" for o in report.outsiders]
    if report.missing:
        lines.append(f"Roster posts missing from the group ({len(report.missing)}; membership is mandatory, §2):")
        lines += [f"• {escape(_post_name(m.post))} — {escape(m.post.holder)}, "
                  f"{escape(display_mobile(m.post.mobile))} — "
                  + ("verified, not in the group" if m.account is not None else "not verified yet")
                  for m in report.missing]
    else:
        lines.append("Every roster post that belongs here is in the group.")
    return lines


def _designations(posts: tuple[Post, ...]) -> str:
    return "; ".join(_post_name(post) for post in posts)


def _post_name(post: Post) -> str:
    """"Relief Commissioner (relief-commissioner, disaster coordinator (state))"."""
    return f"{post.designation} ({', '.join(filter(None, (post.post_id, post.coordinator_label)))})"


def _audit_body(report: GroupAudit) -> dict[str, Any]:
    return {
        "chat_id": report.binding.chat_id,
        "verified": [m.person.user_id for m in report.verified],
        "waiting": [w.person.user_id for w in report.waiting],
        "outsiders": [o.person.user_id for o in report.outsiders],
        "missing": [m.post.post_id for m in report.missing],
    }


# -- /transfer -----------------------------------------------------------------------------------


async def transfer(c: Collaborators, command: AdminCommand, order: TransferOrder) -> Answer | None:
    """Pass a post to a new number or holder: a state admin any post, an HoD or Collector their own."""
    user_id = command.person.user_id
    admin_posts = [post for post in await roster.posts_of_user(c.db, user_id) if post.is_admin]
    target = await roster.get_post(c.db, order.post_id)
    if target is None:
        if admin_posts:
            return Reply(f"There is no post {escape(order.post_id)} in the roster.", Purpose.MEMBERSHIP_USAGE)
        return Refusal(_transfer_refusal(None), "transfer")
    entitled = next((post for post in admin_posts if roster.oversees(post, target)), None)
    if entitled is None:
        return Refusal(_transfer_refusal(target), "transfer")
    now = c.clock.now()
    chat_id = command.group.chat_id
    async with c.db.transaction() as tx:
        await remember(tx, c, command.person, command.group)
        try:
            done, effects = await transfer_post(
                tx, order.post_id, new_mobile=order.mobile, new_holder=order.holder, at=now, actor_id=user_id,
                source={"by": "/transfer", "by_post": entitled.post_id, "chat_id": chat_id},
            )
        except RosterConflict as conflict:
            text = f"Nothing was changed: {escape(conflict.reason)}."
        else:
            text = _transferred_text(done, effects)
        await c.outbox.send_message(tx, chat_id, text, purpose=Purpose.MEMBERSHIP_TRANSFER,
                                    reply_to=command.message_id)
    return None


def _transfer_refusal(target: Post | None) -> str:
    if target is None or target.level == "state":
        return "Only a state-level admin post (ACS Revenue, Secretary LR) can transfer that post."
    if target.level == "district":
        where = f"the Collector of {target.jurisdiction}"
    else:
        where = f"the HoD ({target.jurisdiction})"
    return f"Only a state-level admin post or {escape(where)} can transfer {escape(target.post_id)}."


def _transferred_text(done: Transfer, effects: Effects) -> str:
    lines = [f"✅ Transferred {escape(done.describe())} (§6)."]
    if effects.revoked:
        lines.append("The previous account loses the post's groups (unless another post of theirs belongs there).")
    if effects.linked:
        lines.append("The new number was already known: that account gets its invite links now.")
    else:
        lines.append("The new holder gets invite links when they verify: a private chat with Samvad, /start, and"
                     " share their number.")
    return "\n".join(lines)
