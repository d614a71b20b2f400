"""Text helpers shared by the record's parsers: digits, case and word edges in three scripts."""

from __future__ import annotations

import re

# Gujarati (U+0AE6..) and Devanagari (U+0966..) digits to ASCII, one character for one,
# so a span found in the normalised text is the same span in the original.
_DIGITS = {0x0AE6 + n: str(n) for n in range(10)} | {0x0966 + n: str(n) for n in range(10)}

# Letters, digits and the combining vowel signs of Gujarati and Devanagari: Python's \w
# does not count the signs (category M) as word characters, so \b breaks words there.
WORD_CHARS = r"\w\u0900-\u097f\u0a80-\u0aff"
START = rf"(?<![{WORD_CHARS}])"
END = rf"(?![{WORD_CHARS}])"


def normalise(text: str) -> str:
    """Lower case and ASCII digits, keeping every character's position."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few letters (İ) lower to two characters: keep positions
        lowered = "".join(char.lower() if len(char.lower()) == 1 else char for char in text)
    return lowered.translate(_DIGITS)


def words(*alternatives: str) -> str:
    """A regex group matching any alternative as a whole word (longest first)."""
    ordered = sorted({re.escape(word).replace(r"\ ", r"\s+") for word in alternatives}, key=len, reverse=True)
    return rf"{START}(?:{'|'.join(ordered)}){END}"
