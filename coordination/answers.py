"""What a rule of the circular answers a person with, for the handler to say: one vocabulary for every feature.

To a command a rule returns an `Answer`, or None when it has owed its answer through the outbox already:
- `Reply`: an HTML answer in the chat that asked, with its purpose and any buttons;
- `Refusal`: the person may not do this (or not here); the handler journals it with the command's name;
- `Redirect`: the right command in the wrong kind of chat; where to send it.
To a button press it returns a `PressAnswer`: a `ButtonAnswer` (what the presser sees) or a `ButtonRefusal`
(journalled). Arguments the handler could not read come in as `Unreadable`, so the rule still decides what to
say first (a refusal before a usage note). `handlers.replying.say` and `say_to_press` say them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from runtime.purposes import Purpose

Keyboard = dict[str, Any]  # an inline keyboard as the Bot API takes it (reply_markup)


def keyboard(rows: list[list[tuple[str, str]]]) -> Keyboard:
    """An inline keyboard of (label, callback data) buttons."""
    return {"inline_keyboard": [[{"text": text, "callback_data": data} for text, data in row] for row in rows]}


@dataclass(frozen=True)
class Reply:
    """An HTML answer in the chat that asked, with its purpose and any buttons."""

    text: str
    purpose: Purpose
    markup: Keyboard | None = None


@dataclass(frozen=True)
class Refusal:
    """The person may not use this command (or not here): the reason in HTML, and which command it was."""

    reason: str
    command: str


@dataclass(frozen=True)
class Redirect:
    """The command belongs in another kind of chat: where to send it, in HTML."""

    text: str


Answer = Reply | Refusal | Redirect


@dataclass(frozen=True)
class ButtonAnswer:
    """What the presser of a button sees (an alert when it must be read)."""

    text: str
    alert: bool = False


@dataclass(frozen=True)
class ButtonRefusal:
    """The presser may not press this button: the reason (plain text, shown as an alert) and which button it was."""

    reason: str
    button: str


PressAnswer = ButtonAnswer | ButtonRefusal


@dataclass(frozen=True)
class Unreadable:
    """Arguments the handler could not read; the text (plain, not HTML) tells the person how to write them."""

    text: str
