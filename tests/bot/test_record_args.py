"""The record's command and button arguments: clear usage for anything malformed, never an exception."""

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from zoneinfo import ZoneInfo

from handlers.record_args import (
    ExportChoice,
    UsageError,
    export_choice,
    incident_command,
    log_count,
    range_of,
    search_words,
    typed_export,
)

IST = ZoneInfo("Asia/Kolkata")


@given(st.lists(st.text(max_size=20), max_size=4))
def test_log_count_never_raises_anything_but_usage(args):
    try:
        assert 1 <= log_count(args) <= 50
    except UsageError as error:
        assert "/log [N]" in str(error)


@given(st.text(max_size=200))
def test_incident_arguments_never_raise_anything_but_usage(text):
    try:
        command = incident_command(text)
    except UsageError as error:
        assert str(error)
    else:
        assert command.action in {"open", "close"}


@given(st.text(max_size=200))
def test_typed_export_options_never_raise_anything_but_usage(text):
    try:
        typed = typed_export(text)
    except UsageError as error:
        assert "csv, jsonl or html" in str(error) or "/export" in str(error)
    else:
        assert typed.fmt in {"csv", "jsonl", "html"}


@given(st.text(max_size=80))
def test_export_buttons_never_raise_anything_but_usage(data):
    try:
        export_choice(data)
    except UsageError as error:
        assert "send /export again" in str(error)


@given(st.text(max_size=300))
def test_search_words_never_raise_anything_but_usage(text):
    try:
        assert search_words(text)
    except UsageError as error:
        assert "/search WORDS" in str(error)


@given(
    st.one_of(st.none(), st.integers(-10**15, 10**15)),
    st.one_of(st.none(), st.integers(0, 10**9)),
    st.one_of(st.none(), st.sampled_from(["t", "7", "30", "m", "pm"])),
    st.one_of(st.none(), st.sampled_from(["csv", "jsonl", "html"])),
    st.one_of(st.none(), st.booleans()),
)
def test_export_buttons_round_trip_within_telegrams_64_bytes(chat_id, incident_id, range_code, fmt, unmasked):
    choice = ExportChoice(chat_id, incident_id, range_code, fmt, unmasked)
    data = choice.encode()
    assert len(data.encode()) <= 64
    assert export_choice(data) == choice


@pytest.mark.parametrize(
    ("text", "action", "name", "districts"),
    [
        ("open Cyclone-Biparjoy Kutch Devbhumi-Dwarka", "open", "Cyclone-Biparjoy", ("Kutch", "Devbhumi Dwarka")),
        ('open "Cyclone Biparjoy" kachchh', "open", "Cyclone Biparjoy", ("Kutch",)),
        ("open Flood કચ્છ वलसाड", "open", "Flood", ("Kutch", "Valsad")),
        ("close", "close", None, ()),
        ("close Flood", "close", "Flood", ()),
    ],
)
def test_incident_commands(text, action, name, districts):
    assert incident_command(text) == (type(incident_command(text)))(action, name, districts)


@pytest.mark.parametrize("text", ["", "open", "shut Flood", "open Flood Atlantis", "close a b"])
def test_malformed_incident_commands_get_usage(text):
    with pytest.raises(UsageError):
        incident_command(text)


def test_typed_exports():
    typed = typed_export("Kutch 2025-01-01 31/01/2025 html")
    assert (typed.group, str(typed.first), str(typed.last), typed.fmt, typed.unmasked) == (
        "Kutch", "2025-01-01", "2025-01-31", "html", False)
    assert typed_export("incident Cyclone jsonl unmasked").unmasked is True
    with pytest.raises(UsageError, match="Cannot read the date"):
        typed_export("Kutch 2025-02-30 2025-03-01 csv")
    with pytest.raises(UsageError, match="Unknown format"):
        typed_export("Kutch 2025-01-01 2025-01-31 pdf")


def test_last_month_runs_from_its_first_to_its_last_day():
    start, end = range_of("pm", datetime(2025, 3, 10, 6, 0, tzinfo=UTC), IST)
    assert start.isoformat() == "2025-02-01T00:00:00+05:30"
    assert end.isoformat() == "2025-03-01T00:00:00+05:30"


@pytest.mark.parametrize(
    ("args", "expected"),
    [("", (5, None)), ("3", (3, None)), ("Kutch", (5, "Kutch")), ("7 district Kutch", (7, "district Kutch")),
     ("Kutch 2", (2, "Kutch"))],
)
def test_a_private_log_takes_a_count_and_a_group_in_either_order(args, expected):
    from handlers.record_args import private_log_request

    assert private_log_request(args.split()) == expected


@pytest.mark.parametrize("args", ["0", "51", "3 4 Kutch"])
def test_a_private_log_with_a_bad_count_says_how_to_write_it(args):
    from handlers.record_args import private_log_request

    with pytest.raises(UsageError, match=r"/log \[N\] \[GROUP\]"):
        private_log_request(args.split())


@pytest.mark.parametrize(
    ("args", "expected"),
    [("", (None, False)), ("html", (None, True)), ("Cyclone-Biparjoy", ("Cyclone-Biparjoy", False)),
     ("Cyclone Biparjoy HTML", ("Cyclone Biparjoy", True))],
)
def test_sitrep_takes_a_name_and_html(args, expected):
    from handlers.record_args import sitrep_request

    assert sitrep_request(args) == expected
