"""Scrapy downloader middlewares for polite and safe crawling.

- ``RetryAfterMiddleware``: Scrapy's retry, plus ``Retry-After`` on 429/503 honoured
  (Scrapy ignores it): the retry waits that long, up to ``RAQIB_RETRY_AFTER_MAX``
  seconds; a longer wait is not attempted and the reason is recorded.
- ``RobotsTxtMiddleware``: robots.txt answered with 5xx (or unreachable) means
  *disallow all* for this run (RFC 9309 §2.3.1.4); the reason goes to the run message.
- ``PrivateAddressMiddleware``: a request to a private, loopback, link-local or reserved
  address is refused unless its host is one of the source's own configured hosts
  (a redirect or feed link must not make the crawler probe the local network).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware, get_retry_request
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware as ScrapyRobots
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Request, Response
from scrapy.robotstxt import RobotParser
from scrapy.utils.httpobj import urlparse_cached

RETRY_AFTER_STATUSES = (429, 503)
REASON_KEY = "raqib_reason"  # request.meta key: why a request finally failed
ROBOTS_STAT = "raqib/robots_unreachable"


def retry_after_seconds(value: bytes | str | None, *, now: datetime | None = None) -> float | None:
    """Seconds a ``Retry-After`` header asks for (delta-seconds or an HTTP date)."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, (moment - (now or datetime.now(UTC))).total_seconds())


class RetryAfterMiddleware(RetryMiddleware):
    """Retries like Scrapy's RetryMiddleware, waiting as long as ``Retry-After`` asks."""

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.max_wait = settings.getfloat("RAQIB_RETRY_AFTER_MAX", 60.0)

    async def process_response(self, request: Request, response: Response
                               ) -> Request | Response:
        if request.meta.get("dont_retry") or response.status not in RETRY_AFTER_STATUSES:
            return super().process_response(request, response)
        wait = retry_after_seconds(response.headers.get("Retry-After"))
        if wait is None:
            return super().process_response(request, response)
        status = response.status
        if wait > self.max_wait:
            request.meta[REASON_KEY] = (f"HTTP {status}: the server asked to wait {wait:.0f}s, "
                                        f"more than the {self.max_wait:.0f}s limit; gave up")
            self.crawler.stats.inc_value("raqib/retry_after_refused")
            return response
        retry = get_retry_request(request, spider=self.crawler.spider,
                                  reason=f"HTTP {status}, Retry-After {wait:.0f}s",
                                  max_retry_times=request.meta.get("max_retry_times",
                                                                   self.max_retry_times))
        if retry is None:
            request.meta[REASON_KEY] = (f"HTTP {status} after {self.max_retry_times} retries "
                                        "honouring Retry-After; gave up")
            return response
        self.crawler.stats.inc_value("raqib/retry_after_waits")
        await asyncio.sleep(wait)
        return retry


class _DisallowAll(RobotParser):
    def __init__(self, robotstxt_body: bytes = b"", spider: Any = None) -> None:
        self.spider = spider

    @classmethod
    def from_crawler(cls, crawler: Crawler, robotstxt_body: bytes) -> _DisallowAll:
        return cls(robotstxt_body, crawler.spider)

    def allowed(self, url: str | bytes, user_agent: str | bytes) -> bool:
        return False

    def sitemaps(self) -> list[str]:
        return []


class RobotsTxtMiddleware(ScrapyRobots):
    """Scrapy's robots.txt handling, but an unreachable robots.txt disallows everything."""

    async def _parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        if response.status < 500:
            await super()._parse_robots(response, netloc, request)
            return
        self._unreachable(netloc, f"robots.txt of {netloc} answered HTTP {response.status}")

    def _robots_error(self, exc: Exception, netloc: str) -> None:
        if isinstance(exc, IgnoreRequest):
            super()._robots_error(exc, netloc)
            return
        reason = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        self._unreachable(netloc, f"robots.txt of {netloc} could not be fetched ({reason})")

    def _unreachable(self, netloc: str, what: str) -> None:
        message = (f"{what}: treated as disallow-all for this run (RFC 9309); nothing else "
                   "was fetched from that host")
        self.crawler.stats.set_value(ROBOTS_STAT, message)
        deferred = self._parsers[netloc]
        parser = _DisallowAll()
        self._parsers[netloc] = parser
        if not isinstance(deferred, RobotParser) and deferred is not None:
            deferred.callback(parser)


class PrivateAddressMiddleware:
    """Refuses requests to non-public addresses on hosts that are not the source's own."""

    def __init__(self, allowed_hosts: set[str]) -> None:
        self.allowed_hosts = {h.lower() for h in allowed_hosts}
        self._verdicts: dict[str, str | None] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PrivateAddressMiddleware:
        hosts = set(crawler.settings.getlist("RAQIB_SOURCE_HOSTS"))
        if not crawler.settings.getbool("RAQIB_REFUSE_PRIVATE", True):
            raise NotConfigured
        return cls(hosts)

    def process_request(self, request: Request) -> None:
        host = (urlparse_cached(request).hostname or "").lower()
        if not host or host in self.allowed_hosts:
            return
        if host not in self._verdicts:
            self._verdicts[host] = private_address(host)
        address = self._verdicts[host]
        if address is not None:
            reason = (f"refused {request.url}: {host} is a private/local address ({address}) "
                      "and not one of the source's hosts")
            request.meta[REASON_KEY] = reason
            raise IgnoreRequest(reason)


def private_address(host: str) -> str | None:
    """The first non-public address ``host`` is or resolves to, or None if all are public."""
    try:
        addresses = [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        try:
            infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
        except OSError:
            return None  # unresolvable: the download fails on its own with a DNS error
        addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    for address in addresses:
        if not address.is_global or address.is_multicast:
            return str(address)
    return None
