"""Sending limits shared by every instance on one database: one leaky bucket per scope, in one row.

Each scope ('overall', 'group:<chat id>') keeps its theoretical arrival time (GCRA): a send reserves its
slot with one upsert that returns when it may go, so instances never exchange anything but that row.
A scope allowing `rate` sends a `period` lets `rate` go at once and then one every period/rate seconds,
as aiolimiter's AsyncLimiter (what python-telegram-bot's AIORateLimiter uses) does in one process.
Times are the instances' wall clocks in seconds since the epoch (they must agree to within a fraction of
an interval, as NTP keeps them).
"""

from __future__ import annotations

from dataclasses import dataclass

from storage import dialect
from storage.database import Unit

# The slot after the later of the scope's arrival time and the request's; the new arrival time returned.
_RESERVE = (
    "INSERT INTO rate_limits (scope, tat) VALUES (?, ?)"
    " ON CONFLICT (scope) DO UPDATE SET tat ="
    " CASE WHEN rate_limits.tat > ? THEN rate_limits.tat ELSE ? END + ?"
    " RETURNING tat"
)
# On PostgreSQL a call to a group reserves both its slots (the group's, then the overall one from when the
# group allows) in one statement: the first upsert hands the second its start through a CTE. Worked out as
# reserve_in's loop does: the overall scope's new arrival time, max(its old one, start) + interval, is written
# as greatest(old + interval, start + interval), the same number (adding one interval keeps the order).
_RESERVE_TWO = (
    "WITH group_slot AS (INSERT INTO rate_limits (scope, tat) VALUES (?, ?)"
    " ON CONFLICT (scope) DO UPDATE SET tat ="
    " CASE WHEN rate_limits.tat > ? THEN rate_limits.tat ELSE ? END + ?"
    " RETURNING CASE WHEN tat - ? > ? THEN tat - ? ELSE ? END AS start)"
    " INSERT INTO rate_limits (scope, tat) SELECT ?, start + ? FROM group_slot"
    " ON CONFLICT (scope) DO UPDATE SET tat = greatest(rate_limits.tat + ?, excluded.tat)"
    " RETURNING (SELECT start FROM group_slot), tat"
)
_PAUSE = (
    "INSERT INTO rate_limits (scope, tat) VALUES (?, ?)"
    " ON CONFLICT (scope) DO UPDATE SET tat = CASE WHEN rate_limits.tat > ? THEN rate_limits.tat ELSE ? END"
)


@dataclass(frozen=True)
class Limit:
    """At most `rate` sends per `period` seconds in one scope."""

    scope: str
    rate: float
    period: float

    @property
    def interval(self) -> float:
        """Seconds between sends once the burst is spent."""
        return self.period / self.rate


def reserve_in(unit: Unit, limits: list[Limit], *, now: float) -> float:
    """Reserve one send under every limit, in order (each from when the ones before allow it); returns the
    time (epoch seconds) at which it may go, now or later. One statement per limit, in one unit of work
    (on PostgreSQL, one statement for a group's two)."""
    if len(limits) == 2 and unit.dialect == dialect.POSTGRESQL:
        first, second = limits
        row = unit.fetchall(_RESERVE_TWO, (
            first.scope, now + first.interval, now, now, first.interval,
            first.period, now, first.period, now,
            second.scope, second.interval, second.interval,
        ))[0]
        start = float(row[0])
        return max(start, float(row[1]) - second.period)
    at = now
    for limit in limits:
        row = unit.fetchall(_RESERVE, (limit.scope, at + limit.interval, at, at, limit.interval))[0]
        at = max(at, float(row[0]) - limit.period)
    return at


def pause_in(unit: Unit, limits: list[Limit], *, until: float) -> None:
    """Telegram said to wait: no send in these scopes before `until`."""
    for limit in limits:
        arrival = until + limit.period - limit.interval
        unit.execute(_PAUSE, (limit.scope, arrival, arrival, arrival))
