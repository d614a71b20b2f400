"""Webhook mode: updates posted by Telegram are stored before the bot answers 200."""

from __future__ import annotations

import socket

import aiohttp
import pytest

from bot.runner import running_bot
from storage import messages
from tests.conftest import eventually, make_settings

SECRET = "webhook-secret_123"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _group_message_update(update_id: int, chat_id: int, message_id: int, text: str) -> dict:
    return {
        "update_id": update_id,
        "message": {
            "message_id": message_id,
            "date": 1764300000,
            "chat": {"id": chat_id, "type": "supergroup", "title": "District Valsad"},
            "from": {"id": 4242, "is_bot": False, "first_name": "Pooja"},
            "text": text,
        },
    }


@pytest.fixture
async def webhook_bot(tmp_path, sandbox, clock):
    port = _free_port()
    settings = make_settings(
        tmp_path,
        sandbox,
        webhook_url="https://samvad.example.gujarat.gov.in/hook",
        webhook_secret=SECRET,
        webhook_listen="127.0.0.1",
        webhook_port=port,
    )
    async with running_bot(settings, clock=clock) as running:
        yield running, f"http://127.0.0.1:{port}/hook"


async def test_the_bot_registers_its_webhook_with_the_secret(webhook_bot, sandbox):
    async with aiohttp.ClientSession() as session:
        async with session.get(f"{sandbox.api_base_url}700000001:TEST-samvad-token-do-not-log/getWebhookInfo") as response:
            info = (await response.json())["result"]
    assert info["url"] == "https://samvad.example.gujarat.gov.in/hook"
    assert "chat_join_request" in info["allowed_updates"]


async def test_a_webhook_update_with_the_secret_is_stored_once(webhook_bot):
    running, url = webhook_bot
    update = _group_message_update(9001, -100777, 5, "Cyclone shelters in Umbergaon are ready.")
    async with aiohttp.ClientSession() as session:
        for _ in range(2):  # Telegram may post the same update again
            async with session.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}) as response:
                assert response.status == 200
    stored = await eventually(lambda: messages.get_message(running.services.db, -100777, 5))
    assert stored.original_text == "Cyclone shelters in Umbergaon are ready."
    await running.ingress.idle()
    assert await messages.count_messages(running.services.db, chat_id=-100777) == 1


async def test_a_webhook_call_without_the_secret_is_refused_and_not_stored(webhook_bot):
    running, url = webhook_bot
    update = _group_message_update(9002, -100778, 6, "forged")
    async with aiohttp.ClientSession() as session:
        async with session.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "wrong"}) as response:
            assert response.status == 403
        async with session.post(url, data=b"not json", headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}) as response:
            assert response.status == 400
    await running.ingress.idle()
    assert await messages.count_messages(running.services.db, chat_id=-100778) == 0


async def test_a_deeply_nested_webhook_body_is_refused_as_malformed_and_the_bot_goes_on(webhook_bot):
    running, url = webhook_bot
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET, "Content-Type": "application/json"}
    depth = 100_000
    nested = b'{"update_id": 9003, "message": ' + b"[" * depth + b"]" * depth + b"}"
    later = _group_message_update(9004, -100779, 7, "Relief camps open at 6 pm.")
    other_malformed = [
        b'{"update_id": ' + b"9" * 5000 + b"}",  # beyond Python's digit limit for int()
        b'{"update_id": 1e400}',  # a float (infinity), not an update id
        b'{"update_id": 9005, "message": "\xff\xfe"}',  # not UTF-8
        b"\xff\xfe\x00not utf-8",
    ]
    async with aiohttp.ClientSession() as session:
        for body in (nested, *other_malformed):
            async with session.post(url, data=body, headers=headers) as response:
                assert response.status == 400, body[:40]
                assert "expected one Telegram Update as JSON" in await response.text()
        async with session.post(url, json=later, headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}) as response:
            assert response.status == 200
    stored = await eventually(lambda: messages.get_message(running.services.db, -100779, 7))
    assert stored.original_text == "Relief camps open at 6 pm."


async def test_the_bot_in_webhook_mode_answers_and_records_what_the_sandbox_posts_to_it(webhook_bot, client):
    running, url = webhook_bot
    await client.forward_webhook(url)  # the operator's HTTPS proxy, in the sandbox
    collector = await client.create_user("Rajesh", last_name="Patel", phone="+919426240001")
    mamlatdar = await client.create_user("Vikram", last_name="Jadeja", phone="+919426240003")
    chat = await client.create_group("District Valsad", creator_id=collector["id"], member_ids=[mamlatdar["id"]])
    await client.add_bot(chat["id"], added_by=collector["id"])
    # The bot's introduction answers the my_chat_member update, which reached it by webhook.
    await client.wait_for_bot_message(chat["id"], contains="/bind")
    posted = await client.send_message(chat["id"], mamlatdar["id"], "Cyclone shelters in Umbergaon are ready.")
    stored = await eventually(lambda: messages.get_message(running.services.db, chat["id"], posted["message_id"]))
    assert stored.original_text == "Cyclone shelters in Umbergaon are ready."
    assert stored.sender_id == mamlatdar["id"]
    await client.wait_until_idle()
    assert await client.pending_updates() == 0


async def test_several_instances_behind_a_proxy_each_answer_after_storing_and_store_each_update_once(
    tmp_path, sandbox, clock
):
    """Two instances share one database; the proxy sends each update to either (a retry to the other one)."""
    from contextlib import AsyncExitStack

    ports = [_free_port(), _free_port()]
    async with AsyncExitStack() as stack:
        instances = []
        for name, port in zip(("hook-a", "hook-b"), ports, strict=True):
            settings = make_settings(
                tmp_path, sandbox, webhook_url="https://samvad.example.gujarat.gov.in/hook", webhook_secret=SECRET,
                webhook_listen="127.0.0.1", webhook_port=port, shared_database=True, instance_id=name,
            )
            instances.append(await stack.enter_async_context(running_bot(settings, clock=clock)))
        assert [bot.instance.role.value for bot in instances] == ["worker", "worker"]
        chats = (-100801, -100802)
        async with aiohttp.ClientSession() as session:
            for number in range(40):
                chat_id = chats[number % 2]
                update = _group_message_update(9100 + number, chat_id, 10 + number, f"Relief boats sent: {number}")
                targets = ports if number % 5 == 0 else [ports[number % 3 % 2]]  # every fifth posted to both
                for port in targets:
                    async with session.post(f"http://127.0.0.1:{port}/hook", json=update,
                                            headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}) as response:
                        assert response.status == 200
                        # 200 means committed: the other instance's connection reads it at once.
                        other = instances[1 - ports.index(port)].services.db
                        assert await other.fetchone("SELECT 1 FROM inbox WHERE update_id = ?", (9100 + number,))
        for bot in instances:
            await bot.ingress.idle()
        db = instances[0].services.db
        for index, chat_id in enumerate(chats):
            await eventually(lambda chat_id=chat_id: _all_in(db, chat_id, 20), timeout=15)
            ids = await messages.message_ids(db, chat_id)
            assert sorted(ids) == [10 + number for number in range(index, 40, 2)]
        for bot in instances:
            await bot.ingress.idle()
        waiting = await db.fetchone("SELECT COUNT(*) AS n FROM inbox WHERE processed_at IS NULL")
        assert waiting["n"] == 0, "an update was left unhandled"


async def _all_in(db, chat_id: int, expected: int) -> bool:
    return len(await messages.message_ids(db, chat_id)) >= expected
