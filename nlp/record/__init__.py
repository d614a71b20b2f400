"""The language parts of the official record: an instruction's kind, due time and addressees,
acknowledgement phrases, and personal-data masking for exports. English, Gujarati, Hindi."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, tzinfo

from nlp.record.acknowledgements import is_acknowledgement
from nlp.record.addressees import Addressees, DesignationMention, find_addressees
from nlp.record.due import DEFAULT_CLOSE, DueTime, parse_due
from nlp.record.kinds import KIND_NAMES, KINDS, instruction_kind
from nlp.record.masking import Masker, mask_spans


@dataclass(frozen=True)
class InstructionDetails:
    """What an instruction message says about itself."""

    kind: str
    due: DueTime | None
    addressees: Addressees


def read_instruction(text: str, *, now: datetime, zone: tzinfo, close: time = DEFAULT_CLOSE) -> InstructionDetails:
    """Kind, due time and addressees of an instruction's text."""
    return InstructionDetails(
        kind=instruction_kind(text),
        due=parse_due(text, now=now, zone=zone, close=close),
        addressees=find_addressees(text),
    )


__all__ = [
    "Addressees", "DesignationMention", "DueTime", "InstructionDetails", "KINDS", "KIND_NAMES", "Masker",
    "find_addressees", "instruction_kind", "is_acknowledgement", "mask_spans", "parse_due", "read_instruction",
]
