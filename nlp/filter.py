"""The content filter's entry point: `ContentFilter.check(text) -> Verdict`."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from nlp.language import detect_language
from nlp.normalise import Normalised, normalise
from nlp.reasons import describe
from nlp.verdict import LABELS, Evidence, MessageContext, Verdict

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_EMAIL_DOMAINS = ("gujarat.gov.in", "nic.in")
# As in nlp.components, which imports spaCy and so is not imported here at import time.
TEXT_KEY = "samvad_text"
EVIDENCE_KEY = "samvad_evidence"
COUNTER_KEY = "samvad_counter"
IDENTIFIER_CODES = frozenset({"aadhaar", "pan", "voter_id", "passport", "bank_account", "mobile_number", "email_address"})
# Longer than any chat message: Telegram caps a message at 4,096 characters.
MAX_CHARS = 20_000


def load_thresholds(path: Path | None = None) -> dict[str, Any]:
    """The decision thresholds (packaged `thresholds.json` by default)."""
    if path is not None:
        return json.loads(Path(path).read_text("utf-8"))
    return json.loads(resources.files("nlp").joinpath("thresholds.json").read_text("utf-8"))


@dataclass
class Decision:
    """How rule evidence and classifier scores become labels."""

    rule_threshold: float = 0.5
    weak_rule: float = 0.25
    # The classifier score needed alone when the rules found cues against the label.
    countered: float = 0.85
    classifier: dict[str, float] = field(default_factory=lambda: {label: 0.6 for label in LABELS})
    classifier_with_weak_rule: dict[str, float] = field(default_factory=lambda: {label: 0.35 for label in LABELS})

    @classmethod
    def from_thresholds(cls, data: dict[str, Any]) -> "Decision":
        """Read the decision part of a thresholds file."""
        return cls(
            rule_threshold=float(data.get("rule_threshold", 0.5)),
            weak_rule=float(data.get("weak_rule", 0.25)),
            countered=float(data.get("countered", 0.85)),
            classifier={k: float(v) for k, v in data.get("classifier", {}).items()},
            classifier_with_weak_rule={k: float(v) for k, v in data.get("classifier_with_weak_rule", {}).items()},
        )

    def decide(self, label: str, rule_score: float, classifier_score: float | None, countered: bool = False) -> bool:
        """Whether `label` applies, given its rule score, the classifier's score, and cues against it."""
        if rule_score >= self.rule_threshold:
            return True
        if classifier_score is None:
            return False
        needed = self.classifier.get(label, 1.01)
        if classifier_score >= (max(needed, self.countered) if countered else needed):
            return True
        if countered:
            return False
        return rule_score >= self.weak_rule and classifier_score >= self.classifier_with_weak_rule.get(label, 1.01)


_LETTER = re.compile(r"[^\W\d_]")


def _combine(scores: list[float]) -> float:
    """Noisy-or of independent pieces of evidence."""
    remaining = 1.0
    for s in scores:
        remaining *= 1.0 - s
    return 1.0 - remaining


class ContentFilter:
    """Labels a chat message confidential, personal_data, hostile and/or instruction, with evidence."""

    def __init__(self, pipeline: "Language", decision: Decision | None = None, *,
                 official_numbers: Iterable[str] = (), official_email_domains: Iterable[str] = DEFAULT_EMAIL_DOMAINS) -> None:
        self.nlp = pipeline
        self.decision = decision or Decision.from_thresholds(load_thresholds())
        self._email_domains = tuple(official_email_domains)
        self._has_classifier = "textcat_multilabel" in pipeline.pipe_names
        self.set_official_numbers(official_numbers)
        # Read the look-alike table now, not on the first message that needs it.
        from nlp.confusables import latin_lookalikes

        latin_lookalikes()

    @classmethod
    def load(cls, *, official_numbers: Iterable[str] = (), official_email_domains: Iterable[str] = DEFAULT_EMAIL_DOMAINS,
             model_dir: Path | None = None, thresholds: Path | None = None) -> "ContentFilter":
        """Load the packaged trained pipeline (or `model_dir`); spaCy is imported here, not at import."""
        from nlp.pipeline import load_pipeline

        pipeline = load_pipeline(model_dir)
        if thresholds is None:
            from nlp.pipeline import PACKAGED_MODEL
            from nlp.training import DECISION_FILE

            calibrated = Path(model_dir or PACKAGED_MODEL) / DECISION_FILE
            thresholds = calibrated if calibrated.is_file() else None
        return cls(pipeline, Decision.from_thresholds(load_thresholds(thresholds)),
                   official_numbers=official_numbers, official_email_domains=official_email_domains)

    @classmethod
    def rules_only(cls, **kwargs: Any) -> "ContentFilter":
        """A filter with the rule components and no classifier (needs no trained model)."""
        from nlp.pipeline import build_pipeline

        return cls(build_pipeline(with_classifier=False), **kwargs)

    def set_official_numbers(self, numbers: Iterable[str]) -> None:
        """Replace the roster of official numbers (E.164, e.g. "+919824012345")."""
        from nlp.recognisers import Allowlist

        allowlist = Allowlist.build(list(numbers), self._email_domains)
        self.nlp.get_pipe("samvad_identifiers").set_allowlist(allowlist)

    def check(self, text: str, context: MessageContext | None = None) -> Verdict:
        """The verdict for one message; `context` (who says it, where) is weighed when given."""
        norm = self._normalise(text)
        if not norm.text.strip():
            return Verdict((), (), detect_language(text))
        return self._verdict(norm, self.nlp(self._make_doc(norm.text)))

    def check_many(self, texts: Iterable[str], contexts: Iterable[MessageContext | None] | None = None, *,
                   batch_size: int = 256) -> list[Verdict]:
        """Verdicts for many messages through `nlp.pipe`; the same results as `check` with each context."""
        norms = [self._normalise(t) for t in texts]
        todo = [i for i, n in enumerate(norms) if n.text.strip()]
        verdicts: list[Verdict] = [
            Verdict((), (), detect_language(n.original)) if not n.text.strip() else None for n in norms  # type: ignore[misc]
        ]
        docs = self.nlp.pipe((self._make_doc(norms[i].text) for i in todo), batch_size=batch_size)
        for i, doc in zip(todo, docs):
            verdicts[i] = self._verdict(norms[i], doc)
        return verdicts

    def _make_doc(self, text: str) -> "Doc":
        # The components read the text from user_data: spaCy rebuilds doc.text on each access.
        doc = self.nlp.make_doc(text)
        doc.user_data[TEXT_KEY] = text
        return doc

    @staticmethod
    def _normalise(text: str) -> Normalised:
        if not isinstance(text, str):
            raise TypeError(f"text must be str, not {type(text).__name__}")
        return normalise(text[:MAX_CHARS])

    def _verdict(self, norm: Normalised, doc: "Doc") -> Verdict:
        language = detect_language(norm.original)
        raw = doc.user_data.get(EVIDENCE_KEY, [])
        countered = doc.user_data.get(COUNTER_KEY, ())
        # Without a letter there are no words for the classifier to read (emoji, numbers).
        cats = doc.cats if self._has_classifier and _LETTER.search(norm.text) else {}
        labels: list[str] = []
        evidence: list[Evidence] = []
        by_label: dict[str, list[tuple]] = {}
        for r in raw:
            if r[3] >= self.decision.weak_rule:
                by_label.setdefault(r[0], []).append(r)
        for label in LABELS:
            items = by_label.get(label, [])
            if not items and not cats:
                continue
            best: dict[str, tuple] = {}
            for item in items:
                if item[4] not in best or item[3] > best[item[4]][3]:
                    best[item[4]] = item
            rule_score = _combine([item[3] for item in best.values()])
            clf = cats.get(label) if cats else None
            if not self.decision.decide(label, rule_score, clf, label in countered):
                continue
            labels.append(label)
            # Every identifier found is shown; for rule reasons, the strongest of each.
            shown = [item for item in items if item[4] in IDENTIFIER_CODES] + [
                item for code, item in best.items() if code not in IDENTIFIER_CODES
            ]
            for _, start, end, score, code in sorted(set(shown), key=lambda r: (r[1], r[2], -r[3])):
                o_start, o_end = norm.to_original(start, end)
                evidence.append(Evidence(label, o_start, o_end, round(float(score), 4), code, describe(code, "en", label)))
            if rule_score < self.decision.rule_threshold and clf is not None:
                evidence.append(Evidence(label, 0, len(norm.original), round(float(clf), 4), "classifier",
                                         describe("classifier", "en", label)))
        return Verdict(tuple(sorted(labels)), _dedupe(evidence), language)


def _dedupe(evidence: list[Evidence]) -> tuple[Evidence, ...]:
    """One piece of evidence per (label, span, reason), the strongest."""
    kept: dict[tuple, Evidence] = {}
    for e in evidence:
        key = (e.label, e.start, e.end, e.reason_code)
        if key not in kept or e.score > kept[key].score:
            kept[key] = e
    return tuple(sorted(kept.values(), key=lambda e: (e.label, e.start, e.end, e.reason_code)))
