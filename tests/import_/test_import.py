"""``raqib import``: WARC files in, the same store a crawl would make out."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

from importkit import ARREST, Importer, distinct_pages, write_config
from support.pages import DEATH, article_html
from warcs import Response, write_warc

from crawler.archive.store import Store


def _store(config: Path) -> Store:
    return Store.open(config.parent / "raqib.db")


def test_imports_html_responses_and_skips_the_rest(tmp_path: Path, config_file: Path,
                                                   run_import: Importer) -> None:
    pages = distinct_pages(6)
    others = [
        Response("https://news.example.org/logo.png", b"\x89PNG\r\n\x1a\nnot really",
                 content_type="image/png"),
        Response("https://news.example.org/report.pdf", b"%PDF-1.4 a report",
                 content_type="application/pdf"),
        Response("https://news.example.org/gone/", pages[0].body, status="404 Not Found"),
    ]
    warc = write_warc(tmp_path / "crawl.warc.gz", pages + others, extras=True)

    result = run_import(config_file, str(warc))

    assert result.exit_code == 0, result.output
    summary = result.stdout.strip().splitlines()[-1]
    assert summary.startswith("imported: 6 pages from ")
    assert "6 new" in summary
    assert "0 broken" in summary
    with _store(config_file) as store:
        captures = store.query("SELECT url, kind, status, fetched_at, headers FROM captures "
                               "ORDER BY id")
        articles = store.query("SELECT url, source, lang FROM articles ORDER BY id")
        assert store.scalar("SELECT count(*) FROM alerts") == 0
    assert [c["url"] for c in captures] == [p.url for p in pages]
    assert {c["kind"] for c in captures} == {"article"}
    assert {c["fetched_at"] for c in captures} == {"2025-03-05T08:00:00+00:00"}
    assert '"Content-Type", "text/html; charset=utf-8"' in captures[0]["headers"]
    assert [a["url"] for a in articles] == [p.url.rstrip("/") for p in pages]  # the keys
    assert {a["source"] for a in articles} == {"news.example.org"}
    assert {a["lang"] for a in articles} == {"en"}


def test_an_uncompressed_warc_is_read_too(tmp_path: Path, config_file: Path,
                                          run_import: Importer) -> None:
    warc = write_warc(tmp_path / "plain.warc", distinct_pages(3), gzip=False, extras=True)

    result = run_import(config_file, "--workers", "0", str(warc))

    assert result.exit_code == 0, result.output
    assert "3 new" in result.stdout


def test_a_broken_record_is_counted_and_the_rest_imported(tmp_path: Path, config_file: Path,
                                                          run_import: Importer) -> None:
    pages = distinct_pages(5)
    members = []
    for page in pages:  # one gzip member per record, kept apart to damage one of them
        one = write_warc(tmp_path / "one.warc.gz", [page], requests=False)
        members.append(one.read_bytes())
    damaged = bytearray(members[1])
    middle = len(damaged) // 2
    damaged[middle:middle + 40] = bytes(40)
    members[1] = bytes(damaged)
    members[4] = members[4][: len(members[4]) * 2 // 3]  # the file ends inside the last one
    warc = tmp_path / "damaged.warc.gz"
    warc.write_bytes(b"".join(members))

    result = run_import(config_file, str(warc))

    assert result.exit_code == 0, result.output
    assert "3 new" in result.stdout
    assert "2 broken" in result.stdout
    problems = [line for line in result.stderr.splitlines() if "record at byte" in line]
    assert len(problems) == 2
    assert all(line.count("\n") == 0 and len(line) < 400 for line in problems)
    with _store(config_file) as store:
        urls = [row["url"] for row in store.query("SELECT url FROM articles ORDER BY id")]
    assert urls == [pages[n].url.rstrip("/") for n in (0, 2, 3)]


def test_a_file_that_is_no_warc_is_reported_not_fatal(tmp_path: Path, config_file: Path,
                                                     run_import: Importer) -> None:
    junk = tmp_path / "notes.warc.gz"
    junk.write_bytes(gzip.compress(b"just some notes, not an archive\n" * 20))
    good = write_warc(tmp_path / "good.warc.gz", distinct_pages(2))

    result = run_import(config_file, str(junk), str(good))

    assert result.exit_code == 0, result.output
    assert "2 new" in result.stdout
    assert "1 broken" in result.stdout
    assert str(junk) in result.stderr


def test_missing_file_is_a_usage_error(tmp_path: Path, config_file: Path,
                                       run_import: Importer) -> None:
    result = run_import(config_file, str(tmp_path / "nowhere.warc.gz"))

    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_run_again_stores_nothing_twice(tmp_path: Path, config_file: Path,
                                        run_import: Importer) -> None:
    warc = write_warc(tmp_path / "a.warc.gz", distinct_pages(4))
    assert run_import(config_file, str(warc)).exit_code == 0

    again = run_import(config_file, str(warc))

    assert again.exit_code == 0
    assert "0 pages from" in again.stdout
    assert "4 already stored" in again.stdout
    with _store(config_file) as store:
        assert store.scalar("SELECT count(*) FROM captures") == 4
        assert store.scalar("SELECT count(*) FROM articles") == 4


def test_sources_by_host_or_by_name(tmp_path: Path, run_import: Importer) -> None:
    config = write_config(tmp_path, sources=(
        '[[sources]]\nname = "monitor"\nspider = "wordpress"\n'
        'url = "https://monitor.example.net/"\naliases = ["mirror.example.net"]\n'))
    known = distinct_pages(2, host="monitor.example.net")
    alias = [Response(p.url.replace("/reports/", "/copies/"), p.body)
             for p in distinct_pages(1, host="mirror.example.net", seed=5)]
    other = distinct_pages(1, host="www.elsewhere.example.com", seed=6)
    warc = write_warc(tmp_path / "mixed.warc.gz", known + alias + other)

    assert run_import(config, str(warc)).exit_code == 0
    named = write_warc(tmp_path / "named.warc.gz", distinct_pages(1, host="x.example", seed=9))
    assert run_import(config, "--source", "my-collection", str(named)).exit_code == 0

    with _store(config) as store:
        rows = store.query("SELECT url, source FROM articles ORDER BY id")
    assert [row["source"] for row in rows] == ["monitor", "monitor", "monitor",
                                               "elsewhere.example.com", "my-collection"]
    assert rows[2]["url"].startswith("https://monitor.example.net/")  # the alias host folded


def test_no_alerts_unless_asked(tmp_path: Path, run_import: Importer) -> None:
    channel = '[[channels]]\nname = "console"\nurl = "console://"\n'
    page = Response("https://news.example.org/death/",
                    article_html("Detainee died under torture", DEATH).encode())
    arrest = Response("https://news.example.org/arrest/",
                      article_html("Pharmacist arrested at a checkpoint", ARREST).encode())
    quiet = tmp_path / "quiet"
    loud = tmp_path / "loud"
    quiet.mkdir()
    loud.mkdir()
    warc = write_warc(tmp_path / "a.warc.gz", [page, arrest])

    assert run_import(write_config(quiet, channels=channel), str(warc)).exit_code == 0
    result = run_import(write_config(loud, channels=channel), "--alert", str(warc))

    assert result.exit_code == 0, result.output
    with Store.open(quiet / "raqib.db") as store:
        assert store.scalar("SELECT count(*) FROM alerts") == 0
        assert store.scalar("SELECT count(*) FROM articles") == 2
    with Store.open(loud / "raqib.db") as store:
        assert store.scalar("SELECT count(*) FROM alerts") == 2
    assert "Detainee died under torture" in result.stdout  # the console channel printed it


def test_export_then_import_gives_the_same_archive(tmp_path: Path, run_import: Importer) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    config_a, config_b = write_config(first), write_config(second)
    pages = distinct_pages(5)
    pages.append(Response("https://news.example.org/reports/0/",
                          pages[0].body.replace(b"Report 0", b"Report 0 (corrected)"),
                          date="2025-03-06T09:00:00Z"))
    assert run_import(config_a, str(write_warc(tmp_path / "in.warc.gz", pages))).exit_code == 0
    exported = tmp_path / "export.warc.gz"
    from click.testing import CliRunner

    from crawler.cli import cli

    done = CliRunner().invoke(cli, ["--config", str(config_a), "export", "--format", "warc",
                                    "--out", str(exported)])
    assert done.exit_code == 0, done.output

    result = run_import(config_b, str(exported))

    assert result.exit_code == 0, result.output
    query = ("SELECT url, source, title, text_hash, version, labels, first_seen FROM articles "
             "ORDER BY url")
    with _store(config_a) as a, _store(config_b) as b:
        assert b.query(query) == a.query(query)
        sql = "SELECT url, sha256, fetched_at FROM captures ORDER BY url, fetched_at"
        assert b.query(sql) == a.query(sql)
    assert len(io.StringIO(result.stdout).read()) > 0


def test_a_warc_gzipped_as_one_stream_is_read(tmp_path: Path, config_file: Path,
                                             run_import: Importer) -> None:
    plain = write_warc(tmp_path / "pages.warc", distinct_pages(3), gzip=False, extras=True)
    whole = tmp_path / "pages.warc.gz"
    whole.write_bytes(gzip.compress(plain.read_bytes()))  # `gzip pages.warc`

    result = run_import(config_file, str(whole))

    assert result.exit_code == 0, result.output
    assert "3 pages from 13 records" in result.stdout
    assert "3 new" in result.stdout
    assert "0 broken" in result.stdout


def test_no_case_or_watch_alerts_unless_asked(tmp_path: Path, run_import: Importer) -> None:
    """Without ``--alert`` an import builds cases and checks nothing against the watchlist
    that could page anyone: no case update, no watch alert."""
    from crawler.watchlist import WatchBook

    channel = '[[channels]]\nname = "family"\nurl = "console://"\ncases = true\n'
    page = Response("https://news.example.org/death/",
                    article_html("Detainee died under torture", DEATH).encode())
    config = write_config(tmp_path, channels=channel)
    WatchBook.beside(tmp_path / "raqib.db").add("Khaled Omar al-Haddad", "family")

    assert run_import(config, str(write_warc(tmp_path / "a.warc.gz", [page]))).exit_code == 0

    with Store.open(tmp_path / "raqib.db") as store:
        assert store.scalar("SELECT count(*) FROM articles") == 1
        assert store.scalar("SELECT count(*) FROM case_mentions") == 1
        assert store.scalar("SELECT count(*) FROM alerts") == 0
