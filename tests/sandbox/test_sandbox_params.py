"""Parameters decoded by their spec types from JSON, form and multipart bodies, and checked deeply."""

from __future__ import annotations

import json

import aiohttp
import pytest

from sandbox.rights import ADMIN_RIGHTS, PERMISSIONS
from sandbox.schema import ShapeError, check_value


async def test_form_fields_hold_json_for_non_strings(raw, office):
    status, body = await raw.form("sendMessage", {
        "chat_id": str(office.chat_id),
        "text": "123",  # a String stays a string even when it looks like a number
        "disable_notification": "true",
        "reply_markup": json.dumps({"inline_keyboard": [[{"text": "OK", "callback_data": "ok"}]]}),
    })  # fmt: skip
    assert status == 200, body
    assert body["result"]["text"] == "123"
    assert body["result"]["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "ok"


async def test_json_body_may_hold_strings_for_numbers(raw, office):
    result = await raw.ok("sendMessage", {"chat_id": str(office.chat_id), "text": "hi", "reply_parameters": "{\"message_id\": 1}"})
    assert result["reply_to_message"]["message_id"] == 1


async def test_query_string_parameters_count(server, office):
    async with aiohttp.ClientSession() as session:
        url = f"{server.base_url}/bot123456:SANDBOX-token/getChatMemberCount"
        async with session.get(url, params={"chat_id": str(office.chat_id)}) as response:
            assert (await response.json())["result"] == 3


async def test_unknown_chat_username_is_not_found(raw):
    status, body = await raw.call("getChat", {"chat_id": "@no_such_chat"})
    assert (status, body["description"]) == (400, "Bad Request: chat not found")


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"text": "x", "disable_notification": "maybe"}, '"disable_notification" must be Boolean'),
        ({"text": "x", "message_thread_id": 1.5}, '"message_thread_id" must be an Integer'),
        ({"text": ["x"]}, '"text" must be a String'),
        ({"text": "x", "reply_markup": {"inline_keyboard": [[{"callback_data": "a"}]]}},
         '"reply_markup.inline_keyboard[0][0].text" is required in InlineKeyboardButton'),
        ({"text": "x", "reply_markup": {"inline_keyboard": [[{"text": "a", "colour": "red"}]]}},
         '"reply_markup.inline_keyboard[0][0].colour" is not a field of InlineKeyboardButton'),
        ({"text": "x", "entities": [{"type": "bold", "offset": "0", "length": 1}]},
         '"entities[0].offset" must be an Integer'),
    ],
)  # fmt: skip
async def test_wrong_types_are_refused_naming_the_parameter(raw, office, params, named):
    status, body = await raw.call("sendMessage", {"chat_id": office.chat_id, **params})
    assert status == 400
    assert body["description"].startswith("Bad Request: parameter ")
    assert named in body["description"]


async def test_wrong_type_in_a_form_is_refused(raw, office):
    status, body = await raw.form("getChatMember", {"chat_id": str(office.chat_id), "user_id": "ravi"})
    assert (status, body["description"]) == (400, 'Bad Request: parameter "user_id" must be Integer')


async def test_unions_are_told_apart(raw, office):
    await raw.ok("setMyCommands", {"commands": [], "scope": {"type": "chat", "chat_id": office.chat_id}})
    status, body = await raw.call("setMyCommands", {"commands": [], "scope": {"type": "everyone"}})
    assert status == 400 and '"scope.type" must be one of' in body["description"]
    status, body = await raw.call("sendMessage", {"chat_id": office.chat_id, "text": "x", "reply_markup": {"keyboard": [["Yes", {"text": "No"}]]}})
    assert status == 200, body


def test_rights_and_permissions_match_the_spec(spec):
    administrator = spec.types["ChatMemberAdministrator"].fields
    assert set(ADMIN_RIGHTS) <= set(administrator)
    required = {name for name, f in administrator.items() if f.required and name.startswith("can_")} - {"can_be_edited"}
    assert required <= set(ADMIN_RIGHTS)
    assert set(PERMISSIONS) == set(spec.types["ChatPermissions"].fields)
    restricted = {n for n in spec.types["ChatMemberRestricted"].fields if n.startswith("can_")}
    assert restricted == set(PERMISSIONS)


def test_shape_check_reports_the_path(spec):
    with pytest.raises(ShapeError) as error:
        check_value(spec, ("Message",), {"message_id": 1, "date": 0, "chat": {"id": 1}}, "result")
    assert (error.value.path, error.value.problem) == ("result.chat.type", "is required in Chat")
