"""Storage's SQL, written for SQLite, as PostgreSQL runs it: translated once per statement and cached.

The storage modules write one SQL for both backends, with `?` placeholders and SQLite's spellings; the
few places where the dialects differ are rewritten here rather than in every module:

- `?` placeholders (outside quoted text) become `%s`, and every literal `%` becomes `%%`;
- `INSERT OR IGNORE INTO t ...` becomes `INSERT INTO t ... ON CONFLICT DO NOTHING`;
- an INSERT into a table with an integer key returns it (`RETURNING id`), for SQLite's lastrowid;
- SQLite's null-safe `a IS b` / `a IS NOT b` become `IS NOT DISTINCT FROM` / `IS DISTINCT FROM`;
- SQLite's scalar `max(a, b)` / `min(a, b)` become `GREATEST(a, b)` / `LEAST(a, b)`;
- `x GLOB 'pattern'` on a literal pattern becomes a regular-expression match;
- `json_extract(x, '$.key')` becomes the key's text (`x::jsonb ->> 'key'`), compared as text, or as a
  number where the statement casts it (`CAST(json_extract(...) AS INTEGER)`).

What cannot be rewritten this way (SQLite's FTS5 MATCH, PRAGMA) is asked of the backend by name in
the module that needs it (`db.dialect`).
"""

from __future__ import annotations

import re
import zlib
from functools import lru_cache

SQLITE = "sqlite"
POSTGRESQL = "postgresql"

_INSERT = re.compile(r"^\s*INSERT\s+(OR\s+IGNORE\s+)?INTO\s+([A-Za-z_][A-Za-z0-9_]*)", re.IGNORECASE)
_IS_NOT = re.compile(r"\bIS\s+NOT\s+(?!NULL\b|DISTINCT\b|TRUE\b|FALSE\b)", re.IGNORECASE)
_IS = re.compile(r"\bIS\s+(?!NOT\b|NULL\b|DISTINCT\b|TRUE\b|FALSE\b)", re.IGNORECASE)
_JSON_EXTRACT = re.compile(r"json_extract\(\s*([A-Za-z_][A-Za-z0-9_.]*)\s*,\s*'\$\.([A-Za-z0-9_]+)'\s*\)")
_GLOB = re.compile(r"(NOT\s+)?GLOB\s+'([^']*)'", re.IGNORECASE)
RETURNING = re.compile(r"\bRETURNING\b", re.IGNORECASE)
_ON_CONFLICT = re.compile(r"\bON\s+CONFLICT\b", re.IGNORECASE)


def lock_key(name: str) -> int:
    """A stable 64-bit PostgreSQL advisory lock key for a name (Unit.lock's, and the journal's append)."""
    return zlib.crc32(name.encode()) | (0x5341 << 32)


def glob_to_regex(pattern: str) -> str:
    """SQLite's GLOB pattern (*, ?, [...]) as an anchored POSIX regular expression."""
    out, i = ["^"], 0
    while i < len(pattern):
        char = pattern[i]
        if char == "*":
            out.append(".*")
        elif char == "?":
            out.append(".")
        elif char == "[":
            end = pattern.find("]", i + 1)
            if end == -1:
                out.append(r"\[")
            else:
                body = pattern[i + 1 : end]
                out.append("[" + ("^" + body[1:] if body.startswith("^") else body) + "]")
                i = end
        else:
            out.append(re.escape(char))
        i += 1
    return "".join(out) + "$"


def _split_quoted(sql: str) -> list[tuple[bool, str]]:
    """The statement as pieces (quoted, text): quoted pieces ('...' or "...") are left as they are."""
    pieces: list[tuple[bool, str]] = []
    i, start = 0, 0
    while i < len(sql):
        char = sql[i]
        if char in "'\"":
            end = i + 1
            while True:
                end = sql.find(char, end)
                if end == -1:
                    end = len(sql)
                    break
                if end + 1 < len(sql) and sql[end + 1] == char:  # a doubled quote inside
                    end += 2
                    continue
                break
            if start < i:
                pieces.append((False, sql[start:i]))
            pieces.append((True, sql[i : end + 1]))
            i = start = end + 1
            continue
        i += 1
    if start < len(sql):
        pieces.append((False, sql[start:]))
    return pieces


_MIN_MAX = re.compile(r"\b(max|min)\(", re.IGNORECASE)


def _scalar_min_max(sql: str) -> str:
    """max(a, b) -> GREATEST(a, b), min(a, b) -> LEAST(a, b); the one-argument aggregates stay."""
    out, position = [], 0
    for match in _MIN_MAX.finditer(sql):
        if match.start() < position:
            continue
        depth, i, top_comma, quote = 1, match.end(), False, ""
        while i < len(sql) and depth:
            char = sql[i]
            if quote:
                quote = "" if char == quote else quote
            elif char in "'\"":
                quote = char
            elif char == "(":
                depth += 1
            elif char == ")":
                depth -= 1
            elif char == "," and depth == 1:
                top_comma = True
            i += 1
        if top_comma:
            name = "GREATEST(" if match.group(1).lower() == "max" else "LEAST("
            out.append(sql[position : match.start()] + name)
            position = match.end()
    out.append(sql[position:])
    return "".join(out)


@lru_cache(maxsize=4096)
def to_postgresql(sql: str, returning: str | None = None) -> str:
    """The statement for PostgreSQL; `returning` names the column an INSERT hands back (lastrowid)."""
    sql = sql.strip().rstrip(";")
    sql = _scalar_min_max(sql)
    # A column compared null-safely with a JSON value is compared as its text (123 and '123' alike).
    sql = re.sub(r"([A-Za-z_][A-Za-z0-9_.]*) IS NOT json_extract\(", r"CAST(\1 AS TEXT) IS NOT json_extract(", sql)
    sql = _JSON_EXTRACT.sub(lambda m: f"({m.group(1)}::jsonb ->> '{m.group(2)}')", sql)
    sql = re.sub(r"CAST\(\((\w[\w.]*::jsonb ->> '\w+')\) AS INTEGER\)", r"CAST((\1) AS BIGINT)", sql)
    sql = _GLOB.sub(
        lambda m: ("!~ " if m.group(1) else "~ ") + "'" + glob_to_regex(m.group(2)).replace("'", "''") + "'", sql
    )
    pieces = []
    for quoted, text in _split_quoted(sql):
        text = text.replace("%", "%%")  # psycopg reads % everywhere once parameters are passed
        if not quoted:
            text = text.replace("?", "%s")
            text = _IS_NOT.sub("IS DISTINCT FROM ", text)
            text = _IS.sub("IS NOT DISTINCT FROM ", text)
        pieces.append(text)
    sql = "".join(pieces)
    insert = _INSERT.match(sql)
    if insert:
        if insert.group(1):
            sql = sql[: insert.start(1)] + sql[insert.end(1) :]
            sql += " ON CONFLICT DO NOTHING"
        if returning and not RETURNING.search(sql):
            sql += f" RETURNING {returning}"
    return sql


def inserted_table(sql: str) -> str | None:
    """The table an INSERT statement writes to (None for other statements)."""
    insert = _INSERT.match(sql)
    return insert.group(2).lower() if insert else None


def has_upsert(sql: str) -> bool:
    """Whether the statement carries its own ON CONFLICT clause."""
    return bool(_ON_CONFLICT.search(sql))
