"""A plain news site with an RSS 2.0 feed (/rss.xml), for the generic ``feed`` spider.

It re-publishes the English SNHR samples as an aggregator would (/stories/<id>.html), so
the demo also shows cross-source duplicates; one feed link carries ``utm_*`` tracking.
"""

from __future__ import annotations

import re

from crawler.mirror.render import (
    FeedItem,
    esc,
    excerpt,
    head,
    html_response,
    not_found_page,
    paragraphs_html,
    rss,
)
from crawler.mirror.server import Request, Response
from crawler.mirror.site import Site
from crawler.mirror.state import Catalogue, MirrorArticle

NAME = "Syria Rights Digest"
TRACKING = "utm_source=rss&utm_medium=feed&utm_campaign=digest"


class FeedMount:
    prefix = ""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue

    def articles(self) -> list[MirrorArticle]:
        both = self.catalogue.of_site("snhr") + self.catalogue.of_site("snhrorg")
        both.sort(key=lambda a: (a.published, a.id), reverse=True)
        return [a for a in both if a.sample.path_lang == "en"]

    def not_found(self) -> Response:
        return html_response(not_found_page(NAME, "en"), status=404)

    def route(self, request: Request, rel: str) -> Response | None:
        if rel == "/rss.xml":
            return self._feed(request)
        if rel == "/":
            links = "".join(f'<li><a href="/stories/{a.id}.html">{esc(a.title)}</a></li>'
                            for a in self.articles() if a.listed)
            return html_response(f"<html><head><title>{NAME}</title></head><body><h1>{NAME}"
                                 f"</h1><ul>{links}</ul></body></html>")
        match = re.match(r"^/stories/(\d+)\.html$", rel)
        if not match:
            return None
        for article in self.articles():
            if str(article.id) == match[1]:
                if not article.listed:
                    return self.not_found()
                return html_response(self._page(request, article),
                                     last_modified=article.modified)
        return None

    def _page(self, request: Request, article: MirrorArticle) -> str:
        link = f"{request.base_url}/stories/{article.id}.html"
        top = head(title=f"{article.title} — {NAME}", lang="en", site_name=NAME,
                   canonical=None if request.layout_changed else link,
                   article=None if request.layout_changed else article,
                   description=excerpt(article, 20))
        return (f"{top}<body><header><a href='/'>{NAME}</a></header><main><article>"
                f"<h1>{esc(article.title)}</h1><p class='via'>Via the Syrian Network for Human "
                f"Rights</p>{paragraphs_html(article.paragraphs)}</article></main>"
                "<footer>Syria Rights Digest collects public reports.</footer></body></html>")

    def _feed(self, request: Request) -> Response:
        listed = [a for a in self.articles() if a.listed]
        items = []
        for index, article in enumerate(listed):
            link = f"{request.base_url}/stories/{article.id}.html"
            items.append(FeedItem(
                title=article.title, link=f"{link}?{TRACKING}" if index == 0 else link,
                guid=link, guid_is_permalink=True, published=article.published,
                description=esc(excerpt(article)),
            ))
        return rss(title=NAME, link=request.base_url + "/", self_url=request.base_url + "/rss.xml",
                   description="Reports on detention in Syria", lang="en", items=items,
                   updated=max(self.catalogue.last_change("snhr"),
                               self.catalogue.last_change("snhrorg")))


def build(catalogue: Catalogue) -> Site:
    return Site(name="feed", title=NAME, lang="en", mounts=[FeedMount(catalogue)],
                robots="User-agent: *\nDisallow:\n")
