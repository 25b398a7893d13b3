"""A crawl child hands pages to the worker pool and still stores every one of them."""

from __future__ import annotations

import json
import random
import signal
import sys
from pathlib import Path

from crawler.memlimit import cores
from crawler.mirror import Mirrors
from crawler.samples import SampleArticle, load_samples, variant

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "spiders"))

from spiderkit import Crawler, canonical  # noqa: E402


def snhr_english(copies: int) -> list[SampleArticle]:
    """The English SNHR news samples, each with ``copies`` variants of its own (id, slug,
    date, and words shuffled so that deduplication keeps them apart)."""
    rng = random.Random(4)
    originals = [s for s in load_samples()
                 if s.site == "snhr" and s.path_lang == "en" and s.section == "news"
                 and not s.copy_of]
    out = list(originals)
    for sample in originals:
        for n in range(1, copies + 1):
            out.append(variant(sample, n, rng, tag="v"))
    return out


def test_a_backfill_stores_every_page_with_the_pool(tmp_path: Path) -> None:
    samples = snhr_english(24)
    with Mirrors(samples) as mirrors:
        crawler = Crawler(mirrors, tmp_path)
        result = crawler.run("snhr-en", "--since", "2000-01-01", timeout=240)
        stored = crawler.articles("snhr-en")
        expected = {canonical(mirrors, sample.stem) for sample in samples}

    assert result.status == "ok", result.done
    assert result.done["stats"]["new_articles"] == len(samples)
    assert len(stored) == len(samples)
    assert {row["url"] for row in stored} == expected
    pool = [e for e in result.events if e.get("event") == "pool"]
    if cores() > 1:
        assert pool, "the pool never started"
        assert pool[0]["workers"] == cores()
        assert pool[0]["pages"] > 0
    else:
        assert not pool


def test_a_backfill_killed_mid_batch_resumes_without_losing_or_repeating_a_page(
        tmp_path: Path) -> None:
    """Pages are committed a batch at a time: a SIGKILL loses the batch being filled, which
    was never announced, and the resumed backfill fetches those pages again, so every
    article ends stored once."""
    samples = snhr_english(24)
    with Mirrors(samples) as mirrors:
        crawler = Crawler(mirrors, tmp_path)
        proc = crawler.start("snhr-en", "--since", "2000-01-01")
        announced: set[str] = set()
        fetched = 0
        assert proc.stdout is not None
        for line in proc.stdout:  # until some pages are stored and more are on their way
            event = json.loads(line)
            if event.get("event") == "item" and event.get("outcome") == "new":
                announced.add(event["canonical_url"])
            elif event.get("event") == "page" and event.get("kind") == "article":
                fetched += 1
            if len(announced) >= 20 and fetched > len(announced):
                break
        proc.send_signal(signal.SIGKILL)
        proc.communicate()
        at_kill = {row["url"] for row in crawler.articles("snhr-en")}
        result = crawler.run("snhr-en", "--since", "2000-01-01", timeout=240)
        with crawler.store() as store:
            captures = store.query("SELECT url, count(*) AS n FROM captures GROUP BY url "
                                   "HAVING n > 1")
            copies = store.scalar("SELECT count(*) FROM duplicates WHERE kind != 'url_variant'")
        stored = crawler.articles("snhr-en")
        expected = {canonical(mirrors, sample.stem) for sample in samples}

    assert announced <= at_kill  # nothing was announced before it was committed
    assert at_kill < expected
    assert result.status == "ok", result.done
    assert result.done["stats"]["new_articles"] == len(expected - at_kill)
    assert [row["url"] for row in stored] == sorted(expected)
    assert captures == []
    assert copies == 0
