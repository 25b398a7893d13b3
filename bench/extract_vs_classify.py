"""What classification costs next to extraction, per article page (one core, CPU time).

    python bench/extract_vs_classify.py [--rounds N] [--chrome-kb KB[,KB...]]

Serves the loopback mirrors of the sources (``crawler.mirror``: each site's markup,
boilerplate, navigation and encodings), fetches every sample article page once, then times
``crawler.extract.extract`` (trafilatura, language detection) and ``classifiers.classify``
(labels, evidence and facts) on the same pages. Prints milliseconds per page for each and
the share of extraction that classification takes, once per page weight.

The weights: the mirror's own pages (0: about 6 kB of HTML, the article and the site's
markup with little else), then the same pages padded with site chrome
(``crawler.mirror.chrome``). Issue #11 asks that classification cost at most 10% of
extraction. Extraction grows with the page and classification does not (it reads the
article's text, not the page), so the share depends on what a page weighs. The mirror's
pages are far lighter than real ones: HTTP Archive's Web Almanac 2024 puts the median
page's HTML at 18 kB *as transferred*, mostly gzipped, and a mirror page transfers 2.3 kB.
Padded with 120 kB, a page transfers 12.6 kB gzipped, still under that median, so that row
is the one that stands for a real page; the lighter rows show where the share crosses 10%.
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

TARGET_SHARE = 0.10
REAL_PAGE_KB = 120


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


def weights(text: str) -> list[int]:
    try:
        kbs = [int(part) for part in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError("give kB as whole numbers, e.g. 0,30,120") from None
    if any(kb < 0 for kb in kbs):
        raise argparse.ArgumentTypeError("a page weight cannot be negative")
    return kbs


def main() -> None:
    parser = argparse.ArgumentParser(prog="bench/extract_vs_classify.py")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--chrome-kb", type=weights, default=[0, 15, 30, REAL_PAGE_KB],
                        metavar="KB[,KB...]",
                        help=f"pad pages with this many kB of site chrome, one row per weight "
                             f"(default 0,15,30,{REAL_PAGE_KB})")
    args = parser.parse_args()
    print(f"best of {args.rounds} rounds, CPU time on one core, per article page; issue #11: "
          f"classification at most {TARGET_SHARE:.0%} of extraction")
    print(f"{'chrome':>7} {'HTML':>8} {'text':>7} {'extraction':>11} {'classification':>15} "
          f"{'of extraction':>14}")
    for chrome_kb in args.chrome_kb:
        pages = fetch_pages(chrome_kb)
        extracted = [extract(body, url=url) for url, body in pages]
        classify(extracted[0].title, extracted[0].text, extracted[0].lang, extracted[0].published)
        html_kb = sum(len(body) for _, body in pages) / len(pages) / 1000
        text_kb = sum(len(e.text.encode()) for e in extracted) / len(extracted) / 1000
        extract_ms = cpu_ms_per_page(pages, lambda page: extract(page[1], url=page[0]),
                                     args.rounds)
        classify_ms = cpu_ms_per_page(
            extracted, lambda e: classify(e.title, e.text, e.lang, e.published), args.rounds)
        share = classify_ms / extract_ms
        mark = "met" if share <= TARGET_SHARE else "over"
        real = "  (a real page's weight)" if chrome_kb == REAL_PAGE_KB else ""
        print(f"{chrome_kb:>4} kB {html_kb:>5.1f} kB {text_kb:>4.1f} kB {extract_ms:>8.2f} ms "
              f"{classify_ms:>12.2f} ms {share:>9.1%} {mark}{real}")
    print(f"({len(pages)} sample article pages; the text is the same at every weight)")


if __name__ == "__main__":
    main()
