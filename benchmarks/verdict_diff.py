"""Whether two checkouts' content filters give the same verdicts: a guard for speed work.

    python -m benchmarks.verdict_diff --base /work/main [--files nlp/corpus/train.jsonl ...]

Each checkout's packaged filter is loaded in a fresh process whose `nlp` package is that
checkout's, and classifies every message of the files twice: with `check_many` (batches of 256,
as the benchmark) and with `check` one at a time. Labels, tiers, evidence spans, reason codes,
reason texts and language must match exactly; scores within 1e-6. Only differences are printed,
by file and line number: no message text and no label is shown, so that the never-tuned split
(`untouched.jsonl`) is compared without its messages or errors being looked at.
"""
from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FILES = ("nlp/corpus/train.jsonl", "nlp/corpus/calibration.jsonl", "nlp/corpus/untouched.jsonl")
TOLERANCE = 1e-6

_DUMP = r"""
import json, sys
import nlp
from nlp import ContentFilter

def as_json(v):
    return {"labels": list(v.labels), "review": list(v.review), "language": v.language,
            "scores": [[l, s] for l, s in v.scores],
            "evidence": [[e.label, e.start, e.end, e.score, e.reason_code, e.reason] for e in v.evidence]}

files, out = json.loads(sys.argv[1]), sys.argv[2]
cf = ContentFilter.load()
result = {"nlp": nlp.__file__, "files": {}}
for path in files:
    with open(path, encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for line in handle if line.strip()]
    many = [as_json(v) for v in cf.check_many(texts, batch_size=256)]
    one = [as_json(cf.check(t)) for t in texts]
    result["files"][path] = {"check_many": many, "check": one}
with open(out, "w", encoding="utf-8") as handle:
    json.dump(result, handle)
"""


def dump(root: Path, files: list[str], out: Path) -> dict:
    """The verdicts of `root`'s filter on `files` (paths relative to this checkout, read from it)."""
    paths = [str((ROOT / f).resolve()) for f in files]
    subprocess.run([sys.executable, "-c", _DUMP, json.dumps(paths), str(out)], cwd=root, check=True,
                   env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin", "PYTHONHASHSEED": "0"})
    result = json.loads(out.read_text("utf-8"))
    if not Path(result["nlp"]).resolve().is_relative_to(root.resolve()):
        raise SystemExit(f"{root}: imported nlp from {result['nlp']}, not from the checkout")
    return result


def same(a: dict, b: dict) -> bool:
    """Whether two verdicts match (scores within TOLERANCE)."""
    for key in ("labels", "review", "language"):
        if a[key] != b[key]:
            return False
    if len(a["scores"]) != len(b["scores"]) or len(a["evidence"]) != len(b["evidence"]):
        return False
    for (la, sa), (lb, sb) in zip(a["scores"], b["scores"]):
        if la != lb or not math.isclose(sa, sb, abs_tol=TOLERANCE):
            return False
    for ea, eb in zip(a["evidence"], b["evidence"]):
        if ea[:3] != eb[:3] or ea[4:] != eb[4:] or not math.isclose(ea[3], eb[3], abs_tol=TOLERANCE):
            return False
    return True


def main(argv: list[str] | None = None) -> int:
    """Compare; exit status 1 when any verdict differs."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.verdict_diff", description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, required=True, help="the other checkout (e.g. /work/main)")
    parser.add_argument("--head", type=Path, default=ROOT, help="this checkout by default")
    parser.add_argument("--files", nargs="+", default=list(DEFAULT_FILES))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        base = dump(args.base, args.files, Path(tmp) / "base.json")
        head = dump(args.head, args.files, Path(tmp) / "head.json")
    failed = False
    for path in base["files"]:
        for way in ("check_many", "check"):
            a, b = base["files"][path][way], head["files"][path][way]
            lines = [i + 1 for i, (x, y) in enumerate(zip(a, b)) if not same(x, y)]
            if len(a) != len(b):
                lines.append(-1)
            failed |= bool(lines)
            shown = Path(path).name
            status = "identical" if not lines else f"{len(lines)} differ (lines {lines[:20]})"
            print(f"{shown} {way}: {len(a)} verdicts, {status}")
    print("DIFFERENT" if failed else "ALL IDENTICAL")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
