"""The layout of an Aadhaar card (a photo or scan of one, read by OCR): the number among its headings.

A valid 12-digit number beside two or more of the card's printed headings ("Government of
India", "DOB", "Male", "VID", "मेरा आधार", "મારો આધાર"...) is an Aadhaar number even though
nobody typed the word Aadhaar: the card says it. One heading alone is not enough ("DOB" and a
12-digit reference number appear on many forms).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from nlp.recognisers.aadhaar import AadhaarRecogniser
from nlp.recognisers.base import Validity, words

CARD_HEADINGS: tuple[str, ...] = (
    "government of india", "भारत सरकार", "ભારત સરકાર",
    "unique identification authority of india", "भारतीय विशिष्ट पहचान प्राधिकरण",
    "dob", "date of birth", "year of birth", "जन्म तिथि", "जन्म वर्ष", "જન્મ તારીખ", "જન્મ વર્ષ",
    "male", "female", "पुरुष", "महिला", "પુરુષ", "સ્ત્રી",
    "vid", "enrolment no", "enrollment no",
    "मेरा आधार", "मेरी पहचान", "મારો આધાર", "મારી ઓળખ", "आम आदमी का अधिकार",
)
_HEADINGS = words(*CARD_HEADINGS)


@dataclass
class AadhaarCardRecogniser(AadhaarRecogniser):
    """A valid Aadhaar-shaped number laid out with the card's headings around it."""

    CONTEXT_BEFORE: ClassVar[int] = 400
    CONTEXT_AFTER: ClassVar[int] = 400
    CARD_SCORE: ClassVar[float] = 0.95
    MIN_HEADINGS: ClassVar[int] = 2

    def score(self, match: re.Match[str], text: str, validity: Validity) -> float:
        start = max(0, match.start() - self.CONTEXT_BEFORE)
        end = min(len(text), match.end() + self.CONTEXT_AFTER)
        seen = {found.group().lower() for found in _HEADINGS.finditer(text, start, end)}
        return self.CARD_SCORE if len(seen) >= self.MIN_HEADINGS else 0.0
