"""The faster paths of the event dates give what the slower ones gave.

Expected values were written from running the code before the change (every bound date
computed, then one kept per kind; a regex scan for years) on the same made-up sentences.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from classifiers import event_dates as E
from classifiers.engine import ruleset
from classifiers.facts import find_dates
from classifiers.prepared import prepare


def dates(title: str, text: str, lang: str, published: str | None) -> dict[str, str]:
    return E.event_dates(prepare(title, text), lang, ruleset().months, published)


def test_no_text_and_a_title_alone_date_nothing() -> None:
    assert dates("", "", "en", None) == {}
    assert dates("Arrest in Homs", "", "en", "2024-05-01") == {}


def test_a_kind_dated_to_the_day_is_not_moved_by_later_sentences() -> None:
    text = (
        "Security forces arrested Omar Haddad on 3 March 2014 in Homs. He died in custody on "
        "9 July 2016. His brother said Omar was arrested in 2014 and that he died in 2016."
    )
    assert dates("Two dates", text, "en", "2024-01-10") == {
        "death": "2016-07-09",
        "arrest": "2014-03-03",
    }


def test_a_year_is_refined_by_a_later_day_of_that_year_only() -> None:
    refined = (
        "Omar Haddad was arrested in 2012. Relatives say the arrest took place on 25 "
        "September 2012 at a checkpoint."
    )
    assert dates("Refined", refined, "en", "2024-01-10") == {"arrest": "2012-09-25"}
    other = "Omar Haddad was arrested in 2012. A second arrest came on 4 May 2015."
    assert dates("Not refined", other, "en", "2024-01-10") == {"arrest": "2012"}


def test_a_kind_with_no_stated_date_takes_a_relative_one_while_the_other_keeps_its_own() -> None:
    text = "Omar Haddad was arrested on 2 February 2019. He died yesterday in Sednaya prison."
    assert dates("Relative death", text, "en", "2025-03-12") == {
        "death": "2025-03-11",
        "arrest": "2019-02-02",
    }
    text = "Omar Haddad died on 8 May 2025 in Sednaya. He had been arrested last March there."
    assert dates("Past month", text, "en", "2025-06-01") == {
        "death": "2025-05-08",
        "arrest": "2025-03",
    }
    both = "Omar Haddad was arrested yesterday. He died today."
    assert dates("Both relative", both, "en", "2025-02-20") == {
        "death": "2025-02-20",
        "arrest": "2025-02-19",
    }
    french = "Omar Haddad a été arrêté le 3 mai 2013 à Homs. Il est mort hier en détention."
    assert dates("Arrêté", french, "fr", "2025-02-20") == {
        "death": "2025-02-19",
        "arrest": "2013-05-03",
    }


def test_inferred_dates_still_count_when_nothing_is_stated_for_their_kind() -> None:
    notice = (
        "On 27 April 2021 the family was informed that he had died in custody. He had been "
        "arrested on 1 June 2013."
    )
    assert dates("Notice", notice, "en", "2024-01-10") == {
        "death": "2021-04",
        "arrest": "2013-06-01",
    }
    scene = "On 3 May 2019, troops surrounded the village. They arrested Omar Haddad."
    assert dates("Scene", scene, "en", "2024-01-10") == {"arrest": "2019-05-03"}


def test_pages_with_no_digit_no_publication_day_or_mixed_scripts() -> None:
    arabic = "اعتقلت دورية للأمن العسكري الشاب سامر يوم أمس في حمص."
    assert dates("اعتقال", arabic, "ar", "2025-01-10") == {"arrest": "2025-01-09"}
    indic = "اعتقل سامر في \u0663 أيار \u0662\u0660\u0661\u0663 في حمص."
    assert dates("اعتقال", indic, "ar", "2024-01-10") == {"arrest": "2013-05-03"}
    mixed = "Omar Haddad was arrested on 5 أيار 2013 in Homs."
    assert dates("Mixed", mixed, "en", "2024-01-10") == {"arrest": "2013-05-05"}
    undated = "Omar Haddad was arrested on 2 February 2019. He died on Tuesday in Sednaya prison."
    assert dates("Undated page", undated, "en", None) == {"arrest": "2019-02-02"}


def test_a_very_long_line_and_a_year_at_the_very_end() -> None:
    days = " and again on ".join(
        f"{n} {month} {2011 + n}"
        for n, month in enumerate(("May", "June", "July", "August", "September"), 1)
    )
    assert dates("Long", f"Omar Haddad was arrested on {days}", "en", "2024-01-10") == {
        "arrest": "2012-05-01"
    }
    assert dates("End", "Omar Haddad was arrested in 2013", "en", "2024-01-10") == {
        "arrest": "2013"
    }


def test_a_year_touched_by_a_superscript_digit_is_no_year() -> None:
    text = "Omar Haddad was arrested in 2013\u00b2 in Homs."
    assert dates("Touching digit", text, "en", "2024-01-10") == {}


def test_find_dates_by_year_windows() -> None:
    months = ruleset().months
    expected: dict[str, list[tuple[int, str]]] = {
        "": [],
        "no digits here at all": [],
        "arrested on 3 may 2012 and 4 june 2013": [(12, "2012-05-03"), (27, "2013-06-04")],
        "في الرابع من تشرين الاول 2012 اعتقل": [(3, "2012-10-04")],
        "on may 3, 2012 and in 2014": [(3, "2012-05-03"), (19, "2014")],
        "2012 2013 2014": [],
        "x" * 59 + " in 2019": [(60, "2019")],
        "the 3 and 5 may 2012 raids": [(4, "2012-05-03")],
        "ولد عام 1990 واعتقل في 5 ايار 2013": [(4, "1990"), (23, "2013-05-05")],
        "march 2011 may 2012 june": [(0, "2011-03")],
        "20199 may 2012": [(6, "2012-05")],
        "mid-2015 and early 2016": [(0, "2015"), (13, "2016")],
    }
    for sentence, found in expected.items():
        assert find_dates(sentence, months) == found, sentence


_OLD_YEARS = re.compile(r"(?:19|20)\d\d")


def _old_holds_year(doc: str, start: int, end: int) -> bool:
    """The regex scan ``_holds_year`` replaced."""
    for year in _OLD_YEARS.finditer(doc, start, end):
        at, stop = year.span()
        if (at and doc[at - 1].isdigit()) or (stop < len(doc) and doc[stop].isdigit()):
            continue
        return True
    return False


_PIECES = st.sampled_from(["19", "20", "2", "0", "9", "1", " ", "x", "\u00b2", "\u0663", "\n"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join), st.integers(0, 40), st.integers(0, 40))
def test_a_year_is_found_with_find_where_the_regex_scan_found_one(
    doc: str, start: int, end: int
) -> None:
    assert E._holds_year(doc, start, end) == _old_holds_year(doc, start, end)
