"""/check: the filter looks at a social-media draft in private before it goes out (§4, §8, §9).

Nothing of the draft is kept: not in the record, not in the journal, and the received
update's text is dropped from the inbox once handled. Only a daily count remains.
"""

from __future__ import annotations

from html import escape

from telegram import Update
from telegram.ext import CommandHandler, MessageHandler, filters

from bot.context import SamvadContext
from bot.scope import current_scope
from handlers.feature import Audience, Command, Feature, Stage
from handlers.moderation_texts import reasons_text
from handlers.replying import command_args, redirect, reply
from nlp import Verdict
from nlp.names import find_person_names
from storage import prepost

PRIVATE = filters.ChatType.PRIVATE
DRAFT_LIMIT = 4096

CHECK = Command(
    "check", "Check a social-media draft before you post it (nothing is stored)", frozenset({Audience.PRIVATE}),
    usage="TEXT",
)

_SECTIONS = (
    ("personal_data", "Personal data", "§8: privacy — share aggregate figures, not individuals' details"),
    ("hostile", "Hostile or defamatory content", "§8: nothing defamatory or that breeds enmity"),
    ("confidential", "Confidential information or a policy proposal", "§2, §4: post only decisions made public"),
)


def feature() -> Feature:
    """The pre-post check."""
    return Feature(
        name="prepost_check",
        handlers=[
            (Stage.COMMAND, CommandHandler("check", check_command, filters=PRIVATE)),
            (Stage.COMMAND, CommandHandler("check", only_in_private, filters=filters.ChatType.GROUPS)),
            (Stage.MODERATE, MessageHandler(PRIVATE & filters.TEXT & ~filters.COMMAND, check_awaited_draft)),
        ],
        commands=[CHECK],
    )


async def check_command(update: Update, context: SamvadContext) -> None:
    """/check TEXT checks at once; /check alone waits for the draft as the next message."""
    _forget_this_update()
    draft = command_args(update)
    services = context.services
    if not draft:
        async with services.db.transaction() as tx:
            await prepost.await_draft(tx, update.effective_user.id, at=services.clock.now())
        await reply(update, context, "Send me the draft as your next message: I will say what the circular would"
                    " have you change. Nothing of it is stored.", purpose="prepost.waiting")
        return
    await _check(update, context, draft)


async def check_awaited_draft(update: Update, context: SamvadContext) -> None:
    """The message after a bare /check is the draft."""
    services = context.services
    async with services.db.transaction() as tx:
        awaited = await prepost.take_awaited_draft(tx, update.effective_user.id, at=services.clock.now())
    if awaited:
        _forget_this_update()
        await _check(update, context, update.effective_message.text)


async def only_in_private(update: Update, context: SamvadContext) -> None:
    """A draft is checked in private, not in front of the group."""
    await redirect(update, context, "Check drafts in a private chat with me: /check TEXT.")


async def _check(update: Update, context: SamvadContext, draft: str) -> None:
    services = context.services
    verdict = await services.classifier.check(draft[:DRAFT_LIMIT])
    names = [draft[start:end] for start, end in find_person_names(draft[:DRAFT_LIMIT])]
    async with services.db.transaction() as tx:
        await prepost.count_check(tx, at=services.clock.now())
    await reply(update, context, report_text(verdict, names), purpose="prepost.report")


def report_text(verdict: Verdict, names: list[str]) -> str:
    """What the filter found in a draft, section by section, and the §9 reminder (HTML)."""
    lines = ["<b>Pre-post check</b> (nothing of your draft is stored):"]
    for label, title, clause in _SECTIONS:
        found = list(dict.fromkeys((e.reason_code, e.label) for e in verdict.for_label(label)))
        if found:
            lines.append(f"⚠️ <b>{title}</b>: {reasons_text(found, 'en')}. ({escape(clause)})")
        else:
            lines.append(f"✓ {title}: none found.")
    if names:
        quoted = ", ".join(f"“{escape(name)}”" for name in dict.fromkeys(names))
        lines.append(f"⚠️ <b>Names of individuals</b>: {quoted}. The circular advises aggregate information"
                     " over specific names (§8).")
    else:
        lines.append("✓ Names of individuals: none found.")
    lines.append("If you post on policy from a personal account, add that the views are your own and not the"
                 " Government's (§9). Official accounts post work updates, tours, programmes and published"
                 " decisions (§4).")
    return "\n".join(lines)


def _forget_this_update() -> None:
    scope = current_scope()
    if scope is not None:
        scope.forget_payload = True
