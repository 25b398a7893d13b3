"""Name keys and names in a text, on the fixtures in ``name_fixtures.toml``."""

from __future__ import annotations

import itertools
import tomllib
from pathlib import Path

import pytest

from classifiers.names import (
    arabic_skeletons,
    latin_skeletons,
    mentioned,
    name_keys,
    name_within,
    skeleton_keys,
)

FIXTURES = tomllib.loads((Path(__file__).parent / "name_fixtures.toml").read_text("utf-8"))
SAME = FIXTURES["same"]
DIFFERENT = FIXTURES["different"]


@pytest.mark.parametrize("group", SAME, ids=[g["person"] for g in SAME])
def test_spellings_of_one_person_share_a_key(group: dict) -> None:
    for a, b in itertools.combinations(group["names"], 2):
        assert skeleton_keys(name_keys(a)) & skeleton_keys(name_keys(b)), (a, b)


@pytest.mark.parametrize("pair", DIFFERENT, ids=[p["why"] for p in DIFFERENT])
def test_near_misses_share_no_key(pair: dict) -> None:
    assert not name_keys(pair["a"]) & name_keys(pair["b"])


def test_a_single_given_name_has_no_key() -> None:
    assert name_keys("Tal") == frozenset()
    assert name_keys("محمد") == frozenset()
    assert name_keys("al-Tal bin") == frozenset()


def test_keys_within_a_script_drop_the_article() -> None:
    assert "ar:طل ملوحي" in name_keys("طل الملوحي")
    assert "ar:طل ملوحي" in name_keys("طل ملوحي")
    assert name_keys("Tal al-Mallohi") & name_keys("Tal el-Malluhi") & {"la:tal maluhi"}


WANTED = {group["person"]: group["names"][0] for group in SAME}


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("The blogger Tal al-Malluhi was arrested at a checkpoint.", {"tal-mallohi"}),
        ("اعتقلت قوات الأمن المدونة طل الملوحي في حمص.", {"tal-mallohi"}),
        ("وأفادت العائلة بأن والطل لا علاقة", set()),
        ("La blogueuse Tal el-Mallouhi a été arrêtée.", {"tal-mallohi"}),
        ("Mohammad Abd al-Rahman al-Homsi died in detention.", {"homsi"}),
        ("وتوفي محمد عبدالرحمن الحمصي تحت التعذيب", {"homsi"}),
        ("Fatmeh Hussein and Yacine Chami were released.", {"fatima-hussein", "yassin-shami"}),
        ("Tal and Mallohi are two villages.", set()),
        ("Tal Ahmad al-Hamwi was arrested.", set()),
        ("Khaled Qassab was killed.", set()),
        ("The report names Tal Dosar al-Mallohi among the detainees.", {"tal-mallohi"}),
        ("", set()),
    ],
)
def test_mentioned_finds_names_in_running_text(text: str, who: set[str]) -> None:
    assert mentioned(text, WANTED) == who


def test_mentioned_with_nothing_wanted() -> None:
    assert mentioned("Tal al-Mallohi", {}) == set()


# (short, long, one person's name?) — vowels that cannot be one name's keep names apart
# even when their consonants agree (Mahmoud / Mohammad, Hussein / Hassan, Hamed / Ahmad).
WITHIN = [
    ("Tal al-Mallohi", "طل دوسر الملوحي", True),
    ("Mohammad Ali Hasan", "Mohammad Ahmad Hasan", False),
    ("Ghiyath Matar", "Ghayath Mattar", True),
    ("Ghiyath Matar", "غياث مطر", True),
    ("Mahmoud Adnan Kashour", "Mohammad Adnan Kashour", False),
    ("محمود عدنان كشور", "Mohammad Adnan Kashour", False),
    ("محمد عدنان كشور", "Mohammad Adnan Kashour", True),
    ("محمود عدنان كشور", "Mahmoud Adnan Kashour", True),
    ("Hussein Othman", "Hassan Othman", False),
    ("حسين عثمان", "Hussein Othman", True),
    ("حسن عثمان", "Hussein Othman", False),
    ("Hamed Ali", "Ahmad Ali", False),
    ("حامد علي", "أحمد علي", False),
    ("Hamed Ali", "حامد علي", True),
    ("Samer Adib Kanaan", "سامر أديب كنعان", True),
    ("Mohamed Abderrahmane El Homsi", "محمد عبدالرحمن الحمصي", True),
    ("Fatmeh Hussein", "فاطمة الحسين", True),
    ("Abdullah Youssef", "عبد الله يوسف", True),
    ("Ali Hasan", "Ola Hasan", False),
    ("علي حسن", "لؤي حسن", False),
    ("Rami Najib Abu Hamdan", "رامي نجيب أبو حمدان", True),
    ("Mohammad al-Hajj Ali", "محمد الحاج علي", True),
    ("Moayad Al-Obeid", "مهند العبيد", False),
    ("Ghiyas Matar", "Ghiyath Matar", False),
    ("Osman Haysam", "عثمان هيثم", True),
    ("Nazem Zahabi", "Nadhem al-Dhahabi", False),
    ("Nazem Zahabi", "ناظم الذهبي", True),
    ("Ghiyas Matar", "غياث مطر", True),
    ("Nazem Hamadi", "Nadim Hamadi", False),
    ("Ramez Essayed", "رامز السيد", True),
    ("Hassan Eddabagh", "Hassan ad-Dabbagh", True),
    ("Samih Echchami", "Samih Chami", True),
    ("Assaad Hasan", "Saad Hasan", False),
    ("Essam Ali", "Sam Ali", False),
]


@pytest.mark.parametrize(("short", "long", "same"), WITHIN)
def test_one_name_within_another(short: str, long: str, same: bool) -> None:
    assert name_within(short, long) is same


def test_a_compound_family_name_is_not_a_given_name() -> None:
    wanted = {"hajj-ali": "محمد أحمد الحاج علي"}
    assert mentioned("وقال محمد علي حسين الدراوشة", wanted) == set()
    assert mentioned("اعتقل محمد الحاج علي", wanted) == {"hajj-ali"}


def test_a_name_never_runs_over_punctuation() -> None:
    wanted = {"x": "Ahmad Samer al-Ahmad"}
    assert mentioned("Ahmad. Samer al-Ahmad was released", wanted) == set()
    assert mentioned("Ahmad Samer al-Ahmad was released", wanted) == {"x"}


# A watched name and a report's spelling whose consonants agree but whose vowels cannot be
# one name's: the commonest Syrian given names meet this way (Mahmoud / Mohammad, Hussein /
# Hassan, Hamed / Ahmad), so a family watching one must not be alerted for the other.
IN_TEXT = [
    ("Mahmoud Kashour", "Security forces arrested Mohammad Kashour in Hama.", False),
    ("Mahmoud Kashour", "اعتقلت قوات الأمن محمد كشور في حماة.", False),
    ("محمود كشور", "Security forces arrested Mahmoud Kashour in Hama.", True),
    ("Hussein Othman", "Hassan Othman was released on Monday.", False),
    ("حسن عثمان", "Hussein Othman was released on Monday.", False),
    ("حسين عثمان", "Hussein Othman was released on Monday.", True),
    ("Hamed Ali", "وأفرج عن أحمد علي يوم الاثنين.", False),
    ("Hamed Ali", "وأفرج عن حامد علي يوم الاثنين.", True),
    ("Mohammad Abd al-Rahman al-Homsi", "وتوفي محمد عبدالرحمن الحمصي تحت التعذيب", True),
    ("Mahmoud Abd al-Rahman al-Homsi", "وتوفي محمد عبدالرحمن الحمصي تحت التعذيب", False),
    ("Ghiyas Matar", "The activist Ghiyath Matar died in custody.", False),
    ("غياث مطر", "The activist Ghiyath Matar died in custody.", True),
    ("غياث مطر", "Le militant Ghiyas Matar est mort en détention.", True),
    ("Ghiyath Matar", "Le militant Ghiyas Matar est mort en détention.", False),
    ("Ramez as-Sayyed", "Ramez Essayed a été libéré lundi.", True),
]


@pytest.mark.parametrize(("watched", "text", "found"), IN_TEXT)
def test_a_name_in_a_text_agrees_in_its_vowels(watched: str, text: str, found: bool) -> None:
    assert (mentioned(text, {"w": watched}) == {"w"}) is found


@pytest.mark.parametrize(
    ("watched", "text"),
    [
        ("Muhammad Al-Awad", "اعتقل محمد العواد في درعا"),
        ("Ahmad Ali", "Ahmad Mohammad Ali was arrested in Daraa."),
        ("أحمد علي", "Ahmad Mohammad Ali was arrested in Daraa."),
        ("أحمد علي", "اعتقلت قوات النظام أحمد محمد علي في درعا"),
        ("Khaled Issa", "Khaled Mahmoud Issa died in Sednaya."),
        ("Hussein Eid", "Hussein Ahmad Eid has been missing since 2013."),
        ("Mahmoud Ouda", "Mahmoud Ahmad Ouda was freed."),
    ],
)
def test_a_family_name_of_one_consonant_meets_after_the_fathers_name(
        watched: str, text: str) -> None:
    assert mentioned(text, {"w": watched}) == {"w"}


@pytest.mark.parametrize(
    ("watched", "text"),
    [
        ("Muhammad Al-Awad", "نقل محمد بسيارة إسعاف بعد إصابته"),
        ("أحمد علي", "وصل أحمد بعد ساعة على الطريق"),
        ("Ahmad Ali", "Ahmad and Ali were arrested."),
        ("Ahmad Ali", "Ahmad Mohammad after Ali left."),
    ],
)
def test_a_name_does_not_run_over_function_words(watched: str, text: str) -> None:
    assert mentioned(text, {"w": watched}) == set()


# A family name of one consonant meets many ordinary words (the feast عيد, على typed with ي,
# a third person in a list, a title-case headline's verb): the words between it and the
# given name must be given names, and the family word carries no clitic.
@pytest.mark.parametrize("case", FIXTURES["unnamed"], ids=lambda case: case["text"])
def test_a_text_naming_no_watched_person_does_not_alert(case: dict) -> None:
    assert mentioned(case["text"], {"w": case["watched"]}) == set()


@pytest.mark.parametrize(
    ("watched", "text"),
    [
        ("محمد عيد", "اعتقلت دورية محمد أحمد عيد في حمص"),
        ("أحمد علي", "أفرج عن أحمد عبد الرحمن علي أمس"),
        ("أحمد علي", "وأحمد علي من أبناء درعا"),
        ("Ahmad Ali", "Ahmad al-Ali was detained."),
        ("Zine Bin Ali", "Zine El Abidine Ben Ali fled."),
    ],
)
def test_a_family_name_of_one_consonant_still_meets(watched: str, text: str) -> None:
    assert mentioned(text, {"w": watched}) == {"w"}


def test_a_stop_word_that_is_a_name_ends_a_name_but_is_not_run_over() -> None:
    watched = {"imam": "عادل إمام", "khatib": "محمد الخطيب"}
    assert mentioned("الفنان عادل إمام في القاهرة", watched) == {"imam"}
    assert mentioned("عادل امام", watched) == {"imam"}
    assert mentioned("وقف محمد أمام الخطيب", watched) == set()
    assert mentioned("وقف محمد أمام المبنى", {"w": "محمد أمام"}) == {"w"}


# A watchlist alerts on the name alone: a Latin th or dh must not meet a name written with
# s or z (sentences and names invented for this test).
@pytest.mark.parametrize(
    ("watched", "text"),
    [
        ("Samer Haddad", "Thamer Haddad, a football coach, won the league title on Sunday."),
        ("Samer Ahmad Haddad", "Thamer Haddad, a football coach, won the league title."),
        ("Sana Khalil", "The singer Thana Khalil released a new album."),
        ("سناء خليل", "The singer Thana Khalil released a new album."),
        ("Azzam Hamdan", "Adham Hamdan scored twice for Al-Wahda."),
        ("Kasem Mansour", "Kathem Mansour, the Iraqi singer, performed in Beirut."),
        ("Zaki Darwish", "Dhaki Darwish opened a bakery in Homs."),
        ("Thamer Haddad", "Samer Haddad was arrested in Homs."),
        ("Thamer Haddad", "اعتقل سامر حداد في حمص"),
    ],
)
def test_latin_th_and_dh_do_not_meet_s_and_z(watched: str, text: str) -> None:
    assert mentioned(text, {"w": watched}) == set()


def test_a_run_of_th_gives_a_bounded_number_of_skeletons() -> None:
    for run in ("th" * 25, "dh" * 25, "thadha" * 12):
        assert len(latin_skeletons(run)) <= 2
    for run in ("ث" * 25, "ثا" * 25, "ذاظ" * 10):
        assert len(arabic_skeletons(run)) <= 2 ** 3
    text = "See https://example.org/" + "-".join(["the", "truth", "that"] * 10) + " Haddad"
    assert mentioned(text + " " + "th" * 30, {"w": "Samer Haddad"}) == set()
