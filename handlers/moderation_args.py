"""Arguments of /policy, parsed without Telegram (so they can be tested alone)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from handlers.usage import UsageError
from storage.policies import ACTIONS, LABELS

POLICY_USAGE = (
    "Usage: /policy shows this group's rules; /policy LABEL ACTION sets one, where LABEL is confidential,"
    " personal_data, hostile or instruction, and ACTION is warn, delete, notify (several allowed:"
    " delete notify) or off."
)
_LABEL_ALIASES = {
    "confidential": "confidential",
    "secret": "confidential",
    "policy": "confidential",
    "personal_data": "personal_data",
    "personal-data": "personal_data",
    "personaldata": "personal_data",
    "personal": "personal_data",
    "privacy": "personal_data",
    "hostile": "hostile",
    "abuse": "hostile",
    "instruction": "instruction",
    "instructions": "instruction",
}
_MAX_LENGTH = 200


@dataclass(frozen=True)
class PolicyChange:
    """/policy LABEL ACTION...: what to do for one label from now on (empty: off)."""

    label: str
    actions: frozenset[str]


def parse_policy(arguments: str) -> PolicyChange | None:
    """None to show the policy; a change to set it; UsageError otherwise."""
    if len(arguments) > _MAX_LENGTH:
        raise UsageError(POLICY_USAGE)
    words = [word for word in re.split(r"[\s,+]+", arguments.strip().lower()) if word]
    if not words:
        return None
    label = _LABEL_ALIASES.get(words[0])
    if label is None or len(words) < 2:
        raise UsageError(POLICY_USAGE)
    actions = words[1:]
    if actions == ["off"]:
        return PolicyChange(label, frozenset())
    if any(action not in ACTIONS for action in actions):
        raise UsageError(POLICY_USAGE)
    assert label in LABELS
    return PolicyChange(label, frozenset(actions))


def describe_actions(actions: frozenset[str]) -> str:
    """A policy entry as people read it: "delete + notify", "warn", "off"."""
    if not actions:
        return "off"
    return " + ".join(action for action in ACTIONS if action in actions)
