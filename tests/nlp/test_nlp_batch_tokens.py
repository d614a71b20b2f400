"""A batch tokenized as one text (nlp.components.tokenize_many) gives each message what a Doc of the message
alone gives: the same tokens' NORM ids, the same lexicon matches at the same offsets, and the same token spans
for Doc.char_span(..., alignment_mode="expand"). spaCy's own Doc per message is the reference."""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from nlp.components import tokenize_many
from nlp.decision import segments
from nlp.normalise import normalise
from nlp.pipeline import build_pipeline

CORPUS = Path(__file__).resolve().parents[2] / "nlp" / "corpus" / "train.jsonl"
AWKWARD = [
    "", " ", "  leading spaces", "trailing spaces  ", "\nleading break", "trailing break\n", "a  b   c",
    "line one\n\nline two", "tab\tseparated\tvalues", "no\u00a0break space", "CONFIDENTIAL: not for circulation",
    "ખાનગી: ટેન્ડરના દર કોઈને આપવા નહીં.", "सभी तलाटी कल सुबह 10 बजे बैठक में उपस्थित रहें।", "x", "?", "\n",
    "Send the report\r\nby 5 pm", "  \n  ", "end with space ", "🙏🙏", "a\u2003wide space",
]


def _reference(pipeline, text):
    doc = pipeline.tokenizer(text)
    rules = pipeline.get_pipe("samvad_lexicon_rules")
    matches = [(rules.class_names[k], s, e, doc[s].idx, doc[e - 1].idx + len(doc[e - 1])) for k, s, e in rules.matcher(doc)]
    return doc, [t.norm for t in doc], matches


def _texts(seed: int) -> list[str]:
    lines = [json.loads(line)["text"] for line in CORPUS.open(encoding="utf-8") if line.strip()]
    rng = random.Random(seed)
    picked = rng.sample(lines, 300)
    # Pieces of corpus messages glued with awkward whitespace: any whitespace at either end, runs of it inside.
    glued = [rng.choice(["", " ", "\n", "  ", "\t"]) + rng.choice(lines)[:60] + rng.choice(["", " ", "\n ", "   "])
             + rng.choice(lines)[-60:] + rng.choice(["", " ", "\n"]) for _ in range(100)]
    return [normalise(t).text for t in picked + glued + AWKWARD]


@pytest.mark.parametrize("seed", [0, 1])
def test_a_batch_gives_each_message_its_own_docs_tokens_and_matches(seed):
    pipeline = build_pipeline(with_classifier=False)
    rules = pipeline.get_pipe("samvad_lexicon_rules")
    texts = _texts(seed)
    got = tokenize_many(pipeline.tokenizer, rules.matcher, rules.class_names, texts)
    matched = 0
    for text, (annotated, matches) in zip(texts, got):
        doc, norms, reference_matches = _reference(pipeline, text)
        assert len(annotated) == len(doc)
        assert annotated.norms.tolist() == norms
        assert matches == reference_matches
        matched += bool(matches)
        for start, end in segments(text) + [(0, len(text)), (1, len(text) - 1)]:
            if end <= start:
                continue
            span = doc.char_span(start, end, alignment_mode="expand")
            ours = annotated.token_span(start, end)
            if span is None:
                assert ours is None
            else:
                assert ours is not None and ours[:2] == (span.start, span.end)
                if len(span):
                    assert ours[2:] == (span.start_char, span.end_char)
    assert matched > 100


def test_the_components_annotations_match_the_pipelines():
    # What the filter leaves on each message (evidence and cues) is what the spaCy components leave on a Doc.
    from nlp import ContentFilter

    cf = ContentFilter.rules_only()
    texts = _texts(2)
    docs, _ = cf.annotate(texts)
    for text, annotated in zip(texts, docs):
        doc = cf._make_doc(text)
        for component in cf._rule_components:
            component(doc)
        for key in ("samvad_evidence", "samvad_cues"):
            assert annotated.user_data.get(key) == doc.user_data.get(key)


DIGIT_TEXTS = [
    "", "no digits here", "1234", "A1234", "ab12345678", "x 1234", "year 2024 and 98240 12345", "GJ01AB1234",
    "call 9824012345 or 079-2325 1234", "a\u0967\u0968\u0969\u096a", "12 34 56", "૧૨૩૪૫૬", "l23", "x1234y 5",
]


@pytest.mark.parametrize("text", DIGIT_TEXTS)
def test_one_pass_over_the_digit_runs_answers_the_searches_it_replaced(text):
    import re

    from nlp.recognisers import _runs

    starts, four, code, digits = _runs(text)
    assert starts == [m.start() for m in re.finditer(r"\d+", text)]
    assert digits == len(re.findall(r"\d", text))
    assert four is (re.search(r"\d{4}", text) is not None)
    assert code is (re.search(r"[A-Za-z]\d{4}", text) is not None)


@pytest.mark.parametrize("text", [
    "98240l2345", "9824O12345", "phone 98 24 01 23 45", "1o2o3o4o5o6", "12345", "123456", "1|2|3|4|5|6 x",
    "oil lid loo 1", "ID: L7401355", "0000000l", "abc",
])
def test_the_six_digit_hint_never_hides_a_digit_run(text):
    from nlp.normalise import _DIGITS, _SIX_DIGITS

    # The hint may pass where _DIGITS finds nothing, never the other way round.
    if _DIGITS.search(text):
        assert _SIX_DIGITS.search(text)


def test_new_words_get_the_norm_the_full_lexical_attributes_gave():
    # The pipeline makes new lexemes with NORM only (nlp.pipeline._norm_only); their norms are those of a
    # vocabulary that works out every attribute.
    import spacy

    from nlp.lang import LANG

    lean = build_pipeline(with_classifier=False)
    full = spacy.blank(LANG)
    assert len(lean.vocab.lex_attr_getters) == 1 and len(full.vocab.lex_attr_getters) > 1
    words = ["₹500", "s3cr3t", "બેઠકમાં", "तलाटियों", "“quoted”", "—", "Collector,", "9824012345", "MAMLATDAR"]
    for word in words:
        assert [t.norm_ for t in lean.tokenizer(word)] == [t.norm_ for t in full.tokenizer(word)]
