"""Hostile or broken feed and sitemap items, crawled by real child processes on loopback:
a bad item is skipped and counted with its reason, every other item is still crawled."""

from __future__ import annotations

import gzip
import json
import zlib
from pathlib import Path

from support.feedsite import ARTICLES, EXTRA_ARTICLES, Article, article_html, rss, write_config
from support.httpsite import HTTPSite

from crawler.archive.store import Store
from crawler.crawl import run_source

GOOD, DATED_9999, LAST = ARTICLES
ATOM_LATE = EXTRA_ARTICLES[0]


def _titles(config_path: Path) -> set[str]:
    with Store.open(config_path) as store:
        return {row["title"] for row in store.query("SELECT title FROM articles")}


def _item(site: HTTPSite, link: str, title: str, date: str) -> str:
    return f"<item><title>{title}</title><link>{link}</link><pubDate>{date}</pubDate></item>"


def test_bad_rss_items_are_skipped_with_reasons_and_the_rest_is_crawled(
    site: HTTPSite, tmp_path: Path
) -> None:
    items = "".join(
        [
            _item(site, site.url(GOOD.path), GOOD.title, GOOD.published_rss),
            _item(
                site, site.url(DATED_9999.path), DATED_9999.title, "Fri, 31 Dec 9999 23:59:59 -1400"
            ),
            _item(site, f"http://127.0.0.1:99999{GOOD.path}x", "invalid port", GOOD.published_rss),
            _item(site, "file:///etc/passwd", "a local file", GOOD.published_rss),
            _item(site, site.url(LAST.path), LAST.title, LAST.published_rss),
        ]
    )
    site.route(
        "/feed.xml",
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>',
        content_type="application/rss+xml",
    )
    config = write_config(tmp_path, site.url("/feed.xml"))

    outcome = run_source(config, "testfeed")

    assert outcome.status == "ok", outcome.message
    assert _titles(config.store.path) == {GOOD.title, DATED_9999.title, LAST.title}
    assert outcome.stats["skipped"] == 2
    assert "invalid port" in outcome.message
    assert "not an http(s) link" in outcome.message
    assert "unreadable date" in outcome.message
    assert not site.hits("/etc/passwd")
    with Store.open(config.store.path) as store:
        run = store.run(outcome.run_id)
        assert run["skipped"] == 2
        details = json.loads(run["details"])
        assert details["skipped"] == {"invalid port": 1, "not an http(s) link": 1}
        dated = store.query("SELECT published FROM articles WHERE title = ?", [DATED_9999.title])[
            0
        ]["published"]
        assert not dated.startswith("9999")


def test_an_atom_entry_dated_year_one_does_not_hide_the_entries_after_it(
    site: HTTPSite, tmp_path: Path
) -> None:
    entries = "".join(
        f'<entry><title>{a.title}</title><link href="{site.url(a.path)}"/><id>urn:{n}</id>'
        f"<updated>{date}</updated></entry>"
        for n, (a, date) in enumerate(
            [(GOOD, "0001-01-01T00:00:00+01:00"), (LAST, LAST.published_iso)]
        )
    )
    site.route(
        "/atom.xml",
        f'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>{entries}</feed>',
        content_type="application/atom+xml",
    )
    # The smallest memory limit allowed is enough for an ordinary crawl.
    config = write_config(tmp_path, site.url("/atom.xml"), crawl="max_memory_mb = 512")

    outcome = run_source(config, "testfeed")

    assert outcome.status == "ok", outcome.message
    assert _titles(config.store.path) == {GOOD.title, LAST.title}


def _canonical_page(site: HTTPSite, article: Article) -> bytes:
    link = f'<link rel="canonical" href="{site.url(article.path)}">'
    return article_html(article).replace(b"<head>", f"<head>{link}".encode(), 1)


def _urlset(rows: list[tuple[str, str]]) -> bytes:
    urls = "".join(
        f"<url><loc>{loc}</loc><lastmod>{lastmod}</lastmod></url>" for loc, lastmod in rows
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><urlset '
        f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
    ).encode()


def test_a_crawl_started_by_a_large_process_is_held_to_its_own_memory(
    site: HTTPSite, tmp_path: Path
) -> None:
    """A crawl child inherits its parent's peak resident size in ``ru_maxrss``: a parent
    bigger than max_memory_mb must not make the child look over its limit."""
    site.route("/feed.xml", rss(site, [GOOD]), content_type="application/rss+xml")
    config = write_config(tmp_path, site.url("/feed.xml"), crawl="max_memory_mb = 512")
    ballast = bytearray(600 * 1024 * 1024)
    for page in range(0, len(ballast), 4096):
        ballast[page] = 1  # resident, so the parent's peak is above the child's limit
    try:
        outcome = run_source(config, "testfeed")
    finally:
        del ballast
    assert outcome.status == "ok", outcome.message
    assert _titles(config.store.path) == {GOOD.title}


def test_a_sitemap_with_one_bad_lastmod_still_fetches_every_url(
    site: HTTPSite, tmp_path: Path
) -> None:
    for article in ARTICLES:
        site.route(article.path, _canonical_page(site, article))
    site.route(
        "/sitemap.xml",
        _urlset(
            [
                (site.url(GOOD.path), "2024-05-14"),
                (site.url(DATED_9999.path), "0001-01-01T00:00:00+01:00"),
                (site.url(LAST.path), "2024-05-16T07:00:00+03:00"),
                ("http://127.0.0.1:99999/x", "2024-05-16"),
            ]
        ),
        content_type="application/xml",
    )
    config = write_config(tmp_path, site.url("/sitemap.xml"), spider="sitemap")

    outcome = run_source(config, "testfeed")

    assert outcome.status == "ok", outcome.message
    assert _titles(config.store.path) == {a.title for a in ARTICLES}
    assert outcome.stats["skipped"] == 1
    assert "invalid port" in outcome.message


def test_a_gzip_bomb_sitemap_is_refused_at_max_page_mb(site: HTTPSite, tmp_path: Path) -> None:
    row = f"<url><loc>{site.url('/2024/05/p0')}</loc></url>".encode()
    bomb = gzip.compress(
        b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        + row
        + b" " * (6 * 1024 * 1024)
        + b"</urlset>",
        compresslevel=9,
    )
    assert len(bomb) < 20_000  # 6 MB inflated
    site.route("/sitemap.xml.gz", bomb, content_type="application/x-gzip")
    config = write_config(
        tmp_path, site.url("/sitemap.xml.gz"), spider="sitemap", crawl="max_page_mb = 1"
    )

    outcome = run_source(config, "testfeed")

    assert outcome.status == "failed"
    assert "more than crawl.max_page_mb (1 MB)" in outcome.message
    assert "\n" not in outcome.message
    assert not site.hits("/2024/05/p0")


def _gzip_of_spaces(prefix: bytes, megabytes: int, suffix: bytes) -> bytes:
    """A gzip stream of ``megabytes`` MB of spaces, compressed chunk by chunk (the test never
    holds the inflated document)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = b" " * (1024 * 1024)
    parts = [packer.compress(prefix)]
    parts += [packer.compress(chunk) for _ in range(megabytes)]
    parts += [packer.compress(suffix), packer.flush()]
    return b"".join(parts)


def test_the_kernel_stops_a_crawl_past_max_memory_mb_with_one_clear_line(
    site: HTTPSite, tmp_path: Path
) -> None:
    bomb = _gzip_of_spaces(b'<?xml version="1.0"?><urlset>', 1000, b"</urlset>")
    assert len(bomb) < 2 * 1024 * 1024
    site.route("/sitemap.xml.gz", bomb, content_type="application/x-gzip")
    config = write_config(
        tmp_path,
        site.url("/sitemap.xml.gz"),
        spider="sitemap",
        crawl="max_page_mb = 1024\nmax_memory_mb = 512",
    )

    outcome = run_source(config, "testfeed")

    assert outcome.status == "failed"
    assert outcome.message.startswith(
        "stopped: the crawl needed more memory than its limit (512 MB)"
    )
    assert "\n" not in outcome.message
    with Store.open(config.store.path) as store:
        assert store.run(outcome.run_id)["status"] == "failed"


def test_crawl_and_status_show_the_summary_and_why_a_run_degraded(
    site: HTTPSite, tmp_path: Path
) -> None:
    from click.testing import CliRunner

    from crawler.cli import cli

    site.route("/broken", "server error", status=500, content_type="text/plain")
    items = "".join(
        [
            _item(site, site.url(GOOD.path), GOOD.title, GOOD.published_rss),
            _item(site, "http://127.0.0.1:99999/x", "invalid port", GOOD.published_rss),
            _item(site, site.url("/broken"), "broken", GOOD.published_rss),
        ]
    )
    site.route(
        "/feed.xml",
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>',
        content_type="application/rss+xml",
    )
    config = write_config(tmp_path, site.url("/feed.xml"))
    runner = CliRunner()

    crawled = runner.invoke(cli, ["--config", str(config.path), "crawl"])

    assert crawled.exit_code == 0, crawled.output
    line = next(x for x in crawled.output.splitlines() if x.startswith("testfeed:"))
    assert line.startswith(
        "testfeed: degraded, 1 new, 0 updated, 0 unchanged, 1 skipped, 1 errors — "
    )
    assert f"{site.url('/broken')}: HTTP 500" in line
    assert "1 item(s) skipped (invalid port: 1)" in line

    status = runner.invoke(cli, ["--config", str(config.path), "status"])

    row = next(x for x in status.output.splitlines() if x.startswith("testfeed"))
    assert "degraded" in row
    assert "/broken: HTTP 500" in row
    assert "invalid port: 1" in row


def test_a_run_cut_off_by_max_pages_is_degraded_and_says_what_is_left(
    site: HTTPSite, tmp_path: Path
) -> None:
    items = "".join(_item(site, site.url(a.path), a.title, a.published_rss) for a in ARTICLES)
    site.route(
        "/feed.xml",
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>',
        content_type="application/rss+xml",
    )
    config = write_config(tmp_path, site.url("/feed.xml"), crawl="max_pages = 1")

    outcome = run_source(config, "testfeed")

    assert outcome.status == "degraded"
    assert outcome.stats["new_articles"] == 1
    assert (
        "stopped at crawl.max_pages (1 articles): 2 more new item(s) wait for the next run"
        in outcome.message
    )


def test_next_pages_and_child_sitemaps_outside_http_are_never_fetched(
    site: HTTPSite, tmp_path: Path
) -> None:
    local = tmp_path / "local.xml"
    local.write_bytes(_urlset([(site.url(GOOD.path), "2024-05-14")]))
    site.route(GOOD.path, _canonical_page(site, GOOD))
    site.route(
        "/index.xml",
        (
            '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<sitemap><loc>{local.as_uri()}</loc></sitemap>"
            "<sitemap><loc>http://127.0.0.1:99999/s.xml</loc></sitemap>"
            f"<sitemap><loc>{site.url('/child.xml')}</loc></sitemap></sitemapindex>"
        ),
        content_type="application/xml",
    )
    site.route(
        "/child.xml", _urlset([(site.url(GOOD.path), "2024-05-14")]), content_type="application/xml"
    )
    config = write_config(tmp_path, site.url("/index.xml"), spider="sitemap")
    events: list[dict] = []

    outcome = run_source(config, "testfeed", on_event=events.append)

    fetched = [e["url"] for e in events if e["event"] == "page"]
    assert not [url for url in fetched if not url.startswith("http://127.0.0.1")]
    assert site.url("/child.xml") in fetched
    assert outcome.stats["skipped"] == 2, outcome.message
    assert _titles(config.store.path) == {GOOD.title}

    feed = tmp_path / "feed2"
    feed.mkdir()
    site.route(
        "/feed.xml",
        f'<?xml version="1.0"?><rss version="2.0" '
        f'xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>t</title>'
        f'<atom:link rel="next" href="{local.as_uri()}"/>'
        f"{_item(site, site.url(LAST.path), LAST.title, LAST.published_rss)}"
        "</channel></rss>",
        content_type="application/rss+xml",
    )
    config = write_config(feed, site.url("/feed.xml"))
    events.clear()

    outcome = run_source(config, "testfeed", on_event=events.append)

    fetched = [e["url"] for e in events if e["event"] == "page"]
    assert not [url for url in fetched if not url.startswith("http://127.0.0.1")], fetched
    assert outcome.stats["skipped"] == 1, outcome.message


def test_a_redirect_to_a_local_file_is_not_followed(site: HTTPSite, tmp_path: Path) -> None:
    local = tmp_path / "secret.html"
    local.write_bytes(article_html(LAST))
    site.redirect("/to-file", local.as_uri())
    items = "".join(
        [
            _item(site, site.url(GOOD.path), GOOD.title, GOOD.published_rss),
            _item(site, site.url("/to-file"), "moved", GOOD.published_rss),
        ]
    )
    site.route(
        "/feed.xml",
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>',
        content_type="application/rss+xml",
    )
    config = write_config(tmp_path, site.url("/feed.xml"))
    events: list[dict] = []

    run_source(config, "testfeed", on_event=events.append)

    fetched = [e["url"] for e in events if e["event"] == "page"]
    assert not [url for url in fetched if url.startswith("file:")], fetched
    assert _titles(config.store.path) == {GOOD.title}
