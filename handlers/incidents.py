"""/incident, /sitrep and /usage: the commands coordination.incidents answers (incidents over districts,
situation reports, office-hours use, §10)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler

from coordination import incidents
from coordination.incidents import IncidentCommand
from coordination.answers import Unreadable
from handlers.collaborators import collaborators
from handlers.feature import Audience, Command, Feature, Stage
from handlers.record_args import UsageError, incident_command, sitrep_request
from handlers.replying import command_args, say
from runtime.context import SamvadContext

INCIDENT = Command("incident", "Open or close an incident over districts (state or district admins)",
                   frozenset({Audience.PRIVATE, Audience.GROUP_ADMIN}), "open NAME [district ...] | close [NAME]")
SITREP = Command("sitrep", "Situation report per district for an incident (add html for a report with charts)",
                 frozenset({Audience.PRIVATE, Audience.GROUP_ADMIN}), "[NAME] [html]")
USAGE = Command("usage", "Messages per post in office hours over the last week (§10)",
                frozenset({Audience.PRIVATE, Audience.GROUP_ADMIN}))


def feature() -> Feature:
    """The incidents feature."""
    return Feature(
        name="incidents",
        handlers=[
            (Stage.COMMAND, CommandHandler("incident", incident)),
            (Stage.COMMAND, CommandHandler("sitrep", situation_report)),
            (Stage.COMMAND, CommandHandler("usage", office_usage)),
        ],
        commands=[INCIDENT, SITREP, USAGE],
    )


async def incident(update: Update, context: SamvadContext) -> None:
    """/incident open NAME [district ...] | /incident close [NAME]."""
    command: IncidentCommand | Unreadable
    try:
        command = incident_command(command_args(update))
    except UsageError as error:
        command = Unreadable(str(error))
    await say(update, context, await incidents.incident(
        collaborators(context), update.effective_user.id, update.effective_chat.id, command
    ))


async def situation_report(update: Update, context: SamvadContext) -> None:
    """/sitrep [NAME] [html]: per district, instructions, acknowledgements, pending posts and flags."""
    name, as_html = sitrep_request(command_args(update))
    answer = await incidents.situation_report(
        collaborators(context), update.effective_user.id, update.effective_chat.id,
        private=update.effective_chat.type == "private", name=name, as_html=as_html,
    )
    await say(update, context, answer)


async def office_usage(update: Update, context: SamvadContext) -> None:
    """/usage: messages per post in office hours over the last week (circular §10)."""
    await say(update, context, await incidents.office_usage(
        collaborators(context), update.effective_user.id, update.effective_chat.id,
        private=update.effective_chat.type == "private",
    ))
