"""A fake WordPress install: permalinks, short links, listings, date archives, feeds and
the REST API (``/wp-json/wp/v2/posts`` with ``X-WP-Total`` / ``X-WP-TotalPages``).

Sites differ in permalink structure, theme and whether the API answers; one
``WordPressInstall`` per install (SNHR serves a second one under ``/ar/``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol
from urllib.parse import unquote

from crawler.mirror.render import (
    FeedItem,
    esc,
    excerpt,
    html_response,
    human_date,
    json_response,
    local,
    not_found_page,
    paragraphs_html,
    redirect,
    rss,
    slug_path,
)
from crawler.mirror.server import Request, Response
from crawler.mirror.site import listing_items, pagination
from crawler.mirror.state import Catalogue, MirrorArticle

_SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
_PAGED = re.compile(r"^(?P<base>.*?/)page/(?P<n>\d+)/?$")
_DATE = re.compile(r"^/(?P<y>\d{4})/(?P<m>\d{2})/(?:(?P<d>\d{2})/)?$")


class Theme(Protocol):
    def article(self, install: WordPressInstall, article: MirrorArticle, request: Request) -> str:
        """The HTML of an article page."""

    def listing(self, install: WordPressInstall, heading: str, articles: Sequence[MirrorArticle],
                page: int, pages: int, request: Request) -> str:
        """The HTML of a listing or archive page."""


@dataclass
class WordPressInstall:
    """One WordPress install mounted at ``prefix`` of a mirror host."""

    site: str
    prefix: str  # "" or "/ar", "/en"
    name: str
    lang: str
    catalogue: Catalogue
    select: Callable[[MirrorArticle], bool]
    permalink: Callable[[MirrorArticle], str]  # path below the prefix, starting with "/"
    theme: Theme
    serves_api: bool = True
    date_base: str = ""  # "/date" on SOHR
    page_size: int = 3
    feed_size: int = 5
    feed_tracking: str | None = None  # query appended to the second feed item's link
    feed_prefix: str = ""  # what the theme leaks into feed descriptions ("Available In: ...")
    category_ids: dict[str, int] = field(default_factory=dict)

    # -- what the install holds ---------------------------------------------------------

    def articles(self) -> list[MirrorArticle]:
        """Every article of this install (listed or not), newest first."""
        return [a for a in self.catalogue.of_site(self.site) if self.select(a)]

    def listed(self) -> list[MirrorArticle]:
        return [a for a in self.articles() if a.listed]

    def url(self, base_url: str, path: str = "/") -> str:
        return f"{base_url}{self.prefix}{path}"

    def link(self, base_url: str, article: MirrorArticle) -> str:
        return self.url(base_url, self.permalink(article))

    def category_id(self, name: str) -> int:
        if name not in self.category_ids:
            self.category_ids[name] = 3 + len(self.category_ids)
        return self.category_ids[name]

    def category_slug(self, name: str) -> str:
        return slug_path(re.sub(r"[\s/]+", "-", name.strip().lower()))

    def teasers(self, articles: Sequence[MirrorArticle], page: int, pages: int, request: Request,
                items: Callable[..., str] = listing_items) -> str:
        """A listing page's article teasers (``items`` draws them in the theme's markup),
        dated in the install's language, then its page links."""
        teasers = items(articles, lambda a: self.link(request.base_url, a),
                        redesigned=request.layout_changed,
                        date_text=lambda a: human_date(local(a.published, a), self.lang))
        return teasers + pagination(page, pages, lambda n: self.page_url(request, n))

    def page_url(self, request: Request, page: int) -> str:
        """The URL of page ``page`` of the listing ``request`` shows."""
        paged = _PAGED.match(request.path)
        base = paged["base"] if paged else request.path
        return request.base_url + (base if page == 1 else f"{base}page/{page}/")

    def last_change(self) -> datetime:
        return self.catalogue.last_change(self.site)

    # -- routing ------------------------------------------------------------------------

    def route(self, request: Request, rel: str) -> Response | None:
        """Answer a request whose path below the prefix is ``rel``; None: not ours."""
        if rel.startswith("/wp-json"):
            return self._api(request, rel[len("/wp-json"):])
        if rel == "/" and request.arg("rest_route"):
            return self._api(request, request.arg("rest_route") or "/")
        if rel == "/" and request.arg("p"):
            return self._shortlink(request)
        if rel == "/wp-sitemap.xml":
            return self._sitemap_index(request)
        if rel == "/wp-sitemap-posts-post-1.xml":
            return self._sitemap(request)
        if rel == "/feed/" or (rel == "/" and request.arg("feed")):
            return self._feed(request, self.listed(), self.name)
        match = re.match(r"^/category/(?P<slug>[^/]+)/feed/?$", rel)
        if match:
            name = self._category(match["slug"])
            if name is None:
                return self.not_found()
            chosen = [a for a in self.listed() if name in a.sample.categories]
            return self._feed(request, chosen, f"{name} – {self.name}")
        page, base = 1, rel
        paged = _PAGED.match(rel)
        if paged:
            page, base = int(paged["n"]), paged["base"]
        if base == "/":
            return self._listing(request, self.name, self.listed(), page)
        match = re.match(r"^/category/(?P<slug>[^/]+)/$", base)
        if match:
            name = self._category(match["slug"])
            if name is None:
                return self.not_found()
            chosen = [a for a in self.listed() if name in a.sample.categories]
            return self._listing(request, name, chosen, page)
        if base.startswith(self.date_base + "/"):
            dated = _DATE.match(base[len(self.date_base):])
            if dated:
                return self._date_archive(request, dated, page)
        return self._article(request, rel)

    def not_found(self) -> Response:
        return html_response(not_found_page(self.name, self.lang), status=404)

    # -- pages --------------------------------------------------------------------------

    def _article(self, request: Request, rel: str) -> Response | None:
        wanted = unquote(rel).rstrip("/")
        for article in self.articles():
            path = self.permalink(article)
            if unquote(path).rstrip("/") != wanted:
                continue
            if not article.visible or article.removed:
                return self.not_found()
            if rel != path and unquote(rel) != unquote(path):
                return redirect(self.link(request.base_url, article))
            markup = self.theme.article(self, article, request)
            sample = article.sample
            return html_response(markup, last_modified=article.modified,
                                 encoding=sample.encoding,
                                 declared=sample.declared_charset or sample.encoding.upper())
        return None

    def _shortlink(self, request: Request) -> Response:
        wanted = request.arg("p") or ""
        for article in self.listed():
            if str(article.id) == wanted:
                return redirect(self.link(request.base_url, article))
        return self.not_found()

    def _listing(self, request: Request, heading: str, articles: Sequence[MirrorArticle],
                 page: int) -> Response:
        pages = max(1, math.ceil(len(articles) / self.page_size))
        if page > pages:
            return self.not_found()
        chunk = articles[(page - 1) * self.page_size: page * self.page_size]
        markup = self.theme.listing(self, heading, chunk, page, pages, request)
        return html_response(markup, last_modified=self.last_change())

    def _date_archive(self, request: Request, match: re.Match[str], page: int) -> Response:
        year, month, day = int(match["y"]), int(match["m"]), match["d"]
        chosen = [
            a for a in self.listed()
            if (local(a.published, a).year, local(a.published, a).month) == (year, month)
            and (day is None or local(a.published, a).day == int(day))
        ]
        if not chosen:
            return self.not_found()
        heading = f"{year}/{month:02d}" + (f"/{day}" if day else "")
        return self._listing(request, heading, chosen, page)

    def _category(self, slug: str) -> str | None:
        for article in self.articles():
            for name in article.sample.categories:
                if unquote(self.category_slug(name)) == unquote(slug):
                    return name
        return None

    # -- feeds --------------------------------------------------------------------------

    def _feed(self, request: Request, articles: Sequence[MirrorArticle], title: str) -> Response:
        if request.layout_changed:
            return self._listing(request, self.name, self.listed(), 1)
        paged = int(request.arg("paged") or 1)
        chunk = articles[(paged - 1) * self.feed_size: paged * self.feed_size]
        if paged > 1 and not chunk:
            return self.not_found()
        items = []
        for index, article in enumerate(chunk):
            link = self.link(request.base_url, article)
            if index == 1 and self.feed_tracking:
                link = f"{link}?{self.feed_tracking}"
            items.append(FeedItem(
                title=article.title, link=link,
                guid=self.url(request.base_url, f"/?p={article.id}"),
                published=article.published,
                description=esc(self.feed_prefix + excerpt(article)),
                creator=article.sample.author, categories=article.sample.categories,
            ))
        return rss(title=title, link=self.url(request.base_url), description=self.name,
                   self_url=request.base_url + request.target, lang=self.lang, items=items,
                   updated=self.last_change())

    # -- sitemaps -----------------------------------------------------------------------

    def _sitemap_index(self, request: Request) -> Response:
        child = self.url(request.base_url, "/wp-sitemap-posts-post-1.xml")
        body = (f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="{_SITEMAP_NS}">'
                f"<sitemap><loc>{esc(child)}</loc></sitemap></sitemapindex>")
        return Response(200, body.encode(), content_type="application/xml; charset=UTF-8",
                        last_modified=self.last_change())

    def _sitemap(self, request: Request) -> Response:
        rows = "".join(
            f"<url><loc>{esc(self.link(request.base_url, a))}</loc>"
            f"<lastmod>{a.modified.isoformat()}</lastmod></url>"
            for a in self.listed()
        )
        body = (f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{_SITEMAP_NS}">'
                f"{rows}</urlset>")
        return Response(200, body.encode(), content_type="application/xml; charset=UTF-8",
                        last_modified=self.last_change())

    # -- REST API -----------------------------------------------------------------------

    def _api(self, request: Request, route: str) -> Response:
        if not self.serves_api:
            return json_response({"code": "rest_forbidden", "message": "Sorry, you are not "
                                  "allowed to do that.", "data": {"status": 403}}, status=403)
        route = route.rstrip("/") or "/"
        if route == "/":
            return json_response({"name": self.name, "url": self.url(request.base_url),
                                  "namespaces": ["oembed/1.0", "wp/v2"]})
        if route == "/wp/v2/categories":
            return json_response([
                {"id": self.category_id(name), "name": name, "slug": self.category_slug(name)}
                for name in sorted({c for a in self.articles() for c in a.sample.categories})
            ])
        if route != "/wp/v2/posts":
            return json_response({"code": "rest_no_route", "message": "No route was found.",
                                  "data": {"status": 404}}, status=404)
        return self._posts(request)

    def _posts(self, request: Request) -> Response:
        try:
            per_page = int(request.arg("per_page") or 10)
            page = int(request.arg("page") or 1)
            bounds = {name: _api_time(request.arg(name)) for name in
                      ("after", "before", "modified_after", "modified_before")}
        except ValueError as exc:
            return _api_error("rest_invalid_param", f"Invalid parameter(s): {exc}", 400)
        if not 1 <= per_page <= 100 or page < 1:
            return _api_error("rest_invalid_param", "Invalid parameter(s): per_page, page", 400)
        chosen = self.listed()
        wanted = request.arg("categories")
        if wanted:
            ids = {int(x) for x in wanted.split(",") if x.strip().isdigit()}
            chosen = [a for a in chosen
                      if ids & {self.category_id(c) for c in a.sample.categories}]
        chosen = [a for a in chosen if _within(a.published, bounds["after"], bounds["before"])]
        chosen = [a for a in chosen
                  if _within(a.modified, bounds["modified_after"], bounds["modified_before"])]
        key = "modified" if request.arg("orderby") == "modified" else "published"
        chosen.sort(key=lambda a: (getattr(a, key), a.id), reverse=request.arg("order") != "asc")
        total = len(chosen)
        pages = math.ceil(total / per_page)
        if page > max(pages, 1):
            return _api_error("rest_post_invalid_page_number", "The page number requested is "
                              "larger than the number of pages available.", 400)
        chunk = chosen[(page - 1) * per_page: page * per_page]
        posts = [self._post_json(request, a) for a in chunk]
        headers = [("X-WP-Total", str(total)), ("X-WP-TotalPages", str(pages)),
                   ("Link", f'<{self.url(request.base_url, "/wp-json/")}>; '
                            'rel="https://api.w.org/"')]
        return json_response(posts, headers=headers, last_modified=self.last_change())

    def _post_json(self, request: Request, article: MirrorArticle) -> dict[str, object]:
        link = self.link(request.base_url, article)
        post: dict[str, object] = {
            "id": article.id,
            "date": _naive(local(article.published, article)),
            "date_gmt": _naive(article.published),
            "guid": {"rendered": self.url(request.base_url, f"/?p={article.id}")},
            "modified": _naive(local(article.modified, article)),
            "modified_gmt": _naive(article.modified),
            "slug": slug_path(article.slug),
            "status": "publish",
            "type": "post",
            "link": link,
            "title": {"rendered": esc(article.title).replace("&#x27;", "&#8217;")},
            "content": {"rendered": paragraphs_html(article.paragraphs), "protected": False},
            "excerpt": {"rendered": f"<p>{esc(excerpt(article))}</p>", "protected": False},
            "author": 1,
            "categories": [self.category_id(c) for c in article.sample.categories],
            "tags": [],
        }
        if request.layout_changed:
            post["url"] = post.pop("link")
            del post["date_gmt"]
        return post


def _naive(moment: datetime) -> str:
    return moment.replace(tzinfo=None, microsecond=0).isoformat()


def _api_time(value: str | None) -> datetime | None:
    if not value:
        return None
    moment = datetime.fromisoformat(value.replace("Z", "+00:00").replace(" ", "+"))
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _within(moment: datetime, after: datetime | None, before: datetime | None) -> bool:
    return (after is None or moment > after) and (before is None or moment < before)


def _api_error(code: str, message: str, status: int) -> Response:
    return json_response({"code": code, "message": message, "data": {"status": status}},
                         status=status)
