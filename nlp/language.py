"""Which language a message is written in: "gu", "hi" or "en".

Script decides first; for Latin letters, common Gujarati or Hindi function
words mark romanised Gujarati or Hindi.
"""
from __future__ import annotations

import re

# Each written "one of the class, then any more" rather than "+": a search for a pattern that opens with a
# repeat tries a whole match at every character, one that opens with a class tests each character against
# the class (the same matches, a third fewer instructions).
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z]*")
_GUJARATI_RUN = re.compile(r"[\u0A80-\u0AFF][\u0A80-\u0AFF]*")
_DEVANAGARI_RUN = re.compile(r"[\u0900-\u097F\uA8E0-\uA8FF][\u0900-\u097F\uA8E0-\uA8FF]*")

# Words that are frequent in romanised Gujarati or Hindi and rare in English.
_GU_WORDS = frozenset(
    """che chhe chhee nathi hatu hati hata thase thashe thay thayu thayo karvu karvanu karva
    karsho karjo karo aapva aapvu aapsho aapjo mokli moklo mokalva mokalsho mokaljo tamne tamaru tamara
    amne amaru maru taru aaje kale kaale haju hju pan ane etle jethi mate maate vishe
    saathe sathe upar niche nahi nai shu su kem kyare kya jovu joie joiye joie
    vage vaage rehvu rehva raheshe rakhvu rakhva badha badhaj tame ame aavo aavjo aavshe
    bethak baithak sahebshri saheb vaat vat bahar thi ma nu ni na""".split()
)
_HI_WORDS = frozenset(
    """hai hain tha thi hoga hogi honge karna karein karen kijiye kijie krna krein
    bhejen bhejein bheje bhejiye dijiye dijie dein aap apna apni apne hum hamara hamari
    mein mai se ko ka ki ke nahi nahin kya kyon kaise kab abhi aaj kal baje bajey
    kripya krupya sabhi sab yeh ye woh vo wo aur lekin kyunki isliye jaldi turant
    rahen rahein rahe rahiye chahiye hona hoga baithak jankari soochna suchna""".split()
)
# Words shared by both lists count for neither.
_SHARED = _GU_WORDS & _HI_WORDS
_GU_ONLY = _GU_WORDS - _SHARED
_HI_ONLY = _HI_WORDS - _SHARED
_EITHER = _GU_ONLY | _HI_ONLY
# The romanised Gujarati and Hindi function words, as a whole (what marks a Latin-letter message as romanised).
ROMANISED_FUNCTION_WORDS = _EITHER


# Below this many texts not in ASCII, script_counts counts each with two searches (the same counts).
_FEW_WIDE = 8


def _script_count(text: str) -> tuple[int, int]:
    # Counted by runs of the script rather than character by character: the same counts, fewer strings.
    return sum(map(len, _GUJARATI_RUN.findall(text))), sum(map(len, _DEVANAGARI_RUN.findall(text)))


def script_counts(texts: list[str]) -> list[tuple[int, int] | None]:
    """Each text's Gujarati and Devanagari characters (as `detect_language` counts them), counted for many texts
    with a few array operations over their code points instead of two searches per text; None for an ASCII text."""
    out: list[tuple[int, int] | None] = [None] * len(texts)
    wide = [i for i, text in enumerate(texts) if not text.isascii()]
    if len(wide) < _FEW_WIDE:
        # A few texts (the bot's batches): two searches each cost less than the arrays' set-up.
        for i in wide:
            out[i] = _script_count(texts[i])
        return out
    import numpy as np

    # (A lone surrogate, which a JSON escape can give, is a code point like any other here.)
    codes = np.frombuffer("".join([texts[i] for i in wide]).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    gujarati = (codes >= 0x0A80) & (codes <= 0x0AFF)
    devanagari = ((codes >= 0x0900) & (codes <= 0x097F)) | ((codes >= 0xA8E0) & (codes <= 0xA8FF))
    ends = np.cumsum([len(texts[i]) for i in wide])
    starts = ends - [len(texts[i]) for i in wide]
    totals = []
    for marks in (gujarati, devanagari):
        running = np.concatenate(([0], np.cumsum(marks, dtype=np.int64)))
        totals.append((running[ends] - running[starts]).tolist())
    for i, gu, hi in zip(wide, *totals):
        out[i] = (gu, hi)
    return out


def detect_language(text: str, counts: tuple[int, int] | None = None) -> str:
    """Return "gu", "hi" or "en" for `text` (romanised Gujarati or Hindi included). `counts`, when given, are
    the text's Gujarati and Devanagari characters (`script_counts`)."""
    if text.isascii():
        gu = hi = 0
    elif counts is not None:
        gu, hi = counts
    else:
        gu, hi = _script_count(text)
    if gu or hi:
        # The Latin letters are at most the characters that are neither Gujarati nor Devanagari (lower-casing
        # changes neither script): when the script's count outweighs even that, the words need not be found.
        # (The length of the lower-cased text, without lower-casing it: only İ lower-cases to two characters.)
        if max(gu, hi) * 2 >= len(text) + text.count("\u0130") - gu - hi:
            return "gu" if gu >= hi else "hi"
    lowered = text.lower()
    latin_words = _LATIN_WORD.findall(lowered)
    if gu or hi:
        # A message mostly in Indian script reads in that script's language.
        if max(gu, hi) * 2 >= sum(map(len, latin_words)):
            return "gu" if gu >= hi else "hi"
    script = "gu" if gu > hi else ("hi" if hi > gu else "en")
    if not latin_words:
        return script
    if _EITHER.isdisjoint(latin_words):
        # No Gujarati or Hindi word at all (most English messages): no counting to do.
        return script
    gu_hits = sum(map(_GU_ONLY.__contains__, latin_words))
    hi_hits = sum(map(_HI_ONLY.__contains__, latin_words))
    if gu_hits == hi_hits:
        return script
    best, hits = ("gu", gu_hits) if gu_hits > hi_hits else ("hi", hi_hits)
    if hits >= 2 and hits * 6 >= len(latin_words):
        return best
    return script
