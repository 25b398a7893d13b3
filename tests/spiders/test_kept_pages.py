"""Pages a run did not store are kept for the source's next run: fetched again, stored once,
and every run says what it did with them."""

from __future__ import annotations

import random
import sqlite3
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from spiderkit import Crawler, canonical

from crawler.mirror import Mirrors
from crawler.models import PageHints
from crawler.retry import RETRY_RUNS, KeptPages, Outcome
from crawler.samples import SampleArticle, load_samples, variant
from crawler.store import Store
from crawler.urls import canonicalize


def snhr_english(copies: int) -> list[SampleArticle]:
    """The English SNHR news samples and ``copies`` older variants of each."""
    rng = random.Random(9)
    originals = [s for s in load_samples()
                 if s.site == "snhr" and s.path_lang == "en" and s.section == "news"
                 and not s.copy_of]
    return originals + [variant(s, n, rng, tag="k")
                        for s in originals for n in range(1, copies + 1)]


def refuse_writes_of(store_path: Path, url: str) -> None:
    """A trigger in the store file that refuses the article row of ``url``, as a store that
    cannot take one page's write (the page's whole transaction is undone)."""
    with Store.open(store_path):
        pass  # the schema, as raqib makes it
    with sqlite3.connect(store_path) as conn:
        conn.execute("CREATE TRIGGER refuse_one BEFORE INSERT ON articles "
                     f"WHEN NEW.url = '{url}' BEGIN SELECT RAISE(ABORT, 'refused'); END")


def allow_writes(store_path: Path) -> None:
    with sqlite3.connect(store_path) as conn:
        conn.execute("DROP TRIGGER refuse_one")


def test_pages_a_degraded_backfill_did_not_store_are_stored_by_the_next_scheduled_run(
        tmp_path: Path) -> None:
    samples = snhr_english(3)
    with Mirrors(samples) as mirrors:
        crawler = Crawler(mirrors, tmp_path)
        oldest = sorted(mirrors.catalogue.of_site("snhr"), key=lambda a: a.published)
        refused, broken = oldest[0].stem, oldest[1].stem
        refuse_writes_of(crawler.store_path, canonical(mirrors, refused))
        mirrors.set_fault("snhr", urlsplit(mirrors.url_of(broken)).path, "status", code=500)

        backfill = crawler.run("snhr-en", "--since", "2000-01-01", timeout=240)
        after_backfill = {row["url"] for row in crawler.articles("snhr-en")}
        with crawler.store() as store:
            window = store.backfill_cursor("snhr-en", date(2000, 1, 1), None)
            kept = store.kept_pages("snhr-en")

        allow_writes(crawler.store_path)
        mirrors.clear_faults()
        scheduled = crawler.run("snhr-en", "--recheck-due", timeout=240)  # as the daemon runs
        with crawler.store() as store:
            captures = store.query("SELECT url, count(*) AS n FROM captures GROUP BY url "
                                   "HAVING n > 1")
            kept_after = store.kept_pages("snhr-en")
        stored = crawler.articles("snhr-en")
        calm = crawler.run("snhr-en", timeout=120)
        expected = {canonical(mirrors, s.stem) for s in samples}
        missing = {canonical(mirrors, refused), canonical(mirrors, broken)}

    assert backfill.status == "degraded", backfill.done
    assert after_backfill == expected - missing
    message = backfill.done["message"]
    assert "refused" in message
    assert "HTTP 500" in message
    assert "2 page(s) not stored, kept for the next run" in message
    assert window is None  # the window is done: its cursor is cleared...
    assert {canonicalize(page["url"], scheme="http") for page in kept} == missing  # ...not them
    assert all(page["tries"] == 1 for page in kept)

    # an incremental crawl stops at its first API page, all known: the two old pages come
    # back only because they were kept
    assert scheduled.status == "ok", scheduled.done
    assert "retried 2 page(s) an earlier run did not store: 2 stored" in scheduled.done["message"]
    assert scheduled.done["stats"]["new_articles"] == 2
    assert any(e.get("event") == "retry" and e["pages"] == 2 for e in scheduled.events)
    assert [row["url"] for row in stored] == sorted(expected)  # each once
    assert captures == []
    assert kept_after == []
    assert calm.status == "ok", calm.done
    assert "retried" not in calm.done["message"]
    assert calm.done["stats"]["new_articles"] == 0


def test_a_page_still_failing_is_given_up_after_its_last_run_and_said_so(
        tmp_path: Path) -> None:
    url = "https://example.org/2024/01/02/gone/"
    requested = {url: (url, PageHints(title="Gone", published="2024-01-02"))}
    with Store.open(tmp_path / "raqib.db") as store:
        for run in range(1, RETRY_RUNS + 1):
            kept = KeptPages(store, "src", lambda u: u)
            assert [u for u, _ in kept.requests()] == ([url] if run > 1 else [])
            settled = kept.settle(Outcome(requested, answered=frozenset({url})), counts=True)
            if run < RETRY_RUNS:
                assert settled.kept == [url]
                [page] = store.kept_pages("src")
                assert page["tries"] == run
                assert page["hints"]["title"] == "Gone"
            else:
                assert settled.kept == []
                assert settled.given_up == [url]
                assert f"gave up on 1 page(s) not stored after {RETRY_RUNS} runs" in \
                    settled.message()
                assert store.kept_pages("src") == []
        stopped = KeptPages(store, "src", lambda u: u)
        assert stopped.requests() == []


def test_a_stopped_run_keeps_its_pages_without_counting_a_try(tmp_path: Path) -> None:
    url = "https://example.org/a/"
    with Store.open(tmp_path / "raqib.db") as store:
        KeptPages(store, "src", lambda u: u).settle(
            Outcome({url: (url, PageHints())}, answered=frozenset({url})), counts=False)
        assert store.kept_pages("src") == [{"url": url, "hints": {}, "tries": 0}]
        again = KeptPages(store, "src", lambda u: u)
        settled = again.settle(Outcome({url: (url, PageHints())}, written=frozenset({url})),
                               counts=True)  # stored by the next run
        assert settled.retried == 1
        assert settled.retried_stored == 1
        assert store.kept_pages("src") == []
