"""Exports and search of the record (circular §2), in a private chat: who may export which groups (and
incidents), the export menu's steps, typed exports, masking of personal data, the export file owed
through the outbox (and deleted once Telegram has it), and /search."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from html import escape
from pathlib import Path
from typing import Any

from coordination.collaborators import Collaborators
from coordination.answers import Answer, ButtonRefusal, Refusal, Reply, Unreadable, keyboard
from coordination.people import UnknownGroup, binding_named
from nlp.record import KIND_NAMES, Masker
from runtime.outbox import Outbox
from runtime.purposes import Purpose
from storage import access, chats, exports, incidents, instructions, journal, roster, search
from storage.access import Reading, Viewer
from storage.database import Database, Steps, Transaction
from storage.exports import ExportOptionError, ExportRequest, ExportResult, day_range
from storage.outbox import OutboxItem
from storage.timefmt import for_chat

PROGRESS_AFTER = 2.0  # seconds before an export starts showing progress
PROGRESS_EVERY = 1.0
CALLBACK_LIMIT = 64  # bytes: Telegram's limit on callback data
RANGES = {"t": "Today", "7": "Last 7 days", "30": "Last 30 days", "m": "This month", "pm": "Last month"}
SEARCH_SHOWN = 200  # characters of a hit's text

NOT_ADMIN = ("Exports are for group admins (a Collector for the district, an HoD for the office, ACS Revenue"
             " for all) and disaster coordinators. Your instructions: /pending.")
NOT_STATE = "Only a state-level admin may export personal data unmasked."


@dataclass(frozen=True)
class ExportChoice:
    """What /export's buttons have chosen so far (encoded in callback data)."""

    chat_id: int | None = None
    incident_id: int | None = None
    range_code: str | None = None
    fmt: str | None = None
    unmasked: bool | None = None

    def encode(self) -> str:
        """Callback data, well under Telegram's 64 bytes."""
        parts = ["x"]
        if self.chat_id is not None:
            parts.append(f"g{self.chat_id}")
        if self.incident_id is not None:
            parts.append(f"i{self.incident_id}")
        if self.range_code is not None:
            parts.append(f"r{self.range_code}")
        if self.fmt is not None:
            parts.append(f"f{self.fmt}")
        if self.unmasked is not None:
            parts.append(f"u{int(self.unmasked)}")
        data = "|".join(parts)
        assert len(data.encode()) <= CALLBACK_LIMIT
        return data


@dataclass(frozen=True)
class TypedExport:
    """/export GROUP FROM TO FORMAT [unmasked], or /export incident NAME FORMAT [unmasked]."""

    group: str | None
    incident: str | None
    first: date | None
    last: date | None
    fmt: str
    unmasked: bool


@dataclass(frozen=True)
class MenuMessage:
    """The private chat and the menu message whose buttons were pressed."""

    chat_id: int
    message_id: int


def range_of(code: str, now: datetime, zone: tzinfo) -> tuple[datetime, datetime]:
    """The period a range button names, ending now (or at a month's end)."""
    today = now.astimezone(zone).date()
    if code == "t":
        return day_range(today, today, zone)
    if code in {"7", "30"}:
        return day_range(today - timedelta(days=int(code) - 1), today, zone)
    first = today.replace(day=1)
    if code == "m":
        return day_range(first, today, zone)
    if code == "pm":
        last = first - timedelta(days=1)
        return day_range(last.replace(day=1), last, zone)
    raise ExportOptionError("This button is out of date: send /export again.")


async def build_masker(db: Database, official_domains: Iterable[str]) -> Masker:
    """A masker that knows the roster's official numbers, the official e-mail domains and the private numbers
    the journal has seen."""
    return Masker.build(official=await roster.official_numbers(db), private=await exports.private_numbers(db),
                        official_domains=official_domains)


async def write_file(db: Database, request: ExportRequest, path: Path, *, zone: tzinfo,
                     official_domains: Iterable[str], progress: exports.Progress | None = None) -> ExportResult:
    """Write an export file, masked unless the request says otherwise, the instruction kinds named."""
    masker = await build_masker(db, official_domains) if request.masked else None
    return await exports.write_export(db, request, path, zone=zone, masker=masker, progress=progress,
                                      kind_names=KIND_NAMES)


async def start_export(c: Collaborators, user_id: int, typed: TypedExport | Unreadable | None,
                       *, chat_id: int) -> Answer | None:
    """/export in private: the menu of the groups (and open incidents) this person may export, or, typed, the
    export itself (None then: the file is owed to chat_id)."""
    viewer = await access.viewer_of(c.db, user_id)
    readable = viewer.readable(Reading.EXPORT, private=True)
    if not readable:
        return Refusal(NOT_ADMIN, "export")
    if typed is not None:
        return await _typed_export(c, viewer, typed, chat_id=chat_id)
    combined = viewer.readable_chat_ids(Reading.INCIDENT_EXPORT, private=True)
    rows = [[(f"🚨 {incident.name}", ExportChoice(incident_id=incident.incident_id).encode())]
            for incident in await incidents.open_incidents(c.db) if set(incident.chat_ids) & combined]
    groups = [(await chats.title_of(c.db, b.chat_id), b.chat_id) for b in readable]
    buttons = [(title[:40], ExportChoice(chat_id=group).encode()) for title, group in sorted(groups)]
    rows += [buttons[i:i + 2] for i in range(0, len(buttons), 2)]
    return Reply("Which group's record?", Purpose.EXPORTS_MENU, keyboard(rows))


async def choice_refusal(c: Collaborators, user_id: int, choice: ExportChoice) -> ButtonRefusal | None:
    """Why this person may not make this export choice (None when they may)."""
    reason = await _choice_problem(c, user_id, choice)
    return ButtonRefusal(reason, "export") if reason is not None else None


async def _choice_problem(c: Collaborators, user_id: int, choice: ExportChoice) -> str | None:
    viewer = await access.viewer_of(c.db, user_id)
    if not viewer.readable(Reading.EXPORT, private=True):
        return NOT_ADMIN
    if choice.chat_id is not None and not viewer.may_read(Reading.EXPORT, choice.chat_id, private=True):
        return "You may export only the groups you administer or coordinate."
    if choice.incident_id is not None:
        incident = await incidents.get(c.db, choice.incident_id)
        if incident is None:
            return "That incident is not in the record."
        # By name, as a typed export finds it: the open incident of that name, else the latest closed one.
        incident = await incidents.find(c.db, incident.name)
        if incident is None or not incident_chats(viewer, incident):
            return "That incident covers no group you administer or coordinate: you may not export it."
    if choice.unmasked and not viewer.is_state_admin:
        return NOT_STATE
    return None


async def next_export_step(c: Collaborators, user_id: int, choice: ExportChoice, menu: MenuMessage) -> None:
    """The next step of /export's buttons (period, format, masking for a state admin), or, all chosen, the
    export itself. The choice has passed choice_refusal."""
    viewer = await access.viewer_of(c.db, user_id)
    if choice.range_code is None and choice.incident_id is None:
        buttons = [(label, ExportChoice(choice.chat_id, None, code).encode()) for code, label in RANGES.items()]
        await _edit_menu(c, menu, "Which period?", [buttons[:3], buttons[3:]])
    elif choice.fmt is None:
        buttons = [(label, ExportChoice(choice.chat_id, choice.incident_id, choice.range_code, fmt).encode())
                   for fmt, label in exports.FORMATS.items()]
        await _edit_menu(c, menu, "Which format?", [buttons])
    elif choice.unmasked is None and viewer.is_state_admin:
        buttons = [(label, ExportChoice(choice.chat_id, choice.incident_id, choice.range_code, choice.fmt,
                                        unmasked).encode())
                   for label, unmasked in (("Personal data masked", False), ("Unmasked", True))]
        await _edit_menu(c, menu, "Mask personal data (Aadhaar, PAN, phone numbers...)?", [buttons])
    else:
        request, label = await _request(c, viewer, choice)
        await run_export(c, request, label, chat_id=menu.chat_id, menu_id=menu.message_id)


async def _request(c: Collaborators, viewer: Viewer, choice: ExportChoice) -> tuple[ExportRequest, str]:
    masked = not choice.unmasked
    now = c.clock.now()
    fmt = choice.fmt
    assert fmt is not None  # the last step: every choice is made
    if choice.incident_id is not None:
        found = await incidents.get(c.db, choice.incident_id)
        incident = await incidents.find(c.db, found.name) if found is not None else None
        assert incident is not None  # choice_refusal has found it
        request = ExportRequest(incident_chats(viewer, incident), incident.opened_at, incident.end(now), fmt, masked,
                                incident.name, viewer.user_id)
        return request, f"incident {incident.name}"
    assert choice.chat_id is not None and choice.range_code is not None
    start, end = range_of(choice.range_code, now, c.settings.zone)
    request = ExportRequest((choice.chat_id,), start, min(end, now), fmt, masked, None, viewer.user_id)
    return request, await chats.title_of(c.db, choice.chat_id)


async def _typed_export(c: Collaborators, viewer: Viewer, typed: TypedExport | Unreadable, *,
                        chat_id: int) -> Answer | None:
    """/export GROUP FROM TO FORMAT or /export incident NAME FORMAT: checked against what this person may read."""
    try:
        if isinstance(typed, Unreadable):
            raise ExportOptionError(typed.text)
        if typed.unmasked and not viewer.is_state_admin:
            raise ExportOptionError(NOT_STATE)
        if typed.incident is not None:
            incident = await incidents.find(c.db, typed.incident)
            chosen = incident_chats(viewer, incident) if incident is not None else ()
            if incident is None or not chosen:
                raise ExportOptionError(
                    f"No incident named {typed.incident!r} covers a group you administer or coordinate.")
            request = ExportRequest(chosen, incident.opened_at, incident.end(c.clock.now()), typed.fmt,
                                    not typed.unmasked, incident.name, viewer.user_id)
            label = f"incident {incident.name}"
        else:
            binding = binding_named(viewer.readable(Reading.EXPORT, private=True), typed.group)
            assert typed.first is not None and typed.last is not None
            start, end = day_range(typed.first, typed.last, c.settings.zone)
            request = ExportRequest((binding.chat_id,), start, end, typed.fmt, not typed.unmasked, None,
                                    viewer.user_id)
            label = await chats.title_of(c.db, binding.chat_id)
    except (UnknownGroup, ExportOptionError) as error:
        return Reply(escape(str(error)), Purpose.EXPORTS_USAGE)
    await run_export(c, request, label, chat_id=chat_id, menu_id=None)
    return None


def incident_chats(viewer: Viewer, incident: incidents.Incident) -> tuple[int, ...]:
    """The incident's groups this person may export together (its districts, for a coordinator in scope)."""
    return tuple(chat for chat in incident.chat_ids if viewer.may_read(Reading.INCIDENT_EXPORT, chat, private=True))


async def run_export(c: Collaborators, request: ExportRequest, label: str, *, chat_id: int,
                     menu_id: int | None) -> None:
    """Write the export (showing progress if it takes a while), journal it, and owe the file to chat_id."""
    zone = c.settings.zone
    name = exports.file_name(label, request, zone)
    path = Path(c.settings.export_dir) / f"{uuid.uuid4().hex[:8]}-{name}"
    progress = _ProgressMessage(c, chat_id, menu_id, label)
    try:
        result = await write_file(c.db, request, path, zone=zone, official_domains=c.settings.official_email_domains,
                                  progress=progress.update)
    except ExportOptionError as error:  # e.g. no group left to export: refuse, never a traceback
        async with c.db.transaction() as tx:
            await c.outbox.send_message(tx, chat_id, f"⛔ Nothing exported: {escape(str(error))}.",
                                        purpose=Purpose.EXPORTS_USAGE)
        return
    caption = (f"Record of {label}, {for_chat(request.start, zone)} to {for_chat(request.end, zone)}:"
               f" {result.entries} entries, {exports.FORMATS[request.fmt]}"
               f"{'' if request.masked else ', UNMASKED'}. SHA-256 {result.sha256[:16]}…")
    async with c.db.transaction() as tx:
        seq = await exports.record_export(tx, request, result, at=c.clock.now())
        await c.outbox.call(
            tx, "sendDocument",
            {"chat_id": chat_id, "document": {"attach_path": str(path.resolve()), "filename": name},
             "caption": caption[:1024]},
            purpose=Purpose.EXPORTS_FILE,
        )
        await progress.finish(tx, f"✅ Export ready ({result.entries} entries). Recorded as entry {seq}.")


class _ProgressMessage:
    """Shows an export's progress by editing the menu message (or one progress message) once it takes a while."""

    def __init__(self, c: Collaborators, chat_id: int, menu_id: int | None, label: str) -> None:
        self._db = c.db
        self._outbox: Outbox = c.outbox
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
        async with self._db.transaction() as tx:
            await self._show(tx, text)

    async def finish(self, tx: Transaction, text: str) -> None:
        if self._menu_id is not None or self._shown:
            await self._show(tx, text)

    async def _show(self, tx: Transaction, text: str) -> None:
        if self._menu_id is None:
            await self._outbox.send_message(tx, self._chat_id, text, purpose=Purpose.EXPORTS_PROGRESS)
            self._shown = True
            return
        await self._outbox.call(
            tx, "editMessageText", {"chat_id": self._chat_id, "message_id": self._menu_id, "text": text},
            purpose=Purpose.EXPORTS_PROGRESS,
        )


async def _edit_menu(c: Collaborators, menu: MenuMessage, text: str, rows: list[list[tuple[str, str]]]) -> None:
    async with c.db.transaction() as tx:
        await c.outbox.call(
            tx, "editMessageText",
            {"chat_id": menu.chat_id, "message_id": menu.message_id, "text": text, "reply_markup": keyboard(rows)},
            purpose=Purpose.EXPORTS_MENU,
        )


async def forget_delivered_export(tx: Steps, item: OutboxItem, result: Any) -> None:
    """Delivery hook: once Telegram has an export file, delete the local copy (it may hold personal data)."""
    if item.method != "sendDocument" or item.purpose != Purpose.EXPORTS_FILE:
        return
    document = item.params.get("document")
    if isinstance(document, dict) and "attach_path" in document:
        path = Path(document["attach_path"])
        tx.after_commit(lambda: path.unlink(missing_ok=True))


async def search_record(c: Collaborators, user_id: int, words: str | Unreadable) -> Reply:
    """/search WORDS: the groups an admin or coordinator may read; for other members, the instructions addressed
    to them. Personal data is masked; the search is journalled."""
    if isinstance(words, Unreadable):
        return Reply(escape(words.text), Purpose.SEARCH_USAGE)
    viewer = await access.viewer_of(c.db, user_id)
    readable = viewer.readable_chat_ids(Reading.SEARCH, private=True)
    if readable:
        hits = await search.search(c.db, words, chat_ids=None if viewer.is_state_admin else readable)
    else:
        found = await instructions.addressed_to(c.db, viewer.post_ids, viewer.user_id, limit=1000)
        mine = frozenset((i.chat_id, i.message_id) for i in found)
        hits = await search.search(c.db, words, chat_ids=frozenset(chat for chat, _ in mine), only_messages=mine)
    async with c.db.transaction() as tx:
        await journal.append(tx, kind="search", chat_id=None, actor_id=viewer.user_id, at=c.clock.now(),
                             body={"words": words, "hits": len(hits),
                                   **({"as": "coordinator"} if viewer.only_as_coordinator(readable) else {})})
    if not hits:
        scope = "the groups you administer or coordinate" if readable else "the instructions addressed to you"
        return Reply(f"Nothing found for “{escape(words)}” in {scope}.", Purpose.SEARCH_RESULTS)
    masker = await build_masker(c.db, c.settings.official_email_domains)
    lines = ["Found in the record (newest first, personal data masked):"]
    for hit in hits:
        sender = await roster.person(c.db, hit.sender_id, unknown="?")
        text = masker.mask(hit.text) or ""
        text = text if len(text) <= SEARCH_SHOWN else text[:SEARCH_SHOWN - 1] + "…"
        title = await chats.title_of(c.db, hit.chat_id)
        lines.append(f"• {escape(for_chat(hit.sent_at, c.settings.zone))} · {escape(title)}"
                     f" · {escape(sender)}: {escape(text)}")
    return Reply("\n".join(lines), Purpose.SEARCH_RESULTS)
