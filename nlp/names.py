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

# Common surnames in Gujarat and beyond: "Firstname Surname" is a name.
SURNAMES = frozenset(
    """patel shah desai mehta parmar solanki chauhan jadeja rathod makwana vaghela thakor pathan shaikh sheikh
    mansuri joshi trivedi pandya bhatt vyas dave modi prajapati chaudhary chaudhari gohil zala jadav vasava
    rabari bharwad ahir koli sumra memon qureshi sindhi meena sharma verma gupta singh yadav khan saiyed syed
    panchal mistry suthar soni rana raval barot dabhi chavda christian macwan parikh gandhi amin bhatia
    nair iyer rao reddy naidu pillai das ghosh bose mishra tiwari pandey dubey chaturvedi dwivedi jain
    gadhvi gadhavi charan bhil gamit rathwa rathva baria bariya damor bhabhor vankar mer jat bhadela sama dhaduk
    ansari bloch baloch kureshi ghanchi sandhi miyana devshi dafer sodha jadeja vala waghela parekh kapadia
    thakkar lohana kotak tanna majithia raval rawal bhatt purohit upadhyay acharya oza mehra kanojia vaghri
    devipujak nayak naik gamit kokni konkani dhodia halpati tadvi valvi padvi bhuriya katara ninama pargi
    tank sarvaiya solanki bambhaniya jogi barot
    limbani multani sipai kher dindor vora bohra lakhani savaliya vaghasiya kakadiya ramani sojitra hirpara
    bhalala dhameliya gajera kachhadiya kathiriya korat patoliya sutariya vekariya virani undhad kanani
    donga chavada odedara modhwadiya keshwala bhutiya karangiya kodiyatar parghi bhagat koradiya malek
    mansoori kadri saiyad bukhari chhipa ghoghari manek jethva jethwa khuman khachar dodiya vadher
    લીંબાણી મુલતાની સિપાઈ ખેર ડીંડોર વોરા વહોરા લાખાણી સાવલિયા વઘાસિયા રામાણી સોજીત્રા ભાલાળા ધામેલિયા ગજેરા
    કાછડિયા કથીરિયા વેકરિયા વિરાણી કાનાણી ઓડેદરા મોઢવાડિયા કેશવાલા મલેક કાદરી સૈયદ બુખારી માણેક જેઠવા ખુમાણ
    ખાચર ડોડીયા વાઢેર ભગત
    लिंबानी मुल्तानी सिपाई खेर डिंडोर वोरा बोहरा लाखाणी सावलिया रामाणी मलेक कादरी सैयद बुखारी माणेक जेठवा भगत
    ગઢવી ચારણ ભીલ ગામીત રાઠવા બારિયા ડામોર ભાભોર વણકર મેર જત ભડેલા સમા ધડુક અન્સારી બલોચ કુરેશી ઘાંચી
    મિયાણા સોઢા પારેખ ઠક્કર ભુરિયા કટારા નિનામા તડવી હળપતિ ચૌધરી રબારી કોળી
    गढ़वी चारण भील गामित राठवा बारिया डामोर भाभोर वणकर मेर जत कुरेशी अंसारी बलोच पारेख ठक्कर भूरिया
    પટેલ શાહ દેસાઈ મહેતા પરમાર સોલંકી ચૌહાણ જાડેજા રાઠોડ મકવાણા વાઘેલા ઠાકોર પઠાણ શેખ મન્સૂરી જોશી ત્રિવેદી
    પંડ્યા ભટ્ટ વ્યાસ દવે પ્રજાપતિ ચૌધરી ગોહિલ ઝાલા જાદવ વસાવા રબારી ભરવાડ આહિર કોળી મેમણ પંચાલ મિસ્ત્રી સોની
    રાણા રાવલ બારોટ ડાભી ચાવડા મીણા
    पटेल शाह देसाई मेहता परमार सोलंकी चौहान जडेजा राठौड़ राठौर मीणा मीना शर्मा वर्मा गुप्ता सिंह यादव खान
    शेख पठान मंसूरी जोशी त्रिवेदी पंड्या भट्ट व्यास दवे प्रजापति चौधरी मिश्रा तिवारी पांडे दुबे जैन कुमार""".split()
)
# Role nouns that introduce a private person's name: "applicant Shabnam Pathan".
_ROLES_LATIN = (
    r"(?i:applicant|complainant|accused|farmer|beneficiary|petitioner|appellant|respondent|victim|deceased|"
    r"patient|widow|villager|resident|landholder|khatedar|occupant|tenant|owner|named|one|arjdar|arajdar|aaropi|aropi|khedut)"
)
_ROLES_INDIC = (
    r"(?:અરજદાર|ફરિયાદી|આરોપી|ખેડૂત|લાભાર્થી|અરજદારશ્રી|મૃતક|ખાતેદાર|વિધવા|"
    r"आवेदक|प्रार्थी|अर्जदार|शिकायतकर्ता|आरोपी|किसान|लाभार्थी|मृतक|विधवा|अभियुक्त|पीड़ित)"
)
# Postpositions end an Indic name.
_INDIC_STOP = frozenset("ને નો ની નું ના માં થી પર છે એ का की के को ने से में पर है और तथा".split())

_HONORIFIC_WORDS = frozenset(
    "shri shree sri shrimati smt sh mr mrs ms miss kumari km late dr श्री श्रीमती सुश्री कुमारी શ્રી શ્રીમતી".split()
)
# Capitalised words that start sentences and titles, not names.
_COMMON_WORDS = frozenset(
    """the this that these those our your his her their my all any every each some no not and or but if when
    sir madam dear hon hon'ble honourable respected kindly please note update report list name names cause date
    village taluka district city state block ward zone road nagar society court high supreme land revenue
    relief survey meeting office circular government department collectorate tender bid draft policy rules""".split()
)
_NOT_NAMES = DESIGNATIONS | PLACES | _INDIC_STOP | _COMMON_WORDS

_LATIN_HONORIFIC_WORDS = frozenset("shri shree sri shrimati smt sh mr mrs ms miss kumari km late dr".split())
_LATIN_ROLE_WORDS = frozenset(
    """applicant complainant accused farmer beneficiary petitioner appellant respondent victim deceased patient
    widow villager resident landholder khatedar occupant tenant owner named one arjdar arajdar aaropi aropi khedut""".split()
)
_INDIC_HONORIFICS = ("श्री", "सुश्री", "कुमारी", "स्व.", "डॉ", "શ્રી", "કુ.", "સ્વ.", "ડૉ")
_INDIC_ROLES = tuple(_ROLES_INDIC[3:-1].split("|"))
_INDIC_SUFFIXES = ("ભાઈ", "ભાઇ", "બેન", "બહેન", "भाई", "बेन", "बहन")
_PUNCT = ".,:;()[]{}'\"!?-"
# Whether any of them appears in a text: one search of their alternation (which scans for the first characters
# they open with) instead of a substring search for each.
_INDIC_HONORIFIC_IN = re.compile("|".join(map(re.escape, _INDIC_HONORIFICS)))
_INDIC_ROLE_IN = re.compile("|".join(map(re.escape, _INDIC_ROLES)))
_INDIC_SUFFIX_IN = re.compile("|".join(map(re.escape, _INDIC_SUFFIXES)))


def _words(text: str, lowered: str | None = None) -> frozenset[str]:
    """The text's words, lower-cased, stripped of punctuation (`lowered`: the text lower-cased, when at hand;
    lower-casing before splitting and stripping gives the same words: no punctuation or blank is a cased letter)."""
    if lowered is None:
        lowered = text.lower()
    return frozenset([w.strip(_PUNCT) for w in lowered.split()])


# A capitalised word: `\b[A-Z][a-z]+` written with the boundary as a look-behind after the capital
# (`(?<!\w.)`: no word character before it), so that a search jumps from capital to capital instead of
# trying the boundary at every character (the same matches, about twice as fast).
_CAP_WORD = r"[A-Z](?<!\w.)[a-z]+"
# What follows the capitalised words before a place or an age; a search of it alone (which opens with a
# literal or a blank) tells whether that pattern can match at all.
_PLACE_OR_AGE = r"\s+of\s+[A-Z]|,\s+(?:\d|[A-Z][a-z]+,|age|aged)"
_BEFORE_PLACE_OR_AGE = re.compile(_PLACE_OR_AGE)
# The age between commas that the Indic name-and-age pattern ends with: without it, that pattern (which
# tries at every Gujarati or Devanagari letter) cannot match.
_AGE_BETWEEN_COMMAS = re.compile(r",\s*\d{1,3}\s*,")


# Each pattern runs only when its cheap hint holds for (text, lower-case text, words); the patterns of
# Gujarati and Devanagari words never run on an all-ASCII text.
_PATTERNS = (
    # Honorific + one to three name words.
    (lambda t, low, w: not _LATIN_HONORIFIC_WORDS.isdisjoint(w),
     re.compile(rf"\b{_HONORIFICS_LATIN}\s+(?P<name>(?:[A-Z]\.\s?){{0,3}}{_CAP}(?:\s+{_CAP}){{0,2}})")),
    (lambda t, low, w: not t.isascii() and _INDIC_HONORIFIC_IN.search(t) is not None,
     re.compile(rf"{_HONORIFICS_INDIC}\s*(?P<name>{_INDIC_WORD}(?:\s+{_INDIC_WORD}){{0,2}})")),
    # Rameshbhai Patel, Savitaben, રમેશભાઈ પટેલ.
    (lambda t, low, w: "bhai" in low or "ben" in low or "behn" in low or "bahen" in low,
     re.compile(rf"(?P<name>\b{_SUFFIXED_LATIN}(?:\s+[A-Z][a-z]+){{0,2}})")),
    (lambda t, low, w: not t.isascii() and _INDIC_SUFFIX_IN.search(t) is not None,
     re.compile(rf"(?P<name>{_SUFFIXED_INDIC}(?:\s+{_INDIC_WORD}){{0,1}})")),
    # Ramesh Patel s/o Kanti Patel.
    (lambda t, low, w: "/o" in low,
     re.compile(r"(?P<name>\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})\s*,?\s*(?i:[swdc]/o)\b")),
    (lambda t, low, w: "/o" in low,
     re.compile(rf"\b(?i:[swdc]/o)\.?\s+(?P<name>{_CAP}(?:\s+{_CAP}){{0,2}})")),
    # Role noun + name.
    (lambda t, low, w: not _LATIN_ROLE_WORDS.isdisjoint(w),
     re.compile(rf"\b{_ROLES_LATIN}\s*[:,\-]?\s*(?P<name>[A-Z][a-z]+(?:\s+(?:alias\s+)?[A-Z][a-z]+){{0,3}})")),
    (lambda t, low, w: not t.isascii() and _INDIC_ROLE_IN.search(t) is not None,
     re.compile(rf"{_ROLES_INDIC}(?![\u0900-\u097F\u0A80-\u0AFF])\s*[:,\-]?\s*(?P<name>{_INDIC_WORD}(?:\s+{_INDIC_WORD})?)")),
    # Two or three capitalised words before "of <Place>" or ", <place>," or an age.
    (lambda t, low, w: (" of " in t or "," in t) and _BEFORE_PLACE_OR_AGE.search(t) is not None,
     re.compile(rf"(?P<name>{_CAP_WORD}(?:\s+[A-Z][a-z]+){{1,2}})(?={_PLACE_OR_AGE})")),
    (lambda t, low, w: "," in t and not t.isascii() and _AGE_BETWEEN_COMMAS.search(t) is not None,
     re.compile(rf"(?P<name>{_INDIC_WORD}\s+{_INDIC_WORD})\s*,\s*\d{{1,3}}\s*,")),
    # Firstname Surname.
    (lambda t, low, w: not SURNAMES.isdisjoint(w),
     re.compile(rf"(?P<name>{_CAP_WORD}(?:\s+(?:alias\s+)?[A-Z][a-z]+)?\s+(?P<surname>[A-Z][a-z]+))\b")),
    (lambda t, low, w: not t.isascii() and not SURNAMES.isdisjoint(w),
     # Overlapping (a look-ahead at each word start): in "अर्जदार सलीम शेख" the pair to test is the second.
     re.compile(rf"(?<![\u0900-\u097F\u0A80-\u0AFF])(?=(?P<name>{_INDIC_WORD}\s+(?P<surname>{_INDIC_WORD})))")),
)


_LEADING_NOT_NAMES = _HONORIFIC_WORDS | _COMMON_WORDS


def _clean(text: str, start: int, end: int) -> tuple[int, int] | None:
    words = list(re.finditer(r"\S+", text[start:end]))
    kept = [w for w in words if w.group().lower().strip(".,:") not in _NOT_NAMES]
    # Keep the leading run of name words after any honorific or opening word ("That Jusab Miyana");
    # a designation ends the name.
    opened_by_common_word = False
    while words and words[0].group().lower().strip(".,:") in _LEADING_NOT_NAMES:
        opened_by_common_word |= words.pop(0).group().lower().strip(".,:") in _COMMON_WORDS
    run = []
    for w in words:
        if w not in kept:
            break
        run.append(w)
    # After "That" or "The" one capitalised word is as likely a place or a thing ("The Statue of Unity").
    if not run or (opened_by_common_word and len(run) < 2):
        return None
    return start + run[0].start(), start + run[-1].end()



def find_person_names(text: str, lowered: str | None = None) -> list[tuple[int, int]]:
    """Spans (start, end) of names of individuals in `text` (`lowered`: the text lower-cased, when at hand)."""
    spans: list[tuple[int, int]] = []
    if lowered is None:
        lowered = text.lower()
    words = _words(text, lowered)
    for hint, pattern in _PATTERNS:
        if not hint(text, lowered, words):
            continue
        for m in pattern.finditer(text):
            if "surname" in pattern.groupindex and m.group("surname").lower() not in SURNAMES:
                continue
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
