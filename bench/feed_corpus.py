"""raqib's feed parser against feedparser on feedparser's own test corpus.

    .venv/bin/python bench/feed_corpus.py PATH [--show N]

PATH is the ``tests`` folder of a feedparser source distribution (``pip download
--no-deps --no-binary :all: feedparser``, then unpack); the corpus is read from there and
never copied into this repository. For every document in which feedparser itself finds at
least one entry link, raqib's ``parse_feed`` must find the same links (as a set): the
figure printed is the share of those documents where it does, the issue's target is 95%.
Both parse the same bytes with the same base URL (feedparser's test server address).
"""

from __future__ import annotations

import argparse
import io
import sys
from dataclasses import dataclass
from pathlib import Path

import feedparser

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from spiders.feedparse import FeedFormatError, parse_feed  # noqa: E402

TEST_SERVER = "http://127.0.0.1:8097/"


@dataclass(frozen=True)
class Compared:
    path: str
    expected: frozenset[str]
    found: frozenset[str] | None  # None: refused as not a feed
    error: str = ""

    @property
    def same(self) -> bool:
        return self.found == self.expected


def reference_links(body: bytes, base: str) -> frozenset[str]:
    parsed = feedparser.parse(io.BytesIO(body), response_headers={"content-location": base})
    return frozenset(e["link"] for e in parsed.entries if e.get("link"))


def compare(corpus: Path) -> list[Compared]:
    results = []
    for path in sorted(corpus.rglob("*.xml")):
        body = path.read_bytes()
        base = TEST_SERVER + path.relative_to(corpus).as_posix()
        expected = reference_links(body, base)
        if not expected:
            continue
        try:
            found = frozenset(e.link for e in parse_feed(body, base_url=base).entries)
            results.append(Compared(str(path.relative_to(corpus)), expected, found))
        except FeedFormatError as exc:
            results.append(Compared(str(path.relative_to(corpus)), expected, None, str(exc)))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="feedparser's tests folder")
    parser.add_argument("--show", type=int, default=10, help="differences to list")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        parser.error(f"{args.corpus} is not a folder")
    results = compare(args.corpus)
    if not results:
        print(f"no document in {args.corpus} has entry links according to feedparser")
        return 1
    same = sum(r.same for r in results)
    refused = sum(r.found is None for r in results)
    print(
        f"{len(results)} documents where feedparser finds entry links; raqib finds the same "
        f"links in {same} ({100 * same / len(results):.1f}%), refuses {refused}"
    )
    for result in [r for r in results if not r.same][: args.show]:
        found = result.error or sorted(result.found or ())
        print(f"  {result.path}: feedparser {sorted(result.expected)}, raqib {found}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
