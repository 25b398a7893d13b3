"""A watched name queues its channel's alert in the ingest transaction, once per report,
whatever the channel's filters; the message is rendered from the watch file at dispatch."""

from __future__ import annotations

import json

import pytest
from support.webhook import WebhookServer

from alerts.dispatch import dispatch_pending
from crawler.errors import StoreError
from crawler.models import Outcome
from crawler.watchlist import WatchBook

from .conftest import make_config

# Typed by the family in Latin script; the reports write it in Arabic or spell it otherwise.
TYPED = "Nizar Fayez al-Qudsi"
IN_REPORT = "Nizar Fayiz el-Koudsi"
ARREST = f"Security forces arrested {IN_REPORT}, 34, at a checkpoint near Hama in March."
ARREST_AR = "اعتقلت قوات الأمن نزار فايز القدسي البالغ من العمر 34 عاماً عند حاجز قرب حماة."


def channels(family: WebhookServer, desk: WebhookServer) -> list[dict[str, object]]:
    return [
        # The family's channel wants releases only: a watched name must reach it anyway.
        {"name": "family", "url": family.url(), "mode": "immediate", "labels": ["release"],
         "sources": ["sohr-ar"]},
        {"name": "desk", "url": desk.url(), "mode": "immediate"},
    ]


def watch_rows(store):
    return store.query("SELECT * FROM alerts WHERE kind = 'watch' ORDER BY id")


def test_one_alert_per_report_ignoring_filters_and_never_twice(tmp_path, store, ingest_into):
    with WebhookServer() as family, WebhookServer() as desk:
        config = make_config(store.path, channels(family, desk))
        entry = WatchBook.beside(store.path).add(TYPED, "family", note="my brother")

        first = ingest_into(store, config, title="اعتقال قرب حماة", sentence=ARREST_AR,
                            lang="ar", source="sohr-ar", url="https://news.example.org/a/1/")
        assert first.outcome is Outcome.NEW
        assert first.alerts_queued == 1  # the desk's; the watch alert is not counted
        rows = watch_rows(store)
        assert [(r["channel"], r["article_id"], r["mode"]) for r in rows] == [
            ("family", first.article_id, "immediate")]
        assert json.loads(rows[0]["payload"]) == {"watch": entry.token}
        assert rows[0]["key"] == f"{first.article_id}:{entry.token}"

        again = ingest_into(store, config, title="اعتقال قرب حماة", sentence=ARREST_AR,
                            lang="ar", source="sohr-ar", url="https://news.example.org/a/1/")
        assert again.outcome in (Outcome.UNCHANGED, Outcome.NEW_VERSION)
        edited = ingest_into(store, config, title="اعتقال قرب حماة (تحديث)",
                             sentence=ARREST_AR + " ونقل لاحقاً إلى سجن في دمشق.",
                             lang="ar", source="sohr-ar", url="https://news.example.org/a/1/")
        assert edited.outcome is Outcome.NEW_VERSION
        assert len(watch_rows(store)) == 1

        other = ingest_into(store, config, title="Another arrest",
                            sentence="Security forces arrested Nizar Qabbani Haddad in Idlib.")
        assert other.outcome is Outcome.NEW
        assert len(watch_rows(store)) == 1
        english = ingest_into(store, config, title="Teacher held in Hama", sentence=ARREST)
        assert [r["article_id"] for r in watch_rows(store)] == [first.article_id,
                                                                 english.article_id]

        report = dispatch_pending(store, config)
        assert report.ok, report.errors
        assert len(family.accepted) == 2
        message = family.accepted[0]
        assert TYPED in message["message"]
        assert "my brother" in message["message"]
        assert "اعتقال قرب حماة" in message["title"]
        assert TYPED not in message["title"]  # previews and lock screens show the subject
        assert "news.example.org/a/1" in message["message"]
        assert desk.accepted
        assert all(TYPED not in json.dumps(m, ensure_ascii=False)
                                     for m in desk.accepted)
        assert dispatch_pending(store, config).sent == 0


def test_the_main_store_never_holds_the_name(tmp_path, store, ingest_into):
    with WebhookServer() as family, WebhookServer() as desk:
        config = make_config(store.path, channels(family, desk))
        WatchBook.beside(store.path).add(TYPED, "family", note="my brother")
        ingest_into(store, config, title="Arrest near Hama", sentence=ARREST)
        assert dispatch_pending(store, config).sent == 2
    store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for path in tmp_path.iterdir():
        if path.name.startswith("raqib.db"):
            data = path.read_bytes()
            assert TYPED.encode() not in data, path.name
            assert b"my brother" not in data, path.name


def test_a_removed_entry_takes_its_queued_alerts_with_it(store, ingest_into):
    with WebhookServer() as family, WebhookServer() as desk:
        config = make_config(store.path, channels(family, desk))
        book = WatchBook.beside(store.path)
        entry = book.add(TYPED, "family")
        ingest_into(store, config, title="Arrest near Hama", sentence=ARREST)
        assert len(watch_rows(store)) == 1
        book.remove(entry.id)
        assert store.forget_watch_alerts(entry.token) == 1
        dispatch_pending(store, config)
        assert family.accepted == []
        # Removed: later reports no longer match.
        ingest_into(store, config, title="Second report", sentence=ARREST + " Still held.")
        assert watch_rows(store) == []


def test_a_name_on_two_channels_alerts_each(store, ingest_into):
    with WebhookServer() as family, WebhookServer() as desk:
        config = make_config(store.path, channels(family, desk))
        book = WatchBook.beside(store.path)
        book.add(TYPED, "family")
        book.add("نزار فايز القدسي", "desk")
        ingest_into(store, config, title="Arrest near Hama", sentence=ARREST)
        assert sorted(r["channel"] for r in watch_rows(store)) == ["desk", "family"]


def test_a_name_added_between_two_ingests_is_matched_by_the_second(store, ingest_into):
    with WebhookServer() as family, WebhookServer() as desk:
        config = make_config(store.path, channels(family, desk))
        book = WatchBook.beside(store.path)
        book.add("Samira Adel Khatib", "family")
        ingest_into(store, config, title="Arrest near Hama", sentence=ARREST)
        assert watch_rows(store) == []
        book.add(TYPED, "family")
        second = ingest_into(store, config, title="Second report", sentence=ARREST + " Again.")
        assert [r["article_id"] for r in watch_rows(store)] == [second.article_id]


def test_an_unreadable_watch_file_stops_the_ingest_loudly_and_loses_nothing(store, ingest_into):
    with WebhookServer() as family, WebhookServer() as desk:
        config = make_config(store.path, channels(family, desk))
        book = WatchBook.beside(store.path)
        book.path.write_bytes(b"this is not a database " * 200)
        with pytest.raises(StoreError, match="watch file cannot be used"):
            ingest_into(store, config, title="Arrest near Hama", sentence=ARREST,
                        url="https://news.example.org/a/9/")
        assert store.article_by_url("https://news.example.org/a/9/") is None  # rolled back
        book.path.unlink()
        book.add(TYPED, "family")
        again = ingest_into(store, config, title="Arrest near Hama", sentence=ARREST,
                            url="https://news.example.org/a/9/")
        assert again.outcome is Outcome.NEW
        assert len(watch_rows(store)) == 1


def test_a_watch_file_broken_after_queueing_holds_back_its_channel_only(store, ingest_into):
    with WebhookServer() as family, WebhookServer() as desk:
        config = make_config(store.path, channels(family, desk))
        book = WatchBook.beside(store.path)
        book.add(TYPED, "family")
        ingest_into(store, config, title="Arrest near Hama", sentence=ARREST,
                    url="https://news.example.org/a/10/")
        book.path.write_bytes(b"this is not a database " * 200)

        report = dispatch_pending(store, config)

        assert [e.split(":")[0] for e in report.errors] == ["family"]
        assert desk.count == 1  # the next channel is still served
        assert family.count == 0
        assert [r["state"] for r in watch_rows(store)] == ["pending"]  # kept for later


def test_one_person_watched_in_two_spellings_alerts_once_per_report(store, ingest_into):
    """The two spellings a Latin th and s give (see README: several spellings of one person):
    a report may write either, or both; the channel hears of each report once."""
    with WebhookServer() as family, WebhookServer() as desk:
        config = make_config(store.path, channels(family, desk))
        book = WatchBook.beside(store.path)
        entry = book.add("Ghiyath Adel Matar", "family", also=["Ghiyas Adel Matar"])
        both = ingest_into(store, config, title="Activist detained",
                           sentence="Police detained Ghiyath Adel Matar on Monday; relatives "
                                    "wrote his name as Ghiyas Adel Matar in their appeal.")
        other = ingest_into(store, config, title="Second report",
                            sentence="Ghiyas Adel Matar was moved to a prison near Damascus.")
        rows = watch_rows(store)
        assert [(r["article_id"], r["key"]) for r in rows] == [
            (both.article_id, f"{both.article_id}:{entry.token}"),
            (other.article_id, f"{other.article_id}:{entry.token}")]
        dispatch_pending(store, config)
        assert len(family.accepted) == 2
