"""Line keys of the clutter check fold the Arabic letter variants by replacement; the keys
below are those the dictionary translation gave."""

from __future__ import annotations

import pytest

from classifiers.layout import _key, drop_clutter


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ("  اقرأ أيضاً  ", "اقرا ايضاً"),
        ("إقرأ أيضـــاً:", "اقرا ايضاً"),  # tatweel dropped, the colon stripped
        ("آخر الأخبار ", "اخر الاخبار"),
        ("مكتبة الأمم المتحدة ى", "مكتبه الامم المتحده ي"),
        ("Related News", "related news"),
        ("À LIRE AUSSI —", "à lire aussi"),
        ("ALL CAPS | ", "all caps"),
        ("Ünïcode Straße", "ünïcode straße"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_line_keys_fold_case_spaces_and_arabic_variants(line: str, key: str) -> None:
    assert _key(line) == key


def test_a_header_repeating_the_arabic_headline_with_variants_is_dropped() -> None:
    title = "أخبار سوريا اليوم"
    text = (
        "الصفحة الرئيسية\nاخبار سوريا اليوم\nاعتقلت قوات الأمن الشاب في حمص يوم الاثنين"
        " الماضي بعد مداهمة منزله.\nSkip to content"
    )
    assert drop_clutter(title, text) == (
        "اعتقلت قوات الأمن الشاب في حمص يوم الاثنين الماضي بعد مداهمة منزله."
    )


def test_a_line_opens_with_an_opening_alone_or_before_a_space() -> None:
    from classifiers.layout import Openings

    openings = Openings.of(["read also", "اقرا ايضا"])
    assert openings.open("read also")
    assert openings.open("read also the other report")
    assert not openings.open("read also: the other report")  # keys are matched as folded
    assert openings.open("اقرا ايضا تقرير")
    assert not openings.open("read alsothe")  # a longer word is not the opening
    assert not openings.open("we read also")
    assert not Openings.of([]).open("anything")
