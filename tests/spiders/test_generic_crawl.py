"""The generic spiders (wordpress, sitemap, feed) against the mirrors, each source in its own
store so cross-site re-publications do not hide articles."""

from __future__ import annotations

from pathlib import Path

from spiderkit import Crawler, CrawlResult, canonical, check_article

from crawler.mirror import Mirrors


def crawl_each(crawlers: dict[str, Crawler], *args: str) -> dict[str, CrawlResult]:
    procs = {name: (crawler, crawler.start(name, *args)) for name, crawler in crawlers.items()}
    return {name: crawler.collect(name, proc) for name, (crawler, proc) in procs.items()}


def test_generic_spiders_find_everything_then_stop_early(mirrors: Mirrors,
                                                         tmp_path: Path) -> None:
    extra = [
        {"name": "wp-horrya", "spider": "wordpress", "url": mirrors.base_url("horrya") + "/"},
        {"name": "wp-sohr", "spider": "wordpress", "url": mirrors.base_url("sohr") + "/en/",
         "lang": "en"},
        {"name": "sm-snhr", "spider": "sitemap", "lang": "en",
         "url": mirrors.base_url("snhr") + "/wp-sitemap.xml", "keep": ["/2024/"]},
    ]
    names = ["wp-horrya", "wp-sohr", "sm-snhr", "aggregator"]
    crawlers = {}
    for name in names:
        (tmp_path / name).mkdir()
        crawlers[name] = Crawler(mirrors, tmp_path / name, extra)
    first = crawl_each(crawlers)
    assert {n: (r.status, r.done["message"]) for n, r in first.items()} == dict.fromkeys(
        names, ("ok", ""))

    expected = {
        "wp-horrya": ["horrya-ar-01", "horrya-ar-02", "horrya-ar-03", "horrya-en-01"],
        "wp-sohr": ["sohr-en-01", "sohr-en-02", "sohr-en-03", "sohr-en-04"],
        "sm-snhr": ["snhr-en-01", "snhr-en-02", "snhr-en-03", "snhr-en-05", "snhr-en-07"],
    }
    for name, stems in expected.items():
        rows = {row["url"]: row for row in crawlers[name].articles(name)}
        assert len(rows) == len(stems), (name, sorted(rows))
        for stem in stems:
            check_article(mirrors, stem, rows.get(canonical(mirrors, stem)))
    digest = crawlers["aggregator"].articles("aggregator")
    assert len(digest) == 7
    assert all("utm_" not in row["url"] for row in digest)
    # the feed's doing_wp_cron link was fetched without it
    sohr_paths = [r.path for r in mirrors.requests_to("sohr")]
    assert "/en/742455/" in sohr_paths
    assert not any("doing_wp_cron" in p for p in sohr_paths)

    before = len(mirrors.requests)
    second = crawl_each(crawlers)
    for name, result in second.items():
        assert result.status == "ok", (name, result.done)
        assert result.done["stats"]["requests"] <= 2, (name, result.done["stats"])
    assert len(mirrors.requests) - before <= 2 * len(names)
