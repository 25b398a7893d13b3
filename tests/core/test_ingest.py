"""The ingest stage: one fetched page in, the right rows and alerts out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from support.pages import DEATH, SHELLING, article_html, page

from crawler.archive.show import article_view
from crawler.archive.store import Store
from crawler.config import build_config
from crawler.ingest import Ingestor
from crawler.models import FetchedPage, Outcome, PageHints

BASE = "https://news.example.org"


@pytest.fixture
def ingestor(tmp_path):
    config = build_config({
        "sources": [{"name": "test", "spider": "feed", "url": f"{BASE}/feed/",
                     "aliases": ["news.example-alias.org"]}],
        "channels": [
            {"name": "desk", "url": "console://", "labels": ["torture_death"]},
            {"name": "everything", "url": "console://", "mode": "digest"},
            {"name": "archive", "url": "console://", "labels": ["release"], "removals": True},
        ],
    }, path=None)
    store = Store.open(tmp_path / "raqib.db")
    yield Ingestor(store, config)
    store.close()


def alerts(store: Store) -> list[tuple[str, str, str]]:
    return [(r["channel"], r["kind"], r["labels"]) for r in
            store.query("SELECT channel, kind, labels FROM alerts ORDER BY id")]


def test_new_flagged_article_is_stored_with_its_capture_and_alerts(ingestor):
    url = f"{BASE}/2025/03/04/young-man-dies-under-torture/"
    result = ingestor.ingest(page(url, article_html("Young man dies under torture", DEATH)))
    assert result.outcome is Outcome.NEW
    assert "torture_death" in result.labels
    store = ingestor.store
    article = store.article(result.article_id)
    assert article["url"] == f"{BASE}/2025/03/04/young-man-dies-under-torture"
    assert article["title"] == "Young man dies under torture"
    assert "Related News" not in article["text"]
    assert "Khaled Omar al-Haddad" in article["text"]
    assert article["published"].startswith("2025-03-04")
    assert article["lang"] == "en"
    capture = store.query("SELECT kind, status, sha256, article_id FROM captures")[0]
    assert capture["kind"] == "article"
    assert capture["article_id"] == result.article_id
    assert [(c, k) for c, k, _ in alerts(store)] == [("desk", "article"),
                                                    ("everything", "article")]


def test_unflagged_article_queues_nothing(ingestor):
    result = ingestor.ingest(page(f"{BASE}/2025/03/05/shelling/",
                                  article_html("Shelling on Ariha", SHELLING)))
    assert result.outcome is Outcome.NEW
    assert result.labels == ()
    assert alerts(ingestor.store) == []


def test_url_variants_and_copies_are_one_article_alerted_once(ingestor):
    html = article_html("Young man dies under torture", DEATH)
    first = ingestor.ingest(page(f"{BASE}/2025/03/04/dies/", html))
    variants = [
        f"{BASE}/2025/03/04/dies/?utm_source=feed&utm_medium=rss",
        "http://news.example.org/2025/03/04/dies",
        "https://news.example-alias.org/2025/03/04/dies/#comments",
        f"{BASE}/2025/03/04/dies/amp/",
    ]
    for url in variants:
        result = ingestor.ingest(page(url, html))
        assert result.article_id == first.article_id, url
        assert result.outcome in (Outcome.UNCHANGED, Outcome.DUPLICATE), url
    copy = article_html("Reprint: young man dies under torture",
                        ["Republished from our partners at a human-rights network."] + DEATH
                        + ["Our newsroom can be reached through the contact page."])
    reprint = ingestor.ingest(page("https://other-site.example.net/archives/99", copy))
    assert reprint.outcome is Outcome.DUPLICATE
    assert reprint.duplicate_of == first.article_id
    store = ingestor.store
    assert store.counts()["articles"] == 1
    assert len(alerts(store)) == 2  # desk + everything, once each
    assert store.query("SELECT url FROM duplicates WHERE kind = 'near'") == [
        {"url": "https://other-site.example.net/archives/99"}]


def test_different_reports_sharing_stock_closings_are_not_merged(ingestor):
    closing = [
        "The network notes that its database records at least {n} people who have died due "
        "to torture in detention centres since March 2011, most of them at the hands of "
        "government forces.",
        "The network calls on the United Nations and the guarantor states to press for the "
        "release of all detainees and to disclose the fate of the disappeared.",
        "The network reminds that it documents each case with the family and with witnesses.",
    ]
    towns = ["Nawa", "Jasem", "Inkhil", "Tafas", "Busra"]
    ids = set()
    for number, town in enumerate(towns):
        body = [f"A man named Yasser Hamid {town}i, from {town} in Daraa governorate, died "
                f"under torture in a detention centre, his family learned on March {number + 3}, "
                "2025, years after his arrest at a checkpoint."]
        body += [p.format(n=15000 + number) for p in closing]
        result = ingestor.ingest(page(f"{BASE}/2025/03/0{number + 3}/death-{town.lower()}/",
                                      article_html(f"Death under torture in {town}", body)))
        assert result.outcome is Outcome.NEW, (town, result.message)
        ids.add(result.article_id)
    assert len(ids) == len(towns)


def test_edit_makes_a_new_version_and_alerts_only_for_a_new_wanted_label(ingestor):
    url = f"{BASE}/2025/03/06/arrest-in-homs/"
    arrest = ["Security forces arrested Maher Adel Suleiman, a 40-year-old teacher, at a "
              "checkpoint in Homs city on March 1, 2025, and took him to an unknown place.",
              "His family has not been able to learn where he is held or why."]
    first = ingestor.ingest(page(url, article_html("Teacher arrested in Homs", arrest)))
    assert first.outcome is Outcome.NEW
    before = alerts(ingestor.store)
    assert ("desk", "article") not in [(c, k) for c, k, _ in before]  # desk wants deaths only

    reworded = arrest + ["Relatives added that he had been a teacher for twenty years."]
    edit = ingestor.ingest(page(url, article_html("Teacher arrested in Homs", reworded)))
    assert edit.outcome is Outcome.NEW_VERSION
    assert alerts(ingestor.store) == before  # nothing new a channel wants

    died = reworded + ["On March 20 his family was told that he had died under torture in "
                       "the detention centre; his body has not been handed over."]
    update = ingestor.ingest(page(url, article_html("Teacher dies under torture in Homs",
                                                    died)))
    assert update.outcome is Outcome.NEW_VERSION
    assert "torture_death" in update.labels
    after = alerts(ingestor.store)
    assert ("desk", "article", '["torture_death"]') in after  # first alert on desk
    everything = [k for c, k, _ in after if c == "everything"]
    assert everything == ["article", "update"]  # it now carries a label it did not
    store = ingestor.store
    assert store.article(first.article_id)["version"] == 3
    assert [v["version"] for v in store.query(
        "SELECT version FROM versions ORDER BY version")] == [1, 2, 3]


def test_removed_article_is_marked_and_opted_in_channels_told(ingestor):
    url = f"{BASE}/2025/03/07/released/"
    release = ["Authorities released 40 detainees from Adra Central Prison on Sunday under "
               "the amnesty decree, relatives waiting outside the prison said.",
               "Among those released was Firas Nabil Darwish, arrested in 2019 in Damascus."]
    first = ingestor.ingest(page(url, article_html("Forty detainees released", release)))
    gone = ingestor.ingest(page(url, b"<html><body>Not found</body></html>", status=404,
                                fetched_at=datetime.now(UTC) + timedelta(days=1)))
    assert gone.outcome is Outcome.REMOVED
    assert ingestor.store.article(first.article_id)["removed_at"] is not None
    assert ("archive", "removal") in [(c, k) for c, k, _ in alerts(ingestor.store)]
    again = ingestor.ingest(page(url, b"<html>Not found</html>", status=410))
    assert again.outcome is Outcome.REMOVED
    assert again.alerts_queued == 0


def test_windows_1256_page_mislabelled_as_utf8_is_read_correctly(ingestor):
    text = ["اعتقلت قوات الأمن الشاب سامر خليل عند حاجز في مدينة حماة صباح الأحد، واقتادته إلى "
            "جهة مجهولة، ولم تتمكن عائلته من معرفة مكان احتجازه حتى اليوم.",
            "وقالت مصادر محلية إن الشاب كان في طريقه إلى عمله عند اعتقاله."]
    html = article_html("اعتقال شاب عند حاجز في حماة", text, lang="ar",
                        charset="windows-1256").encode("cp1256")
    result = ingestor.ingest(page(f"{BASE}/ar/2025/03/08/arrest/", html,
                                  charset_header="utf-8"))
    assert result.outcome is Outcome.NEW
    article = ingestor.store.article(result.article_id)
    assert article["lang"] == "ar"
    assert "سامر خليل" in article["text"]
    assert "arbitrary_arrest" in article["labels"]


def test_empty_page_is_archived_and_reported_not_stored_as_article(ingestor):
    result = ingestor.ingest(page(f"{BASE}/2025/03/09/empty/", b""))
    assert result.outcome is Outcome.EXTRACTION_FAILED
    assert "empty" in result.message
    store = ingestor.store
    assert store.counts()["articles"] == 0
    assert store.query("SELECT kind FROM captures") == [{"kind": "failed"}]


def test_feed_hints_win_over_the_page_for_title_and_date(ingestor):
    url = f"{BASE}/2025/03/10/report/"
    html = article_html("Report, March 9", DEATH, published="2026-11-21T08:00:00+00:00")
    hints = PageHints(title="Death under torture confirmed in Daraa, March 9",
                      published="2025-03-10T09:00:00+00:00")
    result = ingestor.ingest(page(url, html, hints=hints))
    article = ingestor.store.article(result.article_id)
    assert article["published"] == "2025-03-10T09:00:00+00:00"
    assert article["title"] == "Death under torture confirmed in Daraa, March 9"


def test_hedged_report_is_stored_as_probable_and_shown_so(ingestor):
    hedged = ["Yamen Saeed Khatib, a 31-year-old engineer from Saraqib in Idlib governorate, "
              "was arrested by government forces at a checkpoint in Hama in 2015.",
              "His family was informed of his death in detention on May 3, 2025; he was in good "
              "health when arrested, which indicates that he most probably died due to torture."]
    result = ingestor.ingest(page(f"{BASE}/2025/05/04/engineer/",
                                  article_html("Engineer probably died under torture", hedged)))
    article = ingestor.store.article(result.article_id)
    assert "torture_death" in article["labels"]
    assert article["probable"] == ["torture_death"]

    from alerts.render import render_article
    from crawler.archive.export import article_record

    assert article_record({**article, "versions": 1, "duplicates": []})["probable"] == [
        "torture_death"]
    message = render_article(article, article["labels"], kind="article", content_note=False)
    assert "(probable)" in message.text


NOT_FOUND = ("<html><head><title>Page not found – News</title></head><body class='error404'>"
             "<h1>Oops! That page can't be found.</h1><p>Try the search.</p></body></html>")


def test_a_headline_saying_not_found_is_news_not_a_missing_page(ingestor):
    url = f"{BASE}/2025/03/09/bodies/"
    title = "Fate of thousands of detainees: many cannot be found, families say"
    first = ingestor.ingest(page(url, article_html(title, DEATH)))
    assert first.outcome is Outcome.NEW
    edited = ingestor.ingest(page(url, article_html("Bodies not found – News", DEATH[::-1]),
                                  fetched_at=datetime.now(UTC) + timedelta(hours=1)))
    assert edited.outcome is Outcome.NEW_VERSION
    assert ingestor.store.article(first.article_id)["removed_at"] is None


def test_a_not_found_page_marks_removed_when_a_later_answer_says_so_too(ingestor):
    url = f"{BASE}/2025/03/10/released/"
    first = ingestor.ingest(page(url, article_html("Detainee released", DEATH)))
    day = datetime.now(UTC) + timedelta(days=1)
    suspected = ingestor.ingest(page(url, NOT_FOUND, fetched_at=day))
    assert suspected.outcome is Outcome.UNCHANGED
    assert "suspected removed" in suspected.message
    soon = ingestor.ingest(page(url, NOT_FOUND, fetched_at=day + timedelta(minutes=20)))
    assert soon.outcome is Outcome.UNCHANGED  # a site down for a while removes nothing
    store = ingestor.store
    assert store.article(first.article_id)["removed_at"] is None
    assert not store.query("SELECT * FROM alerts WHERE kind = 'removal'")
    gone = ingestor.ingest(page(url, NOT_FOUND, fetched_at=day + timedelta(hours=2)))
    assert gone.outcome is Outcome.REMOVED
    assert "page not found" in gone.message
    assert store.article(first.article_id)["version"] == 1
    payloads = [r["payload"] for r in store.query("SELECT payload FROM alerts WHERE kind = "
                                                  "'removal'")]
    assert payloads
    assert all("page not found" in p for p in payloads)
    shown = article_view(store, url).render()
    assert "the source answers with a 'page not found' page" in shown


def test_a_redirect_to_the_front_page_is_told_as_such(ingestor):
    url = f"{BASE}/news/55501"
    ingestor.ingest(page(url, article_html("Detainee released", DEATH)))
    day = datetime.now(UTC) + timedelta(days=1)
    for later in (timedelta(0), timedelta(hours=2)):
        result = ingestor.ingest(FetchedPage(
            source="test", url=url, final_url=f"{BASE}/", status=200,
            headers=(("Content-Type", "text/html; charset=utf-8"),),
            body=article_html("News front page", SHELLING).encode(),
            fetched_at=day + later, redirects=(url,)))
    assert result.outcome is Outcome.REMOVED
    assert "the source redirects it to" in article_view(ingestor.store, url).render()


def test_an_older_not_found_answer_marks_nothing(ingestor):
    """A WARC import of an old capture: the article was seen after that answer."""
    url = f"{BASE}/2025/03/11/arrest/"
    first = ingestor.ingest(page(url, article_html("Arrest in Hama", DEATH)))
    old = ingestor.ingest(page(url, NOT_FOUND, fetched_at=datetime(2019, 1, 1, tzinfo=UTC)))
    assert old.outcome is Outcome.UNCHANGED
    assert ingestor.store.article(first.article_id)["removed_at"] is None
    kinds = [r["kind"] for r in ingestor.store.query("SELECT kind FROM captures ORDER BY id")]
    assert kinds == ["article", "removed"]  # the answer is archived all the same


def test_a_gone_answer_for_an_unknown_page_is_archived_as_no_article(ingestor):
    result = ingestor.ingest(page(f"{BASE}/2025/03/12/never-seen/", NOT_FOUND))
    assert result.outcome is Outcome.EXTRACTION_FAILED
    assert not ingestor.store.query("SELECT * FROM articles")
    rows = ingestor.store.query("SELECT kind, article_id FROM captures")
    assert [(r["kind"], r["article_id"]) for r in rows] == [("removed", None)]


def test_a_short_item_titled_like_a_missing_page_is_kept(ingestor):
    """No error marker on the page: a short news item is news, whatever its title says."""
    html = article_html("Not found: the fate of 100,000 missing Syrians", DEATH[:1])
    result = ingestor.ingest(page(f"{BASE}/2025/03/13/not-found/", html))
    assert result.outcome is Outcome.NEW


def test_a_changed_address_with_the_article_still_there_is_an_edit(ingestor):
    """A redirect the gone tests read as a move to a section, to a page that still carries
    the article (edited): a new version, with the address as published kept. A short item
    edited in two words (its 5-word shingles mostly spoilt) is still the article too."""
    url = f"{BASE}/news/12345/young-man-dies"
    ingestor.ingest(page(url, article_html("Young man dies under torture", DEATH)))
    edited = DEATH + ["His family held a funeral without the body on Friday, relatives said."]
    short_url = f"{BASE}/news/12346/shelling"
    short = ["Three civilians were killed on Tuesday when artillery shells hit the crowded "
             "vegetable market in the town of Ariha in southern Idlib, local sources said."]
    ingestor.ingest(page(short_url, article_html("Shelling in Ariha", short)))
    retold = ["Five civilians were killed on Wednesday when artillery shells hit the main "
              "vegetable market in the town of Ariha in southern Idlib, residents said."]
    for where, title, text in ((url, "Young man dies under torture", edited),
                               (short_url, "Shelling in Ariha, five dead", retold)):
        moved = FetchedPage(
            source="test", url=where, final_url=f"{BASE}/news/", status=200,
            headers=(("Content-Type", "text/html; charset=utf-8"),),
            body=article_html(title, text).encode(),
            fetched_at=datetime.now(UTC) + timedelta(hours=1), redirects=(where,))
        assert ingestor.ingest(moved).outcome is Outcome.NEW_VERSION, where
        article = ingestor.store.article_by_url(where.rstrip("/"))
        assert article["removed_at"] is None
        assert article["link"]


def test_an_older_unchanged_capture_moves_nothing_back(ingestor):
    url = f"{BASE}/2025/03/14/arrest/"
    first = ingestor.ingest(page(url, article_html("Arrest in Hama", DEATH)))
    seen = ingestor.store.article(first.article_id)["last_seen"]
    old = ingestor.ingest(page(url, article_html("Arrest in Hama", DEATH),
                               fetched_at=datetime(2019, 1, 1, tzinfo=UTC)))
    assert old.outcome is Outcome.UNCHANGED
    assert ingestor.store.article(first.article_id)["last_seen"] == seen
