"""Alkarama (www.alkarama.org): Drupal with /{en,fr,ar}/articles/<slug> aliases, /node/N
short paths, taxonomy term listings and feeds. The URL language can differ from the text's
(a French item under /en/).

Shaped from stored copies of the real site: the Syria listing is term **28** at
``/{en,fr,ar}/taxonomy/term/28/articles?page=N`` (zero-based); term 12 is another country
(here Egypt, with its own articles); every page carries a country menu; Arabic slugs are
Latin transliterations (``swrya-…``); pages start with a skip link in the page's language
and article bodies end with a press-contact line. Whether the term feed
(``taxonomy/term/N/feed``) exists on the real site is unknown: ``Options.term_feed``
switches it, and the tests crawl both ways.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
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
from crawler.mirror.site import Mount, Site, pagination
from crawler.mirror.state import Catalogue, MirrorArticle

NAME = "Alkarama Foundation"
SYRIA_TERM = 28
OTHER_TERM = 12  # another country's listing (the id raqib once assumed was Syria's)
COUNTRIES = {  # term id -> names per language, in menu order
    12: {"en": "Egypt", "fr": "Égypte", "ar": "مصر"},
    19: {"en": "Lebanon", "fr": "Liban", "ar": "لبنان"},
    28: {"en": "Syria", "fr": "Syrie", "ar": "سوريا"},
    33: {"en": "Yemen", "fr": "Yémen", "ar": "اليمن"},
}
TERMS = {name: tid for tid, names in COUNTRIES.items() for name in names.values()}
SKIP = {"en": "Skip to main content", "fr": "Aller au contenu principal",
        "ar": "تجاوز إلى المحتوى الرئيسي"}
CONTACT = ("For more information or an interview, please contact media@alkarama.org "
           "(Tel: +41 22 734 10 06).")
# Another country's articles, listed under OTHER_TERM: written for the mirror, never crawled
# into a Syria source.
OTHER = {
    "en": [(9101, "egypt-lawyer-held-incommunicado-since-january",
            "Egypt: Lawyer Held Incommunicado Since January, Alkarama Alerts the UN"),
           (9102, "egypt-student-detained-after-online-post",
            "Egypt: Student Detained for Months After an Online Post")],
    "fr": [(9103, "egypte-avocat-detenu-au-secret-depuis-janvier",
            "Égypte : Un avocat détenu au secret depuis janvier")],
    "ar": [(9104, "msr-ahtjaz-mhamy-mnd-kanwn-althany",
            "مصر: احتجاز محامٍ في عزلة تامة منذ كانون الثاني")],
}
LABELS = {"en": ("Home", "Countries", "Themes", "Articles", "Contact"),
          "fr": ("Accueil", "Pays", "Thèmes", "Articles", "Contact"),
          "ar": ("الرئيسية", "الدول", "المواضيع", "مقالات", "اتصل بنا")}  # fmt: skip
ROBOTS = ("User-agent: *\nDisallow: /admin/\nDisallow: /user/\nDisallow: /search/\n"
          "Disallow: /node/add/\n")
PAGE_SIZE = 3
FEED_SIZE = 10


@dataclass
class Options:
    """What is unknown about the real site, switchable per test."""

    term_feed: bool = True  # does taxonomy/term/N/feed exist?


@dataclass
class DrupalLanguage:
    """The pages of one language prefix (/en, /fr, /ar)."""

    lang: str
    catalogue: Catalogue
    options: Options = field(default_factory=Options)

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

    def _other(self, request: Request) -> list[tuple[str, str]]:
        """(link, title) of the other country's articles."""
        return [(f"{request.base_url}{self.prefix}/articles/{slug}", title)
                for _, slug, title in OTHER[self.lang]]

    def not_found(self) -> Response:
        return html_response(not_found_page(NAME, self.lang), status=404)

    def route(self, request: Request, rel: str) -> Response | None:
        if rel in ("/", ""):
            return self._listing(request, NAME, self.listed())
        if rel == "/rss.xml":
            return self._feed(request, self.listed())
        match = re.match(r"^/taxonomy/term/(\d+)(/feed|/articles)?/?$", rel)
        if match:
            tid = int(match[1])
            chosen = [a for a in self.listed()
                      if tid in {self.term_id(c) for c in a.sample.categories}]
            if tid not in COUNTRIES and not chosen:
                return self.not_found()
            if match[2] == "/feed":
                if not self.options.term_feed:
                    return self.not_found()
                return self._feed(request, chosen)
            return self._listing(request, _term_name(self.lang, tid), chosen,
                                 other=self._other(request) if tid == OTHER_TERM else ())
        match = re.match(r"^/node/(\d+)/?$", rel)
        if match:
            return node_redirect(self.catalogue, request, int(match[1]))
        match = re.match(r"^/articles/([^/]+)/?$", rel)
        if match:
            for _, slug, title in OTHER[self.lang]:
                if slug == match[1]:
                    return html_response(self._other_page(request, slug, title))
            return self._article(request, unquote(match[1]))
        return None

    def _other_page(self, request: Request, slug: str, title: str) -> str:
        header, footer = self._chrome(request)
        link = f"{request.base_url}{self.prefix}/articles/{slug}"
        top = head(title=f"{title} | {NAME}", lang=self.lang, site_name=NAME, canonical=link,
                   article=None)
        text = ("This page belongs to another country's listing. It exists so that a crawler "
                "that follows the wrong taxonomy term stores something it should have refused.")
        return (f"{top}<body>{header}<main id='main-content'><h1>{esc(title)}</h1>"
                f"<div class='field--name-body'><p>{text}</p></div></main>{footer}</body></html>")

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
        countries = "".join(
            f'<li><a href="{self.prefix}/taxonomy/term/{tid}" hreflang="{self.lang}">'
            f"{esc(names[self.lang])}</a></li>" for tid, names in COUNTRIES.items())
        header = (f'<a href="#main-content" class="skip-link visually-hidden focusable">'
                  f"{SKIP[self.lang]}</a>"
                  f'<header role="banner"><img src="/sites/default/files/logo.png" alt="{NAME}">'
                  f'<nav class="menu--main"><ul>{menu}</ul></nav>'
                  f'<nav class="menu--countries"><h2>{LABELS[self.lang][1]}</h2><ul>{countries}'
                  f'</ul></nav><div class="language-switcher">{switch}</div></header>')
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
                f'<div class="field--name-body">{paragraphs_html(article.paragraphs)}'
                f"<p>{esc(CONTACT)}</p></div>"
                f'<div class="field--name-field-tags">{tags}</div></article>'
            )
        return (f'{top}<body><div class="dialog-off-canvas-main-canvas">{header}'
                f'<main id="main-content">{body}{share_buttons(link)}</main>{footer}</div>'
                "</body></html>")

    def _listing(self, request: Request, heading: str, articles: Sequence[MirrorArticle],
                 other: Sequence[tuple[str, str]] = ()) -> Response:
        page = int(request.arg("page") or 0)
        pages = max(1, math.ceil(len(articles) / PAGE_SIZE))
        if page >= pages:
            chunk: Sequence[MirrorArticle] = []
        else:
            chunk = articles[page * PAGE_SIZE: (page + 1) * PAGE_SIZE]
        header, footer = self._chrome(request)
        items = views_rows(chunk, lambda a: request.base_url + self.alias(a),
                           redesigned=request.layout_changed,
                           date_text=lambda a: human_date(local(a.published, a), self.lang))
        if page == 0:
            items += "".join(
                f'<div class="views-row"><span class="views-field-title"><a href="{esc(link)}" '
                f'hreflang="{self.lang}">{esc(title)}</a></span></div>' for link, title in other)
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
    if tid in COUNTRIES:
        return COUNTRIES[tid][lang]
    return f"Term {tid}"


def views_rows(articles: Sequence[MirrorArticle], link: Callable[[MirrorArticle], str], *,
               redesigned: bool, date_text: Callable[[MirrorArticle], str]) -> str:
    """Drupal Views rows; after a redesign the titles are no longer links."""
    rows = []
    for article in articles:
        title = (f'<span class="title">{esc(article.title)}</span>' if redesigned else
                 f'<a href="{esc(link(article))}" hreflang="{article.sample.path_lang}">'
                 f"{esc(article.title)}</a>")
        rows.append(f'<div class="views-row"><span class="views-field-title">{title}</span>'
                    f'<span class="views-field-created"><time datetime="'
                    f'{article.published.isoformat()}">{esc(date_text(article))}</time></span>'
                    "</div>")
    return "".join(rows)


def build(catalogue: Catalogue, options: Options | None = None) -> Site:
    options = options or Options()
    languages = [DrupalLanguage(lang, catalogue, options) for lang in ("en", "fr", "ar")]
    mounts: list[Mount] = [*languages, DrupalRoot(catalogue, languages[0])]
    return Site(name="alkarama", title=NAME, lang="en", mounts=mounts, robots=ROBOTS)
