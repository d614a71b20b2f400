"""Whether a reply acknowledges an instruction: "noted", "done", "ok sir", "જી", "जी" ...

An acknowledgement is short and starts with (or is) one of the phrases; a question or
a negation ("not done yet", "હજુ નથી", "नहीं हुआ") is not one.
"""

from __future__ import annotations

import re

from nlp.record.text import END, START, normalise, words

MAX_WORDS = 12

_PHRASES = (
    "noted", "noted sir", "noted madam", "noted mam", "noted ma'am", "done", "done sir", "ok", "okay", "ok sir",
    "okay sir", "ok madam", "ok mam", "yes sir", "yes madam", "sure sir", "will do", "will comply", "complied",
    "acknowledged", "ack", "received", "received sir", "roger", "copy that", "copied", "understood",
    "yes", "sure", "will be done", "shall do", "shall comply", "attending", "will attend",
    "જી", "જી સર", "જી સાહેબ", "હા", "હા સર", "હા જી", "ઓકે", "ઓકે સર", "નોંધ લીધી", "નોંધ લીધેલ છે", "થઈ ગયું",
    "થઇ ગયું", "થઈ ગયેલ છે", "મળ્યું", "મળેલ છે", "સારું", "ભલે", "હાજર રહીશું", "હાજર રહીશ", "ચોક્કસ",
    "जी", "जी सर", "जी हाँ", "जी हां", "हाँ", "हां", "ठीक है", "ठीक है सर", "नोट किया", "नोट कर लिया", "हो गया",
    "मिल गया", "प्राप्त हुआ", "अवश्य", "ज़रूर", "जरूर", "उपस्थित रहेंगे",
    "ji", "ji sir", "jee", "ha ji", "haan ji", "thik hai", "theek hai", "nondh lidhi", "thai gayu", "ho gaya",
)
_EMOJI = ("👍", "✅", "🙏", "👌", "✔", "☑")
_START = re.compile(r"^\W*" + words(*_PHRASES))
_NEGATION = re.compile(
    START + r"(?:not|no|never|yet to|pending|nahi|nahin|nathi|નથી|ના|નહીં|નહિ|बाकी|बाक़ी|नहीं|नही|हजु|હજુ)" + END
)


def is_acknowledgement(text: str | None) -> bool:
    """Whether a reply to an instruction acknowledges it."""
    if not text:
        return False
    stripped = text.strip()
    if not stripped or "?" in stripped:
        return False
    if all(char in _EMOJI or char.isspace() or char == "\ufe0f" for char in stripped):
        return True
    normal = normalise(stripped)
    if len(normal.split()) > MAX_WORDS or _NEGATION.search(normal):
        return False
    return _START.search(normal) is not None
