"""Confidential matter without a marking word, seen as patterns of ordinary cue classes (conf12k).

labels.md's "sensitive operational detail" (question papers, bid figures before opening, vigilance or inquiry details
about a named officer, government strategy in a pending court case) and the issue's "exam questions before the exam,
litigation strategy, an officer's vigilance or disciplinary case, bids before opening" carry no marking word. Each
pattern is a conjunction of classes that are ordinary alone (an exam, "tomorrow", a tender, "we will argue"); its
near misses (an exam already held, a published answer key, bids opened in public, rules explained in general, a
court order already given) meet none. The messages below were written for these tests from those definitions.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from nlp.decision import CONF_PATTERN_CONJUNCTIONS, CONF_PATTERN_ONLY, CONJUNCTIONS
from nlp.lexicons.decision import CONFIDENTIAL_PATTERNS

# The switch is off in the shipped filter (nlp/lexicons/decision.py CONFIDENTIAL_PATTERNS), so the classes are
# tested as a measurement sees them: in a child process where that module is the same source with the switch set
# to True (it imports nothing of nlp, so it is put in place before nlp is first imported; the line may already be
# True, for the day the switch is turned on), the packaged filter loaded there, each text's features computed as
# check() computes them.
_FEATURES_WITH_THE_SWITCH_ON = """
import importlib.util, json, sys, types
path = importlib.util.find_spec("nlp").submodule_search_locations[0] + "/lexicons/decision.py"
source = open(path, encoding="utf-8").read()
assert "\\nCONFIDENTIAL_PATTERNS = False\\n" in source or "\\nCONFIDENTIAL_PATTERNS = True\\n" in source, \
    "the switch's line is not in nlp/lexicons/decision.py"
lexicon = types.ModuleType("nlp.lexicons.decision")
lexicon.__file__ = path
exec(compile(source.replace("\\nCONFIDENTIAL_PATTERNS = False\\n", "\\nCONFIDENTIAL_PATTERNS = True\\n"), path, "exec"),
     lexicon.__dict__)
sys.modules["nlp.lexicons.decision"] = lexicon
from nlp import ContentFilter
from nlp.decision import CONJUNCTIONS, CONF_PATTERN_CONJUNCTIONS
assert set(CONF_PATTERN_CONJUNCTIONS) <= set(CONJUNCTIONS), "the switch did not turn on"
content_filter = ContentFilter.load()
features = {}
for text in json.load(sys.stdin):
    norm = content_filter._normalise(text)
    docs, cats = content_filter.annotate([norm.text])
    features[text] = sorted(content_filter.features_of(norm, docs[0], cats[0], "en"))
sys.stdout.write("FEATURES " + json.dumps(features))
"""

HITS = [
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
    # A VIP's movement plan (cue12l): route, arrival, halt, in English, Gujarati, Hindi and romanised Gujarati.
    ("The CM will land at the Sanand helipad at 10:40 and go via the bypass to the circuit house; night halt there.",
     "and:vip_movement_plan"),
    ("મુખ્યમંત્રીશ્રીનું આગમન સવારે 10:40 વાગ્યે હેલિપેડ પર, ત્યાંથી સર્કિટ હાઉસમાં રાત્રી રોકાણ.", "and:vip_movement_plan"),
    ("राज्यपाल का आगमन 11 बजे, काफिला बाईपास के रूट से सर्किट हाउस जाएगा।", "and:vip_movement_plan"),
    ("Mantri shri nu aagman 11 vage, kaflo bypass thi circuit house jashe.", "and:vip_movement_plan"),
]

NEAR_MISSES = [
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
    # A VIP's visit made public; a route or an arrival that is no VIP's; a time in the afternoon ("pm").
    "The CM will address a public meeting at the APMC ground at 4; all are invited. Traffic diversion on the bypass.",
    "મુખ્યમંત્રીશ્રીની જાહેર સભા સાંજે 4 વાગ્યે, જાહેર જનતાને ઉપસ્થિત રહેવા આમંત્રણ.",
    "The relief trucks will arrive at 4 pm via the bypass; night halt at the school.",
    "The minister thanked the volunteers for their work in the flood.",
]

# "Tomorrow", an exam, a tender, an evaluation: ordinary words; only the conjunction is evidence.
EACH_CLASS_ALONE = "Tomorrow's exam duty chart and the tender evaluation schedule are attached."


@pytest.fixture(scope="module")
def features_with_the_switch_on() -> dict[str, set[str]]:
    texts = [text for text, _ in HITS] + NEAR_MISSES + [EACH_CLASS_ALONE]
    child = subprocess.run(
        [sys.executable, "-c", _FEATURES_WITH_THE_SWITCH_ON], input=json.dumps(texts), capture_output=True,
        text=True, timeout=300)
    assert child.returncode == 0, child.stderr[-2000:]
    features = json.loads(child.stdout.rsplit("FEATURES ", 1)[1])
    return {text: set(names) for text, names in features.items()}


def _conjunctions(features: dict[str, set[str]], text: str) -> set[str]:
    return {name for name in features[text] if name in CONF_PATTERN_CONJUNCTIONS}


@pytest.mark.parametrize(("text", "expected"), HITS)
def test_confidential_matter_without_a_marking_word_is_seen_as_a_pattern(features_with_the_switch_on, text, expected):
    assert _conjunctions(features_with_the_switch_on, text) == {expected}


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_the_near_misses_of_those_patterns_meet_none(features_with_the_switch_on, text):
    assert _conjunctions(features_with_the_switch_on, text) == set()


def test_each_class_alone_is_no_feature(features_with_the_switch_on):
    assert not {"cue:" + cls for cls in CONF_PATTERN_ONLY} & features_with_the_switch_on[EACH_CLASS_ALONE]


@pytest.mark.skipif(CONFIDENTIAL_PATTERNS, reason="the switch is on in this process")
def test_with_the_switch_off_no_pattern_is_counted(content_filter):
    # The shipped filter: the texts the patterns catch give none of their features.
    for text, _ in HITS:
        norm = content_filter._normalise(text)
        docs, cats = content_filter.annotate([norm.text])
        features = set(content_filter.features_of(norm, docs[0], cats[0], "en"))
        assert not features & (set(CONF_PATTERN_CONJUNCTIONS) | {"cue:" + cls for cls in CONF_PATTERN_ONLY}), text


def test_the_switch_decides_whether_the_classes_are_matched_and_counted():
    from nlp.lexicons import all_cues
    from nlp.lexicons.decision import CONF_PATTERN_CUES

    assert set(CONF_PATTERN_CUES) == set(CONF_PATTERN_ONLY)
    assert {"vip_person", "vip_movement", "vip_public"} <= set(CONF_PATTERN_CUES)
    assert bool(set(CONF_PATTERN_CUES) & set(all_cues())) == CONFIDENTIAL_PATTERNS
    assert (set(CONF_PATTERN_CONJUNCTIONS) <= set(CONJUNCTIONS)) == CONFIDENTIAL_PATTERNS
