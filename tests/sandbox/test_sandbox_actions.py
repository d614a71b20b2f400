"""Each person's action is written once (sandbox.user_actions); its route and client method come from it."""

from __future__ import annotations

import base64
import inspect
import re
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from sandbox import user_actions
from sandbox.actions import Action, action
from sandbox.client import Remote, SandboxClient
from sandbox.world import World

README = Path(__file__).parents[2] / "sandbox" / "README.md"


@pytest.fixture
async def post(server) -> AsyncIterator:
    """POST raw JSON (or a form) to the control API: (status, description or result)."""
    async with aiohttp.ClientSession() as session:

        async def send(path: str, body: object = None, *, form: aiohttp.FormData | None = None) -> tuple[int, object]:
            async with session.post(f"{server.base_url}/sandbox{path}", json=body, data=form) as response:
                answer = await response.json()
                return response.status, answer["result"] if answer["ok"] else answer["description"]

        yield send


async def test_a_missing_parameter_is_refused_naming_it(post, office):
    assert await post(f"/chats/{office.chat_id}/messages", {"user_id": office.ravi["id"]}) == (
        400, 'field "text" is required',
    )  # fmt: skip
    assert await post("/chats", {"title": "Taluka"}) == (400, 'field "creator_id" is required')


async def test_a_parameter_of_the_wrong_type_is_refused_naming_it(post, office):
    messages = f"/chats/{office.chat_id}/messages"
    assert await post(messages, {"user_id": "ravi", "text": "hi"}) == (400, 'field "user_id" must be int')
    assert await post(messages, {"user_id": True, "text": "hi"}) == (400, 'field "user_id" must be int')
    assert await post("/chats", {"title": "T", "creator_id": office.asha["id"], "member_ids": [1, "2"]}) == (
        400, 'field "member_ids" must be a list of int',
    )  # fmt: skip
    assert await post("/chats/office/messages", {"user_id": 1, "text": "hi"}) == (400, "chat_id must be an integer")
    press = f"/chats/{office.chat_id}/messages/1/press"
    assert await post(press, {"user_id": office.ravi["id"], "callback_data": "x", "wait": "soon"}) == (
        400, 'field "wait" must be int or float',
    )  # fmt: skip


async def test_an_unknown_field_is_refused_with_the_fields_the_route_takes(post, office):
    status, description = await post(
        f"/chats/{office.chat_id}/messages", {"user_id": office.ravi["id"], "text": "hi", "reply_to_message_id": 3}
    )
    assert status == 400
    assert description == (
        'unknown field "reply_to_message_id": POST /chats/{chat_id}/messages takes entities, reply_to, text, user_id'
    )
    assert await post(f"/chats/{office.chat_id}/members/{office.ravi['id']}/leave", {"by": 1}) == (
        400, 'unknown field "by": POST /chats/{chat_id}/members/{user_id}/leave takes no fields',
    )  # fmt: skip


async def test_a_null_field_takes_its_default(post, office):
    status, message = await post(
        f"/chats/{office.chat_id}/messages", {"user_id": office.ravi["id"], "text": "hi", "reply_to": None}
    )
    assert status == 200 and "reply_to_message" not in message


async def test_a_document_comes_as_base64_json_or_as_a_form(post, client, office):
    documents = f"/chats/{office.chat_id}/documents"
    encoded = base64.b64encode(b"%PDF-1.4 order").decode()
    as_json = {"user_id": office.ravi["id"], "file_name": "a.pdf", "content_base64": encoded}
    status, sent = await post(documents, as_json)
    assert status == 200
    assert await client.file_content(sent["document"]["file_id"]) == b"%PDF-1.4 order"
    assert await post(documents, {"user_id": office.ravi["id"], "file_name": "a.pdf", "content_base64": "%%"}) == (
        400, 'field "content_base64" is not valid base64',
    )  # fmt: skip
    assert await post(documents, {"user_id": office.ravi["id"], "file_name": "a.pdf", "content": "x"}) == (
        400, 'send "content" as "content_base64" (base64) or as a multipart form\'s "file"',
    )  # fmt: skip
    form = aiohttp.FormData({"user_id": str(office.ravi["id"])})
    form.add_field("file", b"12,34\n", filename="survey.csv", content_type="text/csv")
    status, sent = await post(documents, form=form)
    assert (status, sent["document"]["file_name"], sent["document"]["mime_type"]) == (200, "survey.csv", "text/csv")
    bad = aiohttp.FormData({"user_id": "ravi"})
    bad.add_field("file", b"x", filename="x.txt")
    assert await post(documents, form=bad) == (400, 'field "user_id" must be int')
    assert await post(documents, form=aiohttp.FormData({"user_id": "1", "caption": "no file"})) == (
        400, 'the form has no "file" part',
    )  # fmt: skip


def test_every_action_is_a_client_method_and_every_client_action_is_listed():
    exposed = {value.action for value in vars(SandboxClient).values() if isinstance(value, Remote)}
    defined = {value for value in vars(user_actions).values() if isinstance(value, Action)}
    assert exposed == defined == set(user_actions.ACTIONS)
    assert len(user_actions.ACTIONS) == 20


def test_client_methods_keep_the_signatures_tests_call():
    client = SandboxClient("http://127.0.0.1:1")
    assert str(inspect.signature(client.send_message)) == (
        "(chat_id: int, user_id: int, text: str, *, reply_to: int | None = None, entities: list | None = None)"
    )
    assert str(inspect.signature(client.press_button)) == (
        "(chat_id: int, message_id: int, user_id: int, callback_data: str, *, wait: float = 5.0, forged: bool = False)"
    )
    assert str(inspect.signature(client.leave)) == "(chat_id: int, user_id: int)"
    assert client.send_message.__doc__ == user_actions.send_message.__doc__


def test_readme_lists_every_action_with_its_fields():
    rows = {
        match[1]: match[2]
        for match in re.finditer(r"^\| `POST ([^`]+)` \|([^|]*)\|", README.read_text(encoding="utf-8"), re.MULTILINE)
    }
    for each in user_actions.ACTIONS:
        assert each.path in rows, f"sandbox/README.md has no row for POST {each.path}"
        listed = set(re.findall(r"`(\w+)\??`", rows[each.path]))
        for param in each.body_params:
            name = param.base64_name if param is each.upload else param.name
            assert name in listed, f"the README row of POST {each.path} does not name {name}"


def test_an_action_the_control_api_cannot_carry_is_refused_where_it_is_written():
    def tagged(world: World, chat_id: int, tags: set[str]) -> None:
        """Tags travel as no JSON type the control API reads."""

    with pytest.raises(TypeError, match="cannot carry parameter tags"):
        action("/chats/{chat_id}/tags", view=lambda world, result: True)(tagged)
    with pytest.raises(TypeError, match="its path names \\['message_id'\\]"):
        action("/chats/{chat_id}/messages/{message_id}/tag", view=lambda world, result: True)(tagged)
