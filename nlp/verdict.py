"""The filter's answer for one message: labels and the evidence behind them."""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

LABELS: tuple[str, ...] = ("confidential", "hostile", "instruction", "personal_data")


class Tier(StrEnum):
    """How sure the filter is of a label, and so what the bot may do about it."""

    # At or above the label's upper threshold: the group's policy acts (warn, delete, prompt).
    ACT = "act"
    # Between the two thresholds: nothing in the group; the flag goes quietly to the admins' review.
    REVIEW = "review"


@dataclass(frozen=True, slots=True)
class MessageContext:
    """Who says it and where: optional facts about a message that the filter weighs.

    Every field is optional; an empty context means "unknown", never "no".
    """

    # The sender's post from the roster: its level ("state", "hod", "district"), its designation
    # ("District Collector", "Mamlatdar, Bhuj") and whether it administers its group.
    sender_level: str | None = None
    sender_designation: str | None = None
    sender_is_admin: bool | None = None
    # The level of the group the message is in ("state", "hod", "district"), None in private.
    group_level: str | None = None
    # A reply to another message; a message forwarded from elsewhere.
    is_reply: bool = False
    is_forward: bool = False


@dataclass(frozen=True, slots=True)
class Evidence:
    """One reason for one label, with its span in the original message."""

    label: str
    start: int
    end: int
    score: float
    reason_code: str
    reason: str

    def to_dict(self) -> dict:
        """The JSON form used by `samvad classify`."""
        return {
            "label": self.label,
            "start": self.start,
            "end": self.end,
            "score": round(self.score, 4),
            "reason": self.reason,
            "reason_code": self.reason_code,
        }


@dataclass(frozen=True, slots=True)
class Verdict:
    """Labels (sorted) and the evidence for each, for one message."""

    labels: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    language: str = "en"
    # Calibrated score in [0, 1] per label given (label, score), sorted by label.
    scores: tuple[tuple[str, float], ...] = ()
    # The labels given at Tier.REVIEW (the rest of `labels` are Tier.ACT), sorted.
    review: tuple[str, ...] = ()

    def has(self, label: str) -> bool:
        """Whether the message carries `label`."""
        return label in self.labels

    def for_label(self, label: str) -> tuple[Evidence, ...]:
        """The evidence for one label, strongest first."""
        return tuple(e for e in self.evidence if e.label == label)

    def tier(self, label: str) -> Tier | None:
        """The tier of a label given (None when the label is not given)."""
        if label not in self.labels:
            return None
        return Tier.REVIEW if label in self.review else Tier.ACT

    def score(self, label: str) -> float | None:
        """The calibrated score of a label given (None when the label is not given or unscored)."""
        return dict(self.scores).get(label)

    @property
    def acted(self) -> tuple[str, ...]:
        """The labels at the upper tier: the ones the group's policy acts on."""
        return tuple(label for label in self.labels if label not in self.review)

    @property
    def flagged(self) -> bool:
        """Whether any label applies."""
        return bool(self.labels)
