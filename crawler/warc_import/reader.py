"""The HTML pages of a WARC or WARC.gz file, read with warcio.

Yields, in file order, one item per record: a ``Capture`` for a response record of an
HTML page answered 2xx, a ``Skipped`` for every other record (requests, metadata,
warcinfo, revisits, non-HTML, other statuses), and a ``Broken`` where the file cannot be
read. After a broken record, reading goes on at the next record start found in the file
(a gzip member, or a ``WARC/`` version line), so one damaged record costs only itself.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator

HTML_TYPES = ("text/html", "application/xhtml+xml")
_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_LINE = b"WARC/1."
_SCAN_CHUNK = 1 << 20
_ONE_GZIP_STREAM = "non-chunked gzip"  # warcio's words for a file gzipped as a whole


@dataclass(frozen=True)
class Capture:
    """An HTML page as the archive holds it."""

    uri: str
    fetched_at: datetime
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    offset: int  # where the record starts in the file

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.body).hexdigest()


@dataclass(frozen=True)
class Skipped:
    kind: str  # "request", "metadata", "revisit", "warcinfo", "not_html", "status", ...


@dataclass(frozen=True)
class Broken:
    offset: int
    message: str


Item = Capture | Skipped | Broken


class _RecordError(Exception):
    """A record that warcio read but raqib cannot use."""


def read_warc(path: Path) -> Iterator[Item]:
    """Every record of ``path`` as a Capture, Skipped or Broken (see the module docstring).

    A WARC gzipped as one stream (``gzip file.warc``) rather than one member per record is
    read through one decompressor instead."""
    done = 0
    for item in _read_stream(path.open("rb")):
        if isinstance(item, Broken) and _ONE_GZIP_STREAM in item.message:
            for n, again in enumerate(_read_stream(gzip.open(path, "rb"))):
                if n >= done:
                    yield again
            return
        done += 1
        yield item


def _read_stream(stream: IO[bytes]) -> Iterator[Item]:
    with stream:
        start: int | None = 0
        while start is not None:
            failure = yield from _read_from(stream, start)
            if failure is None:
                return
            yield failure
            start = _next_start(stream, failure.offset + 1)


def _read_from(stream: IO[bytes], start: int) -> Iterator[Item]:
    """Records from ``start`` on; returns the Broken that stopped them, or None at the end."""
    stream.seek(start)
    iterator = ArchiveIterator(stream)
    records = iter(iterator)
    offset = start - 1
    while True:
        offset = max(iterator.offset, offset + 1)  # warcio's count can go back on bad input
        try:
            record = next(records)
        except StopIteration:
            return None
        except Exception as exc:  # warcio and zlib raise many kinds on damaged input
            return Broken(offset, _describe(exc))
        try:
            item = _item(record, offset)
            iterator.read_to_end()
        except Exception as exc:
            return Broken(offset, _describe(exc))
        yield item


def _item(record: Any, offset: int) -> Item:
    if record.format != "warc":  # warcio reads ARC, and takes stray text for ARC headers
        raise _RecordError("not a WARC record (an ARC file, or no archive at all)")
    kind = record.rec_type or "unknown"
    if kind != "response":
        return Skipped(kind)
    http = record.http_headers
    if http is None:
        return Skipped("not_http")
    content_type = (http.get_header("Content-Type") or "").split(";", 1)[0].strip().lower()
    try:
        status = int(http.get_statuscode() or 0)
    except ValueError:
        raise _RecordError(f"status line {http.statusline!r} is not HTTP") from None
    # Decided before the body is read: a video or a PDF is skipped without holding it in
    # memory (the reader drains what is left of a record without keeping it).
    if not 200 <= status < 300:
        return Skipped("status")
    if content_type and content_type not in HTML_TYPES:
        return Skipped("not_html")
    body = record.content_stream().read()
    while record.raw_stream.read(1 << 16):
        pass
    if getattr(record.raw_stream, "limit", 0) > 0:
        raise _RecordError("the record is cut short (the file ends inside it)")
    if not _is_html(content_type, body):
        return Skipped("not_html")
    uri = (record.rec_headers.get_header("WARC-Target-URI") or "").strip().strip("<>")
    if not uri.lower().startswith(("http://", "https://")):
        raise _RecordError(f"WARC-Target-URI {uri!r} is not an http(s) URL")
    return Capture(uri=uri, fetched_at=_warc_date(record.rec_headers.get_header("WARC-Date")),
                   status=status, headers=tuple((str(k), str(v)) for k, v in http.headers),
                   body=body, offset=offset)


def _is_html(content_type: str, body: bytes) -> bool:
    if content_type:
        return content_type in HTML_TYPES
    head = body[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))


def _warc_date(value: str | None) -> datetime:
    if not value:
        raise _RecordError("the record has no WARC-Date")
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise _RecordError(f"WARC-Date {value!r} is not an ISO 8601 date") from None
    return moment.replace(tzinfo=moment.tzinfo or UTC).astimezone(UTC)


def _describe(exc: Exception) -> str:
    text = " ".join(str(exc).split())[:200]
    if isinstance(exc, _RecordError):
        return text
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _next_start(stream: IO[bytes], position: int) -> int | None:
    """Where the next record may start at or after ``position``: a gzip member or a WARC
    version line at the start of a line."""
    stream.seek(position)
    carry = b""
    base = position
    while chunk := stream.read(_SCAN_CHUNK):
        data = carry + chunk
        found = [i for i in (data.find(_GZIP_MAGIC), _warc_line(data)) if i >= 0]
        if found:
            return base + min(found)
        keep = len(_WARC_LINE)
        carry = data[-keep:]
        base += len(data) - len(carry)
    return None


def _warc_line(data: bytes) -> int:
    at = data.find(_WARC_LINE)
    while at > 0 and data[at - 1:at] != b"\n":
        at = data.find(_WARC_LINE, at + 1)
    return at
