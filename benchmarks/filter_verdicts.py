"""Verdict fingerprint: proof that a speed-up changed no verdict.

    python -m benchmarks.filter_verdicts [--out FILE] [--compare FILE] [DATA ...]

Runs `ContentFilter.check_many` (and `check` on every 7th message) over the
corpus's train and calibration splits (or the given JSON Lines files) and
prints the SHA-256 of every verdict's labels, review labels, scores (rounded to
4 places), evidence and language. `--out` saves them; `--compare` reports the
messages whose verdict differs from a saved file (by line, not by text).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

_CORPUS = Path(__file__).resolve().parents[1] / "nlp" / "corpus"
DEFAULT_DATA = (_CORPUS / "train.jsonl", _CORPUS / "calibration.jsonl")


def _row(verdict) -> list:
    return [list(verdict.labels), list(verdict.review), [[label, round(s, 4)] for label, s in verdict.scores],
            [[e.label, e.start, e.end, round(e.score, 4), e.reason_code, e.reason] for e in verdict.evidence],
            verdict.language]


def main(argv: list[str] | None = None) -> int:
    """Print the fingerprint; with --compare, the number of differing verdicts (exit 1 if any)."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.filter_verdicts", description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="*", type=Path, default=list(DEFAULT_DATA))
    parser.add_argument("--out", type=Path)
    parser.add_argument("--compare", type=Path)
    args = parser.parse_args(argv)

    from nlp import ContentFilter

    texts = [json.loads(line)["text"] for path in args.data for line in path.open(encoding="utf-8") if line.strip()]
    cf = ContentFilter.load()
    rows = [_row(v) for v in cf.check_many(texts)]
    rows += [_row(cf.check(text)) for text in texts[::7]]
    blob = json.dumps(rows, ensure_ascii=False)
    print(f"{len(texts)} messages, verdicts sha256 {hashlib.sha256(blob.encode()).hexdigest()}")
    if args.out:
        args.out.write_text(blob, "utf-8")
    if args.compare:
        saved = json.loads(args.compare.read_text("utf-8"))
        differ = [i for i, (a, b) in enumerate(zip(rows, saved)) if a != b] + list(range(min(len(rows), len(saved)), max(len(rows), len(saved))))
        print(f"{len(differ)} verdicts differ from {args.compare}" + (f" (first at row {differ[0]})" if differ else ""))
        return 1 if differ else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
