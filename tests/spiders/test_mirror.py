"""The mirrors themselves: shapes the spiders rely on, life cycle and faults (no Scrapy)."""

from __future__ import annotations

import http.client
import json
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pytest

from crawler.mirror import Mirrors


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(urllib.request.Request(url, headers=headers or {}), timeout=5) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def test_rest_api_pages_and_filters(mirrors: Mirrors) -> None:
    api = mirrors.base_url("snhr") + "/wp-json/wp/v2/posts"
    status, headers, body = get(api + "?per_page=4")
    assert status == 200
    assert (headers["X-WP-Total"], headers["X-WP-TotalPages"]) == ("6", "2")  # 1 on snhr.org
    posts = json.loads(body)
    assert [p["date_gmt"] for p in posts] == sorted((p["date_gmt"] for p in posts), reverse=True)
    assert {"link", "date_gmt", "modified_gmt", "title", "categories"} <= posts[0].keys()
    status, headers, body = get(api + "?after=2024-10-01T00:00:00Z&before=2024-11-01T00:00:00Z")
    assert headers["X-WP-Total"] == "2"
    assert get(api + "?per_page=4&page=3")[0] == 400
    assert get(mirrors.base_url("sohr") + "/wp-json/wp/v2/posts")[0] == 403


def test_arabic_pages_show_todays_date_and_percent_encoded_slugs(mirrors: Mirrors) -> None:
    url = mirrors.url_of("snhr-ar-01")
    assert "/ar/2024/08/28/%d9%88" in url
    status, _, body = get(url)
    page = body.decode()
    assert status == 200
    assert 'property="article:published_time" content="2024-08-28T07:10:00+00:00"' in page
    header_date = page.split('class="td-date">')[1].split("<")[0]
    assert "2024" not in header_date
    sohr = mirrors.url_of("sohr-ar-01")
    assert urlsplit(sohr).path.endswith("/741002/")
    assert "%d8" in sohr
    status, headers, _ = get(mirrors.base_url("sohr") + "/?p=741002")
    assert status == 301
    assert headers["Location"] == sohr


def test_mislabelled_charset_and_conditional_requests(mirrors: Mirrors) -> None:
    status, headers, body = get(mirrors.url_of("horrya-ar-01"))
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    assert "مقبرة جماعية" in body.decode("windows-1256")
    feed = mirrors.base_url("horrya") + "/feed/"
    _, headers, _ = get(feed)
    assert get(feed, {"If-None-Match": headers["ETag"]})[0] == 304


def test_publish_edit_remove(mirrors: Mirrors) -> None:
    hidden = Mirrors(hidden={"snhr-en-06"}).start()
    try:
        feed = hidden.base_url("snhrorg") + "/feed/"  # a report: on snhr.org
        assert b"186 Arbitrary" not in get(feed)[2]
        assert get(hidden.url_of("snhr-en-06"))[0] == 404
        hidden.publish("snhr-en-06")
        assert b"186 Arbitrary" in get(feed)[2]
        assert get(hidden.url_of("snhr-en-06"))[0] == 200
    finally:
        hidden.stop()
    url = mirrors.url_of("snhr-en-01")
    edited = mirrors.article("snhr-en-01").sample.edited_title
    mirrors.edit("snhr-en-01")
    assert mirrors.url_of("snhr-en-01") == url
    assert edited is not None
    assert edited.encode() in get(url)[2]
    mirrors.remove("snhr-en-01")
    assert get(url)[0] == 404


def test_faults(mirrors: Mirrors) -> None:
    base = mirrors.base_url("sohr")
    mirrors.set_fault("sohr", "/en/feed/", "retry_after", seconds=120)
    status, headers, _ = get(base + "/en/feed/")
    assert (status, headers["Retry-After"]) == (429, "120")
    mirrors.set_fault("sohr", "/loop", "redirect_loop")
    status, headers, _ = get(base + "/loop")
    assert status == 302
    assert headers["Location"].startswith("/loop?loop=")
    mirrors.set_fault("sohr", "/big", "oversized", size=1000)
    assert len(get(base + "/big")[2]) > 1000
    mirrors.set_fault("sohr", "", "robots_status", code=500)
    assert get(base + "/robots.txt")[0] == 500
    mirrors.set_fault("sohr", "/reset", "reset")
    connection = http.client.HTTPConnection(urlsplit(base).netloc, timeout=5)
    connection.request("GET", "/reset")
    with pytest.raises((ConnectionError, http.client.HTTPException)):
        connection.getresponse()
    mirrors.clear_faults()
    assert get(base + "/en/feed/")[0] == 200
    assert [r.status for r in mirrors.requests_to("sohr")][:2] == [429, 302]


def test_sources_point_every_builtin_spider_at_the_mirrors(mirrors: Mirrors) -> None:
    sources = mirrors.sources()
    assert {s["spider"] for s in sources} == {"snhr", "sohr", "alkarama", "horrya", "feed"}
    assert all(str(s["url"]).startswith("http://127.0.0.1:") and s["lang"] for s in sources)
