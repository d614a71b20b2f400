"""Sentences that give an order by their form: an English sentence that opens
with a bare verb ("Shift the camp ..."), or a Gujarati or Hindi sentence that
closes with an imperative or a directive infinitive (મોકલવું, મોકલો, भेजें).
"""
from __future__ import annotations

import re

from nlp.rules import has_any

_SENTENCE = re.compile(r"[^.!?\u0964\n;]+")
_PUNCT = ".,:;()[]{}\"'!?-—–…*"

# Verbs that open official English instructions.
# Words that are as often nouns at the start of a sentence (survey, record,
# list, post, issue, release, contact ...) are left out.
IMPERATIVE_VERBS = frozenset(
    """send submit share provide furnish forward upload update fill prepare compile inform intimate ensure explain
    remove shift disburse distribute deploy depute put keep call tell ask visit inspect verify check complete
    conduct organise organize arrange make start stop issue give collect attend join reach acknowledge
    confirm convene reply respond take settle clear dispose expedite follow monitor coordinate direct
    instruct register pay sanction approve announce evacuate relocate restore repair
    identify circulate communicate hear mobilise mobilize avoid refrain cancel postpone prepone reschedule""".split()
)
_PLEASE_VERB = re.compile(
    r"(?i:\b(?:please|kindly|pls|plz)\s+(?:" + "|".join(sorted(IMPERATIVE_VERBS | {"verify", "check"})) + r")\b)"
)
_PLEASE_WORDS = ("please", "kindly", "pls", "plz")
_PLEASE_HINT = re.compile(r"(?i:please|kindly|pls|plz)")
_OPENERS = frozenset("please kindly pl pls plz sir all also and then".split())
_MAY_OPEN = _OPENERS | IMPERATIVE_VERBS
# After these the opening word is a noun: "Update from Porbandar", "Report for Dholka".
_NOT_OBJECTS = frozenset(
    "from for of on in at is was has have had are were by to with as about no nos number numbers details".split()
)

# Endings of a sentence-final directive word.
# Not a bare "-ો": ઓછો, મોટો, ગયો end so too.
_GU_FINAL = re.compile(r"(?:વું|વી|વા|જો|શો)$|(?<=..)વો$")
_HI_FINAL = re.compile(r"(?:ें|एं|एँ|िए|िये|िएगा|ो|ाएं|ाएँ)$")
_HI_NOT_FINAL = frozenset("में हमें उन्हें तुम्हें इन्हें जिन्हें किन्हें को सो जो वो यो हो दो क्यों यों".split())
_GU_NOT_FINAL = frozenset("તો જો કો ગયો થયો હતો આવ્યો કર્યો લીધો દીધો છો".split())
# Endings of a romanised directive infinitive or polite imperative (tested with str.endswith).
_ROMAN_ENDINGS = ("vu", "vi", "va", "jo", "sho", "ein", "iye", "iyega")
# Romanised words that only look like infinitives: jeva "like", seva "service", dava "medicine".
_ROMAN_NOT_FINAL = frozenset("jo to vo sho dvi jeva teva keva eva seva deva hava dava nava bhava diva java".split())


def imperative_spans(text: str, lowered: str | None = None) -> list[tuple[int, int]]:
    """Spans of sentences whose form gives an order (`lowered`: the text lower-cased, when the caller has it)."""
    spans = []
    # One search of the whole text rules the per-sentence "please <verb>" search out for most messages.
    please = has_any(text, _PLEASE_WORDS, _PLEASE_HINT, lowered)
    for sentence in _SENTENCE.finditer(text):
        body = sentence.group()
        head = body.split(None, 1)
        if not head:
            continue
        # Most sentences open with a word that is neither an opener nor a verb: their next words are not needed.
        first = head[0].strip(_PUNCT).lower()
        opens = (first in _MAY_OPEN or not first) and _opens_with_verb(body.split(None, 4))
        if opens or _closes_with_directive(body.rsplit(None, 1)[-1].strip(_PUNCT)) or (
            please and _PLEASE_VERB.search(body)
        ):
            lead = len(body) - len(body.lstrip())
            trail = len(body.rstrip())
            if trail > lead:
                spans.append((sentence.start() + lead, sentence.start() + trail))
    return spans


def _opens_with_verb(words: list[str]) -> bool:
    """The first of the first four words (punctuation stripped) after any openers is an imperative verb,
    and the word after it, if any, does not make it a noun."""
    verb = False
    for word in words[:4]:
        word = word.strip(_PUNCT)
        if not word:
            continue
        word = word.lower()
        if verb:
            return word not in _NOT_OBJECTS
        if word in _OPENERS:
            continue
        if word not in IMPERATIVE_VERBS:
            return False
        verb = True
    return verb


def _closes_with_directive(word: str) -> bool:
    if not word:
        return False
    if "\u0a80" <= word[0] <= "\u0aff":
        return word not in _GU_NOT_FINAL and _GU_FINAL.search(word) is not None and len(word) > 2
    if "\u0900" <= word[0] <= "\u097f":
        return word not in _HI_NOT_FINAL and _HI_FINAL.search(word) is not None and len(word) > 2
    low = word.lower()
    return word.isascii() and len(low) > 3 and low not in _ROMAN_NOT_FINAL and low.endswith(_ROMAN_ENDINGS)
