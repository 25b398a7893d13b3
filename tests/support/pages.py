"""Small article pages written for the tests, shaped like the sources' WordPress pages."""

from __future__ import annotations

from datetime import UTC, datetime

from crawler.models import FetchedPage, PageHints

BOILERPLATE_HEAD = """<header><nav><a href="/">Home</a> <a href="/news/">News</a>
<a href="/reports/">Reports</a></nav><div class="date">Saturday, November 21, 2026</div></header>"""
BOILERPLATE_FOOT = """<aside><h3>Related News</h3><ul><li><a href="/x/">Two civilians injured by
shelling in Idlib</a></li></ul></aside><footer>Share: Facebook Twitter WhatsApp.
All rights reserved.</footer>"""


def article_html(title: str, paragraphs: list[str], *, lang: str = "en",
                 published: str = "2025-03-04T10:15:00+00:00", charset: str = "utf-8",
                 site: str = "Test Network for Human Rights") -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    direction = ' dir="rtl"' if lang == "ar" else ""
    return f"""<!DOCTYPE html><html lang="{lang}"{direction}><head><meta charset="{charset}">
<title>{title} • {site}</title>
<meta property="article:published_time" content="{published}">
</head><body>{BOILERPLATE_HEAD}<main><article><h1>{title}</h1>
<div class="entry-content">{body}</div></article></main>{BOILERPLATE_FOOT}</body></html>"""


def page(url: str, html: str | bytes, *, source: str = "test", status: int = 200,
         hints: PageHints | None = None, charset_header: str = "utf-8",
         fetched_at: datetime | None = None) -> FetchedPage:
    body = html.encode("utf-8") if isinstance(html, str) else html
    return FetchedPage(
        source=source, url=url, final_url=url, status=status,
        headers=(("Content-Type", f"text/html; charset={charset_header}"),
                 ("Server", "test")),
        body=body, fetched_at=fetched_at or datetime.now(UTC), hints=hints or PageHints())


DEATH = [
    "A young man named Khaled Omar al-Haddad, from the town of Nawa in western Daraa, died "
    "under torture in a Military Intelligence detention center, his family was informed on "
    "March 2, 2025.",
    "He had been arrested at a checkpoint in Daraa city in June 2019 and his fate had remained "
    "unknown since then; the authorities denied holding him whenever relatives asked.",
    "Relatives said he was in good health at the time of his arrest, and that his body has not "
    "been handed over to the family.",
]
SHELLING = [
    "Two civilians were injured on Tuesday when artillery shells hit a residential street in the "
    "town of Ariha in southern Idlib.",
    "Local volunteers took the wounded to a field hospital, and the shelling damaged three shops "
    "and a water tank on the same street.",
    "Residents said the bombardment continued for about an hour before it stopped.",
]
