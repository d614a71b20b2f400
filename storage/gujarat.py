"""Gujarat's 33 districts and the Revenue Department's two HoD offices, by every common spelling.

A name is matched after folding case, dropping spaces, dashes, dots and apostrophes,
and a leading "the" or trailing "district": "Kachchh", "kutch", "KUTCH DISTRICT" and
"કચ્છ" all give "Kutch". Canonical names are what the roster stores.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

# Canonical name first, then the spellings found in government lists, maps and old records.
_DISTRICTS: tuple[tuple[str, ...], ...] = (
    ("Ahmedabad", "Amdavad", "Ahmadabad", "Ahemdabad", "Ahmdabad", "અમદાવાદ"),
    ("Amreli", "Amareli", "અમરેલી"),
    ("Anand", "આણંદ"),
    ("Aravalli", "Aravali", "Arvalli", "Arvali", "Aravallli", "અરવલ્લી"),
    ("Banaskantha", "Banas Kantha", "Banaskanta", "Banaskatha", "બનાસકાંઠા"),
    ("Bharuch", "Broach", "Bharoch", "Baruch", "ભરૂચ"),
    ("Bhavnagar", "Bhaunagar", "Bhavanagar", "ભાવનગર"),
    ("Botad", "બોટાદ"),
    ("Chhota Udaipur", "Chhota Udepur", "Chhotaudepur", "Chota Udaipur", "Chota Udepur", "Chhota Udaypur",
     "છોટા ઉદેપુર", "છોટાઉદેપુર"),
    ("Dahod", "Dohad", "દાહોદ"),
    ("Dang", "Dangs", "The Dangs", "ડાંગ"),
    ("Devbhoomi Dwarka", "Devbhumi Dwarka", "Dev Bhoomi Dwarka", "Devbhoomi Dwaraka", "Dwarka", "Dwaraka",
     "દેવભૂમિ દ્વારકા", "દ્વારકા"),
    ("Gandhinagar", "ગાંધીનગર"),
    ("Gir Somnath", "Gir-Somnath", "Girsomnath", "Somnath", "ગીર સોમનાથ"),
    ("Jamnagar", "જામનગર"),
    ("Junagadh", "Junagarh", "Junagad", "જૂનાગઢ", "જુનાગઢ"),
    ("Kheda", "Kaira", "ખેડા"),
    ("Kutch", "Kachchh", "Kachch", "Kachh", "Kutchh", "Kuchchh", "Cutch", "Kachchha", "કચ્છ"),
    ("Mahisagar", "Mahi Sagar", "મહીસાગર"),
    ("Mehsana", "Mahesana", "Mehesana", "Mahesena", "મહેસાણા"),
    ("Morbi", "Morvi", "મોરબી"),
    ("Narmada", "નર્મદા"),
    ("Navsari", "નવસારી"),
    ("Panchmahal", "Panchmahals", "Panch Mahals", "Panch Mahal", "Panchmahaal", "પંચમહાલ"),
    ("Patan", "પાટણ"),
    ("Porbandar", "પોરબંદર"),
    ("Rajkot", "રાજકોટ"),
    ("Sabarkantha", "Sabar Kantha", "Sabarkanta", "Sabarkatha", "સાબરકાંઠા"),
    ("Surat", "સુરત"),
    ("Surendranagar", "Surendra Nagar", "સુરેન્દ્રનગર"),
    ("Tapi", "તાપી"),
    ("Vadodara", "Baroda", "Wadodara", "વડોદરા"),
    ("Valsad", "Bulsar", "વલસાડ"),
)

DISTRICTS: tuple[str, ...] = tuple(spellings[0] for spellings in _DISTRICTS)


@dataclass(frozen=True)
class Office:
    """A Head-of-Department office of the Revenue Department with its own group (circular §2.ii)."""

    key: str
    title: str
    short: str


LAND_RECORDS = Office("land-records", "Settlement Commissioner & Director of Land Records", "SSRD")
REGISTRATION = Office("registration", "Inspector General of Registration & Superintendent of Stamps", "IGR")
OFFICES: tuple[Office, ...] = (LAND_RECORDS, REGISTRATION)

_OFFICE_ALIASES: dict[str, tuple[str, ...]] = {
    LAND_RECORDS.key: (
        "land-records", "land records", "landrecords", "ssrd", "dilr", "slr",
        "settlement commissioner", "director of land records", "settlement commissioner and director of land records",
        "settlement commissioner & director of land records", "land record",
    ),
    REGISTRATION.key: (
        "registration", "igr", "stamps", "registration and stamps", "registration & stamps", "stamps and registration",
        "inspector general of registration", "superintendent of stamps", "igr & superintendent of stamps",
        "inspector general of registration and superintendent of stamps",
        "inspector general of registration & superintendent of stamps", "registration-stamps",
    ),
}

_DROPPED = re.compile(r"[\s\-_.,'’()]+")


def fold(name: str) -> str:
    """The key a name is matched by: NFC, case folded, without spaces and punctuation."""
    text = unicodedata.normalize("NFC", name).casefold().strip()
    text = re.sub(r"^the\s+", "", text)
    text = re.sub(r"\s+(district|dist\.?|jilla|જિલ્લો)$", "", text)
    return _DROPPED.sub("", text)


def _table(groups: dict[str, tuple[str, ...]]) -> dict[str, str]:
    table: dict[str, str] = {}
    for canonical, spellings in groups.items():
        for spelling in (canonical, *spellings):
            key = fold(spelling)
            if table.get(key, canonical) != canonical:
                raise ValueError(f"spelling {spelling!r} is claimed by both {table[key]} and {canonical}")
            table[key] = canonical
    return table


_DISTRICT_BY_KEY = _table({spellings[0]: spellings[1:] for spellings in _DISTRICTS})
_OFFICE_BY_KEY = _table(_OFFICE_ALIASES)
OFFICE_BY_KEY: dict[str, Office] = {office.key: office for office in OFFICES}


def district(name: str) -> str | None:
    """The canonical district a spelling names, or None."""
    return _DISTRICT_BY_KEY.get(fold(name))


def office(name: str) -> Office | None:
    """The HoD office a name or alias names, or None."""
    key = _OFFICE_BY_KEY.get(fold(name))
    return OFFICE_BY_KEY[key] if key else None


def closest_district(name: str) -> str | None:
    """The district a misspelling most likely meant, for "did you mean ...?"."""
    matches = difflib.get_close_matches(fold(name), list(_DISTRICT_BY_KEY), n=1, cutoff=0.75)
    return _DISTRICT_BY_KEY[matches[0]] if matches else None


def unknown_district_message(name: str) -> str:
    """Why a name is not a district, with a suggestion when one is close."""
    guess = closest_district(name) if name.strip() else None
    hint = f" (did you mean {guess}?)" if guess else " (use one of the 33, e.g. Kutch, Ahmedabad, Valsad)"
    return f"{name.strip()!r} is not one of Gujarat's districts{hint}"


def unknown_office_message(name: str) -> str:
    """Why a name is not an HoD office."""
    keys = " or ".join(office.key for office in OFFICES)
    return f"{name.strip()!r} is not an HoD office of the Revenue Department (use {keys})"
