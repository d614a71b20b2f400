"""MessageEntity helpers: UTF-16 offsets, entities Telegram detects by itself, trimming."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

# Telegram does not look for commands, links or mentions inside these.
_OPAQUE_TYPES = frozenset({"code", "pre", "text_link", "text_mention", "custom_emoji"})

_DETECTORS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("bot_command", re.compile(r"(?<![\w/@])/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?![\w/])")),
    ("email", re.compile(r"(?<![\w.@])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")),
    ("url", re.compile(r"(?<![\w@/])(?:https?://|www\.)[^\s<>\"]+[^\s<>\".,;:!?)\]']")),
    ("mention", re.compile(r"(?<![\w@/])@[A-Za-z0-9_]{4,32}(?![\w@])")),
    ("hashtag", re.compile(r"(?<![\w#])#\w*[^\W\d]\w*")),
)


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of Telegram's entity offsets."""
    if text.isascii():
        return len(text)
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


class Utf16Index:
    """Converts str indices of one text to UTF-16 offsets, and back."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._simple = text.isascii() or max(text, default="\0") <= "\uffff"
        if not self._simple:
            self._offsets = [0]
            for char in text:
                self._offsets.append(self._offsets[-1] + (2 if ord(char) > 0xFFFF else 1))

    def offset(self, index: int) -> int:
        return index if self._simple else self._offsets[index]

    def index(self, offset: int) -> int:
        """The str index at a UTF-16 offset (rounded up inside a surrogate pair)."""
        if self._simple:
            return offset
        return bisect.bisect_left(self._offsets, offset)


def detect_entities(text: str, existing: Iterable[dict] = ()) -> list[dict]:
    """Entities Telegram finds in plain text: commands, mentions, links, hashtags, emails."""
    index = Utf16Index(text)
    taken = [
        (entity["offset"], entity["offset"] + entity["length"])
        for entity in existing
        if entity["type"] in _OPAQUE_TYPES
    ]
    found: list[dict] = []
    for entity_type, pattern in _DETECTORS:
        for match in pattern.finditer(text):
            start, end = index.offset(match.start()), index.offset(match.end())
            if any(start < stop and begin < end for begin, stop in taken):
                continue
            taken.append((start, end))
            found.append({"type": entity_type, "offset": start, "length": end - start})
    return found


def sort_entities(entities: list[dict]) -> list[dict]:
    """Telegram's order: by offset, and an enclosing entity before what it encloses."""
    return sorted(entities, key=lambda e: (e["offset"], -e["length"]))


def strip_text(text: str, entities: list[dict]) -> tuple[str, list[dict]]:
    """Trim surrounding whitespace as Telegram does, moving and clipping entities."""
    stripped = text.strip()
    if stripped == text:
        return text, entities
    lead = utf16_len(text[: len(text) - len(text.lstrip())])
    new_length = utf16_len(stripped)
    kept = []
    for entity in entities:
        start = max(entity["offset"] - lead, 0)
        end = min(entity["offset"] + entity["length"] - lead, new_length)
        if end > start:
            kept.append({**entity, "offset": start, "length": end - start})
    return stripped, kept
