"""Member-readable reasons for each reason code, in English, Gujarati and Hindi.

A reason names the kind of content, never the value that was found.
"""
from __future__ import annotations

LANGUAGES = ("en", "gu", "hi")

_REASONS: dict[str, dict[str, str]] = {
    "aadhaar": {
        "en": "an Aadhaar number",
        "gu": "આધાર નંબર",
        "hi": "आधार संख्या",
    },
    "pan": {
        "en": "a PAN (income-tax) number",
        "gu": "પાન (આવકવેરા) નંબર",
        "hi": "पैन (आयकर) संख्या",
    },
    "voter_id": {
        "en": "a voter ID (EPIC) number",
        "gu": "મતદાર ઓળખપત્ર (EPIC) નંબર",
        "hi": "मतदाता पहचान पत्र (EPIC) संख्या",
    },
    "passport": {
        "en": "a passport number",
        "gu": "પાસપોર્ટ નંબર",
        "hi": "पासपोर्ट संख्या",
    },
    "bank_account": {
        "en": "a bank account number",
        "gu": "બેંક ખાતા નંબર",
        "hi": "बैंक खाता संख्या",
    },
    "mobile_number": {
        "en": "a private mobile number",
        "gu": "ખાનગી મોબાઇલ નંબર",
        "hi": "निजी मोबाइल नंबर",
    },
    "email_address": {
        "en": "a private e-mail address",
        "gu": "ખાનગી ઈ-મેલ સરનામું",
        "hi": "निजी ई-मेल पता",
    },
    "sensitive_attribute": {
        "en": "a named person's sensitive details (health, caste or religion, a case or dispute, a benefit or home address)",
        "gu": "નામ સાથે વ્યક્તિની સંવેદનશીલ વિગતો (આરોગ્ય, જ્ઞાતિ કે ધર્મ, કેસ કે તકરાર, લાભ કે ઘરનું સરનામું)",
        "hi": "नाम सहित व्यक्ति का संवेदनशील विवरण (स्वास्थ्य, जाति या धर्म, मुकदमा या विवाद, लाभ या घर का पता)",
    },
    "marked_confidential": {
        "en": "marked confidential",
        "gu": "ગોપનીય તરીકે દર્શાવેલ માહિતી",
        "hi": "गोपनीय के रूप में चिह्नित जानकारी",
    },
    "policy_proposal": {
        "en": "draft policy proposal",
        "gu": "નીતિ અંગેની મુસદ્દારૂપ દરખાસ્ત",
        "hi": "नीति का प्रारूप प्रस्ताव",
    },
    "sensitive_operation": {
        "en": "sensitive operational detail",
        "gu": "સંવેદનશીલ કામગીરીની વિગત",
        "hi": "संवेदनशील कार्य-संचालन का विवरण",
    },
    "abuse": {
        "en": "abusive or insulting language",
        "gu": "અપમાનજનક કે અપશબ્દવાળી ભાષા",
        "hi": "अपमानजनक या अपशब्द वाली भाषा",
    },
    "threat": {
        "en": "a threat",
        "gu": "ધમકી",
        "hi": "धमकी",
    },
    "defamation": {
        "en": "a possibly defamatory allegation about a person or office",
        "gu": "વ્યક્તિ કે કચેરી વિશે બદનક્ષીકારક આક્ષેપ",
        "hi": "किसी व्यक्ति या कार्यालय के बारे में मानहानिकारक आरोप",
    },
    "enmity": {
        "en": "content that may create enmity between groups",
        "gu": "સમુદાયો વચ્ચે વૈમનસ્ય ફેલાવી શકે તેવી સામગ્રી",
        "hi": "समुदायों के बीच वैमनस्य फैला सकने वाली सामग्री",
    },
    "directive": {
        "en": "an official directive",
        "gu": "સત્તાવાર સૂચના",
        "hi": "आधिकारिक निर्देश",
    },
    "meeting": {
        "en": "a meeting instruction",
        "gu": "બેઠક અંગેની સૂચના",
        "hi": "बैठक संबंधी निर्देश",
    },
    "information_request": {
        "en": "a request for information or a report",
        "gu": "માહિતી કે અહેવાલ માટેની માંગણી",
        "hi": "जानकारी या रिपोर्ट का अनुरोध",
    },
    "disaster_directive": {
        "en": "a disaster-response directive",
        "gu": "આપત્તિ વ્યવસ્થાપન અંગેની સૂચના",
        "hi": "आपदा प्रबंधन संबंधी निर्देश",
    },
}

# The classifier's reason depends on the label it supports.
_CLASSIFIER_REASONS: dict[str, dict[str, str]] = {
    "confidential": {
        "en": "reads like confidential information or an unreleased proposal",
        "gu": "ગોપનીય માહિતી કે જાહેર ન થયેલી દરખાસ્ત જેવું લખાણ",
        "hi": "गोपनीय जानकारी या अघोषित प्रस्ताव जैसा लेख",
    },
    "personal_data": {
        "en": "reads like a private person's personal details",
        "gu": "ખાનગી વ્યક્તિની અંગત વિગતો જેવું લખાણ",
        "hi": "किसी निजी व्यक्ति के व्यक्तिगत विवरण जैसा लेख",
    },
    "hostile": {
        "en": "reads as abusive, threatening, defamatory or divisive",
        "gu": "અપમાનજનક, ધમકીભર્યું, બદનક્ષીકારક કે વૈમનસ્ય ફેલાવતું લખાણ",
        "hi": "अपमानजनक, धमकी भरा, मानहानिकारक या विभाजनकारी लेख",
    },
    "instruction": {
        "en": "reads as an official instruction or request for action",
        "gu": "સત્તાવાર સૂચના કે કાર્યવાહીની માંગણી જેવું લખાણ",
        "hi": "आधिकारिक निर्देश या कार्रवाई के अनुरोध जैसा लेख",
    },
}

_GENERIC = {
    "en": "flagged by the content filter",
    "gu": "સામગ્રી ચકાસણીમાં ધ્યાને આવેલ",
    "hi": "सामग्री जाँच में चिह्नित",
}

REASON_CODES: tuple[str, ...] = tuple(_REASONS) + ("classifier",)


def describe(reason_code: str, language: str = "en", label: str | None = None) -> str:
    """The member-readable reason for `reason_code` in "en", "gu" or "hi"."""
    lang = language if language in LANGUAGES else "en"
    if reason_code == "classifier":
        return _CLASSIFIER_REASONS.get(label or "", _GENERIC)[lang]
    table = _REASONS.get(reason_code)
    if table is None:
        return _GENERIC[lang]
    return table[lang]
