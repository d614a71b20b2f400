"""SQLite's SQL as PostgreSQL is given it (storage.dialect): each rewrite, and what it leaves alone."""

from __future__ import annotations

import pytest

from storage.dialect import glob_to_regex, to_postgresql


@pytest.mark.parametrize(
    ("sqlite", "postgresql"),
    [
        ("SELECT a FROM t WHERE b = ? AND c = ?", "SELECT a FROM t WHERE b = %s AND c = %s"),
        # A question mark or a percent sign inside quotes is text; every % is doubled for psycopg.
        ("SELECT '?' || a FROM t WHERE b LIKE '%x%' AND c = ?", "SELECT '?' || a FROM t WHERE b LIKE '%%x%%' AND c = %s"),
        ("INSERT OR IGNORE INTO t (a) VALUES (?)", "INSERT INTO t (a) VALUES (%s) ON CONFLICT DO NOTHING"),
        ("SELECT 1 FROM t WHERE a IS NOT b.c AND d IS NOT NULL", "SELECT 1 FROM t WHERE a IS DISTINCT FROM b.c AND d IS NOT NULL"),
        ("SELECT 1 FROM t WHERE a IS ? OR b IS NULL", "SELECT 1 FROM t WHERE a IS NOT DISTINCT FROM %s OR b IS NULL"),
        ("SELECT max(a, b), max(c), min(d, 0) FROM t", "SELECT GREATEST(a, b), max(c), LEAST(d, 0) FROM t"),
        ("SELECT max(coalesce((SELECT max(x) FROM u), 0), 1)", "SELECT GREATEST(coalesce((SELECT max(x) FROM u), 0), 1)"),
        ("SELECT json_extract(result, '$.message_id') FROM outbox", "SELECT (result::jsonb ->> 'message_id') FROM outbox"),
        ("SELECT CAST(json_extract(r, '$.id') AS INTEGER) FROM o", "SELECT CAST((r::jsonb ->> 'id') AS BIGINT) FROM o"),
        ("SELECT 1 FROM m WHERE text NOT GLOB '/[A-Za-z]*'", "SELECT 1 FROM m WHERE text !~ '^/[A-Za-z].*$'"),
        ("UPDATE t SET a = 1 WHERE id = ?;", "UPDATE t SET a = 1 WHERE id = %s"),
    ],
)
def test_each_rewrite(sqlite, postgresql):
    assert to_postgresql(sqlite) == postgresql


def test_an_insert_hands_back_the_key_it_is_asked_for_once():
    assert to_postgresql("INSERT INTO tasks (kind) VALUES (?)", "id") == "INSERT INTO tasks (kind) VALUES (%s) RETURNING id"
    assert to_postgresql("INSERT OR IGNORE INTO inbox (update_id) VALUES (?)", "update_id") == (
        "INSERT INTO inbox (update_id) VALUES (%s) ON CONFLICT DO NOTHING RETURNING update_id"
    )
    kept = "INSERT INTO t (a) VALUES (?) RETURNING a"
    assert to_postgresql(kept, "id") == "INSERT INTO t (a) VALUES (%s) RETURNING a"
    assert to_postgresql("UPDATE t SET a = ?", "id") == "UPDATE t SET a = %s"


def test_words_that_merely_contain_is_are_left_alone():
    sql = "SELECT 1 FROM users WHERE is_bot = 1 AND EXISTS (SELECT 1 FROM lists WHERE this_is = ?)"
    assert to_postgresql(sql) == sql.replace("?", "%s")


@pytest.mark.parametrize(
    ("pattern", "regex"),
    [("/[A-Za-z0-9_]*", "^/[A-Za-z0-9_].*$"), ("a?c", "^a.c$"), ("[^0-9]x", "^[^0-9]x$"), ("a.b", r"^a\.b$")],
)
def test_glob_patterns_as_regular_expressions(pattern, regex):
    assert glob_to_regex(pattern) == regex
