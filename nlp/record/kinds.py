"""What kind of instruction a message is: meeting, information request, event, disaster directive.

The circular's uses of the groups (§2): disaster coordination, meeting instructions,
seeking information and event coordination. Words of each kind in English, Gujarati,
Hindi and their Latin spellings; the kind with most words wins, disaster first on a tie.
"""

from __future__ import annotations

import re

from nlp.record.text import START, normalise

KINDS = ("disaster", "meeting", "event", "information_request", "general")
KIND_NAMES = {
    "disaster": "disaster directive",
    "meeting": "meeting",
    "event": "event",
    "information_request": "information request",
    "general": "directive",
}

# Stems: matched at the start of a word, so "evacuate", "evacuation", "સ્થળાંતરની" all count.
_STEMS = {
    "disaster": (
        "evacuat", "cyclone", "flood", "heavy rain", "rainfall alert", "earthquake", "tsunami", "relief", "rescue",
        "ndrf", "sdrf", "control room", "shelter", "deploy", "inundat", "dam ", "low-lying", "low lying", "red alert",
        "orange alert", "disaster", "landslide", "heat wave", "heatwave", "fire", "casualt", "food packet",
        "સ્થળાંતર", "વાવાઝોડ", "પૂર", "ભારે વરસાદ", "ભૂકંપ", "રાહત", "બચાવ", "કંટ્રોલ રૂમ", "આશ્રયસ્થાન", "આપત્તિ",
        "આફત", "નીચાણવાળા", "એલર્ટ", "તૈનાત",
        "निकासी", "चक्रवात", "तूफान", "बाढ़", "बाढ", "भारी बारिश", "भूकंप", "राहत", "बचाव", "नियंत्रण कक्ष",
        "कंट्रोल रूम", "आश्रय", "आपदा", "तैनात", "अलर्ट",
        "sthalantar", "vavazodu", "bachav", "rahat", "baadh", "aapda",
    ),
    "meeting": (
        "meeting", "vc ", "video conferenc", "review meet", "attend", "venue", "conference hall", "agenda",
        "બેઠક", "મીટિંગ", "મીટીંગ", "હાજર", "વીસી", "વિડિયો કોન્ફરન્સ",
        "बैठक", "मीटिंग", "उपस्थित", "वीसी", "वीडियो कॉन्फ्रेंस",
        "baithak", "bethak", "hajar",
    ),
    "event": (
        "event", "programme", "program ", "function", "celebrat", "ceremony", "visit", "yatra", "mela", "fair ",
        "camp", "parade", "independence day", "republic day", "inaugurat", "rally", "utsav", "mahotsav",
        "કાર્યક્રમ", "ઉજવણી", "મુલાકાત", "સમારોહ", "ઉત્સવ", "મહોત્સવ", "યાત્રા", "મેળો", "કેમ્પ",
        "कार्यक्रम", "समारोह", "दौरा", "उत्सव", "महोत्सव", "यात्रा", "मेला", "शिविर",
        "karyakram", "ujavani",
    ),
    "information_request": (
        "send", "report", "submit", "furnish", "details", "information", "data", "statement", "list of",
        "status", "update", "compliance", "reply", "provide",
        "મોકલ", "રિપોર્ટ", "અહેવાલ", "માહિતી", "વિગત", "રજૂ", "પત્રક", "જાણ કર",
        "भेज", "रिपोर्ट", "जानकारी", "विवरण", "सूचना", "प्रस्तुत", "प्रतिवेदन",
        "mokal", "mahiti", "vigat", "bhej", "jankari",
    ),
}
_PATTERNS = {
    kind: re.compile(START + "(?:" + "|".join(re.escape(stem) for stem in stems) + ")")
    for kind, stems in _STEMS.items()
}


def instruction_kind(text: str) -> str:
    """The kind of an instruction: one of KINDS ("general" when no kind's words appear)."""
    normal = normalise(text) + " "
    counts = {kind: len(pattern.findall(normal)) for kind, pattern in _PATTERNS.items()}
    best = max(KINDS[:-1], key=lambda kind: counts[kind])  # ties go to the earlier kind
    return best if counts[best] else "general"
