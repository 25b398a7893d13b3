"""A sample news site for crawl tests: articles written for raqib's tests (short reports
about detentions and releases), their HTML pages and RSS 2.0 / Atom feeds listing them.

Serve them with ``support.httpsite.HTTPSite``; ``write_config`` writes a raqib.toml with one
``feed`` source pointed at the site and no download delay.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from html import escape
from pathlib import Path

from crawler.config import Config, load_config
from support.httpsite import HTTPSite


@dataclass(frozen=True)
class Article:
    path: str
    title: str
    published_rss: str  # RFC 822, as in RSS
    published_iso: str  # the same moment in UTC ISO
    page_date: str  # a different date printed in the page: the feed's must win
    paragraphs: tuple[str, ...]
    lang: str = "en"


ARTICLES: tuple[Article, ...] = (
    Article(
        "/2024/05/teacher-detained-in-hama/",
        "Teacher detained at a checkpoint in Hama",
        "Tue, 14 May 2024 09:30:00 +0300", "2024-05-14T06:30:00+00:00", "2024-06-01",
        ("A secondary-school teacher from the countryside of Hama was detained on Monday "
         "at a military checkpoint on the road to the city, according to his family.",
         "Relatives said he was taken to an unknown place and that no charge was given. "
         "Their enquiries at two security branches received no answer so far.",
         "Local monitors recorded four similar arrests at the same checkpoint this month."),
    ),
    Article(
        "/2024/05/two-brothers-released/",
        "Two brothers released after eleven months in custody",
        "Wed, 15 May 2024 18:05:00 +0000", "2024-05-15T18:05:00+00:00", "2024-06-02",
        ("Two brothers from Douma were released this week after eleven months in detention "
         "without trial, their lawyer said.",
         "Both men were arrested in June of last year during a house raid. They told their "
         "family they had been held in crowded cells and questioned repeatedly.",
         "Rights groups welcomed the release and called for the fate of others to be known."),
    ),
    Article(
        "/2024/05/ar-release-daraa/",
        "الإفراج عن معتقل من درعا بعد عامين",
        "Thu, 16 May 2024 07:00:00 +0300", "2024-05-16T04:00:00+00:00", "2024-06-03",
        ("أفرجت السلطات يوم الأربعاء عن شاب من ريف درعا بعد اعتقال دام قرابة عامين من دون "
         "محاكمة، بحسب ما أفاد به أحد أقاربه.",
         "وقال القريب إن الشاب اعتقل عند حاجز على الطريق الدولي، وإن العائلة لم تتلق أي "
         "معلومات عن مكان احتجازه طوال تلك المدة.",
         "وطالب ناشطون محليون بالكشف عن مصير عشرات المعتقلين الآخرين من البلدة نفسها."),
        lang="ar",
    ),
)


EXTRA_ARTICLES: tuple[Article, ...] = (
    Article(
        "/2024/06/lawyer-missing-aleppo/",
        "Lawyer missing since his arrest in Aleppo",
        "Mon, 03 Jun 2024 10:00:00 +0000", "2024-06-03T10:00:00+00:00", "2024-06-20",
        ("A lawyer who defended detainees in Aleppo has not been heard from since security "
         "officers took him from his office three weeks ago, colleagues said.",
         "The authorities have not confirmed holding him. His colleagues fear he is being held "
         "incommunicado and asked international bodies to press for news of him.",
         "He is the third lawyer from the city reported missing this year."),
    ),
    Article(
        "/2024/06/ar-homs-arrests/",
        "حملة اعتقالات في ريف حمص الشمالي",
        "Tue, 04 Jun 2024 08:00:00 +0300", "2024-06-04T05:00:00+00:00", "2024-06-21",
        ("شنت قوات الأمن حملة دهم في قريتين بريف حمص الشمالي واعتقلت ما لا يقل عن سبعة "
         "أشخاص بينهم طالب جامعي، وفق شهادات من الأهالي.",
         "وقال الأهالي إن المعتقلين نقلوا إلى جهة مجهولة، وإن ذويهم لم يتمكنوا من معرفة "
         "التهم الموجهة إليهم حتى الآن.",
         "ويخشى السكان من أن تتحول هذه الاعتقالات إلى حالات اختفاء قسري طويلة."),
        lang="ar",
    ),
)


def article_html(article: Article, *, extra: str = "", charset: str = "utf-8") -> bytes:
    paragraphs = "\n".join(f"<p>{p}</p>" for p in article.paragraphs)
    direction = "rtl" if article.lang == "ar" else "ltr"
    return f"""<!DOCTYPE html>
<html lang="{article.lang}" dir="{direction}"><head><meta charset="{charset}">
<title>{article.title} | Test Monitor</title></head>
<body><header><nav><a href="/">Home</a> <a href="/about">About</a></nav>
<span class="today">{article.page_date}</span></header>
<main><article><h1>{article.title}</h1>
<time datetime="{article.page_date}">{article.page_date}</time>
{paragraphs}{extra}
</article></main><footer>Test Monitor, a sample site for raqib's tests.</footer></body></html>
""".encode(charset)


def rss(site: HTTPSite, articles: tuple[Article, ...] | list[Article], *,
        link_suffix: str = "") -> bytes:
    items = "".join(f"""
  <item><title>{a.title}</title><link>{escape(site.url(a.path) + link_suffix)}</link>
   <guid isPermaLink="false">test-{hashlib.sha1(a.path.encode()).hexdigest()[:8]}</guid>
   <pubDate>{a.published_rss}</pubDate><category>detention</category></item>"""
                    for a in articles)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Test Monitor</title><link>{site.url('/')}</link>
<description>Reports</description>{items}
</channel></rss>""".encode()


def atom(site: HTTPSite, articles: tuple[Article, ...] | list[Article]) -> bytes:
    entries = "".join(f"""
  <entry><title>{a.title}</title><link rel="alternate" href="{site.url(a.path)}"/>
   <id>urn:test:{hashlib.sha1(a.path.encode()).hexdigest()[:8]}</id>
   <published>{a.published_iso}</published><updated>{a.published_iso}</updated>
   <category term="release"/></entry>""" for a in articles)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Test Monitor</title>
<id>urn:test:feed</id><updated>2024-05-16T04:00:00Z</updated>{entries}
</feed>""".encode()


def write_config(tmp_path: Path, feed_url: str, *, crawl: str = "", source: str = "",
                 name: str = "testfeed", spider: str = "feed") -> Config:
    path = tmp_path / "raqib.toml"
    path.write_text(f"""
[store]
path = "raqib.db"

[crawl]
download_delay = 0
timeout = "5s"
run_timeout = "60s"
{crawl}

[[sources]]
name = "{name}"
spider = "{spider}"
url = "{feed_url}"
lang = "en"
{source}

[[channels]]
name = "desk"
url = "console://"
health = true
""", encoding="utf-8")
    return load_config(path)
