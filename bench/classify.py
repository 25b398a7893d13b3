"""Classifier throughput: articles per second on one core, facts included.

    python bench/classify.py [CORPUS.jsonl]   (default /work/shared/corpus/dev.jsonl)
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from classifiers import classify  # noqa: E402

TARGET = 10_000


def main() -> None:
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/corpus/dev.jsonl")
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    classify("warm up", "load the rules once", "en")
    batch = (items * (TARGET // len(items) + 1))[:TARGET]
    chars = sum(len(i["text"]) for i in batch)
    start, cpu_start = time.perf_counter(), time.process_time()
    for item in batch:
        classify(item["title"], item["text"], item.get("lang"), item.get("published"))
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    print(
        f"{len(batch)} articles ({chars / len(batch):.0f} chars avg) in {elapsed:.2f}s wall, "
        f"{cpu:.2f}s CPU: {len(batch) / elapsed:,.0f} articles/s wall, "
        f"{len(batch) / cpu:,.0f} articles/s per core (CPU time)"
    )


if __name__ == "__main__":
    main()
