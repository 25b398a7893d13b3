"""A full disk under the store is one line naming the store, the disk and what to do.

The disk is real: a 600 KB tmpfs mounted for the test (skipped where mounting is not
allowed), filled up before ``raqib crawl`` runs against a loopback feed."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.feedsite import ARTICLES, article_html, rss, write_config
from support.httpsite import HTTPSite

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def small_disk() -> Iterator[Path]:
    if os.geteuid() != 0 or not sys.platform.startswith("linux"):
        pytest.skip("mounting a test file system needs root on Linux")
    mount = Path(tempfile.mkdtemp(prefix="raqib-small-disk-"))
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=600k", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        mount.rmdir()
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)
        mount.rmdir()


def _fill(folder: Path) -> None:
    handle = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while True:
            os.write(handle, b"\0" * 4096)
    except OSError:
        pass
    finally:
        os.close(handle)


def _raqib(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "from crawler.cli import main; main()",
            "--config",
            str(config),
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )


def test_a_full_disk_is_one_line_that_names_the_disk_and_says_to_free_space(
    small_disk: Path,
) -> None:
    with HTTPSite() as site:
        site.route("/robots.txt", "User-agent: *\nAllow: /\n", content_type="text/plain")
        for article in ARTICLES:
            site.route(article.path, article_html(article))
        site.route("/feed.xml", rss(site, ARTICLES), content_type="application/rss+xml")
        config = write_config(small_disk, site.url("/feed.xml"))
        assert config.path is not None
        assert _raqib(config.path, "status").returncode == 0  # the store exists
        _fill(small_disk)

        result = _raqib(config.path, "crawl")

    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert str(small_disk / "raqib.db") in lines[0]
    assert f"the disk holding the store ({small_disk})" in lines[0]
    assert "is full" in lines[0]
    assert "free space" in lines[0]
    assert "move" not in lines[0]
