"""The watch file: private to its owner, names really gone when removed, rows checked."""

from __future__ import annotations

import stat

import pytest

from crawler.errors import UsageError
from crawler.watchlist import WatchBook, watch_path
from crawler.watchlist.rows import name_problem, read_rows


def test_beside_the_store_and_readable_by_its_owner_only(tmp_path):
    assert watch_path(tmp_path / "raqib.db") == tmp_path / "raqib.watch.db"
    book = WatchBook.beside(tmp_path / "raqib.db")
    assert book.entries() == []
    assert not book.exists()
    book.add("Samira Adel Khatib", "family")
    assert stat.S_IMODE(book.path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["raqib.watch.db"]  # no journal left


def test_the_same_name_twice_on_a_channel_is_refused(tmp_path):
    book = WatchBook(tmp_path / "w.db")
    first = book.add("Samira  Adel Khatib ", "family")
    assert first.name == "Samira Adel Khatib"
    with pytest.raises(UsageError, match=f"entry {first.id}"):
        book.add("Samira Adel Khatib", "family")
    second = book.add("Samira Adel Khatib", "desk")
    assert second.id != first.id
    assert second.token != first.token


def test_a_removed_name_is_overwritten_in_the_file(tmp_path):
    book = WatchBook(tmp_path / "w.db")
    entry = book.add("Samira Adel Khatib", "family")
    book.add("Omar Faris Halabi", "family")
    assert b"Samira Adel Khatib" in book.path.read_bytes()
    assert book.remove(entry.id) == entry
    assert b"Samira Adel Khatib" not in book.path.read_bytes()
    assert [e.name for e in book.entries()] == ["Omar Faris Halabi"]
    assert book.remove(entry.id) is None
    # ids are never reused, so an old id never names someone else
    assert book.add("Lina Samir Daher", "family").id == 3


def test_names_too_thin_to_watch():
    assert name_problem("Ahmad")
    assert "single word" in name_problem("Ahmad")
    assert name_problem("   ")
    assert "empty" in name_problem("   ")
    assert name_problem("-- --")
    assert name_problem("Ahmad al-Hamwi") is None


def test_csv_rows_bad_ones_named_by_number_good_ones_kept():
    content = ("\ufeffName,Channel,Note\n"
               "Samira Adel Khatib,family,sister\n"
               "Ahmad,family,\n"
               "Omar Faris Halabi,nowhere,\n"
               "\n"
               "سامر يوسف الحمصي,family\n"
               "Samira Adel Khatib,family,again\n").encode()
    good, problems = read_rows("people.csv", content, {"family", "desk"})
    assert [(r.number, r.name, r.channel, r.note) for r in good] == [
        (2, "Samira Adel Khatib", "family", "sister"), (6, "سامر يوسف الحمصي", "family", "")]
    assert [p.split(":")[0] for p in problems] == ["row 3", "row 4", "row 7"]
    assert "single word" in problems[0]
    assert "nowhere" in problems[1]
    assert "row 2" in problems[2]


def test_a_csv_without_its_header_is_refused_in_one_line():
    with pytest.raises(UsageError, match="first row must name the columns"):
        read_rows("people.csv", b"Samira Adel Khatib,family\n", {"family"})
    with pytest.raises(UsageError, match="UTF-8"):
        read_rows("people.csv", "name,channel\nSamira,family\n".encode("utf-16"), {"family"})


def test_other_spellings_live_in_the_entry_and_go_with_it(tmp_path):
    book = WatchBook(tmp_path / "w.db")
    entry = book.add("Ghiyath Adel Matar", "family",
                     also=[" Ghiyas  Adel Matar", "Ghiyath Adel Matar", "Ghiyas Adel Matar"])
    assert entry.also == ("Ghiyas Adel Matar",)  # tidied, the name itself and repeats dropped
    assert book.entries() == [entry]
    with pytest.raises(UsageError, match=f"entry {entry.id}"):
        book.add("Ghiyas Adel Matar", "family")  # a spelling is watched as much as a name
    with pytest.raises(UsageError, match=f"entry {entry.id}"):
        book.add("Rami Fadi Hanna", "family", also=["Ghiyas Adel Matar"])
    assert [e.id for e in book.entries()] == [entry.id]  # the refused add left nothing
    longer = book.add_spellings(entry.id, ["Ghaith Adel Matar", "Ghiyas Adel Matar"])
    assert longer.also == ("Ghiyas Adel Matar", "Ghaith Adel Matar")
    assert book.by_id(entry.id) == longer
    with pytest.raises(UsageError, match="no watch entry 9"):
        book.add_spellings(9, ["Ghaith Adel Matar"])
    book.remove(entry.id)
    assert b"Ghaith Adel Matar" not in book.path.read_bytes()
    assert b"Ghiyas Adel Matar" not in book.path.read_bytes()


def test_a_watch_file_from_before_spellings_is_read_and_then_upgraded(tmp_path):
    import sqlite3

    path = tmp_path / "w.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE entries (id INTEGER PRIMARY KEY AUTOINCREMENT, token TEXT "
                     "NOT NULL UNIQUE, name TEXT NOT NULL, channel TEXT NOT NULL, note TEXT "
                     "NOT NULL DEFAULT '', added_at TEXT NOT NULL, UNIQUE (name, channel))")
        conn.execute("INSERT INTO entries (token, name, channel, added_at) VALUES "
                     "('t1', 'Samira Adel Khatib', 'family', '2026-01-01T00:00:00+00:00')")
    conn.close()
    book = WatchBook(path)
    [old] = book.entries()  # read-only: the file is not changed to read it
    assert (old.name, old.also) == ("Samira Adel Khatib", ())
    assert book.add_spellings(old.id, ["Samira Adil Khatib"]).also == ("Samira Adil Khatib",)
    assert book.entries()[0].also == ("Samira Adil Khatib",)


def test_csv_rows_carry_other_spellings(tmp_path):
    content = (b"name,channel,also\n"
               b"Ghiyath Adel Matar,family,Ghiyas Adel Matar; Ghaith Adel Matar\n"
               b"Rami Fadi Hanna,family,Rami\n"  # a thin spelling spoils its row
               b"Ghaith Adel Matar,family,\n")  # already a spelling of row 2
    rows, problems = read_rows("w.csv", content, {"family"})
    assert [(r.number, r.also) for r in rows] == [
        (2, ("Ghiyas Adel Matar", "Ghaith Adel Matar"))]
    assert problems[0].startswith("row 3:")
    assert "single word" in problems[0]
    assert problems[1] == "row 4: the same name and channel as row 2"


def test_a_spelling_that_reads_the_same_is_the_same_name(tmp_path):
    """Case, accents and vowel marks aside, two spellings find the same reports: a second
    entry for one of them would only alert the channel twice."""
    book = WatchBook(tmp_path / "w.db")
    entry = book.add("Ghiyath Adel Matar", "family", also=["Ghiyas Adel Matar"])
    with pytest.raises(UsageError, match=f"entry {entry.id}"):
        book.add("GHIYAS ADEL MATAR", "family")
    with pytest.raises(UsageError, match="nothing added"):
        book.add_spellings(entry.id, ["ghiyath adel matar", "Ghiyas  Adel Matar"])
    assert book.add("Ghiyas Adel Matar", "desk").channel == "desk"  # another channel


def test_spellings_left_by_an_older_raqib_are_deleted_at_the_next_write(tmp_path):
    """A raqib from before spellings removes the entry row alone; the next write of this
    one deletes the spellings it left, so the name does not stay in the file."""
    import sqlite3

    book = WatchBook(tmp_path / "w.db")
    gone = book.add("Samira Adel Khatib", "family", also=["Samira Adil Khatib"])
    with sqlite3.connect(book.path) as conn:
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("DELETE FROM entries WHERE id = ?", [gone.id])
    conn.close()
    assert b"Samira Adil Khatib" in book.path.read_bytes()
    book.add("Omar Faris Halabi", "family")
    assert b"Samira Adil Khatib" not in book.path.read_bytes()
    with pytest.raises(UsageError, match=f"no watch entry {gone.id}"):
        book.add_spellings(gone.id, ["Samira Adel Khateeb"])


def test_the_check_and_the_write_hold_the_file_together(tmp_path):
    """Two commands adding one spelling at once: the second waits for the first and then
    refuses, instead of both finding the spelling free."""
    import sqlite3
    import threading
    import time

    book = WatchBook(tmp_path / "w.db")
    book.add("Omar Faris Halabi", "family")
    other = sqlite3.connect(book.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another command is writing
    outcome: list[object] = []

    def add() -> None:
        try:
            outcome.append(book.add("Ghiyas Adel Matar", "family"))
        except UsageError as exc:
            outcome.append(exc)

    adding = threading.Thread(target=add)
    adding.start()
    time.sleep(0.3)
    other.execute("INSERT INTO entries (token, name, channel, added_at) VALUES "
                  "('t9', 'Ghiyas Adel Matar', 'family', '2026-01-01T00:00:00+00:00')")
    other.execute("COMMIT")
    other.close()
    adding.join(timeout=30)
    assert len(outcome) == 1
    assert isinstance(outcome[0], UsageError)
    assert [e.name for e in book.entries()].count("Ghiyas Adel Matar") == 1
