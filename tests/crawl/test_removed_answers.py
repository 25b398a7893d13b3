"""A removed article answered otherwise than with 404/410 (``crawler.gone``): a redirect to the
front page or to the article's section, or a "page not found" page sent with status 200. Which
way each real source answers is not known offline; every way is read as removal, so the
archive keeps the article's last text instead of storing the front page or the error page as
its new version."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from support.feedsite import ARTICLES, EXTRA_ARTICLES, article_html, rss, write_config
from support.httpsite import HTTPSite

from crawler.archive.store import Store
from crawler.crawl import run_source
from crawler.gone import gone_reason
from crawler.models import FetchedPage, PageHints

FRONT_PAGE = """<html><head><title>Syria Rights Monitor</title></head><body>
<nav><a href="/">Home</a> <a href="/2024/05/">May 2024</a></nav><h1>Syria Rights Monitor</h1>
<article><h2><a href="/a/">Monthly count of arbitrary arrests</a></h2><p>The monitor recorded
at least 180 arbitrary arrests across the country last month, among them eleven children who
were detained at checkpoints.</p></article>
<article><h2><a href="/b/">Families gather in Idlib</a></h2><p>Families of the missing met in
Idlib to share what little they know of their relatives held since 2013.</p></article>
</body></html>"""
NOT_FOUND_EN = """<html><head><title>Page not found – Syria Rights Monitor</title></head>
<body><h1>Oops! That page can't be found.</h1><p>It looks like nothing was found at this
location. Try the search below.</p></body></html>"""
NOT_FOUND_AR = """<html><head><meta charset="utf-8"><title>خطأ 404</title></head><body>
<h1>الصفحة المطلوبة غير موجودة</h1><p>ربما نقلت الصفحة أو حذفت.</p></body></html>"""


def _key(site: HTTPSite, path: str) -> str:
    return f"http://127.0.0.1:{site.port}{path.rstrip('/')}"


def test_a_recheck_reads_every_way_of_saying_gone(site: HTTPSite, tmp_path: Path) -> None:
    articles = (*ARTICLES, *EXTRA_ARTICLES[:2])
    site.route("/feed.xml", rss(site, articles), content_type="application/rss+xml",
               etag='"feed-1"')
    for article in articles:
        site.route(article.path, article_html(article))
    config = write_config(tmp_path, site.url("/feed.xml"))
    assert run_source(config, "testfeed").stats["new_articles"] == len(articles)

    moved = articles[4]  # moved to a new address, same text: not removed
    site.route("/", FRONT_PAGE)
    site.route("/2024/05/", FRONT_PAGE)
    site.route("/2024/06/new-address/", article_html(moved))
    site.redirect(articles[0].path, site.url("/"), status=301)
    site.redirect(articles[1].path, site.url("/2024/05/"), status=302)
    site.route(articles[2].path, NOT_FOUND_AR)
    site.route(articles[3].path, NOT_FOUND_EN)
    site.redirect(moved.path, site.url("/2024/06/new-address/"), status=301)

    run = run_source(config, "testfeed", recheck=True)
    assert run.status == "ok", run.message
    assert "5 rechecked (4 removed)" in run.summary()
    assert run.stats["new_versions"] == 0
    with Store.open(config.store.path) as store:
        for article in articles[:4]:
            row = store.article_by_url(_key(site, article.path))
            assert row["removed_at"], article.path
            assert row["version"] == 1
            assert row["title"] == article.title
        assert store.article_by_url(_key(site, moved.path))["removed_at"] is None
        assert store.article_by_url(_key(site, "/")) is None
        assert not store.query("SELECT * FROM duplicates WHERE url = ?", [_key(site, "/")])
        kinds = [r["kind"] for r in store.query(
            "SELECT kind FROM captures WHERE article_id = ? ORDER BY id",
            [store.article_by_url(_key(site, articles[0].path))["id"]])]
        assert kinds == ["article", "removed"]  # what the site answered, archived


def test_a_new_link_to_the_front_page_stores_no_article(site: HTTPSite, tmp_path: Path) -> None:
    site.route("/feed.xml", rss(site, ARTICLES), content_type="application/rss+xml")
    site.route("/", FRONT_PAGE)
    site.redirect(ARTICLES[1].path, site.url("/"), status=301)
    config = write_config(tmp_path, site.url("/feed.xml"))
    run = run_source(config, "testfeed")
    assert run.status == "ok", run.message
    assert run.stats["new_articles"] == 2
    with Store.open(config.store.path) as store:
        titles = {r["title"] for r in store.query("SELECT title FROM articles")}
    assert "Syria Rights Monitor" not in titles


def _page(url: str, final: str, body: str = "<html><title>A report</title></html>",
          *, status: int = 200, text: str | None = None) -> FetchedPage:
    return FetchedPage(source="s", url=url, final_url=final, status=status, headers=(),
                       body=body.encode(), fetched_at=datetime.now(UTC),
                       redirects=(url,) if url != final else (),
                       hints=PageHints(text=text))


def test_what_is_not_read_as_gone() -> None:
    base = "https://example.org"
    same = [
        (f"{base}/2024/05/slug/", f"{base}/2024/05/slug"),            # trailing slash
        ("http://example.org/news/12?utm_source=x", f"{base}/news/12"),  # scheme, tracking
        (f"{base}/2024/05/slug/amp/", f"{base}/2024/05/slug/"),        # the AMP variant
        (f"{base}/news/12", f"{base}/2024/05/new-slug/"),              # a new address
        (f"{base}/news/12", "https://other.example.net/"),             # another site
    ]
    for url, final in same:
        assert gone_reason(_page(url, final)) is None, (url, final)
    mentions = ("<html><title>Detainee released</title><body><h1>Detainee released</h1>"
                "<p>Her lawyer said the court file was not found and the page of the "
                "register was missing.</p></body></html>")
    assert gone_reason(_page(f"{base}/a", f"{base}/a", mentions)) is None
    tally = "<html><title>404 detainees freed in Daraa</title></html>"
    assert gone_reason(_page(f"{base}/a", f"{base}/a", tally)) is None
    post = _page(f"{base}/channel/7", f"{base}/", text="A post carried by a listing")
    assert gone_reason(post) is None


def test_what_is_read_as_gone() -> None:
    base = "https://example.org"
    assert gone_reason(_page(f"{base}/news/12345", f"{base}/news/"))
    assert gone_reason(_page(f"{base}/ar/news/12345", f"{base}/ar/"))
    assert gone_reason(_page(f"{base}/?p=881", f"{base}/"))
    for title in ("Page non trouvée | Le site", "404 - Not Found", "Error 404",
                  "لم يتم العثور على الصفحة"):
        body = f"<html><head><title>{title}</title></head></html>"
        assert gone_reason(_page(f"{base}/a", f"{base}/a", body)), title
