"""Feeds as real sites send them, read by ``spiders.feedparse``: old formats, xml:base,
ill-formed XML, odd dates; each entry read on its own; non-feeds refused clearly."""

from __future__ import annotations

import time

import pytest

from spiders.feedparse import UNREADABLE_DATE, FeedFormatError, parse_feed

BASE = "https://news.example.org/feed/"


def _links(body: bytes, base: str = BASE) -> list[str]:
    return [entry.link for entry in parse_feed(body, base_url=base).entries]


def test_atom_0_3_entries_are_read() -> None:
    body = b"""<?xml version="1.0"?><feed version="0.3" xmlns="http://purl.org/atom/ns#">
    <title>t</title><entry><title>Arrest in Homs</title>
    <link rel="alternate" type="text/html" href="https://news.example.org/a/1"/>
    <id>urn:1</id><issued>2024-06-01T10:00:00Z</issued><modified>2024-06-01T11:00:00Z</modified>
    </entry></feed>"""
    feed = parse_feed(body, base_url=BASE)
    assert [e.link for e in feed.entries] == ["https://news.example.org/a/1"]
    assert feed.entries[0].hints.published == "2024-06-01T10:00:00+00:00"


def test_xml_base_is_resolved_per_entry() -> None:
    body = b"""<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://other.example.org/x/">
    <title>t</title>
    <entry xml:base="/reports/"><title>a</title><link href="2024/one"/><id>1</id>
    <updated>2024-06-01T00:00:00Z</updated></entry>
    <entry><title>b</title><link href="two"/><id>2</id><updated>2024-06-01T00:00:00Z</updated>
    </entry></feed>"""
    assert _links(body) == [
        "https://other.example.org/reports/2024/one",
        "https://other.example.org/x/two",
    ]


def test_unescaped_ampersands_do_not_lose_the_feed() -> None:
    body = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Q & A</title>
    <item><title>Arrests & releases</title><link>https://news.example.org/?p=1&lang=en</link>
    </item><item><title>two</title><link>https://news.example.org/?p=2</link></item>
    </channel></rss>"""
    feed = parse_feed(body, base_url=BASE)
    assert [e.link for e in feed.entries] == [
        "https://news.example.org/?p=1&lang=en",
        "https://news.example.org/?p=2",
    ]
    assert feed.entries[0].hints.title == "Arrests & releases"


@pytest.mark.parametrize(
    "body",
    [
        b"""<rss version="0.91"><channel><title>t</title><item><title>a</title>
    <link>https://news.example.org/a</link></item></channel></rss>""",
        b"""<rss version="0.92"><channel><title>t</title><item><title>a</title>
    <link>https://news.example.org/a</link></item></channel></rss>""",
        b"""<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    xmlns="http://purl.org/rss/1.0/"><channel rdf:about="x"><title>t</title></channel>
    <item rdf:about="https://news.example.org/a"><title>a</title>
    <link>https://news.example.org/a</link></item></rdf:RDF>""",
        b"""<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    xmlns="http://my.netscape.com/rdf/simple/0.9/"><channel><title>t</title></channel>
    <item><title>a</title><link>https://news.example.org/a</link></item></rdf:RDF>""",
        b"""<rss version="2.0"><channel><title>t</title><item>
    <title><![CDATA[A <b>bold</b> title]]></title>
    <link><![CDATA[https://news.example.org/a]]></link></item></channel></rss>""",
    ],
)
def test_rss_0_9x_1_0_and_cdata(body: bytes) -> None:
    assert _links(body) == ["https://news.example.org/a"]


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("Sat, 01 Jun 2024 23:30:00 +0300", "2024-06-01T20:30:00+00:00"),
        ("Sat, 1 Jun 24 16:30:00 EDT", "2024-06-01T20:30:00+00:00"),
        ("2024-06-01T23:30:00+03:00", "2024-06-01T20:30:00+00:00"),
        ("2024-06-01T20:30:00Z", "2024-06-01T20:30:00+00:00"),
        ("2024-06-01", "2024-06-01T00:00:00+00:00"),
    ],
)
def test_dates_in_the_formats_feeds_use(date: str, expected: str) -> None:
    body = (
        f"<rss version='2.0'><channel><title>t</title><item><title>a</title>"
        f"<link>https://news.example.org/a</link><pubDate>{date}</pubDate></item>"
        f"</channel></rss>"
    ).encode()
    assert parse_feed(body, base_url=BASE).entries[0].hints.published == expected


@pytest.mark.parametrize(
    "date", ["Fri, 31 Dec 9999 23:59:59 -1400", "0001-01-01T00:00:00+01:00", "yesterday-ish"]
)
def test_an_unreadable_date_keeps_the_item_undated_and_is_counted(date: str) -> None:
    items = "".join(
        f"<item><title>{n}</title><link>https://news.example.org/{n}</link>"
        f"<pubDate>{d}</pubDate></item>"
        for n, d in ((1, date), (2, "Sat, 01 Jun 2024 10:00:00 GMT"))
    )
    feed = parse_feed(
        f"<rss version='2.0'><channel><title>t</title>{items}</channel></rss>".encode(),
        base_url=BASE,
    )
    assert [e.link for e in feed.entries] == [
        "https://news.example.org/1",
        "https://news.example.org/2",
    ]
    assert feed.entries[0].hints.published is None
    assert feed.entries[1].hints.published == "2024-06-01T10:00:00+00:00"
    assert feed.notes == {UNREADABLE_DATE: 1}


def test_an_entry_without_a_link_is_counted_as_skipped() -> None:
    body = b"""<rss version="2.0"><channel><title>t</title><item><title>no link</title></item>
    <item><title>a</title><link>https://news.example.org/a</link></item></channel></rss>"""
    feed = parse_feed(body, base_url=BASE)
    assert [e.link for e in feed.entries] == ["https://news.example.org/a"]
    assert feed.skipped == {"no link": 1}


def test_entity_bombs_and_external_entities_stay_inert() -> None:
    levels = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    body = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "lol">{levels}'
        '<!ENTITY x SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel>'
        "<title>t</title><item><title>&l9;&x;</title><link>https://news.example.org/a</link>"
        "</item></channel></rss>"
    ).encode()
    started = time.monotonic()
    feed = parse_feed(body, base_url=BASE)
    assert time.monotonic() - started < 5
    assert [e.link for e in feed.entries] == ["https://news.example.org/a"]
    title = feed.entries[0].hints.title or ""
    assert len(title) < 10_000
    assert "root:" not in title


def test_a_feed_body_is_never_opened_as_a_path_or_url() -> None:
    with pytest.raises(FeedFormatError, match="not XML"):
        parse_feed(b"/etc/passwd", base_url=BASE)
