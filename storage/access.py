"""Who may see which part of the record.

A state admin sees everything; a district admin (the Collector) their district's group;
an HoD their office's group; every other member only the instructions addressed to them.
"""

from __future__ import annotations

from dataclasses import dataclass

from storage import roster
from storage.database import Database
from storage.roster import Binding, Post


@dataclass(frozen=True)
class Viewer:
    """A person asking for part of the record, with what they may see."""

    user_id: int
    posts: tuple[Post, ...]
    overseen: tuple[Binding, ...]  # groups whose whole record this person may see

    @property
    def is_state_admin(self) -> bool:
        """Holds a state-level admin post (ACS Revenue, Secretary LR): sees everything, may unmask."""
        return any(post.level == "state" and post.is_admin for post in self.posts)

    @property
    def is_admin(self) -> bool:
        """Oversees at least one group."""
        return bool(self.overseen)

    @property
    def chat_ids(self) -> frozenset[int]:
        """The groups whose whole record this person may see."""
        return frozenset(binding.chat_id for binding in self.overseen)

    def sees_chat(self, chat_id: int) -> bool:
        """Whether the whole record of this group is open to this person."""
        return chat_id in self.chat_ids

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


async def viewer_of(db: Database, user_id: int) -> Viewer:
    """What this Telegram account may see."""
    posts = tuple(await roster.posts_of_user(db, user_id))
    bindings = await roster.all_bindings(db)
    overseen = tuple(binding for binding in bindings if any(oversees(post, binding) for post in posts))
    return Viewer(user_id, posts, overseen)
