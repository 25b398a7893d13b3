"""Issue 12: the mirrors reproduce what stored copies of the real sites show, and the
spiders and the extractor cope with it (Alkarama's term found from the site, with or
without a term feed; another country's listing refused; ThemeRuby-style SOHR archives;
page chrome removed at extraction)."""

from __future__ import annotations

import urllib.request
from pathlib import Path

import pytest
from spiderkit import BOILERPLATE, Crawler, canonical

from crawler.extract import extract
from crawler.mirror import Mirrors
from crawler.models import PageHints


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=5) as answer:
        return answer.read()


@pytest.mark.parametrize("stem", [
    "snhr-en-01", "snhr-ar-01", "snhr-en-06", "snhr-ar-04", "sohr-ar-01", "sohr-en-01",
    "alkarama-en-01", "alkarama-fr-01", "alkarama-ar-01", "horrya-ar-02", "horrya-ar-03"])
def test_extraction_keeps_the_article_and_drops_the_chrome_of_the_real_layouts(
        mirrors: Mirrors, stem: str) -> None:
    article = mirrors.article(stem)
    url = mirrors.url_of(stem)
    found = extract(fetch(url), url=url, hints=PageHints(title=article.title))
    first_words = " ".join(article.paragraphs[0].split()[:8])
    assert found.text.startswith(first_words), found.text[:300]
    assert " ".join(article.paragraphs[-1].split()[-6:]) in found.text
    for phrase in BOILERPLATE:
        assert phrase not in found.text, phrase
    assert article.title not in found.text  # neither at the top nor repeated at the end
    assert found.lang == article.sample.lang  # "Sorry Comments are closed" does not flip it
    if stem == "sohr-ar-01":  # the bare view count under the title
        assert not any(line.replace(",", "").strip().isdigit()
                       for line in found.text.splitlines())


def test_mirror_pages_carry_what_the_real_pages_carry(mirrors: Mirrors) -> None:
    news = fetch(mirrors.url_of("snhr-en-01")).decode().split("<body>", 1)[1]
    assert news.index("On ") < news.index(mirrors.article("snhr-en-01").paragraphs[0][:30])
    assert news.rstrip().rsplit("<footer", 1)[0].endswith(
        f"{mirrors.article('snhr-en-01').title}</div>")  # the title again at the end
    report = fetch(mirrors.url_of("snhr-en-06")).decode()
    assert "/blog/2025/07/02/" in mirrors.url_of("snhr-en-06")
    assert "Link below to download full report" in report
    assert ".pdf" in report
    arabic = mirrors.url_of("snhr-ar-04")
    assert arabic.endswith("/arabic/2025/05/19/4871/")
    assert "اللغات / متاح بالـ" in fetch(arabic).decode()
    feed = fetch(mirrors.base_url("snhrorg") + "/feed/").decode()
    assert "<description><![CDATA[Available In" in feed
    assert f"{mirrors.base_url('snhrorg')}/?p=18502</guid>" in feed
    assert "Related Articles" in fetch(mirrors.url_of("sohr-en-01")).decode()
    assert "Sorry Comments are closed" in fetch(mirrors.url_of("horrya-ar-02")).decode()
    alkarama = fetch(mirrors.url_of("alkarama-fr-01")).decode()
    assert "Aller au contenu principal" in alkarama
    assert "media@alkarama.org" in alkarama
    assert "/ar/articles/swrya-" in mirrors.url_of("alkarama-ar-01")


@pytest.mark.parametrize("term_feed", [True, False], ids=["term-feed", "no-term-feed"])
def test_alkarama_reads_the_syria_term_from_the_country_menu(
        mirrors: Mirrors, tmp_path: Path, term_feed: bool) -> None:
    mirrors.alkarama.term_feed = term_feed
    crawler = Crawler(mirrors, tmp_path)
    first = crawler.run("alkarama-en")
    assert (first.status, first.done["message"]) == ("ok", "")
    stored = {row["url"] for row in crawler.articles("alkarama-en")}
    wanted = {canonical(mirrors, a.stem) for a in mirrors.catalogue.of_site("alkarama")
              if a.sample.path_lang == "en"}
    assert stored == wanted
    paths = [r.path for r in mirrors.requests_to("alkarama")]
    assert "/en/" in paths  # the country menu was read
    assert not any("/term/12" in p for p in paths)
    listing = "/en/taxonomy/term/28/articles" if not term_feed else "/en/taxonomy/term/28/feed"
    assert listing in paths
    before = len(mirrors.requests)
    second = crawler.run("alkarama-en")
    assert second.status == "ok"
    # the term and the absence of a feed are remembered: robots.txt plus one 304
    assert second.done["stats"]["requests"] <= 2, [r.path for r in mirrors.requests[before:]]


def test_alkarama_refuses_another_countrys_listing(mirrors: Mirrors, tmp_path: Path) -> None:
    wrong = {"name": "alkarama-wrong", "spider": "alkarama", "lang": "en", "every": "1h",
             "url": mirrors.base_url("alkarama") + "/en/taxonomy/term/12/articles"}
    mirrors.alkarama.term_feed = False
    crawler = Crawler(mirrors, tmp_path, extra=[wrong])
    result = crawler.run("alkarama-wrong")
    assert result.status == "degraded"
    assert "term 12 is not Syria's listing" in result.done["message"]
    assert crawler.articles("alkarama-wrong") == []


def test_sohr_archives_are_read_by_permalink_not_by_theme_classes(
        mirrors: Mirrors, tmp_path: Path) -> None:
    page = fetch(mirrors.base_url("sohr") + "/en/date/2025/05/").decode()
    assert "p-wrap" in page
    assert '<h2 class="entry-title">' not in page
    crawler = Crawler(mirrors, tmp_path)
    result = crawler.run("sohr-en", "--since", "2024-01-01", "--until", "2026-12-31")
    assert result.status == "ok", result.done
    wanted = {canonical(mirrors, a.stem) for a in mirrors.catalogue.of_site("sohr")
              if a.sample.path_lang == "en"}
    assert {row["url"] for row in crawler.articles("sohr-en")} == wanted
