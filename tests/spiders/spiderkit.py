"""Helpers of the spider tests: a child-process crawl runner and the checks a monitor makes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from crawler.archive.store import Store
from crawler.mirror import Mirrors
from crawler.urls import canonicalize

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class CrawlResult:
    done: dict[str, Any]
    events: list[dict[str, Any]]
    stderr: str

    @property
    def status(self) -> str:
        return str(self.done.get("status"))


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def write_config(path: Path, sources: list[dict[str, Any]], store: Path) -> Path:
    lines = [f"[store]\npath = {_toml_value(str(store))}\n",
             "[crawl]\ndownload_delay = 0.0\nobey_robots = true\ntimeout = \"10s\"\n",
             '[[channels]]\nname = "console"\nurl = "console://"\n']
    for source in sources:
        lines.append("[[sources]]")
        lines += [f"{key} = {_toml_value(value)}" for key, value in source.items()]
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


class Crawler:
    """Runs ``python -m crawler.run`` for one source of the mirrors, into one store."""

    def __init__(self, mirrors: Mirrors, workdir: Path, extra: list[dict[str, Any]] = ()) -> None:
        self.mirrors = mirrors
        self.store_path = workdir / "raqib.db"
        self.config = write_config(workdir / "raqib.toml", [*mirrors.sources(), *extra],
                                   self.store_path)

    def command(self, source: str, *args: str) -> list[str]:
        return [sys.executable, "-m", "crawler.run", "--config", str(self.config),
                "--source", source, *args]

    def run(self, source: str, *args: str, timeout: float = 60) -> CrawlResult:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        proc = subprocess.run(self.command(source, *args), cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=timeout, check=False)
        events = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
        done = next((e for e in events if e.get("event") == "done"), {})
        assert done, f"no done event from the crawl of {source}:\n{proc.stderr[-3000:]}"
        return CrawlResult(done, events, proc.stderr)

    def start(self, source: str, *args: str) -> subprocess.Popen[str]:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        return subprocess.Popen(self.command(source, *args), cwd=ROOT, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def run_many(self, sources: list[str], *args: str,
                 timeout: float = 120) -> dict[str, CrawlResult]:
        """Crawl several sources at once, each in its own child process."""
        procs = {name: self.start(name, *args) for name in sources}
        return {name: self.collect(name, proc, timeout) for name, proc in procs.items()}

    def collect(self, source: str, proc: subprocess.Popen[str],
                timeout: float = 120) -> CrawlResult:
        out, err = proc.communicate(timeout=timeout)
        events = [json.loads(line) for line in out.splitlines() if line.strip()]
        done = next((e for e in events if e.get("event") == "done"), {})
        assert done, f"no done event from the crawl of {source}:\n{err[-3000:]}"
        return CrawlResult(done, events, err)

    def store(self) -> Store:
        return Store.open(self.store_path)

    def articles(self, source: str) -> list[dict[str, Any]]:
        with self.store() as store:
            return store.query("SELECT * FROM articles WHERE source = ? ORDER BY url", [source])


BOILERPLATE = (
    "Related News", "أخبار ذات صلة", "Facebook", "WhatsApp", "All rights reserved",
    "جميع الحقوق محفوظة", "Skip to main content", "Alkarama Foundation, Geneva",
    "© SOHR", "Syria Rights Digest collects",
    # what the real pages carry (issue 12): skip links, contact footers, language switchers,
    # comment notices, cookie banners, related teasers with their own dates
    "Aller au contenu principal", "تجاوز إلى المحتوى الرئيسي", "For more information or an",
    "Available In", "متاح بالـ", "Sorry Comments are closed", "We use cookies",
    "Related Articles", "مقالات ذات صلة", "Link below to download",
)  # fmt: skip


def canonical(mirrors: Mirrors, stem: str) -> str:
    """The key the store files a mirror article under (mirrors serve http, so it stays)."""
    return canonicalize(mirrors.url_of(stem), scheme="http")


def check_article(mirrors: Mirrors, stem: str, row: dict[str, Any] | None) -> None:
    article = mirrors.article(stem)
    sample = article.sample
    assert row is not None, f"{stem} was not stored"
    assert row["url"] == canonical(mirrors, stem), stem
    assert row["title"] == article.title, stem
    assert datetime.fromisoformat(row["published"]) == article.published, (
        f"{stem}: published {row['published']}, expected {article.published.isoformat()}")
    assert row["lang"] == sample.lang, stem
    text = row["text"]
    assert " ".join(article.paragraphs[0].split()[:8]) in text, stem
    assert " ".join(article.paragraphs[-1].split()[-6:]) in text, stem
    for phrase in BOILERPLATE:
        assert phrase not in text, f"{stem}: boilerplate {phrase!r} in the stored text"
