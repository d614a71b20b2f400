"""Voter ID (EPIC): three letters and seven digits."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from nlp.recognisers.base import Recogniser, Validity, words


@dataclass
class VoterIdRecogniser(Recogniser):
    """EPIC numbers; without a voter-card word nearby they are weaker evidence."""

    reason_code: ClassVar[str] = "voter_id"
    NEEDS: ClassVar[str] = "code"
    PATTERN: ClassVar[re.Pattern[str]] = re.compile(r"(?<![a-z0-9])[a-z]{3}\d{7}(?![a-z0-9])", re.IGNORECASE)
    CONTEXT: ClassVar[re.Pattern[str]] = words(
        "voter", "voter id", "voterid", "epic", "epic no", "election card", "elector", "electoral",
        "મતદાર", "મતદારકાર્ડ", "ચૂંટણી", "ચૂંટણીકાર્ડ", "मतदाता", "वोटर", "निर्वाचक", "चुनाव",
    )

    def validate(self, value: str) -> Validity:
        digits = value[3:]
        if len(set(digits)) == 1:
            return Validity.INVALID
        return Validity.VALID

    def score(self, match: re.Match[str], text: str, validity: Validity) -> float:
        return 0.9 if self.near(self.CONTEXT, text, match.start(), match.end()) else 0.6
