"""The filter's answer for one message: labels and the evidence behind them."""
from __future__ import annotations

from dataclasses import dataclass

LABELS: tuple[str, ...] = ("confidential", "hostile", "instruction", "personal_data")


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

    def has(self, label: str) -> bool:
        """Whether the message carries `label`."""
        return label in self.labels

    def for_label(self, label: str) -> tuple[Evidence, ...]:
        """The evidence for one label, strongest first."""
        return tuple(e for e in self.evidence if e.label == label)

    @property
    def flagged(self) -> bool:
        """Whether any label applies."""
        return bool(self.labels)
