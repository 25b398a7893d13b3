"""`raqib catalog`: every entry's [[sources]] block is accepted as config, the commands print
what they promise, and each entry's generic spider crawls a loopback mirror shaped like that
site's REST API, feed or channel preview (the real hosts are never contacted)."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from spiderkit import ROOT

from crawler.archive.store import Store
from crawler.catalog import Entry, entries, source_block
from crawler.config import build_config
from crawler.mirror.horrya import NAME as HORRYA
from crawler.mirror.horrya import HorryaTheme, permalink
from crawler.mirror.server import RequestRecord, SiteServer
from crawler.mirror.site import Site
from crawler.mirror.state import Catalogue
from crawler.mirror.telegram import TelegramMirror
from crawler.mirror.wordpress import WordPressInstall
from crawler.samples import load_samples
from spiders.catalog import BUILTIN_SOURCES, GENERIC_SPIDERS
from spiders.telegram import preview_url

ENTRIES = entries()


def raqib(*args: str) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).with_name("raqib")
    return subprocess.run([str(script), *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=60, check=False)


def test_the_catalogue_has_a_dozen_sources_beyond_the_builtins() -> None:
    names = [e.name for e in ENTRIES]
    assert len(names) >= 12
    assert len(set(names)) == len(names)
    assert not set(names) & {s["name"] for s in BUILTIN_SOURCES}
    assert {e.spider for e in ENTRIES} <= set(GENERIC_SPIDERS)
    assert {"telegram", "wordpress", "feed"} <= {e.spider for e in ENTRIES}
    for entry in ENTRIES:
        assert entry.unverified, entry.name  # each says what only the network can confirm
        if entry.spider == "telegram":
            assert preview_url(entry.url) == entry.url


def test_every_block_is_accepted_as_config(tmp_path: Path) -> None:
    text = "\n".join(source_block(entry) for entry in ENTRIES)
    config = build_config(tomllib.loads(text), path=tmp_path / "raqib.toml", environ={})
    assert [s.name for s in config.sources] == [e.name for e in ENTRIES]
    for entry, source in zip(ENTRIES, config.sources, strict=True):
        assert (source.spider, source.url, source.lang) == (entry.spider, entry.url, entry.lang)


def test_catalog_commands() -> None:
    listing = raqib("catalog")
    assert listing.returncode == 0, listing.stderr
    for entry in ENTRIES:
        assert entry.name in listing.stdout
        assert entry.url in listing.stdout
    shown = raqib("catalog", "show", "stj-en")
    assert shown.returncode == 0
    assert "Syrians for Truth and Justice" in shown.stdout
    assert "unverified:" in shown.stdout
    assert shown.stdout.endswith(source_block(next(e for e in ENTRIES if e.name == "stj-en")))
    block = raqib("catalog", "show", "tg-sohr", "--block-only")
    assert tomllib.loads(block.stdout)["sources"][0]["spider"] == "telegram"
    unknown = raqib("catalog", "show", "no-such-source")
    assert unknown.returncode == 2
    assert "no catalogue entry 'no-such-source'" in unknown.stderr
    assert "tg-sohr" in unknown.stderr


class SiteMirror:
    """One loopback WordPress install at the path an entry's URL names (its REST API, feed
    and article pages under that prefix), from the project's Arabic/English samples."""

    def __init__(self, entry: Entry) -> None:
        path = urlsplit(entry.url).path
        self.prefix = (path.removesuffix("feed/") if entry.spider == "feed" else path).rstrip("/")
        install = WordPressInstall(site="horrya", prefix=self.prefix, name=HORRYA, lang="ar",
                                   catalogue=Catalogue(load_samples()), select=lambda a: True,
                                   permalink=permalink, theme=HorryaTheme())
        self.records: list[RequestRecord] = []
        self.server = SiteServer(entry.name, Site(name="horrya", title=HORRYA, lang="ar",
                                                  mounts=[install]), self.records)

    def __enter__(self) -> SiteMirror:
        self.server.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.stop()


@pytest.fixture
def tg() -> Iterator[TelegramMirror]:
    with TelegramMirror() as mirror:
        yield mirror


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.name for e in ENTRIES])
def test_each_entry_crawls_a_mirror_of_its_shape(entry: Entry, tg: TelegramMirror,
                                                 tmp_path: Path) -> None:
    parts = urlsplit(entry.url)
    block = tomllib.loads(source_block(entry))["sources"][0]
    if entry.spider == "telegram":
        channel = parts.path.rsplit("/", 1)[1]
        block["url"] = tg.open_channel(channel)
        site = None
    else:
        site = SiteMirror(entry).__enter__()
        block["url"] = site.server.base_url + parts.path
    try:
        config = tmp_path / "raqib.toml"
        table = "\n".join(f"{k} = {json.dumps(v)}" for k, v in block.items())
        config.write_text(f'[store]\npath = "{tmp_path / "raqib.db"}"\n[crawl]\n'
                          f'download_delay = 0.0\n\n[[sources]]\n{table}\n', encoding="utf-8")
        proc = subprocess.run([sys.executable, "-m", "crawler.run", "--config", str(config),
                               "--source", entry.name], cwd=ROOT, capture_output=True,
                              text=True, timeout=120, check=False)
        events = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
        done = next(e for e in events if e.get("event") == "done")
        assert done["status"] == "ok", done
        assert done["stats"]["new_articles"] >= 3, done
        with Store.open(tmp_path / "raqib.db") as store:
            urls = [r["url"] for r in store.query("SELECT url FROM articles")]
        base = urlsplit(block["url"])
        prefix = (f"{base.scheme}://{base.netloc}/{channel}/" if entry.spider == "telegram"
                  else f"{base.scheme}://{base.netloc}{site.prefix}/")
        assert urls
        assert all(url.startswith(prefix) for url in urls), urls[:3]
        if site is not None:  # the entry's own entry point was read: API or feed
            asked = [r.path for r in site.records]
            api = f"{site.prefix}/wp-json/wp/v2/posts"
            assert any(p.startswith(api if entry.spider == "wordpress" else parts.path)
                       for p in asked), asked
    finally:
        if site is not None:
            site.__exit__()
