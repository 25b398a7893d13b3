"""A mirror site: robots.txt, static assets and its installs, behind one router."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from crawler.mirror.render import esc, html_response, not_found_page, paragraphs_html
from crawler.mirror.server import Request, Response
from crawler.mirror.state import MirrorArticle

ROBOTS = "User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n"


class Mount(Protocol):
    """Anything mounted under a path prefix of a site (a WordPress or Drupal install)."""

    @property
    def prefix(self) -> str:
        """The path the install answers under ("" for the site root)."""

    def route(self, request: Request, rel: str) -> Response | None:
        """Answer a request whose path below the prefix is ``rel``; None: not found."""

    def not_found(self) -> Response:
        """The install's 404 page."""


@dataclass
class Site:
    name: str  # "snhr", "sohr", ...
    title: str
    lang: str
    mounts: Sequence[Mount]
    robots: str = ROBOTS

    def __call__(self, request: Request) -> Response:
        if request.path == "/robots.txt":
            return Response(200, self.robots.encode(), content_type="text/plain; charset=utf-8")
        if request.path.startswith(("/assets/", "/wp-content/", "/sites/default/files/")):
            return Response(200, b"/* mirror asset */", content_type="text/css")
        for mount in sorted(self.mounts, key=lambda m: len(m.prefix), reverse=True):
            if mount.prefix and not (request.path == mount.prefix
                                     or request.path.startswith(mount.prefix + "/")):
                continue
            rel = request.path[len(mount.prefix):] or "/"
            answer = mount.route(request, rel)
            if answer is not None:
                return answer
            return mount.not_found()
        return html_response(not_found_page(self.title, self.lang), status=404)


def now() -> datetime:
    return datetime.now(UTC)


def listing_items(articles: Sequence[MirrorArticle], link: Callable[[MirrorArticle], str],
                  *, redesigned: bool, date_text: Callable[[MirrorArticle], str]) -> str:
    """The article teasers of a listing page. After a redesign the titles are no longer
    links (the new theme loads them with JavaScript), which a spider must notice."""
    rows = []
    for article in articles:
        if redesigned:
            rows.append(f'<div class="card" data-id="{article.id}"><span class="card-title">'
                        f"{esc(article.title)}</span></div>")
            continue
        rows.append(
            '<article class="post type-post">'
            f'<h2 class="entry-title"><a href="{esc(link(article))}" rel="bookmark">'
            f"{esc(article.title)}</a></h2>"
            f'<time class="entry-date" datetime="{article.published.isoformat()}">'
            f"{esc(date_text(article))}</time>"
            f'<div class="entry-summary">{paragraphs_html(article.paragraphs[:1])}</div>'
            "</article>"
        )
    return "\n".join(rows)


def pagination(page: int, pages: int, page_url: Callable[[int], str], *, older: str = "Older",
               newer: str = "Newer") -> str:
    links = []
    if page > 1:
        links.append(f'<a class="prev page-numbers" href="{esc(page_url(page - 1))}">{newer}</a>')
    for number in range(1, pages + 1):
        if number == page:
            links.append(f'<span aria-current="page" class="page-numbers current">{number}</span>')
        else:
            links.append(f'<a class="page-numbers" href="{esc(page_url(number))}">{number}</a>')
    if page < pages:
        links.append(f'<a class="next page-numbers" href="{esc(page_url(page + 1))}">{older}</a>')
    return f'<nav class="navigation pagination">{"".join(links)}</nav>'
