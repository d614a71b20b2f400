import pytest

from storage.phones import InvalidMobileNumber, display_mobile, is_mobile, normalise_mobile


@pytest.mark.parametrize(
    ("written", "e164"),
    [
        ("9426210001", "+919426210001"),
        ("09426210001", "+919426210001"),
        ("+919426210001", "+919426210001"),
        ("919426210001", "+919426210001"),
        ("00919426210001", "+919426210001"),
        ("+91 94262 10001", "+919426210001"),
        ("+91-94262-10001", "+919426210001"),
        ("094262-10001", "+919426210001"),
        ("(+91) 94262 10001", "+919426210001"),
        ("  94262.10001 ", "+919426210001"),
        ("+91 9426 210 001", "+919426210001"),
        ("6351234567", "+916351234567"),
        ("7012345678", "+917012345678"),
        ("8123456789", "+918123456789"),
        ("9123456789", "+919123456789"),  # ten digits that happen to start with 91
        ("91 9123456789", "+919123456789"),
        ("+91\u00a09426210001", "+919426210001"),  # a no-break space from a spreadsheet
    ],
)
def test_the_ways_indians_write_a_mobile_number_all_normalise_to_e164(written, e164):
    assert normalise_mobile(written) == e164
    assert is_mobile(written)


@pytest.mark.parametrize(
    "written",
    [
        "",
        "   ",
        "12345",
        "94262 1000",  # nine digits
        "94262 100011",  # eleven digits
        "5426210001",  # starts with 5
        "0426210001",
        "+91 1426210001",
        "+92 3001234567",  # Pakistan
        "+1 415 555 0100",
        "+44 7700 900123",
        "9426x10001",
        "+91 94262 1OOO1",  # letter O for zero
        "++919426210001",
        "९४२६२१०००१",  # Devanagari digits
        "0000000000",
        "+91 +91 9426210001",
    ],
)
def test_what_is_not_an_indian_mobile_number_is_refused_with_a_reason(written):
    with pytest.raises(InvalidMobileNumber) as caught:
        normalise_mobile(written)
    assert caught.value.reason
    assert not is_mobile(written)


def test_a_number_is_displayed_in_the_groups_people_read():
    assert display_mobile("+919426210001") == "+91 94262 10001"
    assert display_mobile("+14155550100") == "+14155550100"
