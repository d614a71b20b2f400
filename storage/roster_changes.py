"""Changing the roster: an import compared with what is stored, transfers, and their effects.

A change is written with its journal entries and, for what needs Telegram (taking
an old account out of its groups, inviting a new holder already known), a scheduled
`membership.reconcile` task that the running bot performs. So a roster import from
the command line, in a separate process, reaches Telegram through the bot.

Access follows the official number (circular §6): when a post's number or holder
changes, the account verified for it loses the post; an account that already shared
the new number (unmatched at the time) is linked at once, else the new holder is
linked when they verify.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from storage import journal, roster, tasks
from storage.database import Transaction
from storage.membership import settle_claims, unmatched_claimant
from storage.phones import display_mobile
from storage.roster import Post, Reader

RECONCILE_TASK = "membership.reconcile"
_DETAIL_FIELDS = ("designation", "level", "jurisdiction", "email", "is_admin", "coordinator")
_PLACEMENT_FIELDS = frozenset({"level", "jurisdiction", "is_admin"})


@dataclass(frozen=True)
class Transfer:
    """A post passing to a new holder or number (or both)."""

    old: Post
    new: Post

    @property
    def number_changed(self) -> bool:
        """Whether the official number changed."""
        return self.old.mobile != self.new.mobile

    @property
    def holder_changed(self) -> bool:
        """Whether the holder's name changed."""
        return self.old.holder != self.new.holder

    def describe(self) -> str:
        """"collector-kutch: holder Rajesh Patel → Amit Shah; number +91 … → +91 …"."""
        parts = []
        if self.holder_changed:
            parts.append(f"holder {self.old.holder} → {self.new.holder}")
        if self.number_changed:
            parts.append(f"number {display_mobile(self.old.mobile)} → {display_mobile(self.new.mobile)}")
        return f"{self.new.post_id}: {'; '.join(parts)}"


@dataclass(frozen=True)
class Edit:
    """A post whose other details changed (designation, level, jurisdiction, e-mail, admin, coordinator)."""

    old: Post
    new: Post

    @property
    def fields(self) -> tuple[str, ...]:
        """The names of the details that changed."""
        return tuple(name for name in _DETAIL_FIELDS if getattr(self.old, name) != getattr(self.new, name))

    @property
    def moves_groups(self) -> bool:
        """Whether the change can put the post in other groups (or make it an admin post)."""
        return bool(_PLACEMENT_FIELDS & set(self.fields))

    def describe(self) -> str:
        """"mamlatdar-bhuj: designation, e-mail"."""
        return f"{self.new.post_id}: {', '.join(name.replace('is_admin', 'admin') for name in self.fields)}"


@dataclass(frozen=True)
class ImportPlan:
    """What importing a roster file would change, before anything is written."""

    added: tuple[Post, ...]
    transfers: tuple[Transfer, ...]
    edits: tuple[Edit, ...]
    unchanged: tuple[Post, ...]
    missing: tuple[Post, ...]
    remove_missing: bool
    conflicts: tuple[str, ...] = ()

    @property
    def changes_anything(self) -> bool:
        """Whether applying the plan would change the roster."""
        return bool(self.added or self.transfers or self.edits or (self.remove_missing and self.missing))


@dataclass
class Effects:
    """What a change did beyond the roster: accounts linked and revoked, reconciliations owed."""

    linked: list[tuple[str, int]] = field(default_factory=list)  # (post id, user id)
    revoked: list[tuple[str, int]] = field(default_factory=list)
    reconcile: set[int] = field(default_factory=set)


class RosterConflict(Exception):
    """A change the roster cannot take (a number another post holds); `reason` says which."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


async def plan_import(db: Reader, posts: Sequence[Post], *, remove_missing: bool = False) -> ImportPlan:
    """Compare a file's posts with the stored roster."""
    return plan_against(await roster.every_post(db), posts, remove_missing=remove_missing)


def plan_against(
    stored: dict[str, tuple[Post, bool]], posts: Sequence[Post], *, remove_missing: bool = False
) -> ImportPlan:
    """Compare a file's posts with a roster (every post by id, with whether it is active)."""
    added, transfers, edits, unchanged = [], [], [], []
    for post in posts:
        current, active = stored.get(post.post_id, (None, False))
        if current is None or not active:
            added.append(post)
            continue
        transfer_part = replace(current, mobile=post.mobile, holder=post.holder)
        if transfer_part != current:
            transfers.append(Transfer(current, transfer_part))
        if replace(post, mobile=current.mobile, holder=current.holder) != current:
            edits.append(Edit(transfer_part, post))
        if post == current:
            unchanged.append(post)
    in_file = {post.post_id for post in posts}
    missing = [post for post, active in stored.values() if active and post.post_id not in in_file]
    conflicts = _number_conflicts(posts, missing, remove_missing)
    return ImportPlan(tuple(added), tuple(transfers), tuple(edits), tuple(unchanged), tuple(missing), remove_missing,
                      tuple(conflicts))


def _number_conflicts(posts: Sequence[Post], missing: Sequence[Post], remove_missing: bool) -> list[str]:
    """Numbers in the file still held by posts the file leaves out (and that stay)."""
    if remove_missing:
        return []
    kept_numbers = {post.mobile: post for post in missing}
    return [
        f"{post.post_id} is given {display_mobile(post.mobile)}, which is still the number of"
        f" {kept_numbers[post.mobile].post_id} (not in the file, so kept): give --remove-missing or another number"
        for post in posts
        if post.mobile in kept_numbers
    ]


async def apply_import(
    tx: Transaction, plan: ImportPlan, *, at: datetime, source: dict[str, Any]
) -> Effects:
    """Write an import plan with its journal entries and the reconciliations it owes; raises RosterConflict."""
    if plan.conflicts:
        raise RosterConflict("; ".join(plan.conflicts))
    removing = plan.missing if plan.remove_missing else ()
    for post in [t.old for t in plan.transfers if t.number_changed] + list(removing):
        await roster.park_number(tx, post.post_id, at=at)
    effects = Effects()
    for post in removing:
        await _remove_post(tx, post, at=at, source=source, effects=effects)
    for transfer in plan.transfers:
        await _transfer(tx, transfer, at=at, actor_id=None, source=source, effects=effects)
    for edit in plan.edits:
        await _edit(tx, edit, at=at, source=source, effects=effects)
    for post in plan.added:
        await _add_post(tx, post, at=at, source=source, effects=effects)
    await journal.append(
        tx,
        kind="roster.imported",
        at=at,
        body={
            **source,
            "added": [post.post_id for post in plan.added],
            "transferred": [t.new.post_id for t in plan.transfers],
            "changed": [edit.new.post_id for edit in plan.edits],
            "unchanged": len(plan.unchanged),
            "missing": [post.post_id for post in plan.missing],
            "removed": [post.post_id for post in removing],
        },
    )
    await _schedule_reconciliations(tx, effects, at=at, reason="roster import")
    return effects


async def transfer_post(
    tx: Transaction,
    post_id: str,
    *,
    new_mobile: str,
    new_holder: str | None,
    at: datetime,
    actor_id: int | None,
    source: dict[str, Any],
) -> tuple[Transfer, Effects]:
    """Pass one post to a new number and/or holder; raises RosterConflict, or LookupError for an unknown post."""
    current = await roster.get_post(tx, post_id)
    if current is None:
        raise LookupError(post_id)
    holder = new_holder if new_holder else current.holder
    transfer = Transfer(current, replace(current, mobile=new_mobile, holder=holder))
    if not transfer.number_changed and not transfer.holder_changed:
        raise RosterConflict(f"{post_id} already has {display_mobile(new_mobile)} and holder {holder}")
    other = await roster.post_by_mobile(tx, new_mobile)
    if other is not None and other.post_id != post_id:
        raise RosterConflict(f"{display_mobile(new_mobile)} is the number of {other.post_id} ({other.designation})")
    effects = Effects()
    await _transfer(tx, transfer, at=at, actor_id=actor_id, source=source, effects=effects)
    await _schedule_reconciliations(tx, effects, at=at, reason="transfer")
    return transfer, effects


async def _transfer(
    tx: Transaction, transfer: Transfer, *, at: datetime, actor_id: int | None, source: dict[str, Any], effects: Effects
) -> None:
    post = transfer.new
    await roster.save_post(tx, post, at=at)
    old_account = await roster.revoke_account(tx, post_id=post.post_id, why="transfer", at=at)
    if old_account is not None:
        effects.revoked.append((post.post_id, old_account))
        effects.reconcile.add(old_account)
    new_account = await _link_known_claimant(tx, post, at=at, effects=effects)
    await journal.append(
        tx,
        kind="membership.transfer",
        actor_id=actor_id,
        at=at,
        body={
            **source,
            "post_id": post.post_id,
            "old_holder": transfer.old.holder,
            "new_holder": post.holder,
            "old_mobile": transfer.old.mobile,
            "new_mobile": post.mobile,
            "old_account": old_account,
            "new_account": new_account,
        },
    )


async def _edit(tx: Transaction, edit: Edit, *, at: datetime, source: dict[str, Any], effects: Effects) -> None:
    await roster.save_post(tx, edit.new, at=at)
    account = await roster.account_of_post(tx, edit.new.post_id)
    if account is not None and edit.moves_groups:
        effects.reconcile.add(account)
    await journal.append(
        tx,
        kind="roster.post_changed",
        at=at,
        body={
            **source,
            "post_id": edit.new.post_id,
            "changes": {name: [_plain(getattr(edit.old, name)), _plain(getattr(edit.new, name))] for name in edit.fields},
        },
    )


async def _add_post(tx: Transaction, post: Post, *, at: datetime, source: dict[str, Any], effects: Effects) -> None:
    await roster.save_post(tx, post, at=at)
    await journal.append(tx, kind="roster.post_added", at=at, body={**source, **_post_body(post)})
    await _link_known_claimant(tx, post, at=at, effects=effects)


async def _remove_post(tx: Transaction, post: Post, *, at: datetime, source: dict[str, Any], effects: Effects) -> None:
    await roster.deactivate_post(tx, post.post_id, at=at)
    account = await roster.revoke_account(tx, post_id=post.post_id, why="post removed from the roster", at=at)
    if account is not None:
        effects.revoked.append((post.post_id, account))
        effects.reconcile.add(account)
    await journal.append(
        tx, kind="roster.post_removed", at=at, body={**source, **_post_body(post), "account": account}
    )


async def _link_known_claimant(tx: Transaction, post: Post, *, at: datetime, effects: Effects) -> int | None:
    """Link the account that already proved this number, unmatched at the time; returns it."""
    claimant = await unmatched_claimant(tx, post.mobile)
    if claimant is None:
        return None
    await roster.link_account(tx, post_id=post.post_id, user_id=claimant, mobile=post.mobile, at=at)
    await settle_claims(tx, mobile=post.mobile, post_id=post.post_id)
    effects.linked.append((post.post_id, claimant))
    effects.reconcile.add(claimant)
    await journal.append(
        tx,
        kind="membership.verified",
        actor_id=claimant,
        at=at,
        body={"post_id": post.post_id, "mobile": post.mobile, "how": "shared this number earlier, before the roster had it"},
    )
    return claimant


async def _schedule_reconciliations(tx: Transaction, effects: Effects, *, at: datetime, reason: str) -> None:
    for user_id in sorted(effects.reconcile):
        await tasks.schedule(tx, kind=RECONCILE_TASK, payload={"user_id": user_id, "reason": reason}, due_at=at)


def _post_body(post: Post) -> dict[str, Any]:
    return {
        "post_id": post.post_id,
        "designation": post.designation,
        "level": post.level,
        "jurisdiction": post.jurisdiction,
        "mobile": post.mobile,
        "email": post.email,
        "holder": post.holder,
        "admin": post.is_admin,
        "coordinator": post.coordinator,
    }


def _plain(value: Any) -> Any:
    return value if isinstance(value, str | bool | int) else str(value)
