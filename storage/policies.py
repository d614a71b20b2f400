"""What the bot does in a group about each label the content filter gives: the group's policy.

Actions: warn (reply to the message), delete (remove it from the chat and warn; the record
keeps it), notify (warn and tell the group's admin posts privately). A label may have
several; none means off. Defaults follow the circular: confidential matters and policy
proposals (§2) are removed and the admins told, personal data (§8, privacy) is removed,
hostile content (§8) is warned about and the admins told; instructions are not
moderated (the record tracks them).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from storage import journal
from storage.database import Transaction, Unit
from storage.roster import Reader
from storage.timefmt import to_db

MODERATED_LABELS = ("confidential", "personal_data", "hostile")
LABELS = (*MODERATED_LABELS, "instruction")
ACTIONS = ("warn", "delete", "notify")

DEFAULTS: dict[str, frozenset[str]] = {
    "confidential": frozenset({"delete", "notify"}),
    "personal_data": frozenset({"delete"}),
    "hostile": frozenset({"warn", "notify"}),
    "instruction": frozenset(),
}


def canonical(actions: Iterable[str]) -> frozenset[str]:
    """The same actions without a redundant warn (delete and notify warn anyway)."""
    chosen = frozenset(actions)
    unknown = chosen - set(ACTIONS)
    if unknown:
        raise ValueError(f"unknown actions: {sorted(unknown)}")
    if chosen & {"delete", "notify"}:
        chosen -= {"warn"}
    return chosen


def describe_actions(actions: frozenset[str]) -> str:
    """How /policy shows actions: "delete + notify", "warn + notify", "warn", "off"."""
    actions = canonical(actions)
    if not actions:
        return "off"
    parts = ["delete" if "delete" in actions else "warn"]
    if "notify" in actions:
        parts.append("notify")
    return " + ".join(parts)


@dataclass(frozen=True)
class Policy:
    """One label's actions in one group."""

    label: str
    actions: frozenset[str]
    is_default: bool
    set_by: int | None = None

    @property
    def active(self) -> bool:
        """Whether the bot does anything about this label here."""
        return bool(self.actions)


async def for_group(db: Reader, chat_id: int) -> dict[str, Policy]:
    """Every label's policy in a group (the default where no admin post changed it)."""
    return _policies(await db.fetchall(_FOR_GROUP, (chat_id,)))


def for_group_in(unit: Unit, chat_id: int) -> dict[str, Policy]:
    """for_group as part of a unit of work (a read among others that serve one decision)."""
    return _policies(unit.fetchall(_FOR_GROUP, (chat_id,)))


_FOR_GROUP = "SELECT label, actions, set_by FROM moderation_policies WHERE chat_id = ?"


def _policies(rows: Iterable[Any]) -> dict[str, Policy]:
    stored = {row["label"]: row for row in rows}
    policies = {}
    for label in LABELS:
        row = stored.get(label)
        if row is None:
            policies[label] = Policy(label, canonical(DEFAULTS[label]), is_default=True)
        else:
            policies[label] = Policy(label, canonical(row["actions"].split()), is_default=False, set_by=row["set_by"])
    return policies


async def set_policy(
    tx: Transaction, *, chat_id: int, label: str, actions: frozenset[str] | None, by: int, at: datetime
) -> tuple[Policy, Policy]:
    """Set one label's actions (None: back to the default), journalled; returns (before, after)."""
    if label not in MODERATED_LABELS:
        raise ValueError(f"{label!r} is not a moderated label")
    before = (await for_group(tx, chat_id))[label]
    if actions is None:
        await tx.execute("DELETE FROM moderation_policies WHERE chat_id = ? AND label = ?", (chat_id, label))
    else:
        await tx.execute(
            "INSERT INTO moderation_policies (chat_id, label, actions, set_by, set_at) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (chat_id, label) DO UPDATE SET actions = excluded.actions, set_by = excluded.set_by,"
            " set_at = excluded.set_at",
            (chat_id, label, " ".join(sorted(canonical(actions))), by, to_db(at)),
        )
    after = (await for_group(tx, chat_id))[label]
    await journal.append(
        tx, kind="policy", chat_id=chat_id, actor_id=by, at=at,
        body={"label": label, "actions": sorted(after.actions), "previous": sorted(before.actions),
              "default": after.is_default},
    )
    return before, after
