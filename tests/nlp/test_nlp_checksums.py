"""Every check the recognisers make, against published known-answer vectors written here as literals.

Only Aadhaar carries a published checksum (Verhoeff). PAN, EPIC, IFSC, passport and mobile numbers are
checked by their format rules, so those are pinned with literal valid and invalid cases. Nothing in this
file takes an expected value from the code under test; the Verhoeff property test compares it with a
second, table-free formulation built from the definitions of the dihedral group D5.
"""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp.recognisers import (
    AadhaarRecogniser,
    BankAccountRecogniser,
    MobileRecogniser,
    PanRecogniser,
    PassportRecogniser,
    Validity,
    VoterIdRecogniser,
    verhoeff_check_digit,
    verhoeff_valid,
)
from nlp.recognisers import aadhaar
from nlp.recognisers.bank import IFSC

# The tables as Verhoeff (1969) published them and as every reference reproduces them
# (e.g. Wikipedia, "Verhoeff algorithm", and Rosetta Code): d is D5 multiplication,
# p the position permutation, inv the inverse.
PUBLISHED_D = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
    (1, 2, 3, 4, 0, 6, 7, 8, 9, 5),
    (2, 3, 4, 0, 1, 7, 8, 9, 5, 6),
    (3, 4, 0, 1, 2, 8, 9, 5, 6, 7),
    (4, 0, 1, 2, 3, 9, 5, 6, 7, 8),
    (5, 9, 8, 7, 6, 0, 4, 3, 2, 1),
    (6, 5, 9, 8, 7, 1, 0, 4, 3, 2),
    (7, 6, 5, 9, 8, 2, 1, 0, 4, 3),
    (8, 7, 6, 5, 9, 3, 2, 1, 0, 4),
    (9, 8, 7, 6, 5, 4, 3, 2, 1, 0),
)
PUBLISHED_P = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
    (1, 5, 7, 6, 2, 8, 3, 0, 9, 4),
    (5, 8, 0, 3, 7, 9, 6, 1, 4, 2),
    (8, 9, 1, 6, 0, 4, 3, 5, 2, 7),
    (9, 4, 5, 3, 1, 2, 6, 8, 7, 0),
    (4, 2, 8, 6, 5, 7, 3, 9, 0, 1),
    (2, 7, 9, 3, 8, 0, 6, 4, 1, 5),
    (7, 0, 4, 6, 9, 1, 3, 2, 5, 8),
)
PUBLISHED_INV = (0, 4, 3, 2, 1, 5, 6, 7, 8, 9)


def test_the_verhoeff_tables_are_the_published_ones():
    assert aadhaar._D == PUBLISHED_D
    assert aadhaar._P == PUBLISHED_P
    assert aadhaar._INV == PUBLISHED_INV


# (number without its check digit, check digit), from published sources:
# Wikipedia's worked example and Rosetta Code's "Verhoeff algorithm" task (236, 12345, 123456789012),
# python-stdnum's tests/test_verhoeff.doctest (654, 1428570, the 36-digit number) and
# stdnum.in_.aadhaar's doctest (234123412346).
CHECK_DIGITS = [
    ("236", "3"),
    ("12345", "1"),
    ("142857", "0"),
    ("123456789012", "0"),
    ("654", "8"),
    ("1428570", "8"),
    ("398438246238642378648236487236482734", "7"),
    ("23412341234", "6"),
    # An Aadhaar-shaped number whose fifth digit is 8, worked by hand with the published tables
    # (digits from the right, i = 1..11, c = d[c][p[i % 8][digit]]; check digit inv[c]):
    # 1:p1(1)=5 c=5; 0:p2(0)=5 c=d5,5=0; 9:p3(9)=7 c=7; 8:p4(8)=7 c=d7,7=0; 7:p5(7)=9 c=9;
    # 6:p6(6)=6 c=d9,6=3; 8:p7(8)=5 c=d3,5=8; 5:p0(5)=5 c=d8,5=3; 4:p1(4)=2 c=d3,2=0;
    # 3:p2(3)=3 c=3; 2:p3(2)=1 c=d3,1=4; check digit inv[4] = 1.
    ("23458678901", "1"),
]


@pytest.mark.parametrize("body, check", CHECK_DIGITS)
def test_verhoeff_check_digit_matches_published_vectors(body, check):
    assert verhoeff_check_digit(body) == check
    assert verhoeff_valid(body + check)


@pytest.mark.parametrize(
    "number",
    [
        "2369",  # Rosetta Code: 236 with a wrong check digit
        "123459",
        "1234567890129",
        "654",  # python-stdnum: not valid as it stands
        "398438246238642378648236487236482734",
        "234123412347",  # stdnum.in_.aadhaar: wrong check digit
        "234586789010",  # the hand-worked number above with a wrong check digit
    ],
)
def test_verhoeff_rejects_published_wrong_check_digits(number):
    assert not verhoeff_valid(number)


@pytest.mark.parametrize(
    "number, validity",
    [
        ("234123412346", Validity.VALID),  # stdnum.in_.aadhaar
        ("2341 2341 2346", Validity.VALID),
        ("234586789011", Validity.VALID),  # fifth digit 8, worked by hand above
        ("234586789010", Validity.INVALID),
        ("234123412347", Validity.INVALID),  # wrong check digit
        ("123412341234", Validity.INVALID),  # starts with 1
        ("023412341234", Validity.INVALID),  # starts with 0
        ("222222222222", Validity.INVALID),
        ("643343121", Validity.INVALID),  # too short
    ],
)
def test_aadhaar_validate_known_answers(number, validity):
    assert AadhaarRecogniser().validate(number) is validity


# ---- A second, table-free Verhoeff: the D5 group law and the permutation by their definitions ----

def d5(j: int, k: int) -> int:
    """D5 product of elements 0-9: j = (a, f) means rotation by a, then reflection if f (j = a + 5f)."""
    a, f = j % 5, j // 5
    b, g = k % 5, k // 5
    # (a, f)(b, g) = (a + (-1)^f b, f xor g): a reflection reverses the sense of the following rotation.
    return (a + (-b if f else b)) % 5 + 5 * (f ^ g)


# Verhoeff's position permutation in cycle notation, (0 1 5 8 9 4 2 7)(3 6): one-line 1 5 7 6 2 8 3 0 9 4.
_CYCLES = ((0, 1, 5, 8, 9, 4, 2, 7), (3, 6))


def permute(times: int, digit: int) -> int:
    """The position permutation applied `times` times to `digit`."""
    for cycle in _CYCLES:
        if digit in cycle:
            return cycle[(cycle.index(digit) + times) % len(cycle)]
    raise AssertionError(digit)


def independent_valid(number: str) -> bool:
    product = 0
    for i, ch in enumerate(reversed(number)):
        product = d5(product, permute(i, int(ch)))
    return product == 0


def independent_check_digit(body: str) -> str:
    (digit,) = [c for c in "0123456789" if independent_valid(body + c)]
    return digit


def test_the_independent_formulation_agrees_with_the_published_vectors():
    assert [independent_check_digit(b) for b, _ in CHECK_DIGITS] == [c for _, c in CHECK_DIGITS]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="0123456789", min_size=1, max_size=40))
def test_verhoeff_agrees_with_a_table_free_formulation(number):
    assert verhoeff_valid(number) == independent_valid(number)
    assert verhoeff_check_digit(number) == independent_check_digit(number)


@settings(max_examples=300, deadline=None)
@given(st.from_regex(r"\A[2-9][0-9]{11}\Z"))
def test_aadhaar_validity_agrees_with_a_table_free_formulation(number):
    expected = independent_valid(number) and len(set(number)) > 1
    assert (AadhaarRecogniser().validate(number) is Validity.VALID) == expected


# ---- Formats with no published checksum: the rules, as literal cases ----

@pytest.mark.parametrize(
    "pan, validity",
    [
        ("ACUPA7085R", Validity.VALID),  # stdnum.in_.pan doctest
        ("AAPPV8261K", Validity.VALID),  # stdnum.in_.pan doctest: an individual
        ("ABMXA3211G", Validity.INVALID),  # X is no holder type
        ("ABCPE0000F", Validity.INVALID),  # serial 0000 is never issued
    ],
)
def test_pan_format(pan, validity):
    assert PanRecogniser().validate(pan) is validity


@pytest.mark.parametrize(
    "text, found",
    [
        ("PAN ACUPA7085R", True),
        ("PAN ABMPA32111", False),  # the last character must be a letter
        ("PAN ACUPA7085RR", False),  # eleven characters
    ],
)
def test_pan_shape(text, found):
    assert bool(PanRecogniser.PATTERN.search(text)) is found


@pytest.mark.parametrize(
    "text, found",
    [
        ("EPIC WKH1186253", True),  # stdnum.in_.epic doctest
        ("EPIC WKH118624", False),  # six digits
        ("EPIC 1231186253", False),  # no letters
        ("EPIC WK1186253", False),  # two letters
    ],
)
def test_epic_shape(text, found):
    assert bool(VoterIdRecogniser.PATTERN.search(text)) is found


def test_epic_all_same_digits_is_not_an_epic():
    assert VoterIdRecogniser().validate("WKH1186253") is Validity.VALID
    assert VoterIdRecogniser().validate("WKH0000000") is Validity.INVALID


@pytest.mark.parametrize(
    "code, found",
    [
        ("SBIN0001234", True),  # four letters (bank), a 0, six branch characters
        ("HDFC0000001", True),
        ("ICIC0ABC123", True),
        ("SBIN1001234", False),  # the fifth character is always 0
        ("SBI00001234", False),  # three letters
        ("SBIN000123", False),  # ten characters
    ],
)
def test_ifsc_format(code, found):
    assert bool(IFSC.fullmatch(code)) is found


@pytest.mark.parametrize(
    "account, validity",
    [
        ("30123456789", Validity.UNSURE),  # no checksum is published: the context decides
        ("123456789", Validity.UNSURE),  # nine digits, the shortest
        ("123456789012345678", Validity.UNSURE),  # eighteen, the longest
        ("12345678", Validity.INVALID),
        ("1234567890123456789", Validity.INVALID),
        ("1111111111", Validity.INVALID),
    ],
)
def test_bank_account_length(account, validity):
    assert BankAccountRecogniser().validate(account) is validity


@pytest.mark.parametrize(
    "passport, validity",
    [
        ("J8369854", Validity.UNSURE),  # a letter and seven digits
        ("Q8369854", Validity.INVALID),  # Q, X and Z series are not issued
        ("X8369854", Validity.INVALID),
        ("Z1234567", Validity.INVALID),
        ("J1111111", Validity.INVALID),
    ],
)
def test_passport_format(passport, validity):
    assert PassportRecogniser().validate(passport) is validity


@pytest.mark.parametrize(
    "mobile, validity",
    [
        ("9824012345", Validity.VALID),
        ("6351234567", Validity.VALID),  # mobile numbers start with 6, 7, 8 or 9
        ("+91 98240 12345", Validity.VALID),
        ("5824012345", Validity.INVALID),
        ("9999999999", Validity.INVALID),
        ("079-2325 1234", Validity.INVALID),  # an Ahmedabad landline with its STD code
    ],
)
def test_mobile_format(mobile, validity):
    assert MobileRecogniser().validate(mobile) is validity
