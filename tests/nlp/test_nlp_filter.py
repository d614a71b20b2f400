"""What a member would be warned about: labels, evidence spans and reasons, per language."""
from __future__ import annotations

import pytest

from nlp import LABELS, ContentFilter, Evidence, Verdict

AADHAAR = "2345 6789 0124"


@pytest.mark.parametrize(
    "text, label, reason_code",
    [
        # confidential, §2
        ("Strictly confidential: do not forward the attached note.", "confidential", "marked_confidential"),
        ("આ પત્ર ગોપનીય છે, ગ્રુપની બહાર ન જાય.", "confidential", "marked_confidential"),
        ("यह जानकारी गोपनीय है, किसी को न बताएं।", "confidential", "marked_confidential"),
        ("Aa mahiti gopniya che, forward na karta.", "confidential", "marked_confidential"),
        ("Draft rules for NA permission are under consideration and not yet final.", "confidential", "policy_proposal"),
        ("જંત્રીના દરમાં સૂચિત વધારો હજુ આખરી નથી.", "confidential", "policy_proposal"),
        ("स्टांप ड्यूटी में प्रस्तावित संशोधन अभी विचाराधीन है।", "confidential", "policy_proposal"),
        ("The question paper for the Talati exam is attached.", "confidential", "sensitive_operation"),
        ("Restricted: the route and timing of the VIP convoy through Bhuj.", "confidential", "marked_confidential"),
        ("*Secret* - names of the villages for tomorrow's raid on illegal mining.", "confidential", "marked_confidential"),
        ("Bid amounts before opening: L1 is Shiv Constructions at Rs 2.3 crore.", "confidential", "sensitive_operation"),
        # personal_data, §8
        (f"Beneficiary's Aadhaar {AADHAAR}", "personal_data", "aadhaar"),
        (f"લાભાર્થીનો આધાર નંબર {AADHAAR}", "personal_data", "aadhaar"),
        (f"लाभार्थी का आधार {AADHAAR}", "personal_data", "aadhaar"),
        ("Applicant Rameshbhai Patel has been diagnosed with cancer.", "personal_data", "sensitive_attribute"),
        ("અરજદાર રમેશભાઈ પટેલ કેન્સરની સારવાર હેઠળ છે.", "personal_data", "sensitive_attribute"),
        ("आवेदक सुरेश मीणा का घर का पता: 12, शांति नगर।", "personal_data", "sensitive_attribute"),
        # hostile, §8
        ("You are an idiot and a disgrace.", "hostile", "abuse"),
        ("તું નાલાયક છે.", "hostile", "abuse"),
        ("तुम नालायक हो।", "hostile", "abuse"),
        ("Tame joi lejo, hu tamne joi laish.", "hostile", "threat"),
        ("मैं तुम्हें देख लूंगा।", "hostile", "threat"),
        ("That talati is a thief who takes bribes for every entry.", "hostile", "defamation"),
        ("That Bhikha Rabari is a smuggler and a criminal.", "personal_data", "sensitive_attribute"),
        ("These people are traitors and should be thrown out of the village.", "hostile", "enmity"),
        # instruction, §2 uses
        ("All Mamlatdars are requested to send the report by 5 pm today.", "instruction", "directive"),
        ("Review meeting tomorrow at 11 am in the Collectorate hall.", "instruction", "meeting"),
        ("આવતીકાલે 11 વાગ્યે બેઠકમાં હાજર રહેવું.", "instruction", "meeting"),
        ("सभी तहसीलदार आज शाम 5 बजे तक रिपोर्ट भेजें।", "instruction", "information_request"),
        ("Kale 11 vage bethak che, badha e hajar rehvu.", "instruction", "meeting"),
        ("Cyclone warning: evacuate the low-lying villages and keep shelters ready.", "instruction", "disaster_directive"),
        ("I want the crop damage figures from every taluka by 4 pm.", "instruction", "information_request"),
    ],
)
def test_each_label_in_each_language(content_filter, text, label, reason_code):
    verdict = content_filter.check(text)
    assert label in verdict.labels
    assert reason_code in {e.reason_code for e in verdict.for_label(label)}


@pytest.mark.parametrize(
    "text",
    [
        "Noted sir.",
        "Done.",
        "Good morning all 🙏",
        "Jai Shri Krishna badha ne.",
        "धन्यवाद सर।",
        "આભાર સાહેબ.",
        "The confidential report was sent to the Collector in a sealed cover.",
        "The GR on the new jantri rates has been published on the website.",
        "There is no secret formula for good revenue collection.",
        "312 beneficiaries in Dholka taluka received the assistance.",
        "Control room number 079-23251234 is working round the clock.",
        "Survey no. 245/1 mutation entry no. 5612 certified today.",
        "Write to collector-ahd@gujarat.gov.in for the certified copy.",
        "Has anyone received the new format?",
        "I want to thank all Talatis for the night duty during the cyclone.",
        "The criminal procedure training for new Mamlatdars starts on Monday.",
        "The Collector chaired a meeting on cyclone preparedness at 11 am today.",
    ],
)
def test_ordinary_coordination_talk_passes(content_filter, text):
    assert content_filter.check(text).labels == ()


@pytest.mark.parametrize(
    "text",
    [
        "Keep the venue a surprise for the retirement function.",
        "There is no secret formula for good revenue collection.",
        "Restricted holidays for 2025 are listed in the GR on the website.",
    ],
)
def test_ordinary_senses_of_secrecy_words_are_not_confidential(content_filter, text):
    assert not content_filter.check(text).has("confidential")


def test_firm_official_criticism_is_not_hostile(content_filter):
    assert not content_filter.check("Progress in Sanand is unacceptable; report by 5 pm.").has("hostile")


@pytest.mark.parametrize(
    "text",
    [
        "This is s e c r e t, do not share",
        "This is c.o.n.f.i.d.e.n.t.i.a.l",
        "This is con\u200bfiden\u200btial",
        "This is сonfidеntiаl",  # Cyrillic с, е, а
        "This is c0nf1dential",
        "This is ＣＯＮＦＩＤＥＮＴＩＡＬ",
        "Aa g.o.p.n.i.y.a mahiti che",
        "આ ગો પ ની ય માહિતી છે",
    ],
)
def test_evasions_are_labelled_as_what_they_mean(content_filter, text):
    verdict = content_filter.check(text)
    assert "confidential" in verdict.labels
    for e in verdict.evidence:
        assert 0 <= e.start < e.end <= len(text)


def test_spaced_aadhaar_with_zero_width_characters_is_found_and_spanned(content_filter):
    text = "Aadhaar: 2\u200b3\u200b4\u200b5 6789 0124 please"
    verdict = content_filter.check(text)
    (evidence,) = [e for e in verdict.evidence if e.reason_code == "aadhaar"]
    assert text[evidence.start:evidence.end] == "2\u200b3\u200b4\u200b5 6789 0124"


def test_evidence_spans_point_at_the_original_text(content_filter):
    text = "📎 Beneficiary Aadhaar ૨૩૪૫ ૬૭૮૯ ૦૧૨૪ for the DBT"
    verdict = content_filter.check(text)
    (evidence,) = [e for e in verdict.evidence if e.reason_code == "aadhaar"]
    assert text[evidence.start:evidence.end] == "૨૩૪૫ ૬૭૮૯ ૦૧૨૪"
    assert evidence.reason == "an Aadhaar number"


def test_reason_never_repeats_the_sensitive_value(content_filter):
    text = f"PAN ABCPE1234F, mobile 9824012345, Aadhaar {AADHAAR}, a/c 30123456789 IFSC SBIN0001234"
    verdict = content_filter.check(text)
    assert {e.reason_code for e in verdict.evidence} >= {"pan", "mobile_number", "aadhaar", "bank_account"}
    for e in verdict.evidence:
        value = text[e.start:e.end]
        assert value not in e.reason
        assert not any(ch.isdigit() for ch in e.reason)


def test_official_number_in_the_roster_is_not_personal_data():
    cf = ContentFilter.load(official_numbers=["+919824012345"])
    assert not cf.check("Please call 98240 12345 for the VC link").has("personal_data")
    cf.set_official_numbers([])
    assert cf.check("Please call 98240 12345 for the VC link").has("personal_data")


def test_several_labels_in_one_message(content_filter):
    text = f"Confidential: send the Aadhaar {AADHAAR} of the applicant by 5 pm today."
    verdict = content_filter.check(text)
    assert verdict.labels == ("confidential", "instruction", "personal_data")
    assert list(verdict.labels) == sorted(verdict.labels)


def test_verdict_interface(content_filter):
    verdict = content_filter.check("Review meeting tomorrow at 11 am in the Collectorate hall.")
    assert isinstance(verdict, Verdict)
    assert verdict.has("instruction") and not verdict.has("hostile")
    assert all(isinstance(e, Evidence) and e.label == "instruction" for e in verdict.for_label("instruction"))
    assert verdict.language == "en"
    assert set(LABELS) == {"confidential", "hostile", "instruction", "personal_data"}
    for e in verdict.evidence:
        assert 0.0 <= e.score <= 1.0


def test_language_of_the_verdict(content_filter):
    assert content_filter.check("આવતીકાલે બેઠક છે").language == "gu"
    assert content_filter.check("कल बैठक है").language == "hi"


def test_check_many_matches_check(content_filter):
    texts = [
        "Noted sir.",
        f"Aadhaar {AADHAAR}",
        "",
        "You idiot",
        "Send the list by 5 pm",
        "આ માહિતી ગોપનીય છે",
    ]
    assert content_filter.check_many(texts, batch_size=2) == [content_filter.check(t) for t in texts]


def test_non_string_input_is_a_type_error(content_filter):
    with pytest.raises(TypeError):
        content_filter.check(None)  # type: ignore[arg-type]
