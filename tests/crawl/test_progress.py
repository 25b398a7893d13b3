"""`raqib crawl` shows a live line per source on a terminal, whatever the parallelism, and
stays quiet (summary lines only) when its output is not a terminal."""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path

from support.feedsite import ARTICLES, article_html, rss
from support.httpsite import HTTPSite

RAQIB = str(Path(sys.executable).parent / "raqib")


def _config(tmp_path: Path, site: HTTPSite, names: list[str]) -> Path:
    for number, name in enumerate(names):
        chosen = ARTICLES[number::len(names)]
        site.route(f"/{name}.xml", rss(site, chosen), content_type="application/rss+xml")
    for article in ARTICLES:
        # slow enough pages that the live block is drawn while the crawl runs
        site.route(article.path, article_html(article), delay=0.7)
    sources = "".join(f"""
[[sources]]
name = "{name}"
spider = "feed"
url = "{site.url(f'/{name}.xml')}"
lang = "en"
""" for name in names)
    path = tmp_path / "raqib.toml"
    path.write_text(f"""
[store]
path = "raqib.db"

[crawl]
download_delay = 0
timeout = "5s"
run_timeout = "60s"
{sources}
[[channels]]
name = "log"
url = "json://127.0.0.1:9/never"
labels = ["release"]
""", encoding="utf-8")
    return path


def _on_terminal(command: list[str], cwd: Path) -> tuple[int, str]:
    """Run ``command`` with stdout on a pseudo-terminal; its exit status and output."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(command, cwd=cwd, stdout=follower, stderr=subprocess.PIPE,
                               stdin=subprocess.DEVNULL)
    os.close(follower)
    chunks: list[bytes] = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 0.5)
        if ready:
            try:
                data = os.read(leader, 65536)
            except OSError:  # the follower side closed: the process is done
                break
            if not data:
                break
            chunks.append(data)
        elif process.poll() is not None:
            break
    process.wait(timeout=30)
    os.close(leader)
    return process.returncode, b"".join(chunks).decode("utf-8", "replace")


def test_one_source_shows_live_progress_on_a_terminal(site: HTTPSite, tmp_path: Path) -> None:
    config = _config(tmp_path, site, ["solo"])
    code, output = _on_terminal([RAQIB, "--config", str(config), "crawl"], tmp_path)
    assert code == 0, output
    frames = [frame for frame in output.split("\r") if frame.startswith("solo  ")]
    assert any("running" in frame for frame in frames), output
    assert any(frame.startswith("solo  ok ") and "3 new" in frame for frame in frames)
    assert "solo: ok, 3 new" in output  # the summary line stays


def test_parallel_sources_each_get_a_line_redrawn_in_place(site: HTTPSite,
                                                           tmp_path: Path) -> None:
    config = _config(tmp_path, site, ["east", "west", "north"])
    code, output = _on_terminal([RAQIB, "--config", str(config), "crawl"], tmp_path)
    assert code == 0, output
    assert "\x1b[3A" in output  # cursor back over the three lines
    for name in ("east", "west", "north"):
        assert any(re.match(rf"{name} +running ", frame) for frame in output.split("\r")), name
        assert f"{name}: ok, 1 new" in output
    # while two crawled, the third waited its turn, on its own line
    assert any(re.match(r"north +waiting", frame) for frame in output.split("\r"))


def test_off_a_terminal_only_the_summary_lines_are_printed(site: HTTPSite,
                                                           tmp_path: Path) -> None:
    config = _config(tmp_path, site, ["east", "west"])
    done = subprocess.run([RAQIB, "--config", str(config), "crawl"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "\x1b[" not in done.stdout
    lines = done.stdout.splitlines()
    assert [line.split(":")[0] for line in lines] == ["east", "west"]
    assert all(": ok, " in line for line in lines)
