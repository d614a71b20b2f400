"""A small world for the membership rules: the demo roster in a real SQLite file, a fake of Telegram's reads,
a clock that stands still, the real outbox and settings. No sandbox, no bot."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from coordination.collaborators import Collaborators
from coordination.membership import Group, Person
from nlp.recognisers.base import OFFICIAL_EMAIL_DOMAINS
from runtime.outbox import Outbox
from runtime.settings import Settings
from storage import chats, journal, roster, tasks
from storage.backend import open_database
from storage.database import Database
from storage.roster import Binding
from storage.roster_changes import apply_import, plan_import
from storage.roster_csv import read_roster
from storage.tasks import Task
from tests.coordination.fakes import FakeTelegram, FixedClock

ROSTER = Path(__file__).resolve().parents[2] / "bot" / "demo" / "roster.csv"
NOW = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)  # 15:30 IST
KUTCH = Binding(-1001, "district", "Kutch")
STATE = Binding(-1002, "state", "")
KUTCH_GROUP = Group(KUTCH.chat_id, "supergroup", "Kutch Coordination")
STATE_GROUP = Group(STATE.chat_id, "supergroup", "State Coordination")
BOT_ID = 999

# People of the demo roster (accounts linked by `verify`), and strangers.
ACS = Person(1, "Meera", "Desai")  # acs-revenue: a state admin post
COLLECTOR = Person(2, "Rajesh", "Patel")  # collector-kutch: the Kutch group's admin post
MAMLATDAR = Person(3, "Vikram", "Jadeja")  # mamlatdar-bhuj: belongs in the Kutch group
VALSAD = Person(4, "Pooja", "Bhatt")  # mamlatdar-valsad: a post that belongs elsewhere
COLLECTOR_VALSAD = Person(5, "Arvind", "Nair")  # collector-valsad
STRANGER = Person(7, "Ravi", "Kumar")


@dataclass(frozen=True)
class Call:
    """One owed Bot API call as stored in the outbox."""

    method: str
    params: dict[str, Any]
    purpose: str

    @property
    def chat_id(self) -> Any:
        return self.params.get("chat_id")

    @property
    def text(self) -> str:
        return self.params.get("text", "")


class World:
    """The collaborators, and what a test reads back: calls owed, journal kinds, tasks."""

    def __init__(self, db: Database, tmp_path: Path) -> None:
        self.db = db
        self.clock = FixedClock(NOW)
        self.telegram = FakeTelegram(default_status="left")
        self.settings = Settings(_env_file=None, db_path=tmp_path / "membership.db", timezone="Asia/Kolkata",
                                 join_request_hold_hours=24, verification_grace_hours=24)
        self.c = Collaborators(db, Outbox(self.clock, wake=lambda: None), self.clock, self.settings, self.telegram)
        self._seen = 0

    async def calls(self) -> list[Call]:
        """Every call owed so far, in order."""
        rows = await self.db.fetchall("SELECT id, method, params, purpose FROM outbox ORDER BY id")
        return [Call(row["method"], json.loads(row["params"]), row["purpose"]) for row in rows]

    async def new_calls(self) -> list[Call]:
        """The calls owed since the last look."""
        rows = await self.db.fetchall("SELECT id, method, params, purpose FROM outbox WHERE id > ? ORDER BY id",
                                      (self._seen,))
        if rows:
            self._seen = rows[-1]["id"]
        return [Call(row["method"], json.loads(row["params"]), row["purpose"]) for row in rows]

    async def journal_kinds(self) -> list[str]:
        """The kinds of the journal's entries after the roster import, in order."""
        return [entry["kind"] for entry in await journal.entries(self.db) if not entry["kind"].startswith("roster.")]

    async def pending_tasks(self, kind: str) -> list[Task]:
        return await tasks.pending(self.db, kind=kind)

    async def verify(self, person: Person, post_id: str) -> None:
        """Link an account to a post (as a past verification did)."""
        async with self.db.transaction() as tx:
            post = await roster.get_post(tx, post_id)
            assert post is not None
            await chats.save_user(tx, user_id=person.user_id, is_bot=False, first_name=person.first_name,
                                  last_name=person.last_name, username=None, language_code=None, at=self.clock.now())
            await roster.link_account(tx, post_id=post_id, user_id=person.user_id, mobile=post.mobile,
                                      at=self.clock.now())

    async def bind(self, binding: Binding, group: Group) -> None:
        async with self.db.transaction() as tx:
            await chats.save_chat(tx, chat_id=group.chat_id, type=group.type, title=group.title, username=None,
                                  at=self.clock.now())
            await roster.bind_group(tx, binding, by=None, at=self.clock.now())


async def open_world(tmp_path: Path, target: Path | str | None = None) -> World:
    db = await open_database(target or tmp_path / "membership.db")
    posts = read_roster(ROSTER.read_bytes(), official_domains=OFFICIAL_EMAIL_DOMAINS).posts
    async with db.transaction() as tx:
        await apply_import(tx, await plan_import(tx, posts), at=NOW, source={"by": "test"})
    return World(db, tmp_path)
