"""Instruction kinds, addressees, acknowledgement phrases and masking, in three languages."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nlp.record import Masker, find_addressees, instruction_kind, is_acknowledgement
from nlp.record.masking import mask_spans


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Evacuate low-lying villages near the Rudramata dam immediately", "disaster"),
        ("NDRF teams to be deployed at Mandvi by 6 pm", "disaster"),
        ("All Mamlatdars to attend the review meeting at 4 pm", "meeting"),
        ("Send the rainfall report by 5 pm", "information_request"),
        ("Independence Day programme at the Collectorate, all to be present", "event"),
        ("નીચાણવાળા વિસ્તારોમાંથી લોકોનું સ્થળાંતર કરો", "disaster"),
        ("આવતીકાલે ૧૧ વાગ્યે બેઠક છે, હાજર રહેવું", "meeting"),
        ("પાક નુકસાનની માહિતી મોકલો", "information_request"),
        ("बाढ़ प्रभावित गांवों में राहत सामग्री भेजें", "disaster"),
        ("कल 11 बजे बैठक में उपस्थित रहें", "meeting"),
        ("गणतंत्र दिवस समारोह की तैयारी करें", "event"),
        ("All officers to stay at headquarters", "general"),
    ],
)
def test_instruction_kinds(text, kind):
    assert instruction_kind(text) == kind


@pytest.mark.parametrize(
    "text",
    ["Noted sir", "noted", "Done.", "ok sir", "OK", "Yes sir, will comply", "જી", "જી સાહેબ", "નોંધ લીધી",
     "થઈ ગયું", "जी", "जी सर", "ठीक है", "हो गया", "ji sir", "👍", "✅ 🙏"],
)
def test_acknowledgements(text):
    assert is_acknowledgement(text)


@pytest.mark.parametrize(
    "text",
    ["", "Not done yet", "Done?", "Please send the report", "sir not received", "હજુ નથી થયું", "अभी नहीं हुआ",
     "Okay but the road to Mandvi is closed, the team cannot reach the village before tomorrow evening at the earliest"],
)
def test_not_acknowledgements(text):
    assert not is_acknowledgement(text)


def test_addressees_in_english():
    found = find_addressees("@vikram_j and Mamlatdar Bhuj to send the report; Collectors of Kutch and Valsad to note")
    assert found.usernames == ("vikram_j",)
    assert [(d.designation, d.qualifier) for d in found.designations] == [("mamlatdar", "bhuj"), ("collector", "kutch")]
    assert found.districts == ("Kutch", "Valsad")


def test_addressees_in_gujarati_and_hindi():
    assert [d.designation for d in find_addressees("મામલતદાર ભુજ રિપોર્ટ મોકલે").designations] == ["mamlatdar"]
    found = find_addressees("कच्छ और वलसाड के कलेक्टर")
    assert found.districts == ("Kutch", "Valsad")
    assert [d.designation for d in found.designations] == ["collector"]


def test_an_e_mail_address_is_not_a_mention():
    assert find_addressees("write to relief@gujarat.gov.in").usernames == ()


def test_masking_keeps_official_numbers_and_the_last_four_digits():
    masker = Masker.build(official=["+91 94262 40003"], private=["+91 98250 12345"])
    text = ("Aadhaar 2345 6789 0123 of applicant, mob 9876543210, PAN ABCPD1234F, Mamlatdar 94262 40003,"
            " his other number 98250-12345, ramesh@gmail.com, collector@gujarat.gov.in")
    masked = masker.mask(text)
    assert "XXXX XXXX 0123" in masked
    assert "9876543210" not in masked and "XXXXXX3210" in masked
    assert "ABCPD1234F" not in masked
    assert "94262 40003" in masked
    assert "98250-12345" not in masked
    assert "ramesh@gmail.com" not in masked
    assert "collector@gujarat.gov.in" in masked


def test_masking_uses_spans_given_by_the_content_filter():
    masker = Masker.build()
    assert masker.mask("Ramesh Patel, resident of Bhuj", [(0, 12)]) == "XXXXXX XXXXX, resident of Bhuj"
    assert mask_spans("PAN ABCPD1234F", [(4, 14)]) == "PAN XXXXXXXXXX"


@given(st.text(max_size=300), st.lists(st.tuples(st.integers(-5, 400), st.integers(-5, 400)), max_size=5))
def test_masking_never_raises_and_keeps_the_length(text, spans):
    masked = Masker.build(private=["9825012345"]).mask(text, spans)
    assert len(masked) == len(text)


def test_exports_keep_addresses_on_the_configured_official_domains_visible_and_mask_the_rest():
    text = "Write to relief.cell@kutchdm.org, ssrd@gujarat.gov.in or ramesh88@gmail.com"
    configured = Masker.build(official_domains=("gujarat.gov.in", "kutchdm.org"))
    assert configured.mask(text) == "Write to relief.cell@kutchdm.org, ssrd@gujarat.gov.in or XXXXXXXX@XXXXX.XXX"
    # Without the district's domain configured, its address is masked like any private one.
    assert Masker.build().mask(text) == "Write to XXXXXX.XXXX@XXXXXXX.XXX, ssrd@gujarat.gov.in or XXXXXXXX@XXXXX.XXX"
