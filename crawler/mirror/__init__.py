"""Loopback mirrors of the monitored sites, rendered from the project's sample articles.

``raqib demo`` and the test suite crawl these instead of the real sites. Each site gets its
own threaded HTTP server on an ephemeral 127.0.0.1 port, so every mirror is served at its
own root like the real host::

    with Mirrors(hidden={"snhr-en-06"}) as mirrors:
        sources = mirrors.sources()          # [[sources]] tables for the config
        ...crawl...
        mirrors.publish("snhr-en-06")        # a new article appears in feeds, API, listings
        mirrors.set_fault("sohr", "/en/", "retry_after", seconds=120)

Sites: ``snhr`` (news site, English root + Arabic /ar/), ``snhrorg`` (SNHR's reports site:
English /blog/ + Arabic sub-site /arabic/), ``sohr`` (/en/ + Arabic root,
REST API closed), ``alkarama`` (Drupal, /en /fr /ar), ``horrya`` (WordPress, /archives/N)
and ``feed`` (a plain RSS site re-publishing SNHR's English reports).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, datetime
from types import TracebackType

from crawler.mirror import alkarama, feedsite, horrya, snhr, snhrorg, sohr
from crawler.mirror.chrome import site_chrome
from crawler.mirror.server import FAULTS, Fault, RequestRecord, SiteServer
from crawler.mirror.site import Site
from crawler.mirror.state import Catalogue, MirrorArticle
from crawler.samples import SampleArticle, load_samples

SITES: tuple[str, ...] = ("snhr", "snhrorg", "sohr", "alkarama", "horrya", "feed")
_BUILDERS = {"snhr": snhr.build, "snhrorg": snhrorg.build, "sohr": sohr.build,
             "alkarama": alkarama.build, "horrya": horrya.build, "feed": feedsite.build}

__all__ = ["FAULTS", "SITES", "Mirrors", "RequestRecord"]


class Mirrors:
    """Every mirror site, started and stopped together (a context manager)."""

    def __init__(self, samples: list[SampleArticle] | None = None, *, host: str = "127.0.0.1",
                 hidden: Collection[str] = (), chrome_kb: int = 0) -> None:
        """``chrome_kb``: pad every HTML page with about this much site chrome, to weigh
        what real news pages weigh (``crawler.mirror.chrome``; benchmarks)."""
        self.catalogue = Catalogue(load_samples() if samples is None else samples, hidden)
        self.host = host
        self.chrome = site_chrome(chrome_kb) if chrome_kb else b""
        self.requests: list[RequestRecord] = []
        # What is unknown about the real Alkarama site (does its term feed exist?), switchable
        # while the mirrors run.
        self.alkarama = alkarama.Options()
        self.sites: dict[str, Site] = {name: build(self.catalogue)
                                       for name, build in _BUILDERS.items()}
        self.sites["alkarama"] = alkarama.build(self.catalogue, self.alkarama)
        self._servers: dict[str, SiteServer] = {}

    # -- life cycle ---------------------------------------------------------------------

    def start(self) -> Mirrors:
        if not self._servers:
            for name, site in self.sites.items():
                server = SiteServer(name, site, self.requests, host=self.host, chrome=self.chrome)
                server.start()
                self._servers[name] = server
        return self

    def stop(self) -> None:
        for server in self._servers.values():
            server.stop()
        self._servers.clear()

    def __enter__(self) -> Mirrors:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    # -- where things are ---------------------------------------------------------------

    def base_url(self, site: str) -> str:
        """``http://127.0.0.1:PORT`` of a started mirror (no trailing slash)."""
        return self._server(site).base_url

    def sources(self) -> list[dict[str, object]]:
        """``[[sources]]`` tables pointing the built-in spiders and one generic feed source at
        the mirrors."""
        snhr_url, sohr_url = self.base_url("snhr"), self.base_url("sohr")
        alkarama_url = self.base_url("alkarama")

        def source(name: str, spider: str, url: str, lang: str) -> dict[str, object]:
            return {"name": name, "spider": spider, "url": url, "lang": lang, "every": "1h"}

        return [
            source("snhr-en", "snhr", f"{snhr_url}/", "en"),
            source("snhr-ar", "snhr", f"{snhr_url}/ar/", "ar"),
            source("snhr-reports-en", "snhr", f"{self.base_url('snhrorg')}/", "en"),
            source("snhr-reports-ar", "snhr", f"{self.base_url('snhrorg')}/arabic/", "ar"),
            source("sohr-en", "sohr", f"{sohr_url}/en/", "en"),
            source("sohr-ar", "sohr", f"{sohr_url}/", "ar"),
            source("alkarama-en", "alkarama", f"{alkarama_url}/en/", "en"),
            source("alkarama-fr", "alkarama", f"{alkarama_url}/fr/", "fr"),
            source("alkarama-ar", "alkarama", f"{alkarama_url}/ar/", "ar"),
            source("horrya", "horrya", f"{self.base_url('horrya')}/", "ar"),
            source("aggregator", "feed", f"{self.base_url('feed')}/rss.xml", "en"),
        ]

    def url_of(self, stem: str) -> str:
        """The canonical URL the mirror gives an article now (its <link rel=canonical>)."""
        article = self.catalogue.get(stem)
        base = self.base_url(article.site)
        if article.site == "alkarama":
            return base + alkarama.DrupalLanguage(article.sample.path_lang,
                                                  self.catalogue).alias(article)
        for mount in self.sites[article.site].mounts:
            select = getattr(mount, "select", None)
            if select is not None and select(article):
                return mount.link(base, article)  # type: ignore[attr-defined]
        raise KeyError(f"{stem} is not served by any install of {article.site}")

    def article(self, stem: str) -> MirrorArticle:
        """The article's current state (published/modified times, title, visibility)."""
        return self.catalogue.get(stem)

    # -- changing what the sites publish ------------------------------------------------

    def publish(self, stem: str) -> None:
        """Make a hidden article appear, published now (its URL date is today, as WordPress
        does on publication)."""
        moment = datetime.now(UTC).replace(microsecond=0)
        self.catalogue.update(stem, visible=True, published=moment, modified=moment)

    def edit(self, stem: str) -> None:
        """Switch an article to its edited title/paragraphs and bump its modified time."""
        article = self.catalogue.get(stem)
        if not article.sample.is_edited:
            raise ValueError(f"sample {stem} has no edited_title or edited_paragraphs")
        moment = max(datetime.now(UTC).replace(microsecond=0), article.modified)
        self.catalogue.update(stem, edited=True, modified=moment)

    def remove(self, stem: str) -> None:
        """The article answers 404 and leaves feeds, listings and the API."""
        self.catalogue.update(stem, removed=True)

    # -- faults -------------------------------------------------------------------------

    def set_fault(self, site: str, path_prefix: str, fault: str, **params: object) -> None:
        """Make requests under ``path_prefix`` misbehave: ``status`` (code=),
        ``retry_after`` (seconds=, code=429), ``delay`` (seconds=), ``reset``,
        ``redirect_loop``, ``redirect_to`` (url=), ``oversized`` (size=),
        ``robots_status`` (code=) or ``layout_changed`` (pages, listings, feeds and API
        answers in a shape the spiders do not know)."""
        if fault not in FAULTS:
            raise ValueError(f"unknown fault {fault!r}; use one of: {', '.join(sorted(FAULTS))}")
        if fault == "redirect_to" and "url" not in params:
            raise ValueError("the redirect_to fault needs url=")
        prefix = "/robots.txt" if fault == "robots_status" else path_prefix
        self._server(site).faults.append(Fault(prefix, fault, dict(params)))

    def clear_faults(self) -> None:
        for server in self._servers.values():
            server.faults.clear()

    def requests_to(self, site: str) -> list[RequestRecord]:
        return [r for r in list(self.requests) if r.site == site]

    def _server(self, site: str) -> SiteServer:
        if site not in SITES:
            raise ValueError(f"unknown mirror site {site!r}; use one of: {', '.join(SITES)}")
        if site not in self._servers:
            raise RuntimeError("the mirrors are not started; call start() or use `with`")
        return self._servers[site]
