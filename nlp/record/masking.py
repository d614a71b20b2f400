"""Masking personal data in exports: Aadhaar, PAN, voter ID, passport, bank account, phone, e-mail.

Exports combine three sources of spans: what the content filter found when the message
arrived (kept in storage), the patterns here, and the numbers the record itself knows
to be private. Official numbers (the roster's) and official e-mail domains stay visible:
they are an office's contact, not personal data (labels.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from nlp.record.text import normalise
from nlp.recognisers.base import OFFICIAL_EMAIL_DOMAINS, is_official_domain

MASK_CHAR = "X"
KEEP_LAST = 4

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("aadhaar", re.compile(r"(?<![\d])[2-9]\d{3}[\s\-.]?\d{4}[\s\-.]?\d{4}(?![\d])")),
    ("pan", re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{5}\d{4}[A-Za-z](?![A-Za-z0-9])")),
    ("voter_id", re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{3}\d{7}(?![A-Za-z0-9])")),
    ("passport", re.compile(r"(?<![A-Za-z0-9])[A-PR-WYa-pr-wy][1-9]\d\s?\d{4}[1-9](?![A-Za-z0-9])")),
    ("mobile", re.compile(r"(?<![\d+])(?:(?:\+|00)?91[\s\-.]{0,2}|0)?[6-9](?:[\s\-.]{0,2}\d){9}(?![\d])")),
    ("bank_account", re.compile(r"(?i)(?:a/c|acct?|account|khata|ખાતા|खाता)\D{0,20}?(\d{9,18})(?!\d)")),
    ("email", re.compile(r"[\w.+\-]+@([\w\-]+(?:\.[\w\-]+)+)")),
)


@dataclass(frozen=True)
class Span:
    """A stretch of text to mask."""

    start: int
    end: int
    reason: str


@dataclass
class Masker:
    """Finds and masks personal data, knowing which numbers are official and which are private."""

    official_numbers: frozenset[str] = frozenset()  # last ten digits
    private_numbers: frozenset[str] = frozenset()  # last ten digits
    official_domains: tuple[str, ...] = OFFICIAL_EMAIL_DOMAINS  # e-mail on these (or subdomains) stays visible
    _private: re.Pattern[str] | None = field(default=None, init=False, repr=False)

    @classmethod
    def build(cls, official: Iterable[str] = (), private: Iterable[str] = (),
              official_domains: Iterable[str] = OFFICIAL_EMAIL_DOMAINS) -> Masker:
        """A masker from official and known-private phone numbers in any spelling, and the official e-mail domains."""
        masker = cls(frozenset(_key(n) for n in official if _key(n)), frozenset(_key(n) for n in private if _key(n)),
                     tuple(d.lower().lstrip("@.") for d in official_domains if d))
        known = sorted(masker.private_numbers - masker.official_numbers)
        if known:
            # A known private number is masked in any spelling: digits with any separators between.
            spelled = ["[\\s\\-.]{0,2}".join(number) for number in known]
            masker._private = re.compile(r"(?<!\d)(?:" + "|".join(spelled) + r")(?!\d)")
        return masker

    def spans(self, text: str) -> list[Span]:
        """Personal data found in text by pattern and by the record's own knowledge."""
        if not text or ("@" not in text and not any(char.isdigit() for char in text)):
            return []  # every identifier here has a digit, or an @ for e-mail
        normal = normalise(text)
        found = []
        for reason, pattern in _PATTERNS:
            for match in pattern.finditer(normal):
                start, end = match.span(1) if reason == "bank_account" else match.span()
                if reason in {"mobile", "aadhaar"} and _key(match.group()) in self.official_numbers:
                    continue  # an official number, also when written 91XXXXXXXXXX
                if reason == "aadhaar" and normal[max(0, start - 1):start] == "+":
                    continue  # +91 and ten digits: a phone number, judged by the mobile pattern
                if reason == "email" and is_official_domain(match.group(1), self.official_domains):
                    continue
                found.append(Span(start, end, reason))
        if self._private is not None:
            found += [Span(m.start(), m.end(), "known_number") for m in self._private.finditer(normal)]
        return found

    def mask(self, text: str | None, extra: Iterable[tuple[int, int]] = ()) -> str | None:
        """text with every personal-data span (found here, or given as extra) masked."""
        if not text:
            return text
        spans = [(span.start, span.end) for span in self.spans(text)]
        spans += [(max(0, start), min(len(text), end)) for start, end in extra if start < end]
        return mask_spans(text, spans)


def mask_spans(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """Replace letters and digits in each span by X, keeping separators (and a number's last four digits)."""
    chars = list(text)
    for start, end in _merge(spans):
        positions = [i for i in range(start, end) if chars[i].isalnum()]
        digits = sum(chars[i].isdigit() for i in positions)
        keep = KEEP_LAST if len(positions) > KEEP_LAST and digits * 2 >= len(positions) else 0
        for i in positions[: len(positions) - keep]:
            chars[i] = MASK_CHAR
    return "".join(chars)


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def _key(number: str) -> str:
    digits = re.sub(r"\D", "", normalise(str(number)))
    return digits[-10:] if len(digits) >= 10 else ""

