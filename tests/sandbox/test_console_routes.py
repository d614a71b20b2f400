"""The console's page and files, and its routes, without a browser: what a browser would be sent."""

from __future__ import annotations

import asyncio
import json
import re
from dataclasses import dataclass
from importlib import resources

import aiohttp
import pytest

from sandbox.client import SandboxClient, SandboxError
from sandbox.console_routes import STATIC_FILES
from sandbox.server import SandboxServer

TOKEN = "123456:SANDBOX-token"


@dataclass
class Office:
    """A supergroup with the bot as administrator (as the `office` fixture makes)."""

    asha: dict
    ravi: dict
    chat_id: int


async def _get(url: str, **options):
    """(status, content type, body, headers) of a GET."""
    async with aiohttp.ClientSession() as session:
        async with session.get(url, **options) as response:
            return response.status, response.content_type, await response.read(), response.headers


async def test_the_console_page_is_html_that_loads_its_own_script_and_styles(server):
    status, content_type, body, headers = await _get(server.console_url)
    page = body.decode("utf-8")
    assert status == 200
    assert content_type == "text/html"
    assert headers["Content-Type"].endswith("charset=utf-8")
    assert '<script src="/console/console.js"' in page
    assert '<link rel="stylesheet" href="/console/console.css">' in page
    assert 'name="viewport"' in page  # phones render it at their own width


async def test_the_server_root_leads_to_the_console(server):
    status, _, _, headers = await _get(server.base_url + "/", allow_redirects=False)
    assert status == 302
    assert headers["Location"] == "/console"


@pytest.mark.parametrize(
    ("name", "content_type"),
    [("console.css", "text/css"), ("console.js", "text/javascript"), ("screenshot.png", "image/png")],
)
async def test_each_console_file_is_served_with_its_content_type(server, name, content_type):
    status, served_type, body, _ = await _get(f"{server.base_url}/console/{name}")
    assert status == 200
    assert served_type == content_type
    assert body == resources.files("sandbox.console").joinpath(name).read_bytes()


@pytest.mark.parametrize("name", ["nothing.js", "__init__.py", "..%2Fserver.py", "%2E%2E%2Fclient.py"])
async def test_other_names_under_console_are_not_found(server, name):
    status, _, body, _ = await _get(f"{server.base_url}/console/{name}")
    assert status == 404
    assert b"import" not in body


def test_the_console_reaches_nothing_outside_the_sandbox():
    """No CDN, no web fonts: every address in the page, styles and script is the sandbox's own."""
    folder = resources.files("sandbox.console")
    page = folder.joinpath("index.html").read_text(encoding="utf-8")
    styles = folder.joinpath("console.css").read_text(encoding="utf-8")
    script = folder.joinpath("console.js").read_text(encoding="utf-8")
    assert re.findall(r'(?:src|href)="(?!/console/|data:|#)[^"]*"', page) == []
    assert "@import" not in styles and "url(" not in styles
    fetched = re.findall(r'(?:fetch|EventSource)\(\s*["`]([^"`]+)', script) + re.findall(r'api\("\w+", [`"]([^`"]+)', script)
    assert fetched, "the script's requests were not found; has the script changed shape?"
    assert [address for address in fetched if not address.startswith("/sandbox/")] == []


def test_every_console_file_is_listed_for_serving():
    folder = resources.files("sandbox.console")
    shipped = {item.name for item in folder.iterdir() if not item.name.startswith(("__", "."))}
    assert shipped == set(STATIC_FILES)


# -- the members panel ---------------------------------------------------------------


async def test_without_the_bot_the_members_panel_shows_telegram_statuses_only(client, office: Office):
    await client.request_join(office.chat_id, (await client.create_user("Dinesh"))["id"])
    panel = await client.console_members(office.chat_id)
    statuses = {row["user"]["first_name"]: row["status"] for row in panel["members"]}
    assert statuses == {"Asha": "creator", "Ravi": "member", "Samvad": "administrator"}
    assert panel["annotated"] is False
    assert "Telegram statuses only" in panel["note"]
    assert all("verified" not in row for row in panel["members"])
    assert [request["user"]["first_name"] for request in panel["join_requests"]] == ["Dinesh"]
    assert panel["missing_posts"] == []


async def test_members_who_left_or_were_restricted_show_that_status(client, raw, office: Office):
    await raw.ok("restrictChatMember", {
        "chat_id": office.chat_id, "user_id": office.ravi["id"], "permissions": {"can_send_messages": False},
    })  # fmt: skip
    leaver = await client.create_user("Kamal")
    await client.add_member(office.chat_id, leaver["id"], added_by=office.asha["id"])
    await client.leave(office.chat_id, leaver["id"])
    panel = await client.console_members(office.chat_id)
    rows = {row["user"]["first_name"]: row for row in panel["members"]}
    assert rows["Ravi"]["status"] == "restricted" and rows["Ravi"]["present"] is True
    assert rows["Kamal"]["status"] == "left" and rows["Kamal"]["present"] is False


def _annotations_for(office: Office, calls: list[int]):
    async def annotations(chat_id: int) -> dict:
        calls.append(chat_id)
        return {
            "roster": True,
            "binding": "district Kutch",
            "accounts": {
                office.asha["id"]: [{"post_id": "collector-kutch", "label": "District Collector, Kutch"}],
                office.ravi["id"]: [{"post_id": "collector-valsad", "label": "District Collector, Valsad"}],
            },
            "posts": [
                {"post_id": "collector-kutch", "label": "District Collector, Kutch", "holder": "Asha Patel",
                 "user_id": office.asha["id"]},
                {"post_id": "mamlatdar-bhuj", "label": "Mamlatdar, Bhuj", "holder": "Vikram Jadeja", "user_id": None},
                {"post_id": "prant-bhuj", "label": "Prant Officer, Bhuj", "holder": "Sunita Chaudhary",
                 "user_id": 999_999},
            ],
        }  # fmt: skip

    return annotations


async def _office_on(server: SandboxServer) -> Office:
    async with SandboxClient(server.base_url) as client:
        asha = await client.create_user("Asha", last_name="Patel")
        ravi = await client.create_user("Ravi")
        group = await client.create_group("Mamlatdar Office", creator_id=asha["id"], member_ids=[ravi["id"]])
        await client.add_bot(group["id"], added_by=asha["id"])
        return Office(asha, ravi, group["id"])


async def test_the_bots_view_is_laid_over_telegram_statuses_when_given(spec):
    calls: list[int] = []
    office_holder: list[Office] = []

    async def annotations(chat_id: int) -> dict:
        return await _annotations_for(office_holder[0], calls)(chat_id)

    async with SandboxServer(token=TOKEN, spec=spec, member_annotations=annotations) as server:
        office = await _office_on(server)
        office_holder.append(office)
        async with SandboxClient(server.base_url) as client:
            panel = await client.console_members(office.chat_id)
    assert calls == [office.chat_id]
    assert panel["annotated"] is True and panel["note"] is None
    assert panel["binding"] == "district Kutch"
    rows = {row["user"]["first_name"]: row for row in panel["members"]}
    assert rows["Asha"]["verified"] is True and rows["Asha"]["posts"] == ["District Collector, Kutch"]
    assert rows["Asha"]["belongs"] is True
    assert rows["Ravi"]["verified"] is True and rows["Ravi"]["belongs"] is False  # a post of another group
    assert "verified" not in rows["Samvad"]
    missing = {post["post_id"]: post["why"] for post in panel["missing_posts"]}
    assert missing == {"mamlatdar-bhuj": "no verified account", "prant-bhuj": "verified, but not in the group"}


async def test_a_member_the_roster_does_not_know_is_not_verified(spec):
    async def annotations(chat_id: int) -> dict:
        return {"roster": True, "binding": None, "accounts": {}, "posts": []}

    async with SandboxServer(token=TOKEN, spec=spec, member_annotations=annotations) as server:
        office = await _office_on(server)
        async with SandboxClient(server.base_url) as client:
            panel = await client.console_members(office.chat_id)
    rows = {row["user"]["first_name"]: row for row in panel["members"]}
    assert rows["Ravi"]["verified"] is False and rows["Ravi"]["posts"] == []
    assert "belongs" not in rows["Ravi"]  # the group is not bound, so nobody belongs or not
    assert panel["binding"] is None


async def test_a_bot_without_a_roster_leaves_telegram_statuses_only(spec):
    async def annotations(chat_id: int) -> dict:
        return {}

    async with SandboxServer(token=TOKEN, spec=spec, member_annotations=annotations) as server:
        office = await _office_on(server)
        async with SandboxClient(server.base_url) as client:
            panel = await client.console_members(office.chat_id)
    assert panel["annotated"] is False
    assert panel["note"] == "the bot has no roster yet: Telegram statuses only"
    assert all("verified" not in row for row in panel["members"])


async def test_a_failing_provider_still_leaves_the_telegram_statuses(spec, caplog):
    async def annotations(chat_id: int) -> dict:
        raise LookupError("roster tables are missing")

    async with SandboxServer(token=TOKEN, spec=spec, member_annotations=annotations) as server:
        office = await _office_on(server)
        async with SandboxClient(server.base_url) as client:
            panel = await client.console_members(office.chat_id)
    assert [row["status"] for row in panel["members"]] == ["creator", "member", "administrator"]
    assert panel["note"] == "the bot's view could not be read (LookupError): Telegram statuses only"
    assert "roster tables are missing" in caplog.text


async def test_the_members_panel_is_for_groups(client, office: Office):
    await client.start_bot(office.ravi["id"])
    with pytest.raises(SandboxError) as private:
        await client.console_members(office.ravi["id"])
    with pytest.raises(SandboxError) as unknown:
        await client.console_members(-100123)
    assert private.value.status == 400
    assert "private chat, not a group" in private.value.description
    assert unknown.value.status == 404
    assert "does not exist" in unknown.value.description


# -- captions, labels and the tour -----------------------------------------------------


async def _first_event(server: SandboxServer, kind: str, act) -> dict:
    async with aiohttp.ClientSession() as session:
        async with session.get(server.base_url + "/sandbox/events") as response:
            await response.content.readline()  # ": connected"
            await act()
            async with asyncio.timeout(5):
                while True:
                    line = (await response.content.readline()).decode()
                    if line.startswith("data: "):
                        event = json.loads(line[len("data: "):])
                        if event["type"] == kind:
                            return event


async def test_a_caption_is_streamed_to_consoles_and_kept_for_latecomers(server, client):
    async def post_caption():
        await client.console_caption("A cyclone is coming.", step=1, total=7, chat_id=-100, user_id=5, suggest="/export")

    event = await _first_event(server, "caption", post_caption)
    assert event["text"] == "A cyclone is coming."
    assert (event["step"], event["total"], event["chat_id"], event["user_id"]) == (1, 7, -100, 5)
    assert event["suggest"] == "/export"
    info = await client.console_info()
    assert [caption["text"] for caption in info["captions"]] == ["A cyclone is coming."]


async def test_a_caption_of_an_unknown_kind_is_refused(client):
    with pytest.raises(SandboxError) as refused:
        await client.console_caption("?", kind="banner")
    assert refused.value.status == 400
    assert "kind" in refused.value.description


async def test_labels_set_in_process_are_shown_beside_names(server, client):
    server.console.label(700_000_002, "Mamlatdar, Bhuj")
    assert (await client.console_info())["labels"] == {"700000002": "Mamlatdar, Bhuj"}


async def test_without_a_tour_the_button_is_refused_with_how_to_get_one(client):
    assert (await client.console_info())["tour"] == {"available": False, "running": False}
    with pytest.raises(SandboxError) as refused:
        await client.start_tour()
    assert refused.value.status == 404
    assert "samvad sandbox" in refused.value.description


async def test_the_tour_plays_once_at_a_time_and_says_when_it_ends(spec):
    gate = asyncio.Event()
    plays = []

    async def tour() -> None:
        plays.append("played")
        await gate.wait()

    async with SandboxServer(token=TOKEN, spec=spec, tour=tour) as server:
        async with SandboxClient(server.base_url) as client:
            assert await client.start_tour() == "started"
            await asyncio.sleep(0)
            assert (await client.console_info())["tour"] == {"available": True, "running": True}
            with pytest.raises(SandboxError) as again:
                await client.start_tour()
            assert again.value.status == 409

            async def finish():
                gate.set()

            ended = await _first_event(server, "tour", finish)
            assert ended["running"] is False
            assert (await client.console_info())["tour"]["running"] is False
    assert plays == ["played"]


async def test_stopping_the_server_ends_a_tour_still_playing(spec):
    cancelled = asyncio.Event()

    async def tour() -> None:
        try:
            await asyncio.Event().wait()
        except asyncio.CancelledError:
            cancelled.set()
            raise

    server = SandboxServer(token=TOKEN, spec=spec, tour=tour)
    await server.start()
    async with SandboxClient(server.base_url) as client:
        await client.start_tour()
    await asyncio.sleep(0)
    await server.stop()
    assert cancelled.is_set()


# -- reply keyboards, which the apps show but the Bot API's Message does not carry ----------------


async def test_a_reply_keyboard_is_kept_for_the_console_and_not_returned_to_the_bot(client, raw, office: Office):
    await client.start_bot(office.ravi["id"])
    keyboard = {"keyboard": [[{"text": "Share my contact", "request_contact": True}]], "one_time_keyboard": True}
    sent = await raw.ok("sendMessage", {"chat_id": office.ravi["id"], "text": "Verify", "reply_markup": keyboard})
    removed = await raw.ok("sendMessage", {
        "chat_id": office.ravi["id"], "text": "Thanks", "reply_markup": {"remove_keyboard": True},
    })  # fmt: skip
    assert "reply_markup" not in sent and "reply_keyboard" not in sent
    records = {m["message_id"]: m for m in await client.messages(office.ravi["id"])}
    assert records[sent["message_id"]]["reply_keyboard"] == keyboard
    assert records[removed["message_id"]]["reply_keyboard"] == {"remove_keyboard": True}
    assert "reply_keyboard" not in records[1]  # the person's /start
