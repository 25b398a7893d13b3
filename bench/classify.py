"""Classifier throughput: articles per second on one core, facts included.

    python bench/classify.py [CORPUS.jsonl] [--rounds N]   (default the shared dev corpus, 3)

Per-core speed is CPU time (``time.process_time``), which a loaded machine disturbs less than
wall time; each round classifies 10,000 articles, and the best and median rounds are printed.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from classifiers import classify  # noqa: E402

ARTICLES = 10_000
TARGET = 2_000  # articles per second per core


def _round(batch: list[dict]) -> tuple[float, float]:
    start, cpu_start = time.perf_counter(), time.process_time()
    for item in batch:
        classify(item["title"], item["text"], item.get("lang"), item.get("published"))
    return time.perf_counter() - start, time.process_time() - cpu_start


def main() -> None:
    parser = argparse.ArgumentParser(prog="bench/classify.py")
    parser.add_argument("corpus", nargs="?", default="/work/shared/corpus/dev.jsonl")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    lines = Path(args.corpus).read_text(encoding="utf-8").splitlines()
    items = [json.loads(line) for line in lines if line]
    classify("warm up", "load the rules once", "en")
    batch = (items * (ARTICLES // len(items) + 1))[:ARTICLES]
    chars = sum(len(i["text"]) for i in batch) / len(batch)
    rounds = [_round(batch) for _ in range(max(1, args.rounds))]
    per_core = sorted(len(batch) / cpu for _, cpu in rounds)
    wall = sorted(len(batch) / elapsed for elapsed, _ in rounds)
    print(
        f"{len(batch)} articles ({chars:.0f} chars avg) x {len(rounds)} rounds: "
        f"per core (CPU time) best {per_core[-1]:,.0f}/s, median "
        f"{statistics.median(per_core):,.0f}/s; wall best {wall[-1]:,.0f}/s "
        f"(target {TARGET:,}/s per core)"
    )


if __name__ == "__main__":
    main()
