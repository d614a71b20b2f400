"""The working copies of journalled facts, checked against the journal they were copied from.

The bot reads messages, edits, instructions and acknowledgements from their own tables
(and finds messages and the text read from attachments through the full-text index) because that is fast; people see what
those tables say in /log, /pending, /search and the exports. Each row names the journal
entry it copies, so verification checks every shown column against that entry's verified
body, and rebuilds the search index's words from the verified texts to compare them.
Everything here runs on a plain read-only sqlite3 connection (only temp tables are made), or on
PostgreSQL's read connection (storage.postgres_database.ReadConnection), whose search words are compared
by _check_search_words instead of the FTS5 index's check.
"""

from __future__ import annotations

import json
import sqlite3
import string
from collections.abc import Callable, Iterator
from typing import Any

Mismatch = tuple[int, str]  # (journal seq, why)

_TOKENIZE = "unicode61 remove_diacritics 2 categories 'L* N* Co M*'"  # as in migration 0004


def first_mismatch(connection: sqlite3.Connection, *, dialect: str = "sqlite") -> Mismatch | None:
    """The lowest journal entry whose working copy differs from it, or None.

    Run it inside one read transaction (the caller's BEGIN): the bot may be writing meanwhile,
    and every comparison must see the same snapshot. dialect "postgresql" checks the search words of
    PostgreSQL's generated columns in place of SQLite's FTS5 index.
    """
    search_check = _check_search_words if dialect == "postgresql" else _check_search_index
    checks = (*_COPY_CHECKS, search_check)
    found = [first for check in checks if (first := min(check(connection), default=None)) is not None]
    return min(found, default=None)


def _rows(connection: sqlite3.Connection, sql: str) -> Iterator[sqlite3.Row]:
    connection.row_factory = sqlite3.Row
    try:
        yield from connection.execute(sql)
    finally:
        connection.row_factory = None


def _differs(row: sqlite3.Row, pairs: dict[str, Any]) -> list[str]:
    return [column for column, expected in pairs.items() if row[column] != expected]


def _body(row: sqlite3.Row) -> dict[str, Any] | None:
    return json.loads(row["body"]) if row["body"] is not None else None


# (messages column, key of the journal body it copies)
_MESSAGE_FIELDS = (
    ("message_id", "message_id"), ("update_id", "update_id"), ("sent_at", "sent_at"), ("kind", "type"),
    ("text", "text"), ("reply_to_message_id", "reply_to_message_id"), ("forwarded_from", "forwarded_from"),
)


def _check_messages(connection: sqlite3.Connection) -> Iterator[Mismatch]:
    for row in _rows(
        connection,
        "SELECT m.*, j.kind AS entry_kind, j.chat_id AS entry_chat, j.actor_id AS entry_actor, b.body"
        " FROM messages m LEFT JOIN journal j ON j.seq = m.journal_seq"
        " LEFT JOIN journal_bodies b ON b.seq = m.journal_seq"
        # SQLite finds the rows that differ (millions of messages); Python then says which columns.
        " WHERE j.kind IS NOT 'message' OR m.chat_id IS NOT j.chat_id OR m.sender_id IS NOT j.actor_id"
        " OR (b.body IS NULL AND m.text IS NOT NULL) OR (b.body IS NOT NULL AND ("
        + " OR ".join(f"m.{column} IS NOT json_extract(b.body, '$.{key}')" for column, key in _MESSAGE_FIELDS)
        + "))",
    ):
        seq = row["journal_seq"]
        if row["entry_kind"] != "message":
            yield seq, f"the messages table holds message {row['message_id']} under an entry that records no message"
            continue
        body = _body(row)
        expected = {"chat_id": row["entry_chat"], "sender_id": row["entry_actor"]}
        if body is None:
            expected["text"] = None  # erased by lawful order: the copy was blanked with it
        else:
            expected.update({column: body.get(key) for column, key in _MESSAGE_FIELDS})
        if wrong := _differs(row, expected):
            yield seq, f"the messages table's copy of this message was altered ({', '.join(wrong)})"
    yield from _missing(connection, "message", "messages", "the message")


def _check_edits(connection: sqlite3.Connection) -> Iterator[Mismatch]:
    for row in _rows(
        connection,
        "SELECT e.*, m.message_id AS of_message, m.chat_id AS of_chat, j.kind AS entry_kind, j.chat_id AS entry_chat,"
        " b.body FROM message_edits e LEFT JOIN messages m ON m.id = e.message_row"
        " LEFT JOIN journal j ON j.seq = e.journal_seq LEFT JOIN journal_bodies b ON b.seq = e.journal_seq"
        " WHERE j.kind IS NOT 'edit' OR m.chat_id IS NOT j.chat_id OR (b.body IS NULL AND e.text IS NOT NULL)"
        " OR (b.body IS NOT NULL AND (m.message_id IS NOT json_extract(b.body, '$.message_id')"
        " OR e.update_id IS NOT json_extract(b.body, '$.update_id')"
        " OR e.edited_at IS NOT json_extract(b.body, '$.edited_at')"
        " OR e.text IS NOT json_extract(b.body, '$.text')))",
    ):
        seq = row["journal_seq"]
        if row["entry_kind"] != "edit":
            yield seq, "the message_edits table holds an edit under an entry that records no edit"
            continue
        body = _body(row)
        expected = {"of_chat": row["entry_chat"]}
        if body is None:
            expected["text"] = None
        else:
            expected.update(
                of_message=body.get("message_id"), update_id=body.get("update_id"), edited_at=body.get("edited_at"),
                text=body.get("text"),
            )
        if wrong := _differs(row, expected):
            yield seq, f"the message_edits table's copy of this edit was altered ({', '.join(wrong)})"
    yield from _missing(connection, "edit", "message_edits", "the edit")


def _check_instructions(connection: sqlite3.Connection) -> Iterator[Mismatch]:
    addressees: dict[int, tuple[set[str], set[int]]] = {}
    for instruction_id, post_id, user_id in connection.execute(
        "SELECT instruction_id, post_id, user_id FROM instruction_addressees"
    ):
        posts, users = addressees.setdefault(instruction_id, (set(), set()))
        posts.add(post_id) if post_id is not None else users.add(user_id)
    for row in _rows(
        connection,
        "SELECT i.*, j.kind AS entry_kind, j.chat_id AS entry_chat, j.actor_id AS entry_actor,"
        " j.recorded_at AS entry_at, b.body FROM instructions i LEFT JOIN journal j ON j.seq = i.journal_seq"
        " LEFT JOIN journal_bodies b ON b.seq = i.journal_seq",
    ):
        seq, body = row["journal_seq"], _body(row)
        if row["entry_kind"] != "instruction" or body is None:
            yield seq, "the instructions table holds an instruction under an entry that records none"
            continue
        wrong = _differs(row, {
            "chat_id": row["entry_chat"], "author_id": row["entry_actor"], "created_at": row["entry_at"],
            "message_id": body.get("message_id"), "kind": body.get("kind"), "due_at": body.get("due_at"),
            "due_text": body.get("due_text"), "whole_group": int(bool(body.get("whole_group"))),
            "incident_id": body.get("incident_id"),
        })
        if addressees.get(row["id"], (set(), set())) != (set(body.get("posts") or ()), set(body.get("users") or ())):
            wrong.append("addressees")
        if wrong:
            yield seq, f"the instructions table's copy of this instruction was altered ({', '.join(wrong)})"
    yield from _missing(connection, "instruction", "instructions", "the instruction")


def _check_acknowledgements(connection: sqlite3.Connection) -> Iterator[Mismatch]:
    for row in _rows(
        connection,
        "SELECT a.*, j.kind AS entry_kind, j.actor_id AS entry_actor, j.recorded_at AS entry_at, b.body"
        " FROM acknowledgements a LEFT JOIN journal j ON j.seq = a.journal_seq"
        " LEFT JOIN journal_bodies b ON b.seq = a.journal_seq",
    ):
        seq, body = row["journal_seq"], _body(row)
        if row["entry_kind"] != "acknowledgement" or body is None:
            yield seq, "the acknowledgements table holds an acknowledgement under an entry that records none"
            continue
        wrong = _differs(row, {
            "user_id": row["entry_actor"], "acknowledged_at": row["entry_at"],
            "instruction_id": body.get("instruction_id"),
            "how": body.get("how"), "message_id": body.get("message_id"),
        })
        if row["post_id"] not in (body.get("posts") or ()):
            wrong.append("post_id")
        if wrong:
            yield seq, f"the acknowledgements table's copy of this acknowledgement was altered ({', '.join(wrong)})"
    yield from _missing(connection, "acknowledgement", "acknowledgements", "the acknowledgement", one_row_each=False)


def _check_attachments(connection: sqlite3.Connection) -> Iterator[Mismatch]:
    """The text read from a file (shown by /search) and what is said of the file, against its entry."""
    for row in _rows(
        connection,
        "SELECT a.*, j.kind AS entry_kind, j.chat_id AS entry_chat, b.body FROM attachments a"
        " LEFT JOIN journal j ON j.seq = a.journal_seq LEFT JOIN journal_bodies b ON b.seq = a.journal_seq"
        " WHERE a.journal_seq IS NOT NULL",  # a file not yet read has no entry (and no text) yet
    ):
        seq, body = row["journal_seq"], _body(row)
        if row["entry_kind"] != "attachment":
            yield seq, "the attachments table holds a file under an entry that records no attachment"
            continue
        expected: dict[str, Any] = {"chat_id": row["entry_chat"]}
        if body is None:
            expected["text"] = None  # erased by lawful order: the copy was blanked with it
        else:
            expected.update(
                message_id=body.get("message_id"), file_name=body.get("file_name"), sha256=body.get("sha256") or None,
                status=body.get("status"), text=body.get("text") or None,
            )
        if wrong := _differs(row, expected):
            yield seq, f"the attachments table's copy of this file's record was altered ({', '.join(wrong)})"
    yield from _missing(connection, "attachment", "attachments", "the file", one_row_each=False)


def _missing(
    connection: sqlite3.Connection, kind: str, table: str, what: str, *, one_row_each: bool = True
) -> Iterator[Mismatch]:
    """Entries whose copy was deleted from the table (so the commands would not show them)."""
    if one_row_each:
        # Every row was matched above to an entry of this kind, and a unique key keeps two rows from one
        # entry, so equal counts mean nothing is missing: the slow comparison runs only when they differ.
        rows = connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        entries = connection.execute("SELECT count(*) FROM journal WHERE kind = ?", (kind,)).fetchone()[0]
        if rows == entries:
            return
    # EXCEPT sorts both sides once; a NOT EXISTS per entry would scan the unindexed column each time.
    row = connection.execute(
        f"SELECT min(seq) FROM (SELECT seq FROM journal WHERE kind = ? EXCEPT SELECT journal_seq FROM {table}) AS gone",
        (kind,),
    ).fetchone()
    if row[0] is not None:
        yield row[0], f"{what} this entry records is missing from the {table} table (deleted)"


def _check_search_index(connection: sqlite3.Connection) -> Iterator[Mismatch]:
    """The words the index holds, against the words of the (verified) texts it indexes."""
    for index, table in (
        ("messages_search", "messages"), ("edits_search", "message_edits"), ("attachments_search", "attachments"),
    ):
        rebuilt = f"rebuilt_{index}"
        # One statement at a time (executescript would end the caller's read transaction, its snapshot).
        for statement in (
            f"DROP TABLE IF EXISTS temp.{rebuilt}", f"DROP TABLE IF EXISTS temp.{rebuilt}_words",
            f"DROP TABLE IF EXISTS temp.{index}_words",
            f"CREATE VIRTUAL TABLE temp.{rebuilt} USING fts5 (text, content = '', tokenize = \"{_TOKENIZE}\")",
            f"INSERT INTO temp.{rebuilt} (rowid, text) SELECT id, text FROM main.{table} WHERE text IS NOT NULL",
            f"CREATE VIRTUAL TABLE temp.{rebuilt}_words USING fts5vocab (temp, {rebuilt}, 'instance')",
            f"CREATE VIRTUAL TABLE temp.{index}_words USING fts5vocab (main, {index}, 'instance')",
        ):
            connection.execute(statement)
        try:
            row = (None,)
            if not _same_words(connection, f"temp.{index}_words", f"temp.{rebuilt}_words"):
                row = connection.execute(  # only on a mismatch: which document, exactly
                    f"SELECT min(doc) FROM (SELECT doc FROM (SELECT term, doc, offset FROM temp.{index}_words"
                    f" EXCEPT SELECT term, doc, offset FROM temp.{rebuilt}_words)"
                    f" UNION ALL SELECT doc FROM (SELECT term, doc, offset FROM temp.{rebuilt}_words"
                    f" EXCEPT SELECT term, doc, offset FROM temp.{index}_words))"
                ).fetchone()
        finally:
            for name in (f"{index}_words", f"{rebuilt}_words", rebuilt):
                connection.execute(f"DROP TABLE temp.{name}")
        if row[0] is not None:
            seq = connection.execute(f"SELECT journal_seq FROM {table} WHERE id = ?", (row[0],)).fetchone()
            yield (seq[0] if seq else 0), f"the search index ({index}) does not hold this entry's words (altered)"


# The words PostgreSQL's search finds a text by, as migration postgresql/0004 defines samvad_search_words: written
# out here rather than called, so that a replaced function cannot vouch for the words it made itself.
_POSTGRESQL_WORDS = "to_tsvector('simple', translate(normalize(coalesce(text, ''), NFC), ?, ?))"


def _check_search_words(connection: sqlite3.Connection) -> Iterator[Mismatch]:
    """On PostgreSQL: the stored search words (a generated tsvector column) against the words of the verified text.

    The server computes the column when a row is written; it can still be rewritten by hand (its expression
    dropped, then updated), and a row so written would be found by /search for words it does not hold,
    or missed for words it does.
    """
    for index, table in (
        ("messages_search", "messages"), ("edits_search", "message_edits"), ("attachments_search", "attachments"),
    ):
        row = connection.execute(
            f"SELECT min(coalesce(journal_seq, 0)) FROM {table}"  # noqa: S608 - names from the tuple above
            f" WHERE text_search IS DISTINCT FROM {_POSTGRESQL_WORDS}",
            (string.punctuation, " " * len(string.punctuation)),  # ASCII punctuation to spaces
        ).fetchone()
        if row[0] is not None:
            yield row[0], f"the search index ({index}) does not hold this entry's words (altered)"


def _same_words(connection: sqlite3.Connection, stored: str, rebuilt: str) -> bool:
    """Whether two fts5vocab instance tables list the same words; both come in (term, doc, offset) order."""
    left = connection.cursor().execute(f"SELECT term, doc, offset FROM {stored}")
    right = connection.cursor().execute(f"SELECT term, doc, offset FROM {rebuilt}")
    while True:
        a, b = left.fetchmany(5000), right.fetchmany(5000)
        if a != b:
            return False
        if not a:
            return True


_COPY_CHECKS: tuple[Callable[[sqlite3.Connection], Iterator[Mismatch]], ...] = (
    _check_messages, _check_edits, _check_instructions, _check_acknowledgements, _check_attachments,
)
