"""SNHR's reports site (snhr.org): the reports and statements, not the daily news.

Shaped from what stored copies of the real site show:

- English is the multisite's main site, so WordPress puts its posts under ``/blog/``:
  ``/blog/YYYY/MM/DD/<slug>/``; Arabic is the sub-site ``/arabic/`` without the ``/blog``
  part, and some of its permalinks end in the numeric post id instead of a slug.
- Feed items carry ``guid`` ``<root>/?p=N`` and descriptions that open "Available In"
  (the language switcher leaks into the excerpt); per-category feeds exist
  (``/category/<slug>/feed/``).
- Pages open with the language switcher ("Available In" / "اللغات / متاح بالـ").
- Report pages summarise a PDF: a few paragraphs, then "Link below to download full
  report" and the PDF's link.
"""

from __future__ import annotations

from collections.abc import Sequence

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
from crawler.mirror.snhr import NAMES  # the same organisation on its two sites
from crawler.mirror.state import Catalogue, MirrorArticle
from crawler.mirror.wordpress import WordPressInstall

SWITCHER = {"en": ("Available In", "العربية"), "ar": ("اللغات / متاح بالـ", "English")}
DOWNLOAD = {"en": "Link below to download full report", "ar": "للاطلاع على التقرير كاملاً"}
MENU = {"en": ("Reports", "Statements", "Death Toll", "Publications", "About"),
        "ar": ("التقارير", "البيانات", "حصيلة الضحايا", "إصدارات", "من نحن")}  # fmt: skip


def permalink_en(article: MirrorArticle) -> str:
    return f"/blog/{local(article.published, article):%Y/%m/%d}/{slug_path(article.slug)}/"


def permalink_ar(article: MirrorArticle) -> str:
    """The Arabic sub-site: no /blog part, and the post id where the slug would be."""
    return f"/{local(article.published, article):%Y/%m/%d}/{article.id}/"


class ReportsTheme:
    def _switcher(self, lang: str) -> str:
        label, other = SWITCHER[lang]
        return (f'<div class="lang-switch"><span>{esc(label)}</span> '
                f'<a href="/{"arabic/" if lang == "en" else ""}">{esc(other)}</a></div>')

    def _header(self, install: WordPressInstall, request: Request) -> str:
        lang = install.lang
        base = install.url(request.base_url).rstrip("/")
        items = "".join(f'<li><a href="{base}/">{esc(x)}</a></li>' for x in MENU[lang])
        return (f'{self._switcher(lang)}<header class="site-header">'
                f'<a class="logo" href="{base}/">{esc(NAMES[lang])}</a>'
                f'<nav class="main-menu"><ul>{items}</ul></nav></header>')

    def article(self, install: WordPressInstall, article: MirrorArticle, request: Request) -> str:
        lang = install.lang
        link = install.link(request.base_url, article)
        redesigned = request.layout_changed
        top = head(title=f"{article.title} - {NAMES[lang]}", lang=lang, site_name=NAMES[lang],
                   canonical=None if redesigned else link,
                   article=None if redesigned else article, description=excerpt(article, 20))
        day = local(article.published, article)
        pdf = (f"{request.base_url}/wp-content/uploads/{day:%Y/%m}/"
               f"report-{article.id}.pdf")
        body = (
            '<article class="post">'
            f'<h1 class="entry-title">{esc(article.title)}</h1>'
            f'<div class="entry-meta">{esc(human_date(day, lang))}</div>'
            f'<div class="entry-content">{paragraphs_html(article.paragraphs)}'
            f'<p><strong>{esc(DOWNLOAD[lang])}</strong></p>'
            f'<p><a class="pdf" href="{esc(pdf)}">PDF</a></p></div></article>'
        )
        return (f"{top}<body>{self._header(install, request)}<main>{body}"
                f"{share_buttons(link)}</main><footer><p>© {esc(NAMES[lang])}</p></footer>"
                "</body></html>")

    def listing(self, install: WordPressInstall, heading: str, articles: Sequence[MirrorArticle],
                page: int, pages: int, request: Request) -> str:
        lang = install.lang
        top = head(title=f"{heading} - {NAMES[lang]}", lang=lang, canonical=None, article=None,
                   site_name=NAMES[lang])
        teasers = install.teasers(articles, page, pages, request)
        return (f"{top}<body>{self._header(install, request)}<main><h1>{esc(heading)}</h1>"
                f"{teasers}</main></body></html>")


def build(catalogue: Catalogue) -> Site:
    theme = ReportsTheme()
    installs = [
        WordPressInstall(site="snhrorg", prefix="", name=NAMES["en"], lang="en",
                         catalogue=catalogue, select=lambda a: a.sample.path_lang == "en",
                         permalink=permalink_en, theme=theme,
                         feed_prefix=f"{SWITCHER['en'][0]}: {SWITCHER['en'][1]} "),
        WordPressInstall(site="snhrorg", prefix="/arabic", name=NAMES["ar"], lang="ar",
                         catalogue=catalogue, select=lambda a: a.sample.path_lang == "ar",
                         permalink=permalink_ar, theme=theme,
                         feed_prefix=f"{SWITCHER['ar'][0]}: {SWITCHER['ar'][1]} "),
    ]
    return Site(name="snhrorg", title=NAMES["en"], lang="en", mounts=installs)
