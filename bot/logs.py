"""Logging set-up: one format, secrets scrubbed from every line, and no message content at any level.

Below WARNING, the libraries log what Samvad promises not to keep: aiosqlite every SQL
statement with its parameters (drafts, identity numbers, roster phone numbers),
python-telegram-bot whole updates and the parameters of every Bot API call, httpx and
httpcore request URLs (with the token) and bodies. So only Samvad's own loggers may write
below WARNING; every other logger is held at WARNING, whatever SAMVAD_LOG_LEVEL says.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable

REDACTED = "[REDACTED]"
# Samvad's own packages: the only loggers allowed below WARNING (they log ids and counts, never text).
OWN_LOGGERS = (
    "bot", "runtime", "handlers", "coordination", "storage", "nlp", "sandbox", "benchmarks", "__main__",
)
# Libraries known to log content below WARNING, capped at the source too (cheaper than building records to drop).
CAPPED_LIBRARIES = (
    "aiosqlite", "telegram", "httpx", "httpcore", "hpack", "aiohttp", "apscheduler", "asyncio", "urllib3",
)


def _is_own(name: str) -> bool:
    return any(name == own or name.startswith(own + ".") for own in OWN_LOGGERS)


class OnlyOwnBelowWarning(logging.Filter):
    """Drops a record below WARNING unless it comes from Samvad's own code."""

    def filter(self, record: logging.LogRecord) -> bool:
        """True to keep the record."""
        return record.levelno >= logging.WARNING or _is_own(record.name)


class RedactingFormatter(logging.Formatter):
    """A formatter that replaces every secret (the bot token) in the finished line, tracebacks included."""

    def __init__(self, fmt: str, secrets: Iterable[str]) -> None:
        super().__init__(fmt)
        self._secrets = [secret for secret in secrets if secret]

    def format(self, record: logging.LogRecord) -> str:
        """The line, with secrets replaced."""
        line = super().format(record)
        for secret in self._secrets:
            line = line.replace(secret, REDACTED)
        return line


def configure_logging(level: str, *, secrets: Iterable[str] = (), stream=None) -> None:
    """Send logs to stderr (or stream) at level, scrubbing secrets."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s", secrets))
    # On the handler, so that a library setting its own logger's level later cannot reopen the gap.
    handler.addFilter(OnlyOwnBelowWarning())
    root = logging.getLogger()
    for existing in list(root.handlers):
        root.removeHandler(existing)
    root.addHandler(handler)
    root.setLevel(level)
    threshold = root.getEffectiveLevel()
    handler.setLevel(threshold)
    for library in CAPPED_LIBRARIES:
        logging.getLogger(library).setLevel(max(logging.WARNING, threshold))


def add_secret(secret: str) -> None:
    """Scrub one more secret from every configured handler."""
    for handler in logging.getLogger().handlers:
        formatter = handler.formatter
        if isinstance(formatter, RedactingFormatter) and secret and secret not in formatter._secrets:
            formatter._secrets.append(secret)
