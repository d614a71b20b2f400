"""Spans that name individuals, found by honorifics, name suffixes and
relation markers (s/o, w/o, d/o); designations and place names are left out.

A heuristic for the pre-post check of social-media drafts, which the
circular asks to give aggregate figures rather than names.
"""
from __future__ import annotations

import re

_HONORIFICS_LATIN = r"(?i:shri|shree|sri|shrimati|smt|sh|mr|mrs|ms|miss|kumari|km|late|dr)\.?"
_HONORIFICS_INDIC = r"(?:श्रीमती|श्री|सुश्री|कुमारी|स्व\.|डॉ\.?|શ્રીમતી|શ્રી|કુ\.|સ્વ\.|ડૉ\.?)"
_CAP = r"[A-Z][a-z]+(?:bhai|ben|behn|bahen|kumar|sinh|sinhji|ji)?"
_INDIC_WORD = r"[\u0900-\u0963\u0966-\u097F\u0A80-\u0AFF]+"
_SUFFIXED_LATIN = r"[A-Za-z][a-z]{2,}(?:bhai|ben|behn|bahen)"
_SUFFIXED_INDIC = r"[\u0A80-\u0AFF\u0900-\u097F]{2,}(?:ભાઈ|ભાઇ|બેન|બહેન|भाई|बेन|बहन)"

# Words that follow an honorific but are offices, not people.
DESIGNATIONS = frozenset(
    """collector collectors mamlatdar mamlatdars tdo ddo sdm prant talati officer officers secretary
    commissioner deputy dy additional addl chief minister cm pm governor sir saheb sahib madam
    president chairman member mla mp sarpanch superintendent inspector clerk engineer director
    registrar district taluka village office department government gujarat india
    કલેક્ટર મામલતદાર તલાટી પ્રાંત અધિકારી સચિવ કમિશનર નાયબ મંત્રી સાહેબ કચેરી સરકાર ગુજરાત
    कलेक्टर तहसीलदार पटवारी अधिकारी सचिव आयुक्त उप मंत्री साहब कार्यालय सरकार गुजरात""".split()
)
# Gujarat's districts and some large towns: capitalised, but places.
PLACES = frozenset(
    """ahmedabad gandhinagar surat vadodara baroda rajkot bhavnagar jamnagar junagadh kutch kachchh bhuj
    anand kheda nadiad mehsana patan banaskantha palanpur sabarkantha himmatnagar aravalli modasa
    mahisagar lunawada panchmahal godhra dahod narmada rajpipla bharuch tapi vyara navsari valsad
    dang ahwa surendranagar morbi botad amreli somnath veraval porbandar dwarka dholka sanand
    dhandhuka viramgam daskroi bavla kalol dehgam mansa gujarat india mumbai delhi
    અમદાવાદ ગાંધીનગર સુરત વડોદરા રાજકોટ ભાવનગર જામનગર જૂનાગઢ કચ્છ આણંદ ખેડા મહેસાણા પાટણ
    अहमदाबाद गांधीनगर सूरत वडोदरा राजकोट भावनगर जामनगर""".split()
)

_PATTERNS = (
    # Honorific + one to three name words.
    re.compile(rf"\b{_HONORIFICS_LATIN}\s+(?P<name>{_CAP}(?:\s+{_CAP}){{0,2}})"),
    re.compile(rf"{_HONORIFICS_INDIC}\s*(?P<name>{_INDIC_WORD}(?:\s+{_INDIC_WORD}){{0,2}})"),
    # Rameshbhai Patel, Savitaben, રમેશભાઈ પટેલ.
    re.compile(rf"(?P<name>\b{_SUFFIXED_LATIN}(?:\s+[A-Z][a-z]+){{0,2}})"),
    re.compile(rf"(?P<name>{_SUFFIXED_INDIC}(?:\s+{_INDIC_WORD}){{0,1}})"),
    # Ramesh Patel s/o Kanti Patel.
    re.compile(rf"(?P<name>\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+){{0,2}})\s*,?\s*(?i:[swdc]/o)\b"),
    re.compile(rf"\b(?i:[swdc]/o)\.?\s+(?P<name>{_CAP}(?:\s+{_CAP}){{0,2}})"),
)


def _clean(text: str, start: int, end: int) -> tuple[int, int] | None:
    words = list(re.finditer(r"\S+", text[start:end]))
    kept = [w for w in words if w.group().lower().strip(".,") not in DESIGNATIONS | PLACES]
    # Keep the leading run of name words; a designation ends the name.
    run = []
    for w in words:
        if w not in kept:
            break
        run.append(w)
    if not run:
        return None
    return start + run[0].start(), start + run[-1].end()


def find_person_names(text: str) -> list[tuple[int, int]]:
    """Spans (start, end) of names of individuals in `text`."""
    spans: list[tuple[int, int]] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            span = _clean(text, m.start("name"), m.end("name"))
            if span is not None and span[1] > span[0]:
                spans.append(span)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged
