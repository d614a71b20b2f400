"""Indian passport numbers: a letter and seven digits."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from nlp.recognisers.base import Recogniser, Validity, words

# Series letters not issued for Indian passports.
_UNUSED_SERIES = frozenset("qxz")


@dataclass
class PassportRecogniser(Recogniser):
    """Passport numbers look like many file codes, so a passport word must be near."""

    reason_code: ClassVar[str] = "passport"
    NEEDS: ClassVar[str] = "code"
    PATTERN: ClassVar[re.Pattern[str]] = re.compile(r"(?<![a-z0-9/\-])[a-z][1-9]\d{5}[1-9](?![a-z0-9/\-])", re.IGNORECASE)
    CONTEXT: ClassVar[re.Pattern[str]] = words(
        "passport", "passport no", "pp no", "ppt", "travel document", "visa",
        "પાસપોર્ટ", "पासपोर्ट",
    )
    CONTEXT_BEFORE: ClassVar[int] = 64

    def validate(self, value: str) -> Validity:
        if value[0].lower() in _UNUSED_SERIES or len(set(value[1:])) == 1:
            return Validity.INVALID
        return Validity.UNSURE

    def score(self, match: re.Match[str], text: str, validity: Validity) -> float:
        return 0.9 if self.near(self.CONTEXT, text, match.start(), match.end()) else 0.25
