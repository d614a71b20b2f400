"""What every identifier recogniser shares: the finding, the validity answer,
and the context look-up around a candidate."""
from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from typing import ClassVar
from collections.abc import Iterable


class Validity(enum.Enum):
    """The answer of `Recogniser.validate`."""

    VALID = "valid"
    INVALID = "invalid"
    UNSURE = "unsure"


@dataclass(frozen=True, slots=True)
class Finding:
    """One identifier found in normalised text: its span, kind and score."""

    reason_code: str
    start: int
    end: int
    score: float


# The official e-mail domains when none are configured (SAMVAD_OFFICIAL_EMAIL_DOMAINS; circular §1).
OFFICIAL_EMAIL_DOMAINS: tuple[str, ...] = ("gujarat.gov.in", "nic.in")


def is_official_domain(domain: str, official: Iterable[str]) -> bool:
    """Whether an e-mail domain is one of the official ones or a subdomain of one."""
    domain = domain.lower()
    return any(domain == o or domain.endswith("." + o) for o in official)


@dataclass(frozen=True)
class Allowlist:
    """Numbers and e-mail domains that belong to offices and are never personal data."""

    mobile_numbers: frozenset[str] = frozenset()
    email_domains: tuple[str, ...] = OFFICIAL_EMAIL_DOMAINS

    @classmethod
    def build(cls, numbers: Iterable[str] = (), domains: Iterable[str] = OFFICIAL_EMAIL_DOMAINS) -> Allowlist:
        """Keep the last ten digits of each number and lower-case domains."""
        keys = set()
        for number in numbers:
            digits = re.sub(r"\D", "", str(number))
            if len(digits) >= 10:
                keys.add(digits[-10:])
        return cls(frozenset(keys), tuple(d.lower().lstrip("@.") for d in domains if d))

    def official_email(self, domain: str) -> bool:
        """Whether `domain` is (a subdomain of) an official e-mail domain."""
        return is_official_domain(domain, self.email_domains)


def words(*alternatives: str) -> re.Pattern[str]:
    """A regex matching any of `alternatives` as whole words (text is lower-case)."""
    body = "|".join(sorted((re.escape(a) for a in alternatives), key=len, reverse=True))
    # The look-ahead for the words' first characters (matched alike under IGNORECASE) rejects most places in
    # one test: a search otherwise tries every alternative at every character of the context window.
    first = "".join(sorted({re.escape(a[0]) for a in alternatives}))
    return re.compile(rf"(?=[{first}])(?<![^\W_])(?:{body})(?![^\W_])", re.IGNORECASE)


@dataclass
class Recogniser:
    """One kind of identifier: a candidate pattern, a validity check, context words."""

    reason_code: ClassVar[str]
    PATTERN: ClassVar[re.Pattern[str]]
    CONTEXT: ClassVar[re.Pattern[str] | None] = None
    # How far around a candidate context words count, in characters.
    CONTEXT_BEFORE: ClassVar[int] = 48
    CONTEXT_AFTER: ClassVar[int] = 24
    allowlist: Allowlist = field(default_factory=Allowlist)

    def validate(self, value: str) -> Validity:
        """Whether the candidate `value` (as matched) is a real identifier of this kind."""
        raise NotImplementedError

    def score(self, match: re.Match[str], text: str, validity: Validity) -> float:
        """The evidence score for a valid or unsure candidate; 0 drops it."""
        raise NotImplementedError

    def near(self, pattern: re.Pattern[str] | None, text: str, start: int, end: int) -> bool:
        """Whether `pattern` occurs in the context window around [start, end)."""
        if pattern is None:
            return False
        return pattern.search(text, max(0, start - self.CONTEXT_BEFORE), min(len(text), end + self.CONTEXT_AFTER)) is not None

    # What a text must show for this recogniser to look further: "digits"
    # (nine or more digits in a row, separators allowed), "code" (letters
    # next to digits), "at" (an @).
    NEEDS: ClassVar[str] = "digits"

    def hint(self, text: str) -> bool:
        """A cheap test that rules the recogniser out for most texts."""
        return True

    # Whether every match starts with a digit: then the pattern is tried only
    # where a run of digits starts, which is much faster than a search.
    DIGIT_LED: ClassVar[bool] = False

    def candidates(self, text: str, runs: list[int] | None = None):
        """Matches of PATTERN in `text` (`runs`: where its runs of digits start, when the caller has them)."""
        if not self.DIGIT_LED:
            yield from self.PATTERN.finditer(text)
            return
        end = -1
        for start in runs if runs is not None else [run.start() for run in _DIGIT_RUN.finditer(text)]:
            if start < end:
                continue
            match = self.PATTERN.match(text, start)
            if match is not None:
                end = match.end()
                yield match

    def find(self, text: str, runs: list[int] | None = None, shared: dict | None = None) -> list[Finding]:
        """All findings in normalised `text`. `shared` (one dict per text) keeps the valid candidates of each
        pattern and validity check, for another recogniser that reads them alike (the Aadhaar card's layout
        scores the Aadhaar recogniser's numbers)."""
        found: list[Finding] = []
        if not self.hint(text):
            return found
        # (The pattern by identity: a Pattern's hash is worked out anew from its whole program on each lookup.)
        key = (id(self.PATTERN), type(self).validate)
        valid = shared.get(key) if shared is not None else None
        if valid is None:
            valid = []
            for match in self.candidates(text, runs):
                validity = self.validate(match.group())
                if validity is not Validity.INVALID:
                    valid.append((match, validity))
            if shared is not None:
                shared[key] = valid
        for match, validity in valid:
            score = self.score(match, text, validity)
            if score > 0:
                found.append(Finding(self.reason_code, match.start(), match.end(), score))
        return found


_NON_DIGIT = re.compile(r"\D")
_DIGIT_RUN = re.compile(r"\d\d*")  # (\d+, searched faster: see nlp.rules._DIGIT_RUN)


def digits_of(value: str) -> str:
    """The digits of `value`, separators dropped."""
    return _NON_DIGIT.sub("", value)
