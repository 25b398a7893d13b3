"""Arabic and French wording families of the four labels, each on sentences written for
these tests: the family labels where it stands, and its look-alikes do not."""

from __future__ import annotations

import pytest
from support.articles import body_labels

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
    ],
)
def test_a_charge_without_a_detention_or_a_feared_one_is_no_arrest(sentence: str) -> None:
    assert AA not in body_labels(sentence, "ar")
