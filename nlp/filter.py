"""The content filter's entry point: `ContentFilter.check(text) -> Verdict`."""
from __future__ import annotations

import gc
import json
import math
import re
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast
from collections.abc import Iterable

from nlp.language import detect_language, script_counts
from nlp.context import instruction_shift
from nlp.decision import (DIRECTIVE_CUES, IDENTIFIER_CODES, VALIDATED_IDENTIFIER, DecisionModel, LabelModel, features,
                          segments, sigmoid)
from nlp.normalise import Normalised, normalise
from nlp.reasons import describe
from nlp.verdict import LABELS, Evidence, MessageContext, Verdict
from nlp.recognisers.base import OFFICIAL_EMAIL_DOMAINS

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.pipeline.textcat_multilabel import MultiLabel_TextCategorizer
    from spacy.tokens import Doc

    from nlp.components import Annotated, IdentifierRecogniser, LexiconRules
    from nlp.pipeline import NormArray

DEFAULT_EMAIL_DOMAINS = OFFICIAL_EMAIL_DOMAINS
# As in nlp.components, which imports spaCy and so is not imported here at import time.
TEXT_KEY = "samvad_text"
EVIDENCE_KEY = "samvad_evidence"
CUES_KEY = "samvad_cues"
# Per-sentence classifier scores of a long message (nlp.decision.segments): the most suspicious sentence's.
SEGMENTS_KEY = "samvad_segments"
# Longer than any chat message: Telegram caps a message at 4,096 characters.
MAX_CHARS = 20_000


def load_thresholds(path: Path | None = None) -> dict[str, Any]:
    """The accuracy floors file (packaged `thresholds.json` by default)."""
    if path is not None:
        return json.loads(Path(path).read_text("utf-8"))
    return json.loads(resources.files("nlp").joinpath("thresholds.json").read_text("utf-8"))


def rules_decision() -> DecisionModel:
    """The decision without a trained model: a label when its combined rule evidence reaches 0.5, acted on from 0.8."""
    return DecisionModel({label: LabelModel(-10.0, {"rulecomb:" + label: 20.0}, 0.5, sigmoid(6.0)) for label in LABELS})


_LETTER = re.compile(r"[^\W\d_]")
# Evidence weaker than this is a feature for the decision but is not shown as a reason.
SHOWN_EVIDENCE = 0.25


def _combine(scores: Iterable[float]) -> float:
    """Noisy-or of independent pieces of evidence."""
    remaining = 1.0
    for s in scores:
        remaining *= 1.0 - s
    return 1.0 - remaining


class ContentFilter:
    """Labels a chat message confidential, personal_data, hostile and/or instruction, with evidence and a tier."""

    def __init__(self, pipeline: Language, decision: DecisionModel | None = None, *,
                 official_numbers: Iterable[str] = (), official_email_domains: Iterable[str] = DEFAULT_EMAIL_DOMAINS) -> None:
        self.nlp = pipeline
        self.decision = decision or rules_decision()
        self._email_domains = tuple(official_email_domains)
        self._textcat = (  # spaCy types every pipe as Callable[[Doc], Doc]; this name is the text categoriser
            cast("MultiLabel_TextCategorizer", pipeline.get_pipe("textcat_multilabel"))
            if "textcat_multilabel" in pipeline.pipe_names else None
        )
        self._rule_components = [pipeline.get_pipe(name) for name in pipeline.pipe_names if name != "textcat_multilabel"]
        self._identifiers = cast("IdentifierRecogniser", pipeline.get_pipe("samvad_identifiers"))
        self._lexicon = cast("LexiconRules", pipeline.get_pipe("samvad_lexicon_rules"))
        self.set_official_numbers(official_numbers)
        # Read the look-alike table now, not on the first message that needs it.
        from nlp.confusables import latin_lookalikes

        latin_lookalikes()

    @classmethod
    def load(cls, *, official_numbers: Iterable[str] = (), official_email_domains: Iterable[str] = DEFAULT_EMAIL_DOMAINS,
             model_dir: Path | None = None, decision: Path | None = None) -> ContentFilter:
        """Load the packaged trained pipeline (or `model_dir`) and its decision; spaCy is imported here."""
        from nlp.pipeline import PACKAGED_MODEL, load_pipeline
        from nlp.training import DECISION_FILE

        pipeline = load_pipeline(model_dir)
        path = Path(decision) if decision is not None else Path(model_dir or PACKAGED_MODEL) / DECISION_FILE
        model = DecisionModel.read(path) if path.is_file() else None
        return cls(pipeline, model, official_numbers=official_numbers, official_email_domains=official_email_domains)

    @classmethod
    def rules_only(cls, **kwargs: Any) -> ContentFilter:
        """A filter with the rule components and no classifier (needs no trained model)."""
        from nlp.pipeline import build_pipeline

        return cls(build_pipeline(with_classifier=False), **kwargs)

    def set_official_numbers(self, numbers: Iterable[str]) -> None:
        """Replace the roster of official numbers (E.164, e.g. "+919824012345")."""
        from nlp.recognisers import Allowlist

        allowlist = Allowlist.build(list(numbers), self._email_domains)
        cast("IdentifierRecogniser", self.nlp.get_pipe("samvad_identifiers")).set_allowlist(allowlist)

    def check(self, text: str, context: MessageContext | None = None) -> Verdict:
        """The verdict for one message; `context` (who says it, where) is weighed when given."""
        return self.check_many([text], [context])[0]

    def check_many(self, texts: Iterable[str], contexts: Iterable[MessageContext | None] | None = None, *,
                   batch_size: int = 256) -> list[Verdict]:
        """Verdicts for many messages, classified in batches; the same results as `check` with each context."""
        texts = list(texts)
        for text in texts:
            if not isinstance(text, str):
                raise TypeError(f"text must be str, not {type(text).__name__}")
        given: list[MessageContext | None] = list(contexts) if contexts is not None else [None] * len(texts)
        if len(given) != len(texts):
            raise ValueError(f"{len(texts)} texts but {len(given)} contexts")
        verdicts: list[Verdict] = []
        # The cyclic collector would walk every live object again and again while a batch allocates
        # thousands of short-lived ones that hold no cycles; it runs once the call is done instead
        # (normalising included: each batch is normalised as it comes, inside the same pause).
        collecting = gc.isenabled()
        gc.disable()
        try:
            for start in range(0, len(texts), batch_size):
                batch = [normalise(t[:MAX_CHARS]) for t in texts[start:start + batch_size]]
                docs, cats = self.annotate([n.text for n in batch])
                verdicts += self._verdicts(batch, docs, cats, given[start:start + batch_size])
        finally:
            if collecting:
                gc.enable()
        return verdicts

    def annotate(self, texts: list[str]) -> tuple[list[Annotated], list[dict[str, float]]]:
        """Run the components over normalised texts: each message's tokens with their evidence and cues (in
        `user_data`, as the components leave them on a Doc), and the classifier's scores.

        The batch is tokenized and matched against the lexicons at once (`nlp.components.tokenize_many`:
        one Doc for the batch, not one per message); the components' work on each message's text follows.
        """
        from nlp.components import tokenize_many
        from nlp.recognisers import digit_runs

        identifiers, lexicon = self._identifiers, self._lexicon
        tokenized = tokenize_many(self.nlp.tokenizer, lexicon.matcher, lexicon.class_names, texts)
        docs = []
        for text, (doc, matches) in zip(texts, tokenized):
            # The runs of digits, found once for the identifiers and the number cues.
            digits = digit_runs(text)
            # Every identifier holds a digit or an "@" (`find_identifiers` looks no further without one).
            evidence = identifiers.evidence(text, digits) if digits or "@" in text else []
            found, rule_evidence = lexicon.annotate(text, matches, len(doc), digits)
            if found is not None:
                doc.user_data[CUES_KEY] = found
            if evidence or rule_evidence:
                doc.user_data[EVIDENCE_KEY] = evidence + rule_evidence
            docs.append(doc)
        if self._textcat is None:
            return docs, [{} for _ in docs]
        scored = [i for i, text in enumerate(texts) if _LETTER.search(text)]
        cats: list[dict[str, float]] = [{} for _ in docs]
        if scored:
            from nlp.pipeline import NormArray

            # The classifier reads only the tokens' NORM ids, for the message and for its sentences.
            norms = {i: docs[i].norms for i in scored}
            # spaCy types predict's input as Docs; a NormArray is all of a Doc that our classifier reads.
            views = cast("list[Doc]", [NormArray(norms[i]) for i in scored])
            # The long messages' sentences go in the same call (a document's scores do not depend on the
            # others in its batch: the n-grams are counted and weighed per document).
            owners, parts = self._segment_parts(docs, texts, norms)
            rows = self._textcat.predict(views + cast("list[Doc]", parts)).tolist()
            labels = self._textcat.labels
            for i, row in zip(scored, rows):
                cats[i] = dict(zip(labels, row))
            self._keep_best_segments(labels, docs, owners, rows[len(views):])
        return docs, cats

    @staticmethod
    def _segment_parts(docs: list[Annotated], texts: list[str],
                       norms: dict[int, Any]) -> tuple[list[tuple[int, int, int]], list[NormArray]]:
        """A long message's sentences (or lines), to be scored one by one so that a violation buried after
        unrelated sentences is not diluted by them: (message, start, end) of each and its NORM ids. Only
        messages with two or more sentences over `SEGMENT_MIN_TEXT` characters; the sentences are cut from
        the message's tokens, not re-tokenised. `norms` holds the NORM ids of each scored message's tokens."""
        from nlp.pipeline import NormArray

        owners: list[tuple[int, int, int]] = []
        parts: list[NormArray] = []
        for i, ids in norms.items():
            for start, end in segments(texts[i]):
                # The tokens the sentence covers, as Doc.char_span(start, end, alignment_mode="expand").
                span = docs[i].token_span(start, end)
                if span is not None and span[1] > span[0]:
                    owners.append((i, span[2], span[3]))
                    # The span's tokens' NORM ids: what the classifier reads of a Doc of the span's words
                    # (the tokenizer has no special cases, so a token's NORM is its word's lexeme norm).
                    parts.append(NormArray(ids[span[0]:span[1]]))
        return owners, parts

    @staticmethod
    def _keep_best_segments(labels: Iterable[str], docs: list[Annotated], owners: list[tuple[int, int, int]],
                            rows: list[list[float]]) -> None:
        """Per label, the best sentence's score and span, in `doc.user_data[SEGMENTS_KEY]`."""
        for (i, start, end), row in zip(owners, rows):
            best = docs[i].user_data.setdefault(SEGMENTS_KEY, {})
            for label, value in zip(labels, row):
                if label not in best or value > best[label][0]:
                    best[label] = (value, start, end)

    def _make_doc(self, text: str) -> Doc:
        # The components read the text from user_data: spaCy rebuilds doc.text on each access.
        # The tokenizer itself: make_doc only adds a length check that MAX_CHARS makes moot.
        doc = self.nlp.tokenizer(text)
        doc.user_data[TEXT_KEY] = text
        return doc

    @staticmethod
    def _normalise(text: str) -> Normalised:
        if not isinstance(text, str):
            raise TypeError(f"text must be str, not {type(text).__name__}")
        return normalise(text[:MAX_CHARS])

    @staticmethod
    def features_of(norm: Normalised, doc: Annotated, cats: dict[str, float], language: str) -> dict[str, float]:
        """The decision's features for an annotated doc (used by training, too)."""
        return features(norm.text, doc.user_data.get(CUES_KEY, {}), doc.user_data.get(EVIDENCE_KEY, ()), cats, language,
                        doc.user_data.get(SEGMENTS_KEY))

    def scores_of(self, f: dict[str, float], evidence: Iterable[tuple], cues: Iterable[str],
                  context: MessageContext | None, logits: Iterable[float] | None = None) -> dict[str, tuple[float, bool]]:
        """Per label: the calibrated score and whether a validated identifier forces the upper tier.

        `logits` (in label order), when given, are the decision's linear scores of `f` worked out already.
        """
        out = {}
        totals = zip(self.decision.labels, logits) if logits is not None else self.decision.logits(f).items()
        for label, logit in totals:
            if label == "instruction":
                shift = instruction_shift(context, not DIRECTIVE_CUES.isdisjoint(cues))
                if shift is None:
                    continue
                logit += shift
            forced = label == "personal_data" and any(
                e[0] == label and e[4] in IDENTIFIER_CODES and e[3] >= VALIDATED_IDENTIFIER for e in evidence
            )
            out[label] = (sigmoid(logit), forced)
        return out

    def _verdicts(self, norms: list[Normalised], docs: list[Annotated], cats: list[dict[str, float]],
                  contexts: list[MessageContext | None]) -> list[Verdict]:
        """The verdicts of an annotated batch: the decision's sums are worked out for the batch at once."""
        originals = [norm.original for norm in norms]
        languages = [detect_language(text, counts) for text, counts in zip(originals, script_counts(originals))]
        # (`isspace`, not `strip`: the same answer without a copy of the text.)
        live = [i for i, norm in enumerate(norms) if norm.text and not norm.text.isspace()]
        rows = [self.features_of(norms[i], docs[i], cats[i], languages[i]) for i in live]
        verdicts: list[Verdict | None] = [None] * len(norms)
        below = _logit_bounds(self.decision)
        for i, f, logits in zip(live, rows, self.decision.logits_many(rows)):
            verdicts[i] = self._verdict(norms[i], docs[i], cats[i], contexts[i], languages[i], f, logits, below)
        return [v if v is not None else _empty(language) for v, language in zip(verdicts, languages)]

    def _verdict(self, norm: Normalised, doc: Annotated, cats: dict[str, float], context: MessageContext | None = None,
                 language: str | None = None, f: dict[str, float] | None = None,
                 logits: Iterable[float] | None = None, below: dict[str, float] | None = None) -> Verdict:
        # `below` (`_logit_bounds`): per label, a logit under which the score is surely under the lower threshold.
        if language is None:
            language = detect_language(norm.original)
        if not norm.text or norm.text.isspace():
            return _empty(language)
        raw = doc.user_data.get(EVIDENCE_KEY, [])
        cues = doc.user_data.get(CUES_KEY, {})
        if f is None:
            f = self.features_of(norm, doc, cats, language)
        labels: list[str] = []
        review: list[str] = []
        scores: list[tuple[str, float]] = []
        evidence: list[Evidence] = []
        models = self.decision.labels
        if logits is None:
            logits = self.decision.logits(f).values()
        # As scores_of, in one loop: the calibrated score, raised to the upper tier by a validated identifier.
        for (label, model), logit in zip(models.items(), logits):
            if label == "instruction" and context is not None:
                shift = instruction_shift(context, not DIRECTIVE_CUES.isdisjoint(cues))
                if shift is None:
                    continue
                logit += shift
            if below is not None and logit < below[label] and (not raw or label != "personal_data"):
                # Under the lower threshold, and no identifier to force it: the label is not given (most labels of
                # most messages), without the sigmoid.
                continue
            score = sigmoid(logit)
            forced = label == "personal_data" and _validated_identifier(raw)
            if forced:
                score = max(score, min(model.upper, 1.0))
            elif score < model.lower:
                continue
            labels.append(label)
            scores.append((label, round(score, 4)))
            if score < model.upper and not forced:
                review.append(label)
            evidence += self._evidence_for(label, raw, norm, score)
        if not labels:
            return _empty(language)
        return Verdict(tuple(sorted(labels)), _dedupe(evidence), language, tuple(sorted(scores)), tuple(sorted(review)))

    @staticmethod
    def _evidence_for(label: str, raw: Iterable[tuple], norm: Normalised, score: float) -> list[Evidence]:
        """Every identifier found is shown; for rule reasons, the strongest of each; else the classifier."""
        items = [r for r in raw if r[0] == label and r[3] >= SHOWN_EVIDENCE]
        best: dict[str, tuple] = {}
        for item in items:
            if item[4] not in best or item[3] > best[item[4]][3]:
                best[item[4]] = item
        shown = [item for item in items if item[4] in IDENTIFIER_CODES] + [
            item for code, item in best.items() if code not in IDENTIFIER_CODES
        ]
        out = []
        for _, start, end, s, code in sorted(set(shown), key=lambda r: (r[1], r[2], -r[3])):
            o_start, o_end = norm.to_original(start, end)
            out.append(Evidence(label, o_start, o_end, round(float(s), 4), code, _reason(code, label)))
        if not out:
            out.append(Evidence(label, 0, len(norm.original), round(float(score), 4), "classifier",
                                _reason("classifier", label)))
        return out


# How far under the logit of a label's lower threshold `_logit_bounds` stays: the sigmoid's rounding (a few units in
# the last place of a score) is far smaller than what this margin moves a score (over 1e-12 at any threshold
# between 1e-4 and 1 - 1e-4), so a logit under the bound gives a score under the threshold.
_BOUND_MARGIN = 1e-6


def _logit_bounds(decision: DecisionModel) -> dict[str, float]:
    """Per label, a logit under which `sigmoid(logit) < lower` surely holds (minus infinity, so never, for a
    threshold outside (1e-4, 1 - 1e-4))."""
    out = {}
    for label, model in decision.labels.items():
        lower = model.lower
        out[label] = math.log(lower / (1.0 - lower)) - _BOUND_MARGIN if 1e-4 < lower < 1 - 1e-4 else -math.inf
    return out


_REASONS: dict[tuple[str, str], str] = {}


def _reason(code: str, label: str) -> str:
    """`describe(code, "en", label)`, looked up once per (code, label)."""
    text = _REASONS.get((code, label))
    if text is None:
        text = _REASONS[code, label] = describe(code, "en", label)
    return text


_EMPTY: dict[str, Verdict] = {}


def _empty(language: str) -> Verdict:
    """The verdict of a message given no label: one shared instance per language (a Verdict is immutable)."""
    verdict = _EMPTY.get(language)
    if verdict is None:
        verdict = _EMPTY[language] = Verdict((), (), language)
    return verdict


def _validated_identifier(raw: Iterable[tuple]) -> bool:
    """Whether the evidence holds a validated identifier (personal data acted on whatever the score)."""
    for e in raw:
        if e[0] == "personal_data" and e[4] in IDENTIFIER_CODES and e[3] >= VALIDATED_IDENTIFIER:
            return True
    return False


def _dedupe(evidence: list[Evidence]) -> tuple[Evidence, ...]:
    """One piece of evidence per (label, span, reason), the strongest."""
    kept: dict[tuple, Evidence] = {}
    for e in evidence:
        key = (e.label, e.start, e.end, e.reason_code)
        if key not in kept or e.score > kept[key].score:
            kept[key] = e
    return tuple(sorted(kept.values(), key=lambda e: (e.label, e.start, e.end, e.reason_code)))
