"""`raqib diff` between stored versions and `raqib stats` counts and chart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.archive.diff import DiffError, NothingToCompare, diff_versions
from crawler.archive.stats import collect
from crawler.archive.store import Store


def test_diff_shows_title_and_text_changes(store: Store, archive) -> None:  # type: ignore[no-untyped-def]
    result = diff_versions(store, archive.death_url)
    assert (result.old["version"], result.new["version"], result.total) == (1, 2, 2)
    assert result.title_changed
    lines = result.unified()
    assert any(line.startswith("-") and "without any explanation" in line for line in lines)
    assert any(line.startswith("+") and "heart failure" in line for line in lines)
    assert any(line.startswith("+") and "former cellmate" in line for line in lines)
    rendered = result.render()
    assert "title: - Teacher dies under torture in detention" in rendered
    assert "+ Teacher dies under torture in regime detention" in rendered


def test_diff_finds_the_article_by_the_url_as_discovered(store: Store, archive) -> None:  # type: ignore[no-untyped-def]
    typed = "http://127.0.0.1:8765/news/karim-haddad/?utm_source=feed"
    assert diff_versions(store, typed).url == archive.death_url
    copy = archive.arrest_url.replace("daraa-raid", "daraa-raid-copy")
    with pytest.raises(NothingToCompare):
        diff_versions(store, copy)


def test_diff_errors(store: Store, archive) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DiffError, match="not in the store"):
        diff_versions(store, "https://example.org/unknown")
    with pytest.raises(DiffError, match="no version 3"):
        diff_versions(store, archive.death_url, old=1, new=3)


def test_cli_diff(raqib, archive) -> None:  # type: ignore[no-untyped-def]
    result = raqib("diff", archive.death_url)
    assert result.exit_code == 0, result.output
    assert "version 1 → 2 of 2" in result.output
    assert "+Relatives said the civil registry handed them a death record stating" \
        in result.output
    result = raqib("diff", archive.death_url, "--from", "2", "--to", "2")
    assert result.exit_code == 0
    assert "text: unchanged" in result.output
    result = raqib("diff", archive.arabic_url)
    assert result.exit_code == 3
    assert "only one version" in result.output
    result = raqib("diff", "https://example.org/x")
    assert result.exit_code == 1
    assert "not in the store" in result.output


def test_stats_counts(store: Store) -> None:
    stats = collect(store)
    # Both death notices also say the family could learn nothing of the detainee for years:
    # a disappearance before the death (labels.md), so each counts under both labels.
    assert stats.by_month == {
        "2025-02": {"enforced_disappearance": 1},
        "2025-03": {"torture_death": 1, "arbitrary_arrest": 1, "enforced_disappearance": 1},
        "2025-04": {"torture_death": 1, "arbitrary_arrest": 2, "enforced_disappearance": 2},
    }
    sources = {row["source"]: row for row in stats.sources}
    assert sources["test-en"] == {"source": "test-en", "articles": 3, "flagged": 3,
                                  "edited": 1, "removed": 1, "duplicates": 1}
    assert sources["test-ar"]["articles"] == 1
    weeks = {(row["week"], row["label"]): row["n"] for row in stats.weeks}
    assert weeks[("2025-03-10", "torture_death")] == 1  # a Monday
    assert weeks[("2025-03-31", "arbitrary_arrest")] == 1  # 2 April 2025 is a Wednesday
    assert weeks[("2025-04-07", "torture_death")] == 1


def test_cli_stats_and_chart(raqib, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    chart = tmp_path / "weekly.png"
    result = raqib("stats", "--chart", str(chart))
    assert result.exit_code == 0, result.output
    assert "2025-04" in result.output
    assert "test-ar" in result.output
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    result = raqib("stats", "--json")
    assert json.loads(result.output)["by_month"]["2025-02"] == {"enforced_disappearance": 1}
    result = raqib("stats", "--chart", str(tmp_path / "missing" / "c.png"))
    assert result.exit_code == 1
    assert "does not exist" in result.output


def test_chart_without_matplotlib_is_one_clear_line(raqib, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real_import = builtins.__import__

    def no_matplotlib(name: str, *args, **kwargs):  # type: ignore[no-untyped-def]
        if name == "matplotlib" or name.startswith("matplotlib."):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_matplotlib)
    result = raqib("stats", "--chart", str(tmp_path / "c.png"))
    assert result.exit_code == 1
    assert "pip install 'raqib[chart]'" in result.output
    assert "Traceback" not in result.output
