"""Fixtures of the import tests: article pages written here, WARC files made of them, a
config file, and ``raqib import`` run in-process or as a child process."""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

sys.path.insert(0, str(Path(__file__).parent))

from support.pages import DEATH, SHELLING, article_html  # noqa: E402
from warcs import Response  # noqa: E402

from crawler.cli import cli  # noqa: E402

ARREST = [
    "Security forces detained a pharmacist from the town of Saqba in Rif Dimashq at a "
    "checkpoint on Sunday and took him to an unknown place, his relatives said.",
    "His family asked at several branches in Damascus without learning where he is held or "
    "what he is accused of, and lawyers were turned away.",
    "Neighbours said the patrol also searched his shop and confiscated his phone and papers.",
]


def distinct_pages(count: int, *, host: str = "news.example.org",
                   seed: int = 11) -> list[Response]:
    """``count`` article pages that deduplication keeps apart: each takes one of three
    reports and shuffles the words of every paragraph."""
    rng = random.Random(seed)
    reports = (DEATH, SHELLING, ARREST)
    pages = []
    for n in range(count):
        paragraphs = []
        for paragraph in reports[n % 3]:
            words = paragraph.split()
            rng.shuffle(words)
            paragraphs.append(" ".join(words))
        html = article_html(f"Report {n}: what monitors recorded this week", paragraphs)
        pages.append(Response(f"https://{host}/reports/{n}/", html.encode()))
    return pages


def write_config(folder: Path, *, sources: str = "", channels: str = "") -> Path:
    path = folder / "raqib.toml"
    path.write_text(f'[store]\npath = "{folder / "raqib.db"}"\n\n{sources}\n{channels}\n',
                    encoding="utf-8")
    return path


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    return write_config(tmp_path)


Importer = Callable[..., Result]


@pytest.fixture
def run_import() -> Importer:
    def run(config: Path, *args: str) -> Result:
        return CliRunner().invoke(cli, ["--config", str(config), "import", *args],
                                  catch_exceptions=False)
    return run
