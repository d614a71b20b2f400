"""Why the bot owes each Bot API call: one name per purpose, with what it implies.

A purpose is stored with the call, logged with its delivery, and is part of the dedupe key that
stops a replayed update from owing the same call twice: the values must never change.
A warning goes before the chat's ordinary messages (it answers what was just said); the export
file is deleted from disk once Telegram has it.
"""

from __future__ import annotations

from enum import StrEnum


class Purpose(StrEnum):
    """Why a call is owed."""

    # attachments
    ATTACHMENTS_UNREAD = "attachments.unread"

    # exports
    EXPORTS_FILE = "exports.file"
    EXPORTS_MENU = "exports.menu"
    EXPORTS_PROGRESS = "exports.progress"
    EXPORTS_USAGE = "exports.usage"

    # general
    HELP = "help"
    REDIRECT = "redirect"
    REFUSAL = "refusal"

    # incidents
    INCIDENTS_ANNOUNCE = "incidents.announce"
    INCIDENTS_REPLY = "incidents.reply"
    INCIDENTS_SITREP = "incidents.sitrep"
    INCIDENTS_USAGE = "incidents.usage"

    # membership
    MEMBERSHIP_ACCESS_CHANGED = "membership: access changed"
    MEMBERSHIP_ANNOUNCE_LIFTED_RESTRICTION = "membership: announce a lifted restriction"
    MEMBERSHIP_ANNOUNCE_REMOVAL = "membership: announce a removal"
    MEMBERSHIP_APPROVE_VERIFIED_MEMBER = "membership: approve a verified member"
    MEMBERSHIP_ASK_NEWCOMER_TO_VERIFY = "membership: ask a newcomer to verify"
    MEMBERSHIP_ASK_REQUESTER_TO_VERIFY = "membership: ask a requester to verify"
    MEMBERSHIP_AUDIT = "membership: audit"
    MEMBERSHIP_BIND = "membership: bind"
    MEMBERSHIP_DECLINE_UNVERIFIED_REQUEST = "membership: decline an unverified request"
    MEMBERSHIP_LET_REMOVED_MEMBER_COME_BACK_ONCE_VERIFIED = "membership: let a removed member come back once verified"
    MEMBERSHIP_LIFT_RESTRICTION_AFTER_VERIFICATION = "membership: lift a restriction after verification"
    MEMBERSHIP_MEMBERS = "membership: members"
    MEMBERSHIP_OFFER_VERIFICATION = "membership: offer verification"
    MEMBERSHIP_REFUSE_CONTACT = "membership: refuse a contact"
    MEMBERSHIP_REMOVE = "membership: remove"
    MEMBERSHIP_RESTRICT_UNVERIFIED_MEMBER = "membership: restrict an unverified member"
    MEMBERSHIP_REVOKE_REMOVED_MEMBER_S_INVITE_LINK = "membership: revoke a removed member's invite link"
    MEMBERSHIP_STATUS = "membership: status"
    MEMBERSHIP_TELL_ADMINS_DECLINED_REQUEST = "membership: tell admins of a declined request"
    MEMBERSHIP_TELL_ADMINS_UNKNOWN_NUMBER = "membership: tell admins of an unknown number"
    MEMBERSHIP_TRANSFER = "membership: transfer"
    MEMBERSHIP_UNBAN_VERIFIED_MEMBER = "membership: unban a verified member"
    MEMBERSHIP_UNBIND = "membership: unbind"
    MEMBERSHIP_UNKNOWN_NUMBER = "membership: unknown number"
    MEMBERSHIP_USAGE = "membership: usage"
    MEMBERSHIP_VERIFIED = "membership: verified"
    MEMBERSHIP_WHAT_SAMVAD_NEEDS = "membership: what Samvad needs"

    # moderation
    MODERATION_CLOSED = "moderation.closed"
    MODERATION_DELETE = "moderation.delete"
    MODERATION_ESCALATION = "moderation.escalation"
    MODERATION_FLAGS = "moderation.flags"
    MODERATION_MISSED = "moderation.missed"
    MODERATION_NOTICE = "moderation.notice"
    MODERATION_NOTICE_UPDATE = "moderation.notice_update"
    MODERATION_POLICY = "moderation.policy"
    MODERATION_RESTORE = "moderation.restore"
    MODERATION_USAGE = "moderation.usage"
    MODERATION_WARNING = "moderation.warning"

    # prepost
    PREPOST_ASK = "prepost.ask"
    PREPOST_REPORT = "prepost.report"

    # records
    RECORDS_CHECKPOINT = "records.checkpoint"
    RECORDS_INSTRUCTION = "records.instruction"
    RECORDS_LOG = "records.log"
    RECORDS_PENDING = "records.pending"
    RECORDS_REMINDER = "records.reminder"
    RECORDS_USAGE = "records.usage"

    # search
    SEARCH_RESULTS = "search.results"
    SEARCH_USAGE = "search.usage"

    @property
    def is_warning(self) -> bool:
        """A warning to a member: delivered before the chat's other messages."""
        return self in WARNINGS

    @property
    def sends_a_file_to_delete(self) -> bool:
        """An export file: the local copy is deleted once Telegram has it."""
        return self is Purpose.EXPORTS_FILE


WARNINGS = frozenset({Purpose.MODERATION_WARNING})
