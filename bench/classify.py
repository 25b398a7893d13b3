"""Classifier throughput: articles per second on one core, facts included.

    python bench/classify.py [CORPUS.jsonl] [--rounds N] [--min-chars N] [--articles N]

Figures on a labelled JSONL corpus (``title``, ``text``, ``lang``, ``labels``), by default
the project's own sample articles (``crawler/samples``):

* ``dev``: the corpus items as they are (about 1,000 characters each);
* ``long``: articles of at least ``--min-chars`` characters (default 4,500, so about 5 KB),
  each built by joining consecutive items of one language (title of the first), the size of
  a full report page. ``--min-chars 0`` skips it.
* ``long floor``: the same articles through only the passes every article needs (sentence
  split, fold, one automaton pass, the number scan), nothing scored: the ceiling of this
  design in Python;
* ``mix``: long articles as a crawl sees them, where most pages report no violation: a
  share ``--unflagged`` (default 0.8) of the batch is built only from items whose expected
  ``labels`` are empty, the rest is the ``long`` set. Printed only when the corpus has such
  items and ``--unflagged`` is above 0.

Per-core speed is CPU time (``time.process_time``), which a loaded machine disturbs less than
wall time; each round classifies ``--articles`` articles, and the best and median rounds are
printed.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from classifiers import classify  # noqa: E402
from classifiers.engine import ruleset  # noqa: E402
from classifiers.facts import scan_numbers  # noqa: E402
from classifiers.prepared import prepare  # noqa: E402
from classifiers.rules import word_view  # noqa: E402

TARGET = 2_000  # articles per second per core, facts included, at either size


def long_articles(items: list[dict[str, Any]], min_chars: int) -> list[dict[str, Any]]:
    """Join consecutive items of one language until each article has ``min_chars``."""
    out: list[dict[str, Any]] = []
    for lang in sorted({i.get("lang") or "en" for i in items}):
        same = [i for i in items if (i.get("lang") or "en") == lang]
        parts: list[dict[str, Any]] = []
        for item in same * 2:  # twice round, so the last article of a language fills up too
            parts.append(item)
            if sum(len(p["text"]) for p in parts) >= min_chars:
                text = "\n".join(p["text"] for p in parts)
                out.append({"title": parts[0]["title"], "text": text, "lang": lang,
                            "published": parts[0].get("published")})
                parts = []
    return out


def mixed(
    unflagged: list[dict[str, Any]], flagged: list[dict[str, Any]], share: float
) -> list[dict[str, Any]]:
    """A batch of ``unflagged`` and ``flagged`` articles, ``share`` of them unflagged."""
    size = max(len(unflagged), len(flagged)) * 5
    take = round(size * min(share, 1.0))
    out = (unflagged * (take // len(unflagged) + 1))[:take]
    return out + (flagged * ((size - take) // len(flagged) + 1))[: size - take]


def _round(batch: list[dict[str, Any]]) -> tuple[float, float]:
    start, cpu_start = time.perf_counter(), time.process_time()
    for item in batch:
        classify(item["title"], item["text"], item.get("lang"), item.get("published"))
    return time.perf_counter() - start, time.process_time() - cpu_start


def _passes_only(title: str, text: str) -> None:
    """What every article costs before any rule is scored: sentence split, fold, one
    automaton pass (its hits not even looked at) and the number scan."""
    rs = ruleset()
    article = prepare(title, text)
    view = article.view if article.view is not None else word_view(article.doc)
    for _ in rs.lexicon.automaton.iter(f" {view} "):
        pass
    scan_numbers(article.doc, article.starts, rs.months)


def floor(name: str, items: list[dict[str, Any]], articles: int, rounds: int) -> None:
    batch = (items * (articles // len(items) + 1))[:articles]
    best = 0.0
    for _ in range(max(1, rounds)):
        cpu_start = time.process_time()
        for item in batch:
            _passes_only(item["title"], item["text"])
        best = max(best, len(batch) / (time.process_time() - cpu_start))
    print(f"{name:<5} floor: the passes alone (split, fold, automaton, numbers; nothing "
          f"scored), best {best:,.0f}/s per core (CPU)")


def measure(name: str, items: list[dict[str, Any]], articles: int, rounds: int) -> None:
    batch = (items * (articles // len(items) + 1))[:articles]
    chars = sum(len(i["text"]) for i in batch) / len(batch)
    kbytes = sum(len(i["text"].encode()) for i in batch) / len(batch) / 1000
    timings = [_round(batch) for _ in range(max(1, rounds))]
    per_core = sorted(len(batch) / cpu for _, cpu in timings)
    wall = sorted(len(batch) / elapsed for elapsed, _ in timings)
    print(
        f"{name:<5} {len(batch)} articles ({chars:,.0f} chars, {kbytes:.1f} KB avg) "
        f"x {len(timings)}: per core (CPU) best {per_core[-1]:,.0f}/s, median "
        f"{statistics.median(per_core):,.0f}/s; wall best {wall[-1]:,.0f}/s "
        f"(target {TARGET:,}/s per core)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(prog="bench/classify.py")
    parser.add_argument("corpus", nargs="?", help="labelled JSONL (default: the project's "
                        "sample articles)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--min-chars", type=int, default=4_500)
    parser.add_argument("--unflagged", type=float, default=0.8)
    args = parser.parse_args()
    if args.corpus:
        lines = Path(args.corpus).read_text(encoding="utf-8").splitlines()
        items = [json.loads(line) for line in lines if line]
    else:
        from crawler.samples import load_samples

        items = [{"id": s.stem, "title": s.title, "text": s.text, "lang": s.lang,
                  "labels": list(s.expected_labels)} for s in load_samples()]
    classify("warm up", "load the rules once", "en")
    measure("dev", items, args.articles, args.rounds)
    if args.min_chars > 0:
        long = long_articles(items, args.min_chars)
        measure("long", long, max(1, args.articles // 4), args.rounds)
        floor("long", long, max(1, args.articles // 4), args.rounds)
        unflagged = long_articles([i for i in items if not i.get("labels")], args.min_chars)
        if unflagged and args.unflagged > 0:
            measure("mix", mixed(unflagged, long, args.unflagged), max(1, args.articles // 4),
                    args.rounds)


if __name__ == "__main__":
    main()
