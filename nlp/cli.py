"""Command-line hook: `samvad classify [FILE]`, `samvad nlp train`, `samvad nlp eval FILE`,
`samvad nlp add-false-alarms FILE`.

`register(subparsers)` adds the commands to the bot's parser; each handler
takes the argparse Namespace and returns an exit code.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import BinaryIO, TextIO
from collections.abc import Iterator

BATCH = 256


def register(subparsers: argparse._SubParsersAction) -> argparse._SubParsersAction:
    """Add `classify` and `nlp {train,eval}`; return the `nlp` subcommands for others to extend."""
    classify = subparsers.add_parser("classify", help="label JSON Lines messages {id, text} from FILE or stdin")
    classify.add_argument("file", nargs="?", metavar="FILE", help="JSON Lines input (default: standard input)")
    classify.add_argument("--model", type=Path, default=None, help="pipeline directory (default: packaged)")
    classify.set_defaults(handler=run_classify)

    nlp_parser = subparsers.add_parser("nlp", help="content-filter model commands")
    nlp_commands = nlp_parser.add_subparsers(dest="nlp_command", metavar="{train,rethreshold,eval}")
    nlp_commands.required = True

    from nlp.training import DEFAULT_CORPUS, DEFAULT_OUTPUT

    train = nlp_commands.add_parser(
        "train", help="train the classifier and the decision; choose the thresholds on the calibration split"
    )
    train.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                       help="folder with train.jsonl and calibration.jsonl (the thresholds are chosen on it)")
    train.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="where to save the pipeline")
    train.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    train.set_defaults(handler=run_train)

    rethreshold = nlp_commands.add_parser(
        "rethreshold", help="choose a trained model's thresholds again on the calibration split (no retraining)"
    )
    rethreshold.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                             help="folder with calibration.jsonl (the thresholds are chosen on it)")
    rethreshold.add_argument("--model", type=Path, default=DEFAULT_OUTPUT,
                             help="the trained pipeline whose decision file is rewritten (default: packaged)")
    rethreshold.set_defaults(handler=run_rethreshold)

    evaluate = nlp_commands.add_parser(
        "eval", help="P/R/F1, upper-tier precision, by language and family, on a labelled JSON Lines file"
    )
    evaluate.add_argument("file", metavar="FILE", type=Path)
    evaluate.add_argument("--model", type=Path, default=None, help="pipeline directory (default: packaged)")
    evaluate.add_argument("--quiet", action="store_true", help="figures only, no misses or false alarms")
    evaluate.add_argument("--show-messages", action="store_true",
                          help="print the misses and false alarms of untouched.jsonl, sealed.jsonl and sealed2.jsonl too (by"
                               " default their messages stay unread: reading them would tune the filter on them)")
    evaluate.set_defaults(handler=run_eval)

    from nlp.feedback import DEFAULT_FAMILY

    add = nlp_commands.add_parser(
        "add-false-alarms", help="append `samvad nlp false-alarms` output to the training corpus (deduplicated)"
    )
    add.add_argument("file", metavar="FILE", type=Path, help="JSON Lines from `samvad nlp false-alarms`")
    add.add_argument("--family", default=DEFAULT_FAMILY, help=f"the corpus family of the new lines (default {DEFAULT_FAMILY})")
    add.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS / "train.jsonl", help="the split to append to")
    add.set_defaults(handler=run_add_false_alarms)
    return nlp_commands


def _dumps(row: dict) -> str:
    """JSON with Gujarati and Hindi as they are; \\u escapes where a lone surrogate would not encode."""
    line = json.dumps(row, ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = json.dumps(row)
    return line


def _lines(stream: BinaryIO) -> Iterator[tuple[int, bytes]]:
    yield from enumerate(stream, 1)


def parse_line(number: int, raw: bytes) -> tuple[object, str | None, str | None]:
    """(id, text, error) for one input line."""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None, None, f"line {number}: not valid UTF-8"
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        return None, None, f"line {number}: not valid JSON ({exc.msg})"
    if not isinstance(row, dict):
        return None, None, f"line {number}: expected a JSON object"
    ident = row.get("id")
    text = row.get("text")
    if not isinstance(text, str):
        return ident, None, f"line {number}: missing or non-string \"text\""
    return ident, text, None


def classify_stream(content_filter, source: BinaryIO, out: TextIO) -> int:
    """Write one JSON line per input line; bad lines get an error and the run goes on."""
    pending: list[tuple[object, str]] = []
    errors = 0

    def flush() -> None:
        verdicts = content_filter.check_many([text for _, text in pending], batch_size=BATCH)
        for (ident, _), verdict in zip(pending, verdicts):
            evidence = [
                {"label": e.label, "start": e.start, "end": e.end, "score": round(e.score, 4), "reason": e.reason}
                for e in verdict.evidence
            ]
            out.write(_dumps({"id": ident, "labels": sorted(verdict.labels), "evidence": evidence}) + "\n")
        pending.clear()

    for number, raw in _lines(source):
        if not raw.strip():
            continue
        ident, text, error = parse_line(number, raw)
        if error is not None:
            flush()
            errors += 1
            out.write(_dumps({"id": ident, "error": error}) + "\n")
            continue
        assert text is not None  # parse_line gives a text whenever it gives no error
        pending.append((ident, text))
        if len(pending) >= BATCH:
            flush()
    flush()
    out.flush()
    return 0


def run_classify(args: argparse.Namespace) -> int:
    """Handler for `samvad classify [FILE]`."""
    from nlp.filter import ContentFilter

    content_filter = ContentFilter.load(model_dir=getattr(args, "model", None))
    if args.file in (None, "-"):
        return classify_stream(content_filter, sys.stdin.buffer, sys.stdout)
    try:
        with open(args.file, "rb") as source:
            return classify_stream(content_filter, source, sys.stdout)
    except OSError as exc:
        print(f"samvad classify: cannot read {args.file}: {exc.strerror}", file=sys.stderr)
        return 2


def run_train(args: argparse.Namespace) -> int:
    """Handler for `samvad nlp train`."""
    from nlp.errors import CorpusError
    from nlp.training import train

    try:
        train(args.corpus, args.output, args.seed)
    except (CorpusError, OSError) as exc:
        print(f"samvad nlp train: {exc}", file=sys.stderr)
        return 2
    return 0


def run_rethreshold(args: argparse.Namespace) -> int:
    """Handler for `samvad nlp rethreshold`."""
    from nlp.errors import CorpusError
    from nlp.training import rethreshold

    try:
        rethreshold(args.corpus, args.model)
    except (CorpusError, OSError) as exc:
        print(f"samvad nlp rethreshold: {exc}", file=sys.stderr)
        return 2
    return 0


UNTOUCHED_SPLIT = "untouched.jsonl"
SEALED_SET = "sealed.jsonl"
SECOND_SEALED_SET = "sealed2.jsonl"
# Files whose misses and false alarms `nlp eval` does not print unless asked: reading them would tune on them.
UNREAD_FILES = (UNTOUCHED_SPLIT, SEALED_SET, SECOND_SEALED_SET)


def run_eval(args: argparse.Namespace) -> int:
    """Handler for `samvad nlp eval FILE`."""
    from nlp.errors import CorpusError
    from nlp.evaluate import evaluate_all, print_evaluation, read_examples
    from nlp.filter import ContentFilter

    try:
        examples = read_examples(args.file)
    except (CorpusError, OSError) as exc:
        print(f"samvad nlp eval: {exc}", file=sys.stderr)
        return 2
    content_filter = ContentFilter.load(model_dir=getattr(args, "model", None))
    untouched = args.file.name in UNREAD_FILES and not getattr(args, "show_messages", False)
    show_errors = not getattr(args, "quiet", False) and not untouched
    print_evaluation(evaluate_all(content_filter, examples), sys.stdout, show_errors=show_errors)
    if untouched and not getattr(args, "quiet", False):
        print(f"\n(the messages of {args.file.name} are not printed: the file measures what nobody tuned on;"
              " --show-messages prints them)")
    return 0


def run_add_false_alarms(args: argparse.Namespace) -> int:
    """Handler for `samvad nlp add-false-alarms FILE`."""
    from nlp.errors import CorpusError
    from nlp.feedback import add_false_alarms

    try:
        result = add_false_alarms(args.file, args.corpus, args.family)
    except (CorpusError, OSError) as exc:
        print(f"samvad nlp add-false-alarms: {exc}", file=sys.stderr)
        return 2
    print(f"{result.added} lines added to {args.corpus}, {result.duplicates} already in the corpus", file=sys.stderr)
    return 0
