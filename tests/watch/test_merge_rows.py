"""The outbox rows around `raqib watch merge`: the row that got furthest is kept, a row claimed
or queued under a merged entry's token stays the kept entry's (rendered, counted, removed
with it), a watch file that cannot commit says how to finish, and a long merged note is
announced as cut."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from support.webhook import WebhookServer

from alerts.dispatch import dispatch_pending, render_row
from alerts.outbox import owner_id
from alerts.render import WATCH_NOTE_CHARS
from crawler.cli import cli
from crawler.errors import StoreError
from crawler.watchlist import WatchBook
from crawler.watchlist import book as book_module
from crawler.watchlist.alerts import KIND, ArchiveMatches, alert_key, queue_archive_alerts
from crawler.watchlist.merge import merge_entries

from .conftest import make_config
from .test_merge import ARABIC, ESS, THE, channels, watch_rows

STATES = ("sent", "sending", "pending", "failed")
PROGRESS = {state: rank for rank, state in enumerate(reversed(STATES))}


def set_state(store, alert_id: int, state: str) -> None:
    """Put a row in ``state`` as the dispatcher would (a claim by this live process)."""
    now = datetime.now(UTC).isoformat()
    with store.transaction():
        store.db.execute("UPDATE alerts SET state = ?, claimed_by = ?, claimed_at = ?, "
                         "sent_at = ? WHERE id = ?",
                         [state, owner_id() if state == "sending" else None,
                          now if state == "sending" else None,
                          now if state == "sent" else None, alert_id])


@pytest.mark.parametrize("other_state", STATES)
@pytest.mark.parametrize("keep_state", STATES)
def test_the_row_that_got_furthest_is_kept_and_nothing_sent_is_sent_again(
        store, ingest_into, keep_state, other_state):
    with WebhookServer() as family, WebhookServer() as desk:
        config = make_config(store.path, channels(family, desk))
        book = WatchBook.beside(store.path)
        keep = book.add(THE, "family")
        other = book.add(ARABIC, "family")  # meets the Latin spelling: both rows, one report
        report = ingest_into(store, config, title="Activist detained",
                             sentence=f"Police detained {THE} at a checkpoint on Monday.")
        rows = {r["key"].rpartition(":")[2]: r["id"] for r in watch_rows(store)}
        set_state(store, rows[keep.token], keep_state)
        set_state(store, rows[other.token], other_state)

        merge_entries(book, store, keep.id, [other.id])

        [row] = watch_rows(store)
        further = PROGRESS[keep_state] >= PROGRESS[other_state]
        assert row["id"] == rows[keep.token if further else other.token]
        assert row["state"] == (keep_state if further else other_state)
        assert row["key"] == f"{report.article_id}:{keep.token}"
        dispatch_pending(store, config)
        if "sent" in (keep_state, other_state):
            assert family.accepted == []
        assert len(family.accepted) == (row["state"] == "pending")


def test_a_row_claimed_before_the_merge_is_sent_with_the_kept_name_and_note(store, ingest_into):
    """The dispatcher claimed the merged entry's row, and renders it after the merge: the
    message names the person and shows the merged note, not '(a name since removed ...)'."""
    with WebhookServer() as family, WebhookServer() as desk:
        config = make_config(store.path, channels(family, desk))
        book = WatchBook.beside(store.path)
        keep = book.add(THE, "family", note="our brother")
        other = book.add(ESS, "family", note="cousin Rana entered it")
        ingest_into(store, config, title="Second report",
                    sentence=f"{ESS} was moved to a prison near Damascus.")
        [claimed] = store.claim_alerts(owner=owner_id(), mode="immediate", channel="family")

        merge_entries(book, store, keep.id, [other.id])

        assert book.by_token(other.token) == book.by_token(keep.token) == book.entries()[0]
        message = render_row(claimed, store.alert_articles([claimed]), config,
                             config.channels[0])
        for body in (message.text, message.html, message.markdown):
            assert THE in body
            assert "our brother; cousin Rana entered it" in body
            assert "since removed" not in body
        store.mark_alert_sent(claimed["id"])
        assert store.watch_alert_counts() == {keep.token: {"sent": 1}}


def write_config(tmp_path: Path, family: WebhookServer) -> Path:
    path = tmp_path / "raqib.toml"
    path.write_text(f"""
[store]
path = "raqib.db"

[[sources]]
name = "snhr-en"
spider = "feed"
url = "https://news.example.org/feed"
lang = "en"

[[channels]]
name = "family"
url = "{family.url()}"
mode = "immediate"
labels = ["release"]
""", encoding="utf-8")
    return path


def invoke(path: Path, *args: str) -> str:
    done = CliRunner().invoke(cli, ["--config", str(path), *args])
    assert done.exit_code == 0, done.output
    return done.output


def test_a_row_queued_under_a_merged_token_is_counted_sent_and_removed_as_the_kept_entrys(
        tmp_path, store, ingest_into):
    """A `watch also` or a crawl that read the watch file before the merge queues under the
    merged entry's token after the merge's last pass: `watch list` counts the row for the kept
    entry, the alert names the person, and `watch remove` deletes it and the token."""
    with WebhookServer() as family:
        path = write_config(tmp_path, family)
        config = make_config(store.path, [{"name": "family", "url": family.url(),
                                           "mode": "immediate", "labels": ["release"]}])
        book = WatchBook.beside(store.path)
        keep = book.add(THE, "family", note="our brother")
        other = book.add(ESS, "family")
        report = ingest_into(store, config, title="Second report",
                             sentence=f"{ESS} was moved to a prison near Damascus.")
        store.forget_watch_alerts(other.token)  # as if entry 2 had declined it

        merged = invoke(path, "watch", "merge", str(keep.id), str(other.id))
        assert "0 alert record(s) of entry 2 now count for entry 1" in merged
        with store.transaction():  # the late writer, with the entry it read before the merge
            store.enqueue_alert(channel="family", kind=KIND,
                                key=alert_key(report.article_id, other.token),
                                mode="immediate", article_id=report.article_id,
                                payload={"watch": other.token})

        listed = invoke(path, "watch", "list")
        assert "1 waiting" in listed
        assert "0 sent, 1 waiting" in next(line for line in listed.splitlines()
                                           if line.startswith("1 "))
        invoke(path, "alerts", "flush")
        [message] = family.accepted
        assert THE in message["message"]
        assert "our brother" in message["message"]
        assert "1 sent" in invoke(path, "watch", "list")

        removed = invoke(path, "watch", "remove", str(keep.id))
        assert "1 alert record(s) deleted" in removed
        assert watch_rows(store) == []
        with sqlite3.connect(book.path) as conn:
            assert conn.execute("SELECT count(*) FROM merged").fetchone() == (0,)
        conn.close()
        assert other.token.encode() not in book.path.read_bytes()
        assert book.by_token(other.token) is None


def test_a_watch_file_from_before_merged_tokens_is_read_as_before(tmp_path):
    """A dispatcher only reads the watch file (it creates no table): one written by a raqib
    from before the merged tokens still gives its entries by token."""
    path = tmp_path / "raqib.watch.db"
    with sqlite3.connect(path) as conn:
        conn.executescript(
            "CREATE TABLE entries (id INTEGER PRIMARY KEY AUTOINCREMENT, token TEXT NOT NULL "
            "UNIQUE, name TEXT NOT NULL, channel TEXT NOT NULL, note TEXT NOT NULL DEFAULT '', "
            "added_at TEXT NOT NULL, UNIQUE (name, channel));"
            "INSERT INTO entries (token, name, channel, added_at) VALUES "
            f"('t1', '{THE}', 'family', '2026-01-01T00:00:00+00:00');")
    conn.close()
    path.chmod(0o400)
    try:
        entry = WatchBook(path).by_token("t1")
        assert entry is not None
        assert (entry.name, entry.also, entry.merged) == (THE, (), ())
    finally:
        path.chmod(0o600)


def test_a_watch_file_that_cannot_commit_says_to_run_the_merge_again(
        store, ingest_into, monkeypatch):
    """The store committed the carried rows, then the watch file's commit failed (here: a
    reader holds the file past the busy timeout). The message says the store holds them and
    to run the same merge again, which finishes it."""
    monkeypatch.setattr(book_module, "BUSY_TIMEOUT_S", 0.2)
    with WebhookServer() as family, WebhookServer() as desk:
        config = make_config(store.path, channels(family, desk))
        book = WatchBook.beside(store.path)
        keep = book.add(THE, "family")
        other = book.add(ESS, "family")
        report = ingest_into(store, config, title="Second report",
                             sentence=f"{ESS} was moved to a prison near Damascus.")
        readers: list[sqlite3.Connection] = []

        class Held(WatchBook):
            def merge(self, keep_id, other_ids, carry=lambda _: None):  # type: ignore[override]
                def carry_then_read(merge) -> None:
                    carry(merge)
                    reader = sqlite3.connect(self.path, isolation_level=None)
                    reader.execute("BEGIN")
                    reader.execute("SELECT count(*) FROM entries").fetchall()
                    readers.append(reader)
                return super().merge(keep_id, other_ids, carry_then_read)

        with pytest.raises(StoreError) as failed:
            merge_entries(Held(book.path), store, keep.id, [other.id])
        readers[0].close()

        said = str(failed.value)
        assert "\n" not in said
        assert "the store already holds the carried alerts" in said.lower()
        assert f"run the same `raqib watch merge {keep.id} {other.id}` again" in said
        assert THE not in said
        assert book.entries() == [keep, other]
        assert [r["key"] for r in watch_rows(store)] == [f"{report.article_id}:{keep.token}"]

        merged = merge_entries(book, store, keep.id, [other.id])

        assert merged.carried == 0
        assert book.entries() == [merged.merge.entry]
        assert merged.merge.entry.merged == (other.token,)
        dispatch_pending(store, config)
        assert len(family.accepted) == 1
        assert THE in family.accepted[0]["message"]


def test_merge_says_when_an_alert_shows_only_part_of_the_merged_note(tmp_path, store,
                                                                     ingest_into):
    first = "our brother, taken at the Masyaf checkpoint; " + "ask Rana first. " * 10
    second = "cousin's entry: the lawyer in Hama has the file; " + "call after six. " * 10
    with WebhookServer() as family:
        path = write_config(tmp_path, family)
        book = WatchBook.beside(store.path)
        keep = book.add(THE, "family", note=first)
        other = book.add(ESS, "family", note=second)
        short = book.add("Ghaith Adel Matar", "family", note="a neighbour")

        merged = invoke(path, "watch", "merge", str(keep.id), str(other.id))

        note = book.entries()[0].note
        assert len(note) > WATCH_NOTE_CHARS
        assert (f"the note now has {len(note)} characters: an alert shows only the first "
                f"{WATCH_NOTE_CHARS}") in merged
        config = make_config(store.path, [{"name": "family", "url": family.url(),
                                           "mode": "immediate", "labels": ["release"]}])
        ingest_into(store, config, title="Second report",
                    sentence=f"{ESS} was moved to a prison near Damascus.")
        invoke(path, "alerts", "flush")
        [message] = family.accepted
        assert note[:WATCH_NOTE_CHARS - 1].rstrip() + "…" in message["message"]
        assert note not in message["message"]

        fits = invoke(path, "watch", "merge", str(short.id), str(keep.id))
        assert "an alert shows only" in fits  # the kept note is short, the merged one is not
        third = book.add("Ghiyath Adil Matar", "family", note="his school friend")
        fourth = book.add("Ghiyas Adil Matar", "family", note="from the appeal")
        assert "an alert shows only" not in invoke(path, "watch", "merge", str(third.id),
                                                   str(fourth.id))


def test_an_entry_merged_twice_hands_on_its_merged_tokens(store, ingest_into):
    """A merged into B, then B into C: a row still under A's token is C's, and removing C
    leaves no token of the three in the watch file."""
    with WebhookServer() as family, WebhookServer() as desk:
        config = make_config(store.path, channels(family, desk))
        book = WatchBook.beside(store.path)
        first = book.add(ESS, "family", note="from the appeal")
        second = book.add(THE, "family")
        third = book.add("Ghaith Adel Matar", "family", note="our brother")
        report = ingest_into(store, config, title="Second report",
                             sentence=f"{ESS} was moved to a prison near Damascus.")
        merge_entries(book, store, second.id, [first.id])
        with store.transaction():  # queued by a writer that read the file before the merge
            store.db.execute("UPDATE alerts SET key = ?, payload = ?",
                             [alert_key(report.article_id, first.token),
                              f'{{"watch": "{first.token}"}}'])

        merged = merge_entries(book, store, third.id, [second.id])

        assert merged.carried == 1
        assert merged.merge.entry.merged == (second.token, first.token)
        assert book.by_token(first.token) == merged.merge.entry
        [row] = watch_rows(store)
        assert row["key"] == f"{report.article_id}:{third.token}"
        book.remove(third.id)
        data = book.path.read_bytes()
        for token in (first.token, second.token, third.token):
            assert token.encode() not in data


def test_a_row_queued_under_a_merged_token_after_the_merge_is_not_sent_twice(
        store, ingest_into):
    """A command that read the watch file before a merge queues under the merged entry's
    token after it: a new version of that report, or the same command's alerts for reports
    the kept entry has, send nothing more."""
    with WebhookServer() as family, WebhookServer() as desk:
        config = make_config(store.path, channels(family, desk))
        book = WatchBook.beside(store.path)
        keep = book.add(THE, "family")
        other = book.add(ESS, "family")
        url = "https://news.example.org/snhr-en/late-writer/"
        report = ingest_into(store, config, title="Engineer detained", url=url,
                             sentence=f"Police detained {ESS} at a checkpoint on Monday.")
        named_keep = ingest_into(store, config, title="Activist detained",
                                 sentence=f"Police detained {THE} at a checkpoint on Friday.")
        dispatch_pending(store, config)
        sent_before = len(family.accepted)
        assert sent_before == 2
        with store.transaction():  # what the merge's last pass carries over
            store.db.execute("DELETE FROM alerts WHERE kind = ?", [KIND])
        merge_entries(book, store, keep.id, [other.id])
        stale = other  # the entry as a `watch also` read it before the merge
        with store.transaction():  # that command queues its reports under the old token
            store.enqueue_alert(channel="family", kind=KIND,
                                key=alert_key(report.article_id, stale.token),
                                mode="immediate", article_id=report.article_id,
                                payload={"watch": stale.token})
        kept = book.by_token(stale.token)
        assert kept is not None
        assert kept.id == keep.id
        with store.transaction():
            store.enqueue_alert(channel="family", kind=KIND,
                                key=alert_key(named_keep.article_id, keep.token),
                                mode="immediate", article_id=named_keep.article_id,
                                payload={"watch": keep.token})
        queued = queue_archive_alerts(
            store, [stale], ArchiveMatches({stale.token: [store.article(named_keep.article_id)]}),
            {stale.token: kept})
        assert queued == 0  # the kept entry has that report already
        dispatch_pending(store, config)
        assert len(family.accepted) == sent_before + 2  # each row once
        # a new version of the report the late row named: the kept entry queues nothing
        ingest_into(store, config, title="Engineer detained", url=url,
                    sentence=f"Police detained {ESS} at a checkpoint on Monday; he was "
                             "moved to a prison in Damascus on Thursday.")
        dispatch_pending(store, config)
        assert len(family.accepted) == sent_before + 2
