"""Families of victims' names (issue #11, family 8): cues the rules lacked, lists, and the
people a report names who are not its victims (speakers, office holders, armed groups)."""

from __future__ import annotations

import pytest

from classifiers.normalise import fold
from classifiers.victims import find_victims


def _names(text: str, lang: str) -> list[str]:
    sentences = ["Title", text] if lang != "ar" else ["عنوان", text]
    return find_victims(sentences, [fold(s) for s in sentences], lang)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # kinship and friendship cues
        ("Nobody has heard from her friend Ziad Hamed Arab since the raid.", ["Ziad Hamed Arab"]),
        ("His nephew Bilal Nour Kanaan was taken at the border.", ["Bilal Nour Kanaan"]),
        # the home of a person
        ("Gunmen stormed the house of Fadi Mounir Saqqa before dawn and took him away.",
         ["Fadi Mounir Saqqa"]),
        # a courtesy title between the cue and the name
        ("The missing were named as Mrs. Rima Adnan Halabi and Karam Hadi Halabi, who vanished.",
         ["Rima Adnan Halabi", "Karam Hadi Halabi"]),
        # an adjective between a number and the plural noun of the cue
        ("Still held are two Lebanese nationals, Tony Fares Haddad and Elias Jad Khoury.",
         ["Tony Fares Haddad", "Elias Jad Khoury"]),
        # ages inside a list
        ("They seized Omar Khaled Zein, 41, and Hani Rabih Tal, 19, at the checkpoint.",
         ["Omar Khaled Zein", "Hani Rabih Tal"]),
        # a verb of vanishing after the name
        ("Days after Nisreen Jamil Aoun disappeared, her family was called.",
         ["Nisreen Jamil Aoun"]),
    ],
)
def test_english_cues_and_lists(text: str, expected: list[str]) -> None:
    assert _names(text, "en") == expected


@pytest.mark.parametrize(
    "text",
    [
        # who speaks after an apposition is not the victim
        "Her lawyer, Samer Wael Ghanem, describes the trial as a farce.",
        # office holders on a panel: their posts are no names
        "Dr. Lina Farah Sabbagh, Executive Director of a relief body, and Dr. Omar Tarek Nassif, "
        "Senior Advisor at the centre, spoke at the launch.",
        # an armed group's name before a descriptor
        "He was close to Jaysh al-Nasr, a faction that fought in the hills around the town.",
    ],
)
def test_english_people_who_are_not_victims(text: str) -> None:
    assert _names(text, "en") == []


def test_said_to_be_held_is_no_speech() -> None:
    text = "Relatives of Maher Salim Daher, said to be held in a desert prison, keep asking."
    assert _names(text, "en") == ["Maher Salim Daher"]


def _article(sentences: list[str]) -> list[str]:
    sentences = ["عنوان", *sentences]
    return find_victims(sentences, [fold(s) for s in sentences], "ar")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a verb of the event written with its vowel mark ends the name
        ("وذكرت مصادر أن الشاب كريم عادل احتُجز عند مدخل البلدة.", ["كريم عادل"]),
        # a list after the weak cue "the two are": each name needs only two words
        ("والقتيلان هما سامي خليل وعبد الله الحمدان، من ريف حمص.",
         ["سامي خليل", "عبد الله الحمدان"]),
        # "the brothers of" before a list of names
        ("والتقينا إخوة سليم ناصر أبو حمدان وفراس يوسف، وهما معتقلان سابقان.",
         ["سليم ناصر أبو حمدان", "فراس يوسف"]),
    ],
)
def test_arabic_cues_and_lists(text: str, expected: list[str]) -> None:
    assert _names(text, "ar") == expected


@pytest.mark.parametrize(
    "text",
    [
        # "in spite of" after a plural cue
        "وامتنعت السلطات عن إطلاق سراح المعتقلين على الرغم من الوعود.",
        # a verb of work after "the missing young man"
        "وقال أقاربه إن الشاب المفقود يعمل معهم منذ سنوات.",
    ],
)
def test_arabic_words_that_end_before_a_name(text: str) -> None:
    assert _names(text, "ar") == []


def test_arabic_later_short_mention_is_the_same_person() -> None:
    found = _article([
        "اعتقلت دورية الشاب نزار فادي عبيد من منزله.",
        "وتقول عائلته إن الشاب نزار عبيد نقل إلى فرع أمني.",
    ])
    assert found == ["نزار فادي عبيد"]


def test_arabic_office_holder_and_his_later_mentions_are_no_victims() -> None:
    found = _article([
        "وأكد محافظ المدينة العميد سمير فؤاد الدالي أن الموقوفين سيحالون إلى القضاء.",
        "ونقل البيان عن العميد الدالي تأكيده أن التحقيق مستمر.",
        "وكانت الدورية قد اعتقلت الشاب مازن رياض الخطيب قبل أسبوع.",
    ])
    assert found == ["مازن رياض الخطيب"]


def test_the_relative_of_a_person_is_the_one_the_event_befell() -> None:
    text = "The elder brother of Rami Walid Saad was tortured to death in custody."
    assert _names(text, "en") == []


def test_a_second_name_of_the_same_person_is_no_victim() -> None:
    text = ("Agents came for Issam Nabil Dahan, 60, also known as Abu Fares, and for his son "
            "Nabil Issam Dahan, who was away.")
    assert _names(text, "en") == ["Issam Nabil Dahan", "Nabil Issam Dahan"]


def test_french_apposition_then_participle() -> None:
    text = "Karim Selim Haddad, père de trois enfants, arrêté en 1988, est rentré chez lui."
    assert _names(text, "fr") == ["Karim Selim Haddad"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The kidnappers said they held his daughter Lama and wanted money.", ["Lama"]),
        ("Agents took the widow and her three sons Adam, Yazan and Karim Nour to a branch.",
         ["Adam", "Yazan", "Karim Nour"]),
        ("He knelt by his brother Fadi’s grave.", ["Fadi"]),
        # a capitalised word after the given name: a longer name the cues take whole
        ("Police held his son Tarek Ziad Homsi overnight.", ["Tarek Ziad Homsi"]),
        # who speaks is no victim
        ("His son Bassel told us the house was searched.", []),
    ],
)
def test_english_relatives_named_by_the_given_name(text: str, expected: list[str]) -> None:
    assert _names(text, "en") == expected


def test_a_full_name_replaces_the_earlier_given_name() -> None:
    sentences = [
        "Title",
        "For years the family searched for his brother Imran without success.",
        "A leaked file showed that the detainee Imran Saleh Odeh died in 2013.",
    ]
    assert find_victims(sentences, [fold(s) for s in sentences], "en") == ["Imran Saleh Odeh"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a name in quotes after where the person was held
        ('ونعى ناشطون المعتقل في سجن المزة "رامي نبيل الأحمد" الذي توفي قبل أيام.',
         ["رامي نبيل الأحمد"]),
        # names joined by "و" before a verb in the plural are its subjects
        ("وأفاد شاهد بأن خالد الموسى وعمر الحسين وسعيد العلي قضوا في القصف.",
         ["خالد الموسى", "عمر الحسين", "سعيد العلي"]),
    ],
)
def test_arabic_quoted_names_and_subjects(text: str, expected: list[str]) -> None:
    assert _names(text, "ar") == expected


@pytest.mark.parametrize(
    "text",
    [
        # a quoted phrase that is no name
        'واتهمت العائلة السلطات بإصدار "بيان كاذب لإخفاء الحقيقة" عن وفاة ابنها.',
        # one subject only: no list, no name
        "وقال الأهالي إن رجال الأمن داهموا المنازل.",
    ],
)
def test_arabic_quotes_and_clauses_without_names(text: str) -> None:
    assert _names(text, "ar") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a cue with a preposition written on it
        ("ونشرت العائلة صورة لابنها سامر عادل النجار المفقود منذ سنوات.", ["سامر عادل النجار"]),
        ("وطالبت المنظمة بالإفراج عن الطالب غسان رضا الحلبي.", ["غسان رضا الحلبي"]),
        ("وأبلغ ذوو المعتقل أن للشاب ماهر سليم القاسم أطفالاً.", ["ماهر سليم القاسم"]),
        # a verb of death and its subject
        ("توفي وائل منير الصباغ في سجن صيدنايا.", ["وائل منير الصباغ"]),
        # the mother speaks; her son, named after a second cue, is the victim
        ("وقالت والدة الشاب رامز فهد الحسن إنها لم تره منذ اعتقاله.", ["رامز فهد الحسن"]),
    ],
)
def test_arabic_written_forms_of_cues(text: str, expected: list[str]) -> None:
    assert _names(text, "ar") == expected


def test_arabic_office_written_with_hamza() -> None:
    text = "وقال رئيس الفرع العميد ناصر حمدي السالم إن التحقيق مستمر."
    assert _names(text, "ar") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rights groups called for the release of Yusuf Adel Karam.", ["Yusuf Adel Karam"]),
        ("Word of the death of Marwan Said Tello reached his wife.", ["Marwan Said Tello"]),
    ],
)
def test_english_event_then_name(text: str, expected: list[str]) -> None:
    assert _names(text, "en") == expected


@pytest.mark.parametrize(
    "text",
    [
        # reported speech after the name: the person quoted is no victim
        "ونقلت الوكالة عن الناشط الميداني أبو سامر الديري قوله إن القصف مستمر.",
        # who demands is no victim, and a noun with "بال" ends a name
        "وطالب المحامي جورج فارس بالإفراج عن الموقوفين.",
    ],
)
def test_arabic_speakers_are_no_victims(text: str) -> None:
    assert _names(text, "ar") == []


def test_arabic_name_ends_at_a_noun_with_a_preposition() -> None:
    text = "وأفادت مصادر أن الشاب فراس سعيد اللبابيدي بالقرب من منزله اعتقل."
    assert _names(text, "ar") == ["فراس سعيد اللبابيدي"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a cue at the end of a sentence still ends the name before it
        ("وشيعت القرية الشهيد نادر حمزة ابنها.", ["نادر حمزة"]),
        # a common verb after the name
        ("وذكرت المصادر أن الشاب زياد عمران عاد إلى بلدته بعد الإفراج عنه.", ["زياد عمران"]),
        ("وقالت المنظمة إن المعتقل السابق باسل خيري تحدث عن الجوع في السجن.", ["باسل خيري"]),
    ],
)
def test_arabic_name_ends_before_verbs_and_kin(text: str, expected: list[str]) -> None:
    assert _names(text, "ar") == expected


def test_arabic_given_name_and_his_brother_is_no_name() -> None:
    assert _names("اعتقلت دورية الشاب حسان وأخاه بعد مداهمة المنزل.", "ar") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the age after a comma
        ("وتوفي في المعتقل هشام رياض الزعبي، 44 عاماً، بعد نقله إلى المشفى.",
         ["هشام رياض الزعبي"]),
        # a descriptor of age or origin after the name
        ("وأكدت العائلة أن جهاد سمير الفرا، البالغ من العمر ثلاثين عاماً، ما زال مختفياً.",
         ["جهاد سمير الفرا"]),
        ("وتبين لاحقاً أن بسام عدنان الخلف المنحدر من مدينة الميادين قد توفي.",
         ["بسام عدنان الخلف"]),
        # a nickname before the descriptor is not the name
        ("وقضى الشاب عماد وليد الحمصي الملقب بأبي سليم، البالغ 30 عاماً، تحت التعذيب.",
         ["عماد وليد الحمصي"]),
    ],
)
def test_arabic_name_before_a_descriptor(text: str, expected: list[str]) -> None:
    assert _names(text, "ar") == expected


def test_arabic_strong_cue_after_a_weak_one_asks_two_words() -> None:
    assert _names("وتوفي الشاب أيمن قطيني في سجن عدرا.", "ar") == ["أيمن قطيني"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "العمر" is a family name too (al-Omar): it does not end a list
        ("وأفرج عن المعتقلين نزيه علي الحسن، وجميل خالد العمر، وعمار فادي النجار.",
         ["نزيه علي الحسن", "جميل خالد العمر", "عمار فادي النجار"]),
        # a plural cue before names joined by commas alone
        ("وأفرج عن المعتقلين نزيه علي الحسن، جميل خالد العمر، عمار فادي النجار.",
         ["نزيه علي الحسن", "جميل خالد العمر", "عمار فادي النجار"]),
        # "كل من" as well as "كلاً من"
        ("وقتل في القصف كل من نزيه علي الحسن وجميل خالد العمر.",
         ["نزيه علي الحسن", "جميل خالد العمر"]),
    ],
)
def test_arabic_lists(text: str, expected: list[str]) -> None:
    assert _names(text, "ar") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a plural noun of profession before a list of names
        ("Police held activists Samer Nabil Aswad and Ziad Omar Hilal for a week.",
         ["Samer Nabil Aswad", "Ziad Omar Hilal"]),
        # "had died" and "is missing" after a name
        ("Months later the family heard that Kamal Fuad Bitar had died.", ["Kamal Fuad Bitar"]),
        ("Since that night Lina Hamdi Rifai is missing.", ["Lina Hamdi Rifai"]),
    ],
)
def test_english_plural_cues_and_missing(text: str, expected: list[str]) -> None:
    assert _names(text, "en") == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # a member introduced with the acronym of an organisation
        ("Speakers included Dr. Hala Fawzi Marouf of the SCLS, who spoke on method.", "en"),
        # the widow or the mother of the victim
        ("La militante Dalia Samir Kurdi, veuve du blogueur disparu, témoigne.", "fr"),
        ("The activist Rasha Munir Ayoub, the mother of two detainees, spoke to us.", "en"),
    ],
)
def test_members_and_relatives_who_speak_are_no_victims(text: str, lang: str) -> None:
    assert _names(text, lang) == []
