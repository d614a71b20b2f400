"""Scores of the filter on a labelled JSON Lines file: per-label precision,
recall and F1, micro F1, the false-alarm rate on unlabelled messages, and
the misses and false alarms themselves."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, TextIO

from nlp.errors import CorpusError
from nlp.verdict import LABELS, Verdict


@dataclass(frozen=True)
class Example:
    """One labelled message."""

    id: str
    text: str
    labels: frozenset[str]


def read_examples(path: Path) -> list[Example]:
    """Read `{"id", "text", "labels"}` lines; raises CorpusError on a malformed line."""
    examples = []
    with Path(path).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                labels = frozenset(row.get("labels", []))
                text = row["text"]
            except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
                raise CorpusError(f"{path}:{number}: {exc}") from exc
            unknown = labels - set(LABELS)
            if unknown or not isinstance(text, str):
                raise CorpusError(f"{path}:{number}: unknown labels {sorted(unknown)} or bad text")
            examples.append(Example(str(row.get("id", number)), text, labels))
    return examples


@dataclass
class Report:
    """Counts and errors from one evaluation run."""

    tp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LABELS, 0))
    fp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LABELS, 0))
    fn: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LABELS, 0))
    unlabelled: int = 0
    unlabelled_flagged: int = 0
    misses: list[tuple[Example, str, Verdict]] = field(default_factory=list)
    false_alarms: list[tuple[Example, str, Verdict]] = field(default_factory=list)

    def prf(self, label: str) -> tuple[float, float, float]:
        """Precision, recall and F1 for one label."""
        return _prf(self.tp[label], self.fp[label], self.fn[label])

    def micro(self) -> tuple[float, float, float]:
        """Micro-averaged precision, recall and F1."""
        return _prf(sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values()))

    @property
    def false_alarm_rate(self) -> float:
        """Share of unlabelled messages that got any label."""
        return self.unlabelled_flagged / self.unlabelled if self.unlabelled else 0.0


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score(examples: Iterable[Example], verdicts: Iterable[Verdict]) -> Report:
    """Compare verdicts with gold labels."""
    report = Report()
    for example, verdict in zip(examples, verdicts):
        predicted = set(verdict.labels)
        if not example.labels:
            report.unlabelled += 1
            report.unlabelled_flagged += bool(predicted)
        for label in LABELS:
            gold, got = label in example.labels, label in predicted
            if gold and got:
                report.tp[label] += 1
            elif got:
                report.fp[label] += 1
                report.false_alarms.append((example, label, verdict))
            elif gold:
                report.fn[label] += 1
                report.misses.append((example, label, verdict))
    return report


def evaluate(content_filter, examples: list[Example]) -> Report:
    """Run the filter over `examples` and score it."""
    return score(examples, content_filter.check_many([e.text for e in examples]))


def print_report(report: Report, out: TextIO, *, show_errors: bool = True) -> None:
    """Print the figures, then the misses and false alarms."""
    out.write(f"{'label':<15}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>6}{'FN':>6}\n")
    for label in LABELS:
        p, r, f = report.prf(label)
        out.write(f"{label:<15}{p:7.3f}{r:7.3f}{f:7.3f}{report.tp[label]:6d}{report.fp[label]:6d}{report.fn[label]:6d}\n")
    p, r, f = report.micro()
    out.write(f"{'micro':<15}{p:7.3f}{r:7.3f}{f:7.3f}\n")
    out.write(
        f"false alarms on unlabelled messages: {report.unlabelled_flagged}/{report.unlabelled}"
        f" = {report.false_alarm_rate:.3f}\n"
    )
    if not show_errors:
        return
    for title, rows in (("misses", report.misses), ("false alarms", report.false_alarms)):
        out.write(f"\n{title} ({len(rows)}):\n")
        for example, label, verdict in rows:
            reasons = ", ".join(sorted({e.reason_code for e in verdict.evidence})) or "-"
            out.write(f"  [{example.id}] {label}: {example.text!r} (got {list(verdict.labels)}; {reasons})\n")
