"""WARC files for the import tests, written with warcio from pages the tests make."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


@dataclass(frozen=True)
class Response:
    url: str
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: str = "200 OK"
    date: str = "2025-03-05T08:00:00Z"


def write_warc(path: Path, responses: list[Response], *, gzip: bool = True,
               requests: bool = True, extras: bool = False) -> Path:
    """A WARC of ``responses``, each after its request record when ``requests``; with
    ``extras``, also a warcinfo, a metadata and a revisit record."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzip, warc_version="1.1")
        if extras:
            writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        for response in responses:
            if requests:
                writer.write_record(writer.create_warc_record(
                    response.url, "request", payload=io.BytesIO(
                        b"GET / HTTP/1.1\r\nHost: example\r\n\r\n"),
                    warc_headers_dict={"WARC-Date": response.date}))
            headers = StatusAndHeaders(response.status, [
                ("Content-Type", response.content_type),
                ("Content-Length", str(len(response.body)))], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                response.url, "response", payload=io.BytesIO(response.body),
                http_headers=headers, warc_headers_dict={"WARC-Date": response.date})
            writer.write_record(record)
            if extras:
                writer.write_record(writer.create_warc_record(
                    response.url, "metadata", payload=io.BytesIO(b'{"note": "test"}'),
                    warc_content_type="application/json",
                    warc_headers_dict={"WARC-Date": response.date}))
                revisit = writer.create_revisit_record(
                    response.url, digest=record.rec_headers.get_header("WARC-Payload-Digest"),
                    refers_to_uri=response.url, refers_to_date=response.date,
                    http_headers=headers)
                writer.write_record(revisit)
    return path
