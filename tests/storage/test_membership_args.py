import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storage.membership_args import ArgumentError, BindTarget, TransferOrder, parse_bind, parse_transfer


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("state", BindTarget("state", "")),
        ("State", BindTarget("state", "")),
        ("hod land-records", BindTarget("hod", "land-records")),
        ("hod Land Records", BindTarget("hod", "land-records")),
        ("hod registration", BindTarget("hod", "registration")),
        ("HoD IGR", BindTarget("hod", "registration")),
        ("district Kutch", BindTarget("district", "Kutch")),
        ("district Kachchh", BindTarget("district", "Kutch")),
        ("district  chhota   udepur", BindTarget("district", "Chhota Udaipur")),
        ("Kutch", BindTarget("district", "Kutch")),
        ("land-records", BindTarget("hod", "land-records")),
    ],
)
def test_bind_targets_in_the_ways_admins_write_them(text, target):
    assert parse_bind(text) == target


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "say which group"),
        ("state Kutch", "nothing after"),
        ("hod", "land-records or registration"),
        ("hod revenue", "not an HoD office"),
        ("district", "name the district"),
        ("district Bombay", "not one of Gujarat's districts"),
        ("taluka Bhuj", "not a level"),
    ],
)
def test_bad_bind_targets_get_a_reason_and_the_usage(text, words):
    error = parse_bind(text)
    assert isinstance(error, ArgumentError)
    assert words in error.reason
    assert "/bind district" in error.usage


@pytest.mark.parametrize(
    ("text", "order"),
    [
        ("mamlatdar-bhuj 9825011111", TransferOrder("mamlatdar-bhuj", "+919825011111", None)),
        ("mamlatdar-bhuj +91 98250 11111 Amit Shah", TransferOrder("mamlatdar-bhuj", "+919825011111", "Amit Shah")),
        ("Collector-Kutch 098250-11111 A. K. Das", TransferOrder("collector-kutch", "+919825011111", "A. K. Das")),
    ],
)
def test_transfer_orders_with_numbers_written_with_spaces(text, order):
    assert parse_transfer(text) == order


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "post id and its new official number"),
        ("mamlatdar-bhuj", "post id and its new official number"),
        ("mamlatdar-bhuj Amit Shah", "not a mobile number"),
        ("mamlatdar-bhuj 12345 Amit", "10 digits"),
        ("mamlatdar-bhuj +44 7700 900123", "not an Indian number"),
        ("??? 9825011111", "not a post id"),
    ],
)
def test_bad_transfer_orders_get_a_reason_and_the_usage(text, words):
    error = parse_transfer(text)
    assert isinstance(error, ArgumentError)
    assert words in error.reason
    assert error.usage.startswith("/transfer")


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_the_bind_parser_answers_any_text_without_raising(text):
    assert isinstance(parse_bind(text), BindTarget | ArgumentError)


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_the_transfer_parser_answers_any_text_without_raising(text):
    assert isinstance(parse_transfer(text), TransferOrder | ArgumentError)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["hod", "district", "state", "+91", "98250", "11111", "kutch", "x", "-", "()"]),
                max_size=6))
def test_the_parsers_answer_plausible_word_salad_without_raising(words):
    text = " ".join(words)
    assert isinstance(parse_bind(text), BindTarget | ArgumentError)
    assert isinstance(parse_transfer(text), TransferOrder | ArgumentError)
