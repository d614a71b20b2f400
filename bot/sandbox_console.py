"""What the bot lends the sandbox's browser console: its roster's view of a group's members.

The sandbox knows only Telegram's side (member, restricted, left...); whether a
member is verified, for which post, and which posts are missing is the bot's
knowledge. sandbox.console_routes documents the shape returned here.
"""

from __future__ import annotations

from storage import roster
from storage.database import Database
from storage.roster import Post


def post_label(post: Post) -> str:
    """A post as people name it: "Mamlatdar, Bhuj", "District Collector, Kutch"."""
    if post.level == "district" and "," not in post.designation:  # "Mamlatdar, Bhuj" names its place already
        return f"{post.designation}, {post.jurisdiction}"
    return post.designation


async def member_annotations(db: Database, chat_id: int) -> dict:
    """Verified accounts with their posts, and the posts that belong in this group ({} without a roster)."""
    posts = await roster.active_posts(db)
    if not posts:
        return {}
    holders: dict[str, int | None] = {post.post_id: await roster.account_of_post(db, post.post_id) for post in posts}
    accounts: dict[int, list[dict]] = {}
    for post in posts:
        user_id = holders[post.post_id]
        if user_id is not None:
            accounts.setdefault(user_id, []).append({"post_id": post.post_id, "label": post_label(post)})
    binding = await roster.binding_of(db, chat_id)
    belonging = [post for post in posts if binding is not None and binding.includes(post)]
    return {
        "roster": True,
        "binding": binding.label if binding is not None else None,
        "accounts": accounts,
        "posts": [
            {"post_id": p.post_id, "label": post_label(p), "holder": p.holder, "user_id": holders[p.post_id]}
            for p in belonging
        ],
    }


class BotMemberAnnotations:
    """The provider SandboxServer calls; it answers {} until the bot's database is open."""

    def __init__(self) -> None:
        self.db: Database | None = None

    async def __call__(self, chat_id: int) -> dict:
        if self.db is None:
            return {}
        return await member_annotations(self.db, chat_id)
