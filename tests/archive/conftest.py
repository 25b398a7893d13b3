"""A small archive built through the real ingest path, once per test session.

Texts are written for these tests. Pages are ingested with ``crawler.ingest.Ingestor``
from ``FetchedPage`` values built from small HTML documents.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from html import escape
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from crawler.archive.store import Store
from crawler.cli import cli
from crawler.config import Config, build_config
from crawler.ingest import Ingestor
from crawler.models import FetchedPage, Outcome, PageHints

CANARY = "canary-Zq81xTOKEN-do-not-leak"
BASE_EN = "http://127.0.0.1:8765"
BASE_AR = "http://127.0.0.1:8766"

DEATH_EN = [
    "The family of Karim Haddad, a 29-year-old teacher from Homs governorate, was told on "
    "Monday that he had died under torture in a regime detention centre.",
    "Security forces arrested him at a checkpoint in the spring of 2022 and his relatives heard "
    "nothing about him for two years.",
    "Relatives said the civil registry handed them a death record without any explanation of "
    "the cause, and the body was never returned for burial.",
]
DEATH_EN_EDIT = DEATH_EN[:2] + [
    "Relatives said the civil registry handed them a death record stating heart failure, a "
    "cause they reject, and the body was never returned for burial.",
    "A former cellmate later described beatings during interrogation in the weeks before his "
    "death.",
]
ARREST_EN = [
    "Military intelligence personnel detained three young men from Daraa city during a raid on "
    "their homes at dawn on Thursday, according to local witnesses.",
    "The men were taken to an unknown destination, and the family of each of them has not "
    "been able to learn where they are held or what they are accused of.",
]
REMOVED_EN = [
    "A woman from Idlib governorate who had been forcibly disappeared since 2013 was located "
    "this week in a detention facility, her brother told reporters.",
    "Her family had searched for her for more than ten years and had paid intermediaries who "
    "promised news that never came.",
]
DEATH_AR_TITLE = "وَفَاةُ مُعْتَقَلٍ تَحْتَ التَّعْذِيبِ فِي سِجْنِ صَيْدْنَايَا"
DEATH_AR = [
    "أَبْلَغَتْ عَائِلَةُ الشَّابِّ أَحْمَد إِبْرَاهِيم مِنْ مَدِينَةِ حِمْص أَنَّهَا عَلِمَتْ بِوَفَاتِهِ "
    "تَحْتَ التَّعْذِيبِ فِي أَحَدِ مَرَاكِزِ الاحْتِجَازِ التَّابِعَةِ لِلنِّظَامِ.",
    "وَكَانَتْ قُوَّاتُ الأَمْنِ قَدْ اعْتَقَلَتْهُ عِنْدَ حَاجِزٍ عَسْكَرِيٍّ قَبْلَ عَامَيْنِ، "
    "وَلَمْ تَتَمَكَّنْ أُسْرَتُهُ مِنْ مَعْرِفَةِ مَكَانِهِ طِيلَةَ تِلْكَ الْمُدَّةِ.",
    "وَقَالَتِ الْعَائِلَةُ إِنَّهَا تَسَلَّمَتْ بِطَاقَتَهُ الشَّخْصِيَّةَ مِنْ دَائِرَةِ السِّجِلِّ الْمَدَنِيِّ "
    "دُونَ أَيِّ تَوْضِيحٍ، وَلَمْ تُسَلَّمْ جُثَّتُهُ.",
]


def html_page(title: str, paragraphs: list[str], *, lang: str = "en") -> bytes:
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    direction = ' dir="rtl"' if lang == "ar" else ""
    return (f'<!doctype html><html lang="{lang}"{direction}><head><meta charset="utf-8">'
            f"<title>{escape(title)}</title></head><body><header><nav><a href=\"/\">Home</a>"
            f"</nav></header><main><article><h1>{escape(title)}</h1>\n{body}\n</article>"
            f"</main><footer>Contact us</footer></body></html>").encode()


def page(source: str, url: str, body: bytes, *, status: int = 200,
         at: datetime | None = None, redirects: tuple[str, ...] = (),
         final_url: str | None = None, published: str | None = None) -> FetchedPage:
    moment = at or datetime(2025, 3, 10, 8, 30, tzinfo=UTC)
    return FetchedPage(
        source=source, url=url, final_url=final_url or url, status=status,
        headers=(("Content-Type", "text/html; charset=utf-8"), ("Server", "loopback-test"),
                 ("Content-Encoding", "gzip"), ("Content-Length", "17")),
        body=body, fetched_at=moment, redirects=redirects,
        hints=PageHints(published=published or moment.date().isoformat()),
        request_headers=(("User-Agent", "raqib-test"), ("Accept", "text/html")))


def make_config(store_path: Path) -> Config:
    return build_config({
        "store": {"path": str(store_path)},
        "sources": [
            {"name": "test-en", "spider": "feed", "url": f"{BASE_EN}/feed", "lang": "en"},
            {"name": "test-ar", "spider": "feed", "url": f"{BASE_AR}/feed", "lang": "ar"},
        ],
        "channels": [{"name": "desk", "url": f"json://monitor:{CANARY}@127.0.0.1:9/hook"}],
    }, path=None)


@dataclass(frozen=True)
class Archive:
    path: Path
    config: Config
    death_url: str
    arrest_url: str
    removed_url: str
    arabic_url: str


def build_archive(folder: Path) -> Archive:
    path = folder / "raqib.db"
    config = make_config(path)
    with Store.open(path) as store:
        ingest = Ingestor(store, config).ingest
        march, april = (datetime(2025, 3, d, 9, tzinfo=UTC) for d in (10, 20))
        death = ingest(page("test-en", f"{BASE_EN}/news/karim-haddad",
                            html_page("Teacher dies under torture in detention", DEATH_EN),
                            at=march, redirects=(f"{BASE_EN}/?p=101",)))
        assert death.outcome is Outcome.NEW, death
        edited = ingest(page("test-en", f"{BASE_EN}/news/karim-haddad",
                             html_page("Teacher dies under torture in regime detention",
                                       DEATH_EN_EDIT), at=april))
        assert edited.outcome is Outcome.NEW_VERSION, edited
        arrest = ingest(page("test-en", f"{BASE_EN}/news/daraa-raid",
                             html_page("Three young men detained in Daraa raid", ARREST_EN),
                             at=datetime(2025, 4, 2, 7, tzinfo=UTC)))
        assert arrest.outcome is Outcome.NEW, arrest
        copy = ingest(page("test-en", f"{BASE_EN}/news/daraa-raid-copy",
                           html_page("Three young men detained in Daraa raid", ARREST_EN),
                           at=datetime(2025, 4, 3, 7, tzinfo=UTC)))
        assert copy.outcome is Outcome.DUPLICATE, copy
        located = ingest(page("test-en", f"{BASE_EN}/news/idlib-woman",
                              html_page("Disappeared woman located after ten years",
                                        REMOVED_EN), at=datetime(2025, 2, 1, tzinfo=UTC)))
        assert located.outcome is Outcome.NEW, located
        gone = ingest(page("test-en", f"{BASE_EN}/news/idlib-woman",
                           b"<html><body>Not found</body></html>", status=404,
                           at=datetime(2025, 4, 5, tzinfo=UTC)))
        assert gone.outcome is Outcome.REMOVED, gone
        arabic = ingest(page("test-ar", f"{BASE_AR}/ar/news/ahmad",
                             html_page(DEATH_AR_TITLE, DEATH_AR, lang="ar"),
                             at=datetime(2025, 4, 8, tzinfo=UTC)))
        assert arabic.outcome is Outcome.NEW, arabic
    return Archive(path, config, str(death.canonical_url), str(arrest.canonical_url),
                   str(located.canonical_url), str(arabic.canonical_url))


@pytest.fixture(scope="session")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Archive:
    return build_archive(tmp_path_factory.mktemp("archive"))


@pytest.fixture
def archive(pristine: Archive, tmp_path: Path) -> Archive:
    """A private copy of the session archive (tests may damage it)."""
    target = tmp_path / "store"
    target.mkdir()
    shutil.copy2(pristine.path, target / "raqib.db")
    path = target / "raqib.db"
    return Archive(path, make_config(path), pristine.death_url, pristine.arrest_url,
                   pristine.removed_url, pristine.arabic_url)


@pytest.fixture
def store(archive: Archive) -> Iterator[Store]:
    with Store.open(archive.path) as opened:
        yield opened


@pytest.fixture
def write_config(archive: Archive, tmp_path: Path) -> Path:
    """A raqib.toml pointing at the copied store, for CLI tests."""
    path = tmp_path / "raqib.toml"
    path.write_text(
        f'[store]\npath = "{archive.path.as_posix()}"\n\n'
        f'[[sources]]\nname = "test-en"\nspider = "feed"\nurl = "{BASE_EN}/feed"\nlang = "en"\n\n'
        f'[[sources]]\nname = "test-ar"\nspider = "feed"\nurl = "{BASE_AR}/feed"\nlang = "ar"\n\n'
        f'[[channels]]\nname = "desk"\nurl = "json://monitor:{CANARY}@127.0.0.1:9/hook"\n',
        encoding="utf-8")
    return path


@pytest.fixture
def raqib(write_config: Path) -> Callable[..., Result]:
    """Run the raqib CLI in-process against the copied store."""

    def run(*args: str) -> Result:
        return CliRunner().invoke(cli, ["--config", str(write_config), *args],
                                  catch_exceptions=False)

    return run
