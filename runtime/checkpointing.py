"""Signs the record's head every N entries or every hour, and posts it to the records chat if set.

The job queue calls `tick` every few seconds; whether a checkpoint is due is read from
the database (the last checkpoint and the head), so a restart forgets nothing. Every instance on one
database ticks; the one that takes the job's turn (storage.tasks.take_turn_in, in the signing transaction)
signs, so a head is signed and posted once.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from html import escape

from runtime.clock import Clock
from runtime.instance_id import instance_id
from runtime.outbox import Outbox
from runtime.settings import Settings
from runtime.signing import KeySigner
from storage import checkpoints
from storage import tasks as task_store
from storage.checkpoints import Checkpoint
from storage.database import Database
from storage.errors import StorageUnavailable
from runtime.purposes import Purpose

log = logging.getLogger(__name__)

TICK_SECONDS = 2.0
TURN = "sign-checkpoint"


class Checkpointer:
    """Signs checkpoints when due."""

    def __init__(
        self, db: Database, clock: Clock, signer: KeySigner, outbox: Outbox, settings: Settings, *,
        instance: str | None = None,
    ) -> None:
        self.instance = instance or instance_id()
        self._db = db
        self._clock = clock
        self._signer = signer
        self._outbox = outbox
        self._settings = settings

    async def tick(self, context: object = None) -> Checkpoint | None:
        """Sign the head if enough entries or time have passed; returns the new checkpoint."""
        try:
            if not await checkpoints.is_due(
                self._db,
                every_entries=self._settings.checkpoint_every_entries,
                every=timedelta(minutes=self._settings.checkpoint_every_minutes),
                now=self._clock.now(),
            ):
                return None
            return await self.sign_now(taking_turn=True)
        except StorageUnavailable as error:
            log.warning("cannot sign a checkpoint now (%s: %s)", error.path, error.reason)
            return None

    async def sign_now(self, *, taking_turn: bool = False) -> Checkpoint | None:
        """Sign the head now (None if the last checkpoint already covers it, or, taking_turn, if another
        instance has the job's turn)."""
        now = self._clock.now()
        until = now + timedelta(seconds=self._settings.claim_seconds)
        async with self._db.transaction() as tx:
            if taking_turn and not await tx.run(
                lambda unit: task_store.take_turn_in(unit, TURN, holder=self.instance, now=now, until=until)
            ):
                return None
            checkpoint = await checkpoints.sign_head(tx, self._signer, at=now)
            if checkpoint is not None and self._settings.records_chat_id is not None:
                await self._outbox.send_message(
                    tx, self._settings.records_chat_id, describe(checkpoint, self._settings),
                    purpose=Purpose.RECORDS_CHECKPOINT, dedupe_key=f"checkpoint:{checkpoint.checkpoint_id}",
                )
        if checkpoint is not None:
            log.info("signed checkpoint %s at entry %s", checkpoint.checkpoint_id, checkpoint.seq)
        return checkpoint


def describe(checkpoint: Checkpoint, settings: Settings) -> str:
    """The checkpoint as posted to the records chat (HTML)."""
    signed = checkpoint.signed_at_time.astimezone(settings.zone)
    return (
        f"🔏 <b>Checkpoint {checkpoint.checkpoint_id}</b>: the record up to entry {checkpoint.seq} is signed"
        f" ({signed:%d %b %Y %H:%M:%S}).\n"
        f"Entry hash: <code>{escape(checkpoint.entry_hash)}</code>\n"
        f"Signature: <code>{escape(checkpoint.signature)}</code>\n"
        f"Public key: <code>{escape(checkpoint.public_key)}</code>\n"
        "Anyone can check the record against it with <code>samvad verify</code>."
    )
