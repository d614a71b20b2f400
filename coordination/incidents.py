"""Incidents over districts (/incident open and close), their situation reports (/sitrep) and the use of the
groups in office hours (/usage, circular §10)."""

from __future__ import annotations

import asyncio
import re
import uuid
from dataclasses import dataclass
from datetime import timedelta, tzinfo
from enum import StrEnum
from html import escape
from pathlib import Path

from coordination.collaborators import Collaborators
from coordination.records_reading import journal_reading
from coordination.answers import Answer, Refusal, Reply, Unreadable
from nlp.record import KIND_NAMES
from runtime.purposes import Purpose
from runtime.settings import parse_office_days, parse_office_hours
from storage import access, chats, incidents, roster, sitrep, sitrep_html, usage
from storage.access import Reading, Viewer
from storage.incidents import AmbiguousIncident, IncidentAlreadyOpen, NoSuchIncident
from storage.sitrep import Sitrep
from storage.timefmt import for_chat

USAGE_DAYS = 7


class IncidentAction(StrEnum):
    """What /incident does."""

    OPEN = "open"
    CLOSE = "close"


@dataclass(frozen=True)
class IncidentCommand:
    """/incident open NAME [district ...] or /incident close [NAME] (districts by their canonical names)."""

    action: IncidentAction
    name: str | None
    districts: tuple[str, ...] = ()


class _Declined(Exception):
    """The incident cannot be opened or closed as asked; the message says why (an HTML-escaped reply)."""


async def incident(c: Collaborators, user_id: int, here: int, command: IncidentCommand | Unreadable) -> Answer:
    """/incident: a state admin or a District Collector opens an incident over districts (announced in each
    group) or closes one."""
    if isinstance(command, Unreadable):
        return Reply(escape(command.text), Purpose.INCIDENTS_USAGE)
    viewer = await access.viewer_of(c.db, user_id)
    if not viewer.is_state_admin and not any(p.level == "district" and p.is_admin for p in viewer.posts):
        return Refusal("Only a state admin or a District Collector can open or close an incident.", "incident")
    try:
        if command.action is IncidentAction.OPEN:
            text = await _open(c, viewer, command, here)
        else:
            text = await _close(c, viewer, command)
    except _Declined as declined:
        text = escape(str(declined))
    return Reply(text, Purpose.INCIDENTS_REPLY)


async def _open(c: Collaborators, viewer: Viewer, command: IncidentCommand, here: int) -> str:
    name = command.name or ""
    chat_ids = await groups_for(c, viewer, command.districts, here)
    try:
        async with c.db.transaction() as tx:
            opened = await incidents.open_incident(tx, name=name, chat_ids=chat_ids, opened_by=viewer.user_id,
                                                   at=c.clock.now())
            for chat_id in chat_ids:
                await c.outbox.send_message(
                    tx, chat_id,
                    f"🚨 Incident <b>{escape(opened.name)}</b> opened by {escape(viewer.title)}. Everything in this"
                    " group is tagged for the incident's record until it is closed.",
                    purpose=Purpose.INCIDENTS_ANNOUNCE,
                )
    except IncidentAlreadyOpen:
        raise _Declined(f"An incident named {name!r} is already open.") from None
    names = ", ".join([await chats.title_of(c.db, chat_id) for chat_id in chat_ids])
    return (f"Incident <b>{escape(opened.name)}</b> is open over: {escape(names)}."
            f" Close it with /incident close {escape(opened.name)}.")


async def groups_for(c: Collaborators, viewer: Viewer, districts: tuple[str, ...], here: int) -> list[int]:
    """The groups an incident covers: the named districts, else this district, else (state admin) all groups;
    a District Collector only their own district."""
    if not districts:
        binding = await roster.binding_of(c.db, here)
        if binding is not None and binding.level == "district":
            districts = (binding.jurisdiction,)
        elif viewer.is_state_admin:
            return [b.chat_id for b in await roster.all_bindings(c.db)]
        else:
            districts = tuple(p.jurisdiction for p in viewer.posts if p.level == "district" and p.is_admin)
    chat_ids = []
    for district in districts:
        if not viewer.oversees_district(district):
            raise _Declined(f"You can open an incident only for your own district, not {district}.")
        binding = await roster.group_for(c.db, "district", district)
        if binding is None:
            raise _Declined(f"{district} has no group bound yet.")
        chat_ids.append(binding.chat_id)
    return chat_ids


async def _close(c: Collaborators, viewer: Viewer, command: IncidentCommand) -> str:
    try:
        found = await incidents.choose(c.db, command.name, None if viewer.is_state_admin else viewer.chat_ids)
    except NoSuchIncident:
        raise _Declined("No open incident by that name." if command.name else "No incident is open.") from None
    except AmbiguousIncident as error:
        raise _Declined(f"Several incidents are open ({error}): name the one to close.") from None
    if not found.is_open:
        raise _Declined(f"Incident {found.name} is already closed.")
    if not viewer.is_state_admin and not set(found.chat_ids) <= viewer.chat_ids:
        raise _Declined("This incident covers districts besides yours: a state admin closes it.")
    async with c.db.transaction() as tx:
        closed = await incidents.close_incident(tx, found, closed_by=viewer.user_id, at=c.clock.now())
        for chat_id in closed.chat_ids:
            await c.outbox.send_message(
                tx, chat_id, f"Incident <b>{escape(closed.name)}</b> is closed by {escape(viewer.title)}.",
                purpose=Purpose.INCIDENTS_ANNOUNCE,
            )
    return f"Incident <b>{escape(closed.name)}</b> is closed. /export or /sitrep {escape(closed.name)} for its record."


async def situation_report(c: Collaborators, user_id: int, chat_id: int, *, private: bool, name: str | None,
                           as_html: bool) -> Answer | None:
    """/sitrep [NAME] [html]: per district of the incident the person may read, instructions, acknowledgements,
    pending posts and flags; the reading is journalled. None when the report is owed as an HTML document."""
    viewer = await access.viewer_of(c.db, user_id)
    readable = viewer.readable_chat_ids(Reading.SITREP, private=private)
    if not readable:
        return Refusal("Situation reports are for admins (District Collectors, HoDs, ACS Revenue) and,"
                       " in a private chat with me, for disaster coordinators.", "sitrep")
    try:
        found = await incidents.choose(c.db, name, None if viewer.is_state_admin else readable)
    except NoSuchIncident:
        text = f"No incident named {name!r}." if name else "No incident is open. /sitrep NAME for a closed one."
        return Reply(escape(text), Purpose.INCIDENTS_SITREP)
    except AmbiguousIncident as error:
        return Reply(escape(f"Several incidents are open ({error}): /sitrep NAME."), Purpose.INCIDENTS_SITREP)
    visible = [chat for chat in found.chat_ids if viewer.may_read(Reading.SITREP, chat, private=private)]
    if not visible:
        return Refusal("That incident covers no group you administer or coordinate.", "sitrep")
    report = await sitrep.build(c.db, found, visible, now=c.clock.now())
    await _journal_sitrep(c, viewer, report, as_html=as_html)
    if as_html:
        await _send_html(c, chat_id, report)
        return None
    return Reply(sitrep_text(report, c.settings.zone), Purpose.INCIDENTS_SITREP)


async def _journal_sitrep(c: Collaborators, viewer: Viewer, report: Sitrep, *, as_html: bool) -> None:
    """Journal the report's reading (who, which incident and groups, in what right), as exports are."""
    chat_ids = [group.chat_id for group in report.groups]
    await journal_reading(c, viewer, Reading.SITREP, chat_ids, incident=report.incident.name,
                          format="html" if as_html else "text")


def render_html(report: Sitrep, zone: tzinfo) -> str:
    """The situation report as a self-contained HTML page with charts (the instruction kinds named)."""
    return sitrep_html.render(report, zone=zone, kind_names=KIND_NAMES)


async def _send_html(c: Collaborators, chat_id: int, report: Sitrep) -> None:
    """Owe the HTML report as a document (the local file is deleted once Telegram has it)."""
    zone = c.settings.zone
    html = await asyncio.to_thread(render_html, report, zone)  # seconds of drawing, off the event loop
    name = sitrep_file_name(report, zone)
    path = Path(c.settings.export_dir) / f"{uuid.uuid4().hex[:8]}-{name}"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
    caption = (f"Situation report: {report.incident.name}, as of {for_chat(report.as_of, zone)}. Opens in any browser;"
               " no scripts, nothing fetched.")
    async with c.db.transaction() as tx:
        await c.outbox.call(
            tx, "sendDocument",
            {"chat_id": chat_id, "document": {"attach_path": str(path.resolve()), "filename": name},
             "caption": caption[:1024]},
            purpose=Purpose.EXPORTS_FILE,
        )


def sitrep_file_name(report: Sitrep, zone: tzinfo) -> str:
    """"sitrep-Cyclone-Biparjoy-2026-12-02-1930.html"."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", report.incident.name).strip("-") or "incident"
    return f"sitrep-{safe}-{report.as_of.astimezone(zone):%Y-%m-%d-%H%M}.html"


def sitrep_text(report: Sitrep, zone: tzinfo) -> str:
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


async def office_usage(c: Collaborators, user_id: int, chat_id: int, *, private: bool) -> Answer:
    """/usage: messages per post in office hours over the last week, for a group's admins (circular §10)."""
    viewer = await access.viewer_of(c.db, user_id)
    if private:
        chat_ids = sorted(viewer.chat_ids)
    else:
        chat_ids = [chat_id] if viewer.sees_chat(chat_id) else []
    if not chat_ids:
        return Refusal("/usage is for the admins of a group (District Collector, HoD, ACS Revenue).", "usage")
    settings = c.settings
    start_time, end_time = parse_office_hours(settings.office_hours)
    hours = usage.OfficeHours(start_time, end_time, parse_office_days(settings.office_days))
    now = c.clock.now()
    lines_found = await usage.office_hours_usage(
        c.db, chat_ids, start=now - timedelta(days=USAGE_DAYS), end=now, hours=hours, zone=settings.zone
    )
    text = [f"Messages in office hours ({escape(settings.office_hours)}, {escape(settings.office_days)}) over the"
            " last 7 days. §10 permits only occasional, need-based use of messaging in office hours."]
    for group in chat_ids:
        mine = [line for line in lines_found if line.chat_id == group]
        text.append(f"\n<b>{escape(await chats.title_of(c.db, group))}</b>")
        text += [f"• {escape(line.who)}: {line.in_office_hours} in office hours ({line.total} in all)" for line in mine]
        if not mine:
            text.append("No messages.")
    return Reply("\n".join(text), Purpose.INCIDENTS_USAGE)
