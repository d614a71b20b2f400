"""The collaborators handlers reach through `context.services`, opened once per run."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from bot.checkpointing import Checkpointer
from bot.clock import Clock
from bot.delivery import DeliveryWorker
from bot.outbox import Outbox
from bot.scheduler import Scheduler
from bot.settings import Settings
from handlers.feature import Command
from storage.database import Database


class Classifier(Protocol):
    """The shared content-filter service (bot/classifier.py): one verdict per message, cached per update."""

    async def check(self, text: str) -> Any:
        """The filter's Verdict for text (labels, evidence, language)."""
        ...


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
    checkpointer: Checkpointer | None = None
    classifier: Classifier | None = None  # set by the content filter's service once it lands
