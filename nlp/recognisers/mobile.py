"""Private Indian mobile numbers (+91 and the usual spellings)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from nlp.recognisers.base import Recogniser, Validity, digits_of, words

# Landlines written with an STD code (079-2325 1234) are office numbers.
_LANDLINE = re.compile(r"^(?:\+?91[\s\-]*|0)?\(?0?79\)?[\s\-/]+\d{4}[\s\-]?\d{4}$")


@dataclass
class MobileRecogniser(Recogniser):
    """Ten digits from 6-9; roster numbers and numbers given as an office's contact are skipped."""

    reason_code: ClassVar[str] = "mobile_number"
    DIGIT_LED: ClassVar[bool] = True
    PATTERN: ClassVar[re.Pattern[str]] = re.compile(
        r"(?<![\d+])(?:(?:\+|00)?\(?91\)?[\s\-.]{0,2}|0)?[6-9](?:[\s\-.]{0,2}\d){9}(?!\d|[.,]\d)", re.IGNORECASE
    )
    CONTEXT: ClassVar[re.Pattern[str]] = words(
        "mobile", "mob", "mo", "m", "mobile no", "phone", "ph", "contact", "cell", "whatsapp", "call",
        "his number", "her number", "number", "no", "nambar", "sampark",
        "મોબાઇલ", "મોબાઈલ", "મો", "ફોન", "સંપર્ક", "નંબર", "नंबर", "मोबाइल", "मो", "फोन", "फ़ोन", "संपर्क",
    )
    # A number given as an office's or officer's work contact is not personal data.
    OFFICIAL_CONTEXT: ClassVar[re.Pattern[str]] = words(
        "control room", "helpline", "help line", "toll free", "tollfree", "office", "official", "cug",
        "collectorate", "mamlatdar", "mamlatdar office", "collector", "dy collector", "deputy collector",
        "prant", "sdm", "tdo", "ddo", "talati", "circle officer", "nodal officer", "duty officer",
        "eoc", "deoc", "teoc", "desk", "government", "govt", "sarkari", "official number", "office number",
        "સરકારી", "હેલ્પલાઈન", "ટોલ ફ્રી", "કન્ટ્રોલ રૂમ", "નિયંત્રણ કક્ષ", "કચેરીનો",
        "सरकारी", "हेल्प लाइन", "टोल फ्री", "कार्यालय का",
        "કંટ્રોલ રૂમ", "કચેરી", "મામલતદાર", "કલેક્ટર", "નાયબ કલેક્ટર", "પ્રાંત", "તલાટી", "હેલ્પલાઇન",
        "नियंत्रण कक्ष", "कंट्रोल रूम", "कार्यालय", "हेल्पलाइन", "तहसीलदार", "कलेक्टर",
    )
    # Words that say the number belongs to a private person.
    PRIVATE_CONTEXT: ClassVar[re.Pattern[str]] = words(
        "applicant", "farmer", "beneficiary", "complainant", "accused", "resident", "citizen", "victim",
        "wife", "husband", "son", "daughter", "s/o", "w/o", "d/o", "personal", "private", "his", "her",
        "અરજદાર", "ખેડૂત", "લાભાર્થી", "ફરિયાદી", "આરોપી", "અંગત",
        "आवेदक", "किसान", "लाभार्थी", "शिकायतकर्ता", "आरोपी", "निजी",
    )
    CONTEXT_BEFORE: ClassVar[int] = 40

    def validate(self, value: str) -> Validity:
        digits = digits_of(value)[-10:]
        if len(digits) != 10 or digits[0] not in "6789" or len(set(digits)) <= 2:
            return Validity.INVALID
        if _LANDLINE.match(value.strip()):
            return Validity.INVALID
        if digits in self.allowlist.mobile_numbers:
            return Validity.INVALID
        return Validity.VALID

    def score(self, match: re.Match[str], text: str, validity: Validity) -> float:
        start, end = match.start(), match.end()
        private = self.near(self.PRIVATE_CONTEXT, text, start, end)
        if not private and self.near(self.OFFICIAL_CONTEXT, text, start, end):
            return 0.2
        if private or self.near(self.CONTEXT, text, start, end):
            return 0.9
        return 0.75
