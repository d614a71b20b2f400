"""Who may see which part of the record: the one place the rule lives.

A state admin sees everything; a district admin (the Collector) their district's group;
an HoD their office's group; every other member only the instructions addressed to them.

A disaster coordinator (a post the roster marks `coordinator`: `state` or a district)
reads, in their private chat with the bot, the record of the groups in their scope:
the State group or their district's group from the roster, and, while an incident is
open, every group it covers (state coordinator) or their district's group (district
coordinator). They read only (`COORDINATOR_READINGS`): masked exports, search, logs,
pending acknowledgements and situation reports; binding, policies, flag reviews,
transfers and removals stay with admins, as does unmasking (state admins).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from storage import incidents, roster
from storage.database import Database
from storage.incidents import Incident
from storage.roster import STATE_SCOPE, Binding, Post



class Reading(str, Enum):
    """A way of pulling part of the record (what the access journal names)."""

    EXPORT = "export"
    INCIDENT_EXPORT = "incident export"
    SEARCH = "search"
    LOG = "log"
    PENDING = "pending"
    SITREP = "sitrep"


# What a coordinator may pull, and nothing more; always in their private chat.
COORDINATOR_READINGS = frozenset(Reading)


@dataclass(frozen=True)
class Viewer:
    """A person asking for part of the record, with what they may see."""

    user_id: int
    posts: tuple[Post, ...]
    overseen: tuple[Binding, ...]  # groups whose whole record this person may see as an admin
    coordinated: tuple[Binding, ...] = ()  # groups a coordinator's post may read now (roster and open incidents)

    @property
    def is_state_admin(self) -> bool:
        """Holds a state-level admin post (ACS Revenue, Secretary LR): sees everything, may unmask."""
        return any(post.level == "state" and post.is_admin for post in self.posts)

    @property
    def is_admin(self) -> bool:
        """Oversees at least one group."""
        return bool(self.overseen)

    @property
    def is_coordinator(self) -> bool:
        """Holds a disaster coordinator's post."""
        return any(post.is_coordinator for post in self.posts)

    @property
    def chat_ids(self) -> frozenset[int]:
        """The groups whose whole record this person may see as an admin."""
        return frozenset(binding.chat_id for binding in self.overseen)

    def sees_chat(self, chat_id: int) -> bool:
        """Whether the whole record of this group is open to this person as its admin."""
        return chat_id in self.chat_ids

    def may_read(self, reading: Reading, chat_id: int, *, private: bool) -> bool:
        """The rule: an admin reads the groups they oversee; a coordinator, in private, the groups in scope."""
        if self.sees_chat(chat_id):
            return True
        return private and reading in COORDINATOR_READINGS and chat_id in self.coordinated_chat_ids

    def readable(self, reading: Reading, *, private: bool) -> tuple[Binding, ...]:
        """The groups this person may pull this reading for (admin's first, then a coordinator's)."""
        found = {binding.chat_id: binding for binding in self.overseen}
        if private and reading in COORDINATOR_READINGS:
            for binding in self.coordinated:
                found.setdefault(binding.chat_id, binding)
        return tuple(found.values())

    def readable_chat_ids(self, reading: Reading, *, private: bool) -> frozenset[int]:
        """The chat ids of `readable`."""
        return frozenset(binding.chat_id for binding in self.readable(reading, private=private))

    def only_as_coordinator(self, chat_ids: Iterable[int]) -> bool:
        """Whether any of these groups is read by coordinator right alone (journalled as such)."""
        return any(chat_id not in self.chat_ids for chat_id in chat_ids)

    @property
    def coordinated_chat_ids(self) -> frozenset[int]:
        """The groups in a coordinator's scope now."""
        return frozenset(binding.chat_id for binding in self.coordinated)

    def oversees_district(self, district: str) -> bool:
        """Whether this person may act for a district (its Collector, or a state admin)."""
        return self.is_state_admin or any(
            post.level == "district" and post.is_admin and post.jurisdiction.lower() == district.lower()
            for post in self.posts
        )

    @property
    def post_ids(self) -> frozenset[str]:
        """The posts this account holds."""
        return frozenset(post.post_id for post in self.posts)

    @property
    def title(self) -> str:
        """How the person is named in replies: their designations."""
        return "; ".join(post.designation for post in self.posts) or "member without a verified post"


def oversees(post: Post, binding: Binding) -> bool:
    """Whether a post may see a group's whole record."""
    if not post.is_admin:
        return False
    if post.level == "state":
        return True
    return post.level == binding.level and post.jurisdiction == binding.jurisdiction


def coordinates(post: Post, binding: Binding, open_incidents: Iterable[Incident]) -> bool:
    """Whether a coordinator's post may read a group now.

    From the roster: a state coordinator the State group, a district coordinator their district's group.
    While an incident is open: a state coordinator also every group it covers; a district coordinator
    still only their district's group. When the incident closes the scope is the roster's again.
    """
    if not post.is_coordinator:
        return False
    if post.coordinator == STATE_SCOPE:
        return binding.level == "state" or any(binding.chat_id in incident.chat_ids for incident in open_incidents)
    return binding.level == "district" and binding.jurisdiction == post.coordinator


async def viewer_of(db: Database, user_id: int) -> Viewer:
    """What this Telegram account may see."""
    posts = tuple(await roster.posts_of_user(db, user_id))
    bindings = await roster.all_bindings(db)
    overseen = tuple(binding for binding in bindings if any(oversees(post, binding) for post in posts))
    coordinated: tuple[Binding, ...] = ()
    if any(post.is_coordinator for post in posts):
        running = [incident for incident in await incidents.open_incidents(db) if incident.is_open]
        coordinated = tuple(
            binding for binding in bindings if any(coordinates(post, binding, running) for post in posts)
        )
    return Viewer(user_id, posts, overseen, coordinated)
