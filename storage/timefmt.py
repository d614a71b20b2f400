"""How instants are written to and read from the database: ISO 8601 in UTC."""

from __future__ import annotations

from datetime import UTC, datetime

_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def to_db(instant: datetime) -> str:
    """Render an aware datetime as fixed-width UTC text that sorts in time order."""
    if instant.tzinfo is None:
        raise ValueError("naive datetime: storage keeps only aware instants")
    return instant.astimezone(UTC).strftime(_FORMAT)


def from_db(text: str) -> datetime:
    """Parse text written by to_db back into an aware UTC datetime."""
    return datetime.strptime(text, _FORMAT).replace(tzinfo=UTC)


def from_unix(seconds: int | float) -> datetime:
    """An aware UTC datetime from Unix seconds (Telegram's dates)."""
    return datetime.fromtimestamp(seconds, tz=UTC)
