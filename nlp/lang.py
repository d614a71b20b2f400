"""The spaCy language class for Samvad: one tokenizer for English, Gujarati
and Hindi (native script and romanised), and a NORM that matching keys on.

spaCy's punctuation rules only know Latin, Cyrillic, Greek and a few other
letters as alphabetic, so "માહિતી." stays one token; the rules here add the
Gujarati and Devanagari letters and signs. NORM undoes digits written for
letters (s3cr3t) and strips the commonest Gujarati case endings and Hindi
plural noun endings, so lexicon entries match inflected words.
"""
from __future__ import annotations

import re

from spacy.attrs import NORM
from spacy.lang.char_classes import (
    ALPHA,
    ALPHA_LOWER,
    ALPHA_UPPER,
    CONCAT_QUOTES,
    CURRENCY,
    HYPHENS,
    LIST_ELLIPSES,
    LIST_ICONS,
    LIST_PUNCT,
    LIST_QUOTES,
    PUNCT,
)
from spacy.lang.punctuation import TOKENIZER_PREFIXES
from spacy.lang.tokenizer_exceptions import URL_MATCH
from spacy.language import BaseDefaults, Language
from spacy.util import registry

LANG = "samvad"

# Devanagari and Gujarati letters, vowel signs and other signs; the dandas
# (U+0964, U+0965) stay punctuation.
INDIC = r"\u0900-\u0963\u0966-\u097F\u0A80-\u0AFF\uA8E0-\uA8FF"
_A = ALPHA + INDIC
_AL = ALPHA_LOWER + INDIC

SUFFIXES = (
    LIST_PUNCT
    + LIST_ELLIPSES
    + LIST_QUOTES
    + LIST_ICONS
    + ["'s", "'S", "’s", "’S", "—", "–"]
    + [
        r"(?<=[0-9])\+",
        r"(?<=°[FfCcKk])\.",
        rf"(?<=[0-9])(?:{CURRENCY})",
        rf"(?<=[0-9{_AL}{PUNCT}(?:{CONCAT_QUOTES})])\.",
        rf"(?<=[{ALPHA_UPPER}][{ALPHA_UPPER}])\.",
    ]
)
INFIXES = (
    LIST_ELLIPSES
    + LIST_ICONS
    + [
        r"(?<=[0-9])[+\-\*^](?=[0-9-])",
        rf"(?<=[{_AL}{CONCAT_QUOTES}])\.(?=[{ALPHA_UPPER}{INDIC}{CONCAT_QUOTES}])",
        rf"(?<=[{_A}]),(?=[{_A}])",
        rf"(?<=[{_A}0-9])(?:{HYPHENS})(?=[{_A}])",
        rf"(?<=[{_A}0-9])[:<>=/](?=[{_A}])",
        rf"(?<=[{_A}])[\u0964\u0965](?=[{_A}])",
    ]
)

# Gujarati postpositions are written joined to the noun (બેઠકમાં, "in the
# meeting"); longest first. Stems keep at least two characters.
_GU_ENDINGS = (
    "ઓમાંથી", "માંથી", "ઓમાં", "ઓની", "ઓનો", "ઓનું", "ઓના", "ઓને", "ઓથી",
    "માં", "થી", "નાં", "નું", "નો", "ની", "ના", "ને", "એ", "ઓ", "ે",
)
# Only noun endings: "-ें" also ends polite imperatives (करें, भेजें), which must stay apart.
_HI_ENDINGS = (("ियों", "ी"), ("ियां", "ी"), ("ाओं", "ा"), ("ाएं", "ा"), ("ों", ""), ("ो", ""))
_GU_CHAR = re.compile(r"[\u0A80-\u0AFF]")
_HI_CHAR = re.compile(r"[\u0900-\u097F]")
_LEET = str.maketrans("0134578", "oieastb")
_DIGIT_RUN = re.compile(r"\d+")
_LATIN_ALNUM = re.compile(r"[a-z0-9]+")


def _deleet(word: str) -> str:
    """Undo digits written for letters (s3cr3t, c0nfidential), sparing 10am, covid19, PAN-like codes."""
    letters = sum(c.isalpha() for c in word)
    if letters < 3:
        return word
    for run in _DIGIT_RUN.finditer(word):
        inside = 0 < run.start() and run.end() < len(word)
        if inside and len(run.group()) <= 2:
            continue
        if not inside and len(run.group()) == 1 and letters >= 4:
            continue
        return word
    return word.translate(_LEET)


def _stem_gujarati(word: str) -> str:
    changed = True
    while changed:
        changed = False
        for ending in _GU_ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= (3 if ending == "ે" else 2):
                word = word[: -len(ending)]
                changed = True
                break
    # Gender and case endings of nouns, adjectives and infinitives fold to
    # the oblique "ા": સોગંદનામું / સોગંદનામા-માં, કરવું / કરવો / કરવી / કરવા.
    if len(word) >= 4 and word.endswith("ું"):
        word = word[:-2] + "ા"
    elif len(word) >= 3 and word.endswith("ો"):
        word = word[:-1] + "ા"
    elif len(word) >= 4 and word.endswith("વી"):
        word = word[:-1] + "ા"
    return word


def _stem_hindi(word: str) -> str:
    for ending, replacement in _HI_ENDINGS:
        # A bare "-ो" (vocative plural, बेवकूफो) only on longer words: को, दो, सो stay.
        if word.endswith(ending) and len(word) - len(ending) >= (3 if ending == "ो" else 2):
            return word[: -len(ending)] + replacement
    return word


def samvad_norm(string: str) -> str:
    """The matching key of one token (the text is already normalised and lower-case)."""
    word = string.lower()
    if _LATIN_ALNUM.fullmatch(word):
        return _deleet(word) if not word.isalpha() and not word.isdigit() else word
    if _GU_CHAR.search(word):
        return _stem_gujarati(word)
    if _HI_CHAR.search(word):
        return _stem_hindi(word)
    return word


class SamvadDefaults(BaseDefaults):
    # No special cases: emoticons and "a.m." need no token of their own here, and
    # the special-case matcher costs a third of the tokenizer's time.
    tokenizer_exceptions: dict = {}
    prefixes = TOKENIZER_PREFIXES
    suffixes = SUFFIXES
    infixes = INFIXES
    url_match = URL_MATCH
    lex_attr_getters = {NORM: samvad_norm}
    writing_system = {"direction": "ltr", "has_case": False, "has_letters": True}


@registry.languages(LANG)
class Samvad(Language):
    """English, Gujarati and Hindi in one tokenizer."""

    lang = LANG
    Defaults = SamvadDefaults
