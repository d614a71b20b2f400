"""The decision: cues and classifier scores in, a calibrated score and a tier per label out.

The lexicons, recognisers and rules find evidence (spans and reasons); the
bag-of-NORM-n-grams classifier gives a score per label. None of them decides
alone. A small logistic regression per label (`DecisionModel`) reads them as
features: which cue classes were found and whether they stand in marking
position (the first line), the strongest rule evidence per reason, the four
classifier scores, the message's length and language. Its output is a
probability, and two thresholds per label, chosen on the calibration split
by `samvad nlp train`, make it a tier: at or above `upper` the group's policy
acts (Tier.ACT); between `lower` and `upper` the label is given quietly for
review (Tier.REVIEW). Everything lives in one file, `model/samvad_decision.json`,
with the figures that chose the thresholds.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from collections.abc import Iterable, Mapping, Sequence

from nlp.lexicons.decision import CONFIDENTIAL_PATTERNS, HOSTILE_PATTERNS
from nlp.verdict import LABELS

# A marking ("CONFIDENTIAL", "ખાનગી:") within this many characters of the start (or of the end,
# "Strictly within us.") is in marking position.
HEAD_CHARS = 40
# Identifier evidence this strong is a validated identifier (checksum or format plus its name): always acted on.
VALIDATED_IDENTIFIER = 0.85
IDENTIFIER_CODES = frozenset({"aadhaar", "pan", "voter_id", "passport", "bank_account", "mobile_number", "email_address"})
# Cue classes that make a message a directive in form (see nlp.context).
DIRECTIVE_CUES = frozenset(
    {"imperative", "ins_directive", "ins_request_verb", "ins_addressee", "designation_to", "ins_passive", "ins_deadline"}
)
_CLIP = 8.0
# Per-sentence scoring (see `segments`): messages at least this long with two or more sentences or lines.
SEGMENT_MIN_TEXT = 160
SEGMENT_MIN_CHARS = 12
MAX_SEGMENTS = 16
# A sentence ends at . ! ? । or a table's |, followed by a space; a line ends at a line break. Plainly
# `(?<=[.!?।|])\s+|\n+`, written to open with the blank that both alternatives open with: a search for a
# pattern that opens with a character class tests each character against it, one that opens with a
# look-behind or a choice of them tries a whole match at every character (the same matches, 60% fewer
# instructions).
_SEGMENT_END = re.compile(r"\s(?:(?<=[.!?।|]\s)\s*|(?<=\n)\n*)")
_LETTER = re.compile(r"[^\W\d_]")
# Cue classes that mean more together: a hostile cue aimed at someone identifiable.
_AT_SOMEONE = frozenset({"designation", "target", "person", "second_person", "pd_person_ref"})
# Someone identifiable, by name, address or office (host12's `post_ref`: "the officer", "this office", "સાહેબ").
_SOMEONE_OR_POST = _AT_SOMEONE | frozenset({"post_ref"})
# host12's cue classes (nlp/lexicons/decision.py's PATTERN_CUES, matched only while HOSTILE_PATTERNS is on): each alone is ordinary (praise, thanks, a delay,
# money, an office, a newspaper), so none is a feature by itself; they count only in the conjunctions below. As
# features of their own they raised false alarms on unseen families in benchmarks.grouped_cv (6.9% -> 7.5%).
PATTERN_ONLY = frozenset({"praise", "thanks", "failure", "irony", "jibe", "money_hint", "hint", "harm_verb",
                          "consequence", "shame_public", "post_ref", "veiled_harm"})
# Each conjunction fires when every one of its sets meets the message's cue classes (one class of each).
_BASE_CONJUNCTIONS: dict[str, tuple[frozenset[str], ...]] = {
    "and:sarcasm_at_someone": (frozenset({"host_sarcasm"}), _AT_SOMEONE),
    "and:humiliate_at_someone": (frozenset({"host_humiliate", "host_threat", "host_harm"}), _AT_SOMEONE),
    "and:insinuation_at_someone": (frozenset({"host_insinuation", "host_defame"}), _AT_SOMEONE),
    "and:promise_first_person": (frozenset({"promise"}), frozenset({"first_person", "ins_ack"})),
}
# host12: hostility without abusive words, as patterns of ordinary cue classes (nlp/lexicons/decision.py's
# PATTERN_CUES), counted only while its HOSTILE_PATTERNS switch is on (off: see there).
PATTERN_CONJUNCTIONS: dict[str, tuple[frozenset[str], ...]] = {
    # Mock praise and mock thanks: praise or thanks next to a failure, a delay or an irony marker.
    "and:praise_with_failure": (frozenset({"praise", "host_sarcasm"}), frozenset({"failure"})),
    "and:praise_with_irony": (frozenset({"praise", "thanks"}), frozenset({"irony"})),
    "and:thanks_with_failure": (frozenset({"thanks"}), frozenset({"failure"})),
    # A rhetorical jibe: a put-down asked of someone.
    "and:jibe_at_someone": (frozenset({"jibe"}), _SOMEONE_OR_POST),
    # Insinuated bribery: money, a gift or an "arrangement", an officer or post, and a hint or question.
    "and:money_post_hint": (frozenset({"money_hint"}), _SOMEONE_OR_POST, frozenset({"hint", "host_insinuation", "irony"})),
    "and:money_with_hint": (frozenset({"money_hint"}), frozenset({"hint", "host_insinuation"})),
    # Threats of harm: violence and a person, or violence held over someone as a consequence.
    "and:harm_at_someone": (frozenset({"harm_verb"}), frozenset({"second_person"}), frozenset({"first_person", "consequence"})),
    "and:harm_with_consequence": (frozenset({"harm_verb", "host_harm"}), frozenset({"consequence"})),
    "and:veiled_harm_at_you": (frozenset({"veiled_harm"}), frozenset({"second_person"}), frozenset({"consequence", "host_threat", "host_humiliate", "first_person", "harm_verb"})),
    # Threats of public humiliation: making something public about someone, as a consequence or a threat.
    "and:shame_with_consequence": (frozenset({"shame_public"}), frozenset({"consequence", "host_humiliate", "host_threat"})),
    "and:shame_at_you": (frozenset({"shame_public"}), frozenset({"second_person"}), frozenset({"first_person", "consequence"})),
}
# conf12k: confidential matter without a marking word, as patterns of ordinary cue classes (nlp/lexicons/decision.py's
# CONF_PATTERN_CUES, matched only while its CONFIDENTIAL_PATTERNS switch is on). Like host12's, none is a feature alone.
CONF_PATTERN_ONLY = frozenset({"exam_event", "exam_matter", "exam_ahead", "exam_over", "bid_matter", "bid_pending",
                               "bid_public", "case_under_way", "rule_general", "our_plan", "court_decided",
                               "vip_person", "vip_movement", "vip_public"})
CONF_PATTERN_CONJUNCTIONS: dict[str, tuple[frozenset[str], ...]] = {
    # An exam's questions or paper while the exam is still to come (labels.md: question papers).
    "and:exam_paper_ahead": (frozenset({"exam_event"}), frozenset({"exam_matter", "conf_exam"}), frozenset({"exam_ahead"})),
    # Bids being weighed: an evaluation, a comparative statement, who qualified (labels.md: tender or bid figures
    # before opening; the issue: bids before opening).
    "and:bids_under_evaluation": (frozenset({"bid_matter", "conf_tender"}), frozenset({"bid_pending"})),
    # An identifiable officer's vigilance or disciplinary case under way or proposed (labels.md: vigilance or
    # departmental-inquiry details about a named officer).
    "and:case_against_someone": (frozenset({"conf_inquiry"}), _SOMEONE_OR_POST,
                                 frozenset({"case_under_way"})),
    # Our side's plan in a court case: what we will argue or hold back, where we are weak (labels.md: government
    # strategy in a pending court case).
    "and:our_court_plan": (frozenset({"conf_court", "conf_court_strategy"}), frozenset({"our_plan"})),
    # cue12l: a VIP's movement plan (labels.md: VIP security arrangements): a VIP or dignitary with a route, an
    # arrival time, a halt or the convoy, not a visit announced to the public.
    "and:vip_movement_plan": (frozenset({"vip_person"}), frozenset({"vip_movement", "conf_security"})),
}
# A conjunction does not fire when any of these classes is in the message: its near misses (labels.md's "No" list: an
# issued or published note, the circular's rule explained; an exam held, bids opened in public, rules explained in
# general, a court's order already given).
CONJUNCTION_UNLESS: dict[str, frozenset[str]] = {
    "and:exam_paper_ahead": frozenset({"exam_over", "conf_published", "meta_rules"}),
    "and:bids_under_evaluation": frozenset({"bid_public", "conf_tender_opened", "conf_published", "meta_rules"}),
    "and:case_against_someone": frozenset({"rule_general", "conf_published", "meta_rules"}),
    "and:our_court_plan": frozenset({"court_decided", "conf_published", "meta_rules"}),
    "and:vip_movement_plan": frozenset({"vip_public", "conf_published", "public_advisory", "meta_rules"}),
}
# The same classes' near misses as evidence against (negative confidential priors): bids made public, an exam held,
# a court's order given, disciplinary rules explained in general.
CONF_NEAR_MISS_CONJUNCTIONS: dict[str, tuple[frozenset[str], ...]] = {
    "and:bids_made_public": (frozenset({"bid_matter", "conf_tender"}), frozenset({"bid_public", "conf_tender_opened"})),
    "and:exam_held": (frozenset({"exam_event"}), frozenset({"exam_over"})),
    "and:court_order_given": (frozenset({"conf_court"}), frozenset({"court_decided"})),
    "and:rules_in_general": (frozenset({"conf_inquiry"}), frozenset({"rule_general"})),
}
CONJUNCTIONS = {**_BASE_CONJUNCTIONS, **(PATTERN_CONJUNCTIONS if HOSTILE_PATTERNS else {}),
                **(CONF_PATTERN_CONJUNCTIONS if CONFIDENTIAL_PATTERNS else {}),
                **(CONF_NEAR_MISS_CONJUNCTIONS if CONFIDENTIAL_PATTERNS else {})}


def _conjunction_bits() -> tuple[dict[str, int], tuple[tuple[str, int, frozenset[str]], ...]]:
    """The conjunctions as integer masks, so that `features` tests them with one mask test each rather than a set
    test per set against the message's cue classes (14 conjunctions that way cost about 3 us a message, 3% of the
    filter): one bit per (conjunction, set); a class carries the bits of every set it is in; a conjunction fires
    when the bits of all its sets are present and none of its `unless` classes (CONJUNCTION_UNLESS) is (tested
    only then: a conjunction's sets are seldom all met). Returns (class -> bits, (name, bits needed, unless classes)
    in CONJUNCTIONS order)."""
    bits: dict[str, int] = {}
    needs = []
    n = 0
    for name, sets in CONJUNCTIONS.items():
        need = 0
        for one_of in sets:
            for cls in one_of:
                bits[cls] = bits.get(cls, 0) | (1 << n)
            need |= 1 << n
            n += 1
        needs.append((name, need, CONJUNCTION_UNLESS.get(name, frozenset())))
    return bits, tuple(needs)


_CONJ_BITS, _CONJ_NEEDS = _conjunction_bits()
_CONJ_CLASSES = frozenset(_CONJ_BITS)


def segments(text: str) -> list[tuple[int, int]]:
    """The sentences or lines of a long message as (start, end) offsets; [] for a short or one-sentence one.

    Segments shorter than SEGMENT_MIN_CHARS are joined to the next; at most MAX_SEGMENTS (the rest joined
    to the last)."""
    if len(text) < SEGMENT_MIN_TEXT:
        return []
    out: list[tuple[int, int]] = []
    start = 0
    for m in _SEGMENT_END.finditer(text):
        end = m.start()
        if end - start >= SEGMENT_MIN_CHARS and _LETTER.search(text, start, end):
            out.append((start, end))
            start = m.end()
    if start < len(text) and _LETTER.search(text, start):
        if len(text) - start >= SEGMENT_MIN_CHARS or not out:
            out.append((start, len(text)))
        else:
            out[-1] = (out[-1][0], len(text))
    if len(out) > MAX_SEGMENTS:
        out[MAX_SEGMENTS - 1:] = [(out[MAX_SEGMENTS - 1][0], out[-1][1])]
    return out if len(out) >= 2 else []


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


_P_LOW, _P_HIGH = 1e-4, 1 - 1e-4


def sigmoid(x: float) -> float:
    """The logistic function, safe for large |x|."""
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


# A marking word used as a heading or a label ("Confidential:", "ખાનગી -": the cue `conf_heading`, which the cue pass
# finds only at the start of a text) marks what follows: labels.md's first case of `confidential`, "the message itself
# carries content described as confidential", and the "a marking word must mark *this* content (a heading, a
# label ...)". With the switch on, such a message is given `confidential` at least at the review tier (its logit raised
# to the lower threshold's, never to the upper one: a public action still needs the model's score), unless it also
# carries a cue of labels.md's "No" list: the circular's rule explained or quoted (`meta_rules`), an issued or
# published GR or note (`conf_published`), a document sent through the proper channel (`conf_channel`). Applied after
# the regression (no feature changes, no refit); thresholds are chosen on the regression's own scores.
MARKING_HEADING = True
_MARKING_AGAINST = ("cue:meta_rules", "cue:conf_published", "cue:conf_channel")


def marked_by_heading(f: Mapping[str, float]) -> bool:
    """Whether a marking heading marks the message (see MARKING_HEADING), read from its decision features."""
    if "cue:conf_heading" not in f:
        return False
    for name in _MARKING_AGAINST:
        if name in f:
            return False
    return True


def logit_at_least(p: float) -> float:
    """The smallest logit whose sigmoid is not below `p`, so that a score raised to it passes `>= p`; -inf (raise
    nothing) when `p` is not inside (0, 1): a label whose lower threshold is 1 or more is never given."""
    if not 0.0 < p < 1.0:
        return -math.inf
    z = math.log(p / (1 - p))
    while sigmoid(z) < p:
        z = math.nextafter(z, math.inf)
    return z


_NAMES: dict[str, tuple[str, ...]] = {}


def _names(cls: str) -> tuple[str, ...]:
    # The feature names of a cue class, built once rather than per message; none for a class that counts only
    # in a conjunction.
    names = _NAMES[cls] = () if cls in PATTERN_ONLY or cls in CONF_PATTERN_ONLY else ("cue:" + cls, "head:" + cls, "tail:" + cls)
    return names


_RULE_NAMES: dict[tuple[str, str], tuple[str, str, str]] = {}
_CLF_NAMES = {label: "clf:" + label for label in LABELS}
_LONG_NAMES = tuple(("rulemax:" + label, "long_rule:" + label, "clf:" + label, "long_clf:" + label) for label in LABELS)
_LANGUAGE_NAMES: dict[str, str] = {}


def _rule_names(key: tuple[str, str]) -> tuple[str, str, str]:
    # The feature names of a rule's (label, reason), built once rather than per message.
    label, code = key
    names = _RULE_NAMES[key] = (f"rule:{label}:{code}", "rulemax:" + label, "rulecomb:" + label)
    return names


def features(text: str, cues: Mapping[str, tuple[int, int]], evidence: Iterable[tuple], cats: Mapping[str, float],
             language: str, best_segments: Mapping[str, tuple[float, int, int]] | None = None) -> dict[str, float]:
    """The decision's features for one message (sparse: absent means 0).

    `cues` maps each cue class found to (start of its first span, end of its last). `best_segments`
    (long messages only) maps each label to the classifier's score of the message's most suspicious
    sentence and that sentence's span: `seg:` is that score (as a logit, like `clf:`), `seg_gain:` how
    much a sentence leaning to the label exceeds the whole message's, `seg_rule:` the strongest rule evidence for the label inside it.
    """
    f: dict[str, float] = {}
    n = len(text)
    tail = n - HEAD_CHARS
    for cls, (first, last) in cues.items():
        names = _NAMES.get(cls)
        if names is None:
            names = _names(cls)
        if not names:
            continue
        f[names[0]] = 1.0
        if first < HEAD_CHARS:
            f[names[1]] = 1.0
        if last > tail:
            f[names[2]] = 1.0
    present = _CONJ_CLASSES.intersection(cues)
    if present:
        bits = 0
        for cls in present:
            bits |= _CONJ_BITS[cls]
        for name, need, unless in _CONJ_NEEDS:
            if bits & need == need and (not unless or unless.isdisjoint(cues)):
                f[name] = 1.0
    best: dict[tuple[str, str], float] = {}
    for label, _, _, score, code in evidence:
        key = (label, code)
        if score > best.get(key, 0.0):
            best[key] = score
    for key, score in best.items():
        rule, most, combined = _RULE_NAMES.get(key) or _rule_names(key)
        f[rule] = score
        if score > f.get(most, 0.0):
            f[most] = score
        f[combined] = 1.0 - (1.0 - f.get(combined, 0.0)) * (1.0 - score)
    for label, score in cats.items():
        # max(-_CLIP, min(_CLIP, logit(min(max(score, 1e-4), 1 - 1e-4)))), written with conditionals that
        # choose as max and min do (it runs four times a message, and the builtins cost more than the arithmetic).
        p = _P_LOW if _P_LOW > score else score
        p = _P_HIGH if _P_HIGH < p else p
        z = math.log(p / (1 - p))
        z = z if z < _CLIP else _CLIP
        f[_CLF_NAMES.get(label) or "clf:" + label] = (z if z > -_CLIP else -_CLIP) / 4.0
    if best_segments:
        f["segmented"] = 1.0
        for label, (score, start, end) in best_segments.items():
            value = max(-_CLIP, min(_CLIP, _logit(score))) / 4.0
            f["seg:" + label] = value
            if value > 0.0:
                # Only a sentence that leans to the label gains over the whole message.
                f["seg_gain:" + label] = max(0.0, value - max(0.0, f.get("clf:" + label, 0.0)))
            inside = 0.0
            for e_label, e_start, e_end, e_score, _code in evidence:
                if e_label == label and e_start >= start and e_end <= end and e_score > inside:
                    inside = e_score
            if inside:
                f["seg_rule:" + label] = inside
    f["log_len"] = math.log1p(n) / 8.0
    if n > 200:
        f["long"] = 1.0
        # Long texts give many chances to a cue: what the rules found is weighed against the length.
        for most, long_rule, clf, long_clf in _LONG_NAMES:
            if most in f:
                f[long_rule] = f[most]
            if clf in f:
                f[long_clf] = f[clf]
    if n > 600:
        f["vlong"] = 1.0
    lines = text.count("\n")
    if lines >= 3:
        f["multiline"] = 1.0
    f[_LANGUAGE_NAMES.get(language) or _LANGUAGE_NAMES.setdefault(language, "lang:" + language)] = 1.0
    return f


@dataclass
class LabelModel:
    """One label's logistic regression and its two thresholds."""

    bias: float = 0.0
    weights: dict[str, float] = field(default_factory=dict)
    lower: float = 0.5
    upper: float = 0.9

    def logit(self, f: Mapping[str, float]) -> float:
        """The linear score (before the sigmoid)."""
        w = self.weights
        total = self.bias
        for name, value in f.items():
            weight = w.get(name)
            if weight is not None:
                total += weight * value
        return total


@dataclass
class DecisionModel:
    """Per-label logistic regressions over cue features, with lower and upper thresholds."""

    labels: dict[str, LabelModel]
    figures: dict[str, Any] = field(default_factory=dict)

    def logits(self, f: Mapping[str, float]) -> dict[str, float]:
        """Every label's linear score in one pass over the features."""
        table = self._table()
        order = tuple(self.labels)
        totals = [self.labels[label].bias for label in order]
        for name, value in f.items():
            row = table.get(name)
            if row is not None:
                for i, weight in row:
                    totals[i] += weight * value
        out = dict(zip(order, totals))
        if MARKING_HEADING and "confidential" in out and marked_by_heading(f):
            out["confidential"] = max(out["confidential"], self._marking_floor())
        return out

    def _marking_floor(self) -> float:
        # The confidential label's lower threshold as a logit (MARKING_HEADING).
        lower = self.labels["confidential"].lower
        if getattr(self, "_marking_key", None) != lower:
            self._marking_value = logit_at_least(lower)
            self._marking_key = lower
        return self._marking_value

    def logits_many(self, rows: Sequence[Mapping[str, float]]) -> list[list[float]]:
        """`logits` for many messages (in label order), with each feature's weights for every label in one tuple
        (0.0 where a label has none): one look-up a feature instead of a loop over its labels.

        The sums are the same to the last bit: each message's terms are added in the order of its features,
        starting from the bias; a label without a weight for a feature adds 0.0 (a product of 0.0, which leaves
        any sum as it was). Plain arithmetic on floats, whatever the batch's size: the array form this replaced
        cost a fixed ~0.3 ms a call, most of the sums' time in the bot's batches of a few messages.
        """
        weights, bias = self._dense()
        if len(bias) != 4:
            return [list(self.logits(f).values()) for f in rows]
        marking = list(self.labels).index("confidential") if MARKING_HEADING and "confidential" in self.labels else -1
        get = weights.get
        out = []
        for f in rows:
            a, b, c, d = bias
            for name, value in f.items():
                w = get(name)
                if w is not None:
                    wa, wb, wc, wd = w
                    if value == 1.0:
                        # (Most features are 1.0, whose products are the weights themselves: x * 1.0 == x.)
                        a += wa
                        b += wb
                        c += wc
                        d += wd
                    else:
                        a += wa * value
                        b += wb * value
                        c += wc * value
                        d += wd * value
            out.append([a, b, c, d])
        if marking >= 0:
            floor = self._marking_floor()
            for f, row in zip(rows, out):
                if row[marking] < floor and marked_by_heading(f):
                    row[marking] = floor
        return out

    def _dense(self) -> tuple[dict[str, tuple[float, ...]], tuple[float, ...]]:
        # (each feature's weights for every label, the biases), rebuilt when the table or a bias changes.
        table = self._table()
        key = (id(self._cached), tuple(m.bias for m in self.labels.values()))
        if getattr(self, "_dense_key", None) != key:
            width = len(self.labels)
            dense = {}
            for name, row in table.items():
                weights = [0.0] * width
                for i, weight in row:
                    weights[i] = weight
                dense[name] = tuple(weights)
            self._dense_value = (dense, key[1])
            self._dense_key = key
        return self._dense_value

    def _table(self) -> dict[str, tuple[tuple[int, float], ...]]:
        # Built on first use and whenever a label's weights are replaced (training sets them after construction).
        key = tuple(id(m.weights) for m in self.labels.values())
        if getattr(self, "_cache_key", None) != key:
            table: dict[str, list[tuple[int, float]]] = {}
            for i, model in enumerate(self.labels.values()):
                for name, weight in model.weights.items():
                    table.setdefault(name, []).append((i, weight))
            self._cached = {name: tuple(row) for name, row in table.items()}
            self._cache_key = key
        return self._cached

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> DecisionModel:
        """Read the JSON form (`model/samvad_decision.json`)."""
        labels = {}
        for label in LABELS:
            row = data["labels"][label]
            labels[label] = LabelModel(float(row["bias"]), {k: float(v) for k, v in row["weights"].items()},
                                       float(row["lower"]), float(row["upper"]))
        return cls(labels, dict(data.get("figures", {})))

    @classmethod
    def read(cls, path: Path) -> DecisionModel:
        """Load from a file."""
        return cls.from_dict(json.loads(Path(path).read_text("utf-8")))

    def to_dict(self) -> dict[str, Any]:
        """The JSON form, at full precision: a rounded threshold or weight could move a message across a threshold."""
        return {
            "labels": {
                label: {
                    "lower": m.lower, "upper": m.upper, "bias": m.bias,
                    "weights": dict(sorted(m.weights.items())),
                }
                for label, m in self.labels.items()
            },
            "figures": self.figures,
        }

    def write(self, path: Path) -> None:
        """Save as JSON."""
        Path(path).write_text(json.dumps(self.to_dict(), indent=1, sort_keys=True, ensure_ascii=False) + "\n", "utf-8")


# What the circular and shared/spec/labels.md say a cue is worth, before any data: the logistic
# regression is regularised towards these weights rather than towards 0, so that a cue the
# training split rarely shows (a vehicle plate, a helpline, a promise to comply) keeps its
# meaning, and one it shows often is weighed by the data.
PRIORS: dict[str, dict[str, float]] = {
    "confidential": {
        "cue:meta_rules": -2.0, "cue:conf_published": -2.0, "cue:conf_channel": -1.5, "cue:info_share": -1.0,
        "cue:conf_unmarked": 2.0, "cue:conf_strategy": 2.5, "head:conf_marker": 1.5, "cue:conf_heading": 3.0, "cue:self_marking": 3.0,
        "tail:conf_trailer": 2.5, "tail:conf_marker": 1.0, "seg_gain:confidential": 1.0,
        # conf12k: confidential matter without a marking word (CONF_PATTERN_CONJUNCTIONS); each class alone has none.
        "and:exam_paper_ahead": 2.5, "and:bids_under_evaluation": 2.5, "and:case_against_someone": 2.0,
        "and:our_court_plan": 2.5, "and:vip_movement_plan": 2.0,
        "and:bids_made_public": -2.0, "and:exam_held": -1.5, "and:court_order_given": -1.5, "and:rules_in_general": -1.5,
    },
    "hostile": {
        "cue:host_insinuation": 1.5, "cue:host_sarcasm": 1.0, "cue:host_humiliate": 2.0, "cue:host_address": 2.0,
        "and:sarcasm_at_someone": 2.0, "and:humiliate_at_someone": 2.5, "and:insinuation_at_someone": 1.5,
        "cue:host_generalise": 1.0, "cue:meta_rules": -1.0, "seg_gain:hostile": 1.0,
        # host12: the patterns of hostility without abusive words (CONJUNCTIONS); each class alone has no prior.
        "and:praise_with_failure": 3.0, "and:praise_with_irony": 3.0, "and:thanks_with_failure": 3.0,
        "and:jibe_at_someone": 4.0, "and:money_post_hint": 4.0, "and:money_with_hint": 2.0,
        "and:harm_at_someone": 3.0, "and:harm_with_consequence": 3.0, "and:shame_with_consequence": 3.0,
        "and:shame_at_you": 3.0, "and:veiled_harm_at_you": 3.0,
    },
    "instruction": {
        "cue:official_contact": -2.0, "cue:info_share": -1.5, "cue:reported_order": -1.0, "cue:promise": -2.5,
        "cue:public_advisory": -2.0, "cue:upward_request": -2.5, "cue:in_force": 2.0, "cue:gu_polite": 1.5,
        "cue:meta_rules": -1.0, "cue:conf_channel": -1.0, "cue:roman_imperative": 1.0, "and:promise_first_person": -1.5,
    },
    "personal_data": {
        "cue:plate": -3.0, "cue:official_contact": -1.5, "cue:vehicle": -1.0, "seg_gain:personal_data": 1.0,
    },
}


def fit_logistic(rows: list[dict[str, float]], gold: list[bool], *, l2: float = 1.0, min_count: int = 3,
                 iterations: int = 25, prior: Mapping[str, float] | None = None) -> LabelModel:
    """L2-regularised logistic regression by Newton's method (deterministic; numpy only), pulled towards `prior`."""
    import numpy as np

    prior = prior or {}
    counts: dict[str, int] = {}
    for r in rows:
        for name in r:
            counts[name] = counts.get(name, 0) + 1
    names = sorted(n for n, c in counts.items() if c >= min_count or n in prior)
    index = {n: i for i, n in enumerate(names)}
    x = np.zeros((len(rows), len(names) + 1))
    x[:, -1] = 1.0
    for i, r in enumerate(rows):
        for name, value in r.items():
            j = index.get(name)
            if j is not None:
                x[i, j] = value
    y = np.asarray(gold, dtype=float)
    mean = np.array([prior.get(n, 0.0) for n in names] + [0.0])
    w = mean.copy()
    penalty = np.full(x.shape[1], l2)
    penalty[-1] = 1e-6

    def objective(v):  # penalised negative log-likelihood
        z = x @ v
        return float(np.sum(np.logaddexp(0.0, z) - y * z) + 0.5 * np.sum(penalty * (v - mean) ** 2))

    loss = objective(w)
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (p - y) + penalty * (w - mean)
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty)
        step = np.linalg.solve(hess, grad)
        # Newton's full step, halved while it does not lower the loss: on nearly separable data the undamped
        # step can overshoot (the bias once ran to -5e9 and the label fired on every message).
        for _halving in range(40):
            candidate = objective(w - step)
            if candidate <= loss:
                break
            step = step / 2.0
        else:
            break
        w -= step
        loss = candidate
        if float(np.max(np.abs(step))) < 1e-7:
            break
    return LabelModel(float(w[-1]), {n: float(w[index[n]]) for n in names})


# The review tier's own precision floor: a label given between the two thresholds costs no member a public
# action, but it is a false alarm in the admins' queue and in the issue's figures (at most 2% of ordinary
# messages flagged at either tier), so the lower threshold may not go where precision above it falls under this.
LOWER_PRECISION = 0.95


def precision_lower_bound(correct: int, given: int, *, confidence: float = 0.95) -> float:
    """The one-sided Clopper-Pearson lower bound of a precision seen as correct/given: the lowest true precision
    p under which seeing at least `correct` right of `given` still has probability 1 - confidence or more.
    Exact (binomial tail, bisection to 1e-12), no statistics package: 0 when nothing was right."""
    if not 0 <= correct <= given or not 0 < confidence < 1:
        raise ValueError(f"a precision of {correct}/{given} at confidence {confidence} has no bound")
    if correct == 0:
        return 0.0
    alpha = 1.0 - confidence
    if correct == given:
        return alpha ** (1.0 / given)  # the tail is p**given: solved exactly
    low, high = 0.0, 1.0
    while high - low > 1e-12:
        middle = (low + high) / 2
        if _at_least(correct, given, middle) < alpha:
            low = middle
        else:
            high = middle
    return low


def _at_least(k: int, n: int, p: float) -> float:
    """P(X >= k) for X ~ Binomial(n, p), 0 < p < 1, summed in logs (n is a few hundred at most here)."""
    log_p, log_q = math.log(p), math.log1p(-p)
    log_n = math.lgamma(n + 1)
    return sum(math.exp(log_n - math.lgamma(i + 1) - math.lgamma(n - i + 1) + i * log_p + (n - i) * log_q)
               for i in range(k, n + 1))


def smallest_sample_for(precision: float, *, confidence: float = 0.95) -> int:
    """The fewest messages, all of them right, whose precision's lower bound reaches `precision`."""
    return math.ceil(math.log(1.0 - confidence) / math.log(precision))


def choose_thresholds(scores: list[float], gold: list[bool], *, act_precision: float = 0.97,
                      min_act: int = 5, beta: float = 1.0, lower_precision: float = LOWER_PRECISION,
                      act_bound: float | None = None, confidence: float = 0.95) -> dict[str, Any]:
    """The upper threshold (lowest score at which precision above it stays >= act_precision) and
    the lower one (best F-beta at or below the upper among the scores at which precision above them is
    still >= lower_precision), with precision and recall at each.

    With act_bound, the upper threshold must also be a guarantee, not only a point estimate: walking down the
    scores from the first point with enough messages above it to show the bound at all (smallest_sample_for),
    the upper threshold is the last point before the one-sided Clopper-Pearson lower bound of precision above
    it (at `confidence`) falls under act_bound (fixed-sequence testing: one test a point, in a fixed order,
    stopping at the first failure). If the first point fails, there is no upper tier (1.01)."""
    order = sorted(zip(scores, gold), key=lambda p: -p[0])
    positives = sum(gold)
    tp = fp = 0
    points = []  # (threshold, tp, fp) for "score >= threshold"
    for i, (s, g) in enumerate(order):
        tp += g
        fp += not g
        if i + 1 == len(order) or order[i + 1][0] < s:
            points.append((s, tp, fp))
    upper = 1.01
    first_testable = smallest_sample_for(act_bound, confidence=confidence) if act_bound is not None else 0
    for s, t, f in points:
        # Walking down the scores: the upper threshold is the last point before precision falls below the bar.
        if t + f >= min_act and t / (t + f) < act_precision:
            break
        if act_bound is not None:
            if t + f < first_testable:
                continue  # too few above this point for any bound to reach act_bound
            if precision_lower_bound(t, t + f, confidence=confidence) < act_bound:
                break
        if t / max(1, t + f) >= act_precision:
            upper = s
    best_f, lower = -1.0, upper
    for s, t, f in points:
        if s > upper or t / (t + f) < lower_precision:
            continue
        b2 = beta * beta
        f1 = (1 + b2) * t / ((1 + b2) * t + f + b2 * (positives - t)) if t else 0.0
        if f1 > best_f + 1e-12:
            best_f, lower = f1, s
    lower = min(lower, upper)

    def at(threshold: float) -> dict[str, float]:
        t = sum(1 for s, g in order if s >= threshold and g)
        f = sum(1 for s, g in order if s >= threshold and not g)
        return {"threshold": round(threshold, 4), "precision": round(t / (t + f), 4) if t + f else 1.0,
                "recall": round(t / positives, 4) if positives else 0.0, "given": t + f}

    return {"lower": lower, "upper": upper, "at_lower": at(lower), "at_upper": at(upper), "positives": positives}
