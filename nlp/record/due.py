"""Due times stated in an instruction, in English, Gujarati and Hindi (native script or Latin).

"by 5 pm", "tomorrow 11 am", "21/01/2025", "સાંજે ૫ વાગ્યા સુધી", "कल सुबह 11 बजे तक",
"within 2 hours". The parser finds a day (explicit date, weekday, today/tomorrow),
a time (clock time, or a part of the day) and combines them in the given time zone.
A stated day without a time means the end of office hours (18:00 by default).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any, Generic, TypeVar

from nlp.record.text import END, START, normalise, words

DEFAULT_CLOSE = time(18, 0)

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        ("january", "jan", "જાન્યુઆરી", "जनवरी"),
        ("february", "feb", "ફેબ્રુઆરી", "फ़रवरी", "फरवरी"),
        ("march", "mar", "માર્ચ", "मार्च"),
        ("april", "apr", "એપ્રિલ", "अप्रैल", "अप्रेल"),
        ("may", "મે", "मई"),
        ("june", "jun", "જૂન", "જુન", "जून"),
        ("july", "jul", "જુલાઈ", "જુલાઇ", "जुलाई"),
        ("august", "aug", "ઓગસ્ટ", "ઑગસ્ટ", "अगस्त"),
        ("september", "sep", "sept", "સપ્ટેમ્બર", "सितंबर", "सितम्बर"),
        ("october", "oct", "ઓક્ટોબર", "ઑક્ટોબર", "अक्टूबर"),
        ("november", "nov", "નવેમ્બર", "नवंबर", "नवम्बर"),
        ("december", "dec", "ડિસેમ્બર", "दिसंबर", "दिसम्बर"),
    ),
    start=1,
):
    for _name in _names:
        _MONTHS[_name] = _number

_WEEKDAYS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        ("monday", "mon", "સોમવાર", "સોમવારે", "सोमवार", "somvar"),
        ("tuesday", "tue", "tues", "મંગળવાર", "મંગળવારે", "मंगलवार", "mangalvar"),
        ("wednesday", "બુધવાર", "બુધવારે", "बुधवार", "budhvar"),
        ("thursday", "thu", "thur", "thurs", "ગુરુવાર", "ગુરુવારે", "ગુરૂવાર", "ગુરૂવારે", "गुरुवार", "guruvar"),
        ("friday", "fri", "શુક્રવાર", "શુક્રવારે", "शुक्रवार", "shukravar"),
        ("saturday", "શનિવાર", "શનિવારે", "शनिवार", "shanivar"),
        ("sunday", "રવિવાર", "રવિવારે", "रविवार", "ravivar"),
    )
):
    for _name in _names:
        _WEEKDAYS[_name] = _number

_RELATIVE_DAYS = {
    **dict.fromkeys(("today", "tonight", "aaj", "aaje", "આજે", "આજ", "આજરોજ", "आज", "આજ રાત્રે"), 0),
    **dict.fromkeys(("tomorrow", "tmrw", "tmw", "kal", "kale", "કાલે", "કાલ", "આવતીકાલે", "આવતી કાલે", "कल"), 1),
    **dict.fromkeys(("day after tomorrow", "parso", "parmdivse", "પરમ દિવસે", "પરમદિવસે", "परसों", "परसो"), 2),
}

# Part of the day: how an hour without am/pm is read, and the time meant when no hour is given.
_DAY_PARTS = {
    **dict.fromkeys(("morning", "subah", "savare", "સવારે", "સવારના", "सुबह", "प्रातः"), ("morning", time(10, 0))),
    **dict.fromkeys(("afternoon", "bapore", "dopahar", "બપોરે", "બપોરના", "दोपहर"), ("afternoon", time(14, 0))),
    **dict.fromkeys(("evening", "sanje", "shaam", "sham", "સાંજે", "સાંજના", "शाम"), ("evening", time(18, 0))),
    **dict.fromkeys(("night", "tonight", "raat", "ratre", "રાત્રે", "રાતના", "रात", "रात्रि"), ("night", time(21, 0))),
}
_FIXED_TIMES = {
    **dict.fromkeys(("noon", "midday", "12 noon"), time(12, 0)),
    **dict.fromkeys(("midnight",), time(23, 59)),
    **dict.fromkeys(("eod", "end of day", "end of the day", "cob", "close of business", "office hours"), DEFAULT_CLOSE),
}
_HALF_QUARTER = {"સાડા": 30, "साढ़े": 30, "साढे": 30, "sadhe": 30, "sada": 30, "સવા": 15, "सवा": 15, "sava": 15,
                 "પોણા": -15, "पौने": -15, "paune": -15}

_OCLOCK = r"(?:o'?\s?clock|baje|bje|vagye|vagya|vage|વાગ્યે|વાગ્યા|વાગ્યાં|વાગે|वाजे|बजे|बजकर|बज)"
_MERIDIEM = r"(?P<meridiem>a\.?\s?m\.?|p\.?\s?m\.?)(?![a-z])"
_BEFORE = r"(?:by|before|till|until|upto|up to|at|latest by|not later than|on or before)"
_REFERENCE = re.compile(r"(?:dated|dtd|no\.?|number|ref\.?|letter|circular|ક્રમાંક|નં\.?|क्रमांक|सं\.?)\s*[:.]?\s*$")

_TIME_PATTERNS = (
    re.compile(rf"{START}(?P<hour>\d{{1,2}})(?:[:.](?P<minute>\d{{2}}))?\s*{_MERIDIEM}"),
    re.compile(rf"{START}(?P<hour>\d{{1,2}})[:.](?P<minute>\d{{2}})\s*(?:hrs?\.?|hours|કલાકે|કલાક|{_OCLOCK})"),
    re.compile(rf"{START}(?P<hour>\d{{1,2}}):(?P<minute>\d{{2}})(?![\d:])"),
    re.compile(rf"{START}(?P<hour>[01]\d|2[0-3])(?P<minute>[0-5]\d)\s*(?:hrs?\.?|hours)"),
    re.compile(rf"{START}(?P<hour>\d{{1,2}})\s*{_OCLOCK}"),
    re.compile(rf"{START}{_BEFORE}\s+(?P<hour>\d{{1,2}})(?=\s*(?:$|[,;!?)]|\.(?!\d)|\s+(?:today|tomorrow|sharp|tonight|pm|am|and|today's)))"),
)
_NUMERIC_DATE = re.compile(r"(?<![\d/.\-])(?P<day>\d{1,2})[/\-.](?P<month>\d{1,2})(?:[/\-.](?P<year>\d{4}|\d{2}))?(?![\d/\-]|\.\d)")
_MONTH_WORDS = "|".join(sorted((re.escape(name) for name in _MONTHS), key=len, reverse=True))
_DAY_MONTH = re.compile(
    rf"{START}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:of\s+)?(?P<month>{_MONTH_WORDS}){END}\.?(?:,?\s*(?P<year>\d{{4}}))?"
)
_MONTH_DAY = re.compile(
    rf"{START}(?P<month>{_MONTH_WORDS}){END}\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?{END}(?:,?\s*(?P<year>\d{{4}}))?"
)
_WEEKDAY = re.compile(rf"(?:next\s+|આવતા\s+|अगले\s+)?{words(*_WEEKDAYS)}")
_RELATIVE = re.compile(words(*_RELATIVE_DAYS))
_DAY_PART = re.compile(words(*_DAY_PARTS))
_FIXED = re.compile(words(*_FIXED_TIMES))
_PREFIX = re.compile(words(*_HALF_QUARTER) + r"\s*$")
_DURATION = re.compile(
    rf"(?:{START}(?:within|in|next|within the next)\s+(?P<en>\d{{1,3}})\s*(?P<en_unit>hours?|hrs?|minutes?|mins?|days?){END})"
    rf"|(?:{START}(?P<gu>\d{{1,3}})\s*(?P<gu_unit>કલાક|મિનિટ|દિવસ)(?:માં|ની\s+અંદર))"
    rf"|(?:{START}(?P<hi>\d{{1,3}})\s*(?P<hi_unit>घंटे|घंटों|घंटा|मिनट|दिन|दिनों)\s+(?:में|के\s+अंदर|के\s+भीतर))"
)
_UNITS = {"h": timedelta(hours=1), "m": timedelta(minutes=1), "d": timedelta(days=1), "ક": timedelta(hours=1),
          "મ": timedelta(minutes=1), "દ": timedelta(days=1), "घ": timedelta(hours=1), "म": timedelta(minutes=1),
          "द": timedelta(days=1)}
_DATE_MARKER_BEFORE = re.compile(r"(?:by|before|till|until|upto|on|due|latest by|તા\.?|ता\.?|dt\.)\s*$")
_DATE_MARKER_AFTER = re.compile(r"^\s*(?:સુધી|સુધીમાં|પહેલાં|પહેલા|તક|तक|से पहले|को|ના રોજ)")


@dataclass(frozen=True)
class DueTime:
    """A due time found in a message."""

    at: datetime
    time_stated: bool  # False when only a day was given (the end of office hours is assumed)
    start: int
    end: int
    text: str


_Value = TypeVar("_Value")


@dataclass(frozen=True)
class _Found(Generic[_Value]):
    value: _Value
    start: int
    end: int


def parse_due(text: str, *, now: datetime, zone: tzinfo, close: time = DEFAULT_CLOSE) -> DueTime | None:
    """The due time a message states, in zone, relative to now (None when none is stated)."""
    if not text:
        return None
    normal = normalise(text)
    local_now = now.astimezone(zone)
    duration = _duration(normal)
    if duration is not None:
        return DueTime(now + duration.value, True, duration.start, duration.end, text[duration.start:duration.end])
    clock = _clock_time(normal)
    part = _first(_DAY_PART, normal, _DAY_PARTS)
    taken = (clock.start, clock.end) if clock is not None else (0, 0)
    day = _explicit_date(normal, local_now.date(), taken) or _weekday(normal, local_now.date()) or _relative(normal, local_now.date())
    if clock is None and day is None and part is None:
        return None
    if clock is not None and clock.value is None:
        return None  # a clock time was written but cannot be a time (25 pm)
    found = [item for item in (clock, part, day) if item is not None]
    start, end = min(item.start for item in found), max(item.end for item in found)
    moment, stated, roll = _time_of_day(clock, part, close)
    on = day.value if day is not None else local_now.date()
    at = datetime.combine(on + timedelta(days=roll), moment, tzinfo=zone)
    if day is None and at <= local_now:
        at += timedelta(days=1)  # "by 10 am" said in the afternoon means tomorrow
    return DueTime(at, stated, start, end, text[start:end])


def _first(pattern: re.Pattern[str], normal: str, table: dict[str, _Value]) -> _Found[_Value] | None:
    match = pattern.search(normal)
    if match is None:
        return None
    key = re.sub(r"\s+", " ", match.group().strip())
    key = key.removeprefix("next ").removeprefix("આવતા ").removeprefix("अगले ")
    return _Found(table[key], match.start(), match.end())


def _duration(normal: str) -> _Found[timedelta] | None:
    match = _DURATION.search(normal)
    if match is None:
        return None
    for group in ("en", "gu", "hi"):
        if match.group(group):
            count, unit = int(match.group(group)), match.group(f"{group}_unit")
            if count == 0:
                return None
            return _Found(count * _UNITS[unit[0]], match.start(), match.end())
    return None


def _clock_time(normal: str) -> _Found[tuple[Any, ...] | None] | None:
    """The first clock time; its value is None when it was written but is not a valid time."""
    fixed = _first(_FIXED, normal, _FIXED_TIMES)
    candidates = []
    for pattern in _TIME_PATTERNS:
        match = pattern.search(normal)
        if match is not None and not _is_date_piece(normal, match):
            candidates.append(match)
    if not candidates:
        return _Found(("fixed", fixed.value), fixed.start, fixed.end) if fixed else None
    match = min(candidates, key=lambda m: (m.start("hour"), -len(m.group())))
    if fixed is not None and fixed.start < match.start():
        return _Found(("fixed", fixed.value), fixed.start, fixed.end)
    hour, minute = int(match.group("hour")), int(match.groupdict().get("minute") or 0)
    meridiem = (match.groupdict().get("meridiem") or "").replace(".", "").replace(" ", "")
    prefix = _PREFIX.search(normal, 0, match.start())
    offset = _HALF_QUARTER[prefix.group().strip()] if prefix else 0
    start = prefix.start() if prefix else match.start()
    if meridiem and not 1 <= hour <= 12 or hour > 23 or minute > 59:
        return _Found(None, start, match.end())
    return _Found(("clock", hour, minute, meridiem, offset), start, match.end())


def _is_date_piece(normal: str, match: re.Match[str]) -> bool:
    """Whether a would-be time is part of a date such as 21.01.2025."""
    after = normal[match.end():match.end() + 1]
    before = normal[max(0, match.start() - 1):match.start()]
    return after in {".", "/", "-"} and normal[match.end() + 1:match.end() + 2].isdigit() or before in {"/", "-"}


def _time_of_day(
    clock: _Found[tuple[Any, ...] | None] | None, part: _Found[tuple[str, time]] | None, close: time
) -> tuple[time, bool, int]:
    """(time, whether a time was stated, days to add) from the clock time and the part of the day."""
    part_name, part_default = part.value if part is not None else (None, None)
    if clock is None:
        return (part_default or close), part is not None, 0
    assert clock.value is not None  # parse_due stops at a clock time that is not a time
    if clock.value[0] == "fixed":
        return clock.value[1], True, 0
    _, hour, minute, meridiem, offset = clock.value
    roll = 0
    if meridiem:
        hour = hour % 12 + (12 if meridiem.startswith("p") else 0)
    elif hour <= 12:
        hour, roll = _read_hour(hour, part_name)
    total = (hour * 60 + minute + offset) % (24 * 60)
    return time(total // 60, total % 60), True, roll


def _read_hour(hour: int, part: str | None) -> tuple[int, int]:
    """A 12-hour clock hour without am/pm, read by the part of the day (or office habits)."""
    if part == "morning":
        return (0 if hour == 12 else hour), 0
    if part == "afternoon":
        return (hour + 12 if 1 <= hour <= 7 else hour), 0
    if part == "evening":
        return (hour + 12 if hour < 12 else hour), 0
    if part == "night":
        if hour == 12:
            return 0, 1
        return (hour + 12, 0) if hour >= 6 else (hour, 1)
    # No part of the day: in office use "by 5" means 5 pm and "by 11" 11 am.
    return (hour + 12 if 1 <= hour <= 7 else hour), 0


def _explicit_date(normal: str, today: date, taken: tuple[int, int]) -> _Found[date] | None:
    found = []
    for match in _NUMERIC_DATE.finditer(normal):
        if match.start() < taken[1] and taken[0] < match.end():
            continue  # the digits are the clock time (1.12 pm)
        if _REFERENCE.search(normal[max(0, match.start() - 20):match.start()]):
            continue  # a reference date: "circular dated 21/01/2019"
        if match.group("year") is None and not (
            _DATE_MARKER_BEFORE.search(normal[max(0, match.start() - 14):match.start()])
            or _DATE_MARKER_AFTER.search(normal[match.end():])
        ):
            continue
        found.append((match, int(match.group("month"))))
    for pattern in (_DAY_MONTH, _MONTH_DAY):
        for match in pattern.finditer(normal):
            found.append((match, _MONTHS[match.group("month")]))
    for match, month in sorted(found, key=lambda item: item[0].start()):
        value = _make_date(int(match.group("day")), month, match.group("year"), today)
        if value is not None:
            return _Found(value, match.start(), match.end())
    return None


def _make_date(day: int, month: int, year_text: str | None, today: date) -> date | None:
    year = today.year if year_text is None else int(year_text) + (2000 if len(year_text) == 2 else 0)
    try:
        value = date(year, month, day)
    except ValueError:
        return None
    if year_text is None and value < today:
        try:
            value = date(year + 1, month, day)
        except ValueError:
            return None
    return value


def _weekday(normal: str, today: date) -> _Found[date] | None:
    match = _WEEKDAY.search(normal)
    if match is None:
        return None
    name = re.sub(r"^(?:next|આવતા|अगले)\s+", "", match.group().strip())
    ahead = (_WEEKDAYS[name] - today.weekday()) % 7 or 7
    return _Found(today + timedelta(days=ahead), match.start(), match.end())


def _relative(normal: str, today: date) -> _Found[date] | None:
    found = _first(_RELATIVE, normal, _RELATIVE_DAYS)
    if found is None:
        return None
    return _Found(today + timedelta(days=found.value), found.start, found.end)
