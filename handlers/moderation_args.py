"""Reading what people type after /policy, /missed and /check. Plain code: never raises, answers with a result
type (a change of policy as coordination.moderation_policy takes it, the labels of a report of a miss)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from coordination.moderation_policy import ChangePolicy
from storage.policies import MODERATED_LABELS

POLICY_USAGE = (
    "/policy — show this group's moderation policy\n"
    "/policy LABEL ACTION — set one (the group's admin posts)\n"
    "LABEL: confidential, personal_data or hostile\n"
    "ACTION: warn, delete, notify or off; two joined with + (delete+notify, warn+notify); or default"
)

_LABEL_SPELLINGS = {
    "confidential": "confidential",
    "policy": "confidential",
    "personal_data": "personal_data",
    "personaldata": "personal_data",
    "personal": "personal_data",
    "privacy": "personal_data",
    "hostile": "hostile",
}
_INSTRUCTION_SPELLINGS = frozenset({"instruction", "instructions"})
_ACTION_WORDS = frozenset({"warn", "delete", "notify"})
_SEPARATORS = re.compile(r"[\s+,&]+")
_COMMAND = re.compile(r"^/[A-Za-z0-9_]+(?:@[A-Za-z0-9_]+)?(?=\s|$)")


@dataclass(frozen=True)
class ShowPolicy:
    """/policy alone: show the group's policy."""


@dataclass(frozen=True)
class ArgsError:
    """What is wrong with a command's arguments, in words a person can act on, and the command's usage."""

    problem: str
    usage: str = POLICY_USAGE  # /policy's; /missed gives MISSED_USAGE

    @property
    def message(self) -> str:
        """The problem followed by the usage."""
        return f"{self.problem}\n\n{self.usage}"


PolicyArgs = ShowPolicy | ChangePolicy | ArgsError


def parse_policy(arguments: str) -> PolicyArgs:
    """What `/policy ARGUMENTS` asks for."""
    words = arguments.split()
    if not words:
        return ShowPolicy()
    label_word = words[0].casefold().replace("-", "_")
    if label_word in _INSTRUCTION_SPELLINGS:
        return ArgsError(
            "Instructions are not moderated: they are recorded and acknowledged (§2), so they have no policy here."
        )
    if len(words) >= 2 and f"{label_word}_{words[1].casefold()}" == "personal_data":
        words = [words[0], *words[2:]]  # "personal data", in two words
    label = _LABEL_SPELLINGS.get(label_word)
    if label is None:
        return ArgsError(f"Unknown label “{_shown(words[0])}”. Labels: {', '.join(MODERATED_LABELS)}.")
    action_words = [word for word in _SEPARATORS.split(" ".join(words[1:]).casefold()) if word]
    if not action_words:
        return ArgsError(f"Say what to do about {label}: warn, delete, notify, off or default.")
    return _actions(label, action_words)


def _actions(label: str, words: list[str]) -> PolicyArgs:
    if words in (["off"], ["none"]):
        return ChangePolicy(label, frozenset())
    if words in (["default"], ["reset"]):
        return ChangePolicy(label, None)
    unknown = [word for word in words if word not in _ACTION_WORDS]
    if unknown:
        if set(unknown) & {"off", "none", "default", "reset"}:
            return ArgsError(f"“{_shown(unknown[0])}” stands alone: /policy {label} {unknown[0]}.")
        return ArgsError(f"Unknown action “{_shown(unknown[0])}”. Actions: warn, delete, notify, off, default.")
    return ChangePolicy(label, frozenset(words))


def _shown(word: str, limit: int = 30) -> str:
    """A word as typed, shortened, for quoting back."""
    return word if len(word) <= limit else word[: limit - 1] + "…"


MISSED_USAGE = (
    "/missed LABEL [LABEL ...], in reply to a message the filter should have labelled (the group's admin posts)\n"
    "LABEL: confidential, personal_data, hostile or instruction"
)
_MISSED_SPELLINGS = {**_LABEL_SPELLINGS, **dict.fromkeys(_INSTRUCTION_SPELLINGS, "instruction")}


def parse_missed_labels(arguments: str) -> frozenset[str] | ArgsError:
    """The labels of `/missed ARGUMENTS` (at least one; "personal data" in two words too), or what is wrong."""
    words = [word for word in _SEPARATORS.split(arguments.casefold().replace("personal data", "personal_data")) if word]
    if not words:
        return ArgsError("Say which label the filter missed.", MISSED_USAGE)
    labels = set()
    for word in words:
        label = _MISSED_SPELLINGS.get(word.replace("-", "_"))
        if label is None:
            return ArgsError(f"Unknown label “{_shown(word)}”.", MISSED_USAGE)
        labels.add(label)
    return frozenset(labels)


@dataclass(frozen=True)
class CheckDraft:
    """/check TEXT: the draft to check."""

    text: str


@dataclass(frozen=True)
class AwaitDraft:
    """/check alone: the draft comes in the next message."""


CheckArgs = CheckDraft | AwaitDraft


def command_arguments(message_text: str) -> str:
    """Everything after a leading /command (or /command@bot), line breaks kept; the whole text if none."""
    match = _COMMAND.match(message_text)
    rest = message_text[match.end():] if match else message_text
    return rest.strip()


def parse_check(message_text: str) -> CheckArgs:
    """What `/check ...` asks for: a draft written after the command, or to wait for one."""
    draft = command_arguments(message_text)
    return CheckDraft(draft) if draft else AwaitDraft()
