"""SNHR's news site (news.snhr.org): English WordPress at the root, Arabic under /ar/.

Permalinks /YYYY/MM/DD/<slug>/; the header starts with the *current* date (never the
publication date); titles end with the event date. As on the real pages, the related-news
teasers, each opening "On <date>, …", come *before* the article body in the page's text
order, and the title is repeated at the end of the page.
"""

from __future__ import annotations

from collections.abc import Sequence

from crawler.mirror.render import (
    DAMASCUS,
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
from crawler.mirror.site import Site, now
from crawler.mirror.state import Catalogue, MirrorArticle
from crawler.mirror.wordpress import WordPressInstall

NAMES = {"en": "Syrian Network for Human Rights", "ar": "الشبكة السورية لحقوق الإنسان"}
NAV = {
    "en": ("Home", "News", "Casualties", "Detainees", "Reports", "Statements", "About Us"),
    "ar": ("الرئيسية", "الأخبار", "الضحايا", "المعتقلون", "التقارير", "البيانات", "من نحن"),
}
RELATED = {"en": "Related News", "ar": "أخبار ذات صلة"}
FOOTER = {
    "en": "SNHR is an independent, non-governmental organisation documenting violations in "
          "Syria since 2011. All rights reserved.",
    "ar": "الشبكة السورية لحقوق الإنسان منظمة مستقلة غير حكومية توثق الانتهاكات في سوريا منذ "
          "عام 2011. جميع الحقوق محفوظة.",
}


def teaser(article: MirrorArticle, lang: str) -> str:
    """A related-news teaser: its own event date first, then the text cut short."""
    words = " ".join(article.paragraphs[0].split()[:12])
    day = human_date(local(article.published, article), lang)
    opening = f"في {day}، " if lang == "ar" else f"On {day}, "
    return f"{opening}{words}…"


def permalink(article: MirrorArticle) -> str:
    day = local(article.published, article)
    return f"/{day:%Y/%m/%d}/{slug_path(article.slug)}/"


class SnhrTheme:
    """The news site's theme; ``redesigned`` pages drop canonical and article meta."""

    def _header(self, lang: str, base: str) -> str:
        today = human_date(now().astimezone(DAMASCUS), lang)
        items = "".join(f'<li><a href="{base}/">{esc(label)}</a></li>' for label in NAV[lang])
        return (f'<div class="top-bar"><span class="td-date">{esc(today)}</span></div>'
                f'<header class="site-header"><a class="logo" href="{base}/">{NAMES[lang]}</a>'
                f'<nav class="main-menu"><ul>{items}</ul></nav></header>')

    def _footer(self, lang: str) -> str:
        return (f'<footer class="site-footer"><p>{esc(FOOTER[lang])}</p>'
                '<ul class="social"><li>Facebook</li><li>X</li><li>YouTube</li></ul></footer>')

    def article(self, install: WordPressInstall, article: MirrorArticle, request: Request) -> str:
        lang = install.lang
        base = install.url(request.base_url).rstrip("/")
        link = install.link(request.base_url, article)
        redesigned = request.layout_changed
        related = [a for a in install.listed() if a.stem != article.stem][:3]
        sidebar = "".join(
            f'<div class="td-module"><h3><a href="{esc(install.link(request.base_url, a))}">'
            f"{esc(a.title)}</a></h3><p>{esc(teaser(a, lang))}</p></div>"
            for a in related
        )
        crumbs = " ".join(esc(x) for x in NAV[lang][:3])
        top = head(title=f"{article.title} - {NAMES[lang]}", lang=lang, site_name=NAMES[lang],
                   canonical=None if redesigned else link,
                   article=None if redesigned else article,
                   description=excerpt(article, 20))
        if redesigned:
            body = (f'<div class="v2-story"><div class="v2-h">{esc(article.title)}</div>'
                    f'<div class="v2-text">{paragraphs_html(article.paragraphs)}</div></div>')
        else:
            body = (
                f'<div class="breadcrumbs">{crumbs} {esc(article.title[:60])}...</div>'
                '<article class="post">'
                f'<h1 class="tdb-title-text">{esc(article.title)}</h1>'
                '<div class="tdb-date">Date:</div>'
                f'<div class="tdb-block-inner td-fix-index">{paragraphs_html(article.paragraphs)}'
                "</div></article>"
            )
        return (f"{top}<body>{self._header(lang, base)}<main>"
                f'<aside class="sidebar"><h2>{RELATED[lang]}</h2>{sidebar}</aside>{body}'
                f"{share_buttons(link)}</main>"
                f'<div class="tdb-title-footer">{esc(article.title)}</div>'
                f"{self._footer(lang)}</body></html>")

    def listing(self, install: WordPressInstall, heading: str, articles: Sequence[MirrorArticle],
                page: int, pages: int, request: Request) -> str:
        lang = install.lang
        base = install.url(request.base_url).rstrip("/")
        top = head(title=f"{heading} - {NAMES[lang]}", lang=lang, canonical=None, article=None,
                   site_name=NAMES[lang])
        teasers = install.teasers(articles, page, pages, request)
        return (f"{top}<body>{self._header(lang, base)}<main><h1>{esc(heading)}</h1>"
                f"{teasers}</main>{self._footer(lang)}</body></html>")


def build(catalogue: Catalogue) -> Site:
    theme = SnhrTheme()
    installs = [
        WordPressInstall(site="snhr", prefix="", name=NAMES["en"], lang="en",
                         catalogue=catalogue, select=lambda a: a.sample.path_lang == "en",
                         permalink=permalink, theme=theme),
        WordPressInstall(site="snhr", prefix="/ar", name=NAMES["ar"], lang="ar",
                         catalogue=catalogue, select=lambda a: a.sample.path_lang == "ar",
                         permalink=permalink, theme=theme),
    ]
    return Site(name="snhr", title=NAMES["en"], lang="en", mounts=installs)
