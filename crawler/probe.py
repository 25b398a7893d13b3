"""``raqib sources --check``: probe each source live, the way its spider starts.

One small GET per entry point — robots.txt, then what the spider reads first (REST API,
feed, listing, the Alkarama country menu and taxonomy term) — and one verdict per source:
ok, or what is wrong and how to fix it. Runs in the calling process without Scrapy: the
shapes come from ``spiders.permalinks`` and feeds are read by ``spiders.feedparse``, as the
spiders read them. Requests go only to the source's own host.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urljoin, urlsplit

from parsel import Selector

from crawler.config import Config, SourceConfig
from spiders import permalinks
from spiders.feedparse import Feed, FeedFormatError, parse_feed
from spiders.pages import path_matches

MAX_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Probe:
    """The verdict on one source."""

    source: str
    ok: bool
    message: str  # what was seen (ok) or what is wrong and the fix

    def line(self) -> str:
        return f"{self.source}: {'ok' if self.ok else 'BROKEN'} — {self.message}"


class Broken(Exception):
    """An entry point does not answer as the spider needs; the message names the fix."""


@dataclass(frozen=True)
class Answer:
    url: str  # after redirects
    status: int
    body: bytes


class Client:
    """GETs with the crawl's user agent and timeout; never raises for an HTTP status."""

    def __init__(self, user_agent: str, timeout: float) -> None:
        self.user_agent = user_agent
        self.timeout = timeout

    def get(self, url: str) -> Answer:
        request = urllib.request.Request(url, headers={"User-Agent": self.user_agent,
                                                       "Accept": "*/*"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                return Answer(answer.geturl(), answer.status, answer.read(MAX_BYTES))
        except urllib.error.HTTPError as exc:
            return Answer(url, exc.code, exc.read(MAX_BYTES) if exc.fp else b"")
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            raise Broken(f"{url}: no answer ({reason}) — check the url and the network; if "
                         "the site is down, wait") from None


def check_sources(config: Config, names: list[str] | None = None,
                  client: Client | None = None) -> list[Probe]:
    """One probe per named (default: every enabled) source, in config order."""
    client = client or Client(config.crawl.user_agent, config.crawl.timeout.total_seconds())
    chosen = [config.source(n) for n in names] if names else [
        s for s in config.sources if s.enabled]
    return [probe(source, config, client) for source in chosen]


def probe(source: SourceConfig, config: Config, client: Client) -> Probe:
    try:
        if config.crawl.obey_robots:
            check_robots(source, client, config.crawl.user_agent)
        message = PROBES.get(source.spider, probe_unknown)(source, client)
    except Broken as exc:
        return Probe(source.name, False, str(exc))
    return Probe(source.name, True, message)


# -- robots.txt ------------------------------------------------------------------------


def check_robots(source: SourceConfig, client: Client, user_agent: str) -> None:
    parts = urlsplit(source.url)
    robots = f"{parts.scheme}://{parts.netloc}/robots.txt"
    answer = client.get(robots)
    if answer.status >= 500:
        raise Broken(f"{robots} answers HTTP {answer.status}: raqib then treats the whole site "
                     "as disallowed and crawls nothing — wait for the site to recover (or, "
                     "with the site's consent, set crawl.obey_robots = false)")
    if answer.status != 200:
        return  # no robots.txt: everything is allowed
    parser = urllib.robotparser.RobotFileParser()
    parser.parse(answer.body.decode("utf-8", errors="replace").splitlines())
    if not parser.can_fetch(user_agent, source.url):
        raise Broken(f"{robots} disallows {source.url} for raqib's user agent — ask the site "
                     "to allow it, or remove the source")


# -- the entry points ------------------------------------------------------------------


def _root(source: SourceConfig) -> str:
    return source.url if source.url.endswith("/") else source.url + "/"


REFUSED = (401, 403, 429, 503)


def _ok_page(answer: Answer, what: str, fix: str) -> None:
    if answer.status in REFUSED:
        raise Broken(f"{what} {answer.url} answers HTTP {answer.status}: the site refuses "
                     "raqib's requests now — try later (a crawl stops and reports; it never "
                     "retries harder than Retry-After allows)")
    if answer.status != 200:
        raise Broken(f"{what} {answer.url} answers HTTP {answer.status} — {fix}")


def _feed(client: Client, url: str, fix: str) -> Feed:
    answer = client.get(url)
    _ok_page(answer, "the feed", fix)
    try:
        feed = parse_feed(answer.body, base_url=answer.url)
    except FeedFormatError as exc:
        raise Broken(f"{url}: {exc} — {fix}") from None
    if not feed.entries:
        raise Broken(f"the feed {url} lists no items — {fix}")
    return feed


def _check_shape(links: list[str], pattern: re.Pattern[str] | None, where: str) -> None:
    if pattern is None or not links:
        return
    wrong = [link for link in links if not path_matches(link, pattern)]
    if len(wrong) == len(links):
        raise Broken(f"{where} links {wrong[0]}, not of the permalink shape raqib expects "
                     f"({pattern.pattern}) — the site's URLs changed: report it (raqib issue "
                     "tracker); articles would be skipped")


def probe_feed(source: SourceConfig, client: Client) -> str:
    feed = _feed(client, source.url, "point url at the site's RSS or Atom feed "
                 "(often /feed/, /rss.xml or /atom.xml)")
    return f"feed lists {len(feed.entries)} items, newest {_newest(feed)}"


def _newest(feed: Feed) -> str:
    dates = [e.hints.published for e in feed.entries if e.hints.published]
    return max(dates)[:10] if dates else "undated"


def probe_wordpress(source: SourceConfig, client: Client) -> str:
    """REST API first, then the feed, as ``spiders.wp`` starts."""
    root = _root(source)
    pattern = permalinks.BY_SPIDER.get(source.spider)
    api = urljoin(root, "wp-json/wp/v2/posts?per_page=5")
    answer = client.get(api)
    posts = _json_list(answer.body) if answer.status == 200 else None
    if posts and all(isinstance(p, dict) and isinstance(p.get("link"), str) for p in posts):
        links = [p["link"] for p in posts]
        _check_shape(links, pattern, f"the REST API {api}")
        newest = max((str(p.get("date_gmt") or "")[:10] for p in posts), default="")
        return f"REST API lists {len(posts)} posts, newest {newest or 'undated'}"
    feed = _feed(client, urljoin(root, "feed/"),
                 "the REST API and the feed both fail: check url is the WordPress site's root "
                 "(where /feed/ and /wp-json/ live)")
    _check_shape([e.link for e in feed.entries], pattern, f"the feed {urljoin(root, 'feed/')}")
    return (f"REST API closed (HTTP {answer.status}); feed lists {len(feed.entries)} items, "
            f"newest {_newest(feed)}")


def probe_sohr(source: SourceConfig, client: Client) -> str:
    """The feed (new items), then the date archive of its newest month (backfills)."""
    root = _root(source)
    feed = urljoin(root, "feed/")
    items = _feed(client, feed, "check url is the site's root (/en/ or /)").entries
    _check_shape([e.link for e in items], permalinks.SOHR, f"the feed {feed}")
    dates = sorted((e.hints.published for e in items if e.hints.published), reverse=True)
    month = dates[0][:7].replace("-", "/") if dates else datetime.now().strftime("%Y/%m")
    archive = urljoin(root, f"date/{month}/")
    answer = client.get(archive)
    _ok_page(answer, "the date archive", "backfills walk these archives; check the site")
    links = _permalink_links(answer, permalinks.SOHR)
    if not links:
        raise Broken(f"the date archive {archive} has no link of the permalink shape "
                     "(/en/<id>/ or /<slug>/<id>/): backfills would find nothing — the "
                     "listing is built by script or the URL shape changed; report it")
    return f"feed lists {len(items)} items; date archive {month} lists {len(links)} articles"


def probe_alkarama(source: SourceConfig, client: Client) -> str:
    """The country menu's Syria term (or the term the url names), its listing and feed."""
    root = re.match(r"^(.*?/(?:en|fr|ar)/)", source.url)
    base = root[1] if root else _root(source)
    menu = client.get(base)
    _ok_page(menu, "the language root", "check url is the site's /en/, /fr/ or /ar/ page")
    found = permalinks.syria_term(Selector(text=_text(menu.body)))
    configured = permalinks.configured_term(source.url)
    term = configured or found
    listing_fix = (f"set this source's url to {base}taxonomy/term/{found}/articles (the "
                   "country menu's Syria link)" if found else
                   "find the Syria page on the site and set url to its term listing "
                   f"({base}taxonomy/term/N/articles)")
    if term is None:
        raise Broken(f"{base}: no country menu link named Syria / Syrie / سوريا — "
                     f"{listing_fix}")
    listing = urljoin(base, f"taxonomy/term/{term}/articles")
    answer = client.get(listing)
    _ok_page(answer, "the term listing", listing_fix)
    entries = _permalink_entries(answer, permalinks.ALKARAMA)
    if not entries:
        raise Broken(f"the term listing {listing} has no link of the permalink shape "
                     "/<lang>/articles/<slug> — the listing is built by script or the URL "
                     "shape changed; report it")
    titles = [t for _, t in entries if t]
    if titles and not any(permalinks.SYRIA_TITLE.match(t) for t in titles):
        raise Broken(f"term {term} is not Syria's listing (its titles start "
                     f"{titles[0][:40]!r}) — {listing_fix}")
    feed = client.get(urljoin(base, f"taxonomy/term/{term}/feed"))
    feed_note = "term feed exists" if feed.status == 200 else (
        f"no term feed (HTTP {feed.status}): the listing is read instead")
    return f"Syria is term {term}; listing shows {len(entries)} articles; {feed_note}"


def probe_sitemap(source: SourceConfig, client: Client) -> str:
    answer = client.get(source.url)
    _ok_page(answer, "the sitemap", "point url at the site's sitemap (robots.txt names it)")
    if not re.search(rb"<(?:\w+:)?(?:urlset|sitemapindex)\b", answer.body[:4096]):
        raise Broken(f"{source.url} is not a sitemap (no <urlset> or <sitemapindex>) — point "
                     "url at the site's sitemap (robots.txt names it)")
    return "sitemap answers"


def probe_telegram(source: SourceConfig, client: Client) -> str:
    """The channel's preview page, read as the telegram spider reads it."""
    from spiders.telegram import TelegramURLError, parse_preview, preview_url

    try:
        url = preview_url(source.url)
    except TelegramURLError as exc:
        raise Broken(str(exc)) from None
    answer = client.get(url)
    _ok_page(answer, "the channel preview", "check the channel's @name")
    posts, empty, _ = parse_preview(_text(answer.body), answer.url)
    if "/s/" not in urlsplit(answer.url).path or not (posts or empty):
        raise Broken(f"{url} shows no posts: the channel is private, has no public preview or "
                     "does not exist — check its @name (open https://t.me/<name> in a browser)")
    dates = [p.published for p in posts if p.published]
    newest = max(dates)[:10] if dates else "undated"
    return f"preview lists {len(posts)} posts with text, newest {newest}"


def probe_unknown(source: SourceConfig, client: Client) -> str:
    answer = client.get(source.url)
    _ok_page(answer, "the url", "check the url")
    return f"answers HTTP {answer.status} (no deeper probe for the {source.spider} spider)"


PROBES: dict[str, Callable[[SourceConfig, Client], str]] = {
    "feed": probe_feed, "wordpress": probe_wordpress, "snhr": probe_wordpress,
    "horrya": probe_wordpress, "sohr": probe_sohr, "alkarama": probe_alkarama,
    "sitemap": probe_sitemap, "telegram": probe_telegram,
}


# -- helpers ---------------------------------------------------------------------------


def _text(body: bytes) -> str:
    return body.decode("utf-8", errors="replace")


def _json_list(body: bytes) -> list[object] | None:
    try:
        data = json.loads(body)
    except ValueError:
        return None
    return data if isinstance(data, list) else None


_CONTENT_LINKS = ("//a[@href][not(ancestor::header or ancestor::nav or ancestor::footer "
                  "or ancestor::aside)]")


def _permalink_entries(answer: Answer, pattern: re.Pattern[str]) -> list[tuple[str, str]]:
    """(link, title) of the article links on a listing page, as the spiders find them."""
    host = urlsplit(answer.url).netloc
    found: dict[str, str] = {}
    for anchor in Selector(text=_text(answer.body)).xpath(_CONTENT_LINKS):
        try:
            link = urljoin(answer.url, anchor.attrib["href"].strip())
        except ValueError:
            continue
        if urlsplit(link).netloc != host or not path_matches(link, pattern):
            continue
        title = " ".join(" ".join(anchor.xpath(".//text()").getall()).split())
        if title or link not in found:
            found[link] = found.get(link) or title
    return list(found.items())


def _permalink_links(answer: Answer, pattern: re.Pattern[str]) -> list[str]:
    return [link for link, _ in _permalink_entries(answer, pattern)]

