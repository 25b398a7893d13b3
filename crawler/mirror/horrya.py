"""Horrya Press (horrya.net): one WordPress with Arabic and English posts at
/archives/<id>, a REST API and /feed/. Some old pages are windows-1256 while the server
announces UTF-8 (the sample's ``encoding`` / ``declared_charset``). Arabic pages end with
the English "Sorry Comments are closed"."""

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
)
from crawler.mirror.server import Request
from crawler.mirror.site import Site
from crawler.mirror.state import Catalogue, MirrorArticle
from crawler.mirror.wordpress import WordPressInstall

NAME = "حرية برس Horrya press"


def permalink(article: MirrorArticle) -> str:
    return f"/archives/{article.id}"


class HorryaTheme:
    def _chrome(self, request: Request) -> tuple[str, str]:
        header = ('<header class="header"><a class="logo" href="/">حرية برس</a><nav><ul>'
                  "<li>الرئيسية</li><li>أخبار سوريا</li><li>تقارير</li><li>English</li>"
                  "</ul></nav></header>")
        footer = ('<footer class="footer"><p>جميع الحقوق محفوظة لـ حرية برس © 2025</p>'
                  "</footer>")
        return header, footer

    def article(self, install: WordPressInstall, article: MirrorArticle, request: Request) -> str:
        sample = article.sample
        link = install.link(request.base_url, article)
        redesigned = request.layout_changed
        header, footer = self._chrome(request)
        # Arabic pages end with the theme's English comment notice, which must not make
        # the page read as English.
        closed = ('<div id="comments"><p class="nocomments">Sorry Comments are closed</p></div>'
                  if sample.lang == "ar" else "")
        top = head(title=f"{article.title} | {NAME}", lang=sample.lang, site_name=NAME,
                   canonical=None if redesigned else link,
                   article=None if redesigned else article, description=excerpt(article, 20),
                   charset=sample.declared_charset or sample.encoding)
        when = esc(human_date(local(article.published, article), "ar"))
        byline = (f'<div class="post-meta"><span class="author">{esc(sample.author or "")}</span>'
                  f"<span class='date'>{when}</span><span>آخر تحديث :</span></div>")
        if redesigned:
            body = f"<div class='wrap2'>{paragraphs_html(article.paragraphs)}</div>"
        else:
            body = (f'<article class="single-post"><h1 class="post-title">{esc(article.title)}'
                    f"</h1>{byline}<div class='entry-content'>"
                    f"{paragraphs_html(article.paragraphs)}</div></article>")
        return (f"{top}<body>{header}<main>{body}{share_buttons(link)}"
                "<div class='tags'>الوسوم: سوريا</div>"
                f"{closed}</main>"
                f"{footer}</body></html>")

    def listing(self, install: WordPressInstall, heading: str, articles: Sequence[MirrorArticle],
                page: int, pages: int, request: Request) -> str:
        header, footer = self._chrome(request)
        top = head(title=f"{heading} | {NAME}", lang="ar", canonical=None, article=None,
                   site_name=NAME)
        teasers = install.teasers(articles, page, pages, request)
        return f"{top}<body>{header}<main>{teasers}</main>{footer}</body></html>"


def build(catalogue: Catalogue) -> Site:
    install = WordPressInstall(site="horrya", prefix="", name=NAME, lang="ar",
                               catalogue=catalogue, select=lambda a: True, permalink=permalink,
                               theme=HorryaTheme())
    return Site(name="horrya", title=NAME, lang="ar", mounts=[install])
