"""Backfills of a date range, resuming a killed backfill, changed layouts and blocking."""

from __future__ import annotations

import signal
import time
from datetime import date

from spiderkit import Crawler, canonical, check_article

from crawler.mirror import Mirrors
from crawler.urls import canonicalize

SINCE, UNTIL = date(2024, 10, 1), date(2025, 6, 30)


def in_range(mirrors: Mirrors, site: str, path_lang: str) -> set[str]:
    return {a.stem for a in mirrors.catalogue.of_site(site)
            if a.sample.path_lang == path_lang and SINCE <= a.published.date() <= UNTIL}


def test_backfill_stores_exactly_the_date_range(crawler: Crawler, mirrors: Mirrors) -> None:
    sources = {"snhr-en": ("snhr", "en"), "sohr-ar": ("sohr", "ar"),
               "alkarama-fr": ("alkarama", "fr")}
    results = crawler.run_many(list(sources), "--since", SINCE.isoformat(),
                               "--until", UNTIL.isoformat())
    for name, (site, lang) in sources.items():
        assert results[name].status == "ok", results[name].done
        wanted = in_range(mirrors, site, lang)
        assert wanted, name
        stored = {row["url"]: row for row in crawler.articles(name)}
        assert set(stored) == {canonical(mirrors, s) for s in wanted}, name
        for stem in wanted:
            check_article(mirrors, stem, stored[canonical(mirrors, stem)])


def test_killed_backfill_resumes_without_refetching(crawler: Crawler, mirrors: Mirrors) -> None:
    for prefix in ("/en/7423", "/en/7424"):  # every article page but the newest hangs
        mirrors.set_fault("sohr", prefix, "delay", seconds=30)
    proc = crawler.start("sohr-en", "--since", "2025-01-01")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not crawler.articles("sohr-en"):
        time.sleep(0.2)
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    first = {row["url"] for row in crawler.articles("sohr-en")}
    assert first == {canonical(mirrors, "sohr-en-04")}
    mirrors.clear_faults()
    before = len(mirrors.requests)
    result = crawler.run("sohr-en", "--since", "2025-01-01")
    assert result.status == "ok", result.done
    refetched = {canonicalize(mirrors.base_url("sohr") + r.path, scheme="http")
                 for r in mirrors.requests[before:] if r.path.startswith("/en/7")}
    assert not refetched & first
    stems = ["sohr-en-01", "sohr-en-02", "sohr-en-03", "sohr-en-04"]
    assert {row["url"] for row in crawler.articles("sohr-en")} == {
        canonical(mirrors, s) for s in stems}


def test_changed_layout_degrades_health_and_stores_nothing(crawler: Crawler,
                                                           mirrors: Mirrors) -> None:
    mirrors.set_fault("snhr", "/ar/", "layout_changed")
    mirrors.set_fault("alkarama", "/fr/articles/", "layout_changed")
    results = crawler.run_many(["snhr-ar", "alkarama-fr"])
    for name, result in results.items():
        assert result.status == "degraded", (name, result.done)
        assert result.done["health"] == "degraded", (name, result.done)
        assert "shape" in result.done["message"]
        assert crawler.articles(name) == []


def test_blocked_site_fails_the_run_without_hammering(crawler: Crawler,
                                                      mirrors: Mirrors) -> None:
    mirrors.set_fault("sohr", "/en/", "status", code=403)
    result = crawler.run("sohr-en")
    assert result.status == "failed"
    assert "403" in result.done["message"]
    assert len(mirrors.requests_to("sohr")) <= 2
