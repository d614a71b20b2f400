"""The collaborators handlers reach through `context.services`, opened once per run."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.attachment_reader import AttachmentReader
from bot.checkpointing import Checkpointer
from bot.classifier import BatchingClassifier
from bot.clock import Clock
from bot.delivery import DeliveryWorker
from bot.outbox import Outbox
from bot.scheduler import Scheduler
from bot.settings import Settings
from handlers.feature import Command
from storage.database import Database


@dataclass
class Services:
    """Everything a handler needs besides the update; passed explicitly, never global."""

    settings: Settings
    clock: Clock
    db: Database
    outbox: Outbox
    delivery: DeliveryWorker
    scheduler: Scheduler
    commands: Sequence[Command]
    classifier: BatchingClassifier
    checkpointer: Checkpointer | None = None
    attachment_reader: AttachmentReader | None = None
