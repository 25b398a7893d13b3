"""What classification costs next to extraction, per article page (one core, CPU time).

    python bench/extract_vs_classify.py [--rounds N] [--chrome-kb KB]

Serves the loopback mirrors of the sources (``crawler.mirror``: each site's markup,
boilerplate, navigation and encodings), fetches every sample article page once, then times
``crawler.extract.extract`` (trafilatura, language detection) and ``classifiers.classify``
(labels, evidence and facts) on the same pages. Prints milliseconds per page for each and
the share of the two that classification takes.

Issue #11's target (classification at most 10% of extraction) is judged on the mirror's own
pages, about 6 kB of HTML each. ``--chrome-kb 120`` pads every page with site chrome to a
real page's weight (``crawler.mirror.chrome``), for context: that costs extraction time and
leaves the article, so classification's share falls.
"""

from __future__ import annotations

import argparse
import sys
import time
import urllib.request
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from classifiers import classify  # noqa: E402
from crawler.extract import extract  # noqa: E402
from crawler.mirror import Mirrors  # noqa: E402
from crawler.samples import load_samples  # noqa: E402


def fetch_pages(chrome_kb: int = 0) -> list[tuple[str, bytes]]:
    """(url, body) of every sample article page the mirrors serve."""
    samples = load_samples()
    with Mirrors(samples, chrome_kb=chrome_kb) as mirrors:
        pages = []
        for sample in samples:
            url = mirrors.url_of(sample.stem)
            with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback)
                pages.append((url, response.read()))
    return pages


def cpu_ms_per_page(work: Sequence[Any], action: Callable[[Any], object], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        for item in work:
            action(item)
        best = min(best, (time.process_time() - start) / len(work) * 1000)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(prog="bench/extract_vs_classify.py")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--chrome-kb", type=int, default=0, metavar="KB",
                        help="pad each page with about KB kB of site chrome (default 0)")
    args = parser.parse_args()
    pages = fetch_pages(args.chrome_kb)
    extracted = [extract(body, url=url) for url, body in pages]
    classify(extracted[0].title, extracted[0].text, extracted[0].lang, extracted[0].published)
    html_kb = sum(len(body) for _, body in pages) / len(pages) / 1000
    text_kb = sum(len(e.text.encode()) for e in extracted) / len(extracted) / 1000
    extract_ms = cpu_ms_per_page(pages, lambda page: extract(page[1], url=page[0]), args.rounds)
    classify_ms = cpu_ms_per_page(
        extracted, lambda e: classify(e.title, e.text, e.lang, e.published), args.rounds)
    print(f"{len(pages)} article pages ({html_kb:.1f} KB of HTML, {text_kb:.1f} KB of text on "
          f"average), best of {args.rounds} rounds, CPU time on one core:")
    print(f"extraction (trafilatura):       {extract_ms:.2f} ms per page")
    print(f"classification (with facts):    {classify_ms:.2f} ms per page")
    print(f"classification share:           {classify_ms / (extract_ms + classify_ms):.1%} of "
          f"the two, {classify_ms / extract_ms:.1%} of extraction (issue #11: at most 10%)")


if __name__ == "__main__":
    main()
