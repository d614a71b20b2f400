"""Where a bound group differs from the roster: who is in, who is waiting, who is missing, who has no post.

Telegram does not let a bot list a group's members, so the caller first learns the
status of everyone worth asking about (`people_to_check`) and passes it in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from storage import chats, membership, roster
from storage.membership import PRESENT_STATUSES
from storage.roster import Binding, Post, Reader


@dataclass(frozen=True)
class Person:
    """Someone in or around a group, as the audit names them."""

    user_id: int
    name: str
    status: str


@dataclass(frozen=True)
class VerifiedMember:
    """A member verified for a post that belongs in the group."""

    person: Person
    posts: tuple[Post, ...]


@dataclass(frozen=True)
class WaitingMember:
    """A member restricted until they verify, and when they will be removed."""

    person: Person
    reason: str
    remove_at: datetime


@dataclass(frozen=True)
class Outsider:
    """Someone present without a post that belongs here, and what is known of them."""

    person: Person
    note: str


@dataclass(frozen=True)
class MissingPost:
    """A post that belongs in the group (circular §2 makes it mandatory) but is not there."""

    post: Post
    account: int | None  # its verified account, when the holder has verified


@dataclass(frozen=True)
class GroupAudit:
    """One bound group compared with the roster."""

    binding: Binding
    title: str
    verified: tuple[VerifiedMember, ...]
    waiting: tuple[WaitingMember, ...]
    outsiders: tuple[Outsider, ...]
    missing: tuple[MissingPost, ...]


async def people_to_check(db: Reader, binding: Binding) -> list[int]:
    """Everyone whose status in the group the audit needs: people seen there, and the posts' accounts."""
    people = set(await membership.people_seen_in(db, binding.chat_id))
    for post in await roster.posts_in(db, binding):
        account = await roster.account_of_post(db, post.post_id)
        if account is not None:
            people.add(account)
    people.update(gate.user_id for gate in await membership.open_gates(db, chat_id=binding.chat_id))
    return sorted(people)


async def audit_group(db: Reader, binding: Binding, *, statuses: Mapping[int, str]) -> GroupAudit:
    """Compare a group with the roster, given each checked person's Telegram status there."""
    chat = await chats.get_chat(db, binding.chat_id)
    bots = await _bots(db, statuses)
    gates = {gate.user_id: gate for gate in await membership.open_gates(db, chat_id=binding.chat_id)}
    verified, waiting, outsiders = [], [], []
    for user_id, status in sorted(statuses.items()):
        if status not in PRESENT_STATUSES:
            continue
        person = Person(user_id, await chats.user_name(db, user_id) or f"user {user_id}", status)
        posts = await roster.posts_of_user(db, user_id)
        belonging = tuple(post for post in posts if binding.includes(post))
        if belonging:
            verified.append(VerifiedMember(person, belonging))
        elif user_id in gates:
            waiting.append(WaitingMember(person, gates[user_id].reason, gates[user_id].remove_at))
        else:
            outsiders.append(Outsider(person, _outsider_note(person, posts, user_id in bots)))
    missing = []
    for post in await roster.posts_in(db, binding):
        account = await roster.account_of_post(db, post.post_id)
        if account is None or statuses.get(account) not in PRESENT_STATUSES:
            missing.append(MissingPost(post, account))
    title = (chat.title if chat and chat.title else None) or binding.title
    return GroupAudit(binding, title, tuple(verified), tuple(waiting), tuple(outsiders), tuple(missing))


async def _bots(db: Reader, user_ids: Mapping[int, str]) -> set[int]:
    rows = await db.fetchall("SELECT user_id FROM users WHERE is_bot = 1")
    return {row[0] for row in rows} & set(user_ids)


def _outsider_note(person: Person, posts: list[Post], is_bot: bool) -> str:
    if is_bot:
        return "a bot"
    if posts:
        held = ", ".join(post.designation for post in posts)
        kind = "an admin post" if any(post.is_admin for post in posts) else "a post"
        return f"verified as {held}: {kind} of another group"
    if person.status == "creator":
        return "the group's Telegram creator, holds no post"
    if person.status == "administrator":
        return "a Telegram administrator, holds no post"
    if person.status == "restricted":
        return "restricted, not verified"
    return "not verified"


async def unbound_levels(db: Reader) -> list[str]:
    """Groups the roster calls for that no group is bound to yet: "state", "hod land-records", "district Valsad"."""
    wanted: list[tuple[str, str]] = []
    for post in await roster.active_posts(db):
        key = ("state", "") if post.level == "state" else (post.level, post.jurisdiction)
        if key not in wanted:
            wanted.append(key)
    bound = {(binding.level, binding.jurisdiction) for binding in await roster.all_bindings(db)}
    order = {"state": 0, "hod": 1, "district": 2}
    missing = sorted((key for key in wanted if key not in bound), key=lambda key: (order[key[0]], key[1]))
    return [level if not jurisdiction else f"{level} {jurisdiction}" for level, jurisdiction in missing]
