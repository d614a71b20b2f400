"""The console in a real browser: headless Chromium (Debian's) driven by Playwright, the real bot behind it.

Each test plays what a visitor would do and asserts what appears on the page.
"""

from __future__ import annotations

import asyncio
import os
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import aiohttp
import pytest

from bot.demo.world import seed_demo_world, verify_and_bind
from bot.sandbox_console import BotMemberAnnotations
from bot.sandbox_mode import import_demo_roster, label_demo_people
from bot.tour import AADHAAR_POST, END_CAPTION, INSTRUCTION
from sandbox.server import SandboxServer
from tests.conftest import TOKEN

try:
    from playwright.async_api import Page, async_playwright, expect
except ImportError:  # reported by _require_browser, which skips or fails
    async_playwright = None

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
# Playwright's own browser download cannot work here; Debian's chromium needs these to run headless as root.
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run",
]  # fmt: skip
LAPTOP = {"width": 1280, "height": 800}
PHONE_WIDTH = 380
BOT_REACTION_MS = 8_000
CONTROL_TOKEN = "console-browser-control-token"
VISITOR_ZONE = "America/New_York"


def _require_browser() -> None:
    missing = []
    if not CHROMIUM.exists():
        missing.append("Debian's chromium (as root: apt-get install -y chromium fonts-noto-core)")
    if async_playwright is None:
        missing.append('Playwright for Python (pip install -e ".[test]")')
    if not missing:
        return
    message = "the browser test needs " + " and ".join(missing)
    if os.environ.get("SAMVAD_REQUIRE_BROWSER") == "1":
        pytest.fail(message + " (SAMVAD_REQUIRE_BROWSER=1 makes it required)")
    pytest.skip(message)


# -- the world: the demo seeded in the sandbox, the real bot, the bot's view lent to the console ----


@pytest.fixture
def annotations() -> BotMemberAnnotations:
    return BotMemberAnnotations()


@pytest.fixture
async def sandbox(annotations):
    # With a control token, as a sandbox reachable from other machines has: every call the page makes must carry it.
    async with SandboxServer(token=TOKEN, member_annotations=annotations, control_token=CONTROL_TOKEN) as server:
        yield server


@pytest.fixture
async def demo(sandbox, client):
    world = await seed_demo_world(client)
    label_demo_people(sandbox, world)
    return world


@pytest.fixture
async def samvad(bot, annotations, demo, settings, client):
    """The real bot on the demo world, as `samvad sandbox` runs it: roster imported, groups bound, officers verified."""
    annotations.db = bot.services.db
    await import_demo_roster(settings)
    await verify_and_bind(client, demo)
    yield bot
    annotations.db = None


@pytest.fixture
async def page(sandbox, demo, request):
    _require_browser()
    errors: list[str] = []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        try:
            # The visitor's browser is not in India: the console must still show the bot's time, IST.
            context = await browser.new_context(viewport=LAPTOP, timezone_id=VISITOR_ZONE)
            opened = await context.new_page()
            opened.on("pageerror", lambda error: errors.append(str(error)))
            await opened.goto(sandbox.console_url)
            await expect(opened.locator("body")).to_have_attribute("data-ready", "true")
            await opened.evaluate("window.samvadTestMarker = 'not reloaded'")
            yield opened
            await _screenshot(opened, request.node.name)
        finally:
            await browser.close()
    assert errors == [], f"the console's script failed: {errors}"


async def _screenshot(page: Page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    await page.screenshot(path=str(path))
    return path


# -- steps, as a person would take them ------------------------------------------------


async def be(page: Page, name: str) -> None:
    await page.locator("#people-list .person", has_text=name).click()
    await expect(page.locator("#chats-heading")).to_have_text(f"Chats of {name}")


async def open_chat(page: Page, title: str) -> None:
    await page.locator("#chat-list .chat-item").filter(has=page.locator(".name", has_text=title)).click()
    await expect(page.locator("#chat-title")).to_contain_text(title)


async def type_and_send(page: Page, text: str) -> None:
    box = page.locator("#composer-text")
    await box.fill(text)
    await box.press("Enter")
    await expect(page.locator("#messages .message.mine", has_text=text).last).to_be_visible()


def bot_messages(page: Page, has_text: str | None = None):
    return page.locator("#messages .message.from-bot", has_text=has_text)


async def still_the_same_page(page: Page) -> bool:
    return await page.evaluate("window.samvadTestMarker") == "not reloaded"


# -- what works now ----------------------------------------------------------------------


async def test_switch_person_send_and_see_the_bots_reply_arrive(page, samvad, client, demo):
    await be(page, "Vikram Jadeja")
    await open_chat(page, "Samvad (private chat)")
    await expect(bot_messages(page, "Verified").first).to_be_visible()  # his verification, when the demo began
    await type_and_send(page, "/help")
    welcome = bot_messages(page, "Samvad runs the Revenue Department")
    await expect(welcome).to_be_visible(timeout=BOT_REACTION_MS)
    await expect(welcome.locator(".quote")).to_contain_text("/help")

    await be(page, "Rajesh Patel")  # one click, and the Collector's chats are listed
    await open_chat(page, "District Kutch")
    await type_and_send(page, "/help")
    reply = bot_messages(page, "tamper-evident log")
    await expect(reply).to_be_visible(timeout=BOT_REACTION_MS)
    await expect(reply.locator(".quote")).to_contain_text("/help")
    await expect(reply.locator(".command", has_text="/help").first).to_be_visible()  # entities render: tappable commands
    assert await still_the_same_page(page)

    kutch = demo.group("district Kutch").chat_id
    shown = await client.bot_messages(kutch)
    assert any("tamper-evident log" in message["text"] for message in shown)  # the page shows what the sandbox holds
    await _screenshot(page, "console-laptop")


async def test_at_phone_width_one_panel_shows_and_nothing_overflows(page, samvad):
    await page.set_viewport_size({"width": PHONE_WIDTH, "height": 760})
    await page.get_by_role("button", name="People").click()
    await be(page, "Hetal Gohil")
    await expect(page.locator("#people")).to_be_hidden()  # picking a person moves on to her chats
    await open_chat(page, "District Kutch")
    await expect(page.locator("#chats")).to_be_hidden()
    await expect(page.locator("#composer-text")).to_be_visible()
    await type_and_send(page, "ભુજ તાલુકામાં ૧૨ આશ્રયસ્થાન તૈયાર છે। भुज में राहत शिविर तैयार हैं।")
    assert await page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
    await page.get_by_role("button", name="Back to chats").click()
    await expect(page.locator("#chat-list")).to_be_visible()
    await _screenshot(page, "console-phone")


async def test_the_newcomer_asks_to_join_and_the_members_panel_shows_him_waiting(page, samvad, client, demo):
    kutch = demo.group("district Kutch")
    await be(page, "Dinesh Parmar")
    asking = page.locator("#other-groups li", has_text="District Kutch")
    await asking.get_by_role("button", name="Ask to join").click()
    await expect(asking).to_contain_text("request pending")
    assert [r["from"]["id"] for r in await client.join_requests(kutch.chat_id)] == [demo.newcomer.user_id]

    await be(page, "Rajesh Patel")
    await open_chat(page, "District Kutch")
    await page.locator("#members-toggle").click()
    panel = page.locator("#members-panel")
    rajesh = panel.locator(f'tr[data-user-id="{demo.person("collector-kutch").user_id}"]')
    await expect(rajesh).to_contain_text("creator")
    await expect(rajesh).to_contain_text("✓ verified: District Collector, Kutch")  # the bot's roster, beside Telegram's
    await expect(panel.locator(f'tr[data-user-id="{samvad.application.bot.id}"]')).to_contain_text("administrator")
    await expect(panel).to_contain_text("Bound as district Kutch.")
    await expect(panel).to_contain_text("Asked to join")
    await expect(panel.locator("li", has_text="Dinesh Parmar")).to_be_visible()


async def test_the_console_shows_formatting_edits_deletions_buttons_and_contact_sharing(page, sandbox, client, demo):
    """The sandbox alone (no bot running): Bot API calls stand in for the bot, to show every rendering."""
    kutch = demo.group("district Kutch").chat_id
    dinesh = demo.newcomer
    async with aiohttp.ClientSession() as session:
        api = _BotApi(session, f"{sandbox.api_base_url}{TOKEN}")
        await api.call("getUpdates", {"offset": -1, "timeout": 0})
        await api.call("sendMessage", {
            "chat_id": kutch, "parse_mode": "HTML",
            "text": "<b>Cyclone drill</b> at <i>11 am</i>; see <a href=\"https://revenuedepartment.gujarat.gov.in\">the plan</a>",
            "reply_markup": {"inline_keyboard": [[{"text": "Acknowledge", "callback_data": "ack:drill"}]]},
        })  # fmt: skip

        await be(page, "Vikram Jadeja")
        await open_chat(page, "District Kutch")
        drill = bot_messages(page, "Cyclone drill")
        await expect(drill.locator("strong")).to_have_text("Cyclone drill")
        await expect(drill.locator("em")).to_have_text("11 am")
        await expect(drill.locator("a")).to_have_attribute("href", "https://revenuedepartment.gujarat.gov.in")

        await drill.get_by_role("button", name="Reply").click()
        await type_and_send(page, "Meeting at 4 pm")
        mine = page.locator("#messages .message.mine", has_text="Meeting at 4 pm")
        await expect(mine.locator(".quote")).to_contain_text("Cyclone drill")
        await mine.get_by_role("button", name="Edit").click()
        box = page.locator("#composer-text")
        await box.fill("Meeting at 5 pm")
        await box.press("Enter")
        edited = page.locator("#messages .message.mine", has_text="Meeting at 5 pm")
        await expect(edited.locator(".tag")).to_have_text("edited")
        sent = [m for m in await client.messages(kutch) if m.get("text") == "Meeting at 5 pm"]
        await api.call("deleteMessage", {"chat_id": kutch, "message_id": sent[0]["message_id"]})
        await expect(edited).to_have_class(re.compile(r"\bdeleted\b"))
        await expect(edited.locator(".deleted-tag")).to_have_text("deleted")

        await drill.get_by_role("button", name="Acknowledge").click()
        query = await api.next_update("callback_query")
        assert (query["from"]["id"], query["data"]) == (demo.person("mamlatdar-bhuj").user_id, "ack:drill")
        await api.call("answerCallbackQuery", {"callback_query_id": query["id"], "text": "Acknowledged"})
        await expect(page.locator(".toast", has_text="Acknowledged")).to_be_visible()

        await be(page, "Dinesh Parmar")
        await open_chat(page, "Samvad (private chat)")
        await page.get_by_role("button", name="Start").click()
        await api.next_update("message")
        await api.call("sendMessage", {
            "chat_id": dinesh.user_id, "text": "Share your number to verify.",
            "reply_markup": {"keyboard": [[{"text": "Share my contact", "request_contact": True}]], "one_time_keyboard": True},
        })  # fmt: skip
        await page.locator("#reply-keyboard").get_by_role("button", name="Share my contact").click()
        digits = "".join(c for c in dinesh.phone if c.isdigit())  # as Telegram sends one's own number
        await expect(page.locator("#messages .contact-card")).to_contain_text(digits)
        await expect(page.locator("#reply-keyboard")).to_be_hidden()  # one-time keyboards go once used
        update = await api.next_update("message")
        assert update["contact"]["user_id"] == dinesh.user_id  # his own contact, as the share button sends it
        assert update["contact"]["phone_number"] == digits

        link = await api.call("createChatInviteLink", {"chat_id": kutch, "creates_join_request": True})
        await api.call("sendMessage", {"chat_id": dinesh.user_id, "text": f"Your link: {link['invite_link']}"})
        await page.locator("#messages a.invite-link").click()  # opening it asks to join, as the link requires
        await expect(page.locator(".toast", has_text="Dinesh Parmar asked to join")).to_be_visible()
        assert [r["from"]["id"] for r in await client.join_requests(kutch)] == [dinesh.user_id]


async def test_a_member_posting_an_aadhaar_number_sees_the_warning_arrive(page, samvad):
    await be(page, "Vikram Jadeja")
    await open_chat(page, "District Kutch")
    await type_and_send(page, AADHAAR_POST)
    warning = bot_messages(page, "Aadhaar")
    await expect(warning).to_be_visible(timeout=BOT_REACTION_MS)
    assert await still_the_same_page(page)
    await _screenshot(page, "console-warning")


async def test_a_mamlatdar_acknowledges_the_collectors_instruction_with_its_button(page, samvad, client, demo):
    await be(page, "Rajesh Patel")
    await open_chat(page, "District Kutch")
    await type_and_send(page, INSTRUCTION)
    recorded = bot_messages(page, "Recorded as an instruction")
    await expect(recorded).to_be_visible(timeout=BOT_REACTION_MS)
    await expect(recorded.locator(".quote")).to_contain_text(INSTRUCTION[:40])
    await expect(recorded.locator("strong")).to_be_visible()  # the due time, in bold

    await be(page, "Vikram Jadeja")
    await recorded.get_by_role("button", name=re.compile("Acknowledge")).click()
    await expect(page.locator(".toast", has_text="Acknowledged for Mamlatdar, Bhuj")).to_be_visible(timeout=BOT_REACTION_MS)
    await _screenshot(page, "console-acknowledged")


async def test_the_newcomer_shares_his_contact_with_the_bots_button_and_gets_an_answer(page, samvad):
    await be(page, "Dinesh Parmar")
    await open_chat(page, "Samvad (private chat)")
    await page.get_by_role("button", name="Start").click()
    share = page.locator("#reply-keyboard button.share-contact")
    await expect(share).to_be_visible(timeout=BOT_REACTION_MS)
    await expect(share).to_contain_text("Share my number")
    await share.click()
    answer = bot_messages(page, "is not in the Revenue Department's roster")
    await expect(answer).to_be_visible(timeout=BOT_REACTION_MS)
    await expect(page.locator("#reply-keyboard")).to_be_hidden()  # the bot removed its keyboard
    await _screenshot(page, "console-share-contact")


class _BotApi:
    """Bot API calls made by the test in the bot's place, for the sandbox-only rendering test."""

    def __init__(self, session: aiohttp.ClientSession, base: str) -> None:
        self.session = session
        self.base = base
        self.offset = 0

    async def call(self, method: str, params: dict) -> object:
        async with self.session.post(f"{self.base}/{method}", json=params) as response:
            body = await response.json()
        assert body["ok"], body
        return body["result"]

    async def next_update(self, kind: str) -> dict:
        async with asyncio.timeout(10):
            while True:
                for update in await self.call("getUpdates", {"offset": self.offset, "timeout": 5}):
                    self.offset = update["update_id"] + 1
                    if kind in update:
                        return update[kind]


async def test_a_member_uploads_a_scanned_list_and_the_photo_is_removed_with_a_warning(page, samvad, tmp_path):
    from attachments import ocr_available
    from bot.demo.scan import beneficiary_scan

    if not ocr_available():
        pytest.skip("Tesseract with eng+guj+hin missing: apt-get install tesseract-ocr tesseract-ocr-guj tesseract-ocr-hin")
    scan = tmp_path / "beneficiaries.jpg"
    scan.write_bytes(beneficiary_scan())
    await be(page, "Vikram Jadeja")
    await open_chat(page, "District Kutch")
    await page.locator("#file-input").set_input_files(str(scan))
    await expect(page.locator(".toast", has_text="sent a photo")).to_be_visible(timeout=BOT_REACTION_MS)
    warning = bot_messages(page, "your file was removed from the group")
    await expect(warning).to_be_visible(timeout=3 * BOT_REACTION_MS)
    await expect(warning).to_contain_text("an Aadhaar number")
    await expect(page.locator("#messages .message.mine.deleted").last).to_be_visible()
    assert await still_the_same_page(page)
    await _screenshot(page, "console-scanned-list")


async def test_without_its_token_the_console_shows_how_to_get_in_and_nothing_of_the_world(sandbox, demo):
    _require_browser()
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        try:
            opened = await (await browser.new_context(viewport=LAPTOP)).new_page()
            response = await opened.goto(sandbox.console_url.partition("?")[0])
            assert response.status == 401
            await expect(opened.locator("body")).to_contain_text("console?token=")
            assert "Rajesh" not in await opened.content()
        finally:
            await browser.close()


async def test_message_times_are_shown_in_ist_and_say_so_whatever_the_browsers_zone(page, client, demo):
    kutch = demo.group("district Kutch").chat_id
    sent = await client.send_message(kutch, demo.person("collector-kutch").user_id, "Control room staffed from 6 pm")
    await be(page, "Rajesh Patel")
    await open_chat(page, "District Kutch")
    ist = datetime.fromtimestamp(sent["date"], timezone(timedelta(hours=5, minutes=30)))
    shown = page.locator(f'#messages .message[data-message-id="{sent["message_id"]}"] time')
    await expect(shown).to_have_text(f"{ist:%H:%M} IST")
    assert await page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone") == VISITOR_ZONE


async def test_switching_to_someone_not_in_the_open_group_opens_her_own_group(page, demo):
    await be(page, "Rajesh Patel")
    await open_chat(page, "District Kutch")
    await be(page, "Meera Desai")  # the state admin: not in District Kutch
    await expect(page.locator("#chat-title")).to_contain_text("State Coordination")
    await expect(page.locator("#blocked-bar")).to_be_hidden()
    await be(page, "Vikram Jadeja")  # a Mamlatdar, not in the State group either
    await expect(page.locator("#chat-title")).to_contain_text("District Kutch")
    await be(page, "Hetal Gohil")  # in District Kutch too: the group stays open
    await expect(page.locator("#chat-title")).to_contain_text("District Kutch")


async def test_the_tours_last_caption_names_no_side_and_is_gone_after_a_reload(page, client):
    assert "left" not in END_CAPTION and "right" not in END_CAPTION  # a phone shows one panel at a time
    await client.console_caption("A step of the tour", step=7, total=7)
    await client.console_caption(END_CAPTION, kind="end")
    await expect(page.locator("#caption-text")).to_have_text(END_CAPTION)
    await page.reload()
    await expect(page.locator("body")).to_have_attribute("data-ready", "true")
    await expect(page.locator("#caption")).to_be_hidden()
