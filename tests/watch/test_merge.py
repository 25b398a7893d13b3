"""`raqib watch merge`: two entries found to be one person become one entry; no report is
alerted twice because of it, and nothing changes when the merge is refused."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from support.webhook import WebhookServer

from alerts.dispatch import dispatch_pending
from crawler.archive.store import Store
from crawler.demo import write_demo_config
from crawler.errors import UsageError
from crawler.mirror import Mirrors
from crawler.samples import SampleArticle, parse_sample
from crawler.watchlist import WatchBook
from crawler.watchlist.alerts import scan_archive
from crawler.watchlist.merge import merge_entries

from .conftest import make_config
from .test_end_to_end import raqib, sample_toml

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


def test_a_spelling_a_third_entry_has_asks_for_that_entry_to_be_merged_too(tmp_path):
    """Only a watch file from before the spellings check holds one name in two entries."""
    book = WatchBook(tmp_path / "w.db")
    keep = book.add(THE, "family")
    other = book.add(ESS, "family")
    with sqlite3.connect(book.path) as conn:
        conn.execute("INSERT INTO entries (token, name, channel, added_at) VALUES "
                     "('t9', 'GHIYAS adel matar', 'family', '2026-01-01T00:00:00+00:00')")
    conn.close()
    before = book.entries()
    with pytest.raises(UsageError, match=r"\(entry 3\).*merge that entry as well"):
        book.merge(keep.id, [other.id])
    assert book.entries() == before
    assert book.merge(keep.id, [other.id, 3]).entry.also == (ESS,)


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


def test_reports_an_entry_declined_stay_declined(store, ingest_into):
    """A report none of the entries was alerted for is one an entry declined (added with
    --no-past-alerts): the merge does not queue it, as `watch also` does not."""
    with WebhookServer() as family, WebhookServer() as desk:
        config = make_config(store.path, channels(family, desk))
        book = WatchBook.beside(store.path)
        keep = book.add(THE, "family")
        ingest_into(store, config, title="Second report",
                    sentence=f"{ESS} was moved to a prison near Damascus.")
        other = book.add(ESS, "family")  # added like `watch add --no-past-alerts`: no row
        assert watch_rows(store) == []

        merged = merge_entries(book, store, keep.id, [other.id])

        assert merged.carried == 0
        assert watch_rows(store) == []
        dispatch_pending(store, config)
        assert family.accepted == []


def test_the_merged_entry_names_exactly_the_reports_its_entries_named(store, ingest_into):
    """Each spelling is matched on its own, so merging finds no report that none of the
    entries found: the reports none was alerted for can only be declined ones."""
    with WebhookServer() as family, WebhookServer() as desk:
        config = make_config(store.path, channels(family, desk))
        book = WatchBook.beside(store.path)
        sentences = [f"{THE} was held at a checkpoint.", f"{ESS} was moved to a prison.",
                     f"{ARABIC} لا يزال مختفياً.", "Ghiyath and Matar Adel were seen.",
                     f"Ghiyath, a teacher, and {ESS.split()[0]} Matar were released.",
                     "Ghaith Adel Matar was sentenced."]
        for number, sentence in enumerate(sentences):
            ingest_into(store, config, title=f"Report {number}", sentence=sentence)
        entries = [book.add(THE, "family"), book.add(ESS, "family", also=["Ghaith Adel Matar"]),
                   book.add("Adel Matar Ghiyath", "family")]
        apart = scan_archive(store, entries)
        merged = book.merge(entries[0].id, [e.id for e in entries[1:]]).entry

        together = {a["id"] for a in scan_archive(store, [merged]).of(merged)}

        assert together == {a["id"] for e in entries for a in apart.of(e)}
        assert len(together) >= 3


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

        assert merged.carried == 0
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


# -- the command, end to end: loopback mirror sites, `raqib` processes, real webhooks ------

# The reports write the names otherwise than the family types them (al-, a doubled t), so a
# typed name found anywhere but the watch file and the terminal is a leak.
THE_WRITTEN = "Ghiyath Adel al-Mattar"
ESS_WRITTEN = "Ghiyas Adel el-Mattar"


def _report(stem: str, number: int, slug: str, day: str, title: str, lead: str) -> SampleArticle:
    site, lang, _ = stem.split("-")
    arabic = lang == "ar"
    follow = ("وقالت عائلته إنها سألت عنه في كل فرع أمني دون أن تتلقى جواباً." if arabic else
              "His relatives say they have asked at every security branch and had no answer.")
    close = ("وطالب المرصد بالإفراج عن كل من اعتقل دون مذكرة قضائية." if arabic else
             "The group asks for the release of everyone held without a warrant.")
    text = sample_toml(site, lang, number, slug, f"{day}T10:00:00+03:00", title,
                       [lead, follow, close], "arbitrary_arrest", THE_WRITTEN)
    return parse_sample(f"{stem}.toml", text)


REPORTS = [
    _report("snhr-en-93", 990301, "engineer-held-at-masyaf", "2025-03-02",
            "Engineer held at a checkpoint near Masyaf",
            f"Security forces arrested {THE_WRITTEN}, a 41-year-old engineer from Hama, at a "
            "checkpoint near Masyaf on February 27, 2025."),
    _report("snhr-en-94", 990302, "engineer-moved-to-damascus", "2025-04-11",
            "Detained engineer moved to a prison near Damascus",
            f"{ESS_WRITTEN}, the engineer from Hama detained since February, was moved to a "
            "prison near Damascus in early April, a former detainee told the network."),
    _report("sohr-ar-93", 990303, "مهندس-معتقل-من-حماة", "2025-05-20",
            "لا معلومات عن مهندس معتقل من حماة",
            f"محافظة حماة - المرصد السوري: لا تزال عائلة المهندس {ARABIC} بلا أي معلومة عن "
            "مكان احتجازه منذ اعتقاله عند حاجز قرب مصياف."),
    _report("snhr-en-95", 990304, "engineer-family-denied-visit", "2025-06-08",
            "Family of detained engineer denied a visit",
            f"The family of {ESS_WRITTEN} travelled to the prison where he is believed to be "
            "held and was turned away at the gate on June 5, 2025."),
    _report("snhr-en-96", 990305, "engineer-appears-before-court", "2025-07-15",
            "Detained engineer brought before a court in Damascus",
            f"{THE_WRITTEN} (written {ESS_WRITTEN} in his family's appeal) appeared before a "
            "court in Damascus on July 12, 2025, without a lawyer."),
]
NOTES = ("our brother", "cousin Rana's entry")


@pytest.fixture
def world(tmp_path):
    hidden = {"snhr-en-95", "snhr-en-96"}
    with Mirrors(REPORTS, hidden=hidden) as mirrors, WebhookServer() as family, \
            WebhookServer(token="desk-token-0000") as desk:
        wanted = [s for s in mirrors.sources() if s["name"] in ("snhr-en", "sohr-ar")]
        config = write_demo_config(tmp_path, wanted)
        text = config.read_text(encoding="utf-8").split("[[channels]]", 1)[0]
        text += f"""
[[channels]]
name = "family"
url = "{family.url()}"
mode = "immediate"
labels = ["release"]

[[channels]]
name = "desk"
url = "{desk.url()}"
mode = "immediate"
labels = ["release"]
"""
        config.write_text(text, encoding="utf-8")
        yield mirrors, family, config


def _runner(config: Path, outputs: list[str]):
    def run(*args: str, code: int = 0) -> str:
        done = raqib(config, *args)
        assert done.returncode == code, (args, done.stdout, done.stderr)
        outputs.append(done.stderr)
        return done.stdout
    return run


def test_merged_entries_alert_once_per_report(world, tmp_path):
    mirrors, family, config = world
    logs: list[str] = []
    run = _runner(config, logs)
    run("-vv", "crawl")
    first = run("watch", "add", THE, "--channel", "family", "--note", NOTES[0])
    assert "2 stored report(s) name this person" in first  # the English th one, the Arabic
    second = run("watch", "add", ESS, "--channel", "family", "--note", NOTES[1],
                 "--no-past-alerts")
    assert "watching entry 2" in second
    assert mirrors.url_of("snhr-en-94") in second
    assert "queued" not in second
    mirrors.publish("snhr-en-95")  # names the s spelling only: entry 2 alerts it
    run("-vv", "crawl")
    assert len(family.accepted) == 3

    merged = run("-vv", "watch", "merge", "1", "2")

    assert f"merged entry 2 ({ESS}) into entry 1" in merged
    assert f"watching entry 1: {THE} (also: {ESS}) → channel family" in merged
    assert f"note of entry 2 added to entry 1's: {NOTES[0]}; {NOTES[1]}" in merged
    assert "1 alert record(s) of entry 2 now count for entry 1" in merged
    # the s report entry 2 declined stays declined: no report is listed or queued
    assert "stored report" not in merged
    assert "queued" not in merged
    for url in map(mirrors.url_of, ("snhr-en-93", "snhr-en-94", "sohr-ar-93", "snhr-en-95")):
        assert url not in merged
    listed = run("watch", "list")
    assert listed.count("family") == 1
    assert f"{THE} (also: {ESS})" in listed
    assert "3 sent" in listed
    assert "waiting" not in listed
    assert f"{NOTES[0]}; {NOTES[1]}" in listed

    run("-vv", "alerts", "flush")
    assert len(family.accepted) == 3
    # a new report writing both spellings: one message; re-crawls add none
    mirrors.publish("snhr-en-96")
    run("-vv", "crawl")
    run("-vv", "crawl", "--recheck")
    assert len(family.accepted) == 4
    assert "brought before a court" in family.accepted[3]["title"]
    assert THE in family.accepted[3]["message"]
    assert NOTES[1] in family.accepted[3]["message"]
    assert "4 sent" in run("watch", "list")

    # privacy: names and notes on the terminal of whoever typed them, nowhere else
    with Store.open(tmp_path / "raqib.db") as store:
        store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    files = [p.read_bytes().decode("utf-8", "replace") for p in tmp_path.iterdir()
             if p.is_file() and p.name.startswith("raqib.db")]
    assert any("DEBUG" in log for log in logs)
    for seen in [*logs, *files]:
        for private in (THE, ESS, *NOTES):
            assert private not in seen


def test_entries_of_two_channels_are_not_merged(world, tmp_path):
    _, family, config = world
    run = _runner(config, [])
    run("crawl")
    run("watch", "add", THE, "--channel", "family")
    run("watch", "add", ESS, "--channel", "desk")
    run("watch", "add", "Ghaith Adel Matar", "--channel", "family")
    watch_file = tmp_path / "raqib.watch.db"
    before = (watch_file.read_bytes(), run("watch", "list"))
    with Store.open(tmp_path / "raqib.db") as store:
        rows = watch_rows(store)
    for args, says in ((("1", "2"), "entry 2 alerts channel desk and entry 1 channel family"),
                       (("1", "3", "2"), "only entries of one channel can be merged"),
                       (("1", "1"), "cannot be merged into itself"),
                       (("1", "3", "3"), "entry 3 is given twice"),
                       (("1", "9"), "no watch entry 9")):
        done = raqib(config, "watch", "merge", *args)
        assert done.returncode == 2, (args, done.stdout)
        assert done.stderr.count("\n") == 1
        assert says in done.stderr
        assert THE not in done.stderr + done.stdout
    assert (watch_file.read_bytes(), run("watch", "list")) == before
    with Store.open(tmp_path / "raqib.db") as store:
        assert watch_rows(store) == rows
    run("alerts", "flush")
    # each entry of the family alerts its own reports, as before the refused merges
    assert len(family.accepted) == sum(r["channel"] == "family" for r in rows) == 4


def test_merge_has_no_past_alerts_option_and_queues_no_declined_report(world):
    _, family, config = world
    run = _runner(config, [])
    run("crawl")
    run("watch", "add", THE, "--channel", "family")
    run("watch", "add", ESS, "--channel", "family", "--no-past-alerts")
    refused = raqib(config, "watch", "merge", "1", "2", "--no-past-alerts")
    assert refused.returncode == 2
    assert "--no-past-alerts" in refused.stderr
    merged = run("watch", "merge", "1", "2")
    assert "queued" not in merged
    run("alerts", "flush")
    assert len(family.accepted) == 2
    assert "2 sent" in run("watch", "list")
    assert "no watch entry 2" in raqib(config, "watch", "merge", "1", "2").stderr


def test_an_alert_queued_by_an_ingest_during_the_merge_is_given_over_too(store, ingest_into):
    """An ingest that read the watch file before the merge committed queues for the merged
    entry (it holds the store's write lock until its commit); the pass after the watch file's
    commit gives that row to the kept entry too."""
    with WebhookServer() as family, WebhookServer() as desk:
        config = make_config(store.path, channels(family, desk))
        report = ingest_into(store, config, title="Second report",
                             sentence="A man was moved to a prison near Damascus.")

        class Raced(WatchBook):
            def merge(self, keep_id, other_ids, carry=lambda _: None):  # type: ignore[override]
                def carry_then_ingest(merge) -> None:
                    carry(merge)
                    store.enqueue_alert(channel="family", kind="watch",
                                        key=f"{report.article_id}:{merge.others[0].token}",
                                        mode="immediate", article_id=report.article_id,
                                        payload={"watch": merge.others[0].token})
                return super().merge(keep_id, other_ids, carry_then_ingest)

        book = Raced(WatchBook.beside(store.path).path)
        keep = book.add(THE, "family")
        other = book.add(ESS, "family")

        merged = merge_entries(book, store, keep.id, [other.id])

        assert merged.carried == 1
        assert [r["key"] for r in watch_rows(store)] == [f"{report.article_id}:{keep.token}"]
        dispatch_pending(store, config)
        assert THE in family.accepted[0]["message"]
