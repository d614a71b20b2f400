"""Telegram misbehaving: 429s, 500s, slow answers and dropped connections.

After each, every message is recorded exactly once and every reply that was due arrives.
"""

from __future__ import annotations

import pytest

from bot.runner import running_bot
from storage import messages
from tests.conftest import eventually, make_settings


async def _groups_with_bot(client, count: int) -> tuple[list[dict], dict]:
    collector = await client.create_user("Arvind", last_name="Nair", phone="+919426250001")
    member = await client.create_user("Pooja", last_name="Bhatt", phone="+919426250002")
    chats = []
    for number in range(count):
        chat = await client.create_group(f"District {number}", creator_id=collector["id"], member_ids=[member["id"]])
        await client.add_bot(chat["id"], added_by=collector["id"])
        chats.append(chat)
    return chats, member


async def _introduced(client, chats) -> None:
    """Wait for the bot's introduction in each group, so the faults meet only the burst."""
    for chat in chats:
        await client.wait_for_bot_message(chat["id"], contains="/bind")


async def _post_burst(client, chats, member, *, per_chat: int, help_every: int) -> tuple[dict, list[tuple[int, int]]]:
    """Post per_chat messages in each chat; every help_every-th is /help. Returns texts and (chat, help id)."""
    posted: dict[tuple[int, int], str] = {}
    helps: list[tuple[int, int]] = []
    for number in range(per_chat):
        for chat in chats:
            text = "/help" if number % help_every == 0 else f"Gauge reading {number} at {chat['title']}"
            message = await client.send_message(chat["id"], member["id"], text)
            posted[(chat["id"], message["message_id"])] = text
            if text == "/help":
                helps.append((chat["id"], message["message_id"]))
    return posted, helps


async def _assert_recorded_once_and_answered(client, running, posted, helps, *, timeout=30.0):
    db = running.services.db

    async def all_recorded():
        for (chat_id, message_id), text in posted.items():
            stored = await messages.get_message(db, chat_id, message_id)
            if stored is None or stored.original_text != text:
                return False
        return True

    await eventually(all_recorded, timeout=timeout)

    async def all_answered():
        for chat_id, message_id in helps:
            replies = [
                m for m in await client.bot_messages(chat_id)
                if m.get("reply_to_message", {}).get("message_id") == message_id
            ]
            if not replies:
                return False
        return True

    await eventually(all_answered, timeout=timeout)
    # Idle means every update confirmed, which takes the poller's next getUpdates: after a run of 500s it backs
    # off 2, 4, 8, 16 s (bot/ingress.py), longer than wait_until_idle's default of 5 s.
    await client.wait_until_idle(timeout=40.0)
    await running.ingress.idle()
    for chat_id in {chat_id for chat_id, _ in posted}:
        ids = await messages.message_ids(db, chat_id)
        assert len(ids) == len(set(ids))
        users_posts = [key for key in posted if key[0] == chat_id]
        assert {message_id for _, message_id in users_posts} <= set(ids)


@pytest.mark.parametrize(
    "faults",
    [
        pytest.param({"rate_limit": True, "global_per_second": 3, "group_per_minute": 20, "retry_after": 1}, id="429-rate-limit"),
        pytest.param({"error_500_rate": 0.3, "seed": 7}, id="500s"),
        pytest.param({"drop_rate": 0.25, "seed": 13}, id="dropped-connections"),
    ],
)
async def test_every_message_is_recorded_once_and_every_reply_arrives_despite_faults(client, bot, faults):
    chats, member = await _groups_with_bot(client, 3)
    await _introduced(client, chats)
    await client.set_faults(**faults)
    posted, helps = await _post_burst(client, chats, member, per_chat=8, help_every=3)
    await _assert_recorded_once_and_answered(client, bot, posted, helps)
    stats = await client.stats()
    triggered = sum(stats["errors"].values()) + sum(stats["dropped"].values())
    assert triggered > 0, "the faults were never triggered: the test proved nothing"


async def test_answers_slower_than_the_client_timeout_are_retried(client, tmp_path, sandbox, clock):
    settings = make_settings(tmp_path, sandbox, request_timeout=0.5)
    chats, member = await _groups_with_bot(client, 2)
    await client.set_faults(slow_rate=0.4, slow_seconds=1.0, methods=["sendMessage"], seed=3)
    async with running_bot(settings, clock=clock) as running:
        posted, helps = await _post_burst(client, chats, member, per_chat=6, help_every=2)
        await _assert_recorded_once_and_answered(client, running, posted, helps)
