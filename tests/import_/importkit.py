"""Helpers of the import tests: article pages written here, a config file, and
``raqib import`` run in-process."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner, Result
from support.pages import DEATH, SHELLING, article_html
from warcs import Response

from crawler.cli import cli

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


Importer = Callable[..., Result]


def run_import(config: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--config", str(config), "import", *args],
                              catch_exceptions=False)
