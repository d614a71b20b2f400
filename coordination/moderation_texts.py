"""What moderation says to members (in English, Gujarati or Hindi, as they wrote) and to admins.

A warning names what was found by its reason (nlp.reasons), never the value itself,
cites the circular's clause and says what to do instead.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from html import escape

from nlp.reasons import describe
from storage.flags import Finding, Flag
from storage.policies import MODERATED_LABELS

CIRCULAR = "ITP/102019/35/H2"
MESSAGE_LIMIT = 4096

LABEL_NAMES = {
    "en": {
        "confidential": "confidential or policy matter (§2)",
        "personal_data": "personal data (§8, privacy)",
        "hostile": "hostile or defamatory content (§8)",
    },
    "gu": {
        "confidential": "ગોપનીય કે નીતિ વિષયક બાબત (§2)",
        "personal_data": "અંગત માહિતી (§8, ગોપનીયતા)",
        "hostile": "દ્વેષપૂર્ણ કે બદનક્ષીકારક લખાણ (§8)",
    },
    "hi": {
        "confidential": "गोपनीय या नीति संबंधी विषय (§2)",
        "personal_data": "व्यक्तिगत जानकारी (§8, निजता)",
        "hostile": "द्वेषपूर्ण या मानहानिकारक सामग्री (§8)",
    },
}

ADVICE = {
    "en": {
        "confidential": "Send confidential matters and policy proposals by official e-mail (§1), not in this group.",
        "personal_data": "Share aggregate figures instead of names and numbers.",
        "hostile": "Keep to the facts about work and performance.",
    },
    "gu": {
        "confidential": "ગોપનીય બાબતો અને નીતિ વિષયક દરખાસ્તો આ જૂથમાં નહીં, સત્તાવાર ઈ-મેલ (§1) દ્વારા મોકલો.",
        "personal_data": "નામ અને નંબરને બદલે કુલ આંકડા જણાવો.",
        "hostile": "કામગીરી અંગેની હકીકતો પૂરતું જ લખો.",
    },
    "hi": {
        "confidential": "गोपनीय विषय और नीति प्रस्ताव इस समूह में नहीं, आधिकारिक ई-मेल (§1) से भेजें।",
        "personal_data": "नाम और नंबर के बजाय कुल आँकड़े साझा करें।",
        "hostile": "कार्य और प्रदर्शन से जुड़े तथ्यों तक ही सीमित रहें।",
    },
}

_TEXTS = {
    "en": {
        "reply": "⚠️ This message appears to contain:",
        "deleted": "⚠️ {who}, your message was removed from the group (it is kept in the official record)."
                   " It appears to contain:",
        "combined": "⚠️ {who}, {count} of your messages in the last minute appear to contain:",
        "removed": "(removed)",
        "told_restore": "The group's admins have been told; if it was not a violation, they can restore it.",
        "told_review": "The group's admins have been told and will review it.",
        "circular": f"Revenue Department circular {CIRCULAR}.",
        "closed": "✅ Thank you: after your edit this message no longer contains what was flagged,"
                  " so the flag is closed.",
        "restored": "Message from {who}, restored after review:",
        "attachment_reply": "⚠️ The file attached to this message appears to contain:",
        "attachment_deleted": "⚠️ {who}, your file was removed from the group (it is kept in the official record)."
                              " It appears to contain:",
        "removal_notice": "⚠️ {who}, your message was removed from the group (it is kept in the official record)"
                          " because it appears to break circular {circular}. The reasons follow in a minute.",
    },
    "gu": {
        "reply": "⚠️ આ સંદેશમાં નીચેની બાબત હોવાનું જણાય છે:",
        "deleted": "⚠️ {who}, તમારો સંદેશ જૂથમાંથી દૂર કરવામાં આવ્યો છે (તે સત્તાવાર રેકોર્ડમાં સચવાયેલો છે)."
                   " તેમાં નીચેની બાબત હોવાનું જણાય છે:",
        "combined": "⚠️ {who}, છેલ્લી એક મિનિટમાં તમારા {count} સંદેશામાં નીચેની બાબતો હોવાનું જણાય છે:",
        "removed": "(દૂર કરાયો)",
        "told_restore": "જૂથના એડમિનને જાણ કરવામાં આવી છે; જો ઉલ્લંઘન ન હોય તો તેઓ સંદેશ પાછો મૂકી શકે છે.",
        "told_review": "જૂથના એડમિનને જાણ કરવામાં આવી છે અને તેઓ તેની સમીક્ષા કરશે.",
        "circular": f"મહેસૂલ વિભાગનો પરિપત્ર {CIRCULAR}.",
        "closed": "✅ આભાર: સુધારા પછી આ સંદેશમાં ધ્યાને આવેલી બાબત રહી નથી, તેથી ફ્લેગ બંધ કરવામાં આવ્યો છે.",
        "restored": "{who}નો સંદેશ, સમીક્ષા પછી પાછો મૂકવામાં આવ્યો:",
        "attachment_reply": "⚠️ આ સંદેશ સાથે જોડેલી ફાઇલમાં નીચેની બાબત હોવાનું જણાય છે:",
        "attachment_deleted": "⚠️ {who}, તમારી ફાઇલ જૂથમાંથી દૂર કરવામાં આવી છે (તે સત્તાવાર રેકોર્ડમાં સચવાયેલી છે)."
                              " તેમાં નીચેની બાબત હોવાનું જણાય છે:",
        "removal_notice": "⚠️ {who}, તમારો સંદેશ જૂથમાંથી દૂર કરવામાં આવ્યો છે (તે સત્તાવાર રેકોર્ડમાં સચવાયેલો છે),"
                          " કારણ કે તે પરિપત્ર {circular}નું ઉલ્લંઘન કરતો જણાય છે. કારણો એક મિનિટમાં જણાવવામાં આવશે.",
    },
    "hi": {
        "reply": "⚠️ इस संदेश में निम्नलिखित बात प्रतीत होती है:",
        "deleted": "⚠️ {who}, आपका संदेश समूह से हटा दिया गया है (यह आधिकारिक रिकॉर्ड में सुरक्षित है)।"
                   " इसमें निम्नलिखित बात प्रतीत होती है:",
        "combined": "⚠️ {who}, पिछले एक मिनट में आपके {count} संदेशों में निम्नलिखित बातें प्रतीत होती हैं:",
        "removed": "(हटाया गया)",
        "told_restore": "समूह के एडमिन को सूचित कर दिया गया है; यदि यह उल्लंघन नहीं है तो वे संदेश वापस ला सकते हैं।",
        "told_review": "समूह के एडमिन को सूचित कर दिया गया है और वे इसकी समीक्षा करेंगे।",
        "circular": f"राजस्व विभाग का परिपत्र {CIRCULAR}.",
        "closed": "✅ धन्यवाद: संपादन के बाद इस संदेश में चिह्नित बात नहीं रही, इसलिए फ़्लैग बंद कर दिया गया है।",
        "restored": "{who} का संदेश, समीक्षा के बाद वापस लाया गया:",
        "attachment_reply": "⚠️ इस संदेश के साथ संलग्न फ़ाइल में निम्नलिखित बात प्रतीत होती है:",
        "attachment_deleted": "⚠️ {who}, आपकी फ़ाइल समूह से हटा दी गई है (यह आधिकारिक रिकॉर्ड में सुरक्षित है)।"
                              " इसमें निम्नलिखित बात प्रतीत होती है:",
        "removal_notice": "⚠️ {who}, आपका संदेश समूह से हटा दिया गया है (यह आधिकारिक रिकॉर्ड में सुरक्षित है),"
                          " क्योंकि यह परिपत्र {circular} का उल्लंघन प्रतीत होता है। कारण एक मिनट में बताए जाएँगे।",
    },
}


def language_of(language: str) -> str:
    """One of en, gu, hi (English for anything else)."""
    return language if language in _TEXTS else "en"


def most_common_language(flagged: Sequence[Flag]) -> str:
    """The language most of the flagged messages were written in (the latest wins a tie)."""
    counts = Counter(flag.language for flag in flagged)
    best = max(counts.values())
    return next(flag.language for flag in reversed(flagged) if counts[flag.language] == best)


def reasons(flag: Flag, label: str, language: str) -> str:
    """What was found for one label, by its reasons ("an Aadhaar number; a PAN (income-tax) number")."""
    return "; ".join(dict.fromkeys(describe(code, language, label) for code in flag.reason_codes(label)))


def finding_lines(flag: Flag, language: str, *, mark_removed: bool) -> list[str]:
    """One bullet per label of a flag."""
    texts = _TEXTS[language]
    suffix = f" {texts['removed']}" if mark_removed and flag.deleted else ""
    return [
        f"• {escape(reasons(flag, label, language))} — {escape(LABEL_NAMES[language][label])}{escape(suffix)}"
        for label in flag.labels
        if label in LABEL_NAMES[language]
    ]


def warning_text(
    flags: Sequence[Flag], language: str, *, who: str, notified: bool, attachment: bool = False
) -> str:
    """The warning for one flag (a reply, or a mention if removed) or for several combined (a mention).

    who is an HTML mention of the member; attachment: what was found is in the message's file.
    """
    language = language_of(language)
    texts = _TEXTS[language]
    lead = "attachment_" if attachment else ""
    if len(flags) > 1:
        lines = [escape(texts["combined"]).format(who=who, count=len(flags))]
    elif flags[0].deleted:
        lines = [escape(texts[lead + "deleted"]).format(who=who)]
    else:
        lines = [escape(texts[lead + "reply"])]
    for flag in flags:
        lines += finding_lines(flag, language, mark_removed=len(flags) > 1)
    found = {label for flag in flags for label in flag.labels}
    lines += [escape(ADVICE[language][label]) for label in MODERATED_LABELS if label in found]
    if notified:
        lines.append(escape(texts["told_restore"] if any(flag.deleted for flag in flags) else texts["told_review"]))
    lines.append(escape(texts["circular"]))
    return "\n".join(lines)


def removal_notice_text(language: str, *, who: str) -> str:
    """The short notice, at once, when a message is removed while the member's warnings are held back.

    The full warning (what was found, what to do instead) follows in the combined warning.
    who is an HTML mention of the member.
    """
    return escape(_TEXTS[language_of(language)]["removal_notice"]).format(who=who, circular=CIRCULAR)


def closed_text(language: str) -> str:
    """The brief reply when an edit removed what was flagged."""
    return escape(_TEXTS[language_of(language)]["closed"])


def restored_text(language: str, name: str, text: str) -> str:
    """The bot's repost of a message an admin found was not a violation.

    Quoted when it fits in one Telegram message; a longer one is split at line ends by the
    outbox, which a quote spanning the parts would not survive, so it goes unquoted.
    """
    head = escape(_TEXTS[language_of(language)]["restored"].format(who=name))
    quoted = f"{head}\n<blockquote>{escape(text)}</blockquote>"
    return quoted if len(quoted) <= MESSAGE_LIMIT else f"{head}\n{escape(text)}"


def restored_caption(language: str, name: str) -> str:
    """The caption of a file the bot posts again after an admin found it was not a violation."""
    return escape(_TEXTS[language_of(language)]["restored"].format(who=name))


def masked(text: str, findings: Sequence[Finding]) -> str:
    """The text with every flagged value replaced by what it is ("[an Aadhaar number]").

    The classifier's evidence names no value (it spans the sentence), so it is left readable.
    """
    spans = sorted((f.start, f.end, f.label, f.reason_code) for f in findings if f.reason_code != "classifier")
    pieces, position = [], 0
    for start, end, label, code in spans:
        start, end = max(start, position), min(end, len(text))
        if start >= end:
            continue
        pieces += [text[position:start], f"[{describe(code, 'en', label)}]"]
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def message_link(chat_id: int, message_id: int) -> str | None:
    """The t.me link to a message in a supergroup (basic groups have none)."""
    digits = str(chat_id)
    if not digits.startswith("-100"):
        return None
    return f"https://t.me/c/{digits[4:]}/{message_id}"


def summary(flag: Flag) -> str:
    """Labels and reasons of a flag in one English line: "personal data (§8, privacy): an Aadhaar number"."""
    return "; ".join(f"{LABEL_NAMES['en'][label]}: {reasons(flag, label, 'en')}" for label in flag.labels)


def doubtful_summary(flag: Flag) -> str:
    """The labels an acted flag also had, only as doubtful, in one English line."""
    return "; ".join(LABEL_NAMES["en"][label] for label in flag.also_doubtful if label in LABEL_NAMES["en"])
