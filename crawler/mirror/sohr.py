"""SOHR (www.syriahr.com): English WordPress under /en/ with /en/<id>/ permalinks, Arabic at
the root with /<percent-encoded-slug>/<id>/. Separate id spaces, date archives under
/date/, feeds with a ``doing_wp_cron`` link, and a REST API that is closed (403)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from crawler.mirror.render import (
    esc,
    excerpt,
    head,
    human_date,
    local,
    paragraphs_html,
    share_buttons,
    slug_path,
)
from crawler.mirror.server import Request
from crawler.mirror.site import Site
from crawler.mirror.state import Catalogue, MirrorArticle
from crawler.mirror.wordpress import WordPressInstall

SUFFIX = " • The Syrian Observatory For Human Rights"
NAMES = {"en": "The Syrian Observatory For Human Rights", "ar": "المرصد السوري لحقوق الإنسان"}
MENU = {
    "en": ("Home", "Syrian Observatory News", "Reports", "Detainees", "Contact"),
    "ar": ("الرئيسية", "أخبار يومية", "تقارير", "المعتقلون", "اتصل بنا"),
}


COOKIES = ("We use cookies on this website to give you the most relevant experience by "
           "remembering your preferences. By clicking Accept, you consent to all cookies.")
RELATED = {"en": "Related Articles", "ar": "مقالات ذات صلة"}


def views(article: MirrorArticle) -> str:
    """The bare view count Arabic pages show under the title."""
    return f"{(article.id * 7) % 9000 + 1000:,}"


def ruby_items(articles: Sequence[MirrorArticle], link: Callable[[MirrorArticle], str],
               *, redesigned: bool, date_text: Callable[[MirrorArticle], str]) -> str:
    """ThemeRuby-style archive cards; after a redesign the titles are not links."""
    rows = []
    for article in articles:
        title = (f'<span class="p-title">{esc(article.title)}</span>' if redesigned else
                 f'<a class="p-url" href="{esc(link(article))}" rel="bookmark">'
                 f"{esc(article.title)}</a>")
        rows.append(
            f'<div class="p-wrap p-list p-list-1" data-pid="{article.id}">'
            f'<div class="p-content"><h3 class="entry-title">{title}</h3>'
            f'<div class="p-meta"><time class="date published" '
            f'datetime="{article.published.isoformat()}">{esc(date_text(article))}</time></div>'
            f'<p class="entry-summary">{esc(excerpt(article, 15))}</p></div></div>')
    return f'<div class="block-inner">{"".join(rows)}</div>'


def permalink_en(article: MirrorArticle) -> str:
    return f"/{article.id}/"


def permalink_ar(article: MirrorArticle) -> str:
    return f"/{slug_path(article.slug)}/{article.id}/"


class SohrTheme:
    def _chrome(self, install: WordPressInstall, request: Request) -> tuple[str, str]:
        lang = install.lang
        base = install.url(request.base_url).rstrip("/")
        menu = "".join(f'<li><a href="{base}/">{esc(x)}</a></li>' for x in MENU[lang])
        header = (f'<header id="masthead"><div class="site-title">{NAMES[lang]}</div>'
                  f'<nav id="site-navigation"><ul class="menu">{menu}</ul></nav>'
                  '<form class="search-form"><input name="s"></form></header>')
        footer = ('<footer id="colophon"><div class="site-info">© SOHR. '
                  f"{NAMES[lang]}</div></footer>")
        return header, footer

    def article(self, install: WordPressInstall, article: MirrorArticle, request: Request) -> str:
        lang = install.lang
        link = install.link(request.base_url, article)
        redesigned = request.layout_changed
        header, footer = self._chrome(install, request)
        top = head(title=article.title + SUFFIX, lang=lang, site_name=NAMES[lang],
                   canonical=None if redesigned else link,
                   article=None if redesigned else article, description=excerpt(article, 20))
        related = [a for a in install.listed() if a.stem != article.stem][:2]
        more = "".join(f'<li><a href="{esc(install.link(request.base_url, a))}">'
                       f"{esc(a.title)}</a></li>" for a in related)
        counter = (f'<div class="meta-info"><span class="meta-views">{views(article)}</span></div>'
                   if lang == "ar" else "")
        if redesigned:
            body = (f'<div class="story-v2"><b>{esc(article.title)}</b>'
                    f"{paragraphs_html(article.paragraphs)}</div>")
        else:
            body = (
                '<article class="post type-post status-publish format-standard">'
                f'<header class="entry-header"><h1 class="entry-title">{esc(article.title)}</h1>'
                f"{counter}"
                f'<time class="entry-date published" datetime="{article.published.isoformat()}">'
                f"{esc(human_date(local(article.published, article), lang))}</time></header>"
                f'<div class="entry-content">{paragraphs_html(article.paragraphs)}</div>'
                "</article>"
            )
        return (f'{top}<body><div id="cookie-notice"><p>{esc(COOKIES)}</p>'
                '<button>Accept</button></div>'
                f"{header}<main id='main'>{body}{share_buttons(link)}"
                f'<section class="related-posts"><h3>{RELATED[lang]}</h3><ul>{more}</ul>'
                f"</section></main>{footer}</body></html>")

    def listing(self, install: WordPressInstall, heading: str, articles: Sequence[MirrorArticle],
                page: int, pages: int, request: Request) -> str:
        lang = install.lang
        header, footer = self._chrome(install, request)
        top = head(title=heading + SUFFIX, lang=lang, canonical=None, article=None,
                   site_name=NAMES[lang])
        teasers = install.teasers(articles, page, pages, request, items=ruby_items)
        return (f"{top}<body>{header}<main><h1 class='page-title'>{esc(heading)}</h1>{teasers}"
                f"</main>{footer}</body></html>")


def build(catalogue: Catalogue) -> Site:
    theme = SohrTheme()
    common = {"site": "sohr", "catalogue": catalogue, "theme": theme, "serves_api": False,
              "date_base": "/date"}
    installs = [
        WordPressInstall(prefix="/en", name=NAMES["en"], lang="en",
                         select=lambda a: a.sample.path_lang == "en", permalink=permalink_en,
                         feed_tracking="doing_wp_cron=1747567320.4407210350036621093750",
                         **common),  # type: ignore[arg-type]
        WordPressInstall(prefix="", name=NAMES["ar"], lang="ar",
                         select=lambda a: a.sample.path_lang == "ar", permalink=permalink_ar,
                         **common),  # type: ignore[arg-type]
    ]
    return Site(name="sohr", title=NAMES["en"], lang="en", mounts=installs)
