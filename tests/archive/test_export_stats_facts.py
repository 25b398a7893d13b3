"""Exports with one column per fact and the search filters; stats that count every source;
a weekly chart fit for a report (issue #16)."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from crawler.archive.stats import chart_title, collect, draw_chart, week_series
from crawler.archive.store import Store
from crawler.config import build_config
from crawler.ingest import Ingestor
from crawler.models import Outcome

from .conftest import ARREST_EN, BASE_AR, BASE_EN, html_page, page  # noqa: TID252


def _csv(output: bytes) -> dict[str, dict[str, str]]:
    return {row["url"]: row for row in csv.DictReader(io.StringIO(output.decode("utf-8-sig")))}


def test_csv_has_one_column_per_fact(raqib, archive, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "all.csv"
    result = raqib("export", "--format", "csv", "--out", str(out))
    assert result.exit_code == 0, result.output
    rows = _csv(out.read_bytes())
    header = list(next(iter(rows.values())))
    for column in ("victims", "governorate", "perpetrator", "death_date", "arrest_date",
                   "counts"):
        assert column in header
    assert "facts" not in header
    death, arrest = rows[archive.death_url], rows[archive.arrest_url]
    assert death["victims"] == "Karim Haddad"
    assert death["governorate"] == "Homs"
    assert death["perpetrator"] == "syrian_regime"
    assert arrest["counts"] == "3"
    assert rows[archive.removed_url]["governorate"] == "Idlib"
    # "disappeared since 2013" is a period, not an arrest date; an absent fact is an empty cell
    assert rows[archive.removed_url]["arrest_date"] == ""
    # told on a Monday of March 2025 "that he had died": the notice dates the death by its month
    assert death["death_date"] == "2025-03"


def test_export_takes_the_search_filters(raqib, archive, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "daraa.jsonl"
    result = raqib("export", "--format", "jsonl", "--governorate", "Daraa", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["url"] for line in out.read_text().splitlines()] == [
        archive.arrest_url]
    result = raqib("export", "--format", "csv", "--perpetrator", "syrian_regime",
                   "--lang", "en", "--until", "2025-03-31")
    assert result.exit_code == 0, result.output
    assert set(_csv(result.stdout_bytes)) == {archive.death_url}


@pytest.fixture
def with_aggregator(archive):  # type: ignore[no-untyped-def]
    """The archive plus an aggregator whose only item is a copy of a stored report."""
    config = build_config({
        "store": {"path": str(archive.path)},
        "sources": [{"name": name, "spider": "feed", "url": f"{base}/feed", "lang": "en"}
                    for name, base in (("test-en", BASE_EN), ("test-ar", BASE_AR),
                                       ("aggregator", "http://127.0.0.1:8767"))],
    }, path=None)
    with Store.open(archive.path) as store:
        result = Ingestor(store, config).ingest(
            page("aggregator", "http://127.0.0.1:8767/item/1",
                 html_page("Three young men detained in Daraa raid", ARREST_EN),
                 at=datetime(2025, 4, 4, tzinfo=UTC)))
    assert result.outcome is Outcome.DUPLICATE, result
    return archive


def test_stats_count_a_source_whose_items_were_all_folded(with_aggregator) -> None:  # type: ignore[no-untyped-def]
    with Store.open(with_aggregator.path) as store:
        stats = collect(store)
        total = store.scalar("SELECT count(*) FROM duplicates")
    sources = {row["source"]: row for row in stats.sources}
    assert sources["aggregator"] == {"source": "aggregator", "articles": 0, "flagged": 0,
                                     "edited": 0, "removed": 0, "duplicates": 1}
    assert sum(row["duplicates"] for row in stats.sources) == total == 2
    lines = stats.render().splitlines()
    assert any(line.split()[:2] == ["aggregator", "0"] for line in lines)
    assert lines[-1].split() == ["total", "4", "4", "1", "1", "2"]


def test_cli_stats_lists_the_aggregator(raqib, with_aggregator) -> None:  # type: ignore[no-untyped-def]
    result = raqib("stats")
    assert result.exit_code == 0, result.output
    assert "aggregator" in result.output


def test_weekly_chart_is_fit_for_a_report(store: Store, tmp_path: Path) -> None:
    stats = collect(store)
    weeks, series = week_series(stats)
    assert weeks[0] == date(2025, 1, 27)  # the Monday of the first flagged week
    assert weeks[-1] == date(2025, 4, 7)
    assert all((b - a).days == 7 for a, b in zip(weeks, weeks[1:], strict=False))  # no gaps
    assert all(len(values) == len(weeks) for values in series.values())
    assert chart_title(weeks) == "Flagged articles per week, 27 Jan 2025 – 13 Apr 2025 (11 weeks)"

    import matplotlib.pyplot as plt

    figure = draw_chart(stats)
    try:
        figure.canvas.draw()
        axes = figure.axes[0]
        assert axes.get_title(loc="left") == chart_title(weeks)
        assert not axes.get_lines()  # bars, no lines drawn across empty weeks
        assert len(axes.patches) == len(weeks) * len(series)
        ticks = [t for t in axes.get_yticks() if t >= 0]
        assert ticks
        assert all(float(t).is_integer() for t in ticks)
        legend = axes.get_legend()
        assert legend is not None
        renderer = figure.canvas.get_renderer()
        assert legend.get_window_extent(renderer).x0 >= axes.get_window_extent(renderer).x1
    finally:
        plt.close(figure)
    path = tmp_path / "weekly.png"
    from crawler.archive.stats import write_chart

    write_chart(stats, path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
