"""The filter's fast paths give what the plain computations give (issue 12, throughput).

Each faster way of computing something is held against the slower, obvious
one it replaced (spaCy's own per-document n-grams, the per-message sum of the
decision, the regular expression a hint stands in for) or against values
worked out by hand.
"""
from __future__ import annotations

import random
import re

import pytest
from spacy.attrs import NORM
from spacy.ml.extract_ngrams import extract_ngrams

from nlp.decision import DecisionModel, LabelModel
from nlp.imperatives import imperative_spans
from nlp.normalise import normalise
from nlp.pipeline import _batched_forward, build_pipeline, extract_ngrams_batched
from nlp.recognisers import _has_code
from nlp.verdict import LABELS

TEXTS = [
    "Send the relief figures by 5 pm today.",
    "send send send the the the",
    "બધા મામલતદારશ્રીઓએ આજે સાંજ સુધીમાં અહેવાલ મોકલવો.",
    "सभी तलाटी कल सुबह 10 बजे बैठक में उपस्थित रहें।",
    "Mamlatdar Sanand ne kal sudhi report moklo",
    "ok",
    "!!!",
    "Noted sir 🙏",
]


def test_batched_ngrams_are_spacys_per_document_ngrams():
    pipeline = build_pipeline(with_classifier=False)
    docs = [pipeline.make_doc(normalise(text).text) for text in TEXTS]
    batched = extract_ngrams_batched(2, NORM)
    (keys, counts, lengths), _ = _batched_forward(batched, docs, False)
    reference = extract_ngrams(2, attr=NORM)
    at = 0
    for doc, length in zip(docs, lengths.tolist()):
        ref_keys, ref_counts, ref_lengths = reference.predict([doc])
        assert ref_lengths.tolist() == [length]
        assert keys[at:at + length].tolist() == ref_keys.tolist()
        assert counts[at:at + length].tolist() == ref_counts.tolist()
        at += length
    assert at == len(keys)


def _random_model_and_rows(seed: int, n_rows: int) -> tuple[DecisionModel, list[dict[str, float]]]:
    rng = random.Random(seed)
    names = [f"cue:c{i}" for i in range(40)]
    labels = {
        label: LabelModel(rng.uniform(-3, 3), {n: rng.uniform(-4, 4) for n in rng.sample(names, 25)})
        for label in LABELS
    }
    rows = []
    for _ in range(n_rows):
        # Features in any order, some the model has no weight for, values of any size.
        chosen = rng.sample(names + ["unweighted:a", "unweighted:b"], rng.randint(0, 30))
        rows.append({name: rng.choice([1.0, rng.uniform(-2, 2), rng.uniform(0, 1e-3)]) for name in chosen})
    return DecisionModel(labels), rows


@pytest.mark.parametrize("n_rows", [1, 5, 300])
def test_batch_sums_of_the_decision_are_the_per_message_sums_to_the_last_bit(n_rows):
    model, rows = _random_model_and_rows(12, n_rows)
    many = model.logits_many(rows)
    assert many == [list(model.logits(f).values()) for f in rows]


def test_batch_sums_follow_a_label_model_replaced_after_first_use():
    model, rows = _random_model_and_rows(3, 50)
    model.logits_many(rows)
    model.labels["hostile"] = LabelModel(1.5, {"cue:c1": 2.0})
    assert model.logits_many(rows) == [list(model.logits(f).values()) for f in rows]


def test_characters_that_fold_to_nothing_or_to_two_keep_their_offsets():
    # Worked by hand: the zero-width joiner (U+200D) is dropped, the "fi" ligature (U+FB01) becomes two letters
    # that both come from its one character.
    folded = normalise("a\u200db \ufb01le")
    assert folded.text == "ab file"
    assert folded.starts == (0, 2, 3, 4, 4, 5, 6)
    gujarati = normalise("\u0aa8\u0abe\u200d\u0aae \ufb01")
    assert gujarati.text == "\u0aa8\u0abe\u0aae fi"
    assert gujarati.starts == (0, 1, 3, 4, 5, 5)


@pytest.mark.parametrize("text", ["plea\u017fe \u017fend the report", "\u212aindly \u017fend the report"])
def test_please_is_found_in_the_letters_a_case_insensitive_match_allows(text):
    # The long s (U+017F) and the Kelvin sign (U+212A) match s and k case-insensitively; the fast
    # substring hint must not miss them (the filter's normalising folds them first, this function alone need not).
    assert imperative_spans(text) == [(0, 22)]


_CODE = re.compile(r"[A-Za-z]\d{4}")


@pytest.mark.parametrize("text, expected", [
    ("A1234", True), ("ab12345678", True), ("1a1234", True), ("survey no GJ01AB1234", True),
    ("12345", False), ("x 1234", False), ("year 2024", False), ("", False), ("a\u0967\u0968\u0969\u096a", True),
])
def test_letter_then_four_digits_hint_is_the_pattern(text, expected):
    assert _has_code(text) is expected
    assert (_CODE.search(text) is not None) is expected


def test_cue_offsets_and_the_kept_norm_ids_are_the_tokens_own():
    # The lexicon component takes its cues' character offsets and the classifier's NORM ids from one
    # `to_array`; held against spaCy's own Spans (start_char, end_char) and Tokens' norms.
    from nlp.components import NORMS_KEY

    pipeline = build_pipeline(with_classifier=False)
    rules = pipeline.get_pipe("samvad_lexicon_rules")
    checked = 0
    for text in TEXTS + ["Kindly submit the tender draft to the Collector, Rajkot by Monday.",
                         "ગોપનીય પરિપત્ર: આ માહિતી આગળ મોકલવી નહીં"]:
        doc = pipeline.make_doc(normalise(text).text)
        found = rules.cues(doc)
        spans = rules.matcher(doc, as_spans=True)
        for span in spans:
            if span.label_ not in ("conf_marker", "conf_marker_weak"):  # (these a negation may drop)
                assert (span.start_char, span.end_char) in found[span.label_]
                checked += 1
        if spans:
            assert doc.user_data[NORMS_KEY].tolist() == [token.norm for token in doc]
    assert checked >= 5


@pytest.mark.parametrize("text, expected", [
    # Mostly Gujarati: the script decides before the Latin words are found.
    ("આજે સાંજ સુધીમાં અહેવાલ મોકલવો. Report pending", "gu"),
    # Mostly Devanagari, a few Latin letters.
    ("सभी तलाटी कल सुबह बैठक में रहें ok", "hi"),
    # The Latin letters outweigh the script: romanised Gujarati words then decide.
    ("tame aaje report moklo ane amne jaan karo ક", "gu"),
    # The Latin letters outweigh the script, and they are English: the script still decides ("script" fallback).
    ("Please send the relief figures by evening today ક", "gu"),
    ("Please send the relief figures by evening today", "en"),
])
def test_language_with_and_without_the_script_shortcut(text, expected):
    from nlp.language import detect_language

    assert detect_language(text) == expected


def _random_texts(seed: int, alphabet: str, n: int = 4000) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(n)]


# Separators, letters (the ones read as digits among them), digits and other characters, blanks weighted up.
_ASCII_ALPHABET = "     ..--**__~~||//\\\\++abcoilOILxyZ0123456789,;:!?@$#\n\t"


def test_the_ascii_hints_of_normalising_never_hide_a_match_of_the_searches_they_stand_before():
    from nlp.normalise import _RUN_HINT, _SIX_DIGITS, _ascii_hints

    texts = _random_texts(7, _ASCII_ALPHABET) + _random_texts(8, "0123456789oilOIL| x.") + [
        "p.o.l.i.c.y p.r.o.p.o.s.a.l", "s e c r e t", "9 8 2 4 0 1 2 3 4 5", "98240l2345", "1o2o3o4o5o6",
        "a b", "x-1-y", "ab 12345", "12345 6", "123456", "I am a man",
    ]
    runs = sixes = 0
    for text in texts:
        run_hint, six_hint = _ascii_hints(text)
        if _RUN_HINT.search(text) is not None:
            assert run_hint, text
            runs += 1
        if _SIX_DIGITS.search(text) is not None:
            assert six_hint, text
            sixes += 1
    assert runs > 100 and sixes > 100  # the random texts reach both searches' matches
    # And the hints do rule texts out: no lone letter between separators, fewer than six digits.
    assert _ascii_hints("Send the figures by 15:00 today") == (False, False)


_NAME_ALPHABET = ["Ramesh", "Patel", "of", "Anand", ",", " ", " ", "  ", "age", "aged", "42", "\n", "x", "A", "Bhai",
                  "Mr", ".", "alias", "Kumar", "Shah", "રમેશ", "પટેલ", "रमेश", "શેખ", "1", "123", "1234", "_", "É"]


def test_the_name_patterns_written_for_speed_find_what_the_plain_ones_find():
    from nlp import names

    rng = random.Random(11)
    texts = ["".join(rng.choice(_NAME_ALPHABET) + rng.choice(["", " ", " ", " ", ", ", "\n"])
                     for _ in range(rng.randint(0, 10))) for _ in range(6000)]
    plain_place = re.compile(
        r"(?P<name>\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,2})(?=\s+of\s+[A-Z]|,\s+(?:\d|[A-Z][a-z]+,|age|aged))")
    plain_age = re.compile(r"(?P<name>[\u0900-\u0963\u0966-\u097F\u0A80-\u0AFF]+\s+[\u0900-\u0963\u0966-\u097F\u0A80-\u0AFF]+)"
                           r"\s*,\s*\d{1,3}\s*,")
    plain_surname = re.compile(r"(?P<name>\b[A-Z][a-z]+(?:\s+(?:alias\s+)?[A-Z][a-z]+)?\s+(?P<surname>[A-Z][a-z]+))\b")
    (_, place), (age_hint, age), (_, surname) = names._PATTERNS[8:11]
    matched = 0
    for text in texts:
        for fast, plain in ((place, plain_place), (age, plain_age), (surname, plain_surname)):
            spans = [m.span("name") for m in plain.finditer(text)]
            assert [m.span("name") for m in fast.finditer(text)] == spans, text
            matched += bool(spans)
        if plain_place.search(text):
            assert names._BEFORE_PLACE_OR_AGE.search(text), text
        if plain_age.search(text):
            assert age_hint(text, text.lower(), frozenset()), text
    assert matched > 500


def _plain_first_fit(groups, window):
    from nlp.components import _gap

    for anchor in groups[0]:
        chosen = [anchor]
        for spans in groups[1:]:
            near = [s for s in spans if s != anchor and _gap(anchor, s) <= window and s not in chosen]
            if not near:
                break
            chosen.append(min(near, key=lambda s: _gap(anchor, s)))
        else:
            return min(s[0] for s in chosen), max(s[1] for s in chosen)
    return None


def test_the_rules_nearest_occurrence_is_the_plain_computations():
    from nlp.components import _first_fit

    rng = random.Random(5)
    fitted = 0
    for _ in range(20000):
        def spans():
            starts = [rng.randint(0, 300) for _ in range(rng.randint(1, 4))]
            return [(s, s + rng.randint(1, 20)) for s in starts]
        groups = [spans() for _ in range(rng.randint(1, 4))]
        if rng.random() < 0.2:  # a span shared by two groups (one cue in two alternatives)
            groups[-1].append(groups[0][0])
        window = rng.choice([0, 20, 60, 160])
        expected = _plain_first_fit(groups, window)
        assert _first_fit(groups, window) == expected, (groups, window)
        fitted += expected is not None
    assert fitted > 5000


# The number cues as they were written before the look-aheads for the first letters of the units and months.
_PLAIN_TIME = (
    r"(?<![\w.])\d{1,2}(?:[:.]\d{2})?\s*(?:a\.?m\.?|p\.?m\.?|hrs|hours|o'?clock|vage|vaage|vagye|baje|bajey"
    r"|vagya|વાગ્યે|વાગે|વાગ્યા|કલાકે|કલાક|બજે|बजे|वाजता)(?![^\W\d_])"
    r"|(?<![\w.:])(?:[01]?\d|2[0-3]):[0-5]\d(?![\d:])"
)
_PLAIN_DATE = (
    r"(?<![\d/.\-])(?:0?[1-9]|[12]\d|3[01])[/.\-](?:0?[1-9]|1[0-2])(?:[/.\-](?:20)?\d{2})?(?![\d/.\-]\d)"
    r"|(?<!\w)(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
)
_PLAIN_MONEY = (
    r"(?:₹|\brs\.?|\binr)\s*\d"
    r"|\d(?:[\d,.]*)\s*(?:lakh|lakhs|lac|crore|crores|cr\b|%|per ?cent|લાખ|કરોડ|ટકા|लाख|करोड़|करोड|प्रतिशत)"
)
_NUMBER_PIECES = ["1", "12", "123", "2024", "0", "9", ":", ".", "/", "-", ",", " ", " ", "  ", "%", "₹", "rs", "Rs.",
                  "inr", "INR", "am", "A.M.", "pm", "hrs", "hours", "o'clock", "oclock", "vage", "baje", "lakh", "lac",
                  "Crore", "cr", "per cent", "percent", "jan", "Sept", "dec", "st", "th", "x", "_", "વાગ્યે", "કલાક",
                  "लाख", "करोड़", "प्रतिशत", "ટકા", "ſ", "K", "İ", "ı", "\n"]


def test_the_number_cues_with_first_letter_look_aheads_are_the_plain_patterns():
    from nlp.recognisers import digit_runs
    from nlp.rules import REGEX_CUES, _CURRENCY, number_cues

    plain = re.compile(rf"(?P<time>{_PLAIN_TIME})|(?P<date>{_PLAIN_DATE})|(?P<money>{_PLAIN_MONEY})", re.IGNORECASE)
    plain_currency = re.compile(r"(?:₹|\brs\.?|\binr)\s*\d", re.IGNORECASE)
    rng = random.Random(13)
    texts = ["".join(rng.choice(_NUMBER_PIECES) for _ in range(rng.randint(1, 9))) for _ in range(8000)]
    texts += ["Meeting at 10:30 am on 5th Dec, Rs. 2,50,000 and 12 lakh, 45%", "૧૦ વાગ્યે", "५ बजे", "3rd sept"]
    found = 0
    for text in texts:
        for at in range(len(text)):
            want = plain.match(text, at)
            got = REGEX_CUES["numbers"].match(text, at)
            assert (got and (got.span(), got.lastgroup)) == (want and (want.span(), want.lastgroup)), (text, at)
            found += want is not None
        assert [m.span() for m in _CURRENCY.finditer(text)] == [m.span() for m in plain_currency.finditer(text)], text
        # number_cues: the plain pattern tried at every run of digits, then the currency search.
        expected, end = [], -1
        for run in re.finditer(r"\d+", text):
            if run.start() >= end and (m := plain.match(text, run.start())):
                expected.append((m.lastgroup, m.start(), m.end()))
                end = m.end()
        if "₹" in text or "rs" in text.lower() or "inr" in text.lower():
            expected += [("money", m.start(), m.end()) for m in plain_currency.finditer(text)]
        assert number_cues(text) == expected, text
        # The same with the runs of digits found once by the caller (`digit_runs`), as the filter passes them.
        assert number_cues(text, text.lower(), digit_runs(text)) == expected, text
    assert found > 2000


_CONTEXT_WORDS = ("a/c", "account no", "bank", "sb", "saving", "savings", "khata", "his", "her", "mo", "mobile",
                  "call", "eoc", "kyc", "e-kyc", "uid", "ખાતા", "ખાતા નં", "मो", "फ़ोन", "helpline", "sarkari")


def test_context_words_with_a_first_letter_look_ahead_are_the_plain_alternation():
    from nlp.recognisers.base import words

    body = "|".join(sorted((re.escape(w) for w in _CONTEXT_WORDS), key=len, reverse=True))
    plain = re.compile(rf"(?<![^\W_])(?:{body})(?![^\W_])", re.IGNORECASE)
    fast = words(*_CONTEXT_WORDS)
    pieces = list(_CONTEXT_WORDS) + ["SB", "Bank", "HIS", "x", "1", "_", " ", " ", ".", "ſb", "ſaving", "uİd", "Kyc",
                                     "ı", "é", "ખાતાનં", "\n"]
    rng = random.Random(17)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 8))) for _ in range(6000)]
    matched = 0
    for text in texts:
        spans = [m.span() for m in plain.finditer(text)]
        assert [m.span() for m in fast.finditer(text)] == spans, text
        for start in range(0, len(text), 3):  # the windows `Recogniser.near` searches
            want = plain.search(text, start, start + 12)
            assert (fast.search(text, start, start + 12) is None) == (want is None), (text, start)
        matched += bool(spans)
    assert matched > 2000


def test_the_gujarati_and_hindi_name_hints_are_substring_tests():
    from nlp import names

    pieces = list(names._INDIC_HONORIFICS + names._INDIC_ROLES + names._INDIC_SUFFIXES) + [
        "રમેશ", "रमेश", " ", ".", "x", "શ્", "भा", "ब"]
    rng = random.Random(19)
    for _ in range(4000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 3)))
        for pattern, plain in ((names._INDIC_HONORIFIC_IN, names._INDIC_HONORIFICS), (names._INDIC_ROLE_IN, names._INDIC_ROLES),
                               (names._INDIC_SUFFIX_IN, names._INDIC_SUFFIXES)):
            assert (pattern.search(text) is not None) == any(word in text for word in plain), text


# ASCII, Gujarati and Devanagari letters and signs (which fold to themselves), and characters that fold: accents,
# look-alikes, native digits, joiners, ligatures, emoji, blanks.
_FOLD_ALPHABET = "ab 1.\u0a95\u0abe\u0aa8\u0abc\u0ae7\u0915\u093f\u093c\u0967\u0901\u00e9\u0430\u200d\u200b\ufb01\u2460🙏\u00a0\u3000"


def test_the_runs_of_characters_to_fold_are_the_plain_runs():
    # `_NEEDS_FOLD_RUN` is written "one of the class, then any more" (so that a search tests each character against
    # the class instead of trying a whole match at each): the runs of the plain "one or more".
    from nlp.normalise import _NEEDS_FOLD, _NEEDS_FOLD_RUN

    plain = re.compile(_NEEDS_FOLD.pattern + "+")
    for text in _random_texts(7, _FOLD_ALPHABET) + TEXTS:
        assert [m.span() for m in _NEEDS_FOLD_RUN.finditer(text)] == [m.span() for m in plain.finditer(text)]



@pytest.mark.parametrize("module, name, plain", [
    ("nlp.rules", "_DIGIT_RUN", r"\d+"),
    ("nlp.recognisers", "_DIGIT_RUN", r"\d+"),
    ("nlp.recognisers.base", "_DIGIT_RUN", r"\d+"),
    ("nlp.language", "_LATIN_WORD", r"[A-Za-z]+"),
    ("nlp.language", "_GUJARATI_RUN", r"[\u0A80-\u0AFF]+"),
    ("nlp.language", "_DEVANAGARI_RUN", r"[\u0900-\u097F\uA8E0-\uA8FF]+"),
])
def test_runs_written_one_then_any_more_are_the_plain_runs(module, name, plain):
    # "x, then any more x" for "one or more x": the same runs (a search of it tests each character against the
    # class instead of trying a whole match at each). Native digits are digits to \d as well.
    import importlib

    pattern = getattr(importlib.import_module(module), name)
    reference = re.compile(plain)
    alphabet = "aZ 09.\u0ae7\u0967\u0a95\u0abe\u0915\u093f\ua8e0\u00e9\u0131K," + _FOLD_ALPHABET
    for text in _random_texts(9, alphabet) + TEXTS:
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in reference.finditer(text)]
        assert pattern.findall(text) == reference.findall(text)


def test_the_sentence_ends_opening_with_a_blank_are_the_plain_pattern():
    from nlp.decision import _SEGMENT_END

    plain = re.compile(r"(?<=[.!?।|])\s+|\n+")
    alphabet = "ab .!?।|\n\n  \t\r\u00a0\u2003x,;" + "\u0a95\u0abe"
    for text in _random_texts(10, alphabet) + TEXTS:
        assert [m.span() for m in _SEGMENT_END.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_digit_runs_are_the_plain_runs_and_shared_runs_find_the_same_identifiers():
    from nlp.normalise import normalise
    from nlp.recognisers import Allowlist, build_recognisers, digit_runs, find_identifiers

    recognisers = build_recognisers(Allowlist.build(["+919824012345"]))
    rng = random.Random(17)
    pieces = ["1", "23", "4567", "98240", "12345", " ", "-", ".", "a", "X", "Aadhaar ", "PAN ", "mob ", "@", "gmail.com",
              "ABCDE1234F", "GJ/01/123/456789", "2345 6789 0124", "૧૨", "\n"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(3000)]
    for text in (normalise(t).text for t in texts):  # (the recognisers read normalised text)
        assert digit_runs(text) == [m.span() for m in re.finditer(r"\d+", text)], text
        assert find_identifiers(recognisers, text, digit_runs(text)) == find_identifiers(recognisers, text), text


def test_the_language_without_lower_casing_a_text_in_its_script_is_the_plain_rule():
    from nlp.language import _EITHER, _GU_ONLY, _HI_ONLY, _LATIN_WORD, _script_count, detect_language

    def plain(text):  # detect_language as it was, lower-casing every text first
        gu, hi = _script_count(text)
        lowered = text.lower()
        if (gu or hi) and max(gu, hi) * 2 >= len(lowered) - gu - hi:
            return "gu" if gu >= hi else "hi"
        words = _LATIN_WORD.findall(lowered)
        if (gu or hi) and max(gu, hi) * 2 >= sum(map(len, words)):
            return "gu" if gu >= hi else "hi"
        script = "gu" if gu > hi else ("hi" if hi > gu else "en")
        if not words or _EITHER.isdisjoint(words):
            return script
        gu_hits, hi_hits = sum(w in _GU_ONLY for w in words), sum(w in _HI_ONLY for w in words)
        if gu_hits == hi_hits:
            return script
        best, hits = ("gu", gu_hits) if gu_hits > hi_hits else ("hi", hi_hits)
        return best if hits >= 2 and hits * 6 >= len(words) else script

    rng = random.Random(5)
    # İ lower-cases to two characters: the texts where it tips the balance are the ones that matter.
    pieces = ["બેઠક", "છે", "मीटिंग", "है", "İ", "İİİ", "ı", "a", "meeting", " ", "che", "hai", "ok", "IIII"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 8)))
        assert detect_language(text) == plain(text), text
