"""Keep channel secrets (passwords, tokens) out of every log line and error message.

Apprise URLs carry credentials. Three layers keep them out of output:

* a log-record factory that masks secrets in every record as it is created, so any handler
  (including ones added later, such as pytest's or a file handler) only ever sees masked text;
* a ``logging.Filter`` on the root logger, its handlers and the ``apprise`` logger doing the same
  for records created before the factory was installed;
* apprise's own logger kept at INFO or above, whatever ``-v`` says: its DEBUG lines echo
  request details.

``mask(text)`` applies the same masking to error strings raqib builds itself.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable

MASK = "***"
MIN_SECRET_LEN = 4

_lock = threading.Lock()
_secrets: tuple[str, ...] = ()
_factory_installed = False


def mask(text: str, extra: Iterable[str] = ()) -> str:
    """``text`` with every known secret (and every one in ``extra``) replaced by ``***``."""
    if not text:
        return text
    secrets = sorted({*_secrets, *(s for s in extra if s and len(s) >= MIN_SECRET_LEN)},
                     key=len, reverse=True)
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, MASK)
    return text


class RedactingFilter(logging.Filter):
    """Rewrites a record's message (and formatted traceback) with secrets masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        _redact_record(record)
        return True


def _redact_record(record: logging.LogRecord) -> None:
    if getattr(record, "_raqib_redacted", False) or not _secrets:
        return
    try:
        message = record.getMessage()
    except Exception:  # a bad format string: keep the raw template only
        message = str(record.msg)
    record.msg = mask(message)
    record.args = None
    if record.exc_info and not record.exc_text:
        record.exc_text = logging.Formatter().formatException(record.exc_info)
    if record.exc_text:
        record.exc_text = mask(record.exc_text)
    if record.stack_info:
        record.stack_info = mask(record.stack_info)
    record._raqib_redacted = True  # type: ignore[attr-defined]


def _install_factory() -> None:
    global _factory_installed
    if _factory_installed:
        return
    previous = logging.getLogRecordFactory()

    def factory(*args: object, **kwargs: object) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        _redact_record(record)
        return record

    logging.setLogRecordFactory(factory)
    _factory_installed = True


def quiet_apprise() -> None:
    """Keep apprise's logger at INFO or above (its DEBUG output is never wanted)."""
    apprise_logger = logging.getLogger("apprise")
    if apprise_logger.level < logging.INFO:
        apprise_logger.setLevel(logging.INFO)


def install_redaction(secrets: list[str]) -> None:
    """Mask these secrets in all logging from now on; callable again with more secrets."""
    global _secrets
    with _lock:
        _secrets = tuple(sorted({*_secrets, *(s for s in secrets if s
                                              and len(s) >= MIN_SECRET_LEN)},
                                key=len, reverse=True))
        _install_factory()
        quiet_apprise()
        root = logging.getLogger()
        for target in (root, logging.getLogger("apprise"), *root.handlers):
            if not any(isinstance(f, RedactingFilter) for f in target.filters):
                target.addFilter(RedactingFilter())


def known_secrets() -> tuple[str, ...]:
    return _secrets


def mask_url(url: str) -> str:
    """An apprise URL safe to show, whatever the service: the scheme, host and port, the
    query keys and harmless settings (``format=html``) stay; user and password, every path
    part, every other query value (``+Authorization=``, ``:token=``, ``sig=``) and a host
    that is a token (``tgram://<bot token>``) become ``***``."""
    from urllib.parse import urlsplit, urlunsplit

    from crawler.config import HARMLESS_QUERY_KEYS, TOKEN_HOST_SCHEMES

    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return f"{url.split(':', 1)[0]}://{MASK}" if ":" in url else MASK
    if parts.scheme in TOKEN_HOST_SCHEMES:
        host = MASK
    userinfo = f"{MASK}@" if "@" in parts.netloc else ""
    path = "/".join(MASK if segment else "" for segment in parts.path.split("/"))
    query = "&".join(
        pair if "=" not in pair or pair.split("=", 1)[0].lower() in HARMLESS_QUERY_KEYS
        else f"{pair.split('=', 1)[0]}={MASK}"
        for pair in parts.query.split("&") if pair)
    return urlunsplit((parts.scheme, f"{userinfo}{host}{port}", path, query, ""))
