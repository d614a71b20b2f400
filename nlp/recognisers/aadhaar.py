"""Aadhaar numbers: 12 digits, first 2-9, Verhoeff check digit."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from nlp.recognisers.base import Recogniser, Validity, digits_of, words

# Verhoeff tables: the dihedral group D5 multiplication, the position
# permutation, and the inverse.
_D = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
    (1, 2, 3, 4, 0, 6, 7, 8, 9, 5),
    (2, 3, 4, 0, 1, 7, 8, 9, 5, 6),
    (3, 4, 0, 1, 2, 8, 9, 5, 6, 7),
    (4, 0, 1, 2, 3, 9, 5, 6, 7, 8),
    (5, 9, 8, 7, 6, 0, 4, 3, 2, 1),
    (6, 5, 9, 8, 7, 1, 0, 4, 3, 2),
    (7, 6, 5, 9, 8, 2, 1, 0, 4, 3),
    (8, 7, 6, 5, 9, 3, 2, 1, 0, 4),
    (9, 8, 7, 6, 5, 4, 3, 2, 1, 0),
)
_P = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
    (1, 5, 7, 6, 2, 8, 3, 0, 9, 4),
    (5, 8, 0, 3, 7, 9, 6, 1, 4, 2),
    (8, 9, 1, 6, 0, 4, 3, 5, 2, 7),
    (9, 4, 5, 3, 1, 2, 6, 8, 7, 0),
    (4, 2, 8, 6, 5, 7, 3, 9, 0, 1),
    (2, 7, 9, 3, 8, 0, 6, 4, 1, 5),
    (7, 0, 4, 6, 9, 1, 3, 2, 5, 8),
)
_INV = (0, 4, 3, 2, 1, 5, 6, 7, 8, 9)


def verhoeff_valid(number: str) -> bool:
    """Whether the digit string `number` ends in a correct Verhoeff check digit."""
    check = 0
    for i, ch in enumerate(reversed(number)):
        check = _D[check][_P[i % 8][ord(ch) - 48]]
    return check == 0


def verhoeff_check_digit(number: str) -> str:
    """The Verhoeff check digit to append to the digit string `number`."""
    check = 0
    for i, ch in enumerate(reversed(number)):
        check = _D[check][_P[(i + 1) % 8][ord(ch) - 48]]
    return str(_INV[check])


@dataclass
class AadhaarRecogniser(Recogniser):
    """Aadhaar: strong when grouped 4-4-4 or named; a bare valid number is weak (1 in 10 passes)."""

    reason_code: ClassVar[str] = "aadhaar"
    DIGIT_LED: ClassVar[bool] = True
    PATTERN: ClassVar[re.Pattern[str]] = re.compile(
        r"(?<![\d.,/])[2-9]\d{3}(?P<sep>[ \-.\u00a0]{0,2})\d{4}(?P=sep)\d{4}(?![\d/]|[.,]\d)", re.IGNORECASE
    )
    CONTEXT: ClassVar[re.Pattern[str]] = words(
        "aadhaar", "aadhar", "adhaar", "adhar", "aadhaar no", "uid", "uidai", "uid no", "aadhaar card",
        "આધાર", "આધારકાર્ડ", "आधार", "आधारकार्ड", "ekyc", "e-kyc",
    )
    GROUPED_SCORE: ClassVar[float] = 0.85
    CONTEXT_SCORE: ClassVar[float] = 0.95
    BARE_SCORE: ClassVar[float] = 0.3

    def validate(self, value: str) -> Validity:
        digits = digits_of(value)
        if len(digits) != 12 or digits[0] in "01" or len(set(digits)) == 1:
            return Validity.INVALID
        return Validity.VALID if verhoeff_valid(digits) else Validity.INVALID

    def score(self, match: re.Match[str], text: str, validity: Validity) -> float:
        if self.near(self.CONTEXT, text, match.start(), match.end()):
            return self.CONTEXT_SCORE
        return self.GROUPED_SCORE if match.group("sep") else self.BARE_SCORE
