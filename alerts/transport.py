"""The only module that imports apprise: one channel, one message, one typed result.

Each channel gets its own ``Apprise`` object, so a failure on one channel never hides
or repeats a delivery on another. Apprise only says "failed"; whether a failure is
permanent is read from what its plugins log while sending: SMTP replies (the email
plugin logs the ``smtplib`` exception, e.g. ``(550, b'...')``) and HTTP statuses
(``error=500``). SMTP 5xx and HTTP 4xx (except 408/425/429) are permanent; anything
else (4xx SMTP, 5xx HTTP, refused or timed-out connections) is temporary.

While apprise sends, its log records are collected here instead of reaching the
application's handlers, and raqib logs one masked summary instead.

An HTML e-mail's text/plain alternative is raqib's own ``.txt`` rendering (``_own_text_part``):
apprise would otherwise derive it from the HTML, losing every link and running the quotes
together.
"""

from __future__ import annotations

import html
import logging
import re
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from alerts.redact import mask, mask_url, quiet_apprise
from crawler.config import CONSOLE_URL, ChannelConfig, secrets_in_url

log = logging.getLogger(__name__)

_SMTP_CODE = re.compile(r"\((\d{3}),\s*b?['\"](.*?)['\"]")
_HTTP_CODE = re.compile(r"error=(\d{3})")
_TEMPORARY_HTTP = {408, 425, 429}
_capture_lock = threading.Lock()


@dataclass(frozen=True)
class SendResult:
    ok: bool
    permanent: bool = False
    error: str = ""  # secrets masked


def is_valid_url(url: str) -> bool:
    """Whether apprise can load this URL (console:// is raqib's own stdout channel)."""
    if url == CONSOLE_URL:
        return True
    import apprise

    with _apprise_logs():
        return apprise.Apprise.instantiate(url, suppress_exceptions=True) is not None


def describe(channel: ChannelConfig) -> str:
    """The channel's URL with secrets hidden (apprise's privacy form, then every part that
    can carry a secret masked: ``mask_url``), safe to show."""
    if channel.url == CONSOLE_URL:
        return CONSOLE_URL
    import apprise

    with _apprise_logs():
        plugin = apprise.Apprise.instantiate(channel.url, suppress_exceptions=True)
    if plugin is None:
        return "(URL cannot be loaded)"
    return mask_url(mask(plugin.url(privacy=True), secrets_in_url(channel.url)))


def send(channel: ChannelConfig, title: str, body_text: str, body_html: str | None = None,
         body_markdown: str | None = None) -> SendResult:
    """Deliver one message to one channel, in the richest format the service takes."""
    if channel.url == CONSOLE_URL:
        stream = sys.stdout  # the body opens with the headline: a rule line, not the subject
        stream.write(f"{'─' * 40}\n{body_text.rstrip()}\n\n")
        stream.flush()
        return SendResult(ok=True)

    import apprise
    from apprise import NotifyFormat

    secrets = secrets_in_url(channel.url)
    with _apprise_logs() as messages:
        asset = apprise.AppriseAsset(storage_mode="memory")
        plugin = apprise.Apprise.instantiate(channel.url, asset=asset, suppress_exceptions=True)
        if plugin is None:
            return SendResult(False, True, f"channel {channel.name}: its URL cannot be loaded "
                                           "by apprise; fix channels.url")
        formats = _formats(plugin)
        if formats[0] == NotifyFormat.HTML and body_html is not None:
            body, fmt = body_html, NotifyFormat.HTML
        elif formats[0] == NotifyFormat.MARKDOWN and body_markdown is not None:
            body, fmt = body_markdown, NotifyFormat.MARKDOWN
        elif _is_email(plugin):
            body, fmt = body_text, NotifyFormat.TEXT
        else:
            # Chat services and webhooks may render '<', '>' and '&' (Slack-style links and
            # mentions, HTML-capable consumers): escape them so page text stays inert.
            body, fmt = html.escape(body_text, quote=False), NotifyFormat.TEXT
            title = html.escape(title, quote=False)
        notifier = apprise.Apprise(asset=asset)
        notifier.add(plugin)
        text_part = body_text if fmt == NotifyFormat.HTML and _is_email(plugin) else None
        try:
            with _own_text_part(text_part):
                ok = bool(notifier.notify(body=body, title=title, body_format=fmt))
        except Exception as exc:  # a plugin bug must not take the dispatcher down
            messages.append((logging.ERROR, f"{type(exc).__name__}: {exc}"))
            ok = False
    if ok:
        return SendResult(ok=True)
    permanent, reason = classify_failure(messages)
    where = mask(plugin.url(privacy=True).split("?", 1)[0], secrets)
    return SendResult(False, permanent, mask(f"{where}: {reason}", secrets))


def classify_failure(messages: list[tuple[int, str]]) -> tuple[bool, str]:
    """(permanent, short reason) from apprise's log lines of one failed send."""
    for _, text in reversed(messages):
        match = _SMTP_CODE.search(text)
        if match:
            code = int(match.group(1))
            detail = match.group(2).replace("\\r", "").replace("\\n", " ").strip()
            kind = "permanent" if code >= 500 else "temporary"
            return code >= 500, f"SMTP {code} {detail} ({kind})".strip()
    for _, text in reversed(messages):
        match = _HTTP_CODE.search(text)
        if match:
            code = int(match.group(1))
            permanent = 400 <= code < 500 and code not in _TEMPORARY_HTTP
            kind = "permanent" if permanent else "temporary"
            return permanent, f"HTTP {code} ({kind})"
    warnings = [text for level, text in messages if level >= logging.WARNING]
    details = [text for level, text in messages if level < logging.WARNING
               and "exception" in text.lower()]
    reason = "; ".join([*warnings[-1:], *details[-1:]]) or "delivery failed"
    return False, f"{reason} (temporary)"


@contextmanager
def _apprise_logs() -> Iterator[list[tuple[int, str]]]:
    """Collect apprise's log records (DEBUG included) without letting them propagate."""
    collected: list[tuple[int, str]] = []

    class Collector(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            try:
                collected.append((record.levelno, record.getMessage()))
            except Exception:  # never let logging break a delivery
                collected.append((record.levelno, str(record.msg)))

    apprise_logger = logging.getLogger("apprise")
    handler = Collector(logging.DEBUG)
    with _capture_lock:
        level, propagate = apprise_logger.level, apprise_logger.propagate
        apprise_logger.addHandler(handler)
        apprise_logger.setLevel(logging.DEBUG)
        apprise_logger.propagate = False
        try:
            yield collected
        finally:
            apprise_logger.removeHandler(handler)
            apprise_logger.setLevel(level)
            apprise_logger.propagate = propagate
            quiet_apprise()


@contextmanager
def _own_text_part(text: str | None) -> Iterator[None]:
    """While an HTML e-mail is built, make its text/plain part ``text``.

    Apprise's e-mail plugin builds ``multipart/alternative`` itself and fills the plain part
    with ``convert_between(HTML, TEXT, body)``, with no way to pass a text body of one's own.
    That one name is replaced in the plugin's module for the duration of the send; sends are
    serialised by ``_capture_lock`` (held by ``_apprise_logs``), so no other send sees it.
    If a later apprise moves the name, the message still goes out with apprise's own text.
    """
    if text is None:
        yield
        return
    try:
        from apprise.plugins.email import base as email_base
    except ImportError:  # pragma: no cover - apprise reorganised
        yield
        return
    original = getattr(email_base, "convert_between", None)
    if original is None:  # pragma: no cover - apprise reorganised
        log.debug("apprise's e-mail plugin has no convert_between; its text part is used")
        yield
        return
    from apprise import NotifyFormat

    def convert(from_format: object, to_format: object, content: str, *args: object,
                **kwargs: object) -> str:
        if from_format == NotifyFormat.HTML and to_format == NotifyFormat.TEXT:
            return text
        return str(original(from_format, to_format, content, *args, **kwargs))

    email_base.convert_between = convert
    try:
        yield
    finally:
        email_base.convert_between = original


def _formats(plugin: object) -> tuple[object, ...]:
    from apprise import NotifyFormat

    declared = getattr(plugin, "notify_format", NotifyFormat.TEXT)
    if isinstance(declared, list | tuple):
        return tuple(NotifyFormat(f) for f in declared) or (NotifyFormat.TEXT,)
    return (NotifyFormat(declared),)


def _is_email(plugin: object) -> bool:
    return type(plugin).__name__.lower().startswith("notifyemail") or \
        "email" in type(plugin).__module__
