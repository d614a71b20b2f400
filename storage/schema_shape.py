"""The shape of a live database, read the same way on SQLite and on PostgreSQL, to compare the two.

A shape is what the storage code relies on: the tables; each column's type family (integer, text...),
whether it may be NULL and its default; the primary key; the unique constraints; the named indexes
(unique or not, their keys, and for a partial index the columns and literals of its condition); the
foreign keys; the triggers; and the full-text search indexes (name -> the table.column they cover).

What is read differently on each side, and why the results are still comparable:
- Search: SQLite has an FTS5 table (messages_search, with its shadow tables and the triggers that keep
  it) over an external content table; PostgreSQL has a generated tsvector column on that table and a
  GIN index of the FTS5 table's name. Both are read as a search entry {messages_search: messages.text}
  and left out of the tables.
- PostgreSQL's schema_migrations table is left out: SQLite keeps the version in PRAGMA user_version.
- SQLite's INTEGER PRIMARY KEY assigns ids itself; PostgreSQL uses identity columns. Neither shows as a
  default (tests/storage/test_postgres_schema.py lists the identity columns).
- A primary-key column counts as NOT NULL on both (SQLite does not mark it so).
- Expressions (defaults, index keys) are compared with PostgreSQL's casts (::text) removed; a partial
  index's condition by the columns and literals it names (`state IN ('a')` and `state = ANY
  (ARRAY['a'::text])` are the same condition). CHECK constraints are not compared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import psycopg

    from storage.database import Database


class Family(StrEnum):
    """A column's type, as both backends' types map to it."""

    INTEGER = "integer"
    TEXT = "text"
    REAL = "real"
    BLOB = "blob"
    BOOLEAN = "boolean"
    TIMESTAMP = "timestamp"
    JSON = "json"
    SEARCH = "search"  # PostgreSQL's tsvector
    OTHER = "other"


@dataclass(frozen=True)
class Column:
    family: Family
    not_null: bool
    default: str | None


@dataclass(frozen=True)
class Index:
    unique: bool
    keys: tuple[str, ...]  # column names, or normalised expressions
    condition: tuple[tuple[str, ...], tuple[str, ...]] | None  # (columns, literals) of WHERE, when partial


@dataclass(frozen=True)
class ForeignKey:
    columns: tuple[str, ...]
    table: str
    references: tuple[str, ...]


@dataclass
class Table:
    columns: dict[str, Column] = field(default_factory=dict)
    primary_key: tuple[str, ...] = ()
    uniques: set[tuple[str, ...]] = field(default_factory=set)
    indexes: dict[str, Index] = field(default_factory=dict)
    foreign_keys: set[ForeignKey] = field(default_factory=set)
    triggers: set[str] = field(default_factory=set)


@dataclass
class Shape:
    tables: dict[str, Table] = field(default_factory=dict)
    search: dict[str, str] = field(default_factory=dict)  # search index name -> "table.column"


# -- SQLite ------------------------------------------------------------------------------------------

_FTS5_SHADOWS = ("_data", "_idx", "_content", "_docsize", "_config")


async def sqlite_shape(db: Database) -> Shape:
    """The shape of an open SQLite database."""
    shape = Shape()
    objects = await db.fetchall("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")
    virtual = {row["name"]: row["sql"] for row in objects if row["type"] == "table" and _is_fts5(row["sql"])}
    for name, sql in virtual.items():
        content = re.search(r"content\s*=\s*'(\w+)'", sql)
        columns = [row["name"] for row in await db.fetchall("SELECT name FROM pragma_table_info(?)", (name,))]
        for column in columns:
            shape.search[name] = f"{content.group(1) if content else name}.{column}"
    shadows = {name + suffix for name in virtual for suffix in _FTS5_SHADOWS}
    for row in objects:
        if row["type"] == "table" and row["name"] not in virtual and row["name"] not in shadows:
            shape.tables[row["name"]] = await _sqlite_table(db, row["name"])
    for row in objects:
        if row["type"] == "index" and row["tbl_name"] in shape.tables and row["sql"]:
            table = shape.tables[row["tbl_name"]]
            table.indexes[row["name"]] = _sqlite_index(row["sql"], set(table.columns))
        elif row["type"] == "trigger" and row["tbl_name"] in shape.tables:
            # A trigger that keeps an FTS5 table is part of search, read above.
            if not any(re.search(rf"\b{name}\b", row["sql"]) for name in virtual):
                shape.tables[row["tbl_name"]].triggers.add(row["name"])
    return shape


def _is_fts5(sql: str | None) -> bool:
    if not sql:
        return False
    return re.match(r"\s*CREATE\s+VIRTUAL\s+TABLE\b.*\bUSING\s+fts5\b", sql, re.I | re.S) is not None


async def _sqlite_table(db: Database, name: str) -> Table:
    table = Table()
    columns = await db.fetchall("SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?)", (name,))
    key = sorted((row["pk"], row["name"]) for row in columns if row["pk"])
    table.primary_key = tuple(column for _, column in key)
    for row in columns:
        not_null = bool(row["notnull"]) or row["name"] in table.primary_key
        default = normal_expression(row["dflt_value"]) if row["dflt_value"] is not None else None
        table.columns[row["name"]] = Column(sqlite_family(row["type"]), not_null, default)
    for index in await db.fetchall("SELECT name, \"unique\", origin FROM pragma_index_list(?)", (name,)):
        if index["origin"] == "u":
            keys = await db.fetchall("SELECT name FROM pragma_index_info(?) ORDER BY seqno", (index["name"],))
            table.uniques.add(tuple(row["name"] for row in keys))
    references: dict[int, list[Any]] = {}
    keys = await db.fetchall('SELECT id, seq, "table", "from", "to" FROM pragma_foreign_key_list(?)', (name,))
    for row in keys:
        references.setdefault(row["id"], []).append(row)
    for rows in references.values():
        rows.sort(key=lambda row: row["seq"])
        table.foreign_keys.add(ForeignKey(
            tuple(row["from"] for row in rows), rows[0]["table"], tuple(row["to"] for row in rows)
        ))  # fmt: skip
    return table


def sqlite_family(declared: str) -> Family:
    """SQLite's type affinity rules (the declared type's name decides), as a family."""
    declared = declared.upper()
    if "INT" in declared:
        return Family.INTEGER
    if any(word in declared for word in ("CHAR", "CLOB", "TEXT")):
        return Family.TEXT
    if not declared or "BLOB" in declared:
        return Family.BLOB
    if any(word in declared for word in ("REAL", "FLOA", "DOUB")):
        return Family.REAL
    return Family.OTHER


def _sqlite_index(sql: str, columns: set[str]) -> Index:
    """An index from its CREATE INDEX statement (SQLite keeps only the text of expressions)."""
    unique = re.match(r"\s*CREATE\s+UNIQUE\b", sql, re.I) is not None
    opening = sql.index("(")
    closing = _matching_parenthesis(sql, opening)
    keys = tuple(normal_expression(key) for key in _split_top_level(sql[opening + 1 : closing]))
    rest = sql[closing + 1 :]
    where = re.search(r"\bWHERE\b(.*)$", rest, re.I | re.S)
    return Index(unique, keys, condition_signature(where.group(1), columns) if where else None)


def _matching_parenthesis(text: str, opening: int) -> int:
    depth = 0
    for position in range(opening, len(text)):
        if text[position] == "(":
            depth += 1
        elif text[position] == ")":
            depth -= 1
            if depth == 0:
                return position
    raise ValueError(f"unbalanced parentheses in {text!r}")


def _split_top_level(text: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for character in text:
        if character == "," and depth == 0:
            parts.append(current)
            current = ""
            continue
        depth += {"(": 1, ")": -1}.get(character, 0)
        current += character
    return [*parts, current]


# -- PostgreSQL --------------------------------------------------------------------------------------

_TABLES = """
SELECT c.oid, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
"""
_COLUMNS = """
SELECT a.attnum, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, a.attgenerated,
       pg_get_expr(d.adbin, d.adrelid)
FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE a.attrelid = %s AND a.attnum > 0 AND NOT a.attisdropped
"""
_CONSTRAINTS = """
SELECT contype, conkey, confrelid::regclass::text,
       (SELECT array_agg(attname ORDER BY k.ord) FROM unnest(confkey) WITH ORDINALITY k(num, ord)
        JOIN pg_attribute ON attrelid = confrelid AND attnum = k.num)
FROM pg_constraint WHERE conrelid = %s AND contype IN ('p', 'u', 'f')
"""
_INDEXES = """
SELECT x.relname, i.indisunique, pg_get_expr(i.indpred, i.indrelid), am.amname,
       ARRAY(SELECT attnum FROM unnest(i.indkey) attnum),
       ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, true) FROM generate_series(1, i.indnkeyatts) k),
       ARRAY(SELECT coalesce(c.collname, '') FROM unnest(i.indcollation::oid[]) WITH ORDINALITY k(oid, ord)
             LEFT JOIN pg_collation c ON c.oid = k.oid ORDER BY k.ord),
       EXISTS (SELECT 1 FROM pg_constraint WHERE conindid = i.indexrelid AND contype IN ('p', 'u'))
FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid JOIN pg_am am ON am.oid = x.relam
WHERE i.indrelid = %s
"""


async def postgresql_shape(connection: psycopg.AsyncConnection) -> Shape:
    """The shape of the connection's current schema in a PostgreSQL database."""
    shape = Shape()
    for oid, name in await _rows(connection, _TABLES):
        if name == "schema_migrations":
            continue
        table, searched = await _postgresql_table(connection, oid)
        shape.tables[name] = table
        for index_name, column in searched.items():
            shape.search[index_name] = f"{name}.{column}"
    return shape


async def _postgresql_table(connection: psycopg.AsyncConnection, oid: int) -> tuple[Table, dict[str, str]]:
    table = Table()
    numbers: dict[int, str] = {}
    search_sources: dict[str, str] = {}  # tsvector column -> the column it is generated from
    column_rows = await _rows(connection, _COLUMNS, (oid,))
    names = {row[1] for row in column_rows}
    for number, name, type_name, not_null, generated, default in column_rows:
        numbers[number] = name
        if type_name == "tsvector" and generated:
            expression = _LITERAL.sub(" ", _CAST.sub("", default or ""))
            sources = [column for column in _identifiers(expression) if column in names and column != name]
            search_sources[name] = sources[0] if sources else name
            continue
        default = None if generated or default is None else normal_expression(default)
        table.columns[name] = Column(postgresql_family(type_name), bool(not_null), default)
    for kind, keys, referenced, referenced_names in await _rows(connection, _CONSTRAINTS, (oid,)):
        columns = tuple(numbers[number] for number in keys)
        if kind == "p":
            table.primary_key = columns
        elif kind == "u":
            table.uniques.add(columns)
        else:
            table.foreign_keys.add(ForeignKey(columns, referenced, tuple(referenced_names)))
    searched = {}
    for name, unique, predicate, method, attnums, definitions, collations, backs_constraint in await _rows(
        connection, _INDEXES, (oid,)
    ):
        if backs_constraint:
            continue
        if method == "gin" and len(definitions) == 1 and numbers.get(attnums[0]) in search_sources:
            searched[name] = search_sources[numbers[attnums[0]]]
            continue
        # pg_get_indexdef leaves a key's collation out; SQLite's statement keeps it (name COLLATE NOCASE).
        keys = [normal_expression(definition + ("" if collation in ("", "default") else f" COLLATE {collation}"))
                for definition, collation in zip(definitions, collations)]  # fmt: skip
        condition = condition_signature(predicate, set(names)) if predicate else None
        table.indexes[name] = Index(bool(unique), tuple(keys), condition)
    triggers = await _rows(connection, "SELECT tgname FROM pg_trigger WHERE tgrelid = %s AND NOT tgisinternal", (oid,))
    table.triggers = {name for (name,) in triggers}
    return table, searched


def postgresql_family(type_name: str) -> Family:
    """A PostgreSQL type (as format_type names it) as a family."""
    base = type_name.split("(")[0].strip()
    if base in ("smallint", "integer", "bigint"):
        return Family.INTEGER
    if base in ("text", "character varying", "character", "name", "citext"):
        return Family.TEXT
    if base in ("real", "double precision", "numeric"):
        return Family.REAL
    if base == "bytea":
        return Family.BLOB
    if base == "boolean":
        return Family.BOOLEAN
    if base.startswith("timestamp") or base == "date":
        return Family.TIMESTAMP
    if base in ("json", "jsonb"):
        return Family.JSON
    if base == "tsvector":
        return Family.SEARCH
    return Family.OTHER


async def _rows(connection: psycopg.AsyncConnection, sql: str, params: tuple = ()) -> list[tuple]:
    cursor = await connection.execute(sql, params)
    return await cursor.fetchall()


# -- expressions -------------------------------------------------------------------------------------

_CAST = re.compile(r"::\s*(?:text|bigint|integer|smallint|numeric|boolean|regconfig|jsonb?|"
                   r"character varying|double precision|timestamp with time zone)(?:\[\])?", re.I)  # fmt: skip
_LITERAL = re.compile(r"'(?:[^']|'')*'|(?<![\w.])\d+(?:\.\d+)?(?![\w.])")


def normal_expression(text: str) -> str:
    """An expression as both backends can agree on: lowercase outside quotes, no casts, no spaces, no
    quotes around identifiers, no parentheses around a lone literal."""
    pieces = re.split(r"('(?:[^']|'')*')", _CAST.sub("", text.strip()))
    text = "".join(piece if piece.startswith("'") else re.sub(r"\s+", " ", piece.lower()).replace('"', "")
                   for piece in pieces)  # fmt: skip
    text = re.sub(r"\((\d+|'(?:[^']|'')*')\)", r"\1", text)
    text = re.sub(r"\s*([(),=<>])\s*", r"\1", text).strip()
    # A JSON field: SQLite's json_extract(column, '$.key') is PostgreSQL's column ->> 'key'; SQLite's CAST(... AS
    # type) goes as PostgreSQL's casts went above; then no parentheses around a column or a field alone.
    text = re.sub(r"json_extract\(([a-z_][a-z0-9_]*),'\$\.([A-Za-z_][A-Za-z0-9_]*)'\)", r"\1->>'\2'", text)
    text = re.sub(r"\s*->>\s*", "->>", text)
    text = re.sub(r"(?<![\w])cast\(([a-z_][a-z0-9_]*(?:->>'[^']*')?)\s*as\s+(?:integer|bigint|text|real|numeric)\)",
                  r"\1", text)
    while (bare := re.sub(r"(?<![\w])\(([a-z_][a-z0-9_]*(?:->>'[^']*')?)\)", r"\1", text)) != text:
        text = bare
    return text


def condition_signature(condition: str, columns: set[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A partial index's WHERE as (the table's columns it names, the literals it names), each sorted."""
    text = _CAST.sub("", condition)
    literals = sorted({normal_expression(found) for found in _LITERAL.findall(text)})
    without_literals = _LITERAL.sub(" ", text)
    named = sorted({word for word in _identifiers(without_literals) if word in columns})
    return tuple(named), tuple(literals)


def _identifiers(text: str) -> list[str]:
    return [word.strip('"').lower() for word in re.findall(r'"[^"]+"|[A-Za-z_][A-Za-z0-9_]*', text)]


# -- comparing ---------------------------------------------------------------------------------------


def differences(first: Shape, second: Shape, names: tuple[str, str] = ("SQLite", "PostgreSQL")) -> list[str]:
    """What differs between two shapes, one line each (empty when they are the same)."""
    found = []
    one, other = names
    for table in sorted(set(first.tables) | set(second.tables)):
        if table not in second.tables:
            found.append(f"table {table}: only in {one}")
        elif table not in first.tables:
            found.append(f"table {table}: only in {other}")
        else:
            lines = _table_differences(first.tables[table], second.tables[table], names)
            found += [f"table {table}: {line}" for line in lines]
    for index in sorted(set(first.search) | set(second.search)):
        a, b = first.search.get(index), second.search.get(index)
        if a != b:
            found.append(f"search {index}: {one} {a or 'none'}, {other} {b or 'none'}")
    return found


def _table_differences(first: Table, second: Table, names: tuple[str, str]) -> list[str]:
    found = []
    one, other = names
    for column in sorted(set(first.columns) | set(second.columns), key=str):
        a, b = first.columns.get(column), second.columns.get(column)
        if a != b:
            found.append(f"column {column}: {one} {_describe(a)}, {other} {_describe(b)}")
    if first.primary_key != second.primary_key:
        found.append(f"primary key: {one} {first.primary_key}, {other} {second.primary_key}")
    for unique in sorted(first.uniques ^ second.uniques):
        found.append(f"unique {unique}: only in {one if unique in first.uniques else other}")
    for index in sorted(set(first.indexes) | set(second.indexes)):
        in_first, in_second = first.indexes.get(index), second.indexes.get(index)
        if in_first != in_second:
            found.append(f"index {index}: {one} {_describe(in_first)}, {other} {_describe(in_second)}")
    for key in sorted(first.foreign_keys ^ second.foreign_keys, key=repr):
        found.append(f"foreign key {key}: only in {one if key in first.foreign_keys else other}")
    for trigger in sorted(first.triggers ^ second.triggers):
        found.append(f"trigger {trigger}: only in {one if trigger in first.triggers else other}")
    return found


def _describe(part: Column | Index | None) -> str:
    return "none" if part is None else repr(part)
