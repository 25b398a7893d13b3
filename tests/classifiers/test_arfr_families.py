"""Arabic and French wording families of the four labels, each on sentences written for
these tests: the family labels where it stands, and its look-alikes do not."""

from __future__ import annotations

import pytest
from support.articles import body_labels, lead_labels

from classifiers import classify
from classifiers.layout import drop_clutter

AA = "arbitrary_arrest"


@pytest.mark.parametrize(
    "sentence",
    [
        "وكان الطبيب سامر محتجزا منذ شهرين بتهمة التواصل مع جهات خارجية.",
        "وأمضى المهندس خالد ستة أعوام في سجن صيدنايا بعد اتهامه بتمويل الإرهاب.",
        "وأطلقت وزارة الداخلية حملة تمشيط في أحياء مدينة حماة بحثا عن مطلوبين.",
    ],
)
def test_arabic_detention_told_by_its_charge_or_a_combing_campaign_is_an_arrest(
    sentence: str,
) -> None:
    assert AA in body_labels(sentence, "ar")


@pytest.mark.parametrize(
    "sentence",
    [
        "ووجهت المحكمة إلى الوزير السابق تهمة الفساد في جلسة علنية.",
        "ويخشى الشاب أن يعتقل بتهمة التهرب من الخدمة إذا عاد إلى حلب.",
        "ويقول ذوو المعتقلين إن المئات ما زالوا محتجزين في سجون الرقة بتهم مختلفة.",
        "ويقول ناشطون إن المفرج عنهم كانوا موقوفين بتهم جنائية منذ أسابيع.",
    ],
)
def test_a_charge_without_a_detention_or_a_feared_one_is_no_arrest(sentence: str) -> None:
    assert AA not in body_labels(sentence, "ar")


ED = "enforced_disappearance"


@pytest.mark.parametrize(
    "sentence",
    [
        "واحتجز المسلحون الرعاة أسبوعا في مكان لم يكشف عنه قبل أن يطلقوا سراحهم في حمص.",
        "وبقيت الأسرة تبحث عنه سنوات في السجون والفروع الأمنية دون أن تصل إلى شيء.",
        "ولم تكن والدته تعلم إن كان ابنها محتجزا في صيدنايا أم في فرع آخر.",
    ],
)
def test_arabic_undisclosed_place_search_and_unknown_prison_are_a_disappearance(
    sentence: str,
) -> None:
    assert ED in body_labels(sentence, "ar")


@pytest.mark.parametrize(
    "sentence",
    [
        "وحثت المنظمة الحكومات على إنهاء الاختفاء القسري بوصفه جريمة لا تسقط بالتقادم.",
        "وتعج سجون المنطقة بالمعتقلين والمغيبين قسريا كما تقول منظمات محلية.",
        "وتبحث الشرطة عنه منذ أشهر لأنه مطلوب في قضية سرقة.",
    ],
)
def test_arabic_calls_to_end_the_practice_and_whole_classes_are_no_disappearance(
    sentence: str,
) -> None:
    assert ED not in body_labels(sentence, "ar")


TD = "torture_death"


@pytest.mark.parametrize(
    "sentence",
    [
        "فقد الشاب أحمد حياته تحت وطأة التعذيب في سجن عدرا بعد شهرين من اعتقاله.",
        "وفقد الشقيقان حياتهما تحت التعذيب في أحد الفروع الأمنية بحمص.",
    ],
)
def test_arabic_lost_his_life_under_torture_with_the_subject_between(sentence: str) -> None:
    assert TD in body_labels(sentence, "ar")


def test_arabic_a_life_lived_under_torture_is_no_death() -> None:
    # "فقد" (lost), "حياته" (his life) and "تحت التعذيب" all stand here, as in a death, but what
    # was lost is hope: the group fires on the same words without its `not` list
    sentence = (
        "وروى الناجي أنه فقد الأمل، وأن حياته في الزنزانة كانت تحت التعذيب اليومي طوال عامين."
    )
    assert TD not in lead_labels(sentence, "ar")
    assert TD in lead_labels("وروى شقيقه أنه فقد حياته في الزنزانة تحت التعذيب.", "ar")


RE = "release"


@pytest.mark.parametrize(
    "sentence",
    [
        "Forces de sécurité : 40 personnes libérées au cours du mois.",
        "Les libérations enregistrées dans les centres de détention de Homs ont concerné 25 "
        "hommes.",
    ],
)
def test_french_releases_counted_in_a_tally_line(sentence: str) -> None:
    assert RE in body_labels(sentence, "fr")


def test_french_liberation_of_a_place_is_no_release() -> None:
    sentence = "Depuis la libération de la ville, les personnes déplacées rentrent chez elles."
    assert RE not in body_labels(sentence, "fr")


@pytest.mark.parametrize(
    "sentence",
    [
        "Dans les villages de la côte, des jeunes femmes disparaissent chaque semaine.",
        "Son fils disparaît à un barrage près de Hama, et la famille attend toujours.",
    ],
)
def test_french_people_who_disappear_told_by_the_verb(sentence: str) -> None:
    assert ED in body_labels(sentence, "fr")


def test_french_vanishing_evidence_is_no_disappearance() -> None:
    # the verb and one of the people it strikes ("détenus") stand here: only the group's `not`
    # list (preuves, archives) keeps it from firing, as the same words without them show
    sentence = (
        "Les preuves des tortures infligées aux détenus disparaissent peu à peu des archives."
    )
    assert ED not in lead_labels(sentence, "fr")
    assert ED in lead_labels("Les détenus disparaissent peu à peu des prisons de la ville.", "fr")


def test_a_photo_caption_with_a_credit_is_clutter_and_leaves_the_lead_to_the_article() -> None:
    caption = "Une cellule de la prison de Sednaya © Agence Exemple / Karim Nasser"
    sentence = (
        "Plus de 300 personnes ont perdu la vie en détention dans les prisons du régime "
        "depuis 2012, selon le décompte de l'association."
    )
    text = f"{caption}\n{caption}\n{sentence}\nL'association appelle à ouvrir les prisons."
    assert drop_clutter("Les prisons de la mort", text).split("\n")[0] == sentence
    assert TD in set(classify("Les prisons de la mort", text, "fr").labels)


def test_a_sentence_with_a_copyright_mark_is_kept() -> None:
    text = "Le rapport, publié sous licence © 2024 par l'association, recense 40 cas."
    assert drop_clutter("Rapport annuel", text) == text


@pytest.mark.parametrize(
    "sentence",
    [
        "Le détenu Samir a trouvé la mort sous la torture dans une branche de Damas.",
        "Trois prisonniers ont péri en détention à la prison centrale de Homs en mai.",
    ],
)
def test_french_deaths_told_by_perir_or_trouver_la_mort(sentence: str) -> None:
    assert TD in body_labels(sentence, "fr")


def test_french_death_from_the_after_effects_of_torture() -> None:
    sentence = "Le jeune homme est mort des suites de tortures subies lors de son interrogatoire."
    assert TD in body_labels(sentence, "fr")


def test_french_a_confession_under_torture_beside_a_death_sentence_is_no_death() -> None:
    sentence = "Il a été condamné à mort sur la foi d'aveux obtenus sous la torture."
    assert TD not in body_labels(sentence, "fr")


def test_an_arabic_month_long_tally_in_the_body_is_a_closing_statistic() -> None:
    tally = (
        "ووثقت الرابطة خلال تشرين الأول الماضي احتجاز 30 شخصا في حمص، "
        "أفرج عن 12 منهم وأخفي 8 قسريا."
    )
    assert body_labels(tally, "ar") == set()
    event = "وأفرجت قوات الأمن عن 12 شابا في حمص بعد احتجازهم أسبوعين."
    assert RE in body_labels(event, "ar")


@pytest.mark.parametrize(
    "sentence",
    [
        "وكان الشاب قد اعتقل عام 2013 في مدينة حمص.",
        "وقد تم اعتقاله في أيلول 2019 من مكان عمله.",
        "واحتجز المدرس مساء الخميس عند مدخل البلدة.",
    ],
)
def test_an_arabic_arrest_told_by_its_date_or_the_kind_of_place(sentence: str) -> None:
    assert AA in body_labels(sentence, "ar")


@pytest.mark.parametrize(
    "sentence",
    [
        "وسلمت جثته لذويه بعد عام على اعتقاله.",
        "وقال المسؤول إن الحكومة لا تمارس الخطف ولا تقبل به.",
        "وتتهم العائلة جماعة محلية بخطفه أو قتله الشهر الماضي.",
    ],
)
def test_arabic_time_in_detention_a_practice_or_a_guess_is_no_arrest(sentence: str) -> None:
    assert AA not in body_labels(sentence, "ar")


@pytest.mark.parametrize(
    "sentence",
    [
        "Le détenu a été retrouvé mort dans sa cellule, selon son frère.",
        "L'ingénieur est décédé dans une prison militaire deux ans après son arrestation.",
        "Le journaliste enlevé par les djihadistes est mort en captivité.",
    ],
)
def test_french_death_in_a_place_of_detention_named_by_its_kind(sentence: str) -> None:
    assert TD in body_labels(sentence, "fr")


@pytest.mark.parametrize(
    "sentence",
    [
        "Les insurgés ont ouvert les portes de la prison et des centaines de détenus en sont "
        "sortis.",
        "Le décret a permis la sortie de centaines de prisonniers de la prison centrale.",
    ],
)
def test_french_detainees_walking_out_of_an_opened_prison_is_a_release(sentence: str) -> None:
    assert RE in body_labels(sentence, "fr")


def test_french_an_arrest_at_the_prison_gate_is_no_release() -> None:
    sentence = "Le frère d'un détenu a été arrêté à la sortie de la prison par une patrouille."
    assert RE not in body_labels(sentence, "fr")


def test_french_murders_charged_are_torture_deaths_only_when_the_victims_were_held() -> None:
    held = "L'ancien directeur de la branche 251 est accusé du meurtre de 27 détenus."
    assert TD in body_labels(held, "fr")
    free = "L'ONG accuse le régime de torture, de viols et de meurtres de civils."
    assert TD not in body_labels(free, "fr")


def test_french_dying_of_wounds_is_a_torture_death_only_in_custody() -> None:
    held = "Battu pendant son interrogatoire, le détenu a succombé à ses blessures."
    assert TD in body_labels(held, "fr")
    shot = "Le manifestant blessé par balle a succombé à ses blessures à l'hôpital."
    assert TD not in body_labels(shot, "fr")


@pytest.mark.parametrize(
    ("lang", "title", "text"),
    [
        (
            "fr",
            "Torturé et menacé de mort, un militant témoigne",
            "Le militant Samir raconte ses trois mois à Damas.",
        ),
        (
            "ar",
            "شاب يروي كيف نجا من الموت تحت التعذيب في سجن صيدنايا",
            "وروى الشاب تفاصيل سنوات اعتقاله.",
        ),
    ],
)
def test_a_death_threatened_or_escaped_is_no_death(lang: str, title: str, text: str) -> None:
    assert TD not in set(classify(title, text, lang).labels)


@pytest.mark.parametrize(
    ("sentence", "label"),
    [
        ("وأطلقت الهيئة سراح الناشطين الثلاثة في إدلب.", RE),
        ("وأخلت المحكمة سبيل الموقوفين الأربعة في حماة.", RE),
        ("وخرج المعتقلون الخمسة من سجن عدرا يوم السبت.", RE),
        ("وقضى المعتقلان تحت التعذيب في فرع فلسطين.", TD),
        ("وتسلمت العائلة جثمان ابنها الذي قضى في سجن صيدنايا.", TD),
        ("واختفى الشاب بعد مروره على حاجز للأمن العسكري.", ED),
        ("وغيبته المخابرات الجوية في سجونها منذ 2013.", ED),
    ],
)
def test_arabic_verb_subject_object_order_splits_no_event(sentence: str, label: str) -> None:
    assert label in body_labels(sentence, "ar")


@pytest.mark.parametrize(
    ("sentence", "label"),
    [
        ("وسمعنا الطلقات النارية تطلق على سبيل الاحتفال في الساحة.", RE),
        ("ويقول الناجون إن كثيرا من السجناء قضوا تحت التعذيب.", TD),
        ("وغيبه الموت بعد صراع طويل مع المرض.", ED),
        ("واختفت آثار الحريق من واجهة المبنى بعد الترميم.", ED),
    ],
)
def test_arabic_look_alikes_of_split_verbs(sentence: str, label: str) -> None:
    assert label not in body_labels(sentence, "ar")


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("ar", "ومن المتوقع أن يفرج عن 50 معتقلا من سجن حمص الأسبوع المقبل."),
        ("ar", "وأعلنت الوزارة أنه سيتم الإفراج عن 50 معتقلا من سجن حمص."),
        ("ar", "ومن المقرر أن تطلق السلطات سراح 50 معتقلا من سجن حمص."),
        (
            "fr",
            "Selon le ministère, 50 détenus seront libérés de la prison de Homs la semaine "
            "prochaine.",
        ),
        ("fr", "Les autorités s'apprêtent à libérer 50 détenus de la prison de Homs."),
    ],
)
def test_a_release_forecast_or_planned_is_no_release(lang: str, sentence: str) -> None:
    assert RE not in body_labels(sentence, lang)


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("ar", "وأفرجت السلطات عن 50 معتقلا من سجن حمص كما كان متوقعا."),
        ("fr", "Selon le ministère, 50 détenus ont été libérés de la prison de Homs."),
    ],
)
def test_a_release_that_happened_as_expected_is_a_release(lang: str, sentence: str) -> None:
    assert RE in body_labels(sentence, lang)


@pytest.mark.parametrize(
    ("sentence", "label"),
    [
        ("وقالت الوزارة إنها ستطلق سراح 50 معتقلا من سجن حمص.", RE),
        ("ويقول المسؤول إن الدوريات ستعتقل كل من يخالف حظر التجول في حماة.", AA),
    ],
)
def test_the_arabic_future_prefix_tells_no_event_yet(sentence: str, label: str) -> None:
    assert label not in body_labels(sentence, "ar")


@pytest.mark.parametrize(
    ("sentence", "label"),
    [
        ("Selon le quotidien Libération, plusieurs journalistes ont quitté Damas.", RE),
        (
            "Le groupe Hayat Tahrir al-Sham (Organisation pour la libération de Sham) a pris Alep.",
            RE,
        ),
    ],
)
def test_french_names_holding_liberation_are_no_release(sentence: str, label: str) -> None:
    assert label not in body_labels(sentence, "fr")


def test_french_taken_away_by_armed_men_is_an_arrest() -> None:
    sentence = "Son frère avait été emmené par des hommes armés devant leur maison en mars."
    assert AA in body_labels(sentence, "fr")


@pytest.mark.parametrize(
    ("lang", "label", "sentence"),
    [
        # each look-alike above has its words here in an event that happened
        ("ar", AA, "واعتقلت دورية أمنية الشاب خالد بتهمة التهرب من الخدمة على حاجز في حلب."),
        (
            "ar",
            ED,
            "وقالت عائلته إن قوات الأمن اعتقلته عام 2014 ولا يزال مختفيا قسريا، وطالبت بإنهاء "
            "الاختفاء القسري.",
        ),
        ("ar", AA, "وسلمت جثته لذويه بعد عام على اعتقاله من منزله في حمص على يد المخابرات الجوية."),
        (
            "fr",
            RE,
            "Après la libération de la ville, les combattants ont libéré 40 détenus de la prison "
            "centrale.",
        ),
        ("fr", TD, "Condamné à mort en 2013, le détenu Samir est mort sous la torture en 2015."),
        ("fr", RE, "À la sortie de la prison, 30 détenus libérés ont retrouvé leurs familles."),
        (
            "fr",
            TD,
            "Menacé de mort pendant sa détention, le militant Samir est mort sous la torture en "
            "2014.",
        ),
        (
            "fr",
            RE,
            "Selon le quotidien Libération, 30 détenus ont été libérés de la prison d'Adra "
            "dimanche.",
        ),
    ],
)
def test_the_look_alike_words_beside_a_real_event_still_label(
    lang: str, label: str, sentence: str
) -> None:
    assert label in lead_labels(sentence, lang)
