"""Watched names in a text: ``classifiers.names.mentioned`` per article, with N names.

    python bench/names.py [CORPUS.jsonl ...] [--names N] [--rounds N]

Runs over the project's sample articles, and over the development corpora when given (or
found in ``../shared/corpus``). The watched names are built from the victims named in the
samples plus invented two- to four-word names, ``--names`` in all (default 300). The
reference measured in the same run is ``classifiers.normalise.fold`` of the same texts: the
figure to read is how many folds one ``mentioned`` call costs. CPU time, best and median
round.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from classifiers.names import NameIndex, mentioned  # noqa: E402
from classifiers.normalise import fold  # noqa: E402
from crawler.samples import load_samples  # noqa: E402

_GIVEN = "Mohammad Ahmad Ali Omar Khaled Yassin Hussein Fatima Rania Samer Bilal Nour Hiba".split()
_FAMILY = "Hamwi Dabbagh Homsi Shami Halabi Kurdi Masri Zoubi Ahmad Hasan Darwish Kanaan".split()
_GIVEN_AR = "محمد أحمد علي عمر خالد ياسين حسين فاطمة رانيا سامر بلال نور هبة".split()
_FAMILY_AR = "الحموي الدباغ الحمصي الشامي الحلبي الكردي المصري الزعبي أحمد حسن درويش كنعان".split()


def _names(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    names = [v for s in load_samples() for v in s.expected_facts.get("victims", [])]
    while len(names) < count:
        arabic = rng.random() < 0.5
        given, family = (_GIVEN_AR, _FAMILY_AR) if arabic else (_GIVEN, _FAMILY)
        middle = [rng.choice(given)] if rng.random() < 0.4 else []
        names.append(" ".join([rng.choice(given), *middle, rng.choice(family)]))
    return names[:count]


def _texts(paths: list[Path]) -> list[str]:
    texts = [f"{s.title}\n{s.text}" for s in load_samples()]
    for path in paths:
        with path.open(encoding="utf-8") as handle:
            texts += [
                f"{item.get('title', '')}\n{item.get('text', '')}"
                for item in map(json.loads, handle)
            ]
    return texts


def _time(fn, rounds: int) -> list[float]:
    out = []
    for _ in range(rounds):
        start = time.process_time()
        fn()
        out.append(time.process_time() - start)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", nargs="*", type=Path)
    parser.add_argument("--names", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    paths = list(args.corpus)
    if not paths:
        shared = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
        paths = [p for p in (shared / "dev.jsonl", shared / "dev2.jsonl") if p.exists()]
    texts = _texts(paths)
    names = dict(enumerate(_names(args.names)))
    wanted = NameIndex.of(names)  # keyed once, as the watchlist does
    chars = sum(len(t) for t in texts)
    ref = _time(lambda: [fold(t) for t in texts], args.rounds)
    run = _time(lambda: [mentioned(t, wanted) for t in texts], args.rounds)
    hits = sum(bool(mentioned(t, wanted)) for t in texts)
    per = min(run) / len(texts) * 1000
    print(
        f"articles: {len(texts)} ({chars / len(texts):,.0f} chars on average), "
        f"watched names: {len(names)}"
    )
    print(
        f"mentioned: best {per:.2f} ms/article, median "
        f"{statistics.median(run) / len(texts) * 1000:.2f} ms/article; "
        f"{len(texts) / min(run):,.0f} articles/s; articles with a hit: {hits}"
    )
    print(
        f"reference fold: best {min(ref) / len(texts) * 1000:.3f} ms/article; "
        f"mentioned costs {min(run) / max(min(ref), 1e-9):.1f} folds"
    )


if __name__ == "__main__":
    main()
