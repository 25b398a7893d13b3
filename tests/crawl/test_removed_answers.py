"""A removed article answered otherwise than with 404/410 (``crawler.gone``): a redirect to the
front page or to the article's section, or a "page not found" page sent with status 200. Which
way each real source answers is not known offline; every way is read as removal, so the
archive keeps the article's last text instead of storing the front page or the error page as
its new version."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from support.feedsite import ARTICLES, EXTRA_ARTICLES, article_html, rss, write_config
from support.httpsite import HTTPSite

from alerts.render import render_article
from crawler.archive.show import NotStored, article_view
from crawler.archive.store import Store
from crawler.crawl import run_source
from crawler.gone import moved_away, not_found_page
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
<body class="error404 hfeed"><h1>Oops! That page can't be found.</h1><p>It looks like nothing
was found at this location. Try the search below.</p>
<aside><h2>Recent posts</h2><ul><li><a href="/a/">Monthly count of arbitrary arrests across the
country, with the governorates where most were recorded</a></li><li><a href="/b/">Families of
the missing gather in Idlib to share what little they know of relatives held since 2013</a>
</li><li><a href="/c/">Statement on the anniversary of the chemical attack on Ghouta and the
families who still wait for justice</a></li><li><a href="/d/">Detainee released from Adra
prison after four years without trial, his lawyer says</a></li></ul>
<h2>Archives</h2><ul><li>May 2024</li><li>April 2024</li><li>March 2024</li></ul></aside>
</body></html>"""
NOT_FOUND_AR = """<html><head><meta charset="utf-8"><title>خطأ 404</title></head>
<body class="error404"><h1>الصفحة المطلوبة غير موجودة</h1>
<p>ربما نقلت الصفحة أو حذفت.</p></body></html>"""


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
    # the first such answer makes a suspicion: nothing stored of what the site sent, nothing
    # marked yet (a second answer an hour later marks it: tests/core/test_ingest.py)
    assert "5 rechecked (0 removed)" in run.summary()
    assert run.stats["new_versions"] == 0
    with Store.open(config.store.path) as store:
        for article in articles:
            row = store.article_by_url(_key(site, article.path))
            assert row["removed_at"] is None, article.path
            assert row["version"] == 1
            assert row["title"] == article.title
        assert store.article_by_url(_key(site, "/")) is None
        assert not store.query("SELECT * FROM duplicates WHERE url = ?", [_key(site, "/")])
        for article in articles[:4]:
            kinds = [r["kind"] for r in store.query(
                "SELECT kind FROM captures WHERE article_id = ? ORDER BY id",
                [store.article_by_url(_key(site, article.path))["id"]])]
            assert kinds == ["article", "removed"], article.path  # the answer, archived
        with pytest.raises(NotStored):
            article_view(store, site.url("/"))  # the front page opens no article
    removal = render_article({"title": "A report", "url": "https://example.org/r",
                              "source": "s", "labels": []}, [], kind="removal",
                             content_note=False,
                             payload={"status": 301, "reason": "redirected to the site's "
                                                               "front page"})
    assert "(redirected to the site's front page)" in removal.text


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


BASE = "https://example.org"


def test_redirects_that_keep_an_article_are_no_move_away() -> None:
    kept = [
        (f"{BASE}/2024/05/slug/", f"{BASE}/2024/05/slug"),              # trailing slash
        ("http://example.org/news/12?utm_source=x", f"{BASE}/news/12"),  # scheme, tracking
        (f"{BASE}/2024/05/slug/amp/", f"{BASE}/2024/05/slug/"),          # the AMP variant
        (f"{BASE}/2024/05/slug/2/", f"{BASE}/2024/05/slug/"),            # a page number
        (f"{BASE}/post/123/slug/page/2", f"{BASE}/post/123/slug"),
        (f"{BASE}/news/123/index.html", f"{BASE}/news/123/"),
        (f"{BASE}/news/123/some-slug", f"{BASE}/news/123"),              # the id kept
        (f"{BASE}/news/45/young-man-dies", f"{BASE}/news/45"),
        (f"{BASE}/news/slug-word/ar", f"{BASE}/news/slug-word"),         # a language tail
        (f"{BASE}/2024/05/slug/comment-page-2/", f"{BASE}/2024/05/slug/"),
        (f"{BASE}/news/story.amp", f"{BASE}/news/story"),
        (f"{BASE}/news/123/%D8%AE%D8%A8%D8%B1", f"{BASE}/news/123"),
        (f"{BASE}/news/12", f"{BASE}/2024/05/new-slug/"),                # a new address
        (f"{BASE}/news/12", "https://other.example.net/"),               # another site
        (f"{BASE}/?p=123", "https://www.example.org/?p=123"),             # query articles
        (f"{BASE}/?p=123", f"{BASE}/ar/?p=123"),
        (f"{BASE}/index.php?id=5", f"{BASE}/index.php?option=com_content&id=5&Itemid=2"),
    ]
    for url, final in kept:
        assert moved_away(_page(url, final)) is None, (url, final)
    post = _page(f"{BASE}/channel/7", f"{BASE}/", text="A post carried by a listing")
    assert moved_away(post) is None


def test_redirects_to_the_front_page_or_a_section_are_moves_away() -> None:
    assert moved_away(_page(f"{BASE}/news/12345", f"{BASE}/news/"))
    assert moved_away(_page(f"{BASE}/2024/05/bodies-of-detainees/", f"{BASE}/2024/05/"))
    assert moved_away(_page(f"{BASE}/ar/news/12345", f"{BASE}/ar/"))
    assert moved_away(_page(f"{BASE}/?p=881", f"{BASE}/"))
    assert moved_away(_page("https://m.example.org/news/12345", f"{BASE}/"))
    for front in ("/ar/home", "/en/index.php", "/Home/Index", "/404.html", "/?lang=ar"):
        assert moved_away(_page(f"{BASE}/news/12345", f"{BASE}{front}")), front


def _titled(title: str, heading: str = "", marker: str = "error404") -> FetchedPage:
    body = (f"<html><head><title>{title}</title></head><body class='{marker}'><h1>{heading}"
            "</h1></body></html>")
    return _page(f"{BASE}/a", f"{BASE}/a", body)


def test_without_the_page_s_error_marker_nothing_is_a_not_found_page() -> None:
    for title in ("Page not found – Site", "Not found: the fate of 100,000 missing Syrians",
                  "Missing detainee: not found", "Syria: 404"):
        assert not not_found_page(_titled(title, title, marker="single-post"), 200), title


def test_error_marks_are_whole_class_names() -> None:
    for classes in ("no-error-page", "post-bodies-of-three-detainees-not-found-after-release",
                    "tag-not-found single single-post", "has-error-page-template"):
        page = _titled("Not found: the fate of 100,000 missing Syrians", "Not found",
                       marker=classes)
        assert not not_found_page(page, 300), classes


def test_headlines_are_no_not_found_pages() -> None:
    for title in ("Bodies not found – Syria Rights Monitor",
                  "Thousands of detainees cannot be found, UN says",
                  "Missing journalist could not be found | SNHR",
                  "Nothing found of the 12 missing in Raqqa",
                  "Report: remains of 200 victims not found | Enab Baladi",
                  "404 detainees freed in Daraa", "Le corps introuvable",
                  "لم يتم العثور على جثث المعتقلين"):
        assert not not_found_page(_titled(title, title), 2_000), title


def test_not_found_pages_in_three_languages() -> None:
    for title, heading in (
            ("Page not found – Syria Rights Monitor", "Oops! That page can't be found."),
            ("404 Not Found", ""), ("Error 404", ""), ("Site", "Story not found"),
            ("Site", "The page you are looking for doesn't exist"),
            ("Site", "Sorry, the page you requested was not found"),
            ("Page non trouvée | Le site", ""), ("Site", "Oups ! Cette page est introuvable"),
            ("Site", "La page que vous cherchez n'existe pas"),
            ("لم يتم العثور على الصفحة", ""), ("الموقع", "عذراً، الصفحة التي تبحث عنها غير موجودة"),
            ("الموقع", "المقال غير موجود"), ("خطأ 404", ""),
            ("الموقع", "عذرًا، هذه الصفحة غير موجودة"), ("Page Not Found (404)", ""),
            ("الموقع", "عذراً! لا يمكن العثور على تلك الصفحة."), ("Site", "Rien n'a été trouvé")):
        assert not_found_page(_titled(title, heading), 2_000), (title, heading)
    cp1256 = (b"<html><head><title>" + "الصفحة غير موجودة".encode("cp1256")
              + b"</title></head><body class='error404'></body></html>")
    page = FetchedPage(source="s", url=f"{BASE}/a", final_url=f"{BASE}/a", status=200,
                       headers=(("Content-Type", "text/html; charset=windows-1256"),),
                       body=cp1256, fetched_at=datetime.now(UTC))
    assert not_found_page(page, 2_000)
