"""The words of moderation: warnings in three languages, masking for the admins, links, the pre-post report."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from coordination.moderation_texts import (
    masked,
    message_link,
    most_common_language,
    removal_notice_text,
    restored_text,
    warning_text,
)
from coordination.people import mention
from coordination.prepost import report
from nlp.verdict import Evidence, Verdict
from storage.flags import Finding, Flag

AADHAAR = "2345 6789 0124"
TEXT = f"Applicant Aadhaar {AADHAAR}, draft GR attached"


def _flag(flag_id=1, *, labels=("confidential", "personal_data"), deleted=False, language="en", actions=("warn",)):
    findings = []
    if "personal_data" in labels:
        findings.append(Finding("personal_data", "aadhaar", 18, 32))
    if "confidential" in labels:
        findings.append(Finding("confidential", "policy_proposal", 34, 42))
    if "hostile" in labels:
        findings.append(Finding("hostile", "classifier", 0, len(TEXT)))
    return Flag(
        flag_id=flag_id, chat_id=-1002000000001, message_id=10 + flag_id, update_id=flag_id, version_seq=None,
        member_id=5, source="message", labels=tuple(sorted(labels)), verdict_labels=tuple(sorted(labels)),
        findings=tuple(findings), language=language, actions=actions, deleted=deleted, by_admin=False, warning="sent",
        flagged_at=datetime(2025, 1, 20, tzinfo=UTC), state="open", decided_by=None, decided_at=None,
    )


WHO = mention(5, "Vikram <Jadeja>")


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ["This message appears to contain:", "an Aadhaar number — personal data (§8, privacy)",
                "draft policy proposal — confidential or policy matter (§2)", "official e-mail (§1)",
                "aggregate figures", "circular ITP/102019/35/H2"]),
        ("gu", ["આ સંદેશમાં નીચેની બાબત હોવાનું જણાય છે:", "આધાર નંબર — અંગત માહિતી (§8, ગોપનીયતા)", "(§2)",
                "સત્તાવાર ઈ-મેલ (§1)", "કુલ આંકડા", "પરિપત્ર ITP/102019/35/H2"]),
        ("hi", ["इस संदेश में निम्नलिखित बात प्रतीत होती है:", "आधार संख्या — व्यक्तिगत जानकारी (§8, निजता)", "(§2)",
                "आधिकारिक ई-मेल (§1)", "कुल आँकड़े", "परिपत्र ITP/102019/35/H2"]),
    ],
)
def test_a_reply_warning_names_the_reasons_the_clauses_and_what_to_do_in_the_members_language(language, words):
    text = warning_text([_flag(language=language)], language, who=WHO, notified=False)
    for expected in words:
        assert expected in text
    assert AADHAAR not in text


def test_a_removed_message_is_warned_about_by_mention_and_names_are_escaped():
    text = warning_text([_flag(deleted=True, actions=("warn", "delete", "notify"))], "en", who=WHO, notified=True)
    assert text.startswith('⚠️ <a href="tg://user?id=5">Vikram &lt;Jadeja&gt;</a>, your message was removed')
    assert "if it was not a violation, they can restore it" in text


def test_a_combined_warning_lists_each_message_and_gives_each_advice_once():
    held = [_flag(1, labels=("personal_data",), deleted=True), _flag(2, labels=("personal_data", "hostile"))]
    text = warning_text(held, "en", who=WHO, notified=False)
    assert "2 of your messages in the last minute appear to contain:" in text
    assert text.count("an Aadhaar number — personal data (§8, privacy)") == 2
    assert "an Aadhaar number — personal data (§8, privacy) (removed)" in text
    assert "reads as abusive, threatening, defamatory or divisive — hostile or defamatory content (§8)" in text
    assert text.count("aggregate figures") == 1


def test_an_unknown_language_is_warned_about_in_english():
    assert "This message appears to contain:" in warning_text([_flag()], "xx", who=WHO, notified=False)


def test_masking_replaces_each_flagged_value_by_what_it_is_and_leaves_the_classifiers_sentence():
    flag = _flag(labels=("confidential", "personal_data", "hostile"))
    assert masked(TEXT, flag.findings) == "Applicant Aadhaar [an Aadhaar number], [draft policy proposal] attached"
    overlapping = (Finding("personal_data", "aadhaar", 18, 32), Finding("personal_data", "mobile_number", 20, 40))
    assert AADHAAR not in masked(TEXT, overlapping)


def test_messages_in_supergroups_have_links_and_basic_groups_none():
    assert message_link(-1002000000001, 57) == "https://t.me/c/2000000001/57"
    assert message_link(-4123, 57) is None


def _verdict(language, *evidence):
    labels = tuple(sorted({e.label for e in evidence}))
    return Verdict(labels, tuple(evidence), language)


def test_the_pre_post_report_lists_what_was_found_and_always_the_disclaimer():
    verdict = _verdict(
        "hi", Evidence("personal_data", 0, 4, 1.0, "pan", "r"), Evidence("hostile", 5, 9, 1.0, "threat", "r")
    )
    text = report(verdict, names=2)
    assert text.startswith("पोस्ट करने से पहले आपके मसौदे की जाँच")
    assert "पैन (आयकर) संख्या" in text and "व्यक्तियों के नाम: 2" in text and "धमकी" in text
    assert "(§9)" in text
    clear = report(_verdict("en"), names=0)
    assert "No personal data, names of individuals, hostile or confidential content found." in clear
    assert "(§9)" in clear


def test_a_restored_message_is_quoted_unless_too_long_for_one_message():
    short = restored_text("gu", "Vikram <J>", "ભુજ & માંડવી")
    assert short == "Vikram &lt;J&gt;નો સંદેશ, સમીક્ષા પછી પાછો મૂકવામાં આવ્યો:\n<blockquote>ભુજ &amp; માંડવી</blockquote>"
    long_text = "line of a long report\n" * 190
    long = restored_text("en", "Vikram", long_text)
    assert "<blockquote>" not in long and long.endswith(long_text)


def test_a_combined_warning_is_in_the_language_most_of_the_messages_were_in():
    assert most_common_language([_flag(1, language="en"), _flag(2, language="gu"), _flag(3, language="gu")]) == "gu"
    assert most_common_language([_flag(1, language="gu"), _flag(2, language="hi")]) == "hi", "a tie: the latest"


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "⚠️ <b>Asha</b>, your message was removed from the group (it is kept in the official record) because it"
           " appears to break circular ITP/102019/35/H2. The reasons follow in a minute."),
    ("gu", "⚠️ <b>Asha</b>, તમારો સંદેશ જૂથમાંથી દૂર કરવામાં આવ્યો છે (તે સત્તાવાર રેકોર્ડમાં સચવાયેલો છે), કારણ કે તે"
           " પરિપત્ર ITP/102019/35/H2નું ઉલ્લંઘન કરતો જણાય છે. કારણો એક મિનિટમાં જણાવવામાં આવશે."),
    ("hi", "⚠️ <b>Asha</b>, आपका संदेश समूह से हटा दिया गया है (यह आधिकारिक रिकॉर्ड में सुरक्षित है), क्योंकि यह"
           " परिपत्र ITP/102019/35/H2 का उल्लंघन प्रतीत होता है। कारण एक मिनट में बताए जाएँगे।"),
    ("mr", "⚠️ <b>Asha</b>, your message was removed from the group (it is kept in the official record) because it"
           " appears to break circular ITP/102019/35/H2. The reasons follow in a minute."),
])
def test_a_removal_notice_is_in_the_members_language(language, expected):
    assert removal_notice_text(language, who="<b>Asha</b>") == expected
