"""The benchmark's world: the State group, two HoD groups, 33 District groups and ~600 officers.

Messages come from the project's own labelled corpus (nlp/corpus), so the stream
mixes English, Gujarati, Hindi and transliteration, with the corpus's share of
violations, instructions and acknowledgements.
"""

from __future__ import annotations

import json
import os
import random
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from storage import chats, roster
from storage.database import Database
from storage.timefmt import to_db

DISTRICTS = (
    "Ahmedabad", "Amreli", "Anand", "Aravalli", "Banaskantha", "Bharuch", "Bhavnagar", "Botad",
    "Chhota Udaipur", "Dahod", "Dang", "Devbhumi Dwarka", "Gandhinagar", "Gir Somnath", "Jamnagar",
    "Junagadh", "Kheda", "Kutch", "Mahisagar", "Mehsana", "Morbi", "Narmada", "Navsari", "Panchmahal",
    "Patan", "Porbandar", "Rajkot", "Sabarkantha", "Surat", "Surendranagar", "Tapi", "Vadodara", "Valsad",
)
DISTRICT_POSTS = (
    ("collector", "District Collector", True),
    ("rdc", "Resident Deputy Collector", False),
    ("ddo-disaster", "District Disaster Management Officer", False),
    ("dso", "District Supply Officer", False),
    ("prant-1", "Prant Officer (1)", False),
    ("prant-2", "Prant Officer (2)", False),
    ("prant-3", "Prant Officer (3)", False),
) + tuple((f"mamlatdar-{n}", f"Mamlatdar ({n})", False) for n in range(1, 11))
STATE_POSTS = (
    ("acs-revenue", "Additional Chief Secretary (Revenue)", True),
    ("secretary-lr", "Secretary, Land Reforms", True),
    ("relief-commissioner", "Relief Commissioner", False),
    ("director-relief", "Director of Relief", False),
    ("special-secretary-dispute", "Special Secretary, Dispute", False),
    ("ric", "Revenue Inspection Commissioner", False),
)
HOD_POSTS = {
    "land-records": (("ssrd", "Settlement Commissioner & Director of Land Records", True),)
    + tuple((f"dilr-{n}", f"District Inspector of Land Records ({n})", False) for n in range(1, 15)),
    "registration": (("igr", "Inspector General of Registration", True),)
    + tuple((f"sub-registrar-{n}", f"Sub-Registrar ({n})", False) for n in range(1, 15)),
}
VIOLATIONS = frozenset({"confidential", "personal_data", "hostile"})


@dataclass(frozen=True)
class BenchPost:
    """A post and the sandbox user who holds it."""

    post_id: str
    designation: str
    level: str
    jurisdiction: str
    is_admin: bool
    mobile: str
    user_id: int = 0


@dataclass(frozen=True)
class BenchGroup:
    """A sandbox group bound to a level."""

    chat_id: int
    level: str
    jurisdiction: str
    member_ids: tuple[int, ...]


@dataclass(frozen=True)
class BenchMessage:
    """One message of the stream: who posts what where, and what the corpus says it is."""

    chat_id: int
    user_id: int
    text: str
    labels: frozenset[str]

    @property
    def violates(self) -> bool:
        """Whether the corpus labels it confidential, personal data or hostile."""
        return bool(self.labels & VIOLATIONS)


def planned_posts() -> list[BenchPost]:
    """Every post of the benchmark roster (~580)."""
    posts, number = [], 0

    def add(post_id: str, designation: str, level: str, jurisdiction: str, admin: bool) -> None:
        nonlocal number
        number += 1
        posts.append(BenchPost(post_id, designation, level, jurisdiction, admin, f"+9194270{number:05d}"))

    for post_id, designation, admin in STATE_POSTS:
        add(post_id, designation, "state", "Revenue Department", admin)
    for office, office_posts in HOD_POSTS.items():
        for post_id, designation, admin in office_posts:
            add(f"{office}-{post_id}", designation, "hod", office, admin)
    for district in DISTRICTS:
        slug = district.lower().replace(" ", "-")
        for post_id, designation, admin in DISTRICT_POSTS:
            add(f"{slug}-{post_id}", f"{designation}, {district}", "district", district, admin)
    return posts


def _belongs(level: str, jurisdiction: str, post: BenchPost) -> bool:
    if level == "state":
        return post.level == "state" or (post.level == "district" and post.is_admin)
    return post.level == level and post.jurisdiction == jurisdiction


async def build_world(client) -> tuple[list[BenchPost], list[BenchGroup]]:
    """Create the people and the 36 groups in the sandbox, with the bot as admin of each."""
    posts = []
    for post in planned_posts():
        user = await client.create_user(post.designation.split(",")[0][:32], phone=post.mobile)
        posts.append(BenchPost(**{**post.__dict__, "user_id": user["id"]}))
    bindings = [("state", "")] + [("hod", office) for office in HOD_POSTS] + [("district", d) for d in DISTRICTS]
    groups = []
    for level, jurisdiction in bindings:
        members = [post for post in posts if _belongs(level, jurisdiction, post)]
        admin = next(post for post in members if post.is_admin and post.level == level)
        others = [post.user_id for post in members if post.user_id != admin.user_id]
        title = "State" if level == "state" else f"{level} {jurisdiction}"
        chat = await client.create_group(title, creator_id=admin.user_id, member_ids=others)
        await client.add_bot(chat["id"], added_by=admin.user_id)
        groups.append(BenchGroup(chat["id"], level, jurisdiction, tuple(post.user_id for post in members)))
    return posts, groups


async def open_store(db_path: Path) -> Database:
    """The bots' database: the SQLite file at db_path, or the PostgreSQL database of SAMVAD_DATABASE_URL when the
    benchmark made one for the run (`samvad bench --database-url`)."""
    url = os.environ.get("SAMVAD_DATABASE_URL")
    if not url:
        return await Database.open(db_path)
    try:
        from storage.backend import open_database  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        raise SystemExit("--database-url needs the PostgreSQL backend (storage/backend.py, issue 17)") from None
    return await open_database(url)


async def prepare_bot_database(db_path: Path, posts: list[BenchPost], groups: list[BenchGroup]) -> None:
    """The roster, verified accounts and bindings, as if imported, verified and bound already."""
    now = datetime.now(UTC)
    db = await open_store(db_path)
    try:
        async with db.transaction() as tx:
            for post in posts:
                await tx.execute(
                    "INSERT INTO posts (post_id, designation, level, jurisdiction, mobile, email, holder, is_admin,"
                    " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (post.post_id, post.designation, post.level, post.jurisdiction, post.mobile,
                     f"{post.post_id}@gujarat.gov.in", f"Holder of {post.post_id}", int(post.is_admin), to_db(now)),
                )
                await roster.link_account(tx, post_id=post.post_id, user_id=post.user_id, mobile=post.mobile, at=now)
            for group in groups:
                await chats.save_chat(tx, chat_id=group.chat_id, type="supergroup", title=group.jurisdiction or "State",
                                      username=None, at=now)
                await tx.execute(
                    "INSERT INTO group_bindings (chat_id, level, jurisdiction, bound_at) VALUES (?, ?, ?, ?)",
                    (group.chat_id, group.level, group.jurisdiction, to_db(now)),
                )
        if os.environ.get("SAMVAD_DATABASE_URL"):
            # The planner's statistics an operator's database has for its roster: autovacuum analyses a table
            # within a minute of a bulk change (autovacuum_naptime), and this world is built seconds before the
            # bot starts. Without them PostgreSQL guesses that few posts are active and reads a speaker's post
            # through the index of active mobiles (all 597 of them) instead of the post's key: 0.14 against
            # 0.06 ms a message's read of who speaks and where (pg_stat_statements, 3 Dec 2026). Only the
            # roster's tables: the record's are empty here, and statistics saying so would make the planner scan
            # them as they fill (a whole-database ANALYZE here halved the run's throughput).
            async with db.transaction() as tx:
                await tx.execute("ANALYZE posts, post_accounts, group_bindings")
    finally:
        await db.close()


def corpus_messages() -> list[tuple[str, frozenset[str]]]:
    """The project's own labelled corpus (train and calibration)."""
    rows = []
    for name in ("train.jsonl", "calibration.jsonl"):
        text = resources.files("nlp").joinpath("corpus", name).read_text(encoding="utf-8")
        for line in text.splitlines():
            if line.strip():
                item = json.loads(line)
                rows.append((item["text"], frozenset(item["labels"])))
    return rows


def generate_stream(groups: list[BenchGroup], count: int, *, violation_share: float, seed: int) -> list[BenchMessage]:
    """count messages: random members of random groups posting corpus texts, violation_share of them violations."""
    rng = random.Random(seed)
    pool = corpus_messages()
    clean = [item for item in pool if not item[1] & VIOLATIONS]
    violating = [item for item in pool if item[1] & VIOLATIONS]
    stream = []
    for _ in range(count):
        group = rng.choice(groups)
        text, labels = rng.choice(violating if rng.random() < violation_share else clean)
        stream.append(BenchMessage(group.chat_id, rng.choice(group.member_ids), text, labels))
    return stream
