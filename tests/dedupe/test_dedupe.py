from __future__ import annotations

import itertools
import random
import sys
from collections import Counter

import pytest

from crawler import dedupe
from crawler.dedupe import (
    BANDS,
    NEAR_DUPLICATE_THRESHOLD,
    NUM_PERM,
    ROWS,
    StockPattern,
    content_hash,
    copy_similarity,
    fingerprint,
    lsh_parameters,
    mask_stock,
    paragraph_shape,
    paragraph_shapes,
    similarity,
)

KHALED = "Khaled al-Saleh of Jasim died in custody in 2021."
OMAR = "Omar Haddad, a Douma teacher, died in prison."


def near(a: str, b: str, **kwargs: object) -> float:
    return similarity(fingerprint(a, **kwargs).signature, fingerprint(b, **kwargs).signature)


def shares_band(a: str, b: str) -> bool:
    return bool(set(fingerprint(a).band_keys) & set(fingerprint(b).band_keys))


# -- exact hashes ------------------------------------------------------------------------------


def test_identical_text_same_hash(samples: type) -> None:
    assert content_hash(samples.sohr_article) == content_hash(samples.sohr_article)
    assert len(content_hash(samples.sohr_article)) == 64


def test_hash_ignores_case_punctuation_and_whitespace(samples: type) -> None:
    text = samples.sohr_article
    noisy = text.upper().replace(",", " ;").replace(" ", "  ").replace("\n", "\n\n  ")
    assert content_hash(noisy) == content_hash(text)


def test_hash_changes_with_a_word_or_a_number(samples: type) -> None:
    text = samples.sohr_article
    assert content_hash(text.replace("four young men", "five young men")) != content_hash(text)
    assert content_hash(text.replace("three months", "3 months")) != content_hash(text)


def test_arabic_diacritics_do_not_change_the_hash(samples: type) -> None:
    assert samples.arabic_plain != samples.arabic_diacritics
    assert content_hash(samples.arabic_diacritics) == content_hash(samples.arabic_plain)


def test_arabic_letter_variants_digits_and_tatweel_fold(samples: type) -> None:
    variant = (
        samples.arabic_plain.replace("أ", "ا")
        .replace("٢٠١٣", "2013")
        .replace("التعذيب", "التعـــذيب")
        .replace("مدينة", "مدينه")
    )
    assert variant != samples.arabic_plain
    assert content_hash(variant) == content_hash(samples.arabic_plain)


def test_hash_ignores_stock_paragraphs_and_furniture(samples: type) -> None:
    text = samples.sohr_article
    footer = "\n".join(
        [samples.sohr_stock_en.format(n=47012), "Related Posts", "Facebook Twitter WhatsApp"]
    )
    assert content_hash(text + "\n" + footer) == content_hash(text)


def test_all_stock_text_falls_back_to_the_whole_text() -> None:
    tally_a = "SNHR notes that at least 14,315 Syrian citizens have died due to torture."
    tally_b = "SNHR notes that at least 15,102 Syrian citizens have died due to torture."
    assert mask_stock(tally_a) == ""
    assert content_hash(tally_a) != content_hash(tally_b)
    assert fingerprint(tally_a).band_keys


def test_fingerprint_hash_is_the_content_hash_whatever_the_learnt_shapes(samples: type) -> None:
    text = samples.snhr_report(KHALED, detained=131106, tortured=14315)
    learnt = {paragraph_shape(samples.law_paragraph)}
    assert fingerprint(text).content_hash == content_hash(text)
    assert fingerprint(text, extra_shapes=learnt).content_hash == content_hash(text)
    assert fingerprint(text, extra_shapes=learnt).signature != fingerprint(text).signature


# -- stock masking -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "paragraph",
    [
        "SNHR notes that at least 14,315 Syrian citizens have died due to torture in the "
        "regime's detention centres.",
        "SNHR can confirm that at least 96,321 Syrian citizens are still detained or forcibly "
        "disappeared by the parties to the conflict.",
        "SOHR has documented the deaths of 1,203 detainees under torture in the prisons since "
        "the beginning of the Syrian revolution.",
        "ووثق المرصد السوري لحقوق الإنسان استشهاد ١٢٣٤٥ مدنياً تحت التعذيب في السجون منذ "
        "انطلاقة الثورة السورية.",
        "وتؤكد الشبكة أن ما لا يقل عن 14,315 مواطناً سورياً قضوا بسبب التعذيب في مراكز الاحتجاز.",
        "Selon nos données, au moins 1 200 personnes sont mortes sous la torture dans les "
        "prisons depuis 2011.",
        "Related News",
        "أخبار ذات صلة",
        "Articles similaires",
        "Share on Facebook Twitter WhatsApp",
        "شارك على فيسبوك تويتر",
        "",
    ],
)
def test_stock_paragraphs_are_masked(paragraph: str) -> None:
    kept = "Families gathered outside the court on Monday to ask about their relatives."
    assert mask_stock(f"{kept}\n{paragraph}") == kept


def test_stock_sentence_inside_a_paragraph_is_masked_alone() -> None:
    paragraph = (
        "Relatives were told of his death on 3 March. SNHR notes that at least 15,001 Syrian "
        "citizens have died due to torture in detention."
    )
    assert mask_stock(paragraph) == "Relatives were told of his death on 3 March."


def test_a_fold_that_creates_a_full_stop_keeps_sentences_aligned() -> None:
    # U+2024 folds to "." so the folded paragraph has one sentence more than the original.
    text = "Relatives were told on Monday\u2024 He was 40.\nSecond paragraph here."
    assert mask_stock(text) == text
    assert content_hash(text) == content_hash(text.replace("\u2024", "."))


def test_a_fold_that_creates_a_newline_keeps_paragraphs_aligned(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(dedupe, "_shared_fold", lambda: lambda text: text.replace("|", "\n"))
    text = "Khaled died in custody | in 2021.\nRelated News"
    assert mask_stock(text) == "Khaled died in custody | in 2021."


@pytest.mark.parametrize(
    "paragraph",
    [
        "SNHR documented the death of 17 people due to torture in March, among them a child.",
        "At least 14 detainees were released from the central prison on Sunday.",
        "Share prices in Damascus fell sharply after the announcement.",
        "La famille a appris sa mort sous la torture trois ans après son arrestation.",
    ],
)
def test_news_sentences_are_kept(paragraph: str) -> None:
    assert mask_stock(paragraph) == paragraph


def test_paragraph_shape_ignores_numbers_case_and_diacritics() -> None:
    a = "At least 14,315 people died; the count was 2021."
    b = "at least 15,002 PEOPLE died -- the count was 2024"
    assert paragraph_shape(a) == paragraph_shape(b)
    assert paragraph_shape(a) != paragraph_shape("At least 14,315 people were released.")
    assert paragraph_shape("قُتِلَ ٣ مدنيين") == paragraph_shape("قتل 7 مدنيين")


def test_paragraph_shapes_leave_out_short_lines(samples: type) -> None:
    text = f"{samples.law_paragraph}\nHe was 25 years old.\n\nRelated News"
    assert paragraph_shapes(text) == {paragraph_shape(samples.law_paragraph)}
    assert len(paragraph_shapes(text, min_words=1)) == 3


def test_extra_shapes_mask_learnt_paragraphs(samples: type) -> None:
    text = f"{KHALED}\n{samples.law_paragraph}"
    assert mask_stock(text) == text
    assert mask_stock(text, extra_shapes={paragraph_shape(samples.law_paragraph)}) == KHALED


def test_stock_pattern_templates_fold_like_the_text() -> None:
    pattern = StockPattern("test", "ar", "أفاد المرصد بأن # … تحت التعذيب")
    assert pattern.matches("وأفاد المرصدُ بأنّ ٤٥ معتقلاً قضوا تحت التعذيب")
    assert not pattern.matches("أفاد المرصد بأن قصفاً استهدف القرية")


# -- near duplicates ---------------------------------------------------------------------------


def test_same_text_with_another_footer_is_a_near_duplicate(samples: type) -> None:
    footer = (
        "This report was prepared by the monitoring desk and may be republished with credit.\n"
        "Follow us for daily updates from all Syrian governorates."
    )
    assert near(samples.sohr_article, samples.sohr_article + "\n" + footer) >= 0.85


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("only three of them have been released so far", "five of them have since been released"),
        (
            "Residents of the town",
            "Witnesses said soldiers beat two old men. Residents of the town",
        ),
        ("at dawn on Tuesday", "at dawn on Wednesday"),
    ],
)
def test_edited_article_is_a_near_duplicate(samples: type, old: str, new: str) -> None:
    edited = samples.sohr_article.replace(old, new)
    assert edited != samples.sohr_article
    assert content_hash(edited) != content_hash(samples.sohr_article)
    assert near(samples.sohr_article, edited) >= NEAR_DUPLICATE_THRESHOLD
    assert shares_band(samples.sohr_article, edited)


def _learn_shapes(samples: type, articles: int = 20) -> frozenset[str]:
    """Do what the store does: shapes seen in at least half of a source's articles."""
    counts: Counter[str] = Counter()
    for i in range(articles):
        unique = f"Detainee number {i} from village {chr(65 + i)}x died in custody."
        counts.update(paragraph_shapes(samples.snhr_report(unique, detained=i, tortured=i)))
    return frozenset(shape for shape, seen in counts.items() if seen >= articles / 2)


def test_different_reports_with_the_same_closing_are_not_near_duplicates(samples: type) -> None:
    first = samples.snhr_report(KHALED, detained=131106, tortured=14315)
    second = samples.snhr_report(OMAR, detained=132667, tortured=15038)
    assert near(first, second, mask=False) >= NEAR_DUPLICATE_THRESHOLD
    learnt = _learn_shapes(samples)
    assert mask_stock(first, learnt) == KHALED
    assert near(first, second, extra_shapes=learnt) < 0.2
    assert not set(fingerprint(first, extra_shapes=learnt).band_keys) & set(
        fingerprint(second, extra_shapes=learnt).band_keys
    )


def test_builtin_patterns_alone_separate_reports_closing_with_tallies(samples: type) -> None:
    first = samples.snhr_report(KHALED, detained=131106, tortured=14315, tallies_only=True)
    second = samples.snhr_report(OMAR, detained=132667, tortured=15038, tallies_only=True)
    unmasked = near(first, second, mask=False)
    assert unmasked > 0.5
    assert near(first, second) < 0.2 < unmasked


def test_lsh_band_keys_over_fifty_articles(samples: type) -> None:
    rng = random.Random(7)
    originals = [samples.random_article(rng) for _ in range(25)]
    copies = []
    for text in originals:
        paragraphs = text.split("\n")
        paragraphs[rng.randrange(len(paragraphs))] += " A spokesman declined to comment."
        copies.append("Related News\n" + "\n".join(paragraphs) + "\nShare this article")
    prints = [fingerprint(text) for text in originals + copies]
    assert all(len(fp.band_keys) == BANDS for fp in prints)
    for original, copy in zip(prints[:25], prints[25:], strict=True):
        assert similarity(original.signature, copy.signature) >= NEAR_DUPLICATE_THRESHOLD
        assert set(original.band_keys) & set(copy.band_keys)
    for (i, a), (j, b) in itertools.combinations(enumerate(prints), 2):
        if i % 25 != j % 25:
            assert similarity(a.signature, b.signature) < 0.2
            assert not set(a.band_keys) & set(b.band_keys), (i, j)


# -- signatures and parameters -----------------------------------------------------------------


def test_signature_is_deterministic_and_compact(samples: type) -> None:
    first = fingerprint(samples.sohr_article)
    second = fingerprint(samples.sohr_article)
    assert first == second
    assert len(first.signature) == NUM_PERM * 4
    assert similarity(first.signature, second.signature) == 1.0
    assert all(key.startswith(f"{band:02d}:") for band, key in enumerate(first.band_keys))


def test_empty_text_has_no_signature() -> None:
    empty = fingerprint(" \n ,.; \n")
    assert empty.signature == b""
    assert empty.band_keys == ()
    assert similarity(empty.signature, empty.signature) == 0.0


def test_similarity_rejects_signatures_of_different_sizes(samples: type) -> None:
    signature = fingerprint(samples.sohr_article).signature
    with pytest.raises(ValueError, match="recompute"):
        similarity(signature, signature[:-4])


def test_banding_reaches_the_wanted_recall_at_the_threshold() -> None:
    assert (BANDS, ROWS) == lsh_parameters(NEAR_DUPLICATE_THRESHOLD, NUM_PERM, 0.99)
    assert BANDS * ROWS <= NUM_PERM

    def candidate(s: float) -> float:
        return 1 - (1 - s**ROWS) ** BANDS

    assert candidate(NEAR_DUPLICATE_THRESHOLD) >= 0.99
    assert candidate(0.2) < 0.002  # unrelated articles of one source rarely become candidates
    wider = lsh_parameters(NEAR_DUPLICATE_THRESHOLD, NUM_PERM, 0.9)
    assert wider[0] * wider[1] <= NUM_PERM


def test_shared_fold_is_applied_when_present(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dedupe, "_shared_fold", lambda: lambda text: text.replace("Omar", "Ali"))
    assert content_hash("Omar died in custody") == content_hash("Ali died in custody")


def test_missing_shared_fold_falls_back_to_the_local_one(
    samples: type, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "classifiers.normalise", None)  # import raises ImportError
    dedupe._shared_fold.cache_clear()
    try:
        assert dedupe._shared_fold() is None
        assert content_hash(samples.arabic_diacritics) == content_hash(samples.arabic_plain)
    finally:
        dedupe._shared_fold.cache_clear()


# -- copy_similarity: the exact confirmation of an LSH candidate ----------------------------

REPORT = [
    "Relatives of Samir Adnan Qassab, a carpenter from the town of Kafr Batna in Eastern "
    "Ghouta, learned this week that he died in a detention centre of Air Force Intelligence.",
    "He was taken from his workshop during a raid in the spring of 2014 and the family never "
    "received any word of him until a former cellmate contacted them after his own release.",
    "The cellmate said that Samir had been beaten during interrogation and denied medicine "
    "when he fell ill during the second winter of his detention.",
]
CLOSING = [
    "The network repeats its call on the authorities to reveal the fate of every detainee and "
    "to hand the bodies of those who died in custody back to their families for burial.",
    "The network documents each case through interviews with relatives, witnesses and former "
    "detainees, and it keeps the names of the victims in its database.",
]


def test_a_reprint_with_its_own_intro_and_footer_is_a_copy():
    original = "\n".join(REPORT + CLOSING)
    reprint = "\n".join(
        ["This report was first published by a partner human-rights network and is "
         "reproduced here with its permission for our readers in the region."]
        + REPORT + CLOSING
        + ["Our editors welcome corrections and tips through the contact page of this site, "
           "and every reader may share this article freely with attribution."])
    learnt = paragraph_shapes("\n".join(CLOSING))
    assert copy_similarity(original, reprint, extra_shapes=learnt) >= NEAR_DUPLICATE_THRESHOLD


def test_different_reports_with_the_same_learnt_closing_are_not_copies():
    other = [
        "Relatives of Walid Fares Haddad, a driver from the city of Salamiyah in Hama, were "
        "told by the civil registry that he died in the Saydnaya military prison in 2016.",
        "Checkpoint guards at the entrance of Hama arrested him in 2013 when he was returning "
        "from the capital with a load of vegetables for the market.",
    ]
    a = "\n".join(REPORT + CLOSING)
    b = "\n".join(other + CLOSING)
    learnt = paragraph_shapes("\n".join(CLOSING))
    assert copy_similarity(a, b, extra_shapes=learnt) < 0.2


def test_a_brief_quoted_inside_a_long_round_up_is_not_a_copy():
    brief = "\n".join(REPORT)
    round_up = "\n".join(
        REPORT
        + [f"In the town of {town}, {n} residents were detained at checkpoints this month, "
           f"and {n // 2} of them were still held in unknown places at the end of the month, "
           "according to the families who spoke to the network's researchers."
           for n, town in zip(range(14, 50, 4), ["Douma", "Harasta", "Saqba", "Hamouriyah",
                                                 "Zamalka", "Arbin", "Ein Tarma", "Jobar",
                                                 "Kafr Batna"], strict=True)])
    assert copy_similarity(brief, round_up) < NEAR_DUPLICATE_THRESHOLD
