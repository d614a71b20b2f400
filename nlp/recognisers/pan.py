"""PAN: five letters, four digits, a letter; the fourth letter is the holder type."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from nlp.recognisers.base import Recogniser, Validity, words

# Holder types: P person, H Hindu undivided family, C company, F firm,
# A association of persons, T trust, B body of individuals, L local
# authority, J artificial juridical person, G government.
HOLDER_TYPES = frozenset("phcfatbljg")
INDIVIDUAL = frozenset("p")


@dataclass
class PanRecogniser(Recogniser):
    """PAN: an individual's PAN is personal data; others only with context."""

    reason_code: ClassVar[str] = "pan"
    NEEDS: ClassVar[str] = "code"
    PATTERN: ClassVar[re.Pattern[str]] = re.compile(r"(?<![a-z0-9])[a-z]{5}\d{4}[a-z](?![a-z0-9])", re.IGNORECASE)
    CONTEXT: ClassVar[re.Pattern[str]] = words(
        "pan", "pan no", "pan card", "pancard", "permanent account number", "income tax",
        "પાન", "પાનકાર્ડ", "पैन", "पैनकार्ड", "पेन",
    )

    def validate(self, value: str) -> Validity:
        if value[3].lower() not in HOLDER_TYPES or value[5:9] == "0000":
            return Validity.INVALID
        return Validity.VALID

    def score(self, match: re.Match[str], text: str, validity: Validity) -> float:
        named = self.near(self.CONTEXT, text, match.start(), match.end())
        if match.group()[3].lower() in INDIVIDUAL:
            return 0.95 if named else 0.85
        return 0.7 if named else 0.35
