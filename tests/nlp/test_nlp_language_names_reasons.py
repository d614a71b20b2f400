"""Language detection, person names, and member-readable reasons."""
from __future__ import annotations

import pytest

from nlp.language import detect_language
from nlp.names import find_person_names
from nlp.reasons import REASON_CODES, describe


@pytest.mark.parametrize(
    "text, language",
    [
        ("Please send the report by 5 pm", "en"),
        ("કાલે સવારે બેઠક છે", "gu"),
        ("कल सुबह बैठक है", "hi"),
        ("Saheb, kale 11 vage bethak che, badha e hajar rehvu", "gu"),
        ("Kal 11 baje baithak hai, sabhi upasthit rahein", "hi"),
        ("Meeting ma aavjo, GR attach karel che", "gu"),
        ("", "en"),
        ("🙏🙏", "en"),
    ],
)
def test_detect_language(text, language):
    assert detect_language(text) == language


@pytest.mark.parametrize(
    "text, names",
    [
        ("Shri Ramesh Patel of Dholka", ["Ramesh Patel"]),
        ("Smt. Savitaben Parmar, widow", ["Savitaben Parmar"]),
        ("Rameshbhai Patel s/o Kantibhai", ["Rameshbhai Patel", "Kantibhai"]),
        ("શ્રી રમેશભાઈ પટેલ", ["રમેશભાઈ પટેલ"]),
        ("श्री राम कुमार", ["राम कुमार"]),
        ("applicant Shabnam Pathan: address", ["Shabnam Pathan"]),
        ("आरोपी राजेश मीणा पर केस", ["राजेश मीणा"]),
        ("Kiran Jadeja, the appellant", ["Kiran Jadeja"]),
        ("Shri P. M. Desai", ["P. M. Desai"]),
        ("Collector Shri said so", []),
        ("કલેક્ટરશ્રીની બેઠક", []),
        ("Mamlatdar Sanand report", []),
        ("312 beneficiaries in Dholka taluka", []),
        ("That Jusab Miyana is a smuggler", ["Jusab Miyana"]),
        ("The Miyana community of Malia", []),
        ("The Statue of Unity area colony", []),
        ("जंबूसर के एजाज़ मुल्तानी, 41, भर्ती हैं", ["एजाज़ मुल्तानी"]),
        ("अर्जदार सलीम शेख मुस्लिम समाज से हैं", ["सलीम शेख"]),
    ],
)
def test_find_person_names(text, names):
    assert [text[s:e] for s, e in find_person_names(text)] == names


@pytest.mark.parametrize("code", REASON_CODES)
@pytest.mark.parametrize("language", ["en", "gu", "hi"])
def test_every_reason_reads_in_every_language(code, language):
    reason = describe(code, language, label="confidential")
    assert reason and reason.strip() == reason
    if language == "gu":
        assert any("\u0a80" <= c <= "\u0aff" for c in reason)
    if language == "hi":
        assert any("\u0900" <= c <= "\u097f" for c in reason)


def test_reasons_examples_from_the_issue():
    assert describe("aadhaar", "en") == "an Aadhaar number"
    assert describe("marked_confidential", "en") == "marked confidential"
    assert describe("policy_proposal", "en") == "draft policy proposal"
    assert describe("unknown-code", "xx")


@pytest.mark.parametrize("copies", [1, 3, 40])
def test_script_counts_are_the_same_for_a_few_texts_and_for_many(copies):
    # Counted by hand: "નમસ્તે" is 6 code points (ન મ સ ્ ત ે), "नमस्ते" is 6, "ꣲ" (U+A8F2, Devanagari Extended) is 1.
    from nlp.language import script_counts

    texts = ["નમસ્તે sir नमस्ते ꣲ", "plain ASCII", "નમસ્તે"] * copies
    assert script_counts(texts) == [(6, 7), None, (6, 0)] * copies
