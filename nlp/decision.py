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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

from nlp.verdict import LABELS

# A marking ("CONFIDENTIAL", "ખાનગી:") within this many characters of the start is in marking position.
HEAD_CHARS = 40
# Identifier evidence this strong is a validated identifier (checksum or format plus its name): always acted on.
VALIDATED_IDENTIFIER = 0.85
IDENTIFIER_CODES = frozenset({"aadhaar", "pan", "voter_id", "passport", "bank_account", "mobile_number", "email_address"})
# Cue classes that make a message a directive in form (see nlp.context).
DIRECTIVE_CUES = frozenset(
    {"imperative", "ins_directive", "ins_request_verb", "ins_addressee", "designation_to", "ins_passive", "ins_deadline"}
)
_CLIP = 8.0


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def sigmoid(x: float) -> float:
    """The logistic function, safe for large |x|."""
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


def features(text: str, cues: Mapping[str, int], evidence: Iterable[tuple], cats: Mapping[str, float],
             language: str) -> dict[str, float]:
    """The decision's features for one message (sparse: absent means 0)."""
    f: dict[str, float] = {}
    for cls, first in cues.items():
        f["cue:" + cls] = 1.0
        if first < HEAD_CHARS:
            f["head:" + cls] = 1.0
    for label, _, _, score, code in evidence:
        key = f"rule:{label}:{code}"
        if score > f.get(key, 0.0):
            f[key] = score
        key = "rulemax:" + label
        if score > f.get(key, 0.0):
            f[key] = score
    best: dict[tuple[str, str], float] = {}
    for key, score in f.items():
        if key.startswith("rule:"):
            _, label, code = key.split(":", 2)
            best[(label, code)] = score
    for (label, _), score in best.items():
        key = "rulecomb:" + label
        f[key] = 1.0 - (1.0 - f.get(key, 0.0)) * (1.0 - score)
    for label, score in cats.items():
        f["clf:" + label] = max(-_CLIP, min(_CLIP, _logit(score))) / 4.0
    n = len(text)
    f["log_len"] = math.log1p(n) / 8.0
    if n > 200:
        f["long"] = 1.0
        # Long texts give many chances to a cue: what the rules found is weighed against the length.
        for label in LABELS:
            if "rulemax:" + label in f:
                f["long_rule:" + label] = f["rulemax:" + label]
            if "clf:" + label in f:
                f["long_clf:" + label] = f["clf:" + label]
    if n > 600:
        f["vlong"] = 1.0
    lines = text.count("\n")
    if lines >= 3:
        f["multiline"] = 1.0
    f["lang:" + language] = 1.0
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
        return dict(zip(order, totals))

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
    def from_dict(cls, data: Mapping[str, Any]) -> "DecisionModel":
        """Read the JSON form (`model/samvad_decision.json`)."""
        labels = {}
        for label in LABELS:
            row = data["labels"][label]
            labels[label] = LabelModel(float(row["bias"]), {k: float(v) for k, v in row["weights"].items()},
                                       float(row["lower"]), float(row["upper"]))
        return cls(labels, dict(data.get("figures", {})))

    @classmethod
    def read(cls, path: Path) -> "DecisionModel":
        """Load from a file."""
        return cls.from_dict(json.loads(Path(path).read_text("utf-8")))

    def to_dict(self) -> dict[str, Any]:
        """The JSON form, weights rounded so that the file stays readable and diffable."""
        return {
            "labels": {
                label: {
                    "lower": round(m.lower, 4), "upper": round(m.upper, 4), "bias": round(m.bias, 6),
                    "weights": {k: round(v, 6) for k, v in sorted(m.weights.items()) if abs(v) >= 1e-6},
                }
                for label, m in self.labels.items()
            },
            "figures": self.figures,
        }

    def write(self, path: Path) -> None:
        """Save as JSON."""
        Path(path).write_text(json.dumps(self.to_dict(), indent=1, sort_keys=True, ensure_ascii=False) + "\n", "utf-8")


def fit_logistic(rows: list[dict[str, float]], gold: list[bool], *, l2: float = 1.0, min_count: int = 3,
                 iterations: int = 25) -> LabelModel:
    """L2-regularised logistic regression by Newton's method (deterministic; numpy only)."""
    import numpy as np

    counts: dict[str, int] = {}
    for r in rows:
        for name in r:
            counts[name] = counts.get(name, 0) + 1
    names = sorted(n for n, c in counts.items() if c >= min_count)
    index = {n: i for i, n in enumerate(names)}
    x = np.zeros((len(rows), len(names) + 1))
    x[:, -1] = 1.0
    for i, r in enumerate(rows):
        for name, value in r.items():
            j = index.get(name)
            if j is not None:
                x[i, j] = value
    y = np.asarray(gold, dtype=float)
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[-1] = 1e-6
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (p - y) + penalty * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty)
        step = np.linalg.solve(hess, grad)
        w -= step
        if float(np.max(np.abs(step))) < 1e-7:
            break
    return LabelModel(float(w[-1]), {n: float(w[index[n]]) for n in names})


def choose_thresholds(scores: list[float], gold: list[bool], *, act_precision: float = 0.97,
                      min_act: int = 5) -> dict[str, Any]:
    """The upper threshold (lowest score at which precision above it stays >= act_precision) and
    the lower one (best F1 at or below the upper), with precision and recall at each."""
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
    for s, t, f in points:
        # Walking down the scores: the upper threshold is the last point before precision falls below the bar.
        if t + f >= min_act and t / (t + f) < act_precision:
            break
        if t / max(1, t + f) >= act_precision:
            upper = s
    best_f, lower = -1.0, upper
    for s, t, f in points:
        if s > upper:
            continue
        f1 = 2 * t / (2 * t + f + (positives - t)) if t else 0.0
        if f1 > best_f + 1e-12:
            best_f, lower = f1, s
    lower = min(lower, upper)

    def at(threshold: float) -> dict[str, float]:
        t = sum(1 for s, g in order if s >= threshold and g)
        f = sum(1 for s, g in order if s >= threshold and not g)
        return {"threshold": round(threshold, 4), "precision": round(t / (t + f), 4) if t + f else 1.0,
                "recall": round(t / positives, 4) if positives else 0.0, "given": t + f}

    return {"lower": lower, "upper": upper, "at_lower": at(lower), "at_upper": at(upper), "positives": positives}
