"""Search meets what is stored: Arabic clitics and the article, names without "al-",
spelling variants of places, every stored version, snippets as written, filters alone and
filter values that name nothing (issue #16).

The articles are written for these tests and stored through the real ingest path."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from crawler.archive.search import parse_query, search, snippet, variants
from crawler.archive.search_terms import arabic_stems, extra_terms
from crawler.archive.store import ArchiveFilter, Store
from crawler.ingest import Ingestor
from crawler.models import Outcome

from .conftest import BASE_AR, BASE_EN, html_page, make_config, page  # noqa: TID252

AR_TITLE = "مقتل شاب بعد اعتقاله في سجن صيدنايا"
AR_TEXT = [
    "أفاد ذوو الشاب سامر الحلبي أنه فارق الحياة جراء التعذيب بعد ثلاثة أشهر من احتجازه في "
    "سجن صيدنايا العسكري.",
    "وأضافوا أن الأجهزة الأمنية رفضت تسليم جثته، وأن عشرات من المعتقلين ما زالوا في المكان ذاته.",
    "وطالبت عائلات والمعتقلين الآخرين بالكشف عن مصير أبنائها في مدينة حماة.",
]
EN_TITLE = "Baker from Douma held at Saydnaya for months"
EN_TEXT = [
    "Nader al-Dabbagh, a baker from Douma, spent eleven months in Saydnaya prison before "
    "his release, his cousin Rami al-Hweish told us.",
    "The cousin said the family first learned of his whereabouts from a former inmate who "
    "came from the town of al-Tal north of the capital.",
]
EDIT_V1 = ("Student Omar Swedan missing since checkpoint stop", [
    "Omar Swedan, a student of engineering, has not been heard from since a checkpoint "
    "stopped his minibus on the road to the coast.",
    "His mother has asked every office she could reach and none has answered her.",
])
EDIT_V2 = ("Student Omar Sweidan missing since checkpoint stop", [
    "Omar Sweidan, a student of engineering, has not been heard from since a checkpoint "
    "stopped his minibus on the road to the coast.",
    "His mother has asked every office she could reach and none has answered her yet.",
])


@pytest.fixture(scope="module")
def forms_store(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    folder = tmp_path_factory.mktemp("forms")
    path = folder / "raqib.db"
    config = make_config(path)
    urls: dict[str, object] = {"path": path}
    with Store.open(path) as store:
        ingest = Ingestor(store, config).ingest
        arabic = ingest(page("test-ar", f"{BASE_AR}/ar/news/samer",
                             html_page(AR_TITLE, AR_TEXT, lang="ar"),
                             at=datetime(2025, 5, 2, tzinfo=UTC)))
        english = ingest(page("test-en", f"{BASE_EN}/news/douma-baker",
                              html_page(EN_TITLE, EN_TEXT), at=datetime(2025, 5, 3, tzinfo=UTC)))
        first = ingest(page("test-en", f"{BASE_EN}/news/omar",
                            html_page(EDIT_V1[0], EDIT_V1[1]),
                            at=datetime(2025, 5, 4, tzinfo=UTC)))
        second = ingest(page("test-en", f"{BASE_EN}/news/omar",
                             html_page(EDIT_V2[0], EDIT_V2[1]),
                             at=datetime(2025, 5, 6, tzinfo=UTC)))
        for result in (arabic, english, first):
            assert result.outcome is Outcome.NEW, result
        assert second.outcome is Outcome.NEW_VERSION, second
        urls.update(arabic=str(arabic.canonical_url), english=str(english.canonical_url),
                    edited=str(first.canonical_url))
    return urls


@pytest.fixture
def opened(forms_store: dict[str, object]):  # type: ignore[no-untyped-def]
    with Store.open(forms_store["path"]) as store:  # type: ignore[arg-type]
        yield store


def found(store: Store, query: str) -> set[str]:
    return {hit.url for hit in search(store, query)}


def test_arabic_stems_drop_clitics_and_the_article() -> None:
    assert "تعذيب" in arabic_stems("التعذيب")
    assert "تعذيب" in arabic_stems("بالتعذيب")
    assert "معتقلين" in arabic_stems("والمعتقلين")
    assert "معتقلين" in arabic_stems("للمعتقلين")
    assert "يد" not in arabic_stems("وليد")  # one letter with no article leaves three
    assert arabic_stems("torture") == frozenset()


@pytest.mark.parametrize("query", ["تعذيب", "معتقلين", "المعتقلين", "والمعتقلين", "أجهزة",
                                   "الأجهزة الامنية", "بالمعتقلين"])
def test_arabic_words_are_found_without_their_article_and_clitics(
        opened: Store, forms_store, query: str) -> None:  # type: ignore[no-untyped-def]
    assert forms_store["arabic"] in found(opened, query)


def test_exact_phrase_still_matches_the_text_as_written(opened: Store, forms_store) -> None:  # type: ignore[no-untyped-def]
    assert found(opened, '"جراء التعذيب"') == {forms_store["arabic"]}
    assert found(opened, '"جراء تعذيب"') == set()  # quoted: exact, no clitic stripping


@pytest.mark.parametrize("query", ["Dabbagh", "dabbagh", "Hweish", "al-Dabbagh",
                                   "Nader Dabbagh", "Tal", "الدباغ"])
def test_names_are_found_without_al(opened: Store, forms_store, query: str) -> None:  # type: ignore[no-untyped-def]
    if query == "الدباغ":
        assert found(opened, query) == set()  # a name in another script is not a variant
        return
    assert found(opened, query) == {forms_store["english"]}


@pytest.mark.parametrize("query", ["Sednaya", "Saydnaya", "Saidnaya", "صيدنايا", "sednaya prison"])
def test_spelling_variants_of_places_meet(opened: Store, forms_store, query: str) -> None:  # type: ignore[no-untyped-def]
    expected = {forms_store["arabic"], forms_store["english"]}
    if query == "sednaya prison":
        expected = {forms_store["english"]}  # "prison" is English only
    assert found(opened, query) == expected


def test_variant_table_is_data_and_phrases_are_phrases() -> None:
    query = parse_query("Palestine Branch")
    (unit,) = query.units
    assert ("فرع", "فلسطين") in unit.phrases
    assert ("branch", "235") in unit.phrases
    assert "adra" in parse_query("عدرا").units[0].words
    assert {"tadmur", "palmyra", "تدمر"} <= parse_query("Tadmor").units[0].words


def test_every_stored_version_is_searchable(opened: Store, forms_store) -> None:  # type: ignore[no-untyped-def]
    (old,) = search(opened, "Swedan")
    assert old.url == forms_store["edited"]
    assert old.extra["matched_version"] == 1
    assert "\x02Swedan\x03" in old.snippet
    (new,) = search(opened, "Sweidan")
    assert new.url == forms_store["edited"]
    assert "matched_version" not in new.extra


def test_snippets_show_the_original_text(opened: Store) -> None:  # type: ignore[no-untyped-def]
    (english,) = search(opened, "Dabbagh")
    assert "\x02al-Dabbagh\x03" in english.snippet  # hyphen kept, whole name marked
    (arabic,) = search(opened, "تعذيب حماة")
    assert "\x02التعذيب\x03" in arabic.snippet or "\x02حماة\x03" in arabic.snippet
    assert "حماه" not in arabic.snippet  # not the folded spelling
    assert "ة" in arabic.snippet


def test_snippet_marks_words_by_their_forms() -> None:
    text = "قالت العائلة إن ابنها توفي بالتعذيب في الفرع"
    assert snippet(text, frozenset({"تعذيب"}), marks=("[", "]")) == \
        "قالت العائلة إن ابنها توفي [بالتعذيب] في الفرع"
    assert snippet(text, frozenset({"absent"})) is None


def test_extra_terms_hold_only_what_the_folded_text_lacks() -> None:
    terms = extra_terms(["Rami al-Hweish"], "rami alhweish").split()
    assert set(terms) == {"al", "hweish"}


def test_filters_alone_list_what_they_match(store: Store, archive) -> None:  # type: ignore[no-untyped-def]
    where = ArchiveFilter(labels=("torture_death",), governorates=("Homs",),
                          since="2025-01-01")
    listed = {hit.url for hit in search(store, "", where)}
    assert archive.death_url in listed
    assert listed == {hit.url for hit in search(store, "*", where)}
    assert archive.arrest_url not in listed
    everything = search(store, None)
    assert len(everything) == 4
    dates = [(hit.published or hit.first_seen) for hit in everything]
    assert dates == sorted(dates, reverse=True)  # newest first


def test_cli_filters_alone_and_star(raqib, archive) -> None:  # type: ignore[no-untyped-def]
    for args in (["--label", "torture_death", "--governorate", "Homs", "--since", "2025-01-01"],
                 ["*", "--label", "torture_death"]):
        result = raqib("search", *args)
        assert result.exit_code == 0, result.output
        assert archive.death_url in result.output


@pytest.mark.parametrize(("args", "named"), [
    (["--source", "test"], ["test-en", "test-ar"]),
    (["--governorate", "homs"], ["did you mean Homs"]),
    (["--perpetrator", "regime"], ["syrian_regime", "transitional_authorities", "isis"]),
])
def test_cli_unknown_filter_values_are_usage_errors(raqib, args, named) -> None:  # type: ignore[no-untyped-def]
    for command in (["search", "torture"], ["export", "--format", "jsonl"]):
        result = raqib(*command, *args)
        assert result.exit_code == 2, result.output
        (line,) = result.output.strip().splitlines()
        assert line.startswith("error: ")
        for word in named:
            assert word in line


def test_search_runs_as_a_real_process(forms_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    config = tmp_path / "raqib.toml"
    config.write_text(f'[store]\npath = "{Path(forms_store["path"]).as_posix()}"\n\n'
                      f'[[sources]]\nname = "test-ar"\nspider = "feed"\n'
                      f'url = "{BASE_AR}/feed"\nlang = "ar"\n', encoding="utf-8")
    result = subprocess.run(
        [str(Path(sys.executable).with_name("raqib")), "--config", str(config), "search", "تعذيب",
         "--json"], capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    (line,) = result.stdout.splitlines()
    item = json.loads(line)
    assert item["url"] == forms_store["arabic"]
    assert "[التعذيب]" in item["snippet"]


def test_a_name_with_al_also_finds_it_written_without() -> None:
    (unit,) = parse_query("al-Dabbagh").units
    assert unit.words == {"aldabbagh", "dabbagh"}
    (arabic,) = parse_query("والمعتقلين").units
    assert arabic.words == {"والمعتقلين", "معتقلين"}


def test_the_shipped_variant_table_is_well_formed() -> None:
    import tomllib
    from importlib.resources import files

    shipped = files("crawler.archive").joinpath("search_variants.toml")
    data = tomllib.loads(shipped.read_text("utf-8"))
    seen: dict[tuple[str, ...], str] = {}
    for group in data["group"]:
        assert set(group) == {"about", "names"}, group
        assert len(group["names"]) >= 2, group["about"]
        for name in group["names"]:
            assert parse_query(name).units, name
    for number, names in enumerate(variants().groups):
        for words in names:
            assert seen.setdefault(words, str(number)) == str(number), words  # one group each
