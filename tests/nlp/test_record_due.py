"""Due times in English, Gujarati and Hindi, read against a fixed moment: Monday 20 Jan 2025, 09:30 IST."""

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from zoneinfo import ZoneInfo

from nlp.record import parse_due

IST = ZoneInfo("Asia/Kolkata")
NOW = datetime(2025, 1, 20, 9, 30, tzinfo=IST)


def _due(text):
    found = parse_due(text, now=NOW, zone=IST)
    return None if found is None else found.at.strftime("%Y-%m-%d %H:%M")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Send the rainfall report by 5 pm", "2025-01-20 17:00"),
        ("Send the rainfall report by 5:30 p.m.", "2025-01-20 17:30"),
        ("Review meeting tomorrow 11 am in the Collectorate", "2025-01-21 11:00"),
        ("Submit compliance by 21/01/2025", "2025-01-21 18:00"),
        ("Submit compliance by 21-01-2025 before 3 pm", "2025-01-21 15:00"),
        ("VC at 15:30 hrs today", "2025-01-20 15:30"),
        ("Report by 1700 hrs", "2025-01-20 17:00"),
        ("Send by 10 am", "2025-01-20 10:00"),
        ("Send by 9 am", "2025-01-21 09:00"),  # 9 am has passed: the next one
        ("Meeting on Friday at 4", "2025-01-24 16:00"),
        ("Details by Monday", "2025-01-27 18:00"),
        ("Programme on 26th January at 9 am", "2025-01-26 09:00"),
        ("Jan 25, 2025 by noon", "2025-01-25 12:00"),
        ("Reply within 2 hours", "2025-01-20 11:30"),
        ("Send by EOD", "2025-01-20 18:00"),
        ("Attend the VC by 5", "2025-01-20 17:00"),
    ],
)
def test_english_due_times(text, expected):
    assert _due(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("સાંજે ૫ વાગ્યા સુધી રિપોર્ટ મોકલો", "2025-01-20 17:00"),
        ("આવતીકાલે સવારે ૧૧ વાગ્યે બેઠક", "2025-01-21 11:00"),
        ("કાલે બપોરે ૩ વાગ્યા સુધીમાં માહિતી મોકલવી", "2025-01-21 15:00"),
        ("તા. ૨૧/૦૧/૨૦૨૫ સુધીમાં વિગત મોકલો", "2025-01-21 18:00"),
        ("સાડા ૪ વાગ્યે વીસી", "2025-01-20 16:30"),
        ("૨ કલાકમાં અહેવાલ મોકલો", "2025-01-20 11:30"),
        ("શુક્રવાર સુધી માહિતી મોકલો", "2025-01-24 18:00"),
        ("૨૫ જાન્યુઆરી સુધીમાં", "2025-01-25 18:00"),
        ("aaje sanje 6 vagye meeting", "2025-01-20 18:00"),
    ],
)
def test_gujarati_due_times(text, expected):
    assert _due(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("कल सुबह 11 बजे तक रिपोर्ट भेजें", "2025-01-21 11:00"),
        ("कल सुबह ११ बजे तक रिपोर्ट भेजें", "2025-01-21 11:00"),
        ("आज शाम 5 बजे तक जानकारी दें", "2025-01-20 17:00"),
        ("परसों दोपहर 2 बजे बैठक", "2025-01-22 14:00"),
        ("पौने 5 बजे तक", "2025-01-20 16:45"),
        ("2 घंटे में रिपोर्ट भेजें", "2025-01-20 11:30"),
        ("21/01/2025 तक विवरण भेजें", "2025-01-21 18:00"),
        ("25 जनवरी तक", "2025-01-25 18:00"),
        ("kal subah 11 baje tak report bhejein", "2025-01-21 11:00"),
    ],
)
def test_hindi_due_times(text, expected):
    assert _due(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Noted sir",
        "Please send 5 reports",
        "by 25 pm",
        "by 13 pm",
        "by 31/02/2025",
        "as per circular dated 21/01/2019",
        "૩૨/૦૧/૨૦૨૫ સુધી",
        "99:99",
        "within 0 hours",
    ],
)
def test_no_due_time_or_an_impossible_one_gives_none(text):
    assert _due(text) is None


def test_the_span_points_at_the_words_in_the_original_text():
    text = "સાંજે ૫ વાગ્યા સુધી રિપોર્ટ મોકલો"
    found = parse_due(text, now=NOW, zone=IST)
    assert text[found.start:found.end] == found.text == "સાંજે ૫ વાગ્યા"


def test_a_day_without_a_time_is_marked_as_such():
    assert parse_due("by 21/01/2025", now=NOW, zone=IST).time_stated is False
    assert parse_due("by 5 pm", now=NOW, zone=IST).time_stated is True


@given(st.text(max_size=200))
def test_the_parser_never_raises_and_answers_in_the_zone(text):
    found = parse_due(text, now=NOW, zone=IST)
    if found is not None:
        assert found.at.tzinfo is not None
        assert 0 <= found.start <= found.end <= len(text)
