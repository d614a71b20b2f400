"""Full-text search over the record (SQLite FTS5, or PostgreSQL's own), Gujarati and Hindi included.

Every word of the query must appear, each also as the start of a longer word, so
"રિપોર્ટ" finds "રિપોર્ટની" and "rain" finds "rainfall". Originals and edits are both
searched, and the text read from attachments (a hit on a file's text starts with 📎 and its
name); a hit names the message.

On PostgreSQL the words are a generated tsvector column (`simple` configuration over the same NFC
normalisation and word boundaries as FTS5's: migration postgresql/0004), queried with prefix terms.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from storage.database import Database
from storage.timefmt import from_db

MAX_WORDS = 8
_WORD = re.compile(r"[\w\u0900-\u097f\u0a80-\u0aff]+")


@dataclass(frozen=True)
class Hit:
    """A message that matches a search."""

    chat_id: int
    message_id: int
    sender_id: int | None
    sent_at: datetime
    text: str


def fts_query(words: str) -> str | None:
    """The FTS5 query for what a person typed (None if it has no words).

    Each word becomes a quoted prefix term, so FTS5 syntax in the input is never interpreted.
    """
    found = _WORD.findall(unicodedata.normalize("NFC", words or ""))
    terms = [word.replace("_", " ").strip() for word in found[:MAX_WORDS]]
    terms = [term for term in terms if term]
    if not terms:
        return None
    return " ".join(f'"{term}"*' for term in terms)


def tsquery(words: str) -> str | None:
    """The PostgreSQL tsquery for what a person typed (None if it has no words): every word, as a prefix.

    Each word is a quoted lexeme, so tsquery syntax in the input is never interpreted.
    """
    found = _WORD.findall(unicodedata.normalize("NFC", words or ""))
    terms = [part for word in found[:MAX_WORDS] for part in word.replace("_", " ").split()]
    if not terms:
        return None
    return " & ".join("'" + term.replace("'", "''") + "':*" for term in terms)


_POSTGRESQL_SEARCHES = (
    "SELECT m.chat_id, m.message_id, m.sender_id, m.sent_at, m.text FROM messages m"
    " WHERE m.text_search @@ to_tsquery('simple', ?) {scope} ORDER BY m.id DESC LIMIT ?",
    "SELECT m.chat_id, m.message_id, m.sender_id, m.sent_at, e.text FROM message_edits e"
    " JOIN messages m ON m.id = e.message_row"
    " WHERE e.text_search @@ to_tsquery('simple', ?) {scope} ORDER BY e.id DESC LIMIT ?",
    "SELECT m.chat_id, m.message_id, m.sender_id, m.sent_at, a.file_name, a.text FROM attachments a"
    " JOIN messages m ON m.chat_id = a.chat_id AND m.message_id = a.message_id"
    " WHERE a.text_search @@ to_tsquery('simple', ?) {scope} ORDER BY a.id DESC LIMIT ?",
)


async def search(
    db: Database,
    words: str,
    *,
    chat_ids: frozenset[int] | None,
    only_messages: frozenset[tuple[int, int]] | None = None,
    limit: int = 10,
) -> list[Hit]:
    """Messages matching every word, newest first, in the given groups (None: all groups).

    only_messages narrows to (chat_id, message_id) pairs: a member sees only the
    instructions addressed to them.
    """
    query = tsquery(words) if db.dialect == "postgresql" else fts_query(words)
    if query is None or (chat_ids is not None and not chat_ids):
        return []
    scope, params = _scope(chat_ids)
    if db.dialect == "postgresql":
        originals, edits, attached = [
            await db.fetchall(sql.format(scope=scope), (query, *params, _overfetch(limit, only_messages)))
            for sql in _POSTGRESQL_SEARCHES
        ]
    else:
        originals, edits, attached = await _sqlite_search(db, query, scope, params, _overfetch(limit, only_messages))
    attached_hits = [(*row[:4], f"📎 {row[4] or 'photo'}: {row[5] or ''}") for row in attached]
    hits: dict[tuple[int, int], Hit] = {}
    for row in [*originals, *edits, *attached_hits]:
        key = (row[0], row[1])
        if only_messages is not None and key not in only_messages:
            continue
        hits.setdefault(key, Hit(row[0], row[1], row[2], from_db(row[3]), row[4] or ""))
    return sorted(hits.values(), key=lambda hit: hit.sent_at, reverse=True)[:limit]


async def _sqlite_search(db: Database, query: str, scope: str, params: tuple[int, ...], fetch: int) -> list[list]:
    originals = await db.fetchall(
        "SELECT m.chat_id, m.message_id, m.sender_id, m.sent_at, m.text FROM messages_search s"
        f" JOIN messages m ON m.id = s.rowid WHERE messages_search MATCH ? {scope}"
        " ORDER BY s.rowid DESC LIMIT ?",
        (query, *params, fetch),
    )
    edits = await db.fetchall(
        "SELECT m.chat_id, m.message_id, m.sender_id, m.sent_at, e.text FROM edits_search s"
        " JOIN message_edits e ON e.id = s.rowid JOIN messages m ON m.id = e.message_row"
        f" WHERE edits_search MATCH ? {scope} ORDER BY s.rowid DESC LIMIT ?",
        (query, *params, fetch),
    )
    attached = await db.fetchall(
        "SELECT m.chat_id, m.message_id, m.sender_id, m.sent_at, a.file_name, a.text FROM attachments_search s"
        " JOIN attachments a ON a.id = s.rowid JOIN messages m ON m.chat_id = a.chat_id AND m.message_id = a.message_id"
        f" WHERE attachments_search MATCH ? {scope} ORDER BY s.rowid DESC LIMIT ?",
        (query, *params, fetch),
    )
    return [originals, edits, attached]


# The bot's own replies (/log, /flags output) are in the record, but are not what a person searches for.
_NOT_BY_A_BOT = " AND NOT EXISTS (SELECT 1 FROM users u WHERE u.user_id = m.sender_id AND u.is_bot = 1)"


def _scope(chat_ids: frozenset[int] | None) -> tuple[str, tuple[int, ...]]:
    if chat_ids is None:
        return _NOT_BY_A_BOT, ()
    return f"AND m.chat_id IN ({','.join('?' * len(chat_ids))}){_NOT_BY_A_BOT}", tuple(sorted(chat_ids))


def _overfetch(limit: int, only_messages: frozenset[tuple[int, int]] | None) -> int:
    # A member's hits are filtered after the match; look further so the filter still leaves some.
    return limit if only_messages is None else max(limit * 20, 500)
