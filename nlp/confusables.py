"""Look-alike letters from other scripts, folded to the Latin letter they imitate.

The data is Unicode's TR39 confusables list as shipped by the maintained
`confusable-homoglyphs` package; it is read once, on first use.
"""
from __future__ import annotations

import json
import unicodedata
from functools import lru_cache
from importlib import resources

# Blocks whose letters are real text for us, never disguises.
_KEEP_RANGES = (
    (0x0000, 0x007F),  # ASCII
    (0x0900, 0x097F),  # Devanagari
    (0x0A80, 0x0AFF),  # Gujarati
    (0xA8E0, 0xA8FF),  # Devanagari Extended
)


def _kept(cp: int) -> bool:
    return any(lo <= cp <= hi for lo, hi in _KEEP_RANGES)


def _target(char: str, entries: list[dict]) -> str | None:
    letters = [e["c"] for e in entries if len(e["c"]) == 1 and e["c"].isascii() and e["c"].isalpha()]
    if not letters:
        return None
    # Keep the case the disguise shows, so that capitalised names stay names.
    same_case = [c for c in letters if c.isupper() == char.isupper()]
    return (same_case or letters)[0]


@lru_cache(maxsize=1)
def latin_lookalikes() -> dict[str, str]:
    """Map each non-Latin look-alike letter to the ASCII letter it imitates."""
    raw = resources.files("confusable_homoglyphs").joinpath("confusables.json").read_text("utf-8")
    data = json.loads(raw)
    table: dict[str, str] = {}
    for char, entries in data.items():
        if len(char) != 1 or _kept(ord(char)):
            continue
        category = unicodedata.category(char)
        # Digits are read as digits elsewhere; marks are dropped elsewhere.
        if category == "Nd" or category.startswith("M"):
            continue
        target = _target(char, entries)
        if target is not None:
            table[char] = target
    return table
