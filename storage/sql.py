"""Small pieces of SQL built in one place."""

from __future__ import annotations


def placeholders(count: int) -> str:
    """ "?, ?, ?": one placeholder per value of an IN list ("" for none)."""
    return ", ".join("?" * count)


def where_equal(columns: dict[str, object]) -> tuple[str, list]:
    """A condition "a = ? AND b = ?" over the columns given a value (not None), with its parameters.

    Column names come from the code, never from input; with no value given the condition is "TRUE".
    """
    given = {column: value for column, value in columns.items() if value is not None}
    return " AND ".join(f"{column} = ?" for column in given) or "TRUE", list(given.values())
