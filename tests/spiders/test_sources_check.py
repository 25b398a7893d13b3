"""``raqib sources --check``: a live probe per source on the loopback mirrors, intact and
with broken entry points (404 feed, robots.txt 5xx, a listing without links, the wrong
taxonomy). Runs the real command in a child process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from spiderkit import ROOT, Crawler

from crawler.mirror import Mirrors


def check(crawler: Crawler, *names: str) -> subprocess.CompletedProcess[str]:
    args = [arg for name in names for arg in ("--source", name)]
    script = Path(sys.executable).with_name("raqib")
    return subprocess.run([str(script), "--config", str(crawler.config), "sources", "--check",
                           *args], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          check=False)


def lines(result: subprocess.CompletedProcess[str]) -> dict[str, str]:
    return {line.split(":", 1)[0]: line for line in result.stdout.splitlines()}


def test_every_mirror_source_probes_ok(mirrors: Mirrors, tmp_path: Path) -> None:
    crawler = Crawler(mirrors, tmp_path)
    result = check(crawler)
    assert result.returncode == 0, result.stdout + result.stderr
    found = lines(result)
    assert set(found) == {s["name"] for s in mirrors.sources()}
    assert all(": ok — " in line for line in found.values()), result.stdout
    assert "Syria is term 28" in found["alkarama-en"]
    assert "REST API lists" in found["horrya"]
    assert "date archive" in found["sohr-en"]
    assert "REST API lists" in found["snhr-reports-en"]


def test_broken_entry_points_are_named_with_their_fix(mirrors: Mirrors, tmp_path: Path) -> None:
    alkarama = mirrors.base_url("alkarama")
    extra = [
        {"name": "dead-feed", "spider": "feed", "url": mirrors.base_url("feed") + "/gone.xml"},
        {"name": "wrong-term", "spider": "alkarama", "lang": "en",
         "url": alkarama + "/en/taxonomy/term/12/articles"},
    ]
    crawler = Crawler(mirrors, tmp_path, extra=extra)
    mirrors.set_fault("horrya", "", "robots_status", code=503)
    mirrors.set_fault("sohr", "/en/date/", "layout_changed")
    mirrors.set_fault("sohr", "/feed/", "status", code=403)  # the Arabic feed refuses raqib
    result = check(crawler, "dead-feed", "wrong-term", "horrya", "sohr-en", "snhr-en",
                   "sohr-ar")
    assert result.returncode == 1
    found = lines(result)
    assert found["snhr-en"].startswith("snhr-en: ok")
    assert "BROKEN" in found["dead-feed"]
    assert "answers HTTP 404" in found["dead-feed"]
    assert "point url at the site's RSS or Atom feed" in found["dead-feed"]
    assert "robots.txt answers HTTP 503" in found["horrya"]
    assert "no link of the permalink shape" in found["sohr-en"]
    assert "term 12 is not Syria's listing" in found["wrong-term"]
    assert f"set this source's url to {alkarama}/en/taxonomy/term/28/articles" in found[
        "wrong-term"]
    assert "answers HTTP 403: the site refuses raqib's requests now — try later" in found[
        "sohr-ar"]
    assert "error: 5 of 6 source(s) broken" in result.stderr


def test_sources_says_horrya_may_be_a_quiet_site(mirrors: Mirrors, tmp_path: Path) -> None:
    crawler = Crawler(mirrors, tmp_path)
    script = Path(sys.executable).with_name("raqib")
    listed = subprocess.run([str(script), "--config", str(crawler.config), "sources"],
                            capture_output=True, text=True, timeout=60, check=False)
    assert listed.returncode == 0, listed.stderr
    [note] = [line for line in listed.stdout.splitlines() if line.startswith("note: ")]
    assert note.startswith("note: horrya may be dormant (its newest pages seen were from 2019)")
    assert note.endswith("(expect_every 1w)")  # the mirrors config keeps the default
