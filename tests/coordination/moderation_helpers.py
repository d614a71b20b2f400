"""What the moderation rules run on in a unit test: a real SQLite file, a real outbox, a fixed clock, real
settings, a fake of the Telegram reads and a scripted content filter (the filter has its own tests in
tests/nlp; these pin what the rules do with its verdicts)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from coordination.collaborators import Collaborators
from coordination.filtering import GroupMessage
from nlp import MessageContext, Verdict
from nlp.verdict import Evidence
from runtime.outbox import Outbox
from runtime.settings import Settings
from storage import chats
from storage.database import Database
from tests.storage.records_helpers import KUTCH, T0, USER, post
from tests.coordination.fakes import FakeTelegram, FixedClock

VIKRAM = USER["mamlatdar-bhuj"]  # a member of the Kutch group
RAJESH = USER["collector-kutch"]  # the Kutch group's admin post
MEERA = USER["acs-revenue"]  # the State admin post (administers every group)
AADHAAR = "2345 6789 0124"


@dataclass
class ScriptedFilter:
    """coordination.collaborators.ContentFilter answering from a table of texts (anything else is clean)."""

    verdicts: dict[str, Verdict] = field(default_factory=dict)
    asked: list[tuple[str, MessageContext | None]] = field(default_factory=list)

    async def check(self, text: str, context: MessageContext | None = None) -> Verdict:
        self.asked.append((text, context))
        return self.verdicts.get(text, Verdict((), (), "en"))

    def says(self, text: str, *found: tuple[str, str, str], review: tuple[str, ...] = (), language: str = "en") -> str:
        """Script a verdict: found is (label, reason code, the words in text the evidence spans)."""
        evidence = tuple(
            Evidence(label, text.index(words), text.index(words) + len(words), 0.99, code, code)
            for label, code, words in found
        )
        labels = tuple(sorted({label for label, _, _ in found}))
        self.verdicts[text] = Verdict(labels, evidence, language, review=tuple(sorted(review)))
        return text


def collaborators(db: Database, clock: FixedClock, content_filter: ScriptedFilter, tmp_path: Any, **settings: Any) -> Collaborators:
    """The domain's collaborators over the test's database."""
    return Collaborators(
        db=db, outbox=Outbox(clock, wake=lambda: None), clock=clock,
        settings=Settings(_env_file=None, db_path=tmp_path / "samvad.db", **settings),
        telegram=FakeTelegram(), content_filter=content_filter,
    )


async def bot_may_delete(db: Database, chat_id: int = KUTCH, *, may: bool = True) -> None:
    """Telegram last said the bot is an administrator here, with or without the right to delete."""
    async with db.transaction() as tx:
        await chats.save_bot_status(tx, chat_id=chat_id, status="administrator",
                                    rights={"can_delete_messages": may}, at=T0)


async def said(db: Database, message_id: int, text: str, *, sender: int = VIKRAM, name: str = "Vikram Jadeja",
               at: datetime = T0, chat_id: int = KUTCH) -> GroupMessage:
    """A message recorded in the log (as the recording stage does first) and as moderation reads it."""
    async with db.transaction() as tx:
        await post(tx, chat_id, message_id, sender, text, at)
    return GroupMessage(chat_id=chat_id, message_id=message_id, sender_id=sender, sender_name=name, date=at,
                        text=text, speaker_id=sender)


@dataclass(frozen=True)
class Owed:
    """One owed Bot API call, as a test reads it."""

    method: str
    chat_id: int
    purpose: str
    params: dict[str, Any]

    @property
    def text(self) -> str:
        return self.params.get("text") or self.params.get("caption") or ""


async def owed(db: Database) -> list[Owed]:
    """Every call owed so far, in order."""
    rows = await db.fetchall("SELECT method, chat_id, purpose, params FROM outbox ORDER BY id")
    return [Owed(row["method"], row["chat_id"], row["purpose"], json.loads(row["params"])) for row in rows]
