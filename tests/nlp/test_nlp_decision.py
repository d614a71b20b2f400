"""The decision: a logistic regression over cue features, two thresholds per label, and the tiers they give."""
from __future__ import annotations

import math

import pytest

from nlp import ContentFilter, Tier
from nlp.decision import (CONJUNCTIONS, MARKING_HEADING, PATTERN_CONJUNCTIONS, PATTERN_ONLY, DecisionModel, LabelModel,
                          choose_thresholds, fit_logistic, logit_at_least, precision_lower_bound, sigmoid,
                          smallest_sample_for)
from nlp.lexicons.decision import HOSTILE_PATTERNS
from nlp.verdict import LABELS


def test_upper_threshold_is_the_lowest_score_whose_acted_set_keeps_its_precision():
    # Worked by hand: from the top, 0.9, 0.8 and 0.7 are all right (precision 1); at 0.6 a wrong one
    # makes it 3/4. F1 below the upper: 0.7 -> 6/7, 0.6 -> 6/8, 0.5 -> 8/9, 0.4 -> 8/10; best at 0.5.
    chosen = choose_thresholds([0.9, 0.8, 0.7, 0.6, 0.5, 0.4], [True, True, True, False, True, False],
                               act_precision=0.97, min_act=1, lower_precision=0.0)
    assert chosen["upper"] == 0.7
    assert chosen["lower"] == 0.5
    assert chosen["at_upper"] == {"threshold": 0.7, "precision": 1.0, "recall": 0.75, "given": 3}
    assert chosen["at_lower"] == {"threshold": 0.5, "precision": 0.8, "recall": 1.0, "given": 5}


def test_no_upper_tier_when_even_the_top_scores_are_wrong_too_often():
    chosen = choose_thresholds([0.9, 0.8, 0.7, 0.6, 0.5], [False, True, False, True, False], min_act=2,
                               lower_precision=0.0)
    assert chosen["upper"] > 1.0
    assert chosen["lower"] <= 0.9
    # With the review tier's precision floor (at most 1/2 right from the top here), no label is given at all.
    chosen = choose_thresholds([0.9, 0.8, 0.7, 0.6, 0.5], [False, True, False, True, False], min_act=2)
    assert chosen["lower"] > 1.0 and chosen["at_lower"]["given"] == 0


def test_the_review_tier_keeps_its_own_precision_floor():
    # The same scores as above: F1 alone puts the lower threshold at 0.5 (precision 4/5 from the top); with a
    # floor of 0.85 the points 0.6 (3/4) and 0.5 (4/5) are out, and the best left is the upper itself, 0.7.
    chosen = choose_thresholds([0.9, 0.8, 0.7, 0.6, 0.5, 0.4], [True, True, True, False, True, False],
                               act_precision=0.97, min_act=1, lower_precision=0.85)
    assert chosen["upper"] == 0.7
    assert chosen["lower"] == 0.7
    assert chosen["at_lower"] == {"threshold": 0.7, "precision": 1.0, "recall": 0.75, "given": 3}


@pytest.mark.parametrize(("correct", "given", "confidence", "published"), [
    # R's binom.test (the Clopper-Pearson interval), two-sided 95% intervals as published, whose lower ends are the
    # one-sided 97.5% bounds: binom.test(9, 24, 1/6) -> "95 percent confidence interval: 0.1879929 0.5940636";
    # binom.test(x = 10, n = 20, p = 0.4) -> "0.2719578 0.7280422".
    (9, 24, 0.975, 0.1879929),
    (10, 20, 0.975, 0.2719578),
])
def test_precision_lower_bound_matches_published_clopper_pearson_intervals(correct, given, confidence, published):
    assert precision_lower_bound(correct, given, confidence=confidence) == pytest.approx(published, abs=5e-7)


def test_a_clean_run_needs_ninety_nine_messages_to_show_ninety_seven_percent():
    # All right of n: the bound is 0.05 ** (1/n); 0.05 ** (1/98) = 0.9699, 0.05 ** (1/99) = 0.9702.
    assert smallest_sample_for(0.97) == 99
    assert precision_lower_bound(98, 98) < 0.97 <= precision_lower_bound(99, 99)
    assert precision_lower_bound(0, 10) == 0.0
    with pytest.raises(ValueError):
        precision_lower_bound(11, 10)


def test_with_a_bound_the_upper_tier_stops_where_calibration_no_longer_proves_the_precision():
    # 150 right at the top, then a wrong one at every 40th place below: the point estimate never falls under 0.98
    # (296 of 300 at the bottom), but 150 of 151 bounds precision at 0.9690 < 0.97 (97% is not shown there):
    # the bound stops the walk at the first wrong one, where the point estimate alone acts on all 300.
    scores = [1.0 - i / 1000 for i in range(300)]
    gold = [i < 150 or (i - 150) % 40 != 0 for i in range(300)]
    estimate_only = choose_thresholds(scores, gold, act_precision=0.98, lower_precision=0.0)
    bounded = choose_thresholds(scores, gold, act_precision=0.98, lower_precision=0.0, act_bound=0.97)
    assert bounded["at_upper"]["given"] == 150 and bounded["at_upper"]["precision"] == 1.0
    assert estimate_only["at_upper"]["given"] == 300
    # Fewer than 99 messages in all: nothing can show the bound, so nothing acts by itself; labels go to review.
    few = choose_thresholds(scores[:60], [True] * 60, act_precision=0.98, act_bound=0.97)
    assert few["upper"] > 1.0 and few["at_lower"]["given"] == 60


def test_logistic_regression_learns_which_feature_marks_the_label():
    rows = [{"cue:a": 1.0}] * 20 + [{"cue:b": 1.0}] * 20 + [{}] * 20
    model = fit_logistic(rows, [True] * 20 + [False] * 40, l2=0.1)
    assert sigmoid(model.logit({"cue:a": 1.0})) > 0.9
    assert sigmoid(model.logit({"cue:b": 1.0})) < 0.1
    assert sigmoid(model.logit({})) < 0.1


def test_newton_steps_do_not_overshoot_when_the_prior_saturates_every_score():
    # A prior far from the data makes every first score 0 or 1; the undamped Newton step then sent the bias to
    # about -9e7 and the label to no message (in the real corpus, to every message). Damped, it stays usable.
    rows = [{"cue:a": 1.0 if i < 10 else 0.0, "len": 5.0} for i in range(100)]
    model = fit_logistic(rows, [i < 10 for i in range(100)], prior={"cue:a": 40.0, "len": 10.0}, min_count=1)
    assert abs(model.bias) < 1000
    assert sigmoid(model.logit({"cue:a": 1.0, "len": 5.0})) > 0.9
    assert sigmoid(model.logit({"len": 5.0})) < 0.1


def test_decision_survives_its_json_form(tmp_path):
    model = DecisionModel({label: LabelModel(-1.0, {"cue:x": 2.0}, 0.4, 0.8) for label in LABELS}, {"chosen_on": "c"})
    model.write(tmp_path / "d.json")
    again = DecisionModel.read(tmp_path / "d.json")
    assert again.labels["hostile"] == LabelModel(-1.0, {"cue:x": 2.0}, 0.4, 0.8)
    assert again.figures == {"chosen_on": "c"}


_PIPELINE = []


def _filter_with(upper: float) -> ContentFilter:
    """Rules only, with a decision whose score is the combined rule evidence itself (logit 10 per unit above 0.5)."""
    if not _PIPELINE:
        from nlp.pipeline import build_pipeline

        _PIPELINE.append(build_pipeline(with_classifier=False))
    labels = {label: LabelModel(-5.0, {"rulecomb:" + label: 10.0}, 0.5, upper) for label in LABELS}
    return ContentFilter(_PIPELINE[0], DecisionModel(labels))


def test_a_label_between_the_thresholds_is_given_for_review_with_its_evidence():
    verdict = _filter_with(upper=0.999).check("You idiot, shut up.")
    assert verdict.labels == ("hostile",)
    assert verdict.tier("hostile") is Tier.REVIEW and verdict.review == ("hostile",) and verdict.acted == ()
    assert verdict.for_label("hostile") and verdict.for_label("hostile")[0].reason_code == "abuse"
    assert 0.5 <= verdict.score("hostile") < 0.999


def test_a_label_at_or_above_the_upper_threshold_is_acted_on():
    verdict = _filter_with(upper=0.6).check("You idiot, shut up.")
    assert verdict.tier("hostile") is Tier.ACT and verdict.acted == ("hostile",) and verdict.review == ()


def test_a_checksum_validated_aadhaar_is_acted_on_whatever_the_upper_threshold():
    # 2345 6789 0124 passes Verhoeff (the known-good number of tests/nlp/test_nlp_recognisers.py).
    verdict = _filter_with(upper=1.01).check("Aadhaar 2345 6789 0124")
    assert verdict.tier("personal_data") is Tier.ACT
    assert verdict.score("personal_data") == 1.0


# Per-sentence scoring of long messages (nlp.decision.segments, nlp.filter.ContentFilter._score_segments).

LONG_UPDATE = ("Good morning all, rainfall in Sanand was 42 mm overnight and every road is open again.\n"
               "The shelters at the school were inspected and the kitchen served 120 people today.\n"
               "Also, not for circulation: the draft jantri proposes a 30% increase for commercial plots.")


def test_a_short_message_is_not_split_into_sentences():
    from nlp.decision import segments

    assert segments("Noted sir. Will send by evening.") == []


def test_a_long_message_is_split_at_its_lines_and_sentences():
    from nlp.decision import segments

    spans = segments(LONG_UPDATE)
    assert [LONG_UPDATE[s:e] for s, e in spans] == LONG_UPDATE.split("\n")


def test_a_fragment_too_short_to_be_a_sentence_joins_its_neighbour():
    from nlp.decision import segments

    text = "Ok. " + "The relief kits reached the godown at Dholka this morning and were counted. " * 3
    spans = segments(text)
    assert spans[0][0] == 0 and text[spans[0][0]:spans[0][1]].startswith("Ok. The relief kits")


def test_the_most_suspicious_sentence_of_a_long_message_is_a_feature(content_filter):
    norm = content_filter._normalise(LONG_UPDATE)
    docs, cats = content_filter.annotate([norm.text])
    f = content_filter.features_of(norm, docs[0], cats[0], "en")
    assert f["segmented"] == 1.0
    best = docs[0].user_data["samvad_segments"]["confidential"]
    # The third line, which carries the marking and the draft, scores highest for confidential.
    assert LONG_UPDATE[best[1]:best[2]].startswith("Also, not for circulation")
    assert f["seg_rule:confidential"] > 0


def test_a_short_message_has_no_sentence_features(content_filter):
    norm = content_filter._normalise("Noted sir, will send by evening.")
    docs, cats = content_filter.annotate([norm.text])
    f = content_filter.features_of(norm, docs[0], cats[0], "en")
    assert not any(name.startswith("seg") for name in f)


def _pattern_features(content_filter, text: str) -> set[str]:
    norm = content_filter._normalise(text)
    docs, cats = content_filter.annotate([norm.text])
    f = content_filter.features_of(norm, docs[0], cats[0], "en")
    return {name for name in f if name.startswith("and:")}


@pytest.mark.skipif(not HOSTILE_PATTERNS, reason="host12's classes are not matched (nlp/lexicons/decision.py HOSTILE_PATTERNS)")
def test_hostility_without_abusive_words_is_seen_as_a_pattern(content_filter):
    # Each written from the family's definition: mock thanks (thanks + a delay), insinuated bribery (money + an
    # office + a question), a threat of public shaming (going public + a consequence), a veiled threat of harm.
    assert "and:thanks_with_failure" in _pattern_features(
        content_filter, "Thank you sir for signing my pension file after only eleven months of rounds.")
    assert "and:money_post_hint" in _pattern_features(
        content_filter, "How does a talati afford a farmhouse on his salary? Everyone knows.")
    assert "and:shame_with_consequence" in _pattern_features(
        content_filter, "Clear the file by Monday, otherwise the newspaper will print all of it.")
    assert "and:veiled_harm_at_you" in _pattern_features(
        content_filter, "Think of your family before you send that report. Anything can happen, be warned.")
    assert "and:jibe_at_someone" in _pattern_features(content_filter, "Mamlatdar saheb, do you even open your mail?")


def test_the_near_misses_of_those_patterns_carry_none_of_them(content_filter):
    # Sincere thanks, criticism of a process, pests "killed", money in a report: each class alone is no feature.
    for text in ("Thank you sir for the quick approval, the farmers are grateful.",
                 "The tender process takes too long; please review the delay at the next meeting.",
                 "Spray the fields to kill the pests before the rain.",
                 "Cash relief of Rs 4,000 paid to 312 families by the Mamlatdar office today."):
        found = _pattern_features(content_filter, text)
        assert not found - {"and:promise_first_person"}, (text, found)
        norm = content_filter._normalise(text)
        docs, cats = content_filter.annotate([norm.text])
        f = content_filter.features_of(norm, docs[0], cats[0], "en")
        assert not {"cue:thanks", "cue:praise", "cue:failure", "cue:money_hint", "cue:post_ref", "cue:harm_verb"} & set(f)


def test_with_the_switch_off_the_pattern_classes_are_neither_matched_nor_counted():
    # Off (the packaged model has no weight for them), host12's classes cost nothing: no phrase of theirs is in the
    # lexicons the pipeline matches, and no conjunction of theirs is tested.
    from nlp.lexicons import all_cues
    from nlp.lexicons.decision import PATTERN_CUES

    assert set(PATTERN_CUES) == set(PATTERN_ONLY)
    assert bool(set(PATTERN_CUES) & set(all_cues())) == HOSTILE_PATTERNS
    assert (set(PATTERN_CONJUNCTIONS) <= set(CONJUNCTIONS)) == HOSTILE_PATTERNS


# A marking heading (nlp.decision.MARKING_HEADING): labels.md's first case of `confidential`, "the message itself
# carries content described as confidential"; its "No" list (the circular's rule explained, a published GR, a
# document sent through the proper channel) keeps its force.

def _never_confidential() -> ContentFilter:
    """Rules only, with a decision that never gives confidential on its own (and the other labels as _filter_with)."""
    if not _PIPELINE:
        from nlp.pipeline import build_pipeline

        _PIPELINE.append(build_pipeline(with_classifier=False))
    labels = {label: LabelModel(-5.0, {"rulecomb:" + label: 10.0}, 0.5, 0.999) for label in LABELS}
    labels["confidential"] = LabelModel(-6.0, {}, 0.62, 0.9)
    return ContentFilter(_PIPELINE[0], DecisionModel(labels))


@pytest.mark.skipif(not MARKING_HEADING, reason="the marking-heading rule is off (nlp/decision.py MARKING_HEADING)")
def test_a_marking_heading_gives_confidential_for_review_whatever_the_model_says():
    cf = _never_confidential()
    for text in ("RESTRICTED: the transfer list of the three Mamlatdars is attached, keep it with you.",
                 "ગોપનીય: આવતીકાલની બેઠકની યાદી સાથે મોકલું છું."):
        verdict = cf.check(text)
        assert verdict.has("confidential"), text
        assert verdict.tier("confidential") is Tier.REVIEW, text
        assert verdict.score("confidential") >= 0.62
        assert cf.check_many([text])[0].labels == verdict.labels


@pytest.mark.skipif(not MARKING_HEADING, reason="the marking-heading rule is off (nlp/decision.py MARKING_HEADING)")
def test_a_marking_word_that_is_not_a_heading_or_is_talk_about_the_rules_is_not_raised():
    cf = _never_confidential()
    for text in ("The confidential file was discussed in the meeting.",
                 "Confidential: as per the circular, such files must not be posted in this group.",
                 "Confidential: the report has been sent by sealed cover to the Collector."):
        assert not cf.check(text).has("confidential"), text


@pytest.mark.skipif(not MARKING_HEADING, reason="the marking-heading rule is off (nlp/decision.py MARKING_HEADING)")
def test_a_marking_word_standing_alone_is_a_label_of_what_it_is_posted_with():
    # labels.md: "an attachment so marked is being shared in the group": a caption or message that is only the
    # marking is a label; the same word inside a sentence, or asked about, is not.
    cf = _never_confidential()
    for text in ("CONFIDENTIAL", "*ગોપનીય* 🔒", "गोपनीय", "Restricted.", "\ud800 confidential"):
        verdict = cf.check(text)
        assert verdict.has("confidential"), text
        assert verdict.tier("confidential") is Tier.REVIEW, text
        assert cf.check_many([text])[0].labels == verdict.labels
    for text in ("Is it confidential?", "Secret recipe for the party", "confidential section closed today",
                 "ખાનગી શાળા"):
        assert not cf.check(text).has("confidential"), text


def test_the_raised_score_passes_the_lower_threshold_exactly():
    for p in (0.5, 0.6074686222354276, 0.679156458691378, 0.9, 0.97):
        assert sigmoid(logit_at_least(p)) >= p
        assert logit_at_least(p) - math.log(p / (1 - p)) < 1e-12
    assert logit_at_least(1.01) == -math.inf and logit_at_least(1.0) == -math.inf
