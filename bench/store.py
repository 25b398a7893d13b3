"""Store benchmark: fill a store with synthetic articles and print the figures that matter.

    .venv/bin/python bench/store.py [--n 100000] [--path /tmp/raqib-bench.db]

Articles (English and Arabic, a few KB each, generated from word lists) go in through the
Store methods the ingest path uses (article + version + labels + FTS row, raw page capture,
fingerprint and LSH bands), in transactions of 500. Fingerprinting is timed apart from
the inserts: it is CPU work the crawler does before taking the write lock.

Printed: insert rate, store size per article, FTS query latency (median and p95 over 50
queries), near-duplicate lookup time per new article (fingerprint + near_candidates +
similarity). Targets: FTS median <= 50 ms, near-duplicate lookup <= 5 ms, >= 1,000 inserts/s.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crawler.dedupe import fingerprint, similarity  # noqa: E402
from crawler.models import Classification, Extracted, FetchedPage  # noqa: E402
from crawler.search import search  # noqa: E402
from crawler.store import ArchiveFilter, Store  # noqa: E402

EN_WORDS = (
    "detainee family security forces arrested checkpoint prison branch torture died "
    "interrogation relatives documented released court military intelligence city village "
    "governorate raid morning evening witness sources network report month year young man "
    "woman teacher student doctor farmer driver cell guards body burial registry record "
    "missing disappeared whereabouts unknown charges lawyer hearing sentence transferred "
    "hospital injuries beaten officers station camp displaced returned house street market"
).split()
AR_WORDS = (
    "معتقل عائلة قوات الأمن اعتقال حاجز سجن فرع تعذيب وفاة تحقيق أقارب توثيق إفراج محكمة "
    "المخابرات العسكرية مدينة قرية محافظة مداهمة صباح مساء شاهد مصادر الشبكة تقرير شهر عام "
    "شاب امرأة مدرس طالب طبيب مزارع سائق زنزانة حراس جثة دفن السجل المدني مفقود مختف مصير "
    "مجهول تهم محامي جلسة حكم نقل مستشفى إصابات ضرب ضباط مخفر مخيم نازح عودة منزل شارع سوق"
).split()
NAMES = ("Ahmad Khalil Sami Nour Fadi Rami Hiba Omar Lina Ziad Maya Tarek Yusuf Rasha Bilal "
         "Dima Hassan Salma Karim Rana").split()
PLACES = ("Aleppo Homs Hama Idlib Daraa Raqqa Latakia Tartus Hasakah Quneitra Suwayda "
          "Damascus").split()
LABEL_SETS = ((), (), (), ("torture_death",), ("arbitrary_arrest",),
              ("enforced_disappearance", "arbitrary_arrest"), ("release",))
QUERIES_EN = ["torture prison", "checkpoint arrested", "disappeared whereabouts", "Homs",
              "hospital injuries", "lawyer hearing", "Karim", "military intelligence"]
QUERIES_AR = ["تعذيب", "اعتقال حاجز", "مصير مجهول", "المخابرات العسكرية", "مستشفى"]


def make_text(rng: random.Random, lang: str, words: int) -> str:
    vocabulary = AR_WORDS if lang == "ar" else EN_WORDS
    sentences = []
    while sum(len(s.split()) for s in sentences) < words:
        length = rng.randint(8, 20)
        picked = [rng.choice(vocabulary) for _ in range(length)]
        picked.insert(rng.randrange(length), rng.choice(NAMES))
        picked.insert(rng.randrange(length), rng.choice(PLACES))
        sentences.append(" ".join(picked) + ".")
    paragraphs = [" ".join(sentences[i:i + 4]) for i in range(0, len(sentences), 4)]
    return "\n".join(paragraphs)


def make_page(url: str, title: str, text: str, at: datetime) -> FetchedPage:
    body = "".join(f"<p>{p}</p>" for p in text.split("\n"))
    html = (f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title>"
            f"</head><body><nav>home news reports contact</nav><article><h1>{title}</h1>"
            f"{body}</article><footer>all rights reserved</footer></body></html>")
    return FetchedPage(source="bench", url=url, final_url=url, status=200,
                       headers=(("Content-Type", "text/html; charset=utf-8"),),
                       body=html.encode("utf-8"), fetched_at=at)


def fill(store: Store, n: int, rng: random.Random) -> tuple[float, float]:
    """Insert n articles. Returns (seconds spent in store writes, seconds fingerprinting)."""
    start_day = datetime(2024, 1, 1, tzinfo=UTC)
    write_seconds = print_seconds = 0.0
    batch: list[tuple[FetchedPage, Extracted, Classification, object]] = []

    def flush() -> float:
        began = time.perf_counter()
        with store.transaction():
            for page, extracted, classification, print_ in batch:
                article_id, version_id = store.insert_article(
                    url=page.url, source="bench", lang=extracted.lang, extracted=extracted,
                    text_hash=print_.content_hash, classification=classification,  # type: ignore[attr-defined]
                    seen_at=page.fetched_at)
                store.insert_capture(page, kind="article", article_id=article_id,
                                     version_id=version_id, extracted=extracted)
                store.save_fingerprint(article_id, print_.content_hash,  # type: ignore[attr-defined]
                                       print_.signature, print_.band_keys)  # type: ignore[attr-defined]
        batch.clear()
        return time.perf_counter() - began

    for i in range(n):
        lang = "ar" if i % 3 == 0 else "en"
        text = make_text(rng, lang, rng.randint(300, 700))
        title = " ".join(text.split()[:8])
        at = start_day + timedelta(minutes=7 * i)
        labels = rng.choice(LABEL_SETS)
        extracted = Extracted(title=title, text=text, published=at.date().isoformat(),
                              lang=lang, extractor="bench")
        classification = Classification(
            labels=labels, scores={label: 0.9 for label in labels},
            facts={"governorate": rng.choice(PLACES)} if labels else {})
        began = time.perf_counter()
        print_ = fingerprint(text)
        print_seconds += time.perf_counter() - began
        batch.append((make_page(f"https://bench.example/{lang}/news/{i}", title, text, at),
                      extracted, classification, print_))
        if len(batch) == 500:
            write_seconds += flush()
            if (i + 1) % 10_000 == 0:
                print(f"  {i + 1:,} articles", file=sys.stderr)
    if batch:
        write_seconds += flush()
    return write_seconds, print_seconds


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="articles to insert")
    parser.add_argument("--path", type=Path, help="store file (default: a temporary file)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    folder = tempfile.TemporaryDirectory(prefix="raqib-bench-")
    path = args.path or Path(folder.name) / "bench.db"
    if path.exists():
        parser.error(f"{path} exists; give a new file")

    with Store.open(path) as store:
        print(f"filling {path} with {args.n:,} articles ...", file=sys.stderr)
        wall = time.perf_counter()
        write_seconds, print_seconds = fill(store, args.n, rng)
        wall = time.perf_counter() - wall
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = path.stat().st_size
        raw = store.scalar("SELECT sum(size) FROM captures")
        stored = store.scalar("SELECT sum(length(raw)) FROM captures")

        fts: list[float] = []
        queries = [*QUERIES_EN, *QUERIES_AR]
        for i in range(50):
            query = queries[i % len(queries)]
            where = ArchiveFilter(labels=("torture_death",)) if i % 5 == 4 else ArchiveFilter()
            began = time.perf_counter()
            search(store, query, where, limit=20)
            fts.append((time.perf_counter() - began) * 1000)

        lookups: list[float] = []
        candidates = 0
        for i in range(200):
            text = make_text(rng, "ar" if i % 3 == 0 else "en", 500)
            began = time.perf_counter()
            print_ = fingerprint(text)
            found = store.near_candidates(print_.band_keys)
            for _, signature in found:
                similarity(print_.signature, signature)
            lookups.append((time.perf_counter() - began) * 1000)
            candidates += len(found)

    print(f"articles:            {args.n:,}")
    print(f"insert rate:         {args.n / write_seconds:,.0f} articles/s in store writes; "
          f"{args.n / (write_seconds + print_seconds):,.0f}/s with fingerprinting; "
          f"{args.n / wall:,.0f}/s overall incl. text generation")
    print(f"store size:          {size / 1e6:,.1f} MB = {size / args.n / 1024:.1f} KiB/article "
          f"(raw pages {raw / args.n / 1024:.1f} KiB -> {stored / args.n / 1024:.1f} KiB "
          f"compressed)")
    print(f"FTS query:           median {statistics.median(fts):.1f} ms, "
          f"p95 {percentile(fts, 0.95):.1f} ms (50 queries, limit 20)")
    print(f"near-dup lookup:     median {statistics.median(lookups):.2f} ms, "
          f"p95 {percentile(lookups, 0.95):.2f} ms per new article "
          f"(fingerprint + candidates + similarity; {candidates / len(lookups):.1f} "
          f"candidates on average)")
    folder.cleanup()


if __name__ == "__main__":
    main()
