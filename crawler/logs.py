"""Logging for long-running processes: one line per event on stderr.

Text lines read ``2026-11-21T05:03:36Z INFO [snhr-en] scheduler: crawl finished ...``;
``--log-format json`` writes one JSON object per line for log shippers. The source name
comes from ``extra={"source": name}`` (``-`` when an event concerns no source).
Tracebacks are folded into the same line so a log shipper never splits an event, and
channel secrets are masked before anything is written.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
from collections.abc import Iterable
from typing import Any, TextIO

FORMATS = ("text", "json")
MASK = "***"
_URL_RE = re.compile(r"\b([a-z][a-z0-9+.-]*)://([^\s'\"<>]+)", re.IGNORECASE)
_HOST_IS_PUBLIC = {"http", "https", "json", "jsons", "xml", "xmls", "form", "forms", "mailto",
                   "mailtos"}

_STANDARD_ATTRS = set(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {
    "message", "asctime", "source"}


def _timestamp(record: logging.LogRecord) -> str:
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
    return f"{stamp}.{int(record.msecs):03d}Z"


class Redactor(logging.Filter):
    """Replaces every configured secret in a record's final text with ``***``."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self.secrets: tuple[str, ...] = ()
        self.update(secrets)

    def update(self, secrets: Iterable[str]) -> None:
        self.secrets = tuple(sorted({s for s in secrets if s}, key=len, reverse=True))

    def mask(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, MASK)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "source"):
            record.source = "-"
        if self.secrets:
            record.msg = self.mask(record.getMessage())
            record.args = None
            if record.exc_info:
                record.exc_text = self.mask(logging.Formatter().formatException(record.exc_info))
                record.exc_info = None
        return True


def _one_line(text: str) -> str:
    return " | ".join(line for line in text.splitlines() if line.strip())


class TextFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        detail = record.exc_text or (self.formatException(record.exc_info)
                                     if record.exc_info else "")
        extras = " ".join(f"{key}={value}" for key, value in record.__dict__.items()
                          if key not in _STANDARD_ATTRS and not key.startswith("_"))
        line = (f"{_timestamp(record)} {record.levelname} [{getattr(record, 'source', '-')}] "
                f"{record.name}: {message}")
        if extras:
            line += f" ({extras})"
        if detail:
            line += f" :: {detail}"
        return _one_line(line)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        event: dict[str, Any] = {
            "ts": _timestamp(record),
            "level": record.levelname,
            "logger": record.name,
            "source": None if (source := getattr(record, "source", "-")) == "-" else source,
            "message": record.getMessage(),
        }
        for key, value in record.__dict__.items():
            if key not in _STANDARD_ATTRS and not key.startswith("_"):
                event[key] = value if isinstance(value, str | int | float | bool | None) \
                    else str(value)
        detail = record.exc_text or (self.formatException(record.exc_info)
                                     if record.exc_info else "")
        if detail:
            event["exception"] = detail
        return json.dumps(event, ensure_ascii=False)


def setup_logging(fmt: str = "text", *, level: int = logging.INFO,
                  secrets: Iterable[str] = (), stream: TextIO | None = None) -> Redactor:
    """Route every logger to one stderr handler. Returns the redactor (to update secrets
    after a config reload)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown log format {fmt!r}; use one of: {', '.join(FORMATS)}")
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter())
    redactor = Redactor(secrets)
    handler.addFilter(redactor)
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
        old.close()
    root.addHandler(handler)
    root.setLevel(level)
    logging.getLogger("apscheduler").setLevel(max(level, logging.WARNING))
    return redactor


def mask_secrets(text: str, secrets: Iterable[str] = ()) -> str:
    """``text`` safe to show: every known secret becomes ``***`` and every URL keeps only
    its scheme (and its host, for schemes whose host is never a secret).

    The second rule catches secrets of channels no longer in the configuration.
    """
    for secret in sorted({s for s in secrets if s}, key=len, reverse=True):
        text = text.replace(secret, MASK)

    def keep_scheme(match: re.Match[str]) -> str:
        scheme, rest = match.group(1), match.group(2)
        host = rest.split("/", 1)[0]
        if scheme.lower() in _HOST_IS_PUBLIC and "@" not in host:
            return f"{scheme}://{host}/{MASK}" if "/" in rest else f"{scheme}://{host}"
        return f"{scheme}://{MASK}"

    return _URL_RE.sub(keep_scheme, text)
