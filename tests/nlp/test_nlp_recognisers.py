"""Each identifier recogniser: valid numbers, invalid check digits, look-alikes, allowlists."""
from __future__ import annotations

import pytest

from nlp.normalise import normalise
from nlp.recognisers import (
    AadhaarRecogniser,
    Allowlist,
    BankAccountRecogniser,
    EmailRecogniser,
    MobileRecogniser,
    PanRecogniser,
    PassportRecogniser,
    Validity,
    VoterIdRecogniser,
    build_recognisers,
    find_identifiers,
    verhoeff_check_digit,
    verhoeff_valid,
)

VALID_AADHAAR = "234567890124"  # 23456789012 + Verhoeff check digit 4
WRONG_CHECK = "234567890125"


def codes(text: str, allowlist: Allowlist = Allowlist()) -> list[tuple[str, float]]:
    found = find_identifiers(build_recognisers(allowlist), normalise(text).text)
    return [(f.reason_code, f.score) for f in found]


@pytest.mark.parametrize(
    "number, valid",
    [
        ("2363", True),  # the textbook Verhoeff example: 236 + check digit 3
        ("2364", False),
        (VALID_AADHAAR, True),
        (WRONG_CHECK, False),
    ],
)
def test_verhoeff_check(number, valid):
    assert verhoeff_valid(number) is valid


def test_verhoeff_check_digit_completes_a_valid_number():
    assert verhoeff_check_digit("23456789012") == "4"
    assert verhoeff_check_digit("236") == "3"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Aadhaar no. 2345 6789 0124", ("aadhaar", 0.95)),
        ("2345 6789 0124", ("aadhaar", 0.85)),  # 4-4-4 grouping
        ("2345-6789-0124", ("aadhaar", 0.85)),
        ("આધાર 234567890124", ("aadhaar", 0.95)),
        ("आधार संख्या 234567890124", ("aadhaar", 0.95)),
        ("ref 234567890124", ("aadhaar", 0.3)),  # bare: one random number in ten passes
    ],
)
def test_aadhaar_valid(text, expected):
    assert codes(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Aadhaar 2345 6789 0125",  # wrong check digit
        "Aadhaar 0345 6789 0124",  # leading 0
        "Aadhaar 1345 6789 0124",  # leading 1
        "Aadhaar 2222 2222 2222",  # one digit repeated
        "Aadhaar XXXX XXXX 0124",  # masked
        "Aadhaar 2345 6789 01245",  # 13 digits
    ],
)
def test_aadhaar_invalid(text):
    assert [c for c, _ in codes(text) if c == "aadhaar"] == []


def test_aadhaar_validate_answers_yes_or_no():
    recogniser = AadhaarRecogniser()
    assert recogniser.validate(VALID_AADHAAR) is Validity.VALID
    assert recogniser.validate(WRONG_CHECK) is Validity.INVALID


@pytest.mark.parametrize(
    "text, expected",
    [
        ("PAN ABCPE1234F", [("pan", 0.95)]),  # P: an individual
        ("abcpe1234f", [("pan", 0.85)]),
        ("PAN of the firm ABCFE1234F", [("pan", 0.7)]),  # F: a firm, named as PAN
        ("ABCXE1234F", []),  # X is no holder type
        ("ABCPE0000F", []),
    ],
)
def test_pan(text, expected):
    assert codes(text) == expected


def test_pan_validate_reads_the_holder_type():
    assert PanRecogniser().validate("ABCPE1234F") is Validity.VALID
    assert PanRecogniser().validate("ABCQE1234F") is Validity.INVALID


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Voter ID GJA1234567", [("voter_id", 0.9)]),
        ("મતદાર કાર્ડ GJA1234567", [("voter_id", 0.9)]),
        ("EPIC XYZ7654321", [("voter_id", 0.9)]),
        ("GJA1234567", [("voter_id", 0.6)]),
        ("GJA0000000", []),
    ],
)
def test_voter_id(text, expected):
    assert codes(text) == expected
    assert VoterIdRecogniser().validate("GJA0000000") is Validity.INVALID


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Passport No. J8369854", [("passport", 0.9)]),
        ("पासपोर्ट J8369854", [("passport", 0.9)]),
        ("file J8369854", [("passport", 0.25)]),  # a letter and 7 digits is also a file code
        ("Passport Q8369854", []),  # Q series is not issued
    ],
)
def test_passport(text, expected):
    assert codes(text) == expected
    assert PassportRecogniser().validate("Z1234567") is Validity.INVALID


@pytest.mark.parametrize(
    "text, expected",
    [
        ("A/c No. 30123456789, IFSC SBIN0001234", [("bank_account", 0.95)]),
        ("bank account 30123456789", [("bank_account", 0.85)]),
        ("ખાતા નંબર 30123456789", [("bank_account", 0.85)]),
        ("खाता संख्या 30123456789", [("bank_account", 0.85)]),
        ("File no. 30123456789", []),  # no account word
        ("A/c No. 1111111111", []),
    ],
)
def test_bank_account(text, expected):
    assert [c for c in codes(text) if c[0] == "bank_account"] == expected
    assert BankAccountRecogniser().validate("12345") is Validity.INVALID


@pytest.mark.parametrize(
    "text, score",
    [
        ("mobile 9824012345", 0.9),
        ("+91 98240 12345", 0.75),
        ("+91-98240-12345", 0.75),
        ("(+91) 9824012345", 0.75),
        ("098240 12345", 0.75),
        ("919824012345", 0.75),
        ("call 98-2401-2345", 0.9),
        ("મો. ૯૮૨૪૦ ૧૨૩૪૫", 0.9),  # Gujarati digits
        ("मोबाइल ९८२४०१२३४५", 0.9),  # Devanagari digits
        ("applicant's number 9824012345", 0.9),
    ],
)
def test_mobile_spellings(text, score):
    assert codes(text) == [("mobile_number", score)]


@pytest.mark.parametrize(
    "text",
    [
        "5824012345",  # mobiles start with 6-9
        "9999999999",
        "079-23251234",  # Ahmedabad landline
        "Mamlatdar office 079 2325 1234",
    ],
)
def test_not_mobile(text):
    assert [c for c, _ in codes(text) if c == "mobile_number"] == []


def test_official_number_from_roster_is_not_personal_data():
    roster = Allowlist.build(["+919824012345"])
    assert codes("call 98240 12345", roster) == []
    assert codes("call 98240 12399", roster) == [("mobile_number", 0.9)]


def test_number_given_as_an_office_contact_is_weak():
    assert codes("Control room 9824012345") == [("mobile_number", 0.2)]


def test_mobile_validate():
    assert MobileRecogniser().validate("9824012345") is Validity.VALID
    assert MobileRecogniser(allowlist=Allowlist.build(["9824012345"])).validate("9824012345") is Validity.INVALID


@pytest.mark.parametrize(
    "address, official",
    [
        ("collector-ahd@gujarat.gov.in", True),
        ("mam.sanand@gujarat.gov.in", True),
        ("dio-ahd@nic.in", True),
        ("ramesh.patel1975@gmail.com", False),
    ],
)
def test_official_email_domain_is_never_personal_data(address, official):
    found = codes(f"write to {address}")
    assert (found == []) is official
    assert EmailRecogniser().validate(address) is (Validity.INVALID if official else Validity.UNSURE)


def test_identifiers_are_not_numbers_that_only_look_like_them():
    text = "Survey no. 245/1, GR No. RD/102019/35/H2 dated 21/01/2019, amount Rs 1,25,000"
    assert codes(text) == []
