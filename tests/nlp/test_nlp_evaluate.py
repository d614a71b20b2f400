"""`samvad nlp eval`'s figures: upper-tier precision, breakdowns by language and family, the worst family's confusion."""
from __future__ import annotations

import io

from nlp import Verdict
from nlp.evaluate import Example, Report, evaluate_all, print_evaluation, print_report


class FixedFilter:
    """A filter that answers from a table: enough to check the arithmetic of the evaluation."""

    def __init__(self, answers: dict[str, Verdict]) -> None:
        self.answers = answers

    def check_many(self, texts):
        return [self.answers[t] for t in texts]


EXAMPLES = [
    Example("a1", "one", frozenset({"hostile"}), "en", "A"),
    Example("a2", "two", frozenset(), "en", "A"),
    Example("b1", "three", frozenset({"instruction"}), "gu", "B"),
    Example("b2", "four", frozenset(), "gu", "B"),
    Example("b3", "five", frozenset(), "gu", "B"),
]
ANSWERS = {
    "one": Verdict(("hostile",), (), scores=(("hostile", 0.99),)),  # right, acted on
    "two": Verdict(("hostile",), (), scores=(("hostile", 0.6),), review=("hostile",)),  # wrong, for review only
    "three": Verdict((), ()),  # missed
    "four": Verdict(("instruction",), (), scores=(("instruction", 0.95),)),  # wrong, acted on
    "five": Verdict((), ()),
}


def test_figures_overall_and_of_the_upper_tier():
    report = evaluate_all(FixedFilter(ANSWERS), EXAMPLES).report
    assert report.prf("hostile") == (0.5, 1.0, 2 / 3)
    assert report.prf("instruction") == (0.0, 0.0, 0.0)
    assert (report.unlabelled_flagged, report.unlabelled) == (2, 3)
    # Only a1 (right) and b2 (wrong) were acted on; a2's false hostile went to review.
    assert report.act_precision("hostile") == 1.0
    assert report.act_precision("instruction") == 0.0
    assert report.act_precision() == 0.5


def test_the_table_says_how_far_its_upper_tier_and_false_alarm_figures_can_be_trusted():
    # Four confidential messages acted on, all right, and ten ordinary ones, none flagged. With every one right,
    # the one-sided 95% Clopper-Pearson bound is 0.05 ** (1/n): precision at least 0.05 ** (1/4) = 0.473, false
    # alarms at most 1 - 0.05 ** (1/10) = 0.259. A set that small shows almost nothing, and the table says so.
    report = Report()
    for _ in range(4):
        report.add({"confidential"}, {"confidential"}, {"confidential"})
    for _ in range(10):
        report.add(set(), set(), set())
    out = io.StringIO()
    print_report(report, out, show_errors=False)
    lines = out.getvalue().splitlines()
    assert lines[0].split()[-3:] == ["ACT", "P", ">="]
    confidential = next(line for line in lines if line.startswith("confidential")).split()
    assert confidential[-3:] == ["1.000", "4", "0.473"]
    hostile = next(line for line in lines if line.startswith("hostile")).split()
    assert hostile[-1] == "-"  # nothing acted on: no bound
    assert lines[-1] == "false alarms on unlabelled messages: 0/10 = 0.000 (at most 0.259 at 95%)"


def test_breakdowns_by_language_and_family_and_the_worst_familys_confusion():
    evaluation = evaluate_all(FixedFilter(ANSWERS), EXAMPLES)
    assert sorted(evaluation.by_language) == ["en", "gu"]
    assert evaluation.by_family["A"].messages == 2 and evaluation.by_family["B"].messages == 3
    assert evaluation.worst_family() == "B"
    out = io.StringIO()
    print_evaluation(evaluation, out, show_errors=False)
    text = out.getvalue()
    assert "by language" in text and "by family:" in text
    assert "confusion of the worst family, B (2 errors):" in text
    (line,) = [x for x in text.splitlines() if x.strip().startswith("instruction") and "FP" in x]
    assert line.split()[:3] == ["instruction", "FP", "1"] and "b2" in line and line.split()[-2:] == ["1", "b1"]
