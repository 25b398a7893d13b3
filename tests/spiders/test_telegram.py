"""The ``telegram`` spider against the loopback preview mirror: `raqib crawl` end to end
(posts as articles at their own links, labels, an alert through a real webhook, the listing
archived), incremental cost, edits, forwards and copies, short posts, and backfills by
--since/--until with a resumable cursor."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from spiderkit import ROOT
from support.webhook import WebhookServer

from crawler.archive.store import Store, decompress
from crawler.config import load_config
from crawler.mirror.telegram import SOUTH, WATCH, WATCH_EDIT, TelegramMirror, before_of
from crawler.urls import canonical_url, canonicalize
from spiders.base import CursorItem, PageItem
from spiders.telegram import TelegramSpider, TelegramURLError, parse_preview, preview_url


@pytest.fixture
def tg() -> Iterator[TelegramMirror]:
    with TelegramMirror() as mirror:
        yield mirror


def write_config(folder: Path, tg: TelegramMirror, hook_url: str = "console://") -> Path:
    path = folder / "raqib.toml"
    path.write_text(f"""[store]
path = "{folder / 'raqib.db'}"

[crawl]
download_delay = 0.0
timeout = "10s"

[[sources]]
name = "tg-watch"
spider = "telegram"
url = "{tg.preview(WATCH)}"

[[sources]]
name = "tg-south"
spider = "telegram"
url = "{tg.preview(SOUTH)}"
lang = "en"

[[channels]]
name = "desk"
url = "{hook_url}"
mode = "immediate"
""", encoding="utf-8")
    return path


def raqib(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).with_name("raqib")
    command = [str(script)] if script.exists() else [sys.executable, "-c",
                                                     "from crawler.cli import main; main()"]
    return subprocess.run([*command, "--config", str(config), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300, check=False)


def run(config: Path, source: str, *args: str) -> dict[str, Any]:
    """One crawl through ``crawler.run`` (the child `raqib crawl` starts): its done event."""
    proc = subprocess.run([sys.executable, "-m", "crawler.run", "--config", str(config),
                           "--source", source, *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, check=False)
    events = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    done = next((e for e in events if e.get("event") == "done"), None)
    assert done, proc.stderr[-3000:]
    return done


def key(tg: TelegramMirror, channel: str, post_id: int) -> str:
    return canonicalize(tg.link(channel, post_id), scheme="http")


def by_url(store: Store, source: str) -> dict[str, dict[str, Any]]:
    rows = store.query("SELECT * FROM articles WHERE source = ?", [source])
    return {row["url"]: row for row in rows}


def test_channel_crawl_end_to_end(tg: TelegramMirror, tmp_path: Path) -> None:
    with WebhookServer() as hook:
        config = write_config(tmp_path, tg, hook.url())
        first = raqib(config, "crawl", "--source", "tg-watch")
        assert first.returncode == 0, first.stderr

        shown = [p for p in tg.channels[WATCH] if p.text]
        with Store.open(tmp_path / "raqib.db") as store:
            rows = by_url(store, "tg-watch")
            assert set(rows) == {key(tg, WATCH, p.id) for p in shown}  # 43 posts, 3 pages
            labelled = {url.rsplit("/", 1)[1]: json.loads(r["labels"]) for url, r in rows.items()
                        if json.loads(r["labels"])}
            assert "torture_death" in labelled["137"]
            assert "torture_death" in labelled["118"]
            assert labelled["112"] == ["release"]
            assert labelled["140"] == ["release"]
            assert "arbitrary_arrest" in labelled["104"]
            # very short posts are kept, and never labelled from one word
            for post_id, text in ((127, "Arrested."), (145, "اعتقال"),
                                  (131, "https://example.org/reports/daraa-checkpoints"),
                                  (134, "Checkpoint at the northern entrance of Jasim this "
                                        "morning")):
                row = rows[key(tg, WATCH, post_id)]
                assert row["text"] == text
                assert json.loads(row["labels"]) == []
            arabic = rows[key(tg, WATCH, 104)]
            assert arabic["lang"] == "ar"
            assert rows[key(tg, WATCH, 137)]["lang"] == "en"
            # the post's own text, never its neighbours on the listing
            assert "Rania" not in arabic["text"]
            assert arabic["text"].startswith("اعتقلت دورية")
            assert arabic["published"] == tg.post(WATCH, 104).published.isoformat()
            assert arabic["link"] == tg.link(WATCH, 104)
            # the listing page is the capture of each post it carries
            capture = store.query("SELECT * FROM captures WHERE article_id = ?",
                                  [arabic["id"]])[0]
            assert capture["url"] == tg.link(WATCH, 104)
            assert capture["final_url"].startswith(tg.preview(WATCH))
            raw = decompress(capture["raw"])
            assert f'data-post="{WATCH}/104"'.encode() in raw
            assert f'data-post="{WATCH}/105"'.encode() in raw  # the whole page, as received
            # the listing's URL is no address of any post
            assert not store.query("SELECT * FROM duplicates WHERE url LIKE ?",
                                   [f"%/s/{WATCH}%"])
        alerted = " ".join(body["message"] for body in hook.accepted)
        for post_id in (104, 112, 118, 137):
            assert tg.link(WATCH, post_id) in alerted
        assert tg.link(WATCH, 127) not in alerted

        # an unchanged channel: robots.txt (absent) and one conditional request answered 304
        before = len(tg.requests)
        again = run(config, "tg-watch")
        assert again["status"] == "ok"
        assert again["stats"]["new_articles"] == 0
        assert [r.status for r in tg.requests[before:]] == [404, 304]

        # an edited post becomes a new version, classified again and alerted
        post_id, text = WATCH_EDIT
        tg.edit(WATCH, post_id, text)
        new_id = tg.add(WATCH, "Three brothers from Izra were detained at a checkpoint on the "
                               "Damascus road and taken to an unknown place.")
        before = len(tg.requests)
        edited = run(config, "tg-watch")
        assert edited["stats"]["new_versions"] == 1
        assert edited["stats"]["new_articles"] == 1
        assert len(tg.requests) - before == 2  # page one held a known post: no paging
        with Store.open(tmp_path / "raqib.db") as store:
            row = store.article_by_url(key(tg, WATCH, post_id))
            assert row is not None
            assert row["version"] == 2
            assert row["text"] == text
            assert "arbitrary_arrest" in row["labels"]
            assert store.article_by_url(key(tg, WATCH, new_id)) is not None
        flush = raqib(config, "alerts", "flush")
        assert flush.returncode == 0, flush.stderr
        alerted = " ".join(body["message"] for body in hook.accepted)
        assert tg.link(WATCH, post_id) in alerted


def test_forwards_and_copies_fold_as_duplicates(tg: TelegramMirror, tmp_path: Path) -> None:
    config = write_config(tmp_path, tg)
    assert run(config, "tg-watch")["status"] == "ok"
    south = run(config, "tg-south")
    assert south["status"] == "ok"
    assert south["stats"]["duplicates"] == 2
    assert south["stats"]["new_articles"] == 2
    assert "1 item(s) skipped (post without text" in south["message"]  # the bare photo
    with Store.open(tmp_path / "raqib.db") as store:
        links = {row["url"]: row for row in store.query("SELECT * FROM duplicates")}
        forward = links[key(tg, SOUTH, 52)]  # "Forwarded from" the first channel
        copy = links[key(tg, SOUTH, 53)]  # the same text with the network's signature
        assert forward["article_id"] == store.article_by_url(key(tg, WATCH, 104))["id"]
        assert forward["kind"] == "exact"
        assert copy["article_id"] == store.article_by_url(key(tg, WATCH, 137))["id"]
        assert copy["kind"] == "near"
        assert store.article_by_url(key(tg, SOUTH, 54))["labels"] == ["release"]


def test_an_edit_marked_by_an_element_of_its_own_is_seen_too(tg: TelegramMirror,
                                                              tmp_path: Path) -> None:
    config = write_config(tmp_path, tg)
    run(config, "tg-watch")
    tg.edited_mark = "element"
    tg.edit(WATCH, 140, "أفرجت السلطات عن المعتقلة هدى الخطيب بعد عامين من احتجازها في سجن "
                        "عدرا المركزي، وتبين أنها نقلت قبل ذلك إلى فرع فلسطين.")
    assert run(config, "tg-watch")["stats"]["new_versions"] == 1


def test_robots_rules_are_obeyed_if_the_site_publishes_some(tg: TelegramMirror,
                                                            tmp_path: Path) -> None:
    tg.robots = "User-agent: *\nDisallow: /s/\n"
    config = write_config(tmp_path, tg)
    done = run(config, "tg-watch")
    assert [r.path for r in tg.requests] == ["/robots.txt"]
    assert done["stats"].get("new_articles", 0) == 0
    tg.robots = "User-agent: *\nDisallow: /login\n"
    assert run(config, "tg-watch")["stats"]["new_articles"] > 0


def test_backfill_takes_the_window_and_resumes_from_its_cursor(tg: TelegramMirror,
                                                                tmp_path: Path) -> None:
    config = write_config(tmp_path, tg)
    since, until = date(2026, 3, 8), date(2026, 3, 12)
    inside = {key(tg, WATCH, p.id) for p in tg.channels[WATCH]
              if since <= p.published.date() <= until}
    assert 10 < len(inside) < 20

    # an earlier run of this window stopped after the first page: its cursor says go on
    # below the first page's oldest post
    first_page, _, older = parse_preview(tg.render(WATCH, None), tg.base_url + "/s/" + WATCH)
    assert older is not None
    assert len(first_page) == 20
    with Store.open(tmp_path / "raqib.db") as store:
        store.save_backfill_cursor("tg-watch", since, until,
                                   cursor={"lanes": {"before": older}, "pending": [],
                                           "pages_done": 1, "articles": 0},
                                   pages_done=1, articles=0)
    start = len(tg.requests)
    done = run(config, "tg-watch", "--since", since.isoformat(), "--until", until.isoformat())
    assert done["status"] == "ok", done
    asked = [r.path for r in tg.requests[start:] if r.path != "/robots.txt"]
    assert asked[0] == f"/s/{WATCH}?before={older}"  # the first page is not read again
    assert all(before_of(path) is not None for path in asked)
    with Store.open(tmp_path / "raqib.db") as store:
        assert set(by_url(store, "tg-watch")) == inside
        assert store.backfill_cursor("tg-watch", since, until) is None  # cleared when done

    # a straight backfill of a later window pages back from the newest post and stops
    # below its start
    start = len(tg.requests)
    done = run(config, "tg-watch", "--since", "2026-03-18")
    assert done["status"] == "ok"
    asked = [r.path for r in tg.requests[start:] if r.path != "/robots.txt"]
    assert asked == [f"/s/{WATCH}"]
    with Store.open(tmp_path / "raqib.db") as store:
        stored = set(by_url(store, "tg-watch"))
    assert {key(tg, WATCH, p.id) for p in tg.channels[WATCH]
            if p.published.date() >= date(2026, 3, 18)} <= stored


def make(config: Path, *, since: date | None, until: date | None,
         cursor: dict[str, Any] | None = None, known: frozenset[str] = frozenset()
         ) -> TelegramSpider:
    loaded = load_config(config)
    source = loaded.source("tg-watch")
    return TelegramSpider(source=source, crawl=loaded.crawl,
                          known=lambda urls: set(urls) & known,
                          canonical=lambda url: canonical_url(url, source), since=since,
                          until=until, cursor=cursor)


def test_each_listing_page_saves_the_next_before_id(tg: TelegramMirror, tmp_path: Path) -> None:
    from test_cursor import crawl_page, entry, fetch

    config = write_config(tmp_path, tg)
    spider = make(config, since=date(2026, 1, 1), until=None)
    [first] = entry(spider)
    out = list(first.callback(fetch(first)))
    posts = [i for i in out if isinstance(i, PageItem)]
    [cursor] = [i for i in out if isinstance(i, CursorItem)]
    assert len(posts) == 20
    assert all(p.page.body == posts[0].page.body for p in posts)  # one listing, no refetch
    following = cursor.cursor["lanes"]["before"]
    assert following == min(int(p.page.url.rsplit("/", 1)[1]) for p in posts)
    resumed = make(config, since=date(2026, 1, 1), until=None, cursor=cursor.cursor)
    [again] = entry(resumed)
    assert again.url == f"{tg.preview(WATCH)}?before={following}"
    requests, [last] = crawl_page(again)
    assert last.pages_done == 2
    done = make(config, since=date(2026, 1, 1), until=None,
                cursor={"lanes": {"before": None}})
    assert entry(done) == []


def test_preview_url_and_bad_source_urls() -> None:
    assert preview_url("https://t.me/s/enabbaladi") == "https://t.me/s/enabbaladi"
    assert preview_url("https://t.me/enabbaladi?x=1") == "https://t.me/s/enabbaladi"
    for bad in ("https://t.me/", "https://t.me/s/", "https://t.me/joinchat/abc/def",
                "https://t.me/s/ab"):
        with pytest.raises(TelegramURLError, match="https://t.me/s/<channel>"):
            preview_url(bad)


def test_a_url_naming_no_channel_fails_the_run_with_the_fix(tg: TelegramMirror,
                                                             tmp_path: Path) -> None:
    config = write_config(tmp_path, tg)
    text = config.read_text(encoding="utf-8").replace(tg.preview(SOUTH), tg.base_url + "/")
    config.write_text(text, encoding="utf-8")
    done = run(config, "tg-south")
    assert done["status"] == "failed"
    assert "https://t.me/s/<channel>" in done["message"]


def test_sources_check_probes_a_channel_preview(tg: TelegramMirror, tmp_path: Path) -> None:
    config = write_config(tmp_path, tg)
    text = config.read_text(encoding="utf-8").replace(tg.preview(SOUTH),
                                                      tg.base_url + "/s/no_such_channel")
    config.write_text(text, encoding="utf-8")
    result = raqib(config, "sources", "--check", "--source", "tg-watch", "--source", "tg-south")
    assert result.returncode == 1
    found = {line.split(":", 1)[0]: line for line in result.stdout.splitlines()}
    assert found["tg-watch"] == ("tg-watch: ok — preview lists 20 posts with text, newest "
                                 "2026-03-20")
    assert "tg-south: BROKEN — the channel preview" in found["tg-south"]
    assert "HTTP 404 — check the channel's @name" in found["tg-south"]


def test_preview_parsing_keeps_each_posts_own_text() -> None:
    page = """<html><body><section>
    <a class="tme_messages_more js-messages_more" data-before="70" href="/s/chan_one?before=70"></a>
    <div class="tgme_widget_message js-widget_message" data-post="chan_one/71">
      <a class="tgme_widget_message_reply" href="https://t.me/chan_one/60">
        <div class="tgme_widget_message_text js-message_reply_text">the quoted older post</div>
      </a>
      <div class="tgme_widget_message_text js-message_text">First line<br/>second <b>bold</b>
        line <i class="emoji"><b>🔴</b></i></div>
      <span class="tgme_widget_message_meta">edited <a class="tgme_widget_message_date"
        href="https://t.me/chan_one/71"><time datetime="2026-02-01T10:00:00+02:00">10:00</time>
      </a></span>
    </div>
    <div class="tgme_widget_message js-widget_message" data-post="chan_one/72">
      <div class="tgme_widget_message_forwarded_from">Forwarded from
        <a class="tgme_widget_message_forwarded_from_name" href="https://t.me/other/9">
        <span>Other</span></a></div>
      <div class="tgme_widget_message_text js-message_text">Copied words</div>
      <a class="tgme_widget_message_date" href="https://t.me/chan_one/72">
        <time datetime="2026-02-01T11:00:00+00:00">11:00</time></a>
    </div>
    <div class="tgme_widget_message js-widget_message" data-post="chan_one/73">
      <a class="tgme_widget_message_photo_wrap" href="#"></a>
    </div></section></body></html>"""
    posts, empty, older = parse_preview(page, "https://t.me/s/chan_one")
    assert older == 70
    assert empty == 1  # the bare photo
    newest, first = posts
    assert newest.id == 72
    assert newest.forwarded_from == "https://t.me/other/9"
    assert not newest.edited
    assert first.text == "First line\nsecond bold line 🔴"
    assert first.edited
    assert first.published == "2026-02-01T08:00:00+00:00"
    assert first.link == "https://t.me/chan_one/71"


def test_short_texts_carry_no_label() -> None:
    from classifiers import classify
    from crawler.shorttext import guard_short_texts, label_words

    assert label_words("Arrested https://example.org/x @someone 2026") == 1
    guarded = guard_short_texts(classify)
    assert classify("Arrested", "Arrested", "en").labels  # the rules alone would label it
    assert guarded("Arrested", "Arrested", "en").labels == ()
    assert guarded("اعتقال", "اعتقال #درعا", "ar").labels == ()
    long = "Regime forces arrested a young man at a checkpoint in Daraa on Monday."
    assert guarded(long, long, "en").labels == classify(long, long, "en").labels
    assert "arbitrary_arrest" in guarded(long, long, "en").labels
