"""Canonical article URLs: one key per article, however it was linked.

The canonical form is an identity key first and a link second. It must be
stable (``canonicalize`` is idempotent) and every variant a source or a
reader produces (tracking parameters, AMP views, ``http``, a missing or extra
trailing slash, lower- or upper-case percent escapes) must map onto it.

Rules, in the order applied:

1. w3lib's ``canonicalize_url``: host lowercased and IDNA-encoded (punycode),
   fragment dropped, query parameters sorted, percent escapes upper-cased,
   unreserved characters decoded, non-ASCII path characters UTF-8 encoded,
   dot segments resolved.
2. Scheme ``https`` (every monitored source serves https; ``http`` links are
   old copies of the same page), unless the source itself is configured with an
   ``http`` base URL (a local mirror): then its own scheme, so the stored link
   still works. Default ports and credentials are dropped.
3. AMP variants collapse onto the article: an ``amp.`` host prefix, an
   ``amp`` last path segment (``/slug/amp/``) and an ``amp`` query parameter.
4. Host aliases (alias host → canonical host) are applied. ``www.`` is never
   dropped implicitly: ``www.syriahr.com`` and ``syriahr.com`` are different
   hosts unless an alias says otherwise.
5. Tracking parameters are removed; meaningful ones (WordPress ``p``,
   ``page_id``, ...) are kept.
6. Trailing slashes are stripped, except for the root path ``/``.

Why strip rather than add the trailing slash: stripping never produces a URL
the server does not know. WordPress (SNHR, SOHR, Horrya) redirects the
slash-less form to its permalink, whereas adding a slash breaks file-like
paths (``/1494-syria-....html``) and Drupal paths (Alkarama). The key only
needs to be consistent, and the link still resolves.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import SplitResult, unquote_plus, unquote_to_bytes, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

from crawler.errors import ConfigError, RaqibError

if TYPE_CHECKING:
    from crawler.config import SourceConfig

__all__ = [
    "TRACKING_PARAMS",
    "TRACKING_PREFIXES",
    "InvalidURLError",
    "canonicalize",
    "canonicalize_for_source",
    "host_of",
]


class InvalidURLError(RaqibError, ValueError):
    """A string is not an absolute http(s) URL that can name an article.

    ``reason`` is a short, URL-free phrase ("invalid port"), so skipped links can be
    counted per reason."""

    def __init__(self, message: str, *, reason: str = "invalid link") -> None:
        super().__init__(message)
        self.reason = reason


TRACKING_PARAMS: frozenset[str] = frozenset(
    {
        "_ga",
        "_gl",
        "_hsenc",
        "_hsmi",
        "amp",
        "cmpid",
        "dclid",
        "doing_wp_cron",
        "fbclid",
        "gclid",
        "gclsrc",
        "igshid",
        "mc_cid",
        "mc_eid",
        "mkt_tok",
        "msclkid",
        "ncid",
        "ref",
        "ref_src",
        "ref_url",
        "replytocom",
        "s_cid",
        "share",
        "si",
        "spm",
        "twclid",
        "wt_mc",
        "yclid",
    }
)
"""Query parameter names (compared case-insensitively) that never change the article."""

TRACKING_PREFIXES: tuple[str, ...] = ("utm_", "mtm_", "pk_", "at_", "oly_", "hsa_")
"""Name prefixes of analytics parameter families (``utm_source``, ``pk_campaign``...)."""

_DEFAULT_PORTS = {"http": 80, "https": 443}
_HOST_RE = re.compile(
    r"(?:[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?\.)*[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?"
)
_AMP_HOST_PREFIX = "amp."
_AMP_SEGMENT = "/amp"


def canonicalize(
    url: str, *, aliases: Mapping[str, str] | None = None, scheme: str = "https"
) -> str:
    """Return the canonical URL of an article link (https unless ``scheme`` says otherwise).

    ``aliases`` maps an alias host to its canonical host, e.g.
    ``{"news.sn4hr.org": "news.snhr.org"}``; chains (a → b → c) are followed.
    Raises :class:`InvalidURLError` for anything but an absolute http(s) URL.
    """
    parts = _split(url)
    host = _canonical_host(parts.hostname or "", aliases)
    netloc = f"[{host}]" if ":" in host else host
    port = _port(parts, url)
    if port is not None and port not in _DEFAULT_PORTS.values():
        netloc = f"{netloc}:{port}"
    path = _canonical_path(parts.path)
    query = _strip_tracking(parts.query)
    return urlunsplit((scheme, netloc, path, query, ""))


def canonicalize_for_source(url: str, *, base_url: str, aliases: Iterable[str] = ()) -> str:
    """The article key of a link found on a source whose home is ``base_url``: the
    source's alias hosts map to its own host, and an http-only source keeps http."""
    home = host_of(base_url)
    scheme = "http" if _split(base_url).scheme == "http" else "https"
    return canonicalize(url, aliases={alias: home for alias in aliases}, scheme=scheme)


def canonical_url(url: str, source: SourceConfig) -> str:
    """The article key of ``url`` on ``source`` (``canonicalize_for_source``), remembered: a
    page's URLs are keyed several times (key, variants, link, the crawl's checks), and parsing
    a URL costs more than the rest of that bookkeeping."""
    return _source_key(url, source.url, tuple(source.aliases))


@lru_cache(maxsize=4096)
def _source_key(url: str, base_url: str, aliases: tuple[str, ...]) -> str:
    return canonicalize_for_source(url, base_url=base_url, aliases=aliases)


def host_of(url: str, *, aliases: Mapping[str, str] | None = None) -> str:
    """Return the canonical host of ``url`` (lowercase, punycode, no port, aliases applied)."""
    return _canonical_host(_split(url).hostname or "", aliases)


def _split(url: str) -> SplitResult:
    raw = url.strip()
    scheme = raw.split(":", 1)[0].lower() if ":" in raw else ""
    if scheme not in _DEFAULT_PORTS:
        raise InvalidURLError(
            f"not an absolute http(s) URL: {url!r}; resolve relative links against the page URL "
            "first and skip mailto:, javascript: and other schemes",
            reason="not an http(s) link",
        )
    try:
        parts = urlsplit(canonicalize_url(raw, keep_fragments=False))
    except ValueError as exc:
        reason = "invalid port" if "port" in str(exc).lower() else "unparseable link"
        raise InvalidURLError(f"cannot parse URL {url!r}: {exc}", reason=reason) from exc
    host = parts.hostname or ""
    if not host or not _is_valid_host(host):
        raise InvalidURLError(f"URL {url!r} has no valid host name; check the link",
                              reason="no valid host name")
    return parts


def _is_valid_host(host: str) -> bool:
    if host.startswith("[") or ":" in host:
        return True  # an IPv6 literal, already validated by urlsplit
    return bool(_HOST_RE.fullmatch(host.rstrip(".")))


def _port(parts: SplitResult, url: str) -> int | None:
    try:
        return parts.port
    except ValueError as exc:
        raise InvalidURLError(f"URL {url!r} has an invalid port: {exc}",
                              reason="invalid port") from exc


def _canonical_host(host: str, aliases: Mapping[str, str] | None) -> str:
    host = host.lower().rstrip(".")
    while host.startswith(_AMP_HOST_PREFIX) and host.count(".") > 1:
        host = host[len(_AMP_HOST_PREFIX) :]
    if aliases:
        host = _resolve_alias(host, aliases)
    return host


def _resolve_alias(host: str, aliases: Mapping[str, str]) -> str:
    table = {_normalise_alias_host(k): _normalise_alias_host(v) for k, v in aliases.items()}
    seen = [host]
    while host in table and table[host] != host:
        host = table[host]
        if host in seen:
            chain = " → ".join([*seen, host])
            raise ConfigError(f"host aliases form a cycle ({chain}); remove one of them")
        seen.append(host)
    return host


def _normalise_alias_host(host: str) -> str:
    host = host.strip().lower().rstrip(".")
    if host.isascii():
        return host
    return urlsplit(canonicalize_url(f"https://{host}/")).hostname or host


def _canonical_path(path: str) -> str:
    path = path.rstrip("/")
    while path.lower().endswith(_AMP_SEGMENT):
        path = path[: -len(_AMP_SEGMENT)].rstrip("/")
    return path or "/"


def _strip_tracking(query: str) -> str:
    """Drop tracking parameters from an already sorted, canonical query string."""
    kept = [pair for pair in query.split("&") if pair and not _is_tracking(pair)]
    return "&".join(kept)


def _is_tracking(pair: str) -> bool:
    return is_tracking_param(unquote_plus(pair.split("=", 1)[0]))


def is_tracking_param(name: str) -> bool:
    """Whether a query parameter named ``name`` only tracks a visit (``utm_source``,
    ``fbclid``): it never changes the article."""
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)


# Percent-escapes kept as they are when a URL is shown decoded: their characters would change
# what the URL means (path, query and fragment delimiters), or cannot be seen (spaces,
# controls).
_KEEP_ENCODED = frozenset("%/?#&=+;[]@:")
_ESCAPES_RE = re.compile(r"(?:%[0-9A-Fa-f]{2})+")


def display_url(url: str) -> str:
    """A URL as a person reads it: percent-encoded UTF-8 (Arabic paths) and punycode hosts
    shown as their characters. Escapes of delimiters, spaces and invisible characters stay
    encoded, and so does anything that is not valid UTF-8, so the result still opens the
    same page when pasted. Where a client needs the address exactly as published (links in
    messages, exports), the stored URL is used, not this."""

    def decode(match: re.Match[str]) -> str:
        run = match.group()
        try:
            text = unquote_to_bytes(run).decode("utf-8")
        except UnicodeDecodeError:
            return run
        return "".join(_visible(ch) for ch in text)

    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    host = parts.netloc
    if "xn--" in host.lower():
        try:
            host = ".".join(label.encode("ascii").decode("idna") if label.lower().startswith(
                "xn--") else label for label in host.split("."))
        except (UnicodeError, ValueError):
            host = parts.netloc
    rest = _ESCAPES_RE.sub(decode, url[len(f"{parts.scheme}://{parts.netloc}"):]) \
        if parts.scheme and parts.netloc else _ESCAPES_RE.sub(decode, url)
    if not (parts.scheme and parts.netloc):
        return rest
    return f"{parts.scheme}://{host}{rest}"


def _visible(ch: str) -> str:
    if ch in _KEEP_ENCODED or ch.isspace() or unicodedata.category(ch)[0] == "C":
        return "".join(f"%{byte:02X}" for byte in ch.encode("utf-8"))
    return ch
