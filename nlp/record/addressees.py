"""Who an instruction names: @mentions, designations and districts, in three languages.

The parser only finds the words; storage.instructions resolves them against the roster
(a designation or district that matches no post in the group is dropped, and an
instruction that names no one is addressed to the whole group).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from nlp.record.text import END, START, normalise, words

# Canonical designation -> the words used for it. The canonical name is what roster
# designations contain ("Mamlatdar, Bhuj", "District Collector").
DESIGNATIONS: dict[str, tuple[str, ...]] = {
    "collector": ("collector", "collectors", "district collector", "dc", "કલેક્ટર", "કલેક્ટરશ્રી", "કલેકટર",
                  "કલેકટરશ્રી", "जिलाधिकारी", "कलेक्टर", "जिला कलेक्टर"),
    "prant officer": ("prant officer", "prant officers", "prant", "sdm", "sdms", "sub divisional magistrate",
                      "deputy collector", "deputy collectors", "dy collector", "dy. collector",
                      "પ્રાંત અધિકારી", "પ્રાંત અધિકારીશ્રી", "પ્રાંત", "નાયબ કલેક્ટર", "प्रांत अधिकारी", "उप जिलाधिकारी"),
    "mamlatdar": ("mamlatdar", "mamlatdars", "mamletdar", "મામલતદાર", "મામલતદારશ્રી", "मामलतदार", "तहसीलदार"),
    "talati": ("talati", "talatis", "તલાટી", "तलाटी"),
    "superintendent of land records": ("slr", "dslr", "superintendent of land records", "dilr"),
    "inspector general of registration": ("igr", "inspector general of registration"),
    "deputy inspector general of registration": ("dy igr", "deputy igr", "deputy inspector general of registration"),
    "sub-registrar": ("sub registrar", "sub-registrar", "sub registrars", "સબ રજિસ્ટ્રાર", "सब रजिस्ट्रार"),
    "relief commissioner": ("relief commissioner", "રાહત કમિશનર", "राहत आयुक्त"),
    "additional chief secretary": ("acs", "additional chief secretary", "અધિક મુખ્ય સચિવ", "अपर मुख्य सचिव"),
    "secretary": ("secretary", "સચિવ", "सचिव"),
    "settlement commissioner": ("settlement commissioner", "ssrd", "સેટલમેન્ટ કમિશનર"),
}

# The districts of Gujarat (the canonical names the roster uses) and other spellings.
DISTRICTS: dict[str, tuple[str, ...]] = {
    "Ahmedabad": ("ahmedabad", "amdavad", "અમદાવાદ", "अहमदाबाद"),
    "Amreli": ("amreli", "અમરેલી", "अमरेली"),
    "Anand": ("anand", "આણંદ", "आणंद", "आनंद"),
    "Aravalli": ("aravalli", "arvalli", "અરવલ્લી", "अरवल्ली"),
    "Banaskantha": ("banaskantha", "બનાસકાંઠા", "बनासकांठा"),
    "Bharuch": ("bharuch", "ભરૂચ", "ભરુચ", "भरूच"),
    "Bhavnagar": ("bhavnagar", "ભાવનગર", "भावनगर"),
    "Botad": ("botad", "બોટાદ", "बोटाद"),
    "Chhota Udaipur": ("chhota udaipur", "chhotaudepur", "chhota udepur", "છોટાઉદેપુર", "છોટા ઉદેપુર", "छोटा उदयपुर"),
    "Dahod": ("dahod", "દાહોદ", "दाहोद"),
    "Dang": ("dang", "dangs", "the dangs", "ડાંગ", "डांग"),
    "Devbhumi Dwarka": ("devbhumi dwarka", "dwarka", "દેવભૂમિ દ્વારકા", "દ્વારકા", "देवभूमि द्वारका", "द्वारका"),
    "Gandhinagar": ("gandhinagar", "ગાંધીનગર", "गांधीनगर"),
    "Gir Somnath": ("gir somnath", "somnath", "ગીર સોમનાથ", "गिर सोमनाथ"),
    "Jamnagar": ("jamnagar", "જામનગર", "जामनगर"),
    "Junagadh": ("junagadh", "જૂનાગઢ", "જુનાગઢ", "जूनागढ़", "जूनागढ"),
    "Kheda": ("kheda", "ખેડા", "खेड़ा", "खेडा"),
    "Kutch": ("kutch", "kachchh", "kachh", "કચ્છ", "कच्छ"),
    "Mahisagar": ("mahisagar", "મહીસાગર", "महीसागर"),
    "Mehsana": ("mehsana", "mahesana", "મહેસાણા", "मेहसाणा"),
    "Morbi": ("morbi", "મોરબી", "मोरबी"),
    "Narmada": ("narmada", "નર્મદા", "नर्मदा"),
    "Navsari": ("navsari", "નવસારી", "नवसारी"),
    "Panchmahal": ("panchmahal", "panchmahals", "પંચમહાલ", "पंचमहल"),
    "Patan": ("patan", "પાટણ", "पाटन"),
    "Porbandar": ("porbandar", "પોરબંદર", "पोरबंदर"),
    "Rajkot": ("rajkot", "રાજકોટ", "राजकोट"),
    "Sabarkantha": ("sabarkantha", "સાબરકાંઠા", "साबरकांठा"),
    "Surat": ("surat", "સુરત", "सूरत"),
    "Surendranagar": ("surendranagar", "સુરેન્દ્રનગર", "सुरेंद्रनगर"),
    "Tapi": ("tapi", "તાપી", "तापी"),
    "Vadodara": ("vadodara", "baroda", "વડોદરા", "वडोदरा"),
    "Valsad": ("valsad", "વલસાડ", "वलसाड"),
}

_ALL = re.compile(words("all", "all members", "everyone", "all officers", "સૌ", "સર્વે", "બધા", "સર્વ", "सभी", "सब"))
_MENTION = re.compile(r"(?<![\w@])@([A-Za-z][A-Za-z0-9_]{3,31})\b")
_QUALIFIER = re.compile(r"\s*,?\s*(?:of\s+|,\s*)?([^\W\d_][\w\u0900-\u097f\u0a80-\u0aff-]*)")


def _lookup(table: dict[str, tuple[str, ...]]) -> tuple[re.Pattern[str], dict[str, str]]:
    spelled = {normalise(word): canonical for canonical, spellings in table.items() for word in spellings}
    spelled.update({normalise(canonical): canonical for canonical in table})
    return re.compile(words(*spelled)), spelled


_DESIGNATION, _DESIGNATION_OF = _lookup(DESIGNATIONS)
_DISTRICT, _DISTRICT_OF = _lookup(DISTRICTS)


@dataclass(frozen=True)
class DesignationMention:
    """A designation named in the text, with the word after it (a place, perhaps: "Mamlatdar Bhuj")."""

    designation: str
    qualifier: str | None


@dataclass(frozen=True)
class Addressees:
    """The people an instruction names."""

    usernames: tuple[str, ...] = ()
    designations: tuple[DesignationMention, ...] = ()
    districts: tuple[str, ...] = ()
    everyone: bool = False

    @property
    def named_anyone(self) -> bool:
        """Whether any narrower addressee than the whole group was named."""
        return bool(self.usernames or self.designations or self.districts)


def find_addressees(text: str) -> Addressees:
    """The @mentions, designations and districts a message names."""
    if not text:
        return Addressees()
    normal = normalise(text)
    usernames = tuple(dict.fromkeys(match.group(1).lower() for match in _MENTION.finditer(text)))
    designations = []
    for match in _DESIGNATION.finditer(normal):
        canonical = _DESIGNATION_OF[re.sub(r"\s+", " ", match.group())]
        after = _QUALIFIER.match(normal, match.end())
        qualifier = after.group(1) if after else None
        mention = DesignationMention(canonical, qualifier)
        if mention not in designations:
            designations.append(mention)
    districts = tuple(dict.fromkeys(_DISTRICT_OF[re.sub(r"\s+", " ", m.group())] for m in _DISTRICT.finditer(normal)))
    return Addressees(usernames, tuple(designations), districts, _ALL.search(normal) is not None)


def designation_matches(mention: DesignationMention, roster_designation: str) -> bool:
    """Whether a roster designation is of the named kind ("Mamlatdar, Bhuj" for "mamlatdar")."""
    return _whole_words(mention.designation).search(_normal(roster_designation)) is not None


def qualifier_names(mention: DesignationMention, roster_designation: str) -> bool:
    """Whether the word after the designation names this post's place ("Mamlatdar Bhuj")."""
    if not mention.qualifier:
        return False
    return _whole_words(mention.qualifier).search(_normal(roster_designation).partition(",")[2]) is not None


# An instruction's addressees are matched against each post of its group, every designation named against every
# post: the pattern of a phrase and a designation's normal form were built again at each of those calls (re's own
# cache of 512 patterns is shared with the whole process, and a qualifier is any word of the text). Both are
# bounded: the roster's ~600 designations, and the phrases of recent instructions.
@lru_cache(maxsize=2048)
def _whole_words(phrase: str) -> re.Pattern[str]:
    return re.compile(START + re.escape(phrase) + END)


@lru_cache(maxsize=2048)
def _normal(roster_designation: str) -> str:
    return normalise(roster_designation)
