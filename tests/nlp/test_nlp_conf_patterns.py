"""Confidential matter without a marking word, seen as patterns of ordinary cue classes (conf12k).

labels.md's "sensitive operational detail" (question papers, bid figures before opening, vigilance or inquiry details
about a named officer, government strategy in a pending court case) and the issue's "exam questions before the exam,
litigation strategy, an officer's vigilance or disciplinary case, bids before opening" carry no marking word. Each
pattern is a conjunction of classes that are ordinary alone (an exam, "tomorrow", a tender, "we will argue"); its
near misses (an exam already held, a published answer key, bids opened in public, rules explained in general, a
court order already given) meet none. The messages below were written for these tests from those definitions.
"""
from __future__ import annotations

import pytest

from nlp.decision import CONF_PATTERN_CONJUNCTIONS, CONF_PATTERN_ONLY, CONJUNCTIONS
from nlp.lexicons.decision import CONFIDENTIAL_PATTERNS

needs_switch = pytest.mark.skipif(
    not CONFIDENTIAL_PATTERNS, reason="conf12k's classes are not matched (nlp/lexicons/decision.py CONFIDENTIAL_PATTERNS)")


def _features(content_filter, text: str) -> dict[str, float]:
    norm = content_filter._normalise(text)
    docs, cats = content_filter.annotate([norm.text])
    return content_filter.features_of(norm, docs[0], cats[0], "en")


def _conjunctions(content_filter, text: str) -> set[str]:
    return {name for name in _features(content_filter, text) if name in CONF_PATTERN_CONJUNCTIONS}


@needs_switch
@pytest.mark.parametrize(("text", "expected"), [
    # An exam's questions while the exam is still to come, in English, Gujarati, Hindi and romanised Gujarati.
    ("Questions for tomorrow's Talati recruitment exam: Q1 on the Land Revenue Code, Q2 on jantri. Set A.",
     "and:exam_paper_ahead"),
    ("આવતીકાલે લેવાનાર તલાટી ભરતી પરીક્ષાના પ્રશ્નો: પ્રશ્ન 1 જમીન મહેસૂલ, પ્રશ્ન 2 જંત્રી.", "and:exam_paper_ahead"),
    ("आगामी रविवार को होने वाली पटवारी परीक्षा के प्रश्न नीचे हैं।", "and:exam_paper_ahead"),
    ("Aavtikale levanar pariksha na prashno aa rahya: 1) 7/12 utara 2) hak patrak", "and:exam_paper_ahead"),
    # Bids being weighed: who qualifies, who will be recommended.
    ("Technical evaluation of the bids for the desilting tender is in progress; Patel Infra looks disqualified, "
     "Shah Constructions will be recommended.", "and:bids_under_evaluation"),
    ("ટેન્ડરની ચકાસણી ચાલુ છે, એજન્સી A ગેરલાયક ઠરશે અને B લાયક છે.", "and:bids_under_evaluation"),
    ("निविदा का मूल्यांकन चल रहा है, फर्म X अयोग्य है, Y को काम मिलेगा।", "and:bids_under_evaluation"),
    # An identifiable officer's vigilance or disciplinary case under way.
    ("The ACB is laying a trap for the Dholka talati; the proposal to suspend him is being prepared.",
     "and:case_against_someone"),
    ("મામલતદાર સામે ખાતાકીય તપાસ ચાલુ છે, ફરજ મોકૂફીની દરખાસ્ત કલેક્ટરને મોકલી છે.", "and:case_against_someone"),
    # Our side's plan in a pending case.
    ("In the Patel SCA hearing on Monday we will argue limitation; do not mention the 2019 panchnama, "
     "that is our weak point.", "and:our_court_plan"),
    ("SCA ma aapni nabli baju e che ke panchnama nathi, sunavni ma teno ullekh na karvo.", "and:our_court_plan"),
])
def test_confidential_matter_without_a_marking_word_is_seen_as_a_pattern(content_filter, text, expected):
    assert _conjunctions(content_filter, text) == {expected}


@needs_switch
@pytest.mark.parametrize("text", [
    # An exam already held, a published answer key, a public exam notice, a paper that is no exam's.
    "The provisional answer key of Sunday's Talati exam is published on the GSSSB website; objections till 10th.",
    "Yesterday's exam was held smoothly in all 42 centres; 88% attendance.",
    "The Talati exam will be held on Sunday; hall tickets can be downloaded from the website.",
    "Please submit the paper on flood preparedness tomorrow.",
    # Bids opened in public, a result declared, a tender notice.
    "Result of the desilting tender declared: L1 Shah Constructions at 8% below estimate, work order issued.",
    "Bids for the desilting tender were opened in public in the presence of bidders; rates read out.",
    "Tender for desilting: last date for bids is 10 December; bids will be opened on 12 December.",
    # Disciplinary rules explained in general; a public awareness week; a case closed long ago.
    "As per the conduct rules, a charge sheet is issued to a government servant before a departmental inquiry; "
    "training session at 3 pm.",
    "The vigilance week will be observed from tomorrow; all officers to take the pledge.",
    "The talati was suspended last year by the Collector; the case is closed.",
    # A court's order already given; going to a hearing; "case" in its ordinary sense.
    "The High Court has dismissed the Patel SCA; judgment dated 2 Dec is on the website.",
    "We will attend the court hearing tomorrow at 11.",
    "In case of rain we will say the camp is shifted to the school.",
])
def test_the_near_misses_of_those_patterns_meet_none(content_filter, text):
    assert _conjunctions(content_filter, text) == set()


@needs_switch
def test_each_class_alone_is_no_feature(content_filter):
    # "Tomorrow", an exam, a tender, an evaluation: ordinary words; only the conjunction is evidence.
    f = _features(content_filter, "Tomorrow's exam duty chart and the tender evaluation schedule are attached.")
    assert not {"cue:" + cls for cls in CONF_PATTERN_ONLY} & set(f)


def test_with_the_switch_off_the_classes_are_neither_matched_nor_counted():
    from nlp.lexicons import all_cues
    from nlp.lexicons.decision import CONF_PATTERN_CUES

    assert set(CONF_PATTERN_CUES) == set(CONF_PATTERN_ONLY)
    assert bool(set(CONF_PATTERN_CUES) & set(all_cues())) == CONFIDENTIAL_PATTERNS
    assert (set(CONF_PATTERN_CONJUNCTIONS) <= set(CONJUNCTIONS)) == CONFIDENTIAL_PATTERNS
