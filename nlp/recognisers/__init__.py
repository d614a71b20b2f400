"""Recognisers for Indian identifiers, one class per identifier."""
from __future__ import annotations

import re

from nlp.recognisers.aadhaar import AadhaarRecogniser, verhoeff_check_digit, verhoeff_valid
from nlp.recognisers.aadhaar_card import AadhaarCardRecogniser
from nlp.recognisers.bank import BankAccountRecogniser
from nlp.recognisers.base import Allowlist, Finding, Recogniser, Validity
from nlp.recognisers.email import EmailRecogniser
from nlp.recognisers.mobile import MobileRecogniser
from nlp.recognisers.pan import PanRecogniser
from nlp.recognisers.passport import PassportRecogniser
from nlp.recognisers.voter_id import VoterIdRecogniser

_LONG_DIGITS = re.compile(r"\d(?:[ \-.\u00a0]{0,2}\d){8}")
_FOUR_DIGITS = re.compile(r"\d{4}")
# (Written \d\d*, not \d+: see nlp.rules._DIGIT_RUN.)
_DIGIT_RUN = re.compile(r"\d\d*")
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _has_code(text: str) -> bool:
    """Whether `[A-Za-z]\\d{4}` (a letter, then four digits) matches. Its four digits start a run of digits (a
    letter precedes them), and a search for four digits finds every run of four or more at its start, so looking
    before each match is enough: digits are rare, letters (where a search for the pattern tries) are not."""
    for m in _FOUR_DIGITS.finditer(text):
        start = m.start()
        if start and text[start - 1] in _ASCII_LETTERS:
            return True
    return False


def digit_runs(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each run of digits in `text` (`\\d+`): worked out once per message and shared by the
    identifiers (`find_identifiers`) and the number cues (`nlp.rules.number_cues`), which both walk the runs."""
    return [run.span() for run in _DIGIT_RUN.finditer(text)]


def _runs(text: str, spans: list[tuple[int, int]] | None = None) -> tuple[list[int], bool, bool, int]:
    """Where `text`'s runs of digits start; whether one is four digits or longer (`_FOUR_DIGITS` matches); whether
    one of those follows an ASCII letter (`_has_code`: a four-digit match before which a letter stands opens a
    run); how many digits there are. One pass over the runs instead of four searches. `spans`: the runs
    (`digit_runs`), when the caller has them."""
    starts = []
    four = code = False
    digits = 0
    for start, end in spans if spans is not None else digit_runs(text):
        starts.append(start)
        digits += end - start
        if end - start >= 4:
            four = True
            if start and text[start - 1] in _ASCII_LETTERS:
                code = True
    return starts, four, code, digits

RECOGNISERS: tuple[type[Recogniser], ...] = (
    AadhaarRecogniser,
    AadhaarCardRecogniser,  # an Aadhaar card's layout read by OCR, without the word typed
    PanRecogniser,
    VoterIdRecogniser,
    PassportRecogniser,
    BankAccountRecogniser,
    MobileRecogniser,
    EmailRecogniser,
)


def build_recognisers(allowlist: Allowlist) -> tuple[Recogniser, ...]:
    """One instance of each recogniser sharing `allowlist`."""
    return tuple(cls(allowlist=allowlist) for cls in RECOGNISERS)


def find_identifiers(recognisers: tuple[Recogniser, ...], text: str,
                     spans: list[tuple[int, int]] | None = None) -> list[Finding]:
    """All identifiers in normalised `text`; where spans overlap, the strongest wins. `spans`: its runs of digits
    (`digit_runs`), when the caller has them."""
    at = "@" in text
    # (No search for a digit first: the pass over the runs finds none as fast, and is needed when there is one.)
    runs, four, code, digits = _runs(text, spans)
    if not at and not four:
        return []
    shown = {
        # Nine digits in all, at least, before the search for nine in a row.
        "digits": digits >= 9 and _LONG_DIGITS.search(text) is not None,
        "code": code,
        "at": at,
    }
    shared: dict = {}
    found = [f for r in recognisers if shown[r.NEEDS] for f in r.find(text, runs, shared)]
    found.sort(key=lambda f: (-f.score, f.start))
    kept: list[Finding] = []
    for f in found:
        if all(f.end <= k.start or f.start >= k.end for k in kept):
            kept.append(f)
    kept.sort(key=lambda f: f.start)
    return kept


__all__ = [
    "AadhaarRecogniser", "Allowlist", "BankAccountRecogniser", "EmailRecogniser", "Finding",
    "MobileRecogniser", "PanRecogniser", "PassportRecogniser", "Recogniser", "RECOGNISERS",
    "Validity", "VoterIdRecogniser", "build_recognisers", "digit_runs", "find_identifiers", "verhoeff_check_digit",
    "verhoeff_valid",
]
