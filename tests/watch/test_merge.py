"""`raqib watch merge`: two entries found to be one person become one entry; no report is
alerted twice because of it, and nothing changes when the merge is refused."""

from __future__ import annotations

import json
import sqlite3

import pytest
from support.webhook import WebhookServer

from alerts.dispatch import dispatch_pending
from crawler.errors import UsageError
from crawler.watchlist import WatchBook
from crawler.watchlist.merge import merge_entries

from .conftest import make_config

# A Latin th and s never meet (README: several spellings of one person), so two members of a
# family may watch one man twice without either entry finding the other's reports.
THE = "Ghiyath Adel Matar"
ESS = "Ghiyas Adel Matar"
ARABIC = "غياث عادل مطر"  # meets both


def channels(family: WebhookServer, desk: WebhookServer) -> list[dict[str, object]]:
    return [{"name": "family", "url": family.url(), "mode": "immediate", "labels": ["release"]},
            {"name": "desk", "url": desk.url(), "mode": "immediate", "labels": ["release"]}]


def watch_rows(store):
    return store.query("SELECT * FROM alerts WHERE kind = 'watch' ORDER BY id")


def test_names_spellings_and_notes_go_to_the_kept_entry_and_the_others_are_gone(tmp_path):
    book = WatchBook(tmp_path / "w.db")
    keep = book.add(THE, "family", note="our brother")
    other = book.add(ESS, "family", note="cousin Rana's entry", also=["Ghaith Adel Matar"])
    third = book.add("Ghiyath Adil Matar", "family", note="our brother")
    with sqlite3.connect(book.path) as conn:  # made by a raqib from before the check
        conn.execute("INSERT INTO entries (token, name, channel, added_at) VALUES "
                     "('t9', 'GHIYATH adel matar', 'family', '2026-01-01T00:00:00+00:00')")
    conn.close()
    [legacy] = [e for e in book.entries() if e.token == "t9"]
    seen: list[object] = []

    merge = book.merge(keep.id, [other.id, third.id, legacy.id], seen.append)

    assert seen == [merge]
    assert merge.entry.also == (ESS, "Ghaith Adel Matar", "Ghiyath Adil Matar")
    assert merge.added == merge.entry.also  # the legacy name reads as the kept one: passed by
    assert merge.entry.note == "our brother; cousin Rana's entry"  # the same note once
    assert merge.notes_from == (other.id,)
    assert [e.id for e in merge.others] == [other.id, third.id, legacy.id]
    assert book.entries() == [merge.entry]
    assert b"GHIYATH adel matar" not in book.path.read_bytes()  # overwritten, not left behind


def test_refused_merges_change_nothing_and_say_why_in_one_line(tmp_path):
    book = WatchBook(tmp_path / "w.db")
    with pytest.raises(UsageError, match="no watch entry 1"):
        book.merge(1, [2])
    assert not book.exists()
    keep = book.add(THE, "family")
    other = book.add(ESS, "family")
    elsewhere = book.add(ARABIC, "desk")
    before = book.path.read_bytes()
    for ids, says in (((keep.id, [keep.id]), "cannot be merged into itself"),
                      ((keep.id, [other.id, other.id]), f"entry {other.id} is given twice"),
                      ((keep.id, [9]), "no watch entry 9"),
                      ((7, [other.id]), "no watch entry 7"),
                      ((keep.id, [other.id, elsewhere.id]), "only entries of one channel")):
        with pytest.raises(UsageError, match=says) as refused:
            book.merge(*ids)
        assert "\n" not in str(refused.value)
    assert book.path.read_bytes() == before


def test_a_failure_in_the_store_leaves_the_watch_file_as_it_was(tmp_path):
    book = WatchBook(tmp_path / "w.db")
    keep = book.add(THE, "family")
    other = book.add(ESS, "family")

    def fail(_merge: object) -> None:
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        book.merge(keep.id, [other.id], fail)
    assert book.entries() == [keep, other]


def test_a_report_both_entries_had_is_sent_once(store, ingest_into):
    """Both entries queued the same report: the merge keeps one row, so it goes out once."""
    with WebhookServer() as family, WebhookServer() as desk:
        config = make_config(store.path, channels(family, desk))
        book = WatchBook.beside(store.path)
        keep = book.add(THE, "family", note="our brother")
        other = book.add(ARABIC, "family")
        report = ingest_into(store, config, title="Activist detained",
                             sentence=f"Police detained {THE} at a checkpoint on Monday.")
        assert len(watch_rows(store)) == 2  # one per entry, before the merge

        merged = merge_entries(book, store, keep.id, [other.id])

        assert merged.carried == 1
        assert merged.found == []
        assert merged.queued == 0
        [row] = watch_rows(store)
        assert row["key"] == f"{report.article_id}:{keep.token}"
        assert json.loads(row["payload"]) == {"watch": keep.token}
        dispatch_pending(store, config)
        assert len(family.accepted) == 1
        assert THE in family.accepted[0]["message"]
        assert "our brother" in family.accepted[0]["message"]


def test_a_report_sent_for_the_merged_entry_is_not_sent_again(store, ingest_into):
    """The other entry's alert went out, the kept one's still waited: the sent row stays (now
    the kept entry's) and the waiting one goes, so the channel does not hear of it twice."""
    with WebhookServer() as family, WebhookServer() as desk:
        config = make_config(store.path, channels(family, desk))
        book = WatchBook.beside(store.path)
        keep = book.add(THE, "family")
        other = book.add(ARABIC, "family")
        report = ingest_into(store, config, title="Activist detained",
                             sentence=f"Police detained {THE} at a checkpoint on Monday.")
        sent = next(r for r in watch_rows(store) if r["key"].endswith(other.token))
        store.mark_alert_sent(sent["id"])

        merge_entries(book, store, keep.id, [other.id])

        [row] = watch_rows(store)
        assert (row["id"], row["state"]) == (sent["id"], "sent")
        assert row["key"] == f"{report.article_id}:{keep.token}"
        assert store.watch_alert_counts() == {keep.token: {"sent": 1}}
        dispatch_pending(store, config)
        assert family.accepted == []
        # a new version of the report finds the row: still nothing more
        ingest_into(store, config, title="Activist detained (update)",
                    sentence=f"Police detained {THE} at a checkpoint on Monday. He was moved.",
                    url=store.query("SELECT url FROM articles WHERE id = ?",
                                    [report.article_id])[0]["url"])
        assert len(watch_rows(store)) == 1


def test_reports_neither_entry_was_alerted_for_are_found_and_queued(store, ingest_into):
    with WebhookServer() as family, WebhookServer() as desk:
        config = make_config(store.path, channels(family, desk))
        book = WatchBook.beside(store.path)
        keep = book.add(THE, "family")
        ess = ingest_into(store, config, title="Second report",
                          sentence=f"{ESS} was moved to a prison near Damascus.")
        other = book.add(ESS, "family")  # added like `watch add --no-past-alerts`: no row
        assert watch_rows(store) == []

        declined = merge_entries(book, store, keep.id, [other.id], past_alerts=False)
        assert [a["id"] for a in declined.found] == [ess.article_id]
        assert declined.queued == 0
        assert watch_rows(store) == []

        again = book.add("Ghaith Adel Matar", "family")
        merged = merge_entries(book, store, keep.id, [again.id])
        assert [a["id"] for a in merged.found] == [ess.article_id]
        assert merged.queued == 1
        dispatch_pending(store, config)
        assert len(family.accepted) == 1


def test_a_merge_the_watch_file_missed_is_finished_by_running_it_again(store, ingest_into):
    """The process died between the store's commit and the watch file's: the rows are the
    kept entry's already, both entries are still watched. The same merge again finishes it
    and queues nothing twice."""
    with WebhookServer() as family, WebhookServer() as desk:
        config = make_config(store.path, channels(family, desk))
        book = WatchBook.beside(store.path)
        keep = book.add(THE, "family")
        other = book.add(ESS, "family")
        ingest_into(store, config, title="Second report",
                    sentence=f"{ESS} was moved to a prison near Damascus.")
        assert store.merge_watch_alerts(keep.token, [other.token]) == 1  # then the crash

        merged = merge_entries(book, store, keep.id, [other.id])

        assert (merged.carried, merged.found, merged.queued) == (0, [], 0)
        assert len(watch_rows(store)) == 1
        dispatch_pending(store, config)
        assert len(family.accepted) == 1


def test_the_main_store_never_holds_the_merged_names(tmp_path, store, ingest_into):
    with WebhookServer() as family, WebhookServer() as desk:
        config = make_config(store.path, channels(family, desk))
        book = WatchBook.beside(store.path)
        keep = book.add(THE, "family", note="our brother")
        other = book.add(ESS, "family", note="cousin Rana's entry")
        ingest_into(store, config, title="Second report",
                    sentence="A man was moved to a prison near Damascus.")
        merge_entries(book, store, keep.id, [other.id])
        store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        for path in tmp_path.iterdir():
            if path.name.startswith("raqib.db"):
                data = path.read_bytes()
                for private in (THE, ESS, "our brother", "cousin Rana"):
                    assert private.encode() not in data, path.name
