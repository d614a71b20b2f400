"""/export and /search in the private chat: the record for the groups a person may see."""

from __future__ import annotations

import logging
import time
import uuid
from html import escape
from pathlib import Path
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from runtime.context import SamvadContext
from handlers.feature import Audience, Command, Feature, Stage
from handlers.record_args import (
    RANGES, ExportChoice, UsageError, binding_named, export_choice, range_of, search_words, typed_export,
)
from handlers.replying import command_args, redirect, refuse, refuse_button, reply
from storage import access, chats, exports, incidents, instructions, journal, roster, search
from storage.access import Reading, Viewer
from storage.database import Transaction
from storage.exports import ExportRequest
from storage.outbox import OutboxItem
from runtime.purposes import Purpose
from storage.timefmt import for_chat

log = logging.getLogger(__name__)

PROGRESS_AFTER = 2.0  # seconds before an export starts showing progress
PROGRESS_EVERY = 1.0

EXPORT = Command("export", "Export a group's record (CSV, JSON Lines or HTML report)", frozenset({Audience.PRIVATE}),
                 "[GROUP FROM TO FORMAT]")
SEARCH = Command("search", "Search the record of the groups you may see", frozenset({Audience.PRIVATE}), "WORDS")

NOT_ADMIN = ("Exports are for group admins (a Collector for the district, an HoD for the office, ACS Revenue"
             " for all) and disaster coordinators. Your instructions: /pending.")


def feature() -> Feature:
    """The exports and search feature."""
    return Feature(
        name="exports",
        handlers=[
            (Stage.COMMAND, CommandHandler("export", start_export)),
            (Stage.COMMAND, CallbackQueryHandler(choose_export, pattern=r"^x(\|.*)?$")),
            (Stage.COMMAND, CommandHandler("search", search_record)),
        ],
        commands=[EXPORT, SEARCH],
    )


async def start_export(update: Update, context: SamvadContext) -> None:
    """/export: offer the groups (and incidents) this person may export, or run a typed export."""
    if update.effective_chat.type != "private":
        await redirect(update, context, "Exports are made in a private chat with me: open it and send /export.")
        return
    services = context.services
    viewer = await access.viewer_of(services.db, update.effective_user.id)
    readable = viewer.readable(Reading.EXPORT, private=True)
    if not readable:
        await refuse(update, context, NOT_ADMIN, command="export")
        return
    if command_args(update):
        await _typed_export(update, context, viewer)
        return
    combined = viewer.readable_chat_ids(Reading.INCIDENT_EXPORT, private=True)
    rows = [[InlineKeyboardButton(f"🚨 {incident.name}", callback_data=ExportChoice(incident_id=incident.incident_id).encode())]
            for incident in await incidents.open_incidents(services.db) if set(incident.chat_ids) & combined]
    groups = [(await chats.title_of(context.services.db, b.chat_id), b.chat_id) for b in readable]
    buttons = [InlineKeyboardButton(title[:40], callback_data=ExportChoice(chat_id=chat_id).encode())
               for title, chat_id in sorted(groups)]
    rows += [buttons[i:i + 2] for i in range(0, len(buttons), 2)]
    await reply(update, context, "Which group's record?", purpose=Purpose.EXPORTS_MENU, markup=InlineKeyboardMarkup(rows))


async def choose_export(update: Update, context: SamvadContext) -> None:
    """The next step of /export's buttons: period, format, masking, then the export itself."""
    query = update.callback_query
    services = context.services
    try:
        choice = export_choice(query.data)
    except UsageError as error:
        await query.answer(str(error), show_alert=True)
        return
    viewer = await access.viewer_of(services.db, query.from_user.id)
    refusal = await _refusal(context, viewer, choice)
    if refusal:
        await refuse_button(query, context, refusal, button="export")
        return
    await query.answer()
    if choice.range_code is None and choice.incident_id is None:
        buttons = [InlineKeyboardButton(label, callback_data=ExportChoice(choice.chat_id, None, code).encode())
                   for code, label in RANGES.items()]
        await _edit_menu(context, query, "Which period?", [buttons[:3], buttons[3:]])
    elif choice.fmt is None:
        buttons = [InlineKeyboardButton(label, callback_data=ExportChoice(
            choice.chat_id, choice.incident_id, choice.range_code, fmt).encode()) for fmt, label in exports.FORMATS.items()]
        await _edit_menu(context, query, "Which format?", [buttons])
    elif choice.unmasked is None and viewer.is_state_admin:
        buttons = [InlineKeyboardButton(label, callback_data=ExportChoice(
            choice.chat_id, choice.incident_id, choice.range_code, choice.fmt, unmasked).encode())
            for label, unmasked in (("Personal data masked", False), ("Unmasked", True))]
        await _edit_menu(context, query, "Mask personal data (Aadhaar, PAN, phone numbers...)?", [buttons])
    else:
        request, label = await _request(context, viewer, choice)
        await run_export(context, request, label, chat_id=query.message.chat.id, menu_id=query.message.message_id)


async def _refusal(context: SamvadContext, viewer: Viewer, choice: ExportChoice) -> str | None:
    if not viewer.readable(Reading.EXPORT, private=True):
        return NOT_ADMIN
    if choice.chat_id is not None and not viewer.may_read(Reading.EXPORT, choice.chat_id, private=True):
        return "You may export only the groups you administer or coordinate."
    if choice.incident_id is not None:
        row = await context.services.db.fetchone("SELECT name FROM incidents WHERE id = ?", (choice.incident_id,))
        if row is None:
            return "That incident is not in the record."
        incident = await incidents.find(context.services.db, row[0])
        if incident is None or not _incident_chats(viewer, incident):
            return "That incident covers no group you administer or coordinate: you may not export it."
    if choice.unmasked and not viewer.is_state_admin:
        return "Only a state-level admin may export personal data unmasked."
    return None


async def _request(context: SamvadContext, viewer: Viewer, choice: ExportChoice) -> tuple[ExportRequest, str]:
    services = context.services
    masked = not choice.unmasked
    if choice.incident_id is not None:
        row = await services.db.fetchone("SELECT name FROM incidents WHERE id = ?", (choice.incident_id,))
        incident = await incidents.find(services.db, row[0])
        incident_chats = _incident_chats(viewer, incident)
        request = ExportRequest(incident_chats, incident.opened_at, incident.end(services.clock.now()), choice.fmt, masked,
                                incident.name, viewer.user_id)
        return request, f"incident {incident.name}"
    start, end = range_of(choice.range_code, services.clock.now(), services.settings.zone)
    request = ExportRequest((choice.chat_id,), start, min(end, services.clock.now()), choice.fmt, masked, None,
                            viewer.user_id)
    return request, await chats.title_of(context.services.db, choice.chat_id)


async def _typed_export(update: Update, context: SamvadContext, viewer: Viewer) -> None:
    services = context.services
    try:
        typed = typed_export(command_args(update))
        if typed.unmasked and not viewer.is_state_admin:
            raise UsageError("Only a state-level admin may export personal data unmasked.")
        if typed.incident is not None:
            incident = await incidents.find(services.db, typed.incident)
            incident_chats = _incident_chats(viewer, incident) if incident is not None else ()
            if not incident_chats:
                raise UsageError(f"No incident named {typed.incident!r} covers a group you administer or coordinate.")
            request = ExportRequest(incident_chats, incident.opened_at, incident.end(services.clock.now()), typed.fmt,
                                    not typed.unmasked, incident.name, viewer.user_id)
            label = f"incident {incident.name}"
        else:
            binding = _binding_named(viewer, typed.group)
            start, end = exports.day_range(typed.first, typed.last, services.settings.zone)
            request = ExportRequest((binding.chat_id,), start, end, typed.fmt, not typed.unmasked, None, viewer.user_id)
            label = await chats.title_of(context.services.db, binding.chat_id)
    except (UsageError, exports.ExportOptionError) as error:
        await reply(update, context, escape(str(error)), purpose=Purpose.EXPORTS_USAGE)
        return
    await run_export(context, request, label, chat_id=update.effective_chat.id, menu_id=None)


def _incident_chats(viewer: Viewer, incident: incidents.Incident) -> tuple[int, ...]:
    """The incident's groups this person may export together (its districts, for a coordinator in scope)."""
    return tuple(c for c in incident.chat_ids if viewer.may_read(Reading.INCIDENT_EXPORT, c, private=True))


def _binding_named(viewer: Viewer, name: str | None) -> roster.Binding:
    return binding_named(viewer.readable(Reading.EXPORT, private=True), name)



async def run_export(context: SamvadContext, request: ExportRequest, label: str, *, chat_id: int,
                     menu_id: int | None) -> None:
    """Write the export (showing progress if it takes a while), journal it, and send the file."""
    services = context.services
    zone = services.settings.zone
    name = exports.file_name(label, request, zone)
    path = Path(services.settings.export_dir) / f"{uuid.uuid4().hex[:8]}-{name}"
    progress = _ProgressMessage(context, chat_id, menu_id, label)
    masker = (await exports.build_masker(services.db, services.settings.official_email_domains)
              if request.masked else None)
    try:
        result = await exports.write_export(services.db, request, path, zone=zone, masker=masker,
                                            progress=progress.update)
    except exports.ExportOptionError as error:  # e.g. no group left to export: refuse, never a traceback
        async with services.db.transaction() as tx:
            await services.outbox.send_message(tx, chat_id, f"⛔ Nothing exported: {escape(str(error))}.",
                                               purpose=Purpose.EXPORTS_USAGE)
        return
    caption = (f"Record of {label}, {for_chat(request.start, zone)} to {for_chat(request.end, zone)}:"
               f" {result.entries} entries, {exports.FORMATS[request.fmt]}"
               f"{'' if request.masked else ', UNMASKED'}. SHA-256 {result.sha256[:16]}…")
    async with services.db.transaction() as tx:
        seq = await exports.record_export(tx, request, result, at=services.clock.now())
        await services.outbox.call(
            tx, "sendDocument",
            {"chat_id": chat_id, "document": {"attach_path": str(path.resolve()), "filename": name},
             "caption": caption[:1024]},
            purpose=Purpose.EXPORTS_FILE,
        )
        await progress.finish(tx, f"✅ Export ready ({result.entries} entries). Recorded as entry {seq}.")


class _ProgressMessage:
    """Shows an export's progress by editing the menu message (or one progress message) once it takes a while."""

    def __init__(self, context: SamvadContext, chat_id: int, menu_id: int | None, label: str) -> None:
        self._context = context
        self._chat_id = chat_id
        self._menu_id = menu_id
        self._label = label
        self._started = time.monotonic()
        self._last = 0.0
        self._shown = False

    async def update(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self._started < PROGRESS_AFTER or now - self._last < PROGRESS_EVERY or done >= total:
            return
        self._last = now
        percent = int(done * 100 / total) if total else 100
        text = f"⏳ Exporting {escape(self._label)}… {percent}% ({done:,} of {total:,} entries)"
        async with self._context.services.db.transaction() as tx:
            await self._show(tx, text)

    async def finish(self, tx: Transaction, text: str) -> None:
        if self._menu_id is not None or self._shown:
            await self._show(tx, text)

    async def _show(self, tx: Transaction, text: str) -> None:
        services = self._context.services
        if self._menu_id is None:
            await services.outbox.send_message(tx, self._chat_id, text, purpose=Purpose.EXPORTS_PROGRESS)
            self._shown = True
            return
        await services.outbox.call(
            tx, "editMessageText", {"chat_id": self._chat_id, "message_id": self._menu_id, "text": text},
            purpose=Purpose.EXPORTS_PROGRESS,
        )


async def _edit_menu(context: SamvadContext, query, text: str, rows: list[list[InlineKeyboardButton]]) -> None:
    services = context.services
    async with services.db.transaction() as tx:
        await services.outbox.call(
            tx, "editMessageText",
            {"chat_id": query.message.chat.id, "message_id": query.message.message_id, "text": text,
             "reply_markup": InlineKeyboardMarkup(rows)},
            purpose=Purpose.EXPORTS_MENU,
        )


async def forget_delivered_export(tx: Transaction, item: OutboxItem, result: Any) -> None:
    """Delivery hook: once Telegram has an export file, delete the local copy (it may hold personal data)."""
    if item.method != "sendDocument" or item.purpose != Purpose.EXPORTS_FILE:
        return
    document = item.params.get("document")
    if isinstance(document, dict) and "attach_path" in document:
        path = Path(document["attach_path"])
        tx.after_commit(lambda: path.unlink(missing_ok=True))


async def search_record(update: Update, context: SamvadContext) -> None:
    """/search WORDS: the groups an admin oversees; for other members, the instructions addressed to them."""
    if update.effective_chat.type != "private":
        await redirect(update, context, "Search the record in a private chat with me: /search WORDS.")
        return
    services = context.services
    try:
        words = search_words(command_args(update))
    except UsageError as error:
        await reply(update, context, escape(str(error)), purpose=Purpose.SEARCH_USAGE)
        return
    viewer = await access.viewer_of(services.db, update.effective_user.id)
    readable = viewer.readable_chat_ids(Reading.SEARCH, private=True)
    if readable:
        hits = await search.search(services.db, words, chat_ids=None if viewer.is_state_admin else readable)
    else:
        mine = await _instructions_addressed(context, viewer)
        hits = await search.search(services.db, words, chat_ids=frozenset(c for c, _ in mine), only_messages=mine)
    async with services.db.transaction() as tx:
        await journal.append(tx, kind="search", chat_id=None, actor_id=viewer.user_id, at=services.clock.now(),
                             body={"words": words, "hits": len(hits),
                                   **({"as": "coordinator"} if viewer.only_as_coordinator(readable) else {})})
    if not hits:
        scope = "the groups you administer or coordinate" if readable else "the instructions addressed to you"
        await reply(update, context, f"Nothing found for “{escape(words)}” in {scope}.", purpose=Purpose.SEARCH_RESULTS)
        return
    masker = await exports.build_masker(services.db, services.settings.official_email_domains)
    lines = [f"Found in the record (newest first, personal data masked):"]
    for hit in hits:
        sender = await roster.person(context.services.db, hit.sender_id, unknown="?")
        text = masker.mask(hit.text) or ""
        text = text if len(text) <= 200 else text[:199] + "…"
        lines.append(f"• {escape(for_chat(hit.sent_at, services.settings.zone))} · {escape(await chats.title_of(context.services.db, hit.chat_id))}"
                     f" · {escape(sender)}: {escape(text)}")
    await reply(update, context, "\n".join(lines), purpose=Purpose.SEARCH_RESULTS)


async def _instructions_addressed(context: SamvadContext, viewer: Viewer) -> frozenset[tuple[int, int]]:
    found = await instructions.addressed_to(context.services.db, viewer.post_ids, viewer.user_id, limit=1000)
    return frozenset((i.chat_id, i.message_id) for i in found)




