"""The watchlist: recall over spelling variants, near misses, and what it adds to ingest.

    python bench/watch.py [--names N] [--articles N]

1. Recall: for every person in ``tests/cases/name_fixtures.toml``, each spelling is watched
   in turn and each *other* spelling is written into a report sentence (English template for
   Latin spellings, Arabic for Arabic ones); a pair counts when the watch path
   (``crawler.watchlist.match.named_in``) finds the watched entry in the sentence. Near misses
   (the fixtures' ``different`` pairs, both directions) count when it wrongly finds one,
   and so do the fixtures' ``unnamed`` texts (a watched name and a text naming no one by it).
2. Ingest cost: the sample articles ingested into a fresh store through the real Ingestor
   with no watch file (the reference, same run), then with ``--names`` watched names.
   Wall-clock time, best of five.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
import tomllib
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from crawler.archive.store import Store  # noqa: E402
from crawler.config import build_config  # noqa: E402
from crawler.ingest import Ingestor  # noqa: E402
from crawler.models import FetchedPage, PageHints  # noqa: E402
from crawler.samples import load_samples  # noqa: E402
from crawler.watchlist import WatchBook  # noqa: E402
from crawler.watchlist.book import WatchEntry  # noqa: E402
from crawler.watchlist.match import named_in, wanted_of  # noqa: E402

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "cases" / "name_fixtures.toml"
_ARABIC = re.compile(r"[\u0600-\u06ff]")
EN = "Security forces arrested {} at a checkpoint near Hama, his family said on Monday."
AR = "اعتقلت قوات الأمن {} عند حاجز قرب حماة بحسب ما أفادت عائلته يوم الاثنين."


def sentence(name: str) -> str:
    return (AR if _ARABIC.search(name) else EN).format(name)


def entry(name: str, number: int = 1) -> WatchEntry:
    return WatchEntry(number, f"t{number}", name, "family", "", "")


def recall() -> None:
    data = tomllib.loads(FIXTURES.read_text(encoding="utf-8"))
    found = total = 0
    missed: list[str] = []
    for person in data["same"]:
        for watched in person["names"]:
            wanted = wanted_of([entry(watched)])
            for written in person["names"]:
                if written == watched:
                    continue
                total += 1
                if named_in("", sentence(written), wanted):
                    found += 1
                else:
                    missed.append(f"missed: watched {watched}, report names {written}")
    false = near = 0
    for pair in data["different"]:
        for watched, written in ((pair["a"], pair["b"]), (pair["b"], pair["a"])):
            wanted = wanted_of([entry(watched)])
            if not wanted.keys:
                continue  # a name too thin to watch (one word) is refused by `watch add`
            near += 1
            if named_in("", sentence(written), wanted):
                false += 1
                missed.append(f"near miss alerted: watched {watched}, report names {written}")
    print(f"recall over spelling variants: {found}/{total} = {found / total:.3f} "
          f"({len(data['same'])} people, each spelling watched, every other one written)")
    print(f"near misses alerted: {false}/{near}")
    wrong = 0
    for case in data.get("unnamed", []):
        if named_in("", case["text"], wanted_of([entry(case["watched"])])):
            wrong += 1
            missed.append(f"alerted: watched {case['watched']}, text {case['text']}")
    print(f"texts naming no watched person alerted: {wrong}/{len(data.get('unnamed', []))}")
    for line in missed[:10]:
        print(f"  {line}")


def pages() -> list[FetchedPage]:
    out = []
    for sample in load_samples():
        body = "".join(f"<p>{p}</p>" for p in sample.paragraphs)
        html = (f'<html lang="{sample.lang}"><head><meta charset="utf-8"><title>{sample.title}'
                f"</title></head><body><article><h1>{sample.title}</h1>{body}</article></body>"
                "</html>")
        url = f"https://news.example.org/{sample.stem}/"
        out.append(FetchedPage(source="bench", url=url, final_url=url, status=200,
                               headers=(("Content-Type", "text/html; charset=utf-8"),),
                               body=html.encode(), fetched_at=datetime.now(UTC),
                               hints=PageHints(title=sample.title, lang=sample.lang)))
    return out


def ingest_seconds(names: list[str]) -> float:
    best = float("inf")
    for _ in range(5):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "raqib.db"
            config = build_config(
                {"store": {"path": str(path)},
                 "sources": [{"name": "bench", "spider": "feed",
                              "url": "https://news.example.org/feed", "lang": "en"}],
                 "channels": [{"name": "family", "url": "console://"}]},
                path=None, environ={})
            book = WatchBook.beside(path)
            for name in names:
                book.add(name, "family")
            with Store.open(path) as store:
                ingestor = Ingestor(store, config)
                todo = pages()
                start = time.perf_counter()
                for page in todo:
                    ingestor.ingest(page)
                best = min(best, time.perf_counter() - start)
    return best


def cost(count: int) -> None:
    given = "Nizar Samer Bilal Rami Hadi Wael Majd Fadi Ziad Iyad".split()
    family = "Qudsi Halabi Shami Homsi Masri Kurdi Zoubi Darwish Kanaan Hamwi".split()
    names = [f"{given[i % 10]} {given[(i // 10) % 10]} {family[(i // 100) % 10]}"
             for i in range(count)]
    articles = len(load_samples())
    reference = ingest_seconds([])
    watched = ingest_seconds(names)
    print(f"ingest of {articles} sample articles: {reference * 1000 / articles:.1f} ms/article "
          f"without a watch file; {watched * 1000 / articles:.1f} ms/article with {count} "
          f"watched names ({watched / reference:.2f}× the reference)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--names", type=int, default=300)
    args = parser.parse_args()
    recall()
    cost(args.names)


if __name__ == "__main__":
    main()
