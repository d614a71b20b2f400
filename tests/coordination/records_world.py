"""A small world for the record's rules: a real SQLite file with the roster of tests/storage/records_helpers,
a real outbox, a clock that stands still until moved, real settings and a fake of the Telegram reads."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coordination.collaborators import Collaborators
from nlp.verdict import Evidence, Verdict
from runtime.outbox import Outbox
from runtime.purposes import Purpose
from runtime.settings import Settings
from storage import journal, outbox
from storage.backend import open_database
from tests.storage.records_helpers import T0, post, seed
from tests.coordination.fakes import FakeTelegram, FixedClock


@dataclass(frozen=True)
class Call:
    """An owed Bot API call, as a person would receive it."""

    method: str
    chat_id: int | None
    text: str | None
    purpose: str
    params: dict[str, Any]


async def open_world(tmp_path: Path, target: Path | str | None = None, **settings: Any) -> Collaborators:
    """The seeded record and its collaborators (settings as given, else the defaults)."""
    db = await open_database(target or tmp_path / "samvad.db")
    async with db.transaction() as tx:
        await seed(tx)
    clock = FixedClock(T0)
    config = Settings(_env_file=None, export_dir=tmp_path / "exports", **settings)
    return Collaborators(db, Outbox(clock, wake=lambda: None), clock, config, FakeTelegram())


async def owed(c: Collaborators) -> list[Call]:
    """Every call the rules have owed so far, in order."""
    return [Call(call.method, call.params.get("chat_id"), call.params.get("text") or call.params.get("caption"),
                 call.purpose, call.params)
            for call in await outbox.calls_for(c.db, purposes=tuple(Purpose))]


async def journal_kinds(c: Collaborators, kind: str) -> list[dict[str, Any]]:
    """The journal's entries of one kind."""
    return await journal.entries(c.db, kind=kind)


async def say_in_group(c: Collaborators, chat_id: int, message_id: int, sender: int, text: str,
                       reply_to: int | None = None) -> None:
    """A message as the recording stage keeps it (before the rules see it)."""
    async with c.db.transaction() as tx:
        await post(tx, chat_id, message_id, sender, text, c.clock.now(), reply_to=reply_to)


def instruction_verdict(*personal_data: tuple[int, int]) -> Verdict:
    """The filter sure that a message is an instruction, with personal data at these spans."""
    evidence = tuple(Evidence("personal_data", start, end, 0.99, "mobile", "a mobile number")
                     for start, end in personal_data)
    labels = ("instruction", "personal_data") if personal_data else ("instruction",)
    return Verdict(labels=labels, evidence=evidence)
