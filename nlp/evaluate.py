"""Scores of the filter on a labelled JSON Lines file: per-label precision,
recall and F1, micro F1, the false-alarm rate on unlabelled messages, the
precision of the upper tier (the labels the bot acts on), breakdowns by
language and by family, the confusion of the worst family, and the misses
and false alarms themselves."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO
from collections.abc import Collection, Iterable

from nlp.decision import precision_lower_bound
from nlp.errors import CorpusError
from nlp.verdict import LABELS, Verdict

# A paraphrase of a corpus line (nlp/corpus/gen/paraphrase.py) is named `<source id>~p<N>`: whatever holds its
# source out of a classifier's training (an out-of-fold part, a held-out family) holds it out too.
PARAPHRASE_MARK = "~p"


def paraphrased_from(message_id: str) -> str | None:
    """The id of the line a paraphrase rewrites, or None for a line that is not a paraphrase."""
    head, mark, tail = message_id.rpartition(PARAPHRASE_MARK)
    return head if mark and tail.isdigit() else None


@dataclass(frozen=True)
class Example:
    """One labelled message."""

    id: str
    text: str
    labels: frozenset[str]
    lang: str = ""
    family: str = ""


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
            examples.append(Example(str(row.get("id", number)), text, labels, str(row.get("lang") or ""),
                                    str(row.get("family") or "")))
    return examples


@dataclass
class Report:
    """Counts and errors from one evaluation run."""

    tp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LABELS, 0))
    fp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LABELS, 0))
    fn: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LABELS, 0))
    # Labels given at the upper tier (Tier.ACT), right and wrong.
    act_tp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LABELS, 0))
    act_fp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LABELS, 0))
    unlabelled: int = 0
    unlabelled_flagged: int = 0
    messages: int = 0
    misses: list[tuple[Example, str, Verdict]] = field(default_factory=list)
    false_alarms: list[tuple[Example, str, Verdict]] = field(default_factory=list)

    def prf(self, label: str) -> tuple[float, float, float]:
        """Precision, recall and F1 for one label."""
        return _prf(self.tp[label], self.fp[label], self.fn[label])

    def micro(self) -> tuple[float, float, float]:
        """Micro-averaged precision, recall and F1."""
        return _prf(sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values()))

    def act_precision(self, label: str | None = None) -> float:
        """Precision of the upper tier for one label (or all labels); 1.0 when nothing was acted on."""
        labels = LABELS if label is None else (label,)
        tp = sum(self.act_tp[x] for x in labels)
        fp = sum(self.act_fp[x] for x in labels)
        return tp / (tp + fp) if tp + fp else 1.0

    def act_precision_at_least(self, label: str | None = None, *, confidence: float = 0.95) -> float | None:
        """What the upper tier's precision is at least, at `confidence` (one-sided Clopper-Pearson), from the
        messages acted on here: a figure on a couple of hundred messages says less than its decimals; None when
        nothing was acted on."""
        labels = LABELS if label is None else (label,)
        tp = sum(self.act_tp[x] for x in labels)
        given = tp + sum(self.act_fp[x] for x in labels)
        return precision_lower_bound(tp, given, confidence=confidence) if given else None

    def false_alarm_rate_at_most(self, *, confidence: float = 0.95) -> float | None:
        """What the share of unlabelled messages given a label is at most, at `confidence` (one-sided
        Clopper-Pearson); None without unlabelled messages."""
        if not self.unlabelled:
            return None
        return 1.0 - precision_lower_bound(self.unlabelled - self.unlabelled_flagged, self.unlabelled,
                                           confidence=confidence)

    def add(self, gold: Collection[str], given: Collection[str], acted: Collection[str], *,
            example: Example | None = None, verdict: Verdict | None = None) -> None:
        """Count one message: its gold labels, the labels given and those of them acted on (the upper tier).
        With its example and verdict, its misses and false alarms are kept to be shown."""
        self.messages += 1
        for label in acted:
            if label in gold:
                self.act_tp[label] += 1
            else:
                self.act_fp[label] += 1
        if not gold:
            self.unlabelled += 1
            self.unlabelled_flagged += bool(given)
        for label in LABELS:
            is_gold, got = label in gold, label in given
            if is_gold and got:
                self.tp[label] += 1
            elif got:
                self.fp[label] += 1
                if example is not None and verdict is not None:
                    self.false_alarms.append((example, label, verdict))
            elif is_gold:
                self.fn[label] += 1
                if example is not None and verdict is not None:
                    self.misses.append((example, label, verdict))

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
        report.add(example.labels, verdict.labels, verdict.acted, example=example, verdict=verdict)
    return report


def evaluate(content_filter, examples: list[Example]) -> Report:
    """Run the filter over `examples` and score it."""
    return score(examples, content_filter.check_many([e.text for e in examples]))


def _by(examples: list[Example], verdicts: list[Verdict], key) -> dict[str, Report]:
    groups: dict[str, tuple[list[Example], list[Verdict]]] = {}
    for example, verdict in zip(examples, verdicts):
        pair = groups.setdefault(key(example) or "-", ([], []))
        pair[0].append(example)
        pair[1].append(verdict)
    return {name: score(*pair) for name, pair in sorted(groups.items())}


@dataclass
class Evaluation:
    """A whole run: the report and its breakdowns by language and by family."""

    report: Report
    by_language: dict[str, Report]
    by_family: dict[str, Report]

    def worst_family(self) -> str | None:
        """The family with the most errors (false positives and misses), ties by name."""
        if not self.by_family or list(self.by_family) == ["-"]:
            return None
        return max(self.by_family, key=lambda name: (_errors(self.by_family[name]), name))


def _errors(report: Report) -> int:
    return sum(report.fp.values()) + sum(report.fn.values())


def evaluate_all(content_filter, examples: list[Example]) -> Evaluation:
    """Run the filter over `examples` and score it overall, by language and by family."""
    from nlp.language import detect_language

    verdicts = content_filter.check_many([e.text for e in examples])
    return Evaluation(
        score(examples, verdicts),
        _by(examples, verdicts, lambda e: e.lang or detect_language(e.text)),
        _by(examples, verdicts, lambda e: e.family),
    )


def print_report(report: Report, out: TextIO, *, show_errors: bool = True) -> None:
    """Print the figures, then the misses and false alarms. `ACT P >=` and the false alarms' "at most" are one-sided
    95% bounds on what the set shows (Clopper-Pearson): how far its figures can be trusted to hold on more text."""
    out.write(f"{'label':<15}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>6}{'FN':>6}{'ACT P':>8}{'ACT':>6}"
              f"{'ACT P >=':>10}\n")
    for label in LABELS:
        p, r, f = report.prf(label)
        acted = report.act_tp[label] + report.act_fp[label]
        out.write(f"{label:<15}{p:7.3f}{r:7.3f}{f:7.3f}{report.tp[label]:6d}{report.fp[label]:6d}{report.fn[label]:6d}"
                  f"{report.act_precision(label):8.3f}{acted:6d}{_bound(report.act_precision_at_least(label))}\n")
    p, r, f = report.micro()
    out.write(f"{'micro':<15}{p:7.3f}{r:7.3f}{f:7.3f}{'':18}{report.act_precision():8.3f}{'':6}"
              f"{_bound(report.act_precision_at_least())}\n")
    at_most = report.false_alarm_rate_at_most()
    out.write(
        f"false alarms on unlabelled messages: {report.unlabelled_flagged}/{report.unlabelled}"
        f" = {report.false_alarm_rate:.3f}" + (f" (at most {at_most:.3f} at 95%)" if at_most is not None else "")
        + "\n"
    )
    if show_errors:
        _print_errors(report, out)


def _bound(value: float | None) -> str:
    return f"{value:10.3f}" if value is not None else f"{'-':>10}"


def _print_errors(report: Report, out: TextIO) -> None:
    for title, rows in (("misses", report.misses), ("false alarms", report.false_alarms)):
        out.write(f"\n{title} ({len(rows)}):\n")
        for example, label, verdict in rows:
            reasons = ", ".join(sorted({e.reason_code for e in verdict.evidence})) or "-"
            tiers = ",".join(f"{x}:{verdict.tier(x)}" for x in verdict.labels)
            out.write(f"  [{example.id}] {label}: {example.text!r} (got {tiers or '-'}; {reasons})\n")


def _breakdown_line(name: str, report: Report) -> str:
    p, r, f = report.micro()
    f1s = " ".join(f"{report.prf(label)[2]:6.3f}" if report.tp[label] + report.fn[label] else "     -"
                   for label in LABELS)
    return (f"{name[:28]:<29}{report.messages:5d}{p:7.3f}{r:7.3f}{f:7.3f} {f1s}"
            f"{report.unlabelled_flagged:4d}/{report.unlabelled:<4d}{report.act_precision():7.3f}\n")


def print_evaluation(evaluation: Evaluation, out: TextIO, *, show_errors: bool = True, examples_per_cell: int = 3) -> None:
    """The overall figures, the breakdowns by language and by family, and the worst family's confusion."""
    print_report(evaluation.report, out, show_errors=False)
    short = " ".join(f"{label[:6]:>6}" for label in LABELS)
    header = f"{'':<29}{'n':>5}{'P':>7}{'R':>7}{'F1':>7} {short}  FA/unl  ACT P\n"
    out.write("\nby language (micro P/R/F1, F1 per label, false alarms/unlabelled, ACT precision):\n" + header)
    for name, report in evaluation.by_language.items():
        out.write(_breakdown_line(name, report))
    worst = evaluation.worst_family()
    if worst is not None:
        out.write("\nby family:\n" + header)
        for name, report in evaluation.by_family.items():
            out.write(_breakdown_line(name, report))
        report = evaluation.by_family[worst]
        out.write(f"\nconfusion of the worst family, {worst} ({_errors(report)} errors):\n")
        for label in LABELS:
            if not report.fp[label] and not report.fn[label]:
                continue
            fps = [e.id for e, lab, _ in report.false_alarms if lab == label][:examples_per_cell]
            fns = [e.id for e, lab, _ in report.misses if lab == label][:examples_per_cell]
            out.write(f"  {label:<14} FP {report.fp[label]:3d} {' '.join(fps) or '-':<40} FN {report.fn[label]:3d} "
                      f"{' '.join(fns) or '-'}\n")
    if show_errors:
        _print_errors(evaluation.report, out)
