"""/incident, /sitrep and /usage: incidents over districts, situation reports, and office-hours use (§10)."""

from __future__ import annotations

import asyncio
import re
import uuid
from datetime import timedelta
from html import escape
from pathlib import Path

from telegram import Update
from telegram.ext import CommandHandler

from runtime.context import SamvadContext
from runtime.settings import parse_office_days, parse_office_hours
from handlers.feature import Audience, Command, Feature, Stage
from handlers.record_args import IncidentCommand, UsageError, incident_command
from handlers.replying import command_args, refuse, reply
from storage import access, chats, incidents, journal, roster, sitrep, sitrep_html, usage
from storage.access import Reading, Viewer
from storage.sitrep import Sitrep
from storage.incidents import AmbiguousIncident, IncidentAlreadyOpen, NoSuchIncident
from runtime.purposes import Purpose
from storage.timefmt import for_chat

INCIDENT = Command("incident", "Open or close an incident over districts (state or district admins)",
                   frozenset({Audience.PRIVATE, Audience.GROUP_ADMIN}), "open NAME [district ...] | close [NAME]")
SITREP = Command("sitrep", "Situation report per district for an incident (add html for a report with charts)",
                 frozenset({Audience.PRIVATE, Audience.GROUP_ADMIN}), "[NAME] [html]")
USAGE = Command("usage", "Messages per post in office hours over the last week (§10)",
                frozenset({Audience.PRIVATE, Audience.GROUP_ADMIN}))

USAGE_DAYS = 7


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
    services = context.services
    try:
        command = incident_command(command_args(update))
    except UsageError as error:
        await reply(update, context, escape(str(error)), purpose=Purpose.INCIDENTS_USAGE)
        return
    viewer = await access.viewer_of(services.db, update.effective_user.id)
    if not viewer.is_state_admin and not any(p.level == "district" and p.is_admin for p in viewer.posts):
        await refuse(update, context, "Only a state admin or a District Collector can open or close an incident.",
                     command="incident")
        return
    try:
        if command.action == "open":
            text = await _open(update, context, viewer, command)
        else:
            text = await _close(context, viewer, command)
    except UsageError as error:
        text = escape(str(error))
    await reply(update, context, text, purpose=Purpose.INCIDENTS_REPLY)


async def _open(update: Update, context: SamvadContext, viewer: Viewer, command: IncidentCommand) -> str:
    services = context.services
    chat_ids = await _groups_for(context, viewer, command.districts, update.effective_chat.id)
    try:
        async with services.db.transaction() as tx:
            opened = await incidents.open_incident(tx, name=command.name, chat_ids=chat_ids, opened_by=viewer.user_id,
                                                   at=services.clock.now())
            for chat_id in chat_ids:
                await services.outbox.send_message(
                    tx, chat_id,
                    f"🚨 Incident <b>{escape(opened.name)}</b> opened by {escape(viewer.title)}. Everything in this"
                    " group is tagged for the incident's record until it is closed.",
                    purpose=Purpose.INCIDENTS_ANNOUNCE,
                )
    except IncidentAlreadyOpen:
        raise UsageError(f"An incident named {command.name!r} is already open.") from None
    names = ", ".join([await chats.title_of(context.services.db, c) for c in chat_ids])
    return f"Incident <b>{escape(opened.name)}</b> is open over: {escape(names)}. Close it with /incident close {escape(opened.name)}."


async def _groups_for(context: SamvadContext, viewer: Viewer, districts: tuple[str, ...], here: int) -> list[int]:
    """The groups an incident covers: the named districts, else this district, else (state admin) all groups."""
    db = context.services.db
    if not districts:
        binding = await roster.binding_of(db, here)
        if binding is not None and binding.level == "district":
            districts = (binding.jurisdiction,)
        elif viewer.is_state_admin:
            return [b.chat_id for b in await roster.all_bindings(db)]
        else:
            districts = tuple(p.jurisdiction for p in viewer.posts if p.level == "district" and p.is_admin)
    chat_ids = []
    for district in districts:
        if not viewer.oversees_district(district):
            raise UsageError(f"You can open an incident only for your own district, not {district}.")
        binding = await roster.group_for(db, "district", district)
        if binding is None:
            raise UsageError(f"{district} has no group bound yet.")
        chat_ids.append(binding.chat_id)
    return chat_ids


async def _close(context: SamvadContext, viewer: Viewer, command: IncidentCommand) -> str:
    services = context.services
    try:
        found = await incidents.choose(services.db, command.name, None if viewer.is_state_admin else viewer.chat_ids)
    except NoSuchIncident:
        raise UsageError("No open incident by that name." if command.name else "No incident is open.") from None
    except AmbiguousIncident as error:
        raise UsageError(f"Several incidents are open ({error}): name the one to close.") from None
    if not found.is_open:
        raise UsageError(f"Incident {found.name} is already closed.")
    if not viewer.is_state_admin and not set(found.chat_ids) <= viewer.chat_ids:
        raise UsageError("This incident covers districts besides yours: a state admin closes it.")
    async with services.db.transaction() as tx:
        closed = await incidents.close_incident(tx, found, closed_by=viewer.user_id, at=services.clock.now())
        for chat_id in closed.chat_ids:
            await services.outbox.send_message(
                tx, chat_id, f"Incident <b>{escape(closed.name)}</b> is closed by {escape(viewer.title)}.",
                purpose=Purpose.INCIDENTS_ANNOUNCE,
            )
    return f"Incident <b>{escape(closed.name)}</b> is closed. /export or /sitrep {escape(closed.name)} for its record."


async def situation_report(update: Update, context: SamvadContext) -> None:
    """/sitrep [NAME] [html]: per district, instructions, acknowledgements, pending posts and flags."""
    services = context.services
    viewer = await access.viewer_of(services.db, update.effective_user.id)
    private = update.effective_chat.type == "private"
    readable = viewer.readable_chat_ids(Reading.SITREP, private=private)
    if not readable:
        await refuse(update, context, "Situation reports are for admins (District Collectors, HoDs, ACS Revenue) and,"
                     " in a private chat with me, for disaster coordinators.", command="sitrep")
        return
    name, as_html = sitrep_request(command_args(update))
    try:
        found = await incidents.choose(services.db, name, None if viewer.is_state_admin else readable)
    except NoSuchIncident:
        text = f"No incident named {name!r}." if name else "No incident is open. /sitrep NAME for a closed one."
        await reply(update, context, escape(text), purpose=Purpose.INCIDENTS_SITREP)
        return
    except AmbiguousIncident as error:
        await reply(update, context, escape(f"Several incidents are open ({error}): /sitrep NAME."),
                    purpose=Purpose.INCIDENTS_SITREP)
        return
    visible = [c for c in found.chat_ids if viewer.may_read(Reading.SITREP, c, private=private)]
    if not visible:
        await refuse(update, context, "That incident covers no group you administer or coordinate.", command="sitrep")
        return
    report = await sitrep.build(services.db, found, visible, now=services.clock.now())
    await _journal_sitrep(context, viewer, report, as_html=as_html)
    if as_html:
        await _send_html(update, context, report)
        return
    await reply(update, context, sitrep_text(report, services.settings.zone), purpose=Purpose.INCIDENTS_SITREP)


def sitrep_request(args: str) -> tuple[str | None, bool]:
    """(NAME, html?) in /sitrep [NAME] [html]."""
    words = args.split()
    as_html = bool(words) and words[-1].lower() == "html"
    if as_html:
        words = words[:-1]
    return (" ".join(words) or None), as_html


async def _journal_sitrep(context: SamvadContext, viewer: Viewer, report: Sitrep, *, as_html: bool) -> None:
    """Journal the report's reading (who, which incident and groups, in what right), as exports are."""
    services = context.services
    chat_ids = [group.chat_id for group in report.groups]
    async with services.db.transaction() as tx:
        await journal.append(
            tx, kind="record.read", chat_id=None, actor_id=viewer.user_id, at=services.clock.now(),
            body={"reading": Reading.SITREP.value, "incident": report.incident.name, "chats": chat_ids,
                  "format": "html" if as_html else "text",
                  "as": "coordinator" if viewer.only_as_coordinator(chat_ids) else "admin"},
        )


async def _send_html(update: Update, context: SamvadContext, report: Sitrep) -> None:
    """The HTML report as a document (the local file is deleted once Telegram has it)."""
    services = context.services
    zone = services.settings.zone
    html = await asyncio.to_thread(sitrep_html.render, report, zone=zone)  # seconds of drawing, off the event loop
    name = sitrep_file_name(report, zone)
    path = Path(services.settings.export_dir) / f"{uuid.uuid4().hex[:8]}-{name}"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
    caption = (f"Situation report: {report.incident.name}, as of {for_chat(report.as_of, zone)}. Opens in any browser;"
               " no scripts, nothing fetched.")
    async with services.db.transaction() as tx:
        await services.outbox.call(
            tx, "sendDocument",
            {"chat_id": update.effective_chat.id, "document": {"attach_path": str(path.resolve()), "filename": name},
             "caption": caption[:1024]},
            purpose=Purpose.EXPORTS_FILE,
        )


def sitrep_file_name(report: Sitrep, zone) -> str:
    """"sitrep-Cyclone-Biparjoy-2026-12-02-1930.html"."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", report.incident.name).strip("-") or "incident"
    return f"sitrep-{safe}-{report.as_of.astimezone(zone):%Y-%m-%d-%H%M}.html"


def sitrep_text(report: Sitrep, zone) -> str:
    """The situation report of an incident as a chat message."""
    found = report.incident
    state = "open" if found.is_open else f"closed {for_chat(report.end, zone)}"
    lines = [f"🚨 <b>{escape(found.name)}</b> — opened {escape(for_chat(found.opened_at, zone))}, {escape(state)}."]
    for group in report.groups:
        pending = "; ".join(f"{name} ({count})" for name, count in group.waiting) or "none"
        lines.append(
            f"\n<b>{escape(group.title)}</b>\nInstructions: {group.issued} · acknowledged {group.acknowledged}"
            f" of {group.owed} ({group.rate}) · overdue {group.overdue}\nPending: {escape(pending)}\nFlags: {group.flags}"
        )
    lines.append("\n/sitrep NAME html for the report with charts, as a file.")
    return "\n".join(lines)


async def office_usage(update: Update, context: SamvadContext) -> None:
    """/usage: messages per post in office hours over the last week (circular §10)."""
    services = context.services
    viewer = await access.viewer_of(services.db, update.effective_user.id)
    here = update.effective_chat.id
    if update.effective_chat.type == "private":
        chat_ids = sorted(viewer.chat_ids)
    else:
        chat_ids = [here] if viewer.sees_chat(here) else []
    if not chat_ids:
        await refuse(update, context, "/usage is for the admins of a group (District Collector, HoD, ACS Revenue).",
                     command="usage")
        return
    settings = services.settings
    start_time, end_time = parse_office_hours(settings.office_hours)
    hours = usage.OfficeHours(start_time, end_time, parse_office_days(settings.office_days))
    now = services.clock.now()
    lines_found = await usage.office_hours_usage(
        services.db, chat_ids, start=now - timedelta(days=USAGE_DAYS), end=now, hours=hours, zone=settings.zone
    )
    text = [f"Messages in office hours ({escape(settings.office_hours)}, {escape(settings.office_days)}) over the"
            " last 7 days. §10 permits only occasional, need-based use of messaging in office hours."]
    for chat_id in chat_ids:
        mine = [line for line in lines_found if line.chat_id == chat_id]
        text.append(f"\n<b>{escape(await chats.title_of(context.services.db, chat_id))}</b>")
        text += [f"• {escape(line.who)}: {line.in_office_hours} in office hours ({line.total} in all)" for line in mine]
        if not mine:
            text.append("No messages.")
    await reply(update, context, "\n".join(text), purpose=Purpose.INCIDENTS_USAGE)


