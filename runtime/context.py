"""The typed callback context handlers receive."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from telegram.ext import CallbackContext, ExtBot

if TYPE_CHECKING:
    from runtime.services import Services

SERVICES_KEY = "samvad.services"


class SamvadContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """PTB's context with Samvad's services attached."""

    @property
    def services(self) -> Services:
        """The services opened for this run of the bot."""
        return self.application.bot_data[SERVICES_KEY]
