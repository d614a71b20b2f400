"""Flags: group messages the content filter labelled and the group's policy acted on.

A flag keeps labels, reason codes and character spans, never the text (the message log
and the journal already hold it). It is open until an admin post reviews it (confirmed,
or a false alarm) or an edit removes what was flagged (withdrawn). Every change is
journalled: "flag" when raised, "review" when decided, "flag_closed" when withdrawn,
"escalation" when a member's confirmed flags are sent to the admins.

A flag has the tier of the filter's verdict on it (FlagTier, stored as nlp.Tier's value; the domain
converts): at ACT the group's policy acted
(warn, delete, notify); at REVIEW it is a doubtful case that went quietly to the admin posts,
with nothing said or removed in the group.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from storage import journal
from storage.database import Database, Transaction, Unit
from storage.roster import Reader
from storage.timefmt import from_db, to_db


class FlagTier(StrEnum):
    """How sure the filter was of a flag's labels (the values of nlp.Tier, which storage does not import)."""

    ACT = "act"  # the group's policy acted (warn, delete, notify)
    REVIEW = "review"  # a doubtful case: nothing in the group, the admins review it quietly


class FlagState(StrEnum):
    """Where a flag stands: open until reviewed or withdrawn by an edit."""

    OPEN = "open"
    CONFIRMED = "confirmed"
    FALSE_ALARM = "false_alarm"
    WITHDRAWN = "withdrawn"


class WarningState(StrEnum):
    """What became of the member's warning about a flag."""

    SENT = "sent"
    HELD = "held"  # waits for the combined warning at the end of the interval
    DROPPED = "dropped"  # never given: a doubtful case, or the flag was closed first


DECISIONS = (FlagState.CONFIRMED, FlagState.FALSE_ALARM)


@dataclass(frozen=True)
class Finding:
    """One reason for one label, by its span in the flagged text."""

    label: str
    reason_code: str
    start: int
    end: int

    def to_dict(self) -> dict[str, object]:
        """The JSON form kept in the flag and the journal."""
        return {"label": self.label, "reason_code": self.reason_code, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Flag:
    """One flag as stored."""

    flag_id: int
    chat_id: int
    message_id: int
    update_id: int
    version_seq: int | None
    member_id: int
    source: str
    labels: tuple[str, ...]
    verdict_labels: tuple[str, ...]
    findings: tuple[Finding, ...]
    language: str
    actions: tuple[str, ...]
    deleted: bool
    by_admin: bool
    warning: WarningState
    flagged_at: datetime
    state: FlagState
    decided_by: int | None
    decided_at: datetime | None
    tier: FlagTier = FlagTier.ACT
    also_doubtful: tuple[str, ...] = ()  # on an acted flag: labels given only as doubtful, for the admins

    @property
    def doubtful(self) -> bool:
        """A doubtful case (FlagTier.REVIEW): nothing was done in the group, only the admins were told."""
        return self.tier is FlagTier.REVIEW

    @property
    def is_open(self) -> bool:
        """Still waiting for a review."""
        return self.state is FlagState.OPEN

    def reason_codes(self, label: str) -> list[str]:
        """The distinct reason codes for one label, in the order found."""
        return list(dict.fromkeys(f.reason_code for f in self.findings if f.label == label))


def _flag(row) -> Flag:
    return Flag(
        flag_id=row["id"],
        chat_id=row["chat_id"],
        message_id=row["message_id"],
        update_id=row["update_id"],
        version_seq=row["version_seq"],
        member_id=row["member_id"],
        source=row["source"],
        labels=tuple(json.loads(row["labels"])),
        verdict_labels=tuple(json.loads(row["verdict_labels"])),
        findings=tuple(Finding(**item) for item in json.loads(row["findings"])),
        language=row["language"],
        actions=tuple(json.loads(row["actions"])),
        deleted=bool(row["deleted"]),
        by_admin=bool(row["by_admin"]),
        warning=WarningState(row["warning"]),
        flagged_at=from_db(row["flagged_at"]),
        state=FlagState(row["state"]),
        decided_by=row["decided_by"],
        decided_at=from_db(row["decided_at"]) if row["decided_at"] else None,
        tier=FlagTier(row["tier"]),
        also_doubtful=tuple(json.loads(row["also_doubtful"])),
    )


@dataclass(frozen=True)
class NewFlag:
    """What a flag records when it is raised."""

    chat_id: int
    message_id: int
    update_id: int
    member_id: int
    source: str  # message or edit
    findings: tuple[Finding, ...]
    verdict_labels: tuple[str, ...]
    language: str
    actions: tuple[str, ...]
    deleted: bool
    by_admin: bool
    held: bool  # the member was warned less than an interval ago: the warning waits
    tier: FlagTier = FlagTier.ACT  # REVIEW: a doubtful case, no warning at all (stored as 'dropped')
    also_doubtful: tuple[str, ...] = ()  # at ACT: labels also given, as doubtful (never named to the member)
    version_seq: int | None = None  # the journal entry of the text flagged, when not the message's (an attachment's)

    @property
    def labels(self) -> tuple[str, ...]:
        """The labels acted on, sorted."""
        return tuple(sorted({finding.label for finding in self.findings}))


async def create(tx: Transaction, new: NewFlag, *, at: datetime) -> Flag | None:
    """Record and journal a flag; None if this update already raised one for the message (a replay)."""
    return await tx.run(lambda unit: create_in(unit, new, at=at))


def create_in(unit: Unit, new: NewFlag, *, at: datetime) -> Flag | None:
    """create as part of a unit of work."""
    if raised_by_update_in(unit, new.chat_id, new.message_id, new.update_id) is not None:
        return None
    findings = [finding.to_dict() for finding in new.findings]
    entry = journal.append_in(
        unit, kind="flag", chat_id=new.chat_id, actor_id=new.member_id, at=at,
        body={"message_id": new.message_id, "source": new.source, "labels": list(new.labels),
              "findings": findings, "language": new.language, "actions": list(new.actions),
              "deleted": new.deleted, "by_admin": new.by_admin, "tier": new.tier.value,
              **({"also_doubtful": sorted(new.also_doubtful)} if new.also_doubtful else {})},
    )
    # The flag's row comes back from its INSERT, with the version flagged found inside it when not given: one statement
    # where it was three (each a round trip on PostgreSQL).
    version, version_params = _version_flagged(new)
    row = unit.fetchone(
        "INSERT INTO flags (chat_id, message_id, update_id, version_seq, member_id, source, labels, verdict_labels,"
        " findings, language, actions, deleted, by_admin, warning, flagged_at, journal_seq, tier, also_doubtful)"
        f" VALUES (?, ?, ?, coalesce(?, {version}), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *",
        (new.chat_id, new.message_id, new.update_id, new.version_seq,
         *version_params,
         new.member_id, new.source, json.dumps(list(new.labels)), json.dumps(sorted(new.verdict_labels)),
         json.dumps(findings), new.language, json.dumps(list(new.actions)), int(new.deleted), int(new.by_admin),
         _warning_state(new), to_db(at), entry.seq, new.tier.value, json.dumps(sorted(new.also_doubtful))),
    )
    assert row is not None  # an INSERT ... RETURNING of one row
    return _flag(row)


def _warning_state(new: NewFlag) -> WarningState:
    if new.tier is FlagTier.REVIEW:
        return WarningState.DROPPED
    return WarningState.HELD if new.held else WarningState.SENT


def _version_flagged(new: NewFlag) -> tuple[str, tuple[int, ...]]:
    """The journal entry of the text version flagged, as a subquery of the flag's INSERT, with its parameters: the
    message itself (a flag of a message), or the edit this update brought (of an edit)."""
    if new.source == "message":
        return "(SELECT journal_seq FROM messages WHERE chat_id = ? AND message_id = ?)", (new.chat_id, new.message_id)
    return ("(SELECT e.journal_seq FROM message_edits e JOIN messages m ON m.id = e.message_row"
            " WHERE m.chat_id = ? AND m.message_id = ? AND e.update_id = ? ORDER BY e.id DESC LIMIT 1)",
            (new.chat_id, new.message_id, new.update_id))


async def get(db: Reader, flag_id: int) -> Flag | None:
    """One flag by id."""
    row = await db.fetchone("SELECT * FROM flags WHERE id = ?", (flag_id,))
    return _flag(row) if row else None


async def raised_by_update(db: Reader, chat_id: int, message_id: int, update_id: int) -> Flag | None:
    """The flag an update raised for a message, if any."""
    row = await db.fetchone(_RAISED_BY_UPDATE, (chat_id, message_id, update_id))
    return _flag(row) if row else None


def raised_by_update_in(unit: Unit, chat_id: int, message_id: int, update_id: int) -> Flag | None:
    """raised_by_update as part of a unit of work."""
    row = unit.fetchone(_RAISED_BY_UPDATE, (chat_id, message_id, update_id))
    return _flag(row) if row else None


_RAISED_BY_UPDATE = "SELECT * FROM flags WHERE chat_id = ? AND message_id = ? AND update_id = ?"


async def of_message(db: Reader, chat_id: int, message_id: int) -> list[Flag]:
    """Every flag raised for a message, oldest first."""
    rows = await db.fetchall(
        "SELECT * FROM flags WHERE chat_id = ? AND message_id = ? ORDER BY id", (chat_id, message_id)
    )
    return [_flag(row) for row in rows]


async def withdraw(tx: Transaction, flag_id: int, *, by: int, at: datetime) -> Flag | None:
    """An edit removed what was flagged: close the open flag (journalled); None if it was not open."""
    changed = await tx.execute_counting(
        "UPDATE flags SET state = 'withdrawn', decided_by = ?, decided_at = ?,"
        " warning = CASE warning WHEN 'held' THEN 'dropped' ELSE warning END WHERE id = ? AND state = 'open'",
        (by, to_db(at), flag_id),
    )
    if not changed:
        return None
    flag = await get(tx, flag_id)
    assert flag is not None  # the update above found it
    await journal.append(
        tx, kind="flag_closed", chat_id=flag.chat_id, actor_id=by, at=at,
        body={"flag_id": flag_id, "message_id": flag.message_id, "why": "edited", "labels": list(flag.labels)},
    )
    return flag


async def decide(
    tx: Transaction, flag_id: int, *, decision: FlagState, by: int, at: datetime, restored: bool = False
) -> Flag | None:
    """An admin's review of an open flag (journalled); None if it was already closed."""
    if decision not in DECISIONS:
        raise ValueError(f"unknown decision {decision!r}")
    changed = await tx.execute_counting(
        "UPDATE flags SET state = ?, decided_by = ?, decided_at = ? WHERE id = ? AND state = 'open'",
        (decision, by, to_db(at), flag_id),
    )
    if not changed:
        return None
    flag = await get(tx, flag_id)
    assert flag is not None  # the update above found it
    await journal.append(
        tx, kind="review", chat_id=flag.chat_id, actor_id=by, at=at,
        body={"flag_id": flag_id, "message_id": flag.message_id, "decision": decision, "labels": list(flag.labels),
              "member_id": flag.member_id, "restored": restored, "tier": flag.tier.value},
    )
    return flag


# -- one warning per member per interval ----------------------------------------------------


async def last_warned_at(db: Reader, chat_id: int, member_id: int) -> datetime | None:
    """When the member was last warned in the group."""
    row = await db.fetchone(_LAST_WARNED_AT, (chat_id, member_id))
    return from_db(row[0]) if row else None


def last_warned_at_in(unit: Unit, chat_id: int, member_id: int) -> datetime | None:
    """last_warned_at as part of a unit of work."""
    row = unit.fetchone(_LAST_WARNED_AT, (chat_id, member_id))
    return from_db(row[0]) if row else None


_LAST_WARNED_AT = "SELECT last_warned_at FROM member_warnings WHERE chat_id = ? AND member_id = ?"


async def note_warning(tx: Transaction, chat_id: int, member_id: int, *, at: datetime) -> None:
    """The member is warned now."""
    await tx.run(lambda unit: note_warning_in(unit, chat_id, member_id, at=at))


def note_warning_in(unit: Unit, chat_id: int, member_id: int, *, at: datetime) -> None:
    """note_warning as part of a unit of work (nothing read back: on PostgreSQL it goes with the unit's next
    statement)."""
    unit.execute_soon(
        "INSERT INTO member_warnings (chat_id, member_id, last_warned_at) VALUES (?, ?, ?)"
        " ON CONFLICT (chat_id, member_id) DO UPDATE SET last_warned_at = excluded.last_warned_at",
        (chat_id, member_id, to_db(at)),
    )


async def take_held(tx: Transaction, chat_id: int, member_id: int) -> list[Flag]:
    """The flags whose warning waits for the combined warning, now marked as warned.

    A flag closed meanwhile (an edit removed the content, or an admin found no violation) is
    dropped from the warning.
    """
    rows = await tx.fetchall(
        "SELECT * FROM flags WHERE chat_id = ? AND member_id = ? AND warning = 'held' ORDER BY id",
        (chat_id, member_id),
    )
    held = [_flag(row) for row in rows]
    for flag in held:
        warned = flag.state in (FlagState.OPEN, FlagState.CONFIRMED)
        await tx.execute("UPDATE flags SET warning = ? WHERE id = ?", (WarningState.SENT if warned else WarningState.DROPPED, flag.flag_id))
    return [flag for flag in held if flag.state in (FlagState.OPEN, FlagState.CONFIRMED)]


# -- the admins' notifications ---------------------------------------------------------------


async def add_notice(tx: Transaction, flag_id: int, outbox_id: int) -> None:
    """Remember an owed notification about a flag, to edit it once decided."""
    await tx.run(lambda unit: add_notice_in(unit, flag_id, outbox_id))


def add_notice_in(unit: Unit, flag_id: int, outbox_id: int) -> None:
    """add_notice as part of a unit of work."""
    unit.execute_soon("INSERT OR IGNORE INTO flag_notices (flag_id, outbox_id) VALUES (?, ?)", (flag_id, outbox_id))


async def notices(db: Reader, flag_id: int) -> list[int]:
    """The outbox ids of the notifications about a flag."""
    rows = await db.fetchall("SELECT outbox_id FROM flag_notices WHERE flag_id = ? ORDER BY outbox_id", (flag_id,))
    return [row[0] for row in rows]


# -- listings, escalation, false alarms ---------------------------------------------------------


async def open_in(db: Reader, chat_id: int, *, limit: int) -> list[Flag]:
    """A group's open flags, newest first."""
    rows = await db.fetchall(
        "SELECT * FROM flags WHERE chat_id = ? AND state = 'open' ORDER BY id DESC LIMIT ?", (chat_id, limit)
    )
    return [_flag(row) for row in rows]


async def closed_in(db: Reader, chat_id: int, *, since: datetime, limit: int) -> list[Flag]:
    """A group's flags closed since a time, newest first."""
    rows = await db.fetchall(
        "SELECT * FROM flags WHERE chat_id = ? AND state != 'open' AND decided_at >= ?"
        " ORDER BY decided_at DESC, id DESC LIMIT ?",
        (chat_id, to_db(since), limit),
    )
    return [_flag(row) for row in rows]


async def history(db: Reader, chat_id: int, member_id: int, *, since: datetime) -> list[Flag]:
    """A member's flags in a group since a time, oldest first."""
    rows = await db.fetchall(
        "SELECT * FROM flags WHERE chat_id = ? AND member_id = ? AND flagged_at >= ? ORDER BY id",
        (chat_id, member_id, to_db(since)),
    )
    return [_flag(row) for row in rows]


async def last_escalation(db: Reader, chat_id: int, member_id: int) -> datetime | None:
    """When the member's confirmed flags in the group were last sent to its admins."""
    row = await db.fetchone(
        "SELECT max(escalated_at) FROM escalations WHERE chat_id = ? AND member_id = ?", (chat_id, member_id)
    )
    return from_db(row[0]) if row and row[0] else None


async def confirmed_towards_escalation(
    db: Reader, chat_id: int, member_id: int, *, since: datetime, after: datetime | None
) -> list[Flag]:
    """Confirmed flags raised since a time (and confirmed after the last escalation) that count against a member.

    Flags on messages of the group's admin posts never count.
    """
    rows = await db.fetchall(
        "SELECT * FROM flags WHERE chat_id = ? AND member_id = ? AND state = 'confirmed' AND by_admin = 0"
        " AND flagged_at >= ? AND decided_at > ? ORDER BY id",
        (chat_id, member_id, to_db(since), to_db(after) if after else ""),
    )
    return [_flag(row) for row in rows]


async def record_escalation(
    tx: Transaction, chat_id: int, member_id: int, counted: Sequence[Flag], *, window_days: int, at: datetime
) -> None:
    """Journal that a member's confirmed flags were sent to the group's admin posts."""
    entry = await journal.append(
        tx, kind="escalation", chat_id=chat_id, actor_id=None, at=at,
        body={"member_id": member_id, "flag_ids": [flag.flag_id for flag in counted], "count": len(counted),
              "window_days": window_days},
    )
    await tx.execute(
        "INSERT INTO escalations (chat_id, member_id, flag_count, escalated_at, journal_seq) VALUES (?, ?, ?, ?, ?)",
        (chat_id, member_id, len(counted), to_db(at), entry.seq),
    )


async def flagged_text(db: Reader, flag: Flag) -> str | None:
    """The text of the version flagged, as the record keeps it (None if erased by lawful order)."""
    if flag.version_seq is None:
        return None
    row = await db.fetchone(_FLAGGED_TEXT, _flagged_text_args(flag))
    return row[0] if row else None


def flagged_text_in(unit: Unit, flag: Flag) -> str | None:
    """flagged_text as part of a unit of work."""
    if flag.version_seq is None:
        return None
    row = unit.fetchone(_FLAGGED_TEXT, _flagged_text_args(flag))
    return row[0] if row else None


# The version is found through the flagged message's key (messages and message_edits have no index on journal_seq:
# by the seq alone each read scanned every stored message, 0.7 ms at 3,900 on PostgreSQL, growing with the record).
_FLAGGED_TEXT = (
    "SELECT text FROM messages WHERE chat_id = ? AND message_id = ? AND journal_seq = ?"
    " UNION ALL SELECT e.text FROM messages m JOIN message_edits e ON e.message_row = m.id"
    " WHERE m.chat_id = ? AND m.message_id = ? AND e.journal_seq = ?"
    " UNION ALL SELECT CASE WHEN b.seq IS NULL THEN NULL ELSE coalesce(a.text, '') END FROM attachments a"
    " LEFT JOIN journal_bodies b ON b.seq = a.journal_seq WHERE a.journal_seq = ?"
)


def _flagged_text_args(flag: Flag) -> tuple[int | None, ...]:
    key = (flag.chat_id, flag.message_id, flag.version_seq)
    return (*key, *key, flag.version_seq)


async def false_alarms(db: Database, *, since: datetime | None = None) -> list[Flag]:
    """Flags an admin post closed as false alarms (decided since a time), oldest first."""
    rows = await db.fetchall(
        "SELECT * FROM flags WHERE state = 'false_alarm' AND decided_at >= ? ORDER BY decided_at, id",
        (to_db(since) if since else "",),
    )
    return [_flag(row) for row in rows]
