"""Which cue classes, found together, make evidence for which label.

A rule fires when one occurrence of each of its `all_of` groups (a group is
one class or alternatives "a|b") lies within `window` characters of the
first; any class in `unless` found in the message damps its score.
"""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Rule:
    """Evidence for `label` with `reason_code` when cue classes co-occur."""

    label: str
    reason_code: str
    score: float
    all_of: tuple[str, ...]
    unless: tuple[str, ...] = ()
    damp: float = 0.35
    window: int = 160
    # The classes of the first group: a quick test whether the rule can fire.
    first_classes: frozenset[str] = frozenset()
    # all_of split into its alternatives once, not on every message.
    class_groups: tuple[tuple[str, ...], ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "first_classes", frozenset(self.all_of[0].split("|")))
        object.__setattr__(self, "class_groups", tuple(tuple(group.split("|")) for group in self.all_of))


# What makes a message not an instruction: a peer's question, a thank-you or
# "noted", or a report that something was already done.
_NOT_DIRECTED = ("peer_question", "ins_ack", "ins_done")

RULES: tuple[Rule, ...] = (
    # confidential (§2)
    Rule("confidential", "marked_confidential", 0.9, ("conf_marker",), unless=("conf_channel",)),
    Rule("confidential", "marked_confidential", 0.9, ("conf_heading",), unless=("conf_channel",)),
    Rule("confidential", "marked_confidential", 0.7, ("conf_marker_weak", "conf_content"), unless=("conf_channel",), window=60),
    Rule("confidential", "marked_confidential", 0.3, ("conf_marker_weak",)),
    Rule("confidential", "policy_proposal", 0.8, ("conf_draft", "conf_policy|conf_cabinet"), unless=("conf_published",), window=120),
    Rule("confidential", "policy_proposal", 0.75, ("conf_change", "conf_policy", "conf_future"), unless=("conf_published",), window=120),
    Rule("confidential", "policy_proposal", 0.7, ("conf_cabinet", "conf_change|conf_content|conf_policy"), unless=("conf_published",), window=120),
    Rule("confidential", "sensitive_operation", 0.8, ("conf_inquiry", "conf_content|conf_marker_weak"), unless=("conf_channel", "conf_published", "ins_done"), window=60),
    Rule("confidential", "sensitive_operation", 0.8, ("conf_tender", "conf_tender_detail|money"), unless=("conf_tender_opened",), damp=0.3, window=100),
    Rule("confidential", "sensitive_operation", 0.8, ("conf_tender_unopened", "conf_tender|money"), window=100),
    Rule("confidential", "sensitive_operation", 0.8, ("conf_inquiry", "person|target"), unless=("conf_channel",), window=100),
    Rule("confidential", "sensitive_operation", 0.4, ("conf_inquiry",)),
    Rule("confidential", "sensitive_operation", 0.8, ("conf_court_strategy", "conf_court"), window=140),
    Rule("confidential", "sensitive_operation", 0.8, ("conf_vip", "conf_security"), window=120),
    Rule("confidential", "sensitive_operation", 0.55, ("conf_security",)),
    Rule("confidential", "sensitive_operation", 0.8, ("conf_exam",), unless=("ins_done", "conf_published")),
    # personal_data (§8, privacy): identifiers come from the recognisers.
    Rule(
        "personal_data", "sensitive_attribute", 0.8,
        ("pd_health|pd_caste_religion|pd_criminal|pd_dispute|pd_welfare|pd_address", "person"),
        window=120,
    ),
    # A named person called a thief or a drunkard: a claim about that person (and hostile, too).
    Rule("personal_data", "sensitive_attribute", 0.55, ("host_defame", "person"), window=80),
    Rule(
        "personal_data", "sensitive_attribute", 0.45,
        ("pd_health|pd_caste_religion|pd_criminal|pd_dispute|pd_welfare|pd_address", "pd_person_ref"),
        window=80,
    ),
    # hostile (§8)
    Rule("hostile", "abuse", 0.85, ("host_abuse",)),
    Rule("hostile", "abuse", 0.7, ("host_abuse_mild", "second_person|person|target"), window=50),
    Rule("hostile", "threat", 0.85, ("host_threat",)),
    Rule("hostile", "threat", 0.75, ("first_person", "host_harm", "second_person"), window=60),
    Rule("hostile", "defamation", 0.75, ("host_defame", "person|target"), unless=("host_report",), damp=0.4, window=80),
    Rule("hostile", "defamation", 0.45, ("host_defame",), unless=("host_report",)),
    Rule("hostile", "enmity", 0.85, ("host_enmity_strong",)),
    Rule("hostile", "enmity", 0.8, ("host_group", "host_group_pred"), window=80),
    # instruction (§2, uses)
    Rule("instruction", "directive", 0.8, ("ins_directive",), unless=("ins_ack_only",)),
    Rule("instruction", "directive", 0.8, ("designation_to",), unless=("peer_question", "ins_done")),
    Rule("instruction", "directive", 0.7, ("imperative",), unless=_NOT_DIRECTED + ("conf_marker", "conf_draft")),
    Rule("instruction", "directive", 0.75, ("ins_passive", "ins_deadline|time|date|target|ins_disaster|ins_addressee|ins_object"), unless=("peer_question",), window=80),
    Rule("instruction", "directive", 0.7, ("ins_addressee", "ins_request_verb|ins_urgency|ins_deadline|ins_attend|time|date"), unless=_NOT_DIRECTED + ("conf_marker",), window=120),
    Rule("instruction", "information_request", 0.7, ("ins_request_verb", "ins_object"), unless=_NOT_DIRECTED + ("first_person",), window=80),
    Rule("instruction", "information_request", 0.6, ("ins_request_verb", "ins_deadline|time"), unless=_NOT_DIRECTED + ("first_person",), window=60),
    Rule("instruction", "information_request", 0.85, ("ins_request_verb", "ins_object", "ins_deadline|ins_urgency|time"), unless=_NOT_DIRECTED, window=100),
    Rule("instruction", "meeting", 0.85, ("ins_meeting", "time|date|ins_attend|ins_deadline"), unless=_NOT_DIRECTED + ("first_person", "ins_info"), window=120),
    Rule("instruction", "meeting", 0.75, ("ins_meeting", "ins_change"), unless=("ins_ack", "ins_done"), window=80),
    Rule("instruction", "disaster_directive", 0.85, ("ins_disaster", "ins_disaster_action|ins_request_verb|ins_directive|ins_addressee|ins_passive"), unless=_NOT_DIRECTED + ("ins_info",), window=140),
)

# Cue classes found by regular expressions rather than phrases; each runs
# only when its hint (a cheap test) passes.
_NOT_VERBS = r"(?:be|the|a|an|all|this|that|his|her|their|your|our|him|them|me|us|you|date|day|time)\b"

# The look-aheads before the units and month names ((?=[...]): their first letters, matched under the same
# IGNORECASE rules) end a try at a run of digits that no unit follows in one test, not one per word.
_TIME = (
    r"(?<![\w.])\d{1,2}(?:[:.]\d{2})?\s*(?=[ahopvbવકબबव])(?:a\.?m\.?|p\.?m\.?|hrs|hours|o'?clock|vage|vaage|vagye|baje|bajey"
    r"|vagya|વાગ્યે|વાગે|વાગ્યા|કલાકે|કલાક|બજે|बजे|वाजता)(?![^\W\d_])"
    r"|(?<![\w.:])(?:[01]?\d|2[0-3]):[0-5]\d(?![\d:])"
)
_DATE = (
    r"(?<![\d/.\-])(?:0?[1-9]|[12]\d|3[01])[/.\-](?:0?[1-9]|1[0-2])(?:[/.\-](?:20)?\d{2})?(?![\d/.\-]\d)"
    r"|(?<!\w)(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?\s+(?=[jfmasond])(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
)
_MONEY = (
    r"(?:₹|\brs\.?|\binr)\s*\d"
    r"|\d(?:[\d,.]*)\s*(?=[lcp%લકટलकप])(?:lakh|lakhs|lac|crore|crores|cr\b|%|per ?cent|લાખ|કરોડ|ટકા|लाख|करोड़|करोड|प्रतिशत)"
)

REGEX_CUES: dict[str, re.Pattern[str]] = {
    # "Mamlatdar Sanand to send ...", "All Talatis are to remain ...": the
    # official English directive form. The verb is lower case, a place is not.
    # Tried right after each "designation" cue (see nlp.components).
    "designation_to": re.compile(rf"[^.;:!?\n]{{0,45}}?(?<![^\W_])(?i:to)\s+(?!{_NOT_VERBS})[a-z]{{3,}}\b"),
    # A weak marking used as a heading ("Restricted: ...", "*Secret* - ..."): the message marks itself. Or standing
    # alone ("CONFIDENTIAL", "*ગોપનીય* 🔒"): a label, of the attachment it is the caption of or of what it is posted
    # with (labels.md: "an attachment so marked is being shared"; nlp/README.md, the second wave).
    "conf_heading": re.compile(
        r"[\W_]{0,4}(?i:strictly confidential|top secret|confidential|classified|restricted|secret|sensitive|gopniya"
        r"|gopniy|khangi|ખાનગી|ગોપનીય|गोपनीय|गुप्त)(?:[\W_]{0,3}?\s*[:\-–—|]|[\W_\s]*\Z)"
    ),
    # A vehicle's registration plate (GJ-10-T-3663, GJ01AB1234): an asset, not a person's data.
    "plate": re.compile(r"(?<![A-Za-z0-9])(?i:gj|mh|rj|mp|dl)[\s\-.]?\d{1,2}[\s\-.]?[A-Za-z]{0,3}[\s\-.]?\d{4}(?!\d)"),
    # Times, dates and amounts: the group that matched names the cue. Tried
    # only where a run of digits starts (see `number_cues`).
    "numbers": re.compile(rf"(?P<time>{_TIME})|(?P<date>{_DATE})|(?P<money>{_MONEY})", re.IGNORECASE),
}
# A time or a date opens with one or two digits: at a run of three or more only an amount can start, and
# this pattern gives the same match there as "numbers" (half the time: no time or date alternative is tried).
_AMOUNT = re.compile(rf"(?P<money>{_MONEY})", re.IGNORECASE)
# (A digit, then any more: a pattern that opens with a repeat is tried at every character, one that opens
# with a class only where the class matches; the same runs as \d+.)
_DIGIT_RUN = re.compile(r"\d\d*")
# (The look-ahead for the first characters spares a search the three alternatives at every other character.)
_CURRENCY = re.compile(r"(?=[₹ri])(?:₹|\brs\.?|\binr)\s*\d", re.IGNORECASE)


def number_cues(text: str, lowered: str | None = None,
                spans: list[tuple[int, int]] | None = None) -> list[tuple[str, int, int]]:
    """Times, dates and amounts in `text`, as (cue class, start, end). `spans`: the text's runs of digits
    (`nlp.recognisers.digit_runs`), when the caller has them.

    Matching at the start of each run of digits, rather than searching the
    whole text, is several times faster with patterns that open with a
    look-behind.
    """
    pattern, amount = REGEX_CUES["numbers"], _AMOUNT
    found = []
    end = -1
    for start, run_end in spans if spans is not None else [run.span() for run in _DIGIT_RUN.finditer(text)]:
        if start < end:
            continue
        m = (pattern if run_end - start <= 2 else amount).match(text, start)
        if m is not None:
            assert m.lastgroup is not None  # every alternative of the pattern is a named group
            found.append((m.lastgroup, m.start(), m.end()))
            end = m.end()
    if lowered is None:
        lowered = text.lower()
    if text.isascii():
        # No ₹, and no letter that IGNORECASE matches with r, s, i or n but lower() does not lower to it (ſ, İ, ı),
        # and `lowered` lines up with `text`: a match opens where "rs" or "inr" stands in `lowered`. The pattern is
        # tried there, in order, as finditer would find it (a match ends at a digit: none overlaps the next).
        if "rs" in lowered or "inr" in lowered:
            found += _currency_at(text, lowered)
    elif "₹" in text or "rs" in lowered or "inr" in lowered:
        found += [("money", m.start(), m.end()) for m in _CURRENCY.finditer(text)]
    return found


def _currency_at(text: str, lowered: str) -> list[tuple[str, int, int]]:
    # `_CURRENCY.finditer(text)` for an ASCII text, tried only where "rs" or "inr" opens (see number_cues).
    starts = []
    for word in ("rs", "inr"):
        at = lowered.find(word)
        while at >= 0:
            starts.append(at)
            at = lowered.find(word, at + 1)
    if len(starts) > 1:
        starts.sort()
    out = []
    end = -1
    match = _CURRENCY.match
    for at in starts:
        if at >= end and (m := match(text, at)) is not None:
            end = m.end()
            out.append(("money", at, end))
    return out


_DIGIT = re.compile(r"\d")
# Letters that re.IGNORECASE matches with an ASCII letter but that str.lower() does not lower to it
# (dotted and dotless I, long s, the Kelvin sign): where one appears, a word test falls back on the pattern.
_CASE_FOLDS = re.compile("[\u0130\u0131\u017f\u212a]")


def has_any(text: str, words: tuple[str, ...], pattern: re.Pattern[str], lowered: str | None = None) -> bool:
    """Whether `pattern`, a case-insensitive alternation of `words`, can match in `text`: substring tests
    of the lower-cased text (`lowered`, when the caller has it), much faster than a case-insensitive search."""
    if lowered is None:
        lowered = text.lower()
    for word in words:
        if word in lowered:
            return True
    return not text.isascii() and _CASE_FOLDS.search(text) is not None and pattern.search(text) is not None


# A plate opens with a state code: the plate pattern (which opens with a look-behind, slow to search) is
# tried only when one of them appears, in either case.
STATE_CODES = ("gj", "mh", "rj", "mp", "dl")
STATE_CODE = re.compile(r"(?i:gj|mh|rj|mp|dl)")
REGEX_HINTS = {
    "numbers": lambda text: _DIGIT.search(text) is not None,
    "plate": lambda text: has_any(text, STATE_CODES, STATE_CODE),
}
