"""Message rendering: escaping per format, mentions, links, RTL, content note, templates."""

from __future__ import annotations

import pytest

from alerts import render
from alerts.render import clean, escape_markdown, make_item, render_article, safe_url

ARTICLE = {
    "id": 7, "url": "https://news.example.org/2025/03/report/?ref=feed", "source": "snhr-ar",
    "lang": "ar", "title": "وفاة معتقل تحت التعذيب في سجن صيدنايا", "published": "2025-03-04",
    "labels": ["torture_death", "enforced_disappearance"],
    "evidence": {"torture_death": ["توفي المعتقل تحت التعذيب بعد اعتقاله على حاجز في درعا."]},
    "facts": {"victims": ["أحمد خليل"], "governorate": "Daraa", "perpetrator": "syrian_regime",
              "death_date": "2025-03-02", "counts": [14388]},
}


@pytest.mark.parametrize(("raw", "expected"), [
    ("@everyone look", "@\u200beveryone look"),
    ("ping @HERE now", "ping @\u200bHERE now"),
    ("<!channel> hi", "<!\u200bchannel> hi"),
    ("see javascript:alert(1)", "see javascript[:]alert(1)"),
    ("http://evil.example/x", "http[:]//evil[.]example/x"),
    ("at www.evil-phish.example/login now", "at www[.]evil-phish[.]example/login now"),
    ("EVIL-PHISH.EXAMPLE", "EVIL-PHISH[.]EXAMPLE"),
    ("write to help@evil.example", "write to help@evil[.]example"),
    ("زوروا evil-phish.example/ar", "زوروا evil-phish[.]example/ar"),
    ("detained.The family", "detained.The family"),
    ("e.g. 2.5 km, U.S. 14,388 v1.2", "e.g. 2.5 km, U.S. 14,388 v1.2"),
    ("a\u202eb\x07c", "abc"),
])
def test_clean_defuses_page_text(raw, expected):
    assert clean(raw) == expected


@pytest.mark.parametrize(("url", "ok"), [
    ("https://news.example.org/a?b=1", True),
    ("http://news.example.org/", True),
    ("javascript:alert(1)", False),
    ("data:text/html,hi", False),
    ("https:///nohost", False),
    ("https://example.org/a b", False),
])
def test_only_plain_http_links(url, ok):
    assert (safe_url(url) is not None) is ok


def test_markdown_escaping_keeps_page_text_literal():
    assert escape_markdown("[x](javascript:y) *b* <i>") == \
        "\\[x\\]\\(javascript:y\\) \\*b\\* \\<i\\>"


def test_arabic_alert_is_rtl_with_facts_and_key_words():
    message = render_article(ARTICLE, ["torture_death"], kind="article", content_note=True)
    assert message.title == "[death under torture] وفاة معتقل تحت التعذيب في سجن صيدنايا"
    assert '<div dir="rtl" lang="ar"' in message.html
    assert '<blockquote dir="rtl" lang="ar"' in message.html
    assert "<strong>التعذيب</strong>" in message.html
    assert "<strong>اعتقاله</strong>" in message.html
    assert "\u200fوفاة معتقل" in message.text
    for fact in ("Victims:        \u200fأحمد خليل", "Place:          Daraa",
                 "Perpetrator:    Syrian regime (Assad government)",
                 "Date of death:  2025-03-02",
                 "Figures cited:  14,388",
                 "Link:           https://news.example.org/2025/03/report/?ref=feed"):
        assert fact in message.text
    assert message.text.startswith("Content note:")
    assert "[read the report](https://news.example.org/2025/03/report/?ref=feed)" in \
        message.markdown


def test_content_note_can_be_switched_off_and_only_concerns_torture():
    off = render_article(ARTICLE, ["torture_death"], kind="article", content_note=False)
    assert "Content note" not in off.text
    arrest = render_article(ARTICLE, ["enforced_disappearance"], kind="article",
                            content_note=True)
    assert "Content note" not in arrest.text


def test_unsafe_article_url_is_not_linked():
    article = {**ARTICLE, "url": "javascript:alert(1)"}
    message = render_article(article, ["torture_death"], kind="article", content_note=False)
    assert "href" not in message.html
    assert "javascript" not in message.text
    assert "read the report" not in message.markdown


def test_removal_and_update_messages():
    removal = render_article(ARTICLE, ARTICLE["labels"], kind="removal", content_note=False,
                             payload={"status": 410})
    assert removal.title.startswith("Removed at source: ")
    assert "no longer available at its source (HTTP 410)" in removal.text
    update = render_article(ARTICLE, ["enforced_disappearance"], kind="update",
                            content_note=False)
    assert update.title.startswith("Update: ")


def test_templates_can_be_overridden_from_a_directory(tmp_path, monkeypatch):
    (tmp_path / "alert.txt.j2").write_text("CUSTOM {{ item.title }}\n", encoding="utf-8")
    monkeypatch.setenv(render.TEMPLATES_ENV, str(tmp_path))
    monkeypatch.setattr(render, "_templates", None)
    message = render_article(ARTICLE, ["torture_death"], kind="article", content_note=False)
    assert message.text == "CUSTOM وفاة معتقل تحت التعذيب في سجن صيدنايا\n"
    assert "<blockquote" in message.html  # files not overridden come from raqib
    monkeypatch.setattr(render, "_templates", None)


def test_digest_quotes_the_sentence_of_the_label_it_files_a_report_under():
    from alerts.digest import FULL_UNDER

    article = {"id": 9, "title": "Engineer freed", "url": "https://example.org/r/9",
               "source": "snhr-en", "lang": "en", "labels": ["arbitrary_arrest", "release"],
               "evidence": {"arbitrary_arrest": ["He was arrested at a checkpoint in 2016."],
                            "release": ["He was freed from Adra prison on Monday."]}}
    plain = make_item(article, ["arbitrary_arrest", "release"], max_evidence=1)
    assert "".join(s.text for s in plain.evidence[0].segments).startswith("He was arrested")
    digest = make_item(article, ["arbitrary_arrest", "release"], max_evidence=1,
                       evidence_first=FULL_UNDER)
    assert "".join(s.text for s in digest.evidence[0].segments).startswith("He was freed")
