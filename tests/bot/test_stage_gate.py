"""handlers.stage_gate: the command stage ends at once for a group message that is no command, and only where no
handler of the stage (as python-telegram-bot asks each) would have taken the update."""

from __future__ import annotations

import pytest
from telegram import Update
from telegram.ext import MessageHandler, filters

from bot.application import build_application
from handlers.feature import Feature, Stage
from handlers.stage_gate import NoCommandHere, gate_for
from runtime.settings import Settings
from tests.bot.test_update_filters import EVERY

TOKEN = "700000099:TEST-stage-gate-token"


@pytest.fixture(scope="module")
def application():
    return build_application(Settings(bot_token=TOKEN, api_base_url="http://127.0.0.1:8081"))


def _takes(handler, update) -> bool:
    check = handler.check_update(update)
    return not (check is None or check is False)


def test_the_command_stage_is_gated_first(application) -> None:
    stage = application.handlers[int(Stage.COMMAND)]
    assert isinstance(stage[0], NoCommandHere)
    assert not any(isinstance(handler, NoCommandHere) for handler in stage[1:])


@pytest.mark.parametrize("data", EVERY.values(), ids=EVERY.keys())
def test_the_gate_takes_only_what_no_handler_of_the_stage_takes(application, data) -> None:
    update = Update.de_json(data, application.bot)
    gate, *handlers = application.handlers[int(Stage.COMMAND)]
    if _takes(gate, update):
        assert not any(_takes(handler, update) for handler in handlers)


def test_it_takes_a_plain_group_message_and_no_command_nor_a_private_message(application) -> None:
    gate = application.handlers[int(Stage.COMMAND)][0]
    taken = {name for name, data in EVERY.items() if _takes(gate, Update.de_json(data, application.bot))}
    assert {"plain text", "in a basic group", "a reply with words", "a document in a group"} <= taken
    assert not taken & {"a command", "/check with words", "a private message", "a callback query",
                        "an edit", "a contact in private", "a draft in private"}


def test_no_gate_where_a_handler_of_the_stage_could_take_group_messages() -> None:
    group_text = MessageHandler(filters.ChatType.GROUPS & filters.TEXT, print)
    assert gate_for([group_text]) is None
    assert gate_for([]) is None
    world = build_application(Settings(bot_token=TOKEN, api_base_url="http://127.0.0.1:8081"), feature_list=[
        Feature(name="x", handlers=[(Stage.COMMAND, group_text)])])
    assert world.handlers[int(Stage.COMMAND)] == [group_text]


def test_a_handler_added_to_the_stage_later_opens_the_gate() -> None:
    world = build_application(Settings(bot_token=TOKEN, api_base_url="http://127.0.0.1:8081"))
    gate = world.handlers[int(Stage.COMMAND)][0]
    plain = Update.de_json(EVERY["plain text"], world.bot)
    assert _takes(gate, plain)
    group_text = MessageHandler(filters.ChatType.GROUPS & filters.TEXT, print)
    world.add_handler(group_text, group=int(Stage.COMMAND))
    assert not _takes(gate, plain) and _takes(group_text, plain)
    world.remove_handler(group_text, group=int(Stage.COMMAND))
    assert _takes(gate, plain)
