"""`raqib browse`: Datasette serves the store read-only with the project's metadata, while
a crawl-like writer keeps ingesting into the same file."""

from __future__ import annotations

import json
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from crawler.archive.browse import datasette_command, metadata_for, write_metadata
from crawler.archive.store import Store
from crawler.ingest import Ingestor
from crawler.models import Outcome

from .conftest import BASE_EN, html_page, make_config, page  # noqa: TID252

GOVERNORATES = ["Aleppo", "Hama", "Latakia", "Tartus", "Raqqa", "Deir ez-Zor", "Hasakah",
                "Quneitra", "Suwayda", "Homs", "Idlib", "Daraa"]
NAMES = ["Sami", "Nour", "Fadi", "Rami", "Hiba", "Omar", "Lina", "Ziad", "Maya", "Tarek"]
JOBS = ["baker", "nurse", "student", "driver", "lawyer", "farmer", "engineer", "tailor"]


def _report(n: int) -> tuple[str, list[str]]:
    """A distinct short torture-death report for the writer loop."""
    name, job = NAMES[n % len(NAMES)], JOBS[(n // 3) % len(JOBS)]
    place = GOVERNORATES[n % len(GOVERNORATES)]
    return (f"{name} case {n}: {job} from {place} dies under torture", [
        f"Relatives of {name}, a {job} from {place} governorate registered as case number "
        f"{n}, learned that he died under torture in a detention branch {n + 2} months after "
        f"his arrest by security forces.",
        f"Witness number {n * 7 + 1} said that {name} was held in a crowded cell in {place} "
        f"and that guards beat detainees during interrogation on {n % 28 + 1} occasions.",
        f"The family of {name} asked for his body and for an explanation; report {n} remains "
        f"open while the {job}'s relatives wait for an answer from the authorities.",
    ])


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get_json(url: str) -> object:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback only)
        assert response.status == 200
        return json.loads(response.read())


@pytest.fixture
def datasette(archive, tmp_path: Path) -> Iterator[str]:  # type: ignore[no-untyped-def]
    port = _free_port()
    metadata = write_metadata(archive.path, tmp_path)
    process = subprocess.Popen(datasette_command(archive.path, metadata, port=port,
                                                 open_browser=False),
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                _get_json(f"{base}/-/versions.json")
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    output = process.stdout.read().decode() if process.stdout else ""
                    pytest.fail(f"datasette did not start: {output}")
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stdout:
            process.stdout.close()


def test_metadata_is_keyed_by_the_store_file_name(tmp_path: Path) -> None:
    metadata = metadata_for(tmp_path / "evidence-2025.db")
    assert list(metadata["databases"]) == ["evidence-2025"]
    tables = metadata["databases"]["evidence-2025"]["tables"]
    facets = tables["articles"]["facets"]
    assert {"source", "lang", "governorate"} <= {f for f in facets if isinstance(f, str)}
    assert {"array": "labels"} in facets
    # column notes sit in a closed <details>, not above the rows
    assert "columns" not in tables["articles"]
    assert "<details" in tables["articles"]["description_html"]
    assert "<code>removed_at</code>" in tables["articles"]["description_html"]
    queries = metadata["databases"]["evidence-2025"]["queries"]
    assert set(queries) == {"latest_reports", "torture_deaths_this_month",
                            "disappearances_by_governorate", "removed_articles"}
    assert all(query["hide_sql"] for query in queries.values())
    assert 'href="/evidence-2025/latest_reports"' in metadata["description_html"]


def test_datasette_serves_metadata_and_canned_queries_while_a_writer_writes(
        archive, datasette: str) -> None:  # type: ignore[no-untyped-def]
    errors: list[BaseException] = []
    written: list[str] = []
    stop = threading.Event()

    def writer() -> None:
        try:
            with Store.open(archive.path) as store:
                ingest = Ingestor(store, make_config(archive.path)).ingest
                n = 0
                while not stop.is_set() or n < 3:
                    title, paragraphs = _report(n)
                    result = ingest(page("test-en", f"{BASE_EN}/news/live-{n}",
                                         html_page(title, paragraphs),
                                         at=datetime.now(UTC)))
                    assert result.outcome is Outcome.NEW, result
                    written.append(str(result.canonical_url))
                    n += 1
        except BaseException as exc:  # reported to the test thread below
            errors.append(exc)

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    db = f"{datasette}/raqib"
    seen_live: set[str] = set()
    try:
        deadline = time.monotonic() + 20
        requests = 0
        while (requests < 20 or len(seen_live) < 3) and time.monotonic() < deadline:
            rows = _get_json(f"{db}/torture_deaths_this_month.json?_shape=array")
            assert isinstance(rows, list)
            seen_live |= {row["url"] for row in rows}
            removed = _get_json(f"{db}/removed_articles.json?_shape=array")
            assert [row["url"] for row in removed] == [archive.removed_url]  # type: ignore[index]
            requests += 1
    finally:
        stop.set()
        thread.join(timeout=60)
    assert not errors, errors
    assert len(written) >= 3
    assert len(seen_live) >= 3, "datasette never saw the writer's new rows"
    assert seen_live <= set(written)

    metadata = _get_json(f"{datasette}/-/metadata.json")
    tables = metadata["databases"]["raqib"]["tables"]  # type: ignore[index]
    assert "append-only" in tables["captures"]["description_html"]
    table = _get_json(f"{db}/articles.json?_size=1")
    facets = set(table["facet_results"])  # type: ignore[index]
    assert {"source", "lang", "governorate", "labels"} <= facets
    by_governorate = _get_json(f"{db}/disappearances_by_governorate.json?_shape=array")
    assert {row["governorate"] for row in by_governorate} >= {"Daraa", "Idlib"}  # type: ignore[union-attr]


def test_datasette_cannot_write(archive, datasette: str) -> None:  # type: ignore[no-untyped-def]
    request = urllib.request.Request(
        f"{datasette}/raqib.json?sql=DELETE+FROM+articles", method="GET")
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=10)  # noqa: S310 (loopback only)
    assert caught.value.code == 400
    with Store.open(archive.path) as store:
        assert store.scalar("SELECT count(*) FROM articles") == 4


def test_browse_without_datasette_says_how_to_install(raqib, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("crawler.archive.browse.datasette_installed", lambda: False)
    result = raqib("browse", "--no-open")
    assert result.exit_code == 1
    [line] = result.output.strip().splitlines()
    # installed from this clone (pip install -e), so the hint installs the extra from it
    assert line.startswith("error: raqib browse needs Datasette: ")
    assert re.search(r"pip install -e '[^']*\[browse\]'$", line), line


def test_chart_without_matplotlib_says_how_to_install(raqib, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("crawler.cli.archive.module_installed", lambda name: False)
    result = raqib("stats", "--chart", str(tmp_path / "weekly.png"))
    assert result.exit_code == 1
    [line] = result.output.strip().splitlines()
    assert line.startswith("error: the chart needs matplotlib: ")
    assert re.search(r"pip install -e '[^']*\[chart\]'$", line), line
    assert not (tmp_path / "weekly.png").exists()


def _status(url: str, host: str) -> int:
    request = urllib.request.Request(url, headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (loopback)
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


def _port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def test_browse_answers_loopback_host_names_only_and_stops_with_sigterm(
        archive, write_config: Path) -> None:  # type: ignore[no-untyped-def]
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-c", "from crawler.cli import main; main()", "--config",
         str(write_config), "browse", "--no-open", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        cwd=Path(__file__).resolve().parents[2])
    base = f"http://127.0.0.1:{port}/-/versions.json"
    try:
        deadline = time.monotonic() + 30
        while _status_or_none(base) is None:
            assert process.poll() is None, "raqib browse ended"
            assert time.monotonic() < deadline, "datasette did not start"
            time.sleep(0.2)
        for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}", "localhost"):
            assert _status(base, host) == 200, host
        for host in ("evil.example", f"evil.example:{port}", "127.0.0.1.evil.example",
                     f"localhost.evil.example:{port}"):
            assert _status(base, host) == 403, host

        process.send_signal(signal.SIGTERM)
        process.wait(timeout=20)
        deadline = time.monotonic() + 10
        while _port_open(port) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _port_open(port), "datasette kept serving after raqib browse was stopped"
    finally:
        if process.poll() is None:
            process.kill()


def _status_or_none(url: str) -> int | None:
    try:
        return _status(url, urllib.parse.urlsplit(url).netloc)
    except OSError:
        return None


@pytest.mark.parametrize(("typed", "expected"), [
    ("مدينة", "arabic"),  # ة typed, the page has مَدِينَةِ
    ("تعذيب", "arabic"),  # no article typed, the page has التَّعْذِيبِ
    ("Sednaya", "arabic"),  # the variant table: the page has صَيْدْنَايَا
    ("Daraa witnesses", "arrest"),
])
def test_datasette_search_box_folds_like_raqib_search(
        archive, datasette: str, typed: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    from urllib.parse import quote

    from crawler.archive.search import catch_up

    with Store.open(archive.path) as store:  # as `raqib browse` does before serving
        catch_up(store)
    rows = _get_json(f"{datasette}/raqib/articles.json?_shape=array&_search={quote(typed)}")
    assert [row["url"] for row in rows] == [getattr(archive, f"{expected}_url")]  # type: ignore[union-attr]
    raw = _get_json(f"{datasette}/raqib/articles.json?_shape=array&_searchmode=raw"
                    f"&_search={quote('tortur*')}")
    assert [row["url"] for row in raw] == [archive.death_url]  # type: ignore[union-attr]


def _get_html(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback only)
        assert response.status == 200
        return str(response.read().decode("utf-8"))


def test_browse_is_usable_without_sql(archive, datasette: str) -> None:  # type: ignore[no-untyped-def]
    db = f"{datasette}/raqib"
    # the articles page opens on its rows: column notes folded away, not a list on top
    articles = _get_html(f"{db}/articles")
    assert 'class="column-descriptions"' not in articles
    first_row = articles.index('<table class="rows-and-columns"')
    assert articles.index("What each column means") < first_row
    assert re.search(r"<details class=\"raqib-columns\">\s*<summary>", articles)
    # Arabic cells read right to left; others are left alone
    assert '<div dir="auto">وَفَاةُ مُعْتَقَلٍ' in articles
    assert '<div dir="auto">Teacher dies' not in articles
    row_id = _get_json(f"{db}/articles.json?_shape=array&lang=ar")[0]["id"]  # type: ignore[index]
    row = _get_html(f"{db}/articles/{row_id}")
    text = _get_json(f"{db}/articles/{row_id}.json?_shape=array")[0]["text"]  # type: ignore[index]
    assert text[-40:] in row  # shown whole on the row's own page
    # canned queries are forms: no SQL on show, a month field for torture deaths
    form = _get_html(f"{db}/torture_deaths_this_month")
    assert 'name="month"' in form
    assert "<textarea" not in form
    assert "show_sql=1" in form or "Show SQL" in form
    april = _get_json(f"{db}/torture_deaths_this_month.json?_shape=array&month=2025-04")
    march = _get_json(f"{db}/torture_deaths_this_month.json?_shape=array&month=2025-03")
    assert [r["url"] for r in april] == [archive.arabic_url]  # type: ignore[index]
    assert [r["url"] for r in march] == [archive.death_url]  # type: ignore[index]
    assert _get_json(f"{db}/torture_deaths_this_month.json?_shape=array&month=") == []
    latest = _get_html(f"{db}/latest_reports")
    for field in ("label", "governorate", "source", "since"):
        assert f'name="{field}"' in latest
    arrests = _get_json(f"{db}/latest_reports.json?_shape=array&label=arbitrary_arrest"
                        "&governorate=daraa&source=&since=")
    assert [r["url"] for r in arrests] == [archive.arrest_url]  # type: ignore[index]
    everything = _get_json(f"{db}/latest_reports.json?_shape=array&label=&governorate="
                           "&source=&since=")
    assert len(everything) == 4  # type: ignore[arg-type]
    # the front page says where to start
    home = _get_html(f"{datasette}/")
    assert 'href="/raqib/latest_reports"' in home
    reading = re.search(r'<a href="(/raqib/articles\?_col=[^"]+)">All articles</a>', home)
    assert reading
    page = _get_html(datasette + reading.group(1).replace("&amp;", "&"))
    shown = re.findall(r'data-column="([^"]+)"', page)
    assert "title" in shown
    assert "text_hash" not in shown
    assert "scores" not in shown
    metadata = _get_json(f"{datasette}/-/metadata.json")
    captures = metadata["databases"]["raqib"]["tables"]["captures"]  # type: ignore[index]
    assert "Zstandard" in captures["description_html"]
    assert "zlib-compressed" not in json.dumps(metadata)
