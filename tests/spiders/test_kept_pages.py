"""Pages a run did not store are kept for the source's next run: fetched again, stored once,
and every run says what it did with them."""

from __future__ import annotations

import random
import sqlite3
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from spiderkit import Crawler, canonical

from crawler.archive.store import Store
from crawler.mirror import Mirrors
from crawler.models import PageHints
from crawler.retry import RETRY_RUNS, KeptPages, Outcome
from crawler.samples import SampleArticle, load_samples, variant
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


def snhr_news() -> list[SampleArticle]:
    return [s for s in load_samples() if s.site == "snhr" and s.path_lang == "en"
            and s.section == "news" and not s.copy_of]


def path_of(mirrors: Mirrors, stem: str) -> str:
    return urlsplit(mirrors.url_of(stem)).path


def fetched(mirrors: Mirrors, stem: str) -> int:
    return sum(1 for r in mirrors.requests_to("snhr") if r.path == path_of(mirrors, stem))


def test_kept_pages_do_not_hold_back_new_articles(tmp_path: Path) -> None:
    rng = random.Random(9)
    originals = snhr_news()
    extra = [variant(s, 1, rng, tag="n") for s in originals]
    failing, fresh = [s.stem for s in extra[:3]], [s.stem for s in extra[3:5]]
    with Mirrors(originals + extra, hidden={s.stem for s in extra}) as mirrors:
        crawler = Crawler(mirrors, tmp_path)
        assert crawler.run("snhr-en", timeout=200).status == "ok"
        crawler.config.write_text(crawler.config.read_text(encoding="utf-8").replace(
            "[crawl]\n", "[crawl]\nmax_pages = 3\n"), encoding="utf-8")
        for stem in failing:
            mirrors.publish(stem)
            mirrors.set_fault("snhr", path_of(mirrors, stem), "status", code=500)
        first = crawler.run("snhr-en", timeout=200)
        for stem in fresh:
            mirrors.publish(stem)
        second = crawler.run("snhr-en", timeout=200)
        stored = {row["url"] for row in crawler.articles("snhr-en")}
        with crawler.store() as store:
            kept = {page["url"]: page["tries"] for page in store.kept_pages("snhr-en")}
        expected_fresh = {canonical(mirrors, stem) for stem in fresh}
        tries_of = [fetched(mirrors, stem) for stem in failing]

    assert first.status == "degraded", first.done
    assert "3 page(s) not stored, kept for the next run" in first.done["message"]
    # with as many kept pages as max_pages, the two newest articles are still fetched and
    # stored at once: the feed's third slot goes to a failing page it still lists, and one
    # kept page (max_pages // 4, at least one) is tried besides them
    assert second.done["stats"]["new_articles"] == 2, second.done
    assert expected_fresh <= stored
    message = second.done["message"]
    assert "retried 2 page(s) an earlier run did not store: 0 stored" in message
    assert "1 kept page(s) still waiting for a later run" in message
    assert sorted(kept.values()) == [1, 2, 2]  # the untried one did not use a try
    once = min(tries_of)  # requests a run makes for a failing page (Scrapy's own retries)
    assert sorted(tries_of) == [once, 2 * once, 2 * once]


def test_runs_that_fetched_nothing_do_not_use_a_try(tmp_path: Path) -> None:
    with Mirrors(snhr_news()) as mirrors:
        crawler = Crawler(mirrors, tmp_path)
        oldest = sorted(mirrors.catalogue.of_site("snhr"), key=lambda a: a.published)[0].stem
        mirrors.set_fault("snhr", path_of(mirrors, oldest), "status", code=500)
        backfill = crawler.run("snhr-en", "--since", "2000-01-01", timeout=200)
        mirrors.clear_faults()
        mirrors.set_fault("snhr", "", "robots_status", code=503)
        outages = [crawler.run("snhr-en", timeout=200) for _ in range(RETRY_RUNS)]
        with crawler.store() as store:
            during = store.kept_pages("snhr-en")
        mirrors.clear_faults()
        recovered = crawler.run("snhr-en", timeout=200)
        stored = {row["url"] for row in crawler.articles("snhr-en")}
        with crawler.store() as store:
            after = store.kept_pages("snhr-en")
        oldest_url = canonical(mirrors, oldest)

    assert backfill.status == "degraded", backfill.done
    assert [run.status for run in outages] == ["failed"] * RETRY_RUNS
    assert not any("gave up" in run.done["message"] for run in outages)
    assert [page["tries"] for page in during] == [1]  # the robots.txt outage fetched nothing
    assert all("retried" not in run.done["message"] for run in outages)
    assert all("1 kept page(s) still waiting for a later run" in run.done["message"]
               for run in outages)
    assert recovered.status == "ok", recovered.done
    assert "retried 1 page(s) an earlier run did not store: 1 stored" in \
        recovered.done["message"]
    assert oldest_url in stored
    assert after == []


def test_a_kept_page_the_site_removed_is_given_up_at_once(tmp_path: Path) -> None:
    rng = random.Random(9)
    originals = snhr_news()
    extra = variant(originals[0], 1, rng, tag="g")
    with Mirrors([*originals, extra], hidden={extra.stem}) as mirrors:
        crawler = Crawler(mirrors, tmp_path)
        assert crawler.run("snhr-en", timeout=200).status == "ok"
        mirrors.publish(extra.stem)
        mirrors.set_fault("snhr", path_of(mirrors, extra.stem), "status", code=500)
        failing = crawler.run("snhr-en", timeout=200)
        mirrors.clear_faults()
        mirrors.remove(extra.stem)
        removed = crawler.run("snhr-en", timeout=200)
        calm = crawler.run("snhr-en", timeout=200)
        with crawler.store() as store:
            kept = store.kept_pages("snhr-en")

    assert failing.status == "degraded", failing.done
    assert removed.status == "ok", removed.done  # a note, not an error
    assert "gave up on 1 page(s) the site removed (HTTP 404/410" in removed.done["message"]
    assert kept == []
    assert calm.status == "ok"
    assert "retried" not in calm.done["message"]


def test_a_page_refused_by_design_is_not_kept(tmp_path: Path) -> None:
    rng = random.Random(9)
    originals = snhr_news()
    extra = variant(originals[0], 1, rng, tag="r")
    with Mirrors([*originals, extra], hidden={extra.stem}) as mirrors:
        crawler = Crawler(mirrors, tmp_path)
        assert crawler.run("snhr-en", timeout=200).status == "ok"
        mirrors.publish(extra.stem)
        mirrors.set_fault("snhr", path_of(mirrors, extra.stem), "layout_changed")
        refused = crawler.run("snhr-en", timeout=200)
        with crawler.store() as store:
            kept = store.kept_pages("snhr-en")

    assert refused.status == "degraded", refused.done
    assert "no <link rel=canonical>" in refused.done["message"]
    assert "kept for the next run" not in refused.done["message"]
    assert kept == []


def test_kept_pages_the_source_no_longer_accepts_are_forgotten_unfetched(
        tmp_path: Path) -> None:
    with Mirrors(snhr_news()) as mirrors:
        crawler = Crawler(mirrors, tmp_path)
        assert crawler.run("snhr-en", timeout=200).status == "ok"
        base = mirrors.base_url("snhr")
        other = urlsplit(base)._replace(netloc="127.0.0.1:9").geturl()  # another host
        not_permalink = base + "/about-us/"
        with crawler.store() as store:
            store.save_kept_pages("snhr-en", [
                {"url": other + "/2024/01/02/moved/", "hints": {}, "tries": 1},
                {"url": not_permalink, "hints": {}, "tries": 0}])
        before = len(mirrors.requests_to("snhr"))
        run = crawler.run("snhr-en", timeout=200)
        paths = [r.path for r in mirrors.requests_to("snhr")[before:]]
        with crawler.store() as store:
            kept = store.kept_pages("snhr-en")

    assert run.status == "ok", run.done
    assert "forgot 2 kept page(s) the source's link rules no longer accept" in \
        run.done["message"]
    assert "/about-us/" not in paths
    assert kept == []


def test_overlapping_runs_of_one_source_keep_each_others_pages(tmp_path: Path) -> None:
    x, y = "https://example.org/x/", "https://example.org/y/"
    db = tmp_path / "raqib.db"
    with Store.open(db) as first:
        KeptPages(first, "src", lambda u: u).settle(
            Outcome({x: (x, PageHints(title="X"))}), counts=True)  # kept, not fetched
        assert [page["tries"] for page in first.kept_pages("src")] == [0]
    # two processes on one store file: the daemon's run A, a manual `raqib crawl` B
    with Store.open(db) as a, Store.open(db) as b:
        run_a = KeptPages(a, "src", lambda u: u)
        run_b = KeptPages(b, "src", lambda u: u)
        run_a.settle(Outcome({x: (x, PageHints()), y: (y, PageHints(title="Y"))},
                             answered=frozenset({x, y})), counts=True)
        settled_b = run_b.settle(Outcome({x: (x, PageHints())}, answered=frozenset({x})),
                                 counts=True)
        pages = {page["url"]: page for page in b.kept_pages("src")}

    assert set(pages) == {x, y}  # B did not wipe A's page
    assert pages[y]["hints"]["title"] == "Y"
    assert pages[x]["tries"] == 2  # A's try and B's add up
    assert settled_b.kept == [x]
