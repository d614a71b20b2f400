"""Content-filter benchmark: throughput, per-message latency, start-up time, peak memory.

    python -m benchmarks.filter_bench [--data PATH] [--repeat-to 20000] [--batch-size 256] [--model DIR] [--stages]

`--stages` prints instead where a message's time goes: microseconds per
message for each stage of `check_many` (normalising; tokenizing and matching
the lexicons, once per batch; identifiers; lexicon cues and rules; the
classifier on whole messages; the decision and verdicts), the fastest of five
passes over the data's distinct messages (the least disturbed by other work
on the machine).

Start-up is measured in a fresh subprocess (import nlp + ContentFilter.load()).
Peak memory is the process's peak resident set size (getrusage ru_maxrss),
measured in a fresh subprocess that loads the filter and classifies the data.
"""
from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import os

_CORPUS = Path(__file__).resolve().parents[1] / "nlp" / "corpus"
# The first corpus's holdout (kept for comparable figures across versions); the calibration split once it is gone.
DEFAULT_DATA = next((p for p in (_CORPUS / "holdout.jsonl", _CORPUS / "calibration.jsonl") if p.is_file()),
                    _CORPUS / "calibration.jsonl")
ROOT = Path(__file__).resolve().parents[1]

_STARTUP = """
import time
t0 = time.perf_counter()
from nlp import ContentFilter
t1 = time.perf_counter()
cf = ContentFilter.load({model})
t2 = time.perf_counter()
cf.check("warm up")
t3 = time.perf_counter()
print(t1 - t0, t2 - t1, t3 - t2)
"""

_MEMORY = """
import json, resource, sys
from nlp import ContentFilter
texts = json.load(sys.stdin)
cf = ContentFilter.load({model})
cf.check_many(texts, batch_size={batch})
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def read_texts(path: Path) -> list[str]:
    """The "text" of each JSON line (labels, if any, are ignored)."""
    texts = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                texts.append(json.loads(line)["text"])
    return texts


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by nearest rank."""
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def startup(model: str, runs: int = 3) -> tuple[float, float, float]:
    """Median (import, load, first check) seconds over fresh processes."""
    samples = []
    for _ in range(runs):
        result = subprocess.run(
            [sys.executable, "-c", _STARTUP.format(model=model)], capture_output=True, text=True, cwd=ROOT, check=True
        )
        samples.append(tuple(float(x) for x in result.stdout.split()))
    return tuple(statistics.median(s[i] for s in samples) for i in range(3))  # type: ignore[return-value]


def peak_memory_mb(texts: list[str], model: str, batch: int) -> float:
    """Peak RSS (MB) of a fresh process that loads the filter and classifies `texts`."""
    result = subprocess.run(
        [sys.executable, "-c", _MEMORY.format(model=model, batch=batch)],
        input=json.dumps(texts), capture_output=True, text=True, cwd=ROOT, check=True,
    )
    return int(result.stdout.strip()) / 1024


def _fastest(run, passes: int = 5) -> float:
    """The fastest of `passes` timings of `run()`, in seconds (the cyclic collector off, as in check_many)."""
    import gc

    best = float("inf")
    for _ in range(passes):
        gc.disable()
        try:
            started = time.perf_counter()
            run()
            best = min(best, time.perf_counter() - started)
        finally:
            gc.enable()
    return best


def print_stages(cf, texts: list[str], batch: int) -> int:
    """Microseconds per message for each stage of check_many over `texts` (distinct messages)."""
    texts = list(dict.fromkeys(texts))
    cf.check_many(texts, batch_size=batch)  # every token's lexeme made, every cache warm
    norms = [cf._normalise(t) for t in texts]
    batches = [norms[i:i + batch] for i in range(0, len(norms), batch)]
    timings: dict[str, float] = {"whole check_many": _fastest(lambda: cf.check_many(texts, batch_size=batch))}
    timings["normalise"] = _fastest(lambda: [cf._normalise(t) for t in texts])
    from nlp.components import tokenize_many
    from nlp.pipeline import NormArray

    lexicon = cf._lexicon
    texts_by_batch = [[n.text for n in b] for b in batches]
    timings["tokenize and match"] = _fastest(
        lambda: [tokenize_many(cf.nlp.tokenizer, lexicon.matcher, lexicon.class_names, t) for t in texts_by_batch])
    timings["identifiers"] = _fastest(lambda: [cf._identifiers.evidence(n.text) for n in norms])
    tokenized = [tokenize_many(cf.nlp.tokenizer, lexicon.matcher, lexicon.class_names, t) for t in texts_by_batch]
    timings["lexicon cues and rules"] = _fastest(
        lambda: [lexicon.annotate(text, matches, len(doc))
                 for t, got in zip(texts_by_batch, tokenized) for text, (doc, matches) in zip(t, got)])
    annotated = [(b, *cf.annotate([n.text for n in b])) for b in batches]
    if cf._textcat is not None:
        views = [[NormArray(doc.norms) for doc in docs] for _, docs, _ in annotated]
        timings["classifier"] = _fastest(lambda: [cf._textcat.predict(v) for v in views])
    timings["decision and verdict"] = _fastest(
        lambda: [cf._verdicts(b, docs, cats, [None] * len(b)) for b, docs, cats in annotated])
    n = len(texts)
    whole = timings["whole check_many"]
    print(f"{n} distinct messages; load average {os.getloadavg()[0]:.2f}; fastest of five passes, µs per message:")
    for name, seconds in timings.items():
        print(f"  {name:24s} {seconds / n * 1e6:7.1f}")
    print(f"  ({n / whole:,.0f} messages/s for the whole, on this pass)")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.filter_bench", description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="JSON Lines with a text field")
    parser.add_argument("--repeat-to", type=int, default=20_000, help="repeat the data to at least this many messages")
    parser.add_argument("--batch-size", type=int, default=256)
    parser.add_argument("--model", type=Path, default=None, help="pipeline directory (default: packaged)")
    parser.add_argument("--stages", action="store_true", help="time each stage of check_many instead")
    args = parser.parse_args(argv)

    base = read_texts(args.data)
    if not base:
        parser.error(f"{args.data} has no messages")
    texts = (base * (args.repeat_to // len(base) + 1))[: max(args.repeat_to, len(base))]
    model = f"model_dir={str(args.model)!r}" if args.model else ""

    from nlp import ContentFilter

    cf = ContentFilter.load(model_dir=args.model)
    cf.check_many(base[:50])  # warm the vocabulary and caches
    if args.stages:
        return print_stages(cf, base, args.batch_size)

    started, cpu_started = time.perf_counter(), time.process_time()
    cf.check_many(texts, batch_size=args.batch_size)
    batch_seconds = time.perf_counter() - started
    batch_cpu = time.process_time() - cpu_started

    latencies = []
    for text in texts:
        t0 = time.perf_counter()
        cf.check(text)
        latencies.append(time.perf_counter() - t0)
    single_seconds = sum(latencies)

    import_s, load_s, first_s = startup(model)
    memory = peak_memory_mb(texts, model, args.batch_size)
    print(f"data: {args.data} ({len(base)} messages, repeated to {len(texts)}); load average {os.getloadavg()[0]:.2f}")
    print(f"throughput, check_many (batch {args.batch_size}): {len(texts) / batch_seconds:,.0f} messages/s"
          f" (by this process's CPU time: {len(texts) / batch_cpu:,.0f}/s)")
    print(f"throughput, check one at a time:  {len(texts) / single_seconds:,.0f} messages/s")
    print(f"latency per message (check): p50 {percentile(latencies, 50) * 1e6:,.0f} µs, "
          f"p99 {percentile(latencies, 99) * 1e6:,.0f} µs, max {max(latencies) * 1e3:,.1f} ms")
    print(f"start-up (fresh process, median of 3): import {import_s:.2f} s + load {load_s:.2f} s "
          f"= {import_s + load_s:.2f} s; first check {first_s * 1e3:.0f} ms")
    print(f"peak memory (ru_maxrss of a fresh process that loads and classifies all messages): {memory:.0f} MB")
    print(f"(this process's ru_maxrss: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
