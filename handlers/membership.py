"""Membership by official number, the Telegram side: verification in private, gating of joins, their deadlines.

Each handler turns its update into a plain input and calls the rules in `coordination.admission` and
`coordination.membership` (circular §2, §6), which decide and owe what happens.
"""

from __future__ import annotations

from telegram import Chat, ChatMember, Update, User
from telegram.ext import ChatJoinRequestHandler, ChatMemberHandler, CommandHandler, MessageHandler, filters

from coordination import admission, membership
from coordination.admission import BotStanding, ContactShared, JoinRequest
from coordination.membership import Group, MemberChange, Person
from handlers import update_filters
from handlers.collaborators import collaborators
from handlers.feature import Audience, Command, Feature, Stage
from runtime.context import SamvadContext
from storage.roster_changes import RECONCILE_TASK
from storage.tasks import Task

START = Command(
    "start", "Verify your official number and get invite links to your groups", frozenset({Audience.PRIVATE})
)
PRIVATE = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
CONTACT = update_filters.private_contact(PRIVATE & filters.CONTACT)  # a shared contact (verification)


def feature() -> Feature:
    """The membership feature: verification, join gating and their deadlines."""
    return Feature(
        name="membership",
        handlers=[
            (Stage.GATE, ChatJoinRequestHandler(on_join_request)),
            (Stage.GATE, ChatMemberHandler(on_member_change, ChatMemberHandler.CHAT_MEMBER)),
            (Stage.GATE, ChatMemberHandler(on_bot_status, ChatMemberHandler.MY_CHAT_MEMBER)),
            (Stage.COMMAND, CommandHandler("start", start, filters=PRIVATE)),
            (Stage.COMMAND, MessageHandler(CONTACT, on_contact)),
        ],
        tasks={
            membership.DECLINE_TASK: decline_when_due,
            membership.GRACE_TASK: remove_when_due,
            RECONCILE_TASK: reconcile,
        },
        commands=[START],
    )


def person_of(user: User) -> Person:
    """The plain person behind a Telegram user."""
    return Person(user.id, user.first_name, user.last_name, user.username, user.is_bot, user.language_code)


def group_of(chat: Chat) -> Group:
    """The plain group behind a Telegram chat."""
    return Group(chat.id, chat.type, chat.title, chat.username)


# -- verification in private -------------------------------------------------------


async def start(update: Update, context: SamvadContext) -> None:
    """Offer the share-contact button, or, for a verified account, where it stands with its groups."""
    await admission.start(collaborators(context), person_of(update.effective_user))


async def on_contact(update: Update, context: SamvadContext) -> None:
    """Verify by a shared contact: only the sender's own, never a forwarded card."""
    message = update.effective_message
    shared = ContactShared(
        person_of(update.effective_user), message.message_id, message.contact.user_id, message.contact.phone_number,
        forwarded=message.forward_origin is not None,
    )
    await admission.verify_contact(collaborators(context), shared)


# -- gating of joins -------------------------------------------------------------------


async def on_join_request(update: Update, context: SamvadContext) -> None:
    """Approve a verified account whose post belongs; hold anyone else and ask them to verify."""
    request = update.chat_join_request
    link = request.invite_link.invite_link if request.invite_link else None
    await admission.request_to_join(
        collaborators(context),
        JoinRequest(group_of(request.chat), person_of(request.from_user), request.user_chat_id, link),
    )


async def on_member_change(update: Update, context: SamvadContext) -> None:
    """Keep members' statuses; restrict someone who joined without being verified for the group."""
    change = update.chat_member
    old, new = change.old_chat_member, change.new_chat_member
    await membership.member_changed(collaborators(context), MemberChange(
        group_of(change.chat), person_of(new.user), person_of(change.from_user),
        old.status, new.status, _is_member(old), _is_member(new), bot_username=context.bot.username,
    ))


async def on_bot_status(update: Update, context: SamvadContext) -> None:
    """When added to a group (or its rights change): say what Samvad needs and how to bind the group."""
    change = update.my_chat_member
    await admission.bot_status_changed(
        collaborators(context), group_of(change.chat), _standing(change.old_chat_member),
        _standing(change.new_chat_member),
    )


def _is_member(member: ChatMember) -> bool:
    return bool(getattr(member, "is_member", True))


def _standing(member: ChatMember) -> BotStanding:
    rights = {right: bool(getattr(member, right, False)) for right in membership.REQUIRED_RIGHTS}
    return BotStanding(member.status, _is_member(member), rights)


# -- deadlines ----------------------------------------------------------------------------


async def decline_when_due(task: Task, context: SamvadContext) -> None:
    """A request still held at the end of the hold: decline it (or approve, if verified meanwhile)."""
    await admission.decline_when_due(collaborators(context), task)


async def remove_when_due(task: Task, context: SamvadContext) -> None:
    """The grace period is over: remove a member still restricted and unverified."""
    await membership.remove_when_due(collaborators(context), task)


async def reconcile(task: Task, context: SamvadContext) -> None:
    """After a roster change: take an account out of groups it no longer belongs in, invite it to new ones."""
    await membership.reconcile(collaborators(context), task)
