"""Bank account numbers (9-18 digits next to an account word) and IFSC codes."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from nlp.recognisers.base import Recogniser, Validity, digits_of, words

IFSC = re.compile(r"(?<![a-z0-9])[a-z]{4}0[a-z0-9]{6}(?![a-z0-9])", re.IGNORECASE)


@dataclass
class BankAccountRecogniser(Recogniser):
    """An account number needs an account word before it; an IFSC nearby makes it certain."""

    reason_code: ClassVar[str] = "bank_account"
    DIGIT_LED: ClassVar[bool] = True
    PATTERN: ClassVar[re.Pattern[str]] = re.compile(r"(?<![\d.,/])\d(?:[ \-]?\d){8,17}(?![\d/]|[.,]\d)", re.IGNORECASE)
    CONTEXT: ClassVar[re.Pattern[str]] = words(
        "a/c", "a/c no", "ac no", "acc no", "acct", "account", "account no", "account number", "bank",
        "saving", "savings", "sb", "khata", "khata no", "khatu", "khata number",
        "ખાતા", "ખાતું", "ખાતા નં", "ખાતા નંબર", "બેંક", "બેન્ક",
        "खाता", "खाता संख्या", "खाता नंबर", "बैंक",
    )
    CONTEXT_BEFORE: ClassVar[int] = 40
    CONTEXT_AFTER: ClassVar[int] = 0

    def validate(self, value: str) -> Validity:
        digits = digits_of(value)
        if not 9 <= len(digits) <= 18 or len(set(digits)) == 1:
            return Validity.INVALID
        return Validity.UNSURE

    def score(self, match: re.Match[str], text: str, validity: Validity) -> float:
        if not self.near(self.CONTEXT, text, match.start(), match.end()):
            return 0.0
        with_ifsc = IFSC.search(text, max(0, match.start() - 80), min(len(text), match.end() + 80))
        return 0.95 if with_ifsc else 0.85
