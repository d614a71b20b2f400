"""Who says it, and where: how a `MessageContext` moves the instruction score.

The corpus has no senders, so these adjustments are not learned: they are
the circular's own reading of a directive (§2: an instruction goes from an
officer to those who report to him). A forward is never an instruction; a
senior officer's request to the group is one more surely; a junior member's
reply (an acknowledgement, a promise to comply) is not one.
"""
from __future__ import annotations

import enum
import re

from nlp.verdict import MessageContext


class Rank(enum.Enum):
    """Where the sender stands in the chain of command, as far as the roster says."""

    SENIOR = "senior"
    MIDDLE = "middle"
    JUNIOR = "junior"
    UNKNOWN = "unknown"


# Posts that give instructions to a district or a state's officers.
_SENIOR = re.compile(
    r"\b(?:collector|secretary|commissioner|ddo|district development officer|prant|sdm|sub.?divisional"
    r"|director|chief|minister|rdc|resident deputy|relief commissioner)\b"
    r"|કલેક્ટર|કલેકટર|સચિવ|કમિશનર|પ્રાંત|कलेक्टर|सचिव|आयुक्त",
    re.IGNORECASE,
)
# Posts that receive them and report back.
_JUNIOR = re.compile(
    r"\b(?:talati|circle officer|clerk|karkun|operator|peon|surveyor|gram sevak|nayab|deputy mamlatdar|aval karkun)\b"
    r"|તલાટી|કારકુન|સર્કલ|तलाटी|लिपिक|पटवारी",
    re.IGNORECASE,
)
_SENIOR_LEVELS = frozenset({"state", "hod"})

# Logit shifts for the instruction score (see nlp.decision): a senior
# officer's directive cue counts more; a junior member's reply counts less.
SENIOR_SHIFT = 1.5
JUNIOR_REPLY_SHIFT = -3.0
JUNIOR_SHIFT = -1.0


def rank_of(context: MessageContext) -> Rank:
    """The sender's rank from the designation (else the level of the post)."""
    designation = context.sender_designation or ""
    if designation:
        # "Deputy Mamlatdar" and "Nayab Collector" report to a Collector: the junior words are tried first.
        if _JUNIOR.search(designation):
            return Rank.JUNIOR
        if _SENIOR.search(designation):
            return Rank.SENIOR
        return Rank.MIDDLE
    if context.sender_level in _SENIOR_LEVELS:
        return Rank.SENIOR
    return Rank.UNKNOWN


def instruction_shift(context: MessageContext | None, directive_cue: bool) -> float | None:
    """The logit shift for `instruction`; None when the message cannot be one (a forward)."""
    if context is None:
        return 0.0
    if context.is_forward:
        return None
    rank = rank_of(context)
    if rank is Rank.SENIOR:
        return SENIOR_SHIFT if directive_cue else 0.0
    if rank is Rank.JUNIOR:
        return JUNIOR_REPLY_SHIFT if context.is_reply else JUNIOR_SHIFT
    if context.is_reply and not directive_cue:
        return JUNIOR_SHIFT
    return 0.0
