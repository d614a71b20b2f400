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

    def __post_init__(self) -> None:
        object.__setattr__(self, "first_classes", frozenset(self.all_of[0].split("|")))


# What makes a message not an instruction: a peer's question, a thank-you or
# "noted", or a report that something was already done.
_NOT_DIRECTED = ("peer_question", "ins_ack", "ins_done")

RULES: tuple[Rule, ...] = (
    # confidential (§2)
    Rule("confidential", "marked_confidential", 0.9, ("conf_marker",), unless=("conf_channel",)),
    Rule("confidential", "marked_confidential", 0.7, ("conf_marker_weak", "conf_content"), unless=("conf_channel",), window=60),
    Rule("confidential", "marked_confidential", 0.3, ("conf_marker_weak",)),
    Rule("confidential", "policy_proposal", 0.8, ("conf_draft", "conf_policy|conf_cabinet"), unless=("conf_published",), window=120),
    Rule("confidential", "policy_proposal", 0.75, ("conf_change", "conf_policy", "conf_future"), unless=("conf_published",), window=120),
    Rule("confidential", "policy_proposal", 0.7, ("conf_cabinet", "conf_change|conf_content|conf_policy"), unless=("conf_published",), window=120),
    Rule("confidential", "sensitive_operation", 0.8, ("conf_inquiry", "conf_content|conf_marker_weak"), unless=("conf_channel", "conf_published", "ins_done"), window=60),
    Rule("confidential", "sensitive_operation", 0.8, ("conf_tender", "conf_tender_detail|money"), unless=("conf_tender_opened",), damp=0.3, window=100),
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
_DESIGNATIONS = (
    r"mamlatdars?|collectors?|prant officers?|prants|dy\.? collectors?|deputy collectors?|tdos?|ddos?|talatis?"
    r"|circle officers?|circle inspectors?|sub-?registrars?|sdms?|sector officers?|nodal officers?|zonal officers?"
    r"|liaison officers?|officers?|teams?|staff|engineers?|inspectors?|clerks?|superintendents?|chitnis"
    r"|chief officers?|commissioners?|secretar(?:y|ies)|tehsildars?|patwaris?|members|all"
)
_NOT_VERBS = r"(?:be|the|a|an|all|this|that|his|her|their|your|our|him|them|me|us|you|date|day|time)\b"

REGEX_CUES: dict[str, re.Pattern[str]] = {
    # "Mamlatdar Sanand to send ...", "All Talatis are to remain ...": the
    # official English directive form. The verb is lower case, a place is not.
    "designation_to": re.compile(
        rf"(?<![^\W_])(?i:{_DESIGNATIONS})(?![^\W_])[^.;:!?\n]{{0,45}}?(?<![^\W_])(?i:to)\s+(?!{_NOT_VERBS})[a-z]{{3,}}\b"
    ),
    "time": re.compile(
        r"(?<![\w.])\d{1,2}(?:[:.]\d{2})?\s*(?:a\.?m\.?|p\.?m\.?|hrs|hours|o'?clock|vage|vaage|vagye|baje|bajey"
        r"|vagya|vagye|વાગ્યે|વાગે|વાગ્યા|કલાકે|કલાક|બજે|बजे|वाजता)(?![^\W\d_])"
        r"|(?<![\w.:])(?:[01]?\d|2[0-3]):[0-5]\d(?![\d:])",
        re.IGNORECASE,
    ),
    "date": re.compile(
        r"(?<![\d/.\-])(?:0?[1-9]|[12]\d|3[01])[/.\-](?:0?[1-9]|1[0-2])(?:[/.\-](?:20)?\d{2})?(?![\d/.\-]\d)"
        r"|(?<!\w)(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*",
        re.IGNORECASE,
    ),
    "money": re.compile(
        r"(?:₹|\brs\.?|\binr)\s*\d|\d(?:[\d,.]*)\s*(?:lakh|lakhs|lac|crore|crores|cr\b|%|per ?cent|લાખ|કરોડ|ટકા|लाख|करोड़|करोड|प्रतिशत)",
        re.IGNORECASE,
    ),
}


_DIGIT = re.compile(r"\d")
_DATE_HINT = re.compile(r"\d[/.\-]\d|\d(?:st|nd|rd|th)?\s+(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)")
_TIME_WORDS = ("am", "pm", "a.m", "p.m", ":", "hrs", "hour", "clock", "vag", "baj", "વાગ", "કલાક", "બજે", "बजे", "वाजता")
_MONEY_WORDS = ("₹", "rs", "inr", "lakh", "lac", "crore", "cr", "%", "cent", "લાખ", "કરોડ", "ટકા", "लाख", "करोड", "प्रतिशत")


def _time_hint(text: str) -> bool:
    lowered = text.lower()
    return _DIGIT.search(text) is not None and any(w in lowered for w in _TIME_WORDS)


def _money_hint(text: str) -> bool:
    lowered = text.lower()
    return _DIGIT.search(text) is not None and any(w in lowered for w in _MONEY_WORDS)


REGEX_HINTS = {
    "designation_to": lambda text: " to " in text or " To " in text,
    "time": _time_hint,
    "date": lambda text: _DATE_HINT.search(text) is not None,
    "money": _money_hint,
}
