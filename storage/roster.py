"""The roster as the rest of the bot reads it: posts, their verified accounts, group bindings.

Who belongs in a group follows from its binding (circular §2):
the State group holds the state-level posts and every District Collector (a
district's admin post); an HoD group holds that office's posts; a District group
holds the posts in that district. A group's admins are the admin posts of its level.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.database import Database, Transaction, Unit
from storage.timefmt import to_db

LEVELS = ("state", "hod", "district")
STATE_SCOPE = "state"  # a coordinator's scope over the whole state (else a district's canonical name)

# Reads work on the database (committed data) or inside a transaction (its own writes too).
Reader = Database | Transaction


@dataclass(frozen=True)
class Post:
    """A post in the roster."""

    post_id: str
    designation: str
    level: str
    jurisdiction: str
    mobile: str
    email: str
    holder: str
    is_admin: bool
    coordinator: str = ""  # '' (not a coordinator), 'state', or a district's canonical name

    @property
    def is_coordinator(self) -> bool:
        """A disaster coordinator's post: reads the record of its scope without being an admin."""
        return bool(self.coordinator)

    @property
    def coordinator_label(self) -> str:
        """How /members and /audit name the role: "disaster coordinator (state)", "... (Kutch)", or ''."""
        return f"disaster coordinator ({self.coordinator})" if self.coordinator else ""

    @property
    def is_collector(self) -> bool:
        """A district's admin post: the District Collector, who also sits in the State group."""
        return self.level == "district" and self.is_admin


@dataclass(frozen=True)
class Binding:
    """Which level (and which office or district) a group serves."""

    chat_id: int
    level: str
    jurisdiction: str  # '' for the State group

    @property
    def label(self) -> str:
        """How people name it: "state", "hod land-records", "district Kutch"."""
        return self.level if self.level == "state" else f"{self.level} {self.jurisdiction}"

    def includes(self, post: Post) -> bool:
        """Whether a post belongs in this group."""
        if self.level == "state":
            return post.level == "state" or post.is_collector
        return post.level == self.level and post.jurisdiction == self.jurisdiction

    def administered_by(self, post: Post) -> bool:
        """Whether a post administers this group: an admin post of the group's own level."""
        if not post.is_admin:
            return False
        if self.level == "state":
            return post.level == "state"
        return post.level == self.level and post.jurisdiction == self.jurisdiction

    @property
    def title(self) -> str:
        """How the bot names the group in messages: "the State group", "the District Kutch group"."""
        if self.level == "state":
            return "the State group"
        if self.level == "hod":
            return f"the HoD {self.jurisdiction} group"
        return f"the District {self.jurisdiction} group"


def oversees(admin: Post, post: Post) -> bool:
    """Whether an admin post may transfer a post: a state admin any post, an HoD or Collector their own office's or district's."""
    if not admin.is_admin:
        return False
    if admin.level == "state":
        return True
    return admin.level == post.level and admin.jurisdiction == post.jurisdiction


POST_COLUMNS = "post_id, designation, level, jurisdiction, mobile, email, holder, is_admin, coordinator"


def post_of_row(row) -> Post:
    """A post from a row of POST_COLUMNS, in their order (by position: a row's look-up by name costs more, nine
    times a post, and an instruction's facts read dozens of posts)."""
    post_id, designation, level, jurisdiction, mobile, email, holder, is_admin, coordinator = row[:9]
    return Post(post_id, designation, level, jurisdiction, mobile, email, holder, bool(is_admin), coordinator)


async def active_posts(db: Reader) -> list[Post]:
    """Every post currently in the roster."""
    rows = await db.fetchall(f"SELECT {POST_COLUMNS} FROM posts WHERE active = 1 ORDER BY level, jurisdiction, post_id")
    return [post_of_row(row) for row in rows]


async def get_post(db: Reader, post_id: str) -> Post | None:
    """One active post by id."""
    row = await db.fetchone(f"SELECT {POST_COLUMNS} FROM posts WHERE post_id = ? AND active = 1", (post_id,))
    return post_of_row(row) if row else None


async def post_by_mobile(db: Reader, mobile_e164: str) -> Post | None:
    """The active post with this official number."""
    row = await db.fetchone(f"SELECT {POST_COLUMNS} FROM posts WHERE mobile = ? AND active = 1", (mobile_e164,))
    return post_of_row(row) if row else None


async def official_numbers(db: Reader) -> list[str]:
    """Every active post's official number (never personal data)."""
    rows = await db.fetchall("SELECT mobile FROM posts WHERE active = 1")
    return [row[0] for row in rows]


_POSTS_OF_USER = (
    "SELECT " + ", ".join(f"p.{column}" for column in POST_COLUMNS.split(", ")) + " FROM post_accounts a"
    " JOIN posts p ON p.post_id = a.post_id"
    " WHERE a.user_id = ? AND a.revoked_at IS NULL AND p.active = 1 ORDER BY p.post_id"
)


async def posts_of_user(db: Reader, user_id: int) -> list[Post]:
    """The active posts a Telegram account is currently verified for (a person may hold two)."""
    return [post_of_row(row) for row in await db.fetchall(_POSTS_OF_USER, (user_id,))]


def posts_of_user_in(unit: Unit, user_id: int) -> list[Post]:
    """posts_of_user as part of a unit of work."""
    return [post_of_row(row) for row in unit.fetchall(_POSTS_OF_USER, (user_id,))]


async def account_of_post(db: Reader, post_id: str) -> int | None:
    """The Telegram account currently verified for a post."""
    row = await db.fetchone(_ACCOUNT_OF_POST, (post_id,))
    return row[0] if row else None


def account_of_post_in(unit: Unit, post_id: str) -> int | None:
    """account_of_post as part of a unit of work."""
    row = unit.fetchone(_ACCOUNT_OF_POST, (post_id,))
    return row[0] if row else None


_ACCOUNT_OF_POST = "SELECT user_id FROM post_accounts WHERE post_id = ? AND revoked_at IS NULL"


async def link_account(tx: Transaction, *, post_id: str, user_id: int, mobile: str, at: datetime) -> None:
    """Record that an account proved it holds a post's number (replacing any earlier account)."""
    await tx.execute(
        "UPDATE post_accounts SET revoked_at = ?, revoked_why = 'another account verified'"
        " WHERE post_id = ? AND revoked_at IS NULL AND user_id != ?",
        (to_db(at), post_id, user_id),
    )
    existing = await tx.fetchone(
        "SELECT 1 FROM post_accounts WHERE post_id = ? AND user_id = ? AND revoked_at IS NULL", (post_id, user_id)
    )
    if existing is None:
        await tx.execute(
            "INSERT INTO post_accounts (post_id, user_id, mobile, verified_at) VALUES (?, ?, ?, ?)",
            (post_id, user_id, mobile, to_db(at)),
        )


async def revoke_account(tx: Transaction, *, post_id: str, why: str, at: datetime) -> int | None:
    """End the current account's hold on a post; returns that account's user id."""
    row = await tx.fetchone("SELECT id, user_id FROM post_accounts WHERE post_id = ? AND revoked_at IS NULL", (post_id,))
    if row is None:
        return None
    await tx.execute(
        "UPDATE post_accounts SET revoked_at = ?, revoked_why = ? WHERE id = ?", (to_db(at), why, row["id"])
    )
    return row["user_id"]


_BINDING_OF = "SELECT chat_id, level, jurisdiction FROM group_bindings WHERE chat_id = ?"


async def binding_of(db: Reader, chat_id: int) -> Binding | None:
    """How a group is bound, if it is."""
    row = await db.fetchone(_BINDING_OF, (chat_id,))
    return Binding(row["chat_id"], row["level"], row["jurisdiction"]) if row else None


def binding_of_in(unit: Unit, chat_id: int) -> Binding | None:
    """binding_of as part of a unit of work."""
    row = unit.fetchone(_BINDING_OF, (chat_id,))
    return Binding(row["chat_id"], row["level"], row["jurisdiction"]) if row else None


# A speaker's posts and the group's binding in one statement (the facts the filter weighs about each group message:
# coordination/filtering.py): one round trip a message instead of two. One row when there is no post, with the
# binding's columns (NULL when the group is not bound) on every row.
_POSTS_AND_BINDING = (
    "SELECT " + ", ".join(f"p.{column}" for column in POST_COLUMNS.split(", "))
    + ", b.level AS bound_level, b.jurisdiction AS bound_jurisdiction"
    " FROM (SELECT 1 AS here) AS here"
    " LEFT JOIN group_bindings b ON b.chat_id = ?"
    " LEFT JOIN (post_accounts a JOIN posts p ON p.post_id = a.post_id AND p.active = 1)"
    " ON a.user_id = ? AND a.revoked_at IS NULL"
    " ORDER BY p.post_id"
)


def posts_and_binding_in(unit: Unit, user_id: int | None, chat_id: int) -> tuple[list[Post], Binding | None]:
    """posts_of_user_in (none when user_id is None) and binding_of_in, read together in one statement."""
    rows = unit.fetchall(_POSTS_AND_BINDING, (chat_id, user_id))
    posts = [post_of_row(row) for row in rows if row[0] is not None]
    first = rows[0] if rows else None
    level_at = len(POST_COLUMNS.split(", "))  # the binding's two columns follow the post's
    binding = None
    if first is not None and first[level_at] is not None:
        binding = Binding(chat_id, first[level_at], first[level_at + 1])
    return posts, binding


async def all_bindings(db: Reader) -> list[Binding]:
    """Every bound group."""
    rows = await db.fetchall("SELECT chat_id, level, jurisdiction FROM group_bindings ORDER BY level, jurisdiction")
    return [Binding(row["chat_id"], row["level"], row["jurisdiction"]) for row in rows]


async def group_for(db: Reader, level: str, jurisdiction: str = "") -> Binding | None:
    """The group bound to a level and jurisdiction."""
    row = await db.fetchone(
        "SELECT chat_id, level, jurisdiction FROM group_bindings WHERE level = ? AND jurisdiction = ?",
        (level, jurisdiction),
    )
    return Binding(row["chat_id"], row["level"], row["jurisdiction"]) if row else None


async def posts_in(db: Reader, binding: Binding) -> list[Post]:
    """The posts that belong in a bound group."""
    return [post for post in await _candidate_posts(db, binding) if binding.includes(post)]


async def admin_posts_of(db: Reader, binding: Binding) -> list[Post]:
    """The posts that administer a bound group."""
    return [post for post in await _candidate_posts(db, binding) if binding.administered_by(post)]


def admin_posts_of_in(unit: Unit, binding: Binding) -> list[Post]:
    """admin_posts_of as part of a unit of work."""
    return [post for post in map(post_of_row, unit.fetchall(*_candidate_query(binding))) if binding.administered_by(post)]


def posts_in_group_in(unit: Unit, binding: Binding) -> list[Post]:
    """posts_in as part of a unit of work."""
    return [post for post in map(post_of_row, unit.fetchall(*_candidate_query(binding))) if binding.includes(post)]


async def _candidate_posts(db: Reader, binding: Binding) -> list[Post]:
    """A superset of a group's posts, read by index (each instruction asks; the roster has ~600 posts).

    Binding.includes stays the one rule; this only spares reading the other 35 groups' posts.
    """
    return [post_of_row(row) for row in await db.fetchall(*_candidate_query(binding))]


def _candidate_query(binding: Binding) -> tuple[str, tuple[str, ...]]:
    if binding.level == "state":
        return (f"SELECT {POST_COLUMNS} FROM posts WHERE active = 1 AND (level = 'state' OR (level = 'district'"
                " AND is_admin = 1)) ORDER BY level, jurisdiction, post_id", ())
    return (f"SELECT {POST_COLUMNS} FROM posts WHERE active = 1 AND level = ? AND jurisdiction = ?"
            " ORDER BY level, jurisdiction, post_id", (binding.level, binding.jurisdiction))


async def is_group_admin(db: Reader, chat_id: int, user_id: int) -> bool:
    """Whether this account holds an admin post of this group's level."""
    binding = await binding_of(db, chat_id)
    if binding is None:
        return False
    return any(binding.administered_by(post) for post in await posts_of_user(db, user_id))


async def groups_of_post(db: Reader, post: Post) -> list[Binding]:
    """The bound groups a post belongs in."""
    return [binding for binding in await all_bindings(db) if binding.includes(post)]


async def every_post(db: Reader) -> dict[str, tuple[Post, bool]]:
    """Every post ever in the roster by id, with whether it is active (for an import to compare against)."""
    rows = await db.fetchall(f"SELECT {POST_COLUMNS}, active FROM posts ORDER BY post_id")
    return {row["post_id"]: (post_of_row(row), bool(row["active"])) for row in rows}


async def save_post(tx: Transaction, post: Post, *, at: datetime) -> None:
    """Insert a post, or replace an existing one's details (making it active again)."""
    await tx.execute(
        f"INSERT INTO posts ({POST_COLUMNS}, active, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)"
        " ON CONFLICT (post_id) DO UPDATE SET designation = excluded.designation, level = excluded.level,"
        " jurisdiction = excluded.jurisdiction, mobile = excluded.mobile, email = excluded.email,"
        " holder = excluded.holder, is_admin = excluded.is_admin,"
        " coordinator = excluded.coordinator, active = 1, updated_at = excluded.updated_at",
        (post.post_id, post.designation, post.level, post.jurisdiction, post.mobile, post.email, post.holder,
         int(post.is_admin), post.coordinator, to_db(at)),
    )


async def park_number(tx: Transaction, post_id: str, *, at: datetime) -> None:
    """Free a post's number for the rest of a transaction (so two posts can swap numbers)."""
    await tx.execute(
        "UPDATE posts SET mobile = 'parked:' || post_id, updated_at = ? WHERE post_id = ?", (to_db(at), post_id)
    )


async def deactivate_post(tx: Transaction, post_id: str, *, at: datetime) -> None:
    """Drop a post from the roster; its row stays for the record."""
    await tx.execute("UPDATE posts SET active = 0, updated_at = ? WHERE post_id = ?", (to_db(at), post_id))


async def bind_group(tx: Transaction, binding: Binding, *, by: int | None, at: datetime) -> None:
    """Bind a group to its level (the caller has checked that the binding is free)."""
    await tx.execute(
        "INSERT INTO group_bindings (chat_id, level, jurisdiction, bound_by, bound_at) VALUES (?, ?, ?, ?, ?)",
        (binding.chat_id, binding.level, binding.jurisdiction, by, to_db(at)),
    )


async def unbind_group(tx: Transaction, chat_id: int) -> None:
    """Release a group's binding."""
    await tx.execute("DELETE FROM group_bindings WHERE chat_id = ?", (chat_id,))


async def is_entitled(db: Reader, chat_id: int, user_id: int) -> bool:
    """Whether one of the account's posts belongs in this bound group."""
    binding = await binding_of(db, chat_id)
    if binding is None:
        return False
    return any(binding.includes(post) for post in await posts_of_user(db, user_id))


async def entitled_groups(db: Reader, user_id: int) -> list[Binding]:
    """The bound groups any of the account's posts belongs in."""
    posts = await posts_of_user(db, user_id)
    return [binding for binding in await all_bindings(db) if any(binding.includes(post) for post in posts)]


async def person(db: Reader, user_id: int | None, *, unknown: str = "someone") -> str:
    """A person as admins know them: "Vikram Jadeja (Mamlatdar, Bhuj)", by their name as last seen and posts."""
    if user_id is None:
        return unknown
    row = await db.fetchone("SELECT first_name, last_name FROM users WHERE user_id = ?", (user_id,))
    name = " ".join(part for part in (row["first_name"], row["last_name"]) if part) if row else ""
    designations = "; ".join(post.designation for post in await posts_of_user(db, user_id))
    name = name or f"user {user_id}"
    return f"{name} ({designations})" if designations else name
