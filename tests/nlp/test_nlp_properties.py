"""The filter never raises, and every span lies inside the text, whatever the input."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nlp.normalise import normalise

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

EMOJI = st.sampled_from(["🙏", "👍", "😀", "🇮🇳", "👨‍👩‍👧", "❤️", "🔥"])
SCRIPTS = st.sampled_from(
    ["ગોપનીય", "માહિતી", "गोपनीय", "जानकारी", "secret", "Aadhaar", "2345 6789 0124", "98240 12345", "\u200b", "ѕ", "૧૨૩", "s e c", "."]
)
MIXED = st.lists(st.one_of(SCRIPTS, EMOJI, st.text(max_size=5)), max_size=30).map(" ".join)


def check_verdict(text, verdict):
    assert list(verdict.labels) == sorted(set(verdict.labels))
    for e in verdict.evidence:
        assert 0 <= e.start < e.end <= len(text)
        assert 0.0 <= e.score <= 1.0
        assert e.label in verdict.labels
        assert e.reason


@SETTINGS
@given(st.text())
def test_arbitrary_unicode_never_raises(content_filter, text):
    check_verdict(text, content_filter.check(text))


@SETTINGS
@given(MIXED)
def test_mixed_scripts_never_raise(content_filter, text):
    check_verdict(text, content_filter.check(text))


@SETTINGS
@given(st.lists(EMOJI, min_size=1, max_size=50).map("".join))
def test_only_emoji(content_filter, text):
    verdict = content_filter.check(text)
    check_verdict(text, verdict)
    assert verdict.labels == ()


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given((st.text(min_size=1, max_size=64) | MIXED.filter(bool)).map(lambda s: (s * 4096)[:4096]))
def test_4096_character_messages(content_filter, text):
    check_verdict(text, content_filter.check(text))


@SETTINGS
@given(st.lists(st.one_of(st.text(max_size=40), MIXED), max_size=8))
def test_check_many_equals_check(content_filter, texts):
    assert content_filter.check_many(texts, batch_size=3) == [content_filter.check(t) for t in texts]


@SETTINGS
@given(st.text())
def test_normalised_spans_map_inside_the_original(text):
    norm = normalise(text)
    for start in range(len(norm.text)):
        s, e = norm.to_original(start, start + 1)
        assert 0 <= s < e <= len(text)


@SETTINGS
@given(st.text(alphabet=st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF) | st.sampled_from("ab c૧"), max_size=20))
def test_lone_surrogates_never_raise(content_filter, text):
    check_verdict(text, content_filter.check(text))


def test_empty_and_blank_text(content_filter):
    for text in ("", " ", "\n\t", "\u200b\u200b"):
        verdict = content_filter.check(text)
        assert verdict.labels == () and verdict.evidence == ()
