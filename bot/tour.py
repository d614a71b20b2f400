"""The guided tour: a short cyclone-day scenario acted by the demo people, with captions in the console.

The tour only acts as people (through SandboxClient) and reports what the bot
visibly did in answer. It never stands in for the bot: a feature this build
lacks shows up as "no reaction", said plainly.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.demo.scan import beneficiary_scan
from bot.demo.world import DemoGroup, DemoPerson, DemoWorld
from sandbox.client import SandboxClient, SandboxError

Say = Callable[[str], None]

CYCLONE_WARNING = (
    "⚠️ Cyclone warning: IMD expects a severe cyclonic storm to cross the Kutch coast within 48 hours."
    " All Collectors: open the district control rooms now and keep relief shelters ready.\n"
    "ચક્રવાત ચેતવણી: તમામ કલેક્ટરશ્રીઓ જિલ્લા કંટ્રોલ રૂમ તાત્કાલિક શરૂ કરે."
)
INSTRUCTION = (
    "All Mamlatdars: send the list of relief shelters in your taluka, with their capacity, by 6 pm today."
)
ACK_BY_REPLY = "Noted sir"
ACK_IN_GUJARATI = "જી સાહેબ"
# Said on a laptop and a phone alike, so it names the panel's heading, not where the panel is.
END_CAPTION = "That was the tour. Pick anyone under “Be someone” and try it yourself."
# A made-up number with a valid Verhoeff check digit, so that the filter recognises it as Aadhaar.
AADHAAR_POST = "Relief payment pending for Ramesh Solanki of Kera village, Aadhaar 4671 3528 9026. Please release."
EXPORT_COMMAND = "/export"
INCIDENT_NAME = "Cyclone-Biparjoy"
OPEN_INCIDENT = f"/incident open {INCIDENT_NAME} Kutch"
SITREP_COMMAND = f"/sitrep {INCIDENT_NAME} html"
TOTAL_STEPS = 8
SCAN_CAPTION = "Beneficiary list for relief payment"


@dataclass(frozen=True)
class Pace:
    """How long the tour lingers: before acting, and waiting for the bot's reaction (to a photo, `reading`: the
    photo is read by OCR in a worker at the lowest CPU priority, seconds on a quiet machine, much longer on a busy
    one; the sitrep pulled at the end counts its flag only once it is read)."""

    pause: float = 4.0
    reaction: float = 8.0
    reading: float = 24.0


class Tour:
    """One playing of the tour."""

    def __init__(self, client: SandboxClient, world: DemoWorld, *, pace: Pace = Pace(), say: Say | None = None) -> None:
        self.client = client
        self.world = world
        self.pace = pace
        self.say = say or (lambda text: None)
        self.state = world.group("state")
        self.kutch = world.group("district Kutch")
        self.acs = world.person("acs-revenue")
        self.relief = world.person("relief-commissioner")
        self.collector = world.person("collector-kutch")
        self.mamlatdar_bhuj = world.person("mamlatdar-bhuj")
        self.mamlatdar_mandvi = world.person("mamlatdar-mandvi")
        self.prant = world.person("prant-bhuj")
        self.newcomer = world.newcomer
        self.instruction_id: int | None = None

    async def play(self) -> None:
        """Every step in order, each with its caption and what came of it."""
        steps: list[Callable[[int], Awaitable[None]]] = [
            self.cyclone_warning, self.instruction, self.acknowledge_by_button, self.acknowledge_by_reply,
            self.aadhaar_number, self.scanned_list, self.newcomer_asks_to_join, self.pull_sitrep,
        ]  # fmt: skip
        assert len(steps) == TOTAL_STEPS, "the captions count the steps"
        for number, step in enumerate(steps, start=1):
            try:
                await step(number)
            except SandboxError as error:
                await self.outcome(f"This step could not be played: {error.description}")
            await self.settle()
            await _sleep(self.pace.pause)
        await self.caption(END_CAPTION, kind="end")

    # -- the steps ----------------------------------------------------------

    async def cyclone_warning(self, number: int) -> None:
        await self.caption(
            f"{self.acs.name}, {self.acs.designation}, warns the State group of a cyclone and opens the incident"
            f" {INCIDENT_NAME} over Kutch. Samvad keeps every message in its tamper-evident record.",
            number, self.state, self.acs,
        )  # fmt: skip
        posted = await self.post(self.state, self.acs, CYCLONE_WARNING)
        await self.report_reply(self.state, posted, expected=None)
        await self.client.send_message(self.acs.user_id, self.acs.user_id, OPEN_INCIDENT)  # tags what follows

    async def instruction(self, number: int) -> None:
        await self.caption(
            f"{self.collector.name}, the Collector, instructs the Mamlatdars with a deadline."
            " Samvad records it as an instruction and attaches an Acknowledge button.",
            number, self.kutch, self.collector,
        )  # fmt: skip
        posted = await self.post(self.kutch, self.collector, INSTRUCTION)
        self.instruction_id = posted["message_id"]
        await self.report_reply(self.kutch, posted, expected="attach an Acknowledge button to instructions")

    async def acknowledge_by_button(self, number: int) -> None:
        await self.caption(
            f"{self.mamlatdar_bhuj.name} ({self.mamlatdar_bhuj.designation}) acknowledges with the button.",
            number, self.kutch, self.mamlatdar_bhuj,
        )  # fmt: skip
        found = await self.acknowledge_button()
        if found is None:
            await self.outcome("There is no Acknowledge button to press: this build does not track instructions yet.")
            return
        message, data = found
        await _sleep(self.pace.pause / 2)
        try:
            answer = await self.client.press_button(
                self.kutch.chat_id, message["message_id"], self.mamlatdar_bhuj.user_id, data, wait=self.pace.reaction
            )
        except TimeoutError:
            await self.outcome(f"Samvad did not answer the press within {self.pace.reaction:g} s.")
            return
        shown = answer.get("text") or "(no text)"
        await self.outcome(f"Samvad answered the press: “{shown}”")

    async def acknowledge_by_reply(self, number: int) -> None:
        await self.caption(
            f"{self.mamlatdar_mandvi.name} acknowledges by replying “{ACK_BY_REPLY}”, and"
            f" {self.prant.name} in Gujarati, “{ACK_IN_GUJARATI}”. A reply counts as an acknowledgement too.",
            number, self.kutch, self.mamlatdar_mandvi,
        )  # fmt: skip
        first = await self.post(self.kutch, self.mamlatdar_mandvi, ACK_BY_REPLY, reply_to=self.instruction_id)
        await _sleep(self.pace.pause / 2)
        await self.post(self.kutch, self.prant, ACK_IN_GUJARATI, reply_to=self.instruction_id)
        await self.report_reply(self.kutch, first, expected=None)

    async def aadhaar_number(self, number: int) -> None:
        await self.caption(
            f"{self.mamlatdar_bhuj.name} posts a beneficiary's Aadhaar number in the group. The circular forbids"
            " personal data in these groups: Samvad removes it and warns him, citing the clause.",
            number, self.kutch, self.mamlatdar_bhuj,
        )  # fmt: skip
        posted = await self.post(self.kutch, self.mamlatdar_bhuj, AADHAAR_POST)
        reply = await self.bot_message_after(self.kutch.chat_id, posted["message_id"])
        deleted = posted["message_id"] in await self.client.deleted_message_ids(self.kutch.chat_id)
        if reply is None and not deleted:
            await self.outcome(
                f"No warning came within {self.pace.reaction:g} s: this build does not warn about personal data yet."
            )
            return
        done = ["removed the message"] if deleted else []
        if reply is not None:
            done.append(f"said: “{_short(reply)}”")
        await self.outcome("Samvad " + " and ".join(done))

    async def scanned_list(self, number: int) -> None:
        person = self.mamlatdar_mandvi
        await self.caption(
            f"{person.name} posts a photo of a scanned beneficiary list with Aadhaar numbers, typing none of them."
            " Samvad reads the photo (OCR in English, Gujarati and Hindi), removes it and warns her.",
            number, self.kutch, person,
        )  # fmt: skip
        posted = await self.client.send_photo(
            self.kutch.chat_id, person.user_id, content=beneficiary_scan(), caption=SCAN_CAPTION
        )
        # Reading a photo takes a few seconds more than a text message.
        reply = await self.bot_message_after(self.kutch.chat_id, posted["message_id"], timeout=self.pace.reading)
        deleted = posted["message_id"] in await self.client.deleted_message_ids(self.kutch.chat_id)
        if reply is None and not deleted:
            await self.outcome(
                f"No warning came within {self.pace.reading:g} s: this build does not read photos yet."
            )
            return
        done = ["removed the photo"] if deleted else []
        if reply is not None:
            done.append(f"said: “{_short(reply)}”")
        await self.outcome("Samvad " + " and ".join(done))

    async def newcomer_asks_to_join(self, number: int) -> None:
        person = self.newcomer
        await self.caption(
            f"{person.name}, who holds no post, asks to join the District Kutch group. Samvad holds the request"
            " and asks him, in his private chat, to verify his official number.",
            number, person.user_id, person,
        )  # fmt: skip
        before = await self.latest_message_id(person.user_id)
        await self.client.request_join(self.kutch.chat_id, person.user_id)
        reply = await self.bot_message_after(person.user_id, before)
        pending = {request["from"]["id"] for request in await self.client.join_requests(self.kutch.chat_id)}
        held = "His request is still waiting" if person.user_id in pending else "His request is no longer pending"
        if reply is None:
            await self.outcome(
                f"{held}. Samvad did not write to him within {self.pace.reaction:g} s:"
                " this build does not gate join requests yet."
            )
        else:
            await self.outcome(f"{held}. Samvad wrote to him: “{_short(reply)}”")

    async def pull_sitrep(self, number: int) -> None:
        person = self.relief
        opened = any(m.get("from", {}).get("id") == person.user_id for m in await self.client.messages(person.user_id))
        if not opened:
            await self.client.start_bot(person.user_id)  # she opens her private chat with Samvad
            await self.settle()
        await self.caption(
            f"{person.name}, the {person.designation}, coordinates the cyclone for the state. She is no group admin,"
            f" but the roster makes her post the state's disaster coordinator: in her private chat she pulls the"
            f" situation report with charts, {SITREP_COMMAND}. She may also {EXPORT_COMMAND} (masked), /search,"
            " /log and /pending for the incident's groups. Try one: it is in the box below; press Send.",
            number, person.user_id, person, suggest=SITREP_COMMAND,
        )  # fmt: skip
        before = await self.latest_message_id(person.user_id)
        await self.client.send_message(person.user_id, person.user_id, SITREP_COMMAND)
        # Drawing the charts takes a few seconds (the first report also loads the charting library).
        reply = await self.bot_message_after(person.user_id, before + 1, timeout=self.pace.reaction * 4)
        if reply is None:
            await self.outcome(f"Samvad sent her nothing within {self.pace.reaction:g} s.")
        elif "document" in reply:
            await self.outcome(f"Samvad sent her the report as a file, {reply['document'].get('file_name', 'HTML')}:"
                               " open it in any browser.")
        else:
            await self.outcome(f"Samvad answered her: “{_short(reply)}”")

    # -- helpers ---------------------------------------------------------------

    async def caption(
        self,
        text: str,
        number: int | None = None,
        chat: DemoGroup | int | None = None,
        person: DemoPerson | None = None,
        *,
        kind: str = "step",
        suggest: str | None = None,
    ) -> None:
        chat_id = chat.chat_id if isinstance(chat, DemoGroup) else chat
        self.say(f"[tour {number}/{TOTAL_STEPS}] {text}" if number else f"[tour] {text}")
        await self.client.console_caption(
            text, step=number, total=TOTAL_STEPS if number else None, chat_id=chat_id,
            user_id=person.user_id if person else None, suggest=suggest, kind=kind,
        )  # fmt: skip
        if kind == "step":
            await _sleep(self.pace.pause / 2)

    async def settle(self) -> None:
        """Let the bot finish with this step before the next one starts (a busy bot only delays it)."""
        try:
            await self.client.wait_until_idle(timeout=self.pace.reaction + 5, quiet=0.3)
        except TimeoutError:
            pass

    async def outcome(self, text: str) -> None:
        self.say(f"        {text}")
        await self.client.console_caption(text, kind="outcome")

    async def post(self, group: DemoGroup, person: DemoPerson, text: str, *, reply_to: int | None = None) -> dict:
        return await self.client.send_message(group.chat_id, person.user_id, text, reply_to=reply_to)

    async def report_reply(self, group: DemoGroup, posted: dict, *, expected: str | None) -> None:
        """Say what the bot posted in answer; when something was expected and nothing came, say that."""
        patience = self.pace.reaction if expected is not None else min(2.0, self.pace.reaction)
        reply = await self.bot_message_after(group.chat_id, posted["message_id"], timeout=patience)
        if reply is not None:
            await self.outcome(f"Samvad posted: “{_short(reply)}”")
        elif expected is not None:
            await self.outcome(
                f"Samvad posted nothing within {self.pace.reaction:g} s: this build does not {expected} yet."
            )

    async def bot_message_after(self, chat_id: int, after: int, *, timeout: float | None = None) -> dict | None:
        try:
            return await self.client.wait_for_bot_message(
                chat_id, after_message_id=after, timeout=self.pace.reaction if timeout is None else timeout
            )
        except TimeoutError:
            return None

    async def latest_message_id(self, chat_id: int) -> int:
        try:
            messages = await self.client.messages(chat_id)
        except SandboxError:
            return 0
        return messages[-1]["message_id"] if messages else 0

    async def acknowledge_button(self) -> tuple[dict, str] | None:
        """The first button the bot put under a message after the instruction, with its callback data."""
        if self.instruction_id is None:
            return None
        for message in await self.client.bot_messages(self.kutch.chat_id):
            if message["message_id"] < self.instruction_id or message.get("deleted"):
                continue
            for row in message.get("reply_markup", {}).get("inline_keyboard", []):
                for button in row:
                    if "callback_data" in button:
                        return message, button["callback_data"]
        return None


async def play_tour(
    base_url: str, world: DemoWorld, *, pace: Pace = Pace(), say: Say | None = None, control_token: str | None = None
) -> None:
    """Play the tour once against the sandbox at base_url."""
    async with SandboxClient(base_url, control_token=control_token) as client:
        await Tour(client, world, pace=pace, say=say).play()


def _short(message: dict, limit: int = 140) -> str:
    text = " ".join((message.get("text") or message.get("caption") or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


async def _sleep(seconds: float) -> None:
    if seconds > 0:
        await asyncio.sleep(seconds)
