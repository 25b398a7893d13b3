"""Case linking cost: reading mentions from articles, and clustering N mentions.

    python bench/cases.py [--copies N] [--rounds N]

Over the project's samples and the development corpora (``../shared/corpus``, when
present), with their gold victims: ``mentions_of`` per article (what every stored article
with victims costs), then ``cluster`` over all mentions, the corpus repeated ``--copies``
times as other articles (default 10) so blocks hold namesakes the way a large archive
does. The reference, measured in the same run, is ``classifiers.normalise.fold`` of the
same articles. CPU time, best round.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from classifiers.normalise import fold  # noqa: E402
from crawler.cases.context import mentions_of  # noqa: E402
from crawler.cases.evaluate import load_items  # noqa: E402
from crawler.cases.link import cluster  # noqa: E402


def _best(fn, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    corpus = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
    items = [item for item in load_items(corpus).values() if item["facts"].get("victims")]
    articles = [{**item, "id": i} for i, item in enumerate(items)]
    read = _best(lambda: [mentions_of(a) for a in articles], args.rounds)
    ref = _best(lambda: [fold(a["title"] + "\n" + a["text"]) for a in articles], args.rounds)
    mentions = {}
    for copy in range(args.copies):
        for article in articles:
            for found in mentions_of(article):
                mentions[len(mentions)] = (copy * len(articles) + article["id"], found)
    clustered = _best(lambda: cluster(mentions), args.rounds)
    groups, links = cluster(mentions)
    print(f"articles with victims: {len(articles)}; mentions_of: "
          f"{read / len(articles) * 1000:.2f} ms/article "
          f"({read / max(ref, 1e-9):.1f} folds of the same text)")
    print(f"cluster: {len(mentions)} mentions ({args.copies} copies) in {clustered:.2f} s, "
          f"{clustered / len(mentions) * 1000:.3f} ms/mention; {len(groups)} cases, "
          f"{len(links)} scored links")


if __name__ == "__main__":
    main()
