"""The collaborators handlers reach through `context.services`, opened once per run."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from runtime.attachment_reader import AttachmentReader
from runtime.checkpointing import Checkpointer
from runtime.classifier import BatchingClassifier
from runtime.clock import Clock
from runtime.delivery import DeliveryWorker
from runtime.outbox import Outbox
from runtime.scheduler import Scheduler
from runtime.settings import Settings
from runtime.commands import Command
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
