"""/missed: an admin post marks a message the content filter should have labelled, so that it teaches the next model.

The filter's remaining weakness is recall on phrasings nobody wrote into its corpus (nlp/README.md); the messages
it misses in real groups are exactly those. An admin post of the group replies to such a message with
`/missed LABEL [LABEL ...]`; the report is journalled (kind "missed": the message, its sender, the version reported
and the labels; never the text), and `samvad nlp missed` turns the reports into corpus lines.

Nothing happens to the message or its sender: a report is evidence for training, not a finding (the circular's
§8 warnings and removals stay with the filter's flags and the admins' own hands), so no member is warned on one
admin's word, and the group sees only the admin's own command and a short acknowledgement.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from coordination.answers import Answer, Refusal, Reply, Unreadable
from coordination.collaborators import Collaborators
from coordination.moderation import bound_group
from coordination.moderation_policy import NOT_BOUND
from runtime.purposes import Purpose
from storage import flags, instructions, journal, messages, roster
from storage.flags import FlagState

JOURNAL_KIND = "missed"
LABEL_NAMES = {"confidential": "confidential", "personal_data": "personal data", "hostile": "hostile",
               "instruction": "an instruction"}
# What a report needs that the command's words do not carry.
NOT_A_REPLY = ("Reply to the message the filter missed with /missed LABEL, for example /missed hostile. Labels:"
               " confidential, personal_data, hostile, instruction.")


@dataclass(frozen=True)
class MissedReport:
    """/missed LABEL ... sent in reply to a message: the labels it should have had, and which message (whose sender
    the record knows)."""

    labels: frozenset[str]
    message_id: int | None  # the message replied to; None when the command was not a reply
    sender_is_bot: bool = False


async def missed_command(c: Collaborators, chat_id: int, admin_id: int, request: MissedReport | Unreadable) -> Answer:
    """Record an admin post's report that the filter missed labels on a message (the group's admin posts only)."""
    if await bound_group(c.db, chat_id) is None:
        return Reply(NOT_BOUND, Purpose.MODERATION_USAGE)
    if not await roster.is_group_admin(c.db, chat_id, admin_id):
        return Refusal("/missed is for this group's admin posts.", "missed")
    if isinstance(request, Unreadable):
        return Reply(escape(request.text), Purpose.MODERATION_USAGE)
    if request.message_id is None:
        return Reply(NOT_A_REPLY, Purpose.MODERATION_USAGE)
    if request.sender_is_bot:
        return Reply("That message is a bot's; the filter reads what members write. Reply to a member's message.",
                     Purpose.MODERATION_USAGE)
    stored = await messages.get_message(c.db, chat_id, request.message_id)
    if stored is None:
        return Reply("That message is not in the record (sent before the bot joined, or not a text), so it cannot"
                     " teach the filter.", Purpose.MODERATION_USAGE)
    # What the filter gave already (a flag at either tier, not found false or withdrawn; an instruction recorded)
    # is not a miss.
    flagged = {label for flag in await flags.of_message(c.db, chat_id, request.message_id)
               if flag.state in (FlagState.OPEN, FlagState.CONFIRMED) for label in flag.verdict_labels}
    if await instructions.for_message(c.db, chat_id, request.message_id) is not None:
        flagged.add("instruction")
    new = request.labels - flagged
    if not new:
        return Reply(f"The filter already flagged it as {_named(request.labels)}: see /flags.",
                     Purpose.MODERATION_USAGE)
    async with c.db.transaction() as tx:
        await journal.append(
            tx, kind=JOURNAL_KIND, chat_id=chat_id, actor_id=admin_id, at=c.clock.now(),
            body={"message_id": request.message_id, "member_id": stored.sender_id,
                  "version": len(stored.versions) - 1, "labels": sorted(new), "flagged": sorted(flagged)},
        )
    return Reply(f"Noted: the filter missed {_named(new)} here. Nothing is done to the message or its sender;"
                 " the report teaches the filter's next model (samvad nlp missed).", Purpose.MODERATION_MISSED)


def _named(labels: frozenset[str] | set[str]) -> str:
    return " and ".join(LABEL_NAMES[label] for label in sorted(labels))
