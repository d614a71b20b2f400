"""What members and admins read when the filter finds something: in English, Gujarati and Hindi.

A warning names what was found by its reason (never the value), cites the circular's
clause, and says what to do instead.
"""

from __future__ import annotations

from html import escape

from nlp.reasons import describe

CLAUSE = {"confidential": "§2", "personal_data": "§8", "hostile": "§8", "instruction": "§2"}

ADVICE = {
    "confidential": {
        "en": "The circular (§2) keeps confidential information and policy proposals off messaging groups:"
        " send them by official e-mail (§1) or on file.",
        "gu": "પરિપત્ર (§2) મુજબ ગોપનીય માહિતી અને નીતિ વિષયક દરખાસ્તો મેસેજિંગ ગ્રુપમાં મૂકવાની નથી:"
        " તે સરકારી ઇ-મેઇલ (§1) કે ફાઇલ મારફતે મોકલો.",
        "hi": "परिपत्र (§2) के अनुसार गोपनीय जानकारी और नीति संबंधी प्रस्ताव मैसेजिंग समूहों में साझा नहीं किए"
        " जाते: इन्हें सरकारी ई-मेल (§1) या फ़ाइल से भेजें।",
    },
    "personal_data": {
        "en": "Citizens' personal data must not be shared here (§8, privacy): give aggregate figures instead of"
        " names and numbers, and send individual cases by official e-mail.",
        "gu": "નાગરિકોની અંગત માહિતી અહીં મૂકવાની નથી (§8, ગોપનીયતા): નામ અને નંબરને બદલે કુલ આંકડા આપો,"
        " અને વ્યક્તિગત કેસ સરકારી ઇ-મેઇલથી મોકલો.",
        "hi": "नागरिकों की निजी जानकारी यहाँ साझा नहीं की जाती (§8, निजता): नाम और नंबर की जगह कुल आँकड़े दें,"
        " और व्यक्तिगत मामले सरकारी ई-मेल से भेजें।",
    },
    "hostile": {
        "en": "Content that defames, abuses or stirs enmity between groups of people is not allowed (§8):"
        " keep to the facts of the work.",
        "gu": "બદનક્ષી, અપશબ્દો કે લોકો વચ્ચે વૈમનસ્ય ફેલાવતી સામગ્રીની મંજૂરી નથી (§8): કામની હકીકતો પૂરતું જ લખો.",
        "hi": "मानहानि, अपशब्द या लोगों के बीच वैमनस्य फैलाने वाली सामग्री की अनुमति नहीं है (§8):"
        " काम के तथ्यों तक ही सीमित रहें।",
    },
    "instruction": {
        "en": "Instructions given here are kept in the official record (§2).",
        "gu": "અહીં અપાયેલી સૂચનાઓ સત્તાવાર રેકોર્ડમાં રખાય છે (§2).",
        "hi": "यहाँ दिए गए निर्देश आधिकारिक रिकॉर्ड में रखे जाते हैं (§2)।",
    },
}

_FOUND_ONE = {
    "en": "⚠️ {who}, your message contains {reasons}.",
    "gu": "⚠️ {who}, આપના સંદેશમાં {reasons} જોવા મળ્યું.",
    "hi": "⚠️ {who}, आपके संदेश में {reasons} पाया गया।",
}
_FOUND_MANY = {
    "en": "⚠️ {who}, your last {count} messages here contained {reasons}.",
    "gu": "⚠️ {who}, અહીં આપના છેલ્લા {count} સંદેશાઓમાં {reasons} જોવા મળ્યું.",
    "hi": "⚠️ {who}, यहाँ आपके पिछले {count} संदेशों में {reasons} पाया गया।",
}
_REMOVED = {
    "en": "It was removed from the group and kept in the official record.",
    "gu": "તે ગ્રુપમાંથી દૂર કરાયો છે અને સત્તાવાર રેકોર્ડમાં સચવાયો છે.",
    "hi": "उसे समूह से हटा दिया गया है और आधिकारिक रिकॉर्ड में रखा गया है।",
}
_ADMINS_TOLD = {
    "en": "The group's admins have been told and can overrule this.",
    "gu": "ગ્રુપના એડમિનને જાણ કરાઈ છે; તેઓ આ નિર્ણય બદલી શકે છે.",
    "hi": "समूह के एडमिन को सूचित किया गया है; वे इस निर्णय को बदल सकते हैं।",
}
_EDIT_CLEARED = {
    "en": "✅ Thank you, {who}: after your edit, nothing in this message needs a warning.",
    "gu": "✅ આભાર, {who}: સુધારા પછી આ સંદેશમાં વાંધાજનક કશું નથી.",
    "hi": "✅ धन्यवाद, {who}: संपादन के बाद इस संदेश में आपत्तिजनक कुछ नहीं है।",
}
_RESTORED = {
    "en": "Message from {who}, restored after review (not a violation):",
    "gu": "{who}નો સંદેશ, સમીક્ષા પછી પાછો મૂક્યો (ઉલ્લંઘન નથી):",
    "hi": "{who} का संदेश, समीक्षा के बाद बहाल (उल्लंघन नहीं):",
}
_AND = {"en": "and", "gu": "અને", "hi": "और"}


def mention(user_id: int, name: str) -> str:
    """An HTML mention that notifies the member even when their message is gone."""
    return f'<a href="tg://user?id={int(user_id)}">{escape(name)}</a>'


def reasons_text(reasons: list[tuple[str, str]], language: str) -> str:
    """(reason code, label) pairs as one phrase in the language ("an Aadhaar number and a private mobile number")."""
    described = list(dict.fromkeys(describe(code, language, label=label) for code, label in reasons))
    if len(described) == 1:
        return escape(described[0])
    return escape(", ".join(described[:-1]) + f" {_AND[language]} " + described[-1])


def warning_text(
    *, who: str, language: str, reasons: list[tuple[str, str]], labels: list[str], messages: int, removed: bool,
    admins_told: bool,
) -> str:
    """The warning for one message or for a minute's messages combined (HTML)."""
    reasons_phrase = reasons_text(reasons, language)
    headline = (_FOUND_ONE if messages == 1 else _FOUND_MANY)[language].format(who=who, reasons=reasons_phrase, count=messages)
    lines = [headline]
    lines += [escape(ADVICE[label][language]) for label in labels]
    if removed:
        lines.append(escape(_REMOVED[language]))
    if admins_told:
        lines.append(escape(_ADMINS_TOLD[language]))
    return "\n".join(lines)


def edit_cleared_text(who: str, language: str) -> str:
    """A short note when an edit removed what was flagged."""
    return _EDIT_CLEARED[language].format(who=who)


def restored_text(who: str, language: str, original: str) -> str:
    """A message the bot deleted, reposted after an admin found it was not a violation."""
    return f"{_RESTORED[language].format(who=who)}\n<blockquote>{escape(original)}</blockquote>"
