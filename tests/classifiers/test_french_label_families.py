"""French wording families of the four labels (tuning round 2), each on sentences written for
these tests: the family labels where it stands, and its look-alikes do not."""

from __future__ import annotations

import pytest
from support.articles import FILLER, body_labels, lead_labels

from classifiers import classify

TD = "torture_death"
ED = "enforced_disappearance"
AA = "arbitrary_arrest"
RE = "release"


@pytest.mark.parametrize(
    "sentence",
    [
        "Samir, 34 ans, libéré en juin 2019, vit aujourd'hui à Gaziantep avec sa famille.",
        "L'ingénieur, relâché le 12 mars après deux semaines, a refusé de parler à la presse.",
        "Selon son frère, il aurait été libéré mardi matin sans aucune explication.",
    ],
)
def test_a_release_told_with_its_date_is_a_release(sentence: str) -> None:
    assert RE in body_labels(sentence, "fr")


@pytest.mark.parametrize(
    "sentence",
    [
        "Raqqa, libérée en octobre 2017, reste une ville divisée entre plusieurs forces.",
        "Le quartier, libéré en 2016 par l'armée, a été reconstruit en partie.",
    ],
)
def test_a_town_taken_back_at_a_date_is_no_release(sentence: str) -> None:
    assert RE not in body_labels(sentence, "fr")


@pytest.mark.parametrize(
    "sentence",
    [
        "On a fait savoir à la famille que son fils ne serait relâché que s'il cessait de militer.",
        "Le ministre a assuré que les détenus seraient libérés à l'issue de l'enquête.",
        "Les ravisseurs ont proposé de libérer le médecin en échange de dix combattants.",
    ],
)
def test_a_release_offered_on_a_condition_or_in_the_conditional_is_no_release(
    sentence: str,
) -> None:
    assert RE not in lead_labels(sentence, "fr")


@pytest.mark.parametrize(
    "sentence",
    [
        "Bien que 412 libérations aient été recensées par les FDS en avril, la répression dure.",
        "Le journaliste a été rendu à la liberté après huit mois de captivité.",
    ],
)
def test_a_tally_of_releases_and_a_return_to_freedom_are_releases(sentence: str) -> None:
    assert RE in body_labels(sentence, "fr")


@pytest.mark.parametrize(
    "sentence",
    [
        "Sa mère ignore toujours ce qu'il est devenu depuis son arrestation à Homs.",
        "Nous ne savons même pas s'il est encore en vie, dit sa sœur.",
        "Personne ne sait ce qu'ils sont devenus depuis qu'une patrouille les a emmenés.",
    ],
)
def test_not_knowing_what_became_of_someone_is_a_disappearance(sentence: str) -> None:
    assert ED in body_labels(sentence, "fr")


@pytest.mark.parametrize(
    "sentence",
    [
        "Le film raconte ce qu'il est devenu après son premier succès au cinéma.",
        "Le rapport dénonce les arrestations arbitraires et des disparitions forcées persistantes.",
        "L'ONG publie un bilan mensuel des arrestations arbitraires et de disparitions forcées.",
    ],
)
def test_a_career_or_the_pair_of_violations_named_as_kinds_is_no_disappearance(
    sentence: str,
) -> None:
    assert ED not in lead_labels(sentence, "fr")


def test_a_single_persons_disappearance_beside_his_arrest_still_counts() -> None:
    sentence = "Depuis son arrestation à Alep, sa famille est sans nouvelles de lui."
    assert ED in body_labels(sentence, "fr")


@pytest.mark.parametrize(
    "title",
    [
        "Pendaisons de masse dans la prison de Saydnaya, selon d'anciens gardiens",
        "Des exécutions collectives de prisonniers dénoncées dans une prison du nord",
    ],
)
def test_mass_executions_in_a_prison_are_deaths_in_custody(title: str) -> None:
    assert TD in set(classify(title, FILLER["fr"], "fr").labels)


def test_mass_executions_outside_custody_are_no_death_in_custody() -> None:
    title = "Exécutions de masse dans un village après la prise de la ville"
    assert TD not in set(classify(title, FILLER["fr"], "fr").labels)


def test_a_death_from_ill_treatment_is_a_torture_death() -> None:
    sentence = "Ahmad Saleh, 40 ans, est mort des suites de mauvais traitements, selon sa famille."
    assert TD in body_labels(sentence, "fr")


@pytest.mark.parametrize(
    "sentence",
    [
        "Les fosses contiendraient les restes de détenus ou de soldats morts au combat.",
        "On y a trouvé les ossements de prisonniers ou de combattants tués dans les combats.",
    ],
)
def test_remains_of_detainees_or_of_fighters_killed_in_battle_are_no_custody_death(
    sentence: str,
) -> None:
    assert TD not in lead_labels(sentence, "fr")


def test_a_tally_over_the_period_already_named_is_passing() -> None:
    told = "L'organisation a compté 150 personnes mortes en détention à Idlib en mai."
    passing = "L'organisation a compté 150 personnes mortes en détention au cours de cette période."
    assert TD in body_labels(told, "fr")
    assert TD not in body_labels(passing, "fr")


def test_a_definition_of_enforced_disappearance_is_no_event() -> None:
    sentence = (
        "La disparition forcée s'entend de l'arrestation ou de l'enlèvement d'une personne par "
        "des agents de l'État, suivi du refus de reconnaître sa détention."
    )
    assert not lead_labels(sentence, "fr")


def test_thousands_held_as_background_is_no_arrest_but_a_told_arrest_is() -> None:
    background = (
        "Des milliers d'opposants y ont été emprisonnés par le régime depuis les années 1980."
    )
    told = "Des agents de la sécurité ont arrêté le militant Omar Khalil le 4 mars à Deraa."
    assert AA not in body_labels(background, "fr")
    assert AA in body_labels(told, "fr")


@pytest.mark.parametrize(
    "sentence",
    [
        "En décembre, les insurgés ont libéré la prison centrale de Hama.",
        "Après onze ans, le poète a quitté la prison d'Adra sous les applaudissements.",
    ],
)
def test_a_prison_freed_or_left_is_a_release(sentence: str) -> None:
    assert RE in body_labels(sentence, "fr")


def test_a_prison_freed_only_if_is_no_release() -> None:
    sentence = "Les insurgés pourraient libérer la prison centrale de Hama si le front cède."
    assert RE not in lead_labels(sentence, "fr")


@pytest.mark.parametrize(
    "sentence",
    [
        "Le commerçant Bassel Nour est mort entre les mains des services de renseignement.",
        "Le jeune homme est décédé entre les mains de la police militaire, affirme son oncle.",
    ],
)
def test_a_death_in_the_hands_of_ones_captors_is_a_custody_death(sentence: str) -> None:
    assert TD in body_labels(sentence, "fr")


@pytest.mark.parametrize(
    "sentence",
    [
        "Emmené par des hommes armés en 2014, l'instituteur n'a jamais réapparu.",
        "Depuis son transfert vers Damas, il n'a plus donné signe de vie.",
    ],
)
def test_never_seen_again_and_no_sign_of_life_are_a_disappearance(sentence: str) -> None:
    assert ED in body_labels(sentence, "fr")


def test_a_sign_of_life_given_is_no_disappearance() -> None:
    sentence = "Le journaliste a donné signe de vie hier soir depuis Beyrouth."
    assert ED not in lead_labels(sentence, "fr")


@pytest.mark.parametrize(
    "sentence",
    [
        "Quiconque critique le gouverneur est arrêté par la sécurité politique à Homs.",
        "Le militant Omar Khalil risque d'être arrêté par la sécurité politique à Homs.",
        "Craignant d'être arrêté à un barrage de l'armée, il est resté chez lui.",
    ],
)
def test_a_general_rule_a_risk_or_a_fear_of_arrest_is_no_arrest(sentence: str) -> None:
    assert AA not in lead_labels(sentence, "fr")


def test_a_scope_widened_at_a_date_is_no_release() -> None:
    sentence = "Le champ de l'enquête a été élargi en 2022 à d'autres services de sécurité."
    assert RE not in body_labels(sentence, "fr")


def test_a_detainee_set_free_in_legal_words_is_a_release() -> None:
    sentence = "Le détenu a été élargi mardi par le juge d'instruction de Damas."
    assert RE in body_labels(sentence, "fr")


@pytest.mark.parametrize(
    "sentence",
    [
        "Le militant Hassan Omar a été torturé jusqu'à la mort par ses geôliers.",
        "Sa famille a reçu un avis de décès de la prison de Saydnaya.",
    ],
)
def test_tortured_until_death_and_a_death_notice_are_torture_deaths(sentence: str) -> None:
    assert TD in body_labels(sentence, "fr")


def test_issuing_death_notices_as_a_practice_is_no_death_told() -> None:
    sentence = (
        "Le régime d'Assad continue de délivrer des avis de décès pour les détenus de Saydnaya."
    )
    assert TD not in body_labels(sentence, "fr")


def test_one_detainee_dying_in_prison_is_a_custody_death_but_detainees_in_general_are_not() -> None:
    one = "Le détenu a succombé à une crise cardiaque en prison faute de soins."
    general = "Les détenus meurent de faim dans les prisons syriennes, dénonce l'ONG."
    assert TD in lead_labels(one, "fr")
    assert TD not in lead_labels(general, "fr")


def test_a_man_beaten_to_death_in_prison_died_in_custody() -> None:
    assert TD in lead_labels("Le militant a été battu à mort dans la prison de Homs.", "fr")


@pytest.mark.parametrize(
    "sentence",
    [
        "Il a été placé en garde à vue mardi par la sécurité politique à Lattaquié.",
        "Le militant Fadi Haddad a été écroué à la prison d'Adra après son procès.",
    ],
)
def test_police_custody_and_jailing_are_arrests(sentence: str) -> None:
    assert AA in body_labels(sentence, "fr")


@pytest.mark.parametrize(
    "sentence",
    [
        "Le gardien de but a été placé en garde à vue jeudi après une rixe sur le parking.",
        "L'auteur du cambriolage de la pharmacie a été écroué vendredi à Lille.",
        "Le chauffard a été écroué le 14 juin pour homicide involontaire.",
    ],
)
def test_jailing_for_an_ordinary_crime_is_no_arbitrary_arrest(sentence: str) -> None:
    assert AA not in body_labels(sentence, "fr")
    assert AA not in lead_labels(sentence, "fr")


@pytest.mark.parametrize(
    "sentence",
    [
        "Son cousin a été interpellé samedi à un barrage de la quatrième division.",
        "Elle a été arrêtée dimanche à la sortie de la mosquée de Deraa.",
    ],
)
def test_an_arrest_dated_by_a_weekday_with_its_person_is_an_arrest(sentence: str) -> None:
    assert AA in body_labels(sentence, "fr")


@pytest.mark.parametrize(
    "sentence",
    [
        "Le tournoi a été arrêté dimanche pour cause d'orage.",
        "Un arrêté municipal publié mardi ferme les jardins publics à la nuit.",
        "La préfecture a pris vendredi un arrêté limitant la circulation des poids lourds.",
    ],
)
def test_a_game_stopped_or_a_decree_on_a_weekday_is_no_arrest(sentence: str) -> None:
    assert AA not in lead_labels(sentence, "fr")


def test_nobody_knowing_where_he_is_is_a_disappearance() -> None:
    sentence = "Nul ne sait où il se trouve depuis son arrestation par la sécurité militaire."
    assert ED in body_labels(sentence, "fr")


def test_hostages_freed_in_a_swap_are_released_but_a_ransom_for_a_release_is_no_release() -> None:
    swap = "Les otages ont été libérés en échange de prisonniers détenus à Idlib."
    ransom = "Les ravisseurs exigent 50 000 dollars en échange de sa libération."
    assert RE in body_labels(swap, "fr")
    assert RE not in lead_labels(ransom, "fr")


@pytest.mark.parametrize(
    "sentence",
    [
        "La famille espère qu'il sera libéré bientôt.",
        "Le décret d'amnistie prévoit la libération des détenus condamnés pour délits mineurs.",
    ],
)
def test_a_hoped_for_or_provided_for_release_is_no_release(sentence: str) -> None:
    assert RE not in lead_labels(sentence, "fr")


@pytest.mark.parametrize(
    "sentence",
    [
        "La convention définit la disparition forcée comme l'arrestation d'une personne.",
        "Le chanteur a disparu des radars après son dernier album.",
    ],
)
def test_a_definition_or_vanishing_from_view_is_no_disappearance(sentence: str) -> None:
    assert ED not in lead_labels(sentence, "fr")


@pytest.mark.parametrize(
    "sentence",
    [
        "Le sort des disparus sera au cœur des négociations de Genève.",
        "La commission nationale pour les personnes disparues a été créée en mai 2025.",
    ],
)
def test_one_passing_mention_of_the_disappeared_is_no_disappearance(sentence: str) -> None:
    assert ED not in body_labels(sentence, "fr")
    assert ED not in lead_labels(sentence, "fr")


@pytest.mark.parametrize(
    "sentence",
    [
        "Le pharmacien est toujours porté disparu, trois ans après son enlèvement.",
        "L'étudiant Rami Saleh a disparu depuis son passage au barrage de Qatana.",
        "Son fils est victime d'une disparition forcée depuis 2013.",
    ],
)
def test_a_person_told_as_disappeared_is_a_disappearance(sentence: str) -> None:
    assert ED in body_labels(sentence, "fr")


def test_the_disappeared_in_a_headline_are_its_subject() -> None:
    labels = classify("Les familles des disparus manifestent à Damas", FILLER["fr"], "fr").labels
    assert ED in labels


@pytest.mark.parametrize(
    "sentence",
    [
        "Il n'est pas mort sous la torture, contrairement aux rumeurs.",
        "Les autorités nient qu'il soit mort en détention.",
        "Les deux frères ne sont pas morts sous la torture, affirme leur avocat.",
    ],
)
def test_a_custody_death_denied_or_negated_is_none(sentence: str) -> None:
    assert TD not in lead_labels(sentence, "fr")


def test_dying_in_the_hands_of_rescuers_is_no_custody_death() -> None:
    sentence = "Le blessé est mort entre les mains des secouristes à l'hôpital d'Alep."
    assert TD not in lead_labels(sentence, "fr")


def test_killed_at_the_hands_of_a_force_is_no_custody_death_by_itself() -> None:
    sentence = "Le manifestant est mort aux mains des forces de sécurité lors du rassemblement."
    assert TD not in body_labels(sentence, "fr")


def test_a_case_told_during_the_war_is_no_running_tally() -> None:
    sentence = "Le médecin Fadi Haddad, arrêté en 2013 durant la guerre, est mort sous la torture."
    assert {TD, AA} <= body_labels(sentence, "fr")


def test_a_camp_or_a_stronghold_taken_back_at_a_date_is_no_release() -> None:
    sentence = "Le camp de Yarmouk, libéré en mai 2018, n'est plus qu'un champ de ruines."
    assert RE not in body_labels(sentence, "fr")


@pytest.mark.parametrize(
    "sentence",
    [
        "Le milieu de terrain, libéré en janvier par Nantes, a signé à Bordeaux.",
        "Kaboul, libéré en novembre 2001, a vu revenir les écoles.",
    ],
)
def test_a_player_a_town_or_a_country_freed_at_a_date_is_no_release(sentence: str) -> None:
    assert RE not in body_labels(sentence, "fr")


@pytest.mark.parametrize(
    "sentence",
    [
        "Le prisonnier, relâché le 2 avril, a rejoint les siens à Idlib.",
        "Omar Saleh, 52 ans, remis en liberté en mars 2020, vit à Amman.",
        "Elle est relâchée le 9 août, après trois mois au secret.",
    ],
)
def test_a_person_freed_at_a_date_is_a_release(sentence: str) -> None:
    assert RE in body_labels(sentence, "fr")


@pytest.mark.parametrize(
    "sentence",
    [
        "Le ministère a élargi l'accès à la détention préventive pour les délits routiers.",
        "La prison centrale a été élargie en 2019 par deux nouveaux bâtiments.",
    ],
)
def test_a_scope_or_a_building_widened_is_no_release(sentence: str) -> None:
    assert RE not in body_labels(sentence, "fr")
    assert RE not in lead_labels(sentence, "fr")


def test_a_prisoner_set_free_in_legal_words_is_a_release() -> None:
    sentence = "Le prisonnier politique a été élargi après neuf ans de réclusion."
    assert RE in body_labels(sentence, "fr")


@pytest.mark.parametrize(
    "sentence",
    [
        "Le roman raconte les pendaisons de masse dans une prison imaginaire d'Europe centrale.",
        "Le documentaire retrace les exécutions collectives de prisonniers sous la junte.",
        "Ce film évoque un moine torturé et tué par des soldats en Algérie en 1996.",
    ],
)
def test_a_film_or_a_novel_telling_of_executions_is_no_event(sentence: str) -> None:
    assert TD not in lead_labels(sentence, "fr")


def test_a_report_of_mass_executions_in_a_prison_still_labels() -> None:
    title = "Des exécutions de masse dans la prison de Saydnaya, selon des gardiens"
    assert TD in set(classify(title, FILLER["fr"], "fr").labels)


def test_a_report_describing_a_person_is_no_definition() -> None:
    sentence = (
        "L'ONG, qui définit Samer Nahhas comme un défenseur des droits, affirme qu'il a été "
        "arrêté le 8 avril 2014 par la sécurité militaire."
    )
    assert AA in body_labels(sentence, "fr")


def test_a_law_defining_the_violation_is_still_no_event() -> None:
    sentence = "Le code pénal définit la torture comme une souffrance infligée par un agent public."
    assert TD not in lead_labels(sentence, "fr")
    sentence = "Ce texte définit l'arrestation arbitraire le 3 mai 2020 pour la première fois."
    assert AA not in lead_labels(sentence, "fr")


@pytest.mark.parametrize(
    "sentence",
    [
        "Samer Nahhas fait partie des disparus de la révolte de Hama, selon son fils.",
        "Le pharmacien Omar Saleh est l'un des disparus de Moadamiya.",
        "Sa fille figure parmi les disparus depuis son passage au barrage de Jdeidet.",
    ],
)
def test_a_person_counted_among_the_disappeared_is_a_disappearance(sentence: str) -> None:
    assert ED in body_labels(sentence, "fr")


@pytest.mark.parametrize(
    "sentence",
    [
        "Interpellé à un point de contrôle de Harasta, le boulanger n'est jamais revenu.",
        "Son mari, emmené par une patrouille en 2012, n'est jamais rentré.",
    ],
)
def test_taken_away_and_never_back_is_a_disappearance(sentence: str) -> None:
    assert ED in body_labels(sentence, "fr")


def test_never_coming_back_from_abroad_is_no_disappearance() -> None:
    sentence = "Parti étudier à Montréal en 2009, il n'est jamais revenu vivre à Lattaquié."
    assert ED not in lead_labels(sentence, "fr")


@pytest.mark.parametrize(
    "sentence",
    [
        "Depuis sa défaite, il a disparu de la scène politique.",
        "Elle a disparu des réseaux sociaux depuis son mariage.",
        "L'animateur a disparu des écrans en 2015 après l'arrêt de son émission.",
    ],
)
def test_vanishing_from_public_view_is_no_disappearance(sentence: str) -> None:
    assert ED not in lead_labels(sentence, "fr")


def test_vanishing_after_an_arrest_is_still_a_disappearance() -> None:
    sentence = "Il a disparu depuis son passage au barrage de la sécurité militaire à Homs."
    assert ED in body_labels(sentence, "fr")


def test_fearing_for_someone_beside_a_told_arrest_keeps_the_arrest() -> None:
    sentence = (
        "Ses parents, craignant pour sa santé, affirment qu'il a été arrêté le 2 juin 2014 par "
        "la sécurité d'État."
    )
    assert AA in body_labels(sentence, "fr")


def test_fearing_an_arrest_is_still_no_arrest() -> None:
    sentence = "Craignant une arrestation par la sécurité politique, le médecin a quitté Hama."
    assert AA not in lead_labels(sentence, "fr")


@pytest.mark.parametrize(
    "sentence",
    [
        "Ahmad Khalil, libéré le 3 mai, raconte les tortures subies à Saydnaya.",
        "Ahmad Khalil, libéré en 2016 par le régime, vit aujourd'hui en Turquie.",
        "Karim Saleh, libéré en avril de la prison centrale de Hama, ne peut plus marcher.",
        "Libérés le 2 février, Omar et Hassan Darwish sont sortis des geôles de la Sécurité.",
        "Nour Hamdan, libéré mardi après six ans de détention, a été accueilli par ses voisins.",
        "Libéré le 3 mai, il a signé un engagement à ne plus manifester.",
    ],
)
def test_a_named_person_released_at_a_date_in_a_sentence_of_custody_is_a_release(
    sentence: str,
) -> None:
    assert RE in body_labels(sentence, "fr")
    assert RE in lead_labels(sentence, "fr")


@pytest.mark.parametrize(
    "sentence",
    [
        "Le défenseur de 31 ans, libéré en juin par Al-Jaish, rejoint un club koweïtien.",
        "Le milieu de terrain, 29 ans, libéré en juin par Lyon, s'est engagé avec Marseille.",
        "Il est libéré en juin par son club et signe à Monaco.",
        "L'attaquant, 27 ans, libéré en janvier, a signé pour deux saisons à Nantes.",
        "Libéré le 30 juin par Alep, le gardien de but de 33 ans cherche une équipe.",
    ],
)
def test_a_player_released_by_his_club_is_no_release(sentence: str) -> None:
    assert RE not in body_labels(sentence, "fr")
    assert RE not in lead_labels(sentence, "fr")


def test_a_district_taken_back_by_regime_forces_is_no_release() -> None:
    sentence = "Le quartier de Bab Amr, libéré en 2012 par les forces du régime, est en ruines."
    assert RE not in body_labels(sentence, "fr")


@pytest.mark.parametrize(
    "sentence",
    [
        "Le match a été arrêté lundi à Damas à cause de la pluie.",
        "Le tournage du film a été arrêté en 2020 à cause de la pandémie.",
        "Le projet de barrage a été arrêté en mai faute de financement.",
        "La production a été arrêtée en mars dans l'usine de Damas.",
        "Les travaux de la route ont été arrêtés en 2019 à Damas.",
        "La rencontre entre les deux clubs a été arrêtée le 4 avril après des incidents.",
    ],
)
def test_a_thing_stopped_at_a_date_or_in_damascus_is_no_arrest(sentence: str) -> None:
    assert AA not in body_labels(sentence, "fr")
    assert AA not in lead_labels(sentence, "fr")


@pytest.mark.parametrize(
    "sentence",
    [
        "Ahmad Khalil a été arrêté le 3 mai 2013 à Damas.",
        "Samer a été enlevé en 2014 sur la route de l'aéroport de Damas.",
        "Les forces de sécurité ont arrêté Omar Saleh après le match, le 3 mai 2013.",
        "Il a été arrêté à un barrage de l'armée près de Homs.",
    ],
)
def test_a_person_arrested_at_a_date_or_by_a_force_is_still_an_arrest(sentence: str) -> None:
    assert AA in body_labels(sentence, "fr")


@pytest.mark.parametrize(
    "sentence",
    [
        "Une partie des jeunes arrêtés en mars 2012 à Damas n'ont jamais été revus.",
        "Il a été arrêté en mai 2013 après une rencontre avec des diplomates.",
        "Ahmad Khalil a été arrêté en 2012 après la diffusion d'une vidéo sur Facebook.",
        "Omar Saleh a été arrêté le 3 mai 2013 dans le train entre Damas et Alep.",
        "Rami a été arrêté en 2014 à l'usine où il travaillait à Damas.",
    ],
)
def test_an_arrest_told_beside_ordinary_words_of_daily_life_still_labels(sentence: str) -> None:
    assert AA in body_labels(sentence, "fr")


@pytest.mark.parametrize(
    "sentence",
    [
        "La livraison des médicaments a été arrêtée le 3 mai.",
        "Le programme d'aide a été arrêté en 2019 à Damas.",
        "La construction du barrage sur l'Oronte a été arrêtée en 2011.",
    ],
)
def test_a_supply_or_a_work_stopped_at_a_date_is_no_arrest(sentence: str) -> None:
    assert AA not in lead_labels(sentence, "fr")


@pytest.mark.parametrize(
    "text",
    [
        "Le livre de l'historien évoque les exécutions de masse dans les prisons argentines.",
        "Ce documentaire de trois heures raconte comment des détenus sont morts sous la torture.",
        "Le roman suit un prisonnier torturé à mort dans une geôle imaginaire.",
    ],
)
def test_a_work_telling_its_story_within_a_few_words_labels_nothing(text: str) -> None:
    assert classify("Culture", text, "fr").labels == ()


@pytest.mark.parametrize(
    "text",
    [
        "Selon le récit de sa mère, Samir est mort sous la torture à Saydnaya en mars 2015.",
        "Les images du documentaire montrent que le détenu est mort sous la torture en 2014.",
    ],
)
def test_a_witness_account_or_footage_still_tells_the_event(text: str) -> None:
    assert "torture_death" in classify("Syrie", text, "fr").labels


@pytest.mark.parametrize(
    "sentence",
    [
        "Ahmad Khalil a été arrêté à Damas.",
        "Ahmad Khalil a été arrêté à Homs.",
        "Le militant Samer Haddad a été interpellé à Lattaquié.",
    ],
)
def test_an_arrest_placed_in_any_syrian_city_counts_not_only_damascus(sentence: str) -> None:
    assert "arbitrary_arrest" in classify("Syrie", sentence, "fr").labels


def test_a_thing_stopped_in_another_syrian_city_is_no_arrest() -> None:
    assert classify("Syrie", "Le match a été arrêté lundi à Homs à cause de la pluie.",
                    "fr").labels == ()
