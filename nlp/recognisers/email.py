"""E-mail addresses; addresses on official domains are never personal data."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from nlp.recognisers.base import Recogniser, Validity


@dataclass
class EmailRecogniser(Recogniser):
    """A private e-mail address is weak evidence on its own."""

    reason_code: ClassVar[str] = "email_address"
    NEEDS: ClassVar[str] = "at"
    PATTERN: ClassVar[re.Pattern[str]] = re.compile(r"[a-z0-9._%+\-]+@(?P<domain>[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,})", re.IGNORECASE)

    def hint(self, text: str) -> bool:
        return "@" in text

    def validate(self, value: str) -> Validity:
        domain = value.rsplit("@", 1)[1].lower()
        return Validity.INVALID if self.allowlist.official_email(domain) else Validity.UNSURE

    def score(self, match: re.Match[str], text: str, validity: Validity) -> float:
        return 0.4
