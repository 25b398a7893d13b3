"""`raqib show URL`: one stored article, its archived page as fetched, readable links."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import pytest

from crawler.archive.store import Store
from crawler.ingest import Ingestor
from crawler.models import Outcome
from crawler.urls import display_url

from .conftest import BASE_AR, html_page, make_config, page  # noqa: TID252

SLUG = "وفاة-معتقل-من-حمص"
ENCODED_URL = f"{BASE_AR}/ar/{quote(SLUG)}/"
DECODED_URL = f"{BASE_AR}/ar/{SLUG}/"
ARABIC_PAGE = html_page("وفاة معتقل من حمص تحت التعذيب", [
    "نقلت مصادر محلية أن رجلاً في الأربعين من عمره من أحياء حمص القديمة فارق الحياة في مركز "
    "احتجاز بعد أسابيع من اعتقاله على يد دورية أمنية.",
    "وقال أقاربه إنهم لم يُبلّغوا بسبب الوفاة، وإن آثار ضرب ظاهرة على جسده حين استلموه.",
    "ويطالب ذووه بتحقيق مستقل في ظروف موته وبمحاسبة المسؤولين عن احتجازه.",
], lang="ar")


@pytest.fixture
def arabic_article(archive, write_config: Path) -> str:  # type: ignore[no-untyped-def]
    """An article whose address is percent-encoded Arabic, added to the test archive."""
    with Store.open(archive.path) as store:
        result = Ingestor(store, make_config(archive.path)).ingest(
            page("test-ar", ENCODED_URL, ARABIC_PAGE, at=datetime(2025, 4, 9, tzinfo=UTC)))
    assert result.outcome is Outcome.NEW, result
    return str(result.canonical_url)


def test_display_url_decodes_arabic_but_keeps_delimiters() -> None:
    assert display_url(ENCODED_URL) == DECODED_URL
    assert display_url("https://x.test/a%2Fb%20c?q=%D8%A7%26x") == "https://x.test/a%2Fb%20c?q=ا%26x"
    assert display_url("https://x.test/%FF") == "https://x.test/%FF"  # not UTF-8: kept
    assert display_url("https://xn--mgbh0fb.example/") == "https://مثال.example/"


def test_show_prints_the_whole_article(raqib, archive) -> None:  # type: ignore[no-untyped-def]
    result = raqib("show", archive.death_url)
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("Teacher dies under torture in regime detention\n")
    for part in ("source      test-en (en)", "published   2025-03-10", "first seen  2025-03-10",
                 "label       torture_death", "“The family of Karim Haddad",
                 "victims     Karim Haddad", "governorate Homs", "versions    2",
                 "Teacher dies under torture in detention", "duplicates  0",
                 "captures    2 archived pages", "A former cellmate later described beatings"):
        assert part in out, part


def test_show_finds_an_article_by_a_duplicate_and_says_removed(raqib, archive) -> None:  # type: ignore[no-untyped-def]
    copy = archive.arrest_url.replace("daraa-raid", "daraa-raid-copy")
    result = raqib("show", copy)
    assert result.exit_code == 0, result.output
    assert f"url         {archive.arrest_url}\n" in result.output
    assert f"asked for   {copy}" in result.output
    assert "duplicates  1" in result.output
    removed = raqib("show", archive.removed_url)
    assert "REMOVED     2025-04-05" in removed.output


def test_show_finds_an_article_by_the_address_it_redirected_from(raqib, archive) -> None:  # type: ignore[no-untyped-def]
    result = raqib("show", "http://127.0.0.1:8765/?p=101")
    assert result.exit_code == 0, result.output
    assert f"url         {archive.death_url}\n" in result.output


def test_arabic_links_are_shown_decoded_and_found_either_way(
        raqib, arabic_article: str) -> None:  # type: ignore[no-untyped-def]
    for asked in (DECODED_URL, ENCODED_URL):
        result = raqib("show", asked)
        assert result.exit_code == 0, result.output
        assert f"url         {display_url(arabic_article)}\n" in result.output
        assert "%D9" not in result.output
    item = json.loads(raqib("show", DECODED_URL, "--json").output)
    assert item["url"] == arabic_article  # the JSON keeps the address a client can open
    assert "%D9" in item["url"]
    listed = raqib("search", "حمص", "--source", "test-ar")
    assert DECODED_URL.rstrip("/") in listed.output


def test_raw_writes_the_page_as_fetched(raqib, archive, arabic_article, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "page.html"
    result = raqib("show", DECODED_URL, "--raw", str(target))
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == ARABIC_PAGE
    first = tmp_path / "v1.html"
    assert raqib("show", archive.death_url, "--raw", str(first), "--version", "1").exit_code == 0
    assert b"without any explanation" in first.read_bytes()
    latest = tmp_path / "v2.html"
    assert raqib("show", archive.death_url, "--raw", str(latest)).exit_code == 0
    assert b"heart failure" in latest.read_bytes()
    bad = raqib("show", archive.death_url, "--raw", str(tmp_path / "x"), "--version", "7")
    assert bad.exit_code == 2
    assert "stored versions are 1 to 2" in bad.output


def test_unknown_url_is_one_line_and_exit_2(write_config: Path) -> None:
    raqib_script = Path(sys.executable).with_name("raqib")
    command = [str(raqib_script)] if raqib_script.exists() else [
        sys.executable, "-c", "from crawler.cli import main; main()"]
    result = subprocess.run([*command, "--config", str(write_config), "show",
                             "http://127.0.0.1:8765/news/never-stored"],
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 2
    assert result.stdout == ""
    (line,) = result.stderr.strip().splitlines()
    assert line == ("error: http://127.0.0.1:8765/news/never-stored: not in the store; "
                    "`raqib search` finds stored articles")


def test_raw_to_stdout_as_a_real_process(write_config: Path, archive) -> None:  # type: ignore[no-untyped-def]
    raqib_script = shutil.which("raqib", path=str(Path(sys.executable).parent))
    assert raqib_script
    result = subprocess.run([raqib_script, "--config", str(write_config), "show",
                             archive.arrest_url, "--raw", "-"],
                            capture_output=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"<!doctype html>")
    assert b"Military intelligence personnel detained" in result.stdout
