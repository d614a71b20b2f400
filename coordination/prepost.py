"""The pre-post check of a social-media draft, in a private chat (circular §4, §8, §9).

The answer lists what the content filter finds for a public post: personal data, names of
individuals (§8 advises aggregate information), hostile or defamatory content (§8), confidential
or policy content (§2, §4); and reminds that a personal account posting on policy adds a
disclaimer (§9). Nothing of the draft is stored: the answer names reasons and counts, never the
draft's words (and is not a reply, which Telegram's answer in the outbox would quote); the inbox
drops the update's content once handled; only a daily count remains.
"""

from __future__ import annotations

from datetime import timedelta
from html import escape

from coordination.collaborators import Collaborators
from coordination.filtering import content_filter_of
from coordination.moderation_texts import language_of
from nlp import Verdict
from nlp.names import find_person_names
from nlp.reasons import describe
from runtime.purposes import Purpose
from runtime.scope import current_scope
from storage import prepost

WAIT = timedelta(minutes=10)  # how long a bare /check waits for the draft

_TEXTS = {
    "en": {
        "head": "Pre-post check of your draft (nothing of it is kept):",
        "personal_data": "• Personal data (§8, privacy): {reasons}. Remove it before posting.",
        "names": "• Names of individuals: {count}. §8 advises avoiding specific names and sharing aggregate"
                 " information.",
        "hostile": "• Hostile or defamatory content (§8): {reasons}. Do not post what may defame someone or create"
                   " enmity between groups.",
        "confidential": "• Confidential or policy content (§2, §4): {reasons}. Post only decisions, GRs and"
                        " notifications already made public (§4).",
        "clear": "No personal data, names of individuals, hostile or confidential content found.",
        "disclaimer": "If you post from a personal account on a policy matter, add a disclaimer that the views are"
                      " your own and not the Government's (§9).",
    },
    "gu": {
        "head": "તમારા મુસદ્દાની પોસ્ટ પહેલાંની ચકાસણી (તેમાંનું કશું સાચવવામાં આવતું નથી):",
        "personal_data": "• અંગત માહિતી (§8, ગોપનીયતા): {reasons}. પોસ્ટ કરતાં પહેલાં તે દૂર કરો.",
        "names": "• વ્યક્તિઓનાં નામ: {count}. §8 મુજબ ચોક્કસ નામોનો ઉલ્લેખ ટાળીને કુલ માહિતી આપવી જોઈએ.",
        "hostile": "• દ્વેષપૂર્ણ કે બદનક્ષીકારક લખાણ (§8): {reasons}. કોઈની બદનક્ષી થાય કે જૂથો વચ્ચે વૈમનસ્ય ફેલાય"
                   " તેવું લખાણ પોસ્ટ ન કરો.",
        "confidential": "• ગોપનીય કે નીતિ વિષયક લખાણ (§2, §4): {reasons}. માત્ર જાહેર થઈ ચૂકેલા નિર્ણયો, ઠરાવો અને"
                        " જાહેરનામાં જ પોસ્ટ કરો (§4).",
        "clear": "અંગત માહિતી, વ્યક્તિઓનાં નામ, દ્વેષપૂર્ણ કે ગોપનીય લખાણ જોવા મળ્યું નથી.",
        "disclaimer": "જો તમે અંગત ખાતામાંથી નીતિ વિષયક બાબતે પોસ્ટ કરો તો સ્પષ્ટતા ઉમેરો કે આ વિચારો તમારા પોતાના છે,"
                      " સરકારના નથી (§9).",
    },
    "hi": {
        "head": "पोस्ट करने से पहले आपके मसौदे की जाँच (इसका कुछ भी सहेजा नहीं जाता):",
        "personal_data": "• व्यक्तिगत जानकारी (§8, निजता): {reasons}। पोस्ट करने से पहले इसे हटा दें।",
        "names": "• व्यक्तियों के नाम: {count}। §8 के अनुसार विशिष्ट नामों से बचें और समग्र जानकारी साझा करें।",
        "hostile": "• द्वेषपूर्ण या मानहानिकारक सामग्री (§8): {reasons}। ऐसी सामग्री पोस्ट न करें जिससे किसी की"
                   " मानहानि हो या समूहों के बीच वैमनस्य फैले।",
        "confidential": "• गोपनीय या नीति संबंधी सामग्री (§2, §4): {reasons}। केवल सार्वजनिक हो चुके निर्णय,"
                        " संकल्प (GR) और अधिसूचनाएँ ही पोस्ट करें (§4)।",
        "clear": "कोई व्यक्तिगत जानकारी, व्यक्तियों के नाम, द्वेषपूर्ण या गोपनीय सामग्री नहीं मिली।",
        "disclaimer": "यदि आप निजी खाते से किसी नीति संबंधी विषय पर पोस्ट करते हैं, तो यह अस्वीकरण जोड़ें कि ये"
                      " विचार आपके अपने हैं, सरकार के नहीं (§9)।",
    },
}
SEND_DRAFT = ("Send me the draft as your next message (within 10 minutes). I answer with what a public post should"
              " not carry; nothing of the draft is kept.")
ONLY_PRIVATE = ("The pre-post check works in a private chat with me, so that a draft is not posted in a group."
                " Open a chat with me and send /check there.")


def report(verdict: Verdict, names: int) -> str:
    """What a draft should not carry into a public post, in the draft's language, with the §9 reminder."""
    language = language_of(verdict.language)
    texts = _TEXTS[language]
    lines = [texts["head"]]

    def reasons(label: str) -> str:
        codes = dict.fromkeys(evidence.reason_code for evidence in verdict.for_label(label))
        return "; ".join(dict.fromkeys(describe(code, language, label) for code in codes))

    if verdict.has("personal_data"):
        lines.append(texts["personal_data"].format(reasons=reasons("personal_data")))
    if names:
        lines.append(texts["names"].format(count=names))
    for label in ("hostile", "confidential"):
        if verdict.has(label):
            lines.append(texts[label].format(reasons=reasons(label)))
    if len(lines) == 1:
        lines.append(texts["clear"])
    lines.append(texts["disclaimer"])
    return escape("\n".join(lines))


async def await_draft(c: Collaborators, user_id: int, chat_id: int) -> None:
    """/check alone: the next private message within WAIT is the draft; ask for it."""
    async with c.db.transaction() as tx:
        await prepost.await_draft(tx, user_id, at=c.clock.now())
        await c.outbox.send_message(tx, chat_id, escape(SEND_DRAFT), purpose=Purpose.PREPOST_ASK)


async def is_awaiting(c: Collaborators, user_id: int) -> bool:
    """Whether this person's private message is the draft a bare /check waits for."""
    return await prepost.is_awaiting(c.db, user_id, now=c.clock.now(), within=WAIT)


async def check_draft(c: Collaborators, user_id: int, chat_id: int, draft: str) -> None:
    """Answer with what the draft should not carry into a public post; keep nothing of it but the day's count."""
    _forget_this_update()
    verdict = await content_filter_of(c).check(draft)
    answer = report(verdict, len(find_person_names(draft)))
    async with c.db.transaction() as tx:
        await prepost.stop_awaiting(tx, user_id)
        await prepost.count_check(tx, at=c.clock.now())
        # Not a reply: Telegram's answer (kept in the outbox) would quote the draft.
        await c.outbox.send_message(tx, chat_id, answer, purpose=Purpose.PREPOST_REPORT)


def _forget_this_update() -> None:
    """The inbox drops this update's content once it is handled: it carries a draft, which is not kept."""
    scope = current_scope()
    if scope is not None:
        scope.forget_payload = True
