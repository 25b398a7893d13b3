"""Alkarama (www.alkarama.org): Drupal with /{en,fr,ar}/articles/<slug> aliases, /node/N
short paths, taxonomy term listings (``?page=N``, zero-based) and feeds (``rss.xml``,
``taxonomy/term/N/feed``). The URL language can differ from the text's (a French item
under /en/)."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import unquote

from crawler.mirror.render import (
    FeedItem,
    esc,
    excerpt,
    head,
    html_response,
    human_date,
    local,
    not_found_page,
    paragraphs_html,
    redirect,
    rss,
    share_buttons,
    slug_path,
)
from crawler.mirror.server import Request, Response
from crawler.mirror.site import Mount, Site, listing_items, pagination
from crawler.mirror.state import Catalogue, MirrorArticle

NAME = "Alkarama Foundation"
SYRIA_TERM = 12
TERMS = {"Syria": SYRIA_TERM, "Syrie": SYRIA_TERM, "سوريا": SYRIA_TERM}
LABELS = {"en": ("Home", "Countries", "Themes", "Articles", "Contact"),
          "fr": ("Accueil", "Pays", "Thèmes", "Articles", "Contact"),
          "ar": ("الرئيسية", "الدول", "المواضيع", "مقالات", "اتصل بنا")}  # fmt: skip
ROBOTS = ("User-agent: *\nDisallow: /admin/\nDisallow: /user/\nDisallow: /search/\n"
          "Disallow: /node/add/\n")
PAGE_SIZE = 3
FEED_SIZE = 10


@dataclass
class DrupalLanguage:
    """The pages of one language prefix (/en, /fr, /ar)."""

    lang: str
    catalogue: Catalogue

    @property
    def prefix(self) -> str:
        return f"/{self.lang}"

    def articles(self) -> list[MirrorArticle]:
        return [a for a in self.catalogue.of_site("alkarama") if a.sample.path_lang == self.lang]

    def listed(self) -> list[MirrorArticle]:
        return [a for a in self.articles() if a.listed]

    def alias(self, article: MirrorArticle) -> str:
        return f"{self.prefix}/articles/{slug_path(article.slug)}"

    def term_id(self, name: str) -> int:
        return TERMS.get(name, 100 + sum(map(ord, name)) % 800)

    def not_found(self) -> Response:
        return html_response(not_found_page(NAME, self.lang), status=404)

    def route(self, request: Request, rel: str) -> Response | None:
        if rel in ("/", ""):
            return self._listing(request, NAME, self.listed())
        if rel == "/rss.xml":
            return self._feed(request, self.listed())
        match = re.match(r"^/taxonomy/term/(\d+)(/feed)?/?$", rel)
        if match:
            tid = int(match[1])
            chosen = [a for a in self.listed()
                      if tid in {self.term_id(c) for c in a.sample.categories}]
            if not chosen and tid != SYRIA_TERM:
                return self.not_found()
            if match[2]:
                return self._feed(request, chosen)
            return self._listing(request, _term_name(self.lang, tid), chosen)
        match = re.match(r"^/node/(\d+)/?$", rel)
        if match:
            return node_redirect(self.catalogue, request, int(match[1]))
        match = re.match(r"^/articles/([^/]+)/?$", rel)
        if match:
            return self._article(request, unquote(match[1]))
        return None

    def _article(self, request: Request, slug: str) -> Response | None:
        for article in self.articles():
            if article.slug != slug and unquote(slug_path(article.slug)) != slug:
                continue
            if not article.listed:
                return self.not_found()
            return html_response(self._page(request, article), last_modified=article.modified)
        return None

    def _chrome(self, request: Request) -> tuple[str, str]:
        menu = "".join(f'<li><a href="{self.prefix}">{esc(x)}</a></li>' for x in LABELS[self.lang])
        switch = "".join(f'<a hreflang="{x}" href="/{x}">{x.upper()}</a>' for x in ("en", "fr",
                                                                                      "ar"))
        header = (f'<a href="#main-content" class="skip-link">Skip to main content</a>'
                  f'<header role="banner"><img src="/sites/default/files/logo.png" alt="{NAME}">'
                  f'<nav class="menu--main"><ul>{menu}</ul></nav>'
                  f'<div class="language-switcher">{switch}</div></header>')
        footer = ('<footer role="contentinfo"><p>Alkarama Foundation, Geneva. '
                  "info@alkarama.org</p></footer>")
        return header, footer

    def _page(self, request: Request, article: MirrorArticle) -> str:
        link = request.base_url + self.alias(article)
        redesigned = request.layout_changed
        header, footer = self._chrome(request)
        top = head(title=f"{article.title} | {NAME}", lang=self.lang, site_name=NAME,
                   canonical=None if redesigned else link,
                   article=None if redesigned else article, description=excerpt(article, 20),
                   extra="" if redesigned else
                   f'<link rel="shortlink" href="{request.base_url}/node/{article.id}">')
        tags = "".join(
            f'<a href="{self.prefix}/taxonomy/term/{self.term_id(c)}" hreflang="{self.lang}">'
            f"{esc(c)}</a>" for c in article.sample.categories
        )
        if redesigned:
            body = f'<div class="node-v2">{paragraphs_html(article.paragraphs)}</div>'
        else:
            created = esc(human_date(local(article.published, article), self.lang))
            body = (
                f'<article role="article" class="node node--type-article" '
                f'data-history-node-id="{article.id}">'
                f'<h1 class="page-title"><span class="field--name-title">{esc(article.title)}'
                f'</span></h1><div class="node__meta"><span class="field--name-created">'
                f"{created}</span></div>"
                f'<div class="field--name-body">{paragraphs_html(article.paragraphs)}</div>'
                f'<div class="field--name-field-tags">{tags}</div></article>'
            )
        return (f'{top}<body><div class="dialog-off-canvas-main-canvas">{header}'
                f'<main id="main-content">{body}{share_buttons(link)}</main>{footer}</div>'
                "</body></html>")

    def _listing(self, request: Request, heading: str,
                 articles: Sequence[MirrorArticle]) -> Response:
        page = int(request.arg("page") or 0)
        pages = max(1, math.ceil(len(articles) / PAGE_SIZE))
        if page >= pages:
            chunk: Sequence[MirrorArticle] = []
        else:
            chunk = articles[page * PAGE_SIZE: (page + 1) * PAGE_SIZE]
        header, footer = self._chrome(request)
        items = listing_items(chunk, lambda a: request.base_url + self.alias(a),
                              redesigned=request.layout_changed,
                              date_text=lambda a: human_date(local(a.published, a), self.lang))
        nav = pagination(page + 1, pages,
                         lambda n: f"{request.base_url}{request.path}?page={n - 1}",
                         older="››", newer="‹‹") if chunk else ""
        top = head(title=f"{heading} | {NAME}", lang=self.lang, canonical=None, article=None,
                   site_name=NAME)
        markup = (f"{top}<body>{header}<main id='main-content'><h1>{esc(heading)}</h1>"
                  f'<div class="view-content">{items}</div>{nav}</main>{footer}</body></html>')
        return html_response(markup, last_modified=self.catalogue.last_change("alkarama"))

    def _feed(self, request: Request, articles: Sequence[MirrorArticle]) -> Response:
        if request.layout_changed:
            return self._listing(request, NAME, articles)
        host = request.base_url.split("//", 1)[1]
        items = [
            FeedItem(title=a.title, link=request.base_url + self.alias(a),
                     guid=f"{a.id} at {request.base_url}", published=a.published,
                     description=esc(excerpt(a)), creator=a.sample.author or "Alkarama",
                     categories=a.sample.categories)
            for a in articles[:FEED_SIZE]
        ]
        return rss(title=f"{NAME} ({host})", link=request.base_url + self.prefix,
                   self_url=request.base_url + request.target, description="", lang=self.lang,
                   items=items, updated=self.catalogue.last_change("alkarama"))


@dataclass
class DrupalRoot:
    """Paths without a language prefix: /node/N and the default-language /rss.xml."""

    catalogue: Catalogue
    default: DrupalLanguage
    prefix: str = ""

    def not_found(self) -> Response:
        return html_response(not_found_page(NAME, "en"), status=404)

    def route(self, request: Request, rel: str) -> Response | None:
        match = re.match(r"^/node/(\d+)/?$", rel)
        if match:
            return node_redirect(self.catalogue, request, int(match[1]))
        if rel in ("/rss.xml", "/"):
            return self.default.route(request, rel)
        return None


def node_redirect(catalogue: Catalogue, request: Request, node: int) -> Response:
    for article in catalogue.of_site("alkarama"):
        if article.id == node and article.listed:
            alias = DrupalLanguage(article.sample.path_lang, catalogue).alias(article)
            return redirect(request.base_url + alias)
    return html_response(not_found_page(NAME, "en"), status=404)


def _term_name(lang: str, tid: int) -> str:
    if tid == SYRIA_TERM:
        return {"en": "Syria", "fr": "Syrie", "ar": "سوريا"}[lang]
    return f"Term {tid}"


def build(catalogue: Catalogue) -> Site:
    languages = [DrupalLanguage(lang, catalogue) for lang in ("en", "fr", "ar")]
    mounts: list[Mount] = [*languages, DrupalRoot(catalogue, languages[0])]
    return Site(name="alkarama", title=NAME, lang="en", mounts=mounts, robots=ROBOTS)
