"""Exports of the record: CSV, JSON Lines, or a readable HTML report, with personal data masked.

Everything comes from the journal (the chained copy), not from the tables beside it,
so an export shows what `samvad verify` vouches for. Cells a spreadsheet would run as a
formula are neutralised; HTML is escaped throughout.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import re
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import IO, Any, Protocol

from storage import chain, checkpoints, instructions, journal, roster
from storage.database import Database, Transaction, Unit
from storage.errors import StorageError
from storage.private_files import make_owner_only_dir, open_owner_only
from storage.sql import placeholders
from storage.timefmt import from_db, to_db

FORMATS = {"csv": "CSV", "jsonl": "JSON Lines", "html": "HTML report"}
EXTENSIONS = {"csv": "csv", "jsonl": "jsonl", "html": "html"}
_FORMAT_SPELLINGS = {"csv": "csv", "jsonl": "jsonl", "json": "jsonl", "ndjson": "jsonl", "json-lines": "jsonl",
                     "jsonlines": "jsonl", "html": "html", "htm": "html", "report": "html"}
CSV_COLUMNS = ("seq", "time", "group", "actor_id", "actor", "posts", "kind", "message_id", "text", "details", "entry_hash")
CONTENT_KINDS = frozenset({"message", "edit"})
# Entries whose body has a "text" masked like a message's: messages, edits, and text read from attachments.
TEXT_KINDS = CONTENT_KINDS | {"attachment"}
PHONE_KEYS = frozenset({"phone", "mobile", "phone_number", "contact", "number"})
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
Progress = Callable[[int, int], Awaitable[None]]


class Masking(Protocol):
    """What an export masks personal data with (the domain builds it from the content filter's masker)."""

    @property
    def official_numbers(self) -> frozenset[str]:
        """The last ten digits of the roster's official numbers (these stay visible)."""
        ...

    def mask(self, text: str | None, extra: Iterable[tuple[int, int]] = ()) -> str | None:
        """The text with personal data (and these spans, as the filter found them) masked."""
        ...


class ExportOptionError(StorageError):
    """An export option a person typed cannot be understood (the message says what is expected)."""


@dataclass(frozen=True)
class ExportRequest:
    """What to export, for whom."""

    chat_ids: tuple[int, ...]
    start: datetime
    end: datetime
    fmt: str
    masked: bool = True
    incident: str | None = None
    requested_by: int | None = None
    via: str = "telegram"


@dataclass(frozen=True)
class ExportResult:
    """A written export."""

    path: Path
    entries: int
    sha256: str


def parse_format(text: str | None) -> str:
    """csv, jsonl or html from what a person typed."""
    fmt = _FORMAT_SPELLINGS.get((text or "").strip().lower().lstrip("."))
    if fmt is None:
        raise ExportOptionError(f"unknown format {text!r}: use csv, jsonl or html")
    return fmt


def parse_day(text: str | None) -> date:
    """A day written 2025-01-21, 21/01/2025 or 21-01-2025."""
    value = (text or "").strip()
    for pattern, order in ((r"(\d{4})-(\d{1,2})-(\d{1,2})", "ymd"), (r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})", "dmy")):
        match = re.fullmatch(pattern, value)
        if match:
            parts = dict(zip(order, (int(g) for g in match.groups()), strict=True))
            try:
                return date(parts["y"], parts["m"], parts["d"])
            except ValueError:
                break
    raise ExportOptionError(f"cannot read the date {value!r}: write it as 2025-01-21 or 21/01/2025")


def day_range(first: date, last: date, zone: tzinfo) -> tuple[datetime, datetime]:
    """From the start of the first day to the end of the last, in zone."""
    if last < first:
        raise ExportOptionError("the end date is before the start date")
    start = datetime.combine(first, datetime.min.time(), tzinfo=zone)
    return start, datetime.combine(last + timedelta(days=1), datetime.min.time(), tzinfo=zone)


def neutralise_cell(value: Any) -> str:
    """A CSV cell a spreadsheet will show as text, never run as a formula."""
    text = "" if value is None else str(value)
    if text.lstrip(" ").startswith(FORMULA_START):
        return "'" + text
    return text


@dataclass
class _Context:
    """What rendering needs beside the entries: names, posts, masking."""

    zone: tzinfo
    masker: Masking | None
    kind_names: Mapping[str, str]
    groups: dict[int, str]
    people: dict[int, str]
    posts_of: dict[int, str]
    erased_by: dict[int, str]
    spans: dict[int, list[tuple[int, int]]] = field(default_factory=dict)

    def when(self, stored: str) -> str:
        # storage.timefmt's fixed layout, read by position: strptime is the slowest part of a large export.
        instant = datetime(int(stored[0:4]), int(stored[5:7]), int(stored[8:10]), int(stored[11:13]),
                           int(stored[14:16]), int(stored[17:19]), tzinfo=UTC)
        return instant.astimezone(self.zone).strftime("%Y-%m-%d %H:%M:%S")

    def mask_text(self, text: str | None, seq: int) -> str | None:
        if self.masker is None or not text:
            return text
        return self.masker.mask(text, self.spans.get(seq, ()))

    def mask_value(self, value: Any, key: str = "") -> Any:
        if self.masker is None:
            return value
        if isinstance(value, dict):
            return {k: self.mask_value(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [self.mask_value(v, key) for v in value]
        if isinstance(value, str) and value:
            if key in PHONE_KEYS and re.sub(r"\D", "", value)[-10:] not in self.masker.official_numbers:
                return re.sub(r"[0-9A-Za-z](?=(?:\W*[0-9A-Za-z]){4})", "X", value)
            return self.masker.mask(value)
        return value


async def private_numbers(db: Database) -> list[str]:
    """The phone numbers the journal has seen given as someone's own (contacts shared, roster rows, requests)."""
    private: list[str] = []
    rows = []
    # Range conditions on the kind index skip the millions of message and edit entries.
    for condition in ("j.kind < 'edit'", "j.kind > 'edit' AND j.kind < 'message'", "j.kind > 'message'"):
        rows += await db.fetchall(
            f"SELECT b.body FROM journal j JOIN journal_bodies b ON b.seq = j.seq WHERE {condition}"
            " AND (b.body LIKE '%\"phone%' OR b.body LIKE '%\"mobile%' OR b.body LIKE '%\"contact%')"
        )
    for row in rows:
        private += _phone_values(json.loads(row[0]))
    return private


async def keep_personal_data_spans(
    tx: Transaction, chat_id: int, message_id: int, spans: Iterable[tuple[int, int, str]]
) -> None:
    """Keep where the filter found personal data in a recorded message (start, end, reason), so exports mask
    exactly them; nothing when the message is not in the record."""
    spans = list(spans)
    if spans:
        await tx.run(lambda unit: keep_personal_data_spans_in(unit, chat_id, message_id, spans))


def keep_personal_data_spans_in(unit: Unit, chat_id: int, message_id: int, spans: Iterable[tuple[int, int, str]]) -> None:
    """keep_personal_data_spans as part of a unit of work: a statement a span, each finding the message's entry itself,
    none read back (on PostgreSQL they go with the unit's next statement, in one round trip)."""
    for start, end, reason in spans:
        unit.execute_soon(
            "INSERT OR IGNORE INTO personal_data_spans (journal_seq, start, \"end\", reason_code)"
            " SELECT journal_seq, ?, ?, ? FROM messages WHERE chat_id = ? AND message_id = ?",
            (start, end, reason, chat_id, message_id),
        )


def _phone_values(value: Any, key: str = "") -> list[str]:
    if isinstance(value, dict):
        return [n for k, v in value.items() for n in _phone_values(v, k)]
    if isinstance(value, list):
        return [n for v in value for n in _phone_values(v, key)]
    if key in PHONE_KEYS and isinstance(value, str | int):
        return [str(value)]
    return []


async def _context(db: Database, request: ExportRequest, zone: tzinfo, masker: Masking | None,
                   kind_names: Mapping[str, str]) -> _Context:
    groups = {}
    for chat_id in request.chat_ids:
        row = await db.fetchone("SELECT title FROM chats WHERE chat_id = ?", (chat_id,))
        binding = await roster.binding_of(db, chat_id)
        title = row[0] if row and row[0] else str(chat_id)
        groups[chat_id] = f"{title} [{binding.label}]" if binding else title
    people = {
        row[0]: " ".join(part for part in (row[1], row[2]) if part)
        for row in await db.fetchall("SELECT user_id, first_name, last_name FROM users")
    }
    posts_of: dict[int, list[str]] = {}
    for row in await db.fetchall(
        "SELECT a.user_id, p.designation FROM post_accounts a JOIN posts p ON p.post_id = a.post_id"
        " ORDER BY a.revoked_at IS NULL, a.id"
    ):
        posts_of.setdefault(row[0], []).append(row[1])
    erased = {}
    for chat_id in request.chat_ids:
        erased.update(await chain.erasure_orders(db, chat_id))
    return _Context(zone, masker, kind_names, groups, people, {u: "; ".join(dict.fromkeys(p)) for u, p in posts_of.items()}, erased)


async def _scope_sql(db: Database, request: ExportRequest) -> tuple[str, list[Any]]:
    """The journal entries of the request's groups and period, as a FROM/WHERE clause and its parameters."""
    marks = placeholders(len(request.chat_ids))
    low, high = await seq_bounds(db, request.start, request.end)
    return (
        f" FROM journal j LEFT JOIN journal_bodies b ON b.seq = j.seq WHERE j.chat_id IN ({marks})"
        " AND j.seq BETWEEN ? AND ? AND j.recorded_at >= ? AND j.recorded_at < ?",
        [*request.chat_ids, low, high, to_db(request.start), to_db(request.end)],
    )


SEQ_MARGIN = 1000  # entries either side, in case the clock ever stepped back between appends


async def seq_bounds(db: Database, start: datetime, end: datetime) -> tuple[int, int]:
    """A range of sequence numbers that holds every entry recorded in [start, end).

    Entries are appended in time order, so the bounds are found by bisecting the
    sequence (a few primary-key look-ups) instead of scanning a group's whole history.
    """
    head = await db.fetchone("SELECT max(seq) FROM journal")
    if head is None or head[0] is None:
        return 0, 0
    return (max(0, await _first_at_or_after(db, to_db(start), head[0]) - SEQ_MARGIN),
            await _first_at_or_after(db, to_db(end), head[0]) + SEQ_MARGIN)


async def _first_at_or_after(db: Database, moment: str, head: int) -> int:
    low, high = 1, head + 1
    while low < high:
        middle = (low + high) // 2
        row = await db.fetchone("SELECT recorded_at FROM journal WHERE seq >= ? ORDER BY seq LIMIT 1", (middle,))
        if row is not None and row[0] < moment:
            low = middle + 1
        else:
            high = middle
    return low


async def _load_spans(db: Database, request: ExportRequest, context: _Context) -> None:
    where, params = await _scope_sql(db, request)
    rows = await db.fetchall(
        f"SELECT s.journal_seq, s.start, s.\"end\" FROM personal_data_spans s WHERE s.journal_seq IN (SELECT j.seq {where})",
        params,
    )
    for seq, start, end in rows:
        context.spans.setdefault(seq, []).append((start, end))


def _row(entry: Any, context: _Context) -> dict[str, Any]:
    """One journal entry as an export row (masked as the context says)."""
    seq, kind = entry["seq"], entry["kind"]
    body = json.loads(entry["body"]) if entry["body"] is not None else None
    text = None
    details: Any = None
    if body is None:
        details = {"erased": f"erased under order {context.erased_by.get(seq, '(unknown)')}"}
    elif kind in TEXT_KINDS:
        text = context.mask_text(body.get("text"), seq)
        details = context.mask_value({k: v for k, v in body.items() if k not in {"text", "message_id"}})
    else:
        details = context.mask_value(body)
    actor = entry["actor_id"]
    return {
        "seq": seq,
        "time": context.when(entry["recorded_at"]),
        "group": context.groups.get(entry["chat_id"], str(entry["chat_id"])),
        "actor_id": actor,
        "actor": context.people.get(actor, "") if actor is not None else "",
        "posts": context.posts_of.get(actor, "") if actor is not None else "",
        "kind": kind,
        "message_id": body.get("message_id") if isinstance(body, dict) else None,
        "text": text,
        "details": details,
        "entry_hash": entry["entry_hash"],
    }


async def write_export(
    db: Database,
    request: ExportRequest,
    path: Path,
    *,
    zone: tzinfo,
    masker: Masking | None,
    progress: Progress | None = None,
    kind_names: Mapping[str, str] | None = None,
) -> ExportResult:
    """Write the export to path; returns how many entries it holds and the file's SHA-256.

    kind_names name the instructions' kinds in the HTML report (the kind's code where none is given)."""
    if not request.chat_ids:
        raise ExportOptionError("no group to export")
    context = await _context(db, request, zone, masker if request.masked else None, kind_names or {})
    if request.masked:
        await _load_spans(db, request, context)
    where, params = await _scope_sql(db, request)
    counted = await db.fetchone(f"SELECT count(*) {where}", params)
    total = counted[0] if counted is not None else 0
    make_owner_only_dir(path.parent)
    rows = db.iterate(
        f"SELECT j.seq, j.recorded_at, j.chat_id, j.actor_id, j.kind, j.entry_hash, b.body {where} ORDER BY j.seq",
        params,
        chunk=2000,
    )
    done = 0
    last_seq = 0
    with open_owner_only(path, encoding="utf-8", newline="") as out:
        writer = _WRITERS[request.fmt](out, request, context)
        await writer.begin(db)
        async for entry in rows:
            writer.add(_row(entry, context))
            done += 1
            last_seq = entry["seq"]
            if progress is not None and done % 2000 == 0:
                await progress(done, total)
        await writer.end(db, await checkpoints.covering(db, last_seq) if last_seq else await checkpoints.latest(db))
    if progress is not None:
        await progress(done, total)
    return ExportResult(path, done, hashlib.sha256(path.read_bytes()).hexdigest())


async def record_export(tx: Transaction, request: ExportRequest, result: ExportResult, *, at: datetime) -> int:
    """Journal that an export was made (who, what, and the file's hash); returns the entry's seq."""
    entry = await journal.append(
        tx,
        kind="export",
        chat_id=request.chat_ids[0] if len(request.chat_ids) == 1 else None,
        actor_id=request.requested_by,
        at=at,
        body={
            "chats": list(request.chat_ids),
            "from": to_db(request.start),
            "to": to_db(request.end),
            "format": request.fmt,
            "masked": request.masked,
            "incident": request.incident,
            "entries": result.entries,
            "sha256": result.sha256,
            "via": request.via,
        },
    )
    return entry.seq


class _CsvWriter:
    def __init__(self, out: IO[str], request: ExportRequest, context: _Context) -> None:
        self._csv = csv.writer(out)

    async def begin(self, db: Database) -> None:
        self._csv.writerow(CSV_COLUMNS)

    def add(self, row: dict[str, Any]) -> None:
        row = dict(row, details=json.dumps(row["details"], ensure_ascii=False, sort_keys=True) if row["details"] else "")
        self._csv.writerow([neutralise_cell(row[column]) for column in CSV_COLUMNS])

    async def end(self, db: Database, checkpoint: checkpoints.Checkpoint | None) -> None:
        pass


class _JsonLinesWriter:
    def __init__(self, out: IO[str], request: ExportRequest, context: _Context) -> None:
        self._out = out
        self._request = request
        self._context = context

    async def begin(self, db: Database) -> None:
        meta = {
            "record": "export",
            "groups": [self._context.groups[c] for c in self._request.chat_ids],
            "chat_ids": list(self._request.chat_ids),
            "from": self._request.start.astimezone(self._context.zone).isoformat(),
            "to": self._request.end.astimezone(self._context.zone).isoformat(),
            "masked": self._request.masked,
            "incident": self._request.incident,
        }
        self._write(meta)

    def add(self, row: dict[str, Any]) -> None:
        self._write({"record": "entry", **row})

    async def end(self, db: Database, checkpoint: checkpoints.Checkpoint | None) -> None:
        if checkpoint is not None:
            self._write({"record": "checkpoint", "seq": checkpoint.seq, "entry_hash": checkpoint.entry_hash,
                         "signed_at": checkpoint.signed_at, "public_key": checkpoint.public_key,
                         "signature": checkpoint.signature})

    def _write(self, value: dict[str, Any]) -> None:
        self._out.write(json.dumps(value, ensure_ascii=False) + "\n")


_STYLE = (
    "body{font-family:system-ui,'Noto Sans Gujarati','Noto Sans Devanagari',sans-serif;margin:2em;color:#222}"
    "table{border-collapse:collapse;width:100%;margin-bottom:2em}th,td{border:1px solid #ccc;padding:4px 6px;"
    "vertical-align:top;text-align:left;font-size:14px}th{background:#eee}.meta{color:#555}"
    ".unmasked{color:#a00;font-weight:bold}.hash{font-family:monospace;font-size:12px;word-break:break-all}"
)


class _HtmlWriter:
    """The readable report: instructions with acknowledgements, flags, membership, messages, checkpoint."""

    def __init__(self, out: IO[str], request: ExportRequest, context: _Context) -> None:
        self._out = out
        self._request = request
        self._context = context
        self._flags: list[dict[str, Any]] = []
        self._events: list[dict[str, Any]] = []
        self._messages = io.StringIO()
        self._message_count = 0
        self._instruction_texts: dict[tuple[str, int], str] = {}

    async def begin(self, db: Database) -> None:
        pass

    def add(self, row: dict[str, Any]) -> None:
        kind = row["kind"]
        if kind in CONTENT_KINDS:
            self._message_count += 1
            self._instruction_texts[(row["group"], row["message_id"])] = row["text"] or ""
            label = "edited: " if kind == "edit" else ""
            text = row["text"] if row["text"] is not None else (row["details"] or {}).get("erased", "")
            self._messages.write(
                f"<tr><td>{_e(self._time(row['time']))}</td><td>{_e(row['group'])}</td><td>{_e(_who(row))}</td>"
                f"<td>{_e(label)}{_e(text)}</td></tr>\n"
            )
        elif kind == "attachment":
            details = row["details"] or {}
            read = f"📎 {details.get('file_name') or details.get('media', 'file')} ({details.get('status', '')}): "
            self._messages.write(
                f"<tr><td>{_e(row['time'])}</td><td>{_e(row['group'])}</td><td>{_e(_who(row))}</td>"
                f"<td>{_e(read)}{_e(row['text'] or details.get('erased', ''))}</td></tr>\n"
            )
        elif kind == "flag":
            self._flags.append(row)
        elif kind not in {"instruction", "acknowledgement"}:
            self._events.append(row)

    async def end(self, db: Database, checkpoint: checkpoints.Checkpoint | None) -> None:
        request, context, out = self._request, self._context, self._out
        groups = ", ".join(context.groups[c] for c in request.chat_ids)
        title = f"Official record: {groups}"
        out.write(f"<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{_e(title)}</title>"
                  f"<style>{_STYLE}</style></head><body>\n<h1>{_e(title)}</h1>\n")
        period = f"{self._at(request.start)} to {self._at(request.end)}"
        out.write(f"<p class=\"meta\">Period: {_e(period)} · Times are {_e(_zone_label(context.zone))}."
                  f"{_e(f' · Incident: {request.incident}') if request.incident else ''}"
                  f" · Kept by Samvad under circular ITP/102019/35/H2 (§2).</p>\n")
        if request.masked:
            out.write("<p class=\"meta\">Personal data (Aadhaar, PAN, private phone numbers, e-mail...) is masked.</p>\n")
        else:
            out.write("<p class=\"unmasked\">UNMASKED: this report shows personal data. Handle it as confidential.</p>\n")
        await self._write_instructions(db)
        self._write_table("Flags", self._flags)
        self._write_table("Membership and other events", self._events)
        out.write(f"<h2>Messages ({self._message_count})</h2>\n<table><tr><th>Time</th><th>Group</th><th>From</th>"
                  "<th>Text</th></tr>\n")
        out.write(self._messages.getvalue())
        out.write("</table>\n")
        self._write_checkpoint(checkpoint)
        out.write("</body></html>\n")

    async def _write_instructions(self, db: Database) -> None:
        request, context = self._request, self._context
        found = await instructions.in_window(db, list(request.chat_ids), request.start, request.end)
        self._out.write(f"<h2>Instructions ({len(found)})</h2>\n")
        if not found:
            self._out.write("<p>No instruction was recorded in this period.</p>\n")
            return
        self._out.write("<table><tr><th>Time</th><th>Group</th><th>From</th><th>Kind</th><th>Due</th>"
                        "<th>Instruction</th><th>Acknowledged</th><th>Pending</th></tr>\n")
        for instruction in found:
            status = await instructions.status(db, instruction)
            group = context.groups.get(instruction.chat_id, "")
            text = self._instruction_texts.get((group, instruction.message_id), "")
            designations: dict[str | None, str] = {post.post_id: post.designation for post in status.addressed_posts}
            acks = "<br>".join(
                _e(f"{designations.get(a.post_id or '', '') or context.people.get(a.user_id, a.user_id)}"
                   f" — {self._at(a.at)} ({a.how})")
                for a in status.acknowledgements
            )
            pending = "<br>".join(_e(post.designation) for post in status.pending_posts) or "none"
            due = self._at(instruction.due_at) if instruction.due_at else "—"
            author = context.people.get(instruction.author_id, "") if instruction.author_id else ""
            self._out.write(
                f"<tr><td>{_e(self._at(instruction.created_at))}</td>"
                f"<td>{_e(group)}</td><td>{_e(author)}</td><td>{_e(context.kind_names.get(instruction.kind, instruction.kind))}"
                f"</td><td>{_e(due)}</td><td>{_e(text)}</td><td>{status.received} of {status.owed}<br>{acks}</td>"
                f"<td>{pending}</td></tr>\n"
            )
        self._out.write("</table>\n")

    def _write_table(self, title: str, rows: list[dict[str, Any]]) -> None:
        self._out.write(f"<h2>{_e(title)} ({len(rows)})</h2>\n")
        if not rows:
            self._out.write("<p>None in this period.</p>\n")
            return
        self._out.write("<table><tr><th>Time</th><th>Group</th><th>By</th><th>What</th><th>Details</th></tr>\n")
        for row in rows:
            details = "<br>".join(_e(line) for line in self._detail_lines(row["details"]))
            self._out.write(f"<tr><td>{_e(self._time(row['time']))}</td><td>{_e(row['group'])}</td>"
                            f"<td>{_e(_who(row))}</td><td>{_e(row['kind'])}</td><td>{details}</td></tr>\n")
        self._out.write("</table>\n")

    def _at(self, instant: datetime) -> str:
        """Every time in the report in one layout, in the record's zone (named once at the top)."""
        return f"{instant.astimezone(self._context.zone):{_HTML_TIME}}"

    def _time(self, shown: str) -> str:
        """A row's time (the CSV layout, already in the zone) in the report's layout."""
        # By position, as _Context.when does: strptime would be the slowest part of a large report.
        return f"{shown[8:10]} {_MONTHS[int(shown[5:7]) - 1]} {shown[0:4]} {shown[11:19]}"

    def _detail_lines(self, value: Any, key: str = "") -> list[str]:
        """An entry's details as "what: value" lines a person reads, never raw JSON."""
        if isinstance(value, dict):
            return [line for k, v in sorted(value.items()) if v not in (None, "", [], {})
                    for line in self._detail_lines(v, f"{key} {k}".strip())]
        label = key.replace("_", " ").replace(".", " ")
        if isinstance(value, list):
            if all(not isinstance(item, dict | list) for item in value):
                return [f"{label}: {', '.join(self._detail_value(item) for item in value)}"]
            return [line for item in value for line in self._detail_lines(item, key)]
        return [f"{label}: {self._detail_value(value)}" if label else self._detail_value(value)]

    def _detail_value(self, value: Any) -> str:
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, str) and _STORED_TIME.fullmatch(value):
            return self._at(from_db(value))
        return str(value)

    def _write_checkpoint(self, checkpoint: checkpoints.Checkpoint | None) -> None:
        self._out.write("<h2>Checkpoint</h2>\n")
        if checkpoint is None:
            self._out.write("<p>No signed checkpoint covers this period yet; one is signed at least every hour.</p>\n")
            return
        self._out.write(
            f"<p>The record up to entry {checkpoint.seq} was signed on {_e(self._at(checkpoint.signed_at_time))}.</p>\n"
            f"<p class=\"hash\">Entry hash: {_e(checkpoint.entry_hash)}<br>Public key (Ed25519): "
            f"{_e(checkpoint.public_key)}<br>Signature: {_e(checkpoint.signature)}</p>\n"
            "<p>Check it with <code>samvad verify</code>.</p>\n"
        )


_HTML_TIME = "%d %b %Y %H:%M:%S"
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_STORED_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z")  # storage.timefmt's layout


def _zone_label(zone: tzinfo) -> str:
    """How the report names its zone: "IST (India Standard Time, UTC+05:30)" for Asia/Kolkata."""
    now = datetime.now(UTC).astimezone(zone)
    offset = now.strftime("%z")
    utc = f"UTC{offset[:3]}:{offset[3:]}"
    name = now.tzname() or utc
    return f"IST (India Standard Time, {utc})" if name == "IST" else f"{name} ({utc})"


def _who(row: dict[str, Any]) -> str:
    if row["posts"]:
        return f"{row['actor']} ({row['posts']})"
    return row["actor"] or ""


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


class _Writer(Protocol):
    """One format's writer: a head, each entry, and a tail with the covering checkpoint."""

    async def begin(self, db: Database) -> None: ...

    def add(self, row: dict[str, Any]) -> None: ...

    async def end(self, db: Database, checkpoint: checkpoints.Checkpoint | None) -> None: ...


_WRITERS: dict[str, Callable[[IO[str], ExportRequest, _Context], _Writer]] = {
    "csv": _CsvWriter, "jsonl": _JsonLinesWriter, "html": _HtmlWriter,
}


def file_name(label: str, request: ExportRequest, zone: tzinfo) -> str:
    """A file name that says what the export holds."""
    slug = re.sub(r"[^A-Za-z0-9]+", "-", label).strip("-").lower() or "record"
    first = request.start.astimezone(zone).date()
    last = (request.end - timedelta(seconds=1)).astimezone(zone).date()
    return f"samvad-{slug}-{first:%Y%m%d}-{last:%Y%m%d}.{EXTENSIONS[request.fmt]}"
