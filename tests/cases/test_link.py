"""Which mentions are one person: evidence, conflicts and reviewers' decisions."""

from __future__ import annotations

from classifiers.names import name_keys
from crawler.cases.context import Event, MentionContext, mentions_of
from crawler.cases.link import LINK_AT, cluster, score


def mention(name: str, **context) -> MentionContext:
    return MentionContext(name=name, keys=name_keys(name), **context)


def test_same_name_from_different_towns_is_two_people() -> None:
    douma = mention("Mohammad Hasan", governorate="Rif Dimashq", town=frozenset({"dmA"}))
    harasta = mention("محمد حسن", governorate="Rif Dimashq", town=frozenset({"hrstA"}))
    assert score(douma, harasta) is None


def test_same_name_and_town_across_scripts_is_one_person() -> None:
    english = mention("Tal al-Mallohi", governorate="Homs", town=frozenset({"tlbsA"}))
    arabic = mention("طل الملوحي", governorate="Homs", town=frozenset({"tlbsA"}))
    found = score(english, arabic)
    assert found is not None
    assert found.score >= LINK_AT
    assert "town" in found.reasons


def test_namesakes_with_nothing_else_known_stay_apart() -> None:
    found = score(mention("Ahmad Darwish"), mention("أحمد درويش"))
    assert found is not None
    assert found.score < LINK_AT


def test_different_governorates_or_ages_rule_a_pair_out() -> None:
    assert score(mention("Ali Hasan Zoubi", governorate="Daraa"),
                 mention("Ali Hasan Zoubi", governorate="Homs")) is None
    assert score(mention("Ali Hasan Zoubi", age=24, year=2020),
                 mention("Ali Hasan Zoubi", age=50, year=2020)) is None
    # An age given in a later year is the same person a few years older.
    older = score(mention("Ali Hasan Zoubi", age=24, year=2020, governorate="Daraa"),
                  mention("Ali Hasan Zoubi", age=28, year=2024, governorate="Daraa"))
    assert older is not None
    assert older.score >= LINK_AT


def test_arrest_dates_years_apart_rule_a_pair_out() -> None:
    assert score(mention("Samer Adib Kanaan", arrest_date="2013-06-04"),
                 mention("Samer Adib Kanaan", arrest_date="2019-02-01")) is None
    same = score(mention("Samer Adib Kanaan", arrest_date="2016-10-17"),
                 mention("سامر أديب كنعان", arrest_date="2016-10-17"))
    assert same is not None
    assert same.score >= LINK_AT


def test_a_different_middle_name_is_not_the_same_name() -> None:
    assert score(mention("Mohammad Ali Hasan", governorate="Hama", town=frozenset({"x"})),
                 mention("Mohammad Ahmad Hasan", governorate="Hama",
                         town=frozenset({"x"}))) is None


def _people(groups: list[set[int]]) -> set[frozenset[int]]:
    return {frozenset(g) for g in groups}


def test_cluster_links_by_score_and_never_within_one_article() -> None:
    home = {"governorate": "Homs", "town": frozenset({"tlbsA"})}
    mentions = {
        1: (10, mention("Tal al-Mallohi", **home)),
        2: (11, mention("طل الملوحي", **home)),
        3: (12, mention("Tal Dosar al-Mallohi", **home)),
        4: (12, mention("Tal al-Malluhi", **home)),  # same article as 3: someone else
    }
    groups, links = cluster(mentions)
    together = next(g for g in groups if 1 in g)
    assert {1, 2} <= together
    assert not {3, 4} <= together
    assert all(link.score >= LINK_AT for link in links)


def test_reviewers_decisions_hold_transitively() -> None:
    home = {"governorate": "Homs", "town": frozenset({"tlbsA"})}
    mentions = {
        1: (10, mention("Tal al-Mallohi", **home)),
        2: (11, mention("طل الملوحي", **home)),
        3: (12, mention("Tal el-Mallouhi", **home)),
        4: (13, mention("Rami Kassem")),
    }
    groups, _ = cluster(mentions)
    assert frozenset({1, 2, 3}) in _people(groups)
    # 3 split from 1: it may not rejoin through 2 either.
    groups, _ = cluster(mentions, different=[(1, 3)])
    assert not any({1, 3} <= g for g in groups)
    # A merge joins what scores never would, and whatever is joined to either side.
    groups, _ = cluster(mentions, same=[(4, 2)])
    assert frozenset({1, 2, 3, 4}) in _people(groups)
    groups, _ = cluster(mentions, same=[(4, 2)], different=[(4, 1)])
    together = next(g for g in groups if 4 in g)
    assert 1 not in together


def test_mentions_of_an_article_carry_town_age_and_events() -> None:
    article = {
        "id": 1, "title": "Pharmacist arrested",
        "text": "Security forces arrested the pharmacist Tal al-Mallohi, aged 31, from "
                "Talbiseh city in Homs governorate, on March 3, 2024. He was taken to "
                "Saydnaya prison.",
        "labels": ["arbitrary_arrest"], "published": "2024-03-05T10:00:00+03:00",
        "facts": {"victims": ["Tal al-Mallohi", "Tal"], "governorate": "Homs",
                  "arrest_date": "2024-03-03"},
    }
    [found] = mentions_of(article)  # a one-word name is no person's key
    assert found.age == 31
    assert found.year == 2024
    assert found.town
    assert found.governorate == "Homs"
    assert "saydnaya" in found.detention
    assert found.events == (Event("arrested", "2024-03-03", "2024-03-05"),)


def test_a_town_written_in_both_scripts_meets() -> None:
    latin = mentions_of({"id": 1, "title": "", "labels": [], "published": "2024-01-01",
                         "text": "The doctor Tal al-Mallohi, from Talkalakh city, was held.",
                         "facts": {"victims": ["Tal al-Mallohi"]}})[0]
    arabic = mentions_of({"id": 2, "title": "", "labels": [], "published": "2024-01-01",
                          "text": "اعتقل الطبيب طل الملوحي من أبناء مدينة تلكلخ.",
                          "facts": {"victims": ["طل الملوحي"]}})[0]
    assert latin.town & arabic.town


def test_an_occupation_counts_beside_identity_evidence_not_the_death() -> None:
    def pair(where_en: str, where_fr: str) -> tuple[MentionContext, MentionContext]:
        english = mentions_of({
            "id": 1, "title": "", "published": "2012-03-01", "labels": ["torture_death"],
            "text": f"The engineer Yaman Fadel Sheikh died in custody{where_en}.",
            "facts": {"victims": ["Yaman Fadel Sheikh"]}})[0]
        french = mentions_of({
            "id": 2, "title": "", "published": None, "labels": ["torture_death"],
            "text": f"L'ingénieur Yaman Sheikh est mort en détention{where_fr}. Il était père "
                    "de trois enfants, selon un militant.",
            "facts": {"victims": ["Yaman Sheikh"]}})[0]
        return english, french

    english, french = pair("", "")
    assert english.occupation == french.occupation == frozenset({"engineer"})
    # Both telling a death says what befell them, not who they are.
    found = score(english, french)
    assert found is not None
    assert "occupation" not in found.reasons
    assert found.score < LINK_AT
    english, french = pair(" in Saydnaya prison", " à la prison de Saydnaya")
    found = score(english, french)
    assert found is not None
    assert "place of detention" in found.reasons
    assert "occupation" in found.reasons
    assert found.score >= LINK_AT


def test_an_occupation_does_not_outweigh_a_conflict() -> None:
    a = mention("Yaman Sheikh", occupation=frozenset({"activist"}), governorate="Idlib")
    b = mention("Yaman Sheikh", occupation=frozenset({"activist"}), governorate="Daraa")
    assert score(a, b) is None
    alone = score(mention("Yaman Sheikh", occupation=frozenset({"activist"})),
                  mention("يمان شيخ", occupation=frozenset({"activist"})))
    assert alone is not None
    assert alone.score < LINK_AT


def test_an_occupation_is_read_beside_the_name_only() -> None:
    article = {
        "id": 3, "title": "", "published": "2015-01-01", "labels": [],
        "text": "The lawyer Rana Haddad said that Kinan Saqer was taken; Lina Darwish, a "
                "nurse, was released.",
        "facts": {"victims": ["Kinan Saqer", "Lina Darwish", "Rana Haddad"]}}
    found = {m.name: m.occupation for m in mentions_of(article)}
    assert found == {"Kinan Saqer": frozenset(), "Lina Darwish": frozenset({"nurse"}),
                     "Rana Haddad": frozenset({"lawyer"})}


def test_a_common_occupation_and_a_governorate_do_not_join_namesakes() -> None:
    # Two events with different perpetrators, told of a student of one name (invented).
    first = mentions_of({
        "id": 4, "title": "Activist arrested in Idlib", "published": "2019-05-04",
        "labels": ["arbitrary_arrest"],
        "text": "Hayat Tahrir al-Sham arrested the student Mohammad Hasan in Idlib city on "
                "3 May 2019.",
        "facts": {"victims": ["Mohammad Hasan"], "governorate": "Idlib"}})[0]
    second = mentions_of({
        "id": 5, "title": "Student dies in custody in Idlib", "published": "2014-06-01",
        "labels": ["torture_death"],
        "text": "The student Mohammad Hasan was killed under torture in a prison run by the "
                "Syrian National Army in Idlib, his family said.",
        "facts": {"victims": ["Mohammad Hasan"], "governorate": "Idlib"}})[0]
    assert first.occupation == second.occupation == frozenset({"student"})
    found = score(first, second)
    assert found is not None
    assert "occupation" not in found.reasons
    assert found.score < LINK_AT


def test_an_occupation_counts_beside_a_town() -> None:
    a = mention("Yaman Sheikh", occupation=frozenset({"student"}), governorate="Idlib",
                town=frozenset({"saraqib"}))
    b = mention("Yaman Sheikh", occupation=frozenset({"student"}), governorate="Idlib",
                town=frozenset({"saraqib"}))
    found = score(a, b)
    assert found is not None
    assert found.reasons == ("governorate", "town", "occupation")


def _told(ident: int, text: str, published: str, labels: list[str]) -> MentionContext:
    from classifiers import classify

    facts = dict(classify("News", text, "en").facts)
    facts["victims"] = ["Mohammad Hasan"]
    return mentions_of({"id": ident, "title": "News", "text": text, "published": published,
                        "labels": labels, "facts": facts})[0]


def test_namesake_activists_of_two_deaths_years_and_forces_apart_do_not_link() -> None:
    # Both report a death, with the same calling, in one governorate: but one was held by
    # HTS in 2019, the other died in an SNA prison in 2014 (sentences invented).
    first = _told(6, "HTS arrested the activist Mohammad Hasan in Idlib in 2019; he later "
                     "died in custody.", "2019-05-04", ["arbitrary_arrest", "torture_death"])
    second = _told(7, "The activist Mohammad Hasan died under torture in a Syrian National "
                      "Army prison in Idlib in 2014.", "2014-06-01", ["torture_death"])
    assert first.occupation == second.occupation == frozenset({"activist"})
    found = score(first, second)
    assert found is not None
    assert "occupation" not in found.reasons
    assert "-different perpetrators" in found.reasons
    assert "-years disagree" in found.reasons
    assert found.score < LINK_AT


def test_soft_conflicts_lower_a_score_without_ruling_a_pair_out() -> None:
    base = {"town": frozenset({"saraqib"}), "governorate": "Idlib"}
    same = score(mention("Yaman Sheikh", perpetrator="regime", death_date="2014-02-01", **base),
                 mention("Yaman Sheikh", perpetrator="regime", death_date="2014-05-01", **base))
    apart = score(mention("Yaman Sheikh", perpetrator="regime", death_date="2014-02-01", **base),
                  mention("Yaman Sheikh", perpetrator="hts", death_date="2016-05-01", **base))
    early = score(mention("Yaman Sheikh", death_date="2013-02-01", **base),
                  mention("Yaman Sheikh", arrest_date="2015-05-01", **base))
    assert same is not None
    assert apart is not None
    assert early is not None
    assert same.score == 3.5
    assert same.reasons == ("governorate", "town", "perpetrator")
    assert apart.score == 1.0
    assert apart.reasons[-2:] == ("-different perpetrators", "-years disagree")
    assert early.score == 2.0
    assert early.reasons[-1] == "-years disagree"
