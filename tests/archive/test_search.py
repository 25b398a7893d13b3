"""Search over the folded FTS index: ranking, filters, Arabic folding, hostile input."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crawler.archive.search import SearchError, quote_query, search
from crawler.archive.store import ArchiveFilter, Store


def urls(hits) -> list[str]:  # type: ignore[no-untyped-def]
    return [hit.url for hit in hits]


@pytest.mark.parametrize("query", [
    "احمد ابراهيم",  # plain alef, no diacritics; the page writes أَحْمَد إِبْرَاهِيم
    "أحمد إبراهيم",  # hamza forms, no diacritics
    "آحمد ٱبراهيم",  # madda and wasla alef
    "أَحْمَدُ",  # diacritics in the query too
    "صيدنايا",  # a title word, written with sukun and fatha in the page
    "التعذيب",
])
def test_arabic_query_finds_text_with_diacritics_and_other_alef_forms(
        store: Store, archive, query: str) -> None:  # type: ignore[no-untyped-def]
    assert urls(search(store, query)) == [archive.arabic_url]


def test_results_are_ranked_with_highlighted_snippets(store: Store, archive) -> None:  # type: ignore[no-untyped-def]
    hits = search(store, "torture")
    assert archive.death_url == hits[0].url  # "torture" in the title ranks first
    assert "\x02torture\x03" in hits[0].snippet
    assert hits[0].versions == 2
    assert hits == sorted(hits, key=lambda hit: hit.rank)


def test_words_match_in_any_order_and_all_must_be_present(store: Store, archive) -> None:  # type: ignore[no-untyped-def]
    assert urls(search(store, "Daraa witnesses")) == [archive.arrest_url]
    assert urls(search(store, "witnesses Daraa")) == [archive.arrest_url]
    assert search(store, "Daraa Karim") == []


def test_filters(store: Store, archive) -> None:  # type: ignore[no-untyped-def]
    def found(**kwargs) -> set[str]:  # type: ignore[no-untyped-def]
        return set(urls(search(store, "family", ArchiveFilter(**kwargs))))

    assert found() == {archive.death_url, archive.removed_url, archive.arrest_url}
    assert found(labels=("torture_death",)) == {archive.death_url}
    assert found(labels=("enforced_disappearance",)) == {
        archive.removed_url, archive.arrest_url, archive.death_url}
    assert found(sources=("test-ar",)) == set()
    assert found(langs=("en",), governorates=("homs",)) == {archive.death_url}
    assert found(perpetrators=("syrian_regime",)) == {archive.death_url, archive.arrest_url}
    assert found(since="2025-03-10", until="2025-03-10") == {archive.death_url}
    assert found(since="2025-04-01") == {archive.arrest_url}
    assert found(until="2025-02-28") == {archive.removed_url}


def test_removed_articles_say_so(store: Store, archive) -> None:  # type: ignore[no-untyped-def]
    (hit,) = search(store, "intermediaries")
    assert hit.url == archive.removed_url
    assert hit.removed_at is not None
    assert hit.removed_at.startswith("2025-04-05")


@pytest.mark.parametrize("query", [
    '"', '""', "*", "torture*", "NEAR(", "NEAR(torture detention", "-torture", "a:b",
    "title:torture", "(", ")", "AND", "OR NOT", "^", "'; DROP TABLE articles; --", "\x00",
    "tor-ture", "{title text}:x",
])
def test_fts_syntax_in_plain_queries_is_just_text(store: Store, query: str) -> None:
    hits = search(store, query)
    assert isinstance(hits, list)
    assert store.scalar("SELECT count(*) FROM articles") == 4


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=40))
def test_hostile_input_never_crashes(store: Store, query: str) -> None:
    assert isinstance(search(store, query), list)
    try:
        raw_hits = search(store, query, raw=True)
    except SearchError as exc:
        raw_hits = None
        message = str(exc)
    if raw_hits is None:
        assert "--raw" in message
    else:
        assert isinstance(raw_hits, list)


def test_quote_query_quotes_every_word() -> None:
    assert quote_query('NEAR("torture" -x*)') == '"near" "torture" "x"'
    assert quote_query("  ") == ""


def test_raw_mode_passes_fts_syntax(store: Store, archive) -> None:  # type: ignore[no-untyped-def]
    assert set(urls(search(store, "karim OR witnesses", raw=True))) == {
        archive.death_url, archive.arrest_url}
    assert urls(search(store, "tortur*", raw=True)) == [archive.death_url]
    assert urls(search(store, "family NOT karim NOT daraa", raw=True)) == [archive.removed_url]
    with pytest.raises(SearchError, match="malformed"):
        search(store, '"unterminated', raw=True)


def test_cli_search_json_and_text(raqib, archive) -> None:  # type: ignore[no-untyped-def]
    result = raqib("search", "احمد", "--json")
    assert result.exit_code == 0, result.output
    (line,) = result.output.splitlines()
    item = json.loads(line)
    assert item["url"] == archive.arabic_url
    assert "[أَحْمَد]" in item["snippet"]  # the snippet shows the text as written
    assert item["labels"] == ["torture_death", "enforced_disappearance", "arbitrary_arrest"]

    result = raqib("search", "family", "--label", "enforced_disappearance",
                   "--since", "2025-01-01", "--until", "2025-02-28", "--limit", "5")
    assert result.exit_code == 0, result.output
    assert archive.removed_url in result.output
    assert "REMOVED 2025-04-05" in result.output
    assert archive.death_url not in result.output

    result = raqib("search", '"x', "--raw")
    assert result.exit_code == 1
    assert "malformed" in result.output
    assert "Traceback" not in result.output

    result = raqib("search", "x", "--since", "last week")
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output
