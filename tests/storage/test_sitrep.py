"""The situation report without a bot: figures against a hand count, and the HTML report's promises."""

import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from zoneinfo import ZoneInfo

from storage import incidents, instructions, journal, roster, sitrep, sitrep_html
from storage.backend import open_database
from storage.instructions import ResolvedAddressees
from tests.storage.records_helpers import KUTCH, T0, USER, VALSAD, post, seed

IST = ZoneInfo("Asia/Kolkata")
NOW = T0 + timedelta(hours=5)


@pytest.fixture
async def db(database_target):
    database = await open_database(database_target)
    async with database.transaction() as tx:
        await seed(tx)
    yield database
    await database.close()


async def _give(db, chat, message_id, author, post_ids, *, at, due=None):
    async with db.transaction() as tx:
        await post(tx, chat, message_id, USER[author], f"instruction {message_id}", at)
    posts = tuple([await roster.get_post(db, post_id) for post_id in post_ids])
    async with db.transaction() as tx:
        return await instructions.create(
            tx, chat_id=chat, message_id=message_id, author_id=USER[author], kind="disaster", due_at=due,
            due_text=None, addressees=ResolvedAddressees(posts, (), False), incident_id=None, at=at,
        )


async def _ack(db, instruction, post_id, at):
    async with db.transaction() as tx:
        await instructions.acknowledge(tx, instruction, user_id=USER[post_id], posts=[await roster.get_post(db, post_id)],
                                       how="button", message_id=None, at=at)


@pytest.fixture
async def cyclone(db):
    """A small incident, counted by hand below.

    Kutch: instruction 1 (T0+1h, due T0+3h) to the Mamlatdars of Bhuj and Mandvi; Bhuj acknowledges.
           instruction 2 (T0+2h, no due time) to the Prant Officer; nobody acknowledges. One flag at T0+2.5h.
    Valsad: instruction 3 (T0+1.5h, due T0+10h) to its Mamlatdar, who acknowledges. A flag before the incident.
    As of T0+5h: Kutch issued 2, owed 3, acknowledged 1, overdue 1 (Mandvi, past 3h), pending 1 (the Prant
    Officer, no due time), flags 1; Valsad issued 1, owed 1, acknowledged 1, overdue 0, pending 0, flags 0.
    """
    async with db.transaction() as tx:
        await journal.append(tx, kind="flag", chat_id=VALSAD, at=T0 - timedelta(hours=1), body={})
        opened = await incidents.open_incident(tx, name="Cyclone Biparjoy", chat_ids=[KUTCH, VALSAD], opened_by=None,
                                               at=T0)
    first = await _give(db, KUTCH, 201, "collector-kutch", ["mamlatdar-bhuj", "mamlatdar-mandvi"],
                        at=T0 + timedelta(hours=1), due=T0 + timedelta(hours=3))
    await _give(db, KUTCH, 202, "collector-kutch", ["prant-bhuj"], at=T0 + timedelta(hours=2))
    third = await _give(db, VALSAD, 301, "collector-valsad", ["mamlatdar-valsad"], at=T0 + timedelta(hours=1, minutes=30),
                        due=T0 + timedelta(hours=10))
    await _ack(db, first, "mamlatdar-bhuj", T0 + timedelta(hours=1, minutes=10))
    await _ack(db, third, "mamlatdar-valsad", T0 + timedelta(hours=2))
    async with db.transaction() as tx:
        await journal.append(tx, kind="flag", chat_id=KUTCH, at=T0 + timedelta(hours=2, minutes=30), body={})
    return opened


async def test_the_figures_match_a_hand_count(db, cyclone):
    report = await sitrep.build(db, cyclone, [KUTCH, VALSAD], now=NOW)
    figures = {g.district: (g.issued, g.owed, g.acknowledged, g.pending, g.overdue, g.flags) for g in report.groups}
    assert figures == {"Kutch": (2, 3, 1, 1, 1, 1), "Valsad": (1, 1, 1, 0, 0, 0)}
    kutch = report.groups[0]
    assert kutch.waiting == (("Mamlatdar, Mandvi", 1), ("Prant Officer, Bhuj", 1)) and kutch.rate == "33%"
    assert [(m.group, m.state) for m in report.timeline] == [
        ("Kutch", "overdue"), ("Valsad", "acknowledged"), ("Kutch", "pending"),
    ]


class _Tables(HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows, self._row, self._cell = [], None, None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._row is not None:
            self._row.append(self._cell.strip())
            self._cell = None
        elif tag == "tr":
            self.rows.append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data


async def test_the_html_report_shows_the_hand_counted_figures(db, cyclone):
    html = sitrep_html.render(await sitrep.build(db, cyclone, [KUTCH, VALSAD], now=NOW), zone=IST)
    parser = _Tables()
    parser.feed(html)
    table = parser.rows[:3]
    assert table == [
        ["District", "Instructions issued", "Acknowledged", "Pending", "Overdue", "Flags"],
        ["Kutch", "2", "1 of 3 (33%)", "1", "1", "1"],
        ["Valsad", "1", "1 of 1 (100%)", "0", "0", "0"],
    ]
    assert "Opened 20 Jan 2025, 09:30 IST, open. As of 20 Jan 2025, 14:30 IST." in html


async def test_the_html_report_has_no_script_and_fetches_nothing(db, cyclone):
    html = sitrep_html.render(await sitrep.build(db, cyclone, [KUTCH, VALSAD], now=NOW), zone=IST)
    assert "<script" not in html.lower() and "javascript:" not in html.lower()
    assert not re.search(r"\bon[a-z]+\s*=", html), "no event handler attributes"
    assert not re.search(r"<(link|img|iframe|object|embed)\b", html, flags=re.IGNORECASE)
    assert not re.search(r"@import|url\((?!#)", html), "no stylesheet or image fetched"
    assert not re.search(r"(?:href|src)\s*=\s*[\"'](?!#)", html), "only links inside the page"
    # The only URLs are SVG's namespace names, which a browser never fetches.
    urls = re.findall(r"(\S*)=?\"?(https?://[^\s\"']+)", html)
    assert {url for _, url in urls} <= {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}
    assert all(attribute.startswith("xmlns") for attribute, _ in urls)


async def test_the_html_report_inlines_svg_charts_naming_the_districts(db, cyclone):
    html = sitrep_html.render(await sitrep.build(db, cyclone, [KUTCH, VALSAD], now=NOW), zone=IST)
    charts = re.findall(r"<svg\b.*?</svg>", html, flags=re.DOTALL)
    assert len(charts) == 2, "the status bars and the timeline"
    for chart in charts:
        texts = " ".join(re.findall(r"<text\b[^>]*>([^<]*)</text>", chart))
        assert "Kutch" in texts and "Valsad" in texts
    assert "acknowledged" in charts[0] and "overdue" in charts[0]


async def test_a_closed_incident_is_reported_over_its_window(db, cyclone):
    async with db.transaction() as tx:
        closed = await incidents.close_incident(tx, cyclone, closed_by=None, at=T0 + timedelta(hours=1, minutes=45))
    report = await sitrep.build(db, closed, [KUTCH, VALSAD], now=NOW)
    figures = {g.district: (g.issued, g.flags) for g in report.groups}
    assert figures == {"Kutch": (1, 0), "Valsad": (1, 0)}
    assert "closed 20 Jan 2025, 11:15 IST" in sitrep_html.render(report, zone=IST)
