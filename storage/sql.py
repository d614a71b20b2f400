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


def in_powers_of_two(rows: list, largest: int = 64) -> list[list]:
    """rows split into runs of a power of two each (the largest first, none over largest): a multi-row statement
    for each run has one of a handful of texts whatever the batch's size, so they stay in the drivers' statement
    caches (a text per size would push other statements out)."""
    runs, start = [], 0
    while start < len(rows):
        size = min(largest, 1 << ((len(rows) - start).bit_length() - 1))
        runs.append(rows[start : start + size])
        start += size
    return runs


def padded_to_power_of_two(values: list) -> list:
    """values repeated at the end to a power of two in number (none stays none), for an IN list whose statement
    text must be one of a handful (see in_powers_of_two); a value twice in an IN list changes nothing."""
    if not values:
        return []
    size = 1 << (len(values) - 1).bit_length()
    return values + [values[-1]] * (size - len(values))


def values_rows(width: int, count: int) -> str:
    """ "(?, ?), (?, ?)": count rows of width placeholders, for a multi-row VALUES."""
    return ", ".join(["(" + placeholders(width) + ")"] * count)
