"""The sample articles load, agree with each other, and exercise what the pipeline needs."""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

from crawler.models import LABELS, LANGS
from crawler.samples import GOVERNORATES, SITES, SampleArticle, load_samples, parse_sample

SAMPLES = load_samples()
BY_STEM = {sample.stem: sample for sample in SAMPLES}
ARTICLES_DIR = Path(__file__).resolve().parents[2] / "crawler" / "samples" / "articles"

GOOD = """\
site = "snhr"
lang = "en"
id = 1
slug = "a"
published = "2025-01-01T10:00:00+03:00"
title = "A title"
categories = ["Torture"]
paragraphs = ["One paragraph."]
expected_labels = ["torture_death"]
expected_facts = { governorate = "Daraa" }
"""


NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "nine": 9, "ten": 10}


def _digits(text: str) -> str:
    """Drop thousands separators and spell small English numbers as digits."""
    text = re.sub(r"(?<=\d),(?=\d{3})", "", text)
    for word, value in NUMBER_WORDS.items():
        text = re.sub(rf"\b{word}\b", str(value), text, flags=re.IGNORECASE)
    return text


def test_every_toml_file_is_loaded_in_site_lang_id_order() -> None:
    assert len(SAMPLES) == len(list(ARTICLES_DIR.glob("*.toml")))
    assert len(SAMPLES) >= 24
    keys = [(s.site, s.lang, s.id) for s in SAMPLES]
    assert keys == sorted(keys)


def test_ids_are_unique_per_site_and_language() -> None:
    counts = Counter((s.site, s.lang, s.id) for s in SAMPLES)
    assert [key for key, n in counts.items() if n > 1] == []


def test_slugs_are_unique_per_site() -> None:
    counts = Counter((s.site, s.slug) for s in SAMPLES)
    assert [key for key, n in counts.items() if n > 1] == []


def test_every_label_and_fact_is_in_the_shared_vocabulary() -> None:
    for sample in SAMPLES:
        assert set(sample.expected_labels) <= set(LABELS), sample.stem
        governorate = sample.expected_facts.get("governorate")
        assert governorate is None or governorate in GOVERNORATES, sample.stem


def test_every_label_occurs_and_some_articles_carry_none() -> None:
    seen = Counter(label for s in SAMPLES for label in s.expected_labels)
    assert set(seen) == set(LABELS)
    assert sum(1 for s in SAMPLES if not s.expected_labels) >= 5


def test_every_site_and_language_is_present() -> None:
    assert {s.site for s in SAMPLES} == set(SITES)
    assert {s.lang for s in SAMPLES} == set(LANGS)
    pairs = {(s.site, s.lang) for s in SAMPLES}
    assert {("snhr", "en"), ("snhr", "ar"), ("sohr", "en"), ("sohr", "ar")} <= pairs
    assert {("alkarama", "en"), ("alkarama", "fr"), ("alkarama", "ar")} <= pairs
    assert {("horrya", "ar"), ("horrya", "en")} <= pairs


def test_copy_of_names_an_existing_original_whose_text_it_contains() -> None:
    copies = [s for s in SAMPLES if s.copy_of]
    assert copies, "at least one re-published copy is needed to exercise near-duplicates"
    for copy in copies:
        original = BY_STEM[copy.copy_of or ""]
        assert original.site != copy.site
        assert set(original.paragraphs) <= set(copy.paragraphs)
        assert copy.paragraphs != original.paragraphs  # its own intro or footer
        assert copy.expected_labels == original.expected_labels


def test_windows_1256_article_round_trips_without_loss() -> None:
    mislabelled = [s for s in SAMPLES if s.encoding == "windows-1256"]
    assert len(mislabelled) == 1
    sample = mislabelled[0]
    assert sample.lang == "ar"
    assert sample.declared_charset == "utf-8"
    for text in (sample.title, sample.text):
        encoded = text.encode("cp1256")
        assert encoded.decode("cp1256") == text
        with pytest.raises(UnicodeDecodeError):
            encoded.decode("utf-8")  # so a reader trusting the header gets it wrong


def test_edited_article_changes_a_name_and_adds_a_sentence() -> None:
    edited = [s for s in SAMPLES if s.is_edited]
    assert len(edited) >= 1
    sample = edited[0]
    assert sample.edited_paragraphs is not None
    assert sample.edited_text is not None
    assert len(sample.edited_paragraphs) == len(sample.paragraphs)
    changed = [
        (old, new)
        for old, new in zip(sample.paragraphs, sample.edited_paragraphs, strict=True)
        if old != new
    ]
    assert changed
    assert len(sample.edited_text) > len(sample.text)
    assert sample.edited_title
    assert sample.edited_title != sample.title


def test_stock_closing_paragraphs_differ_only_in_their_numbers() -> None:
    """Dedupe must not merge SNHR reports that share the same tally paragraphs."""
    closings = [s.paragraphs[-1] for s in SAMPLES if s.site == "snhr" and s.lang == "en"]
    masked = Counter(re.sub(r"[\d,]+\d", "N", text) for text in closings)
    template, uses = masked.most_common(1)[0]
    assert uses >= 3
    variants = {text for text in closings if re.sub(r"[\d,]+\d", "N", text) == template}
    assert len(variants) == uses  # same wording, a different number each time


def test_facts_are_grounded_in_the_text() -> None:
    for sample in SAMPLES:
        text = _digits(sample.title + "\n" + sample.text)
        for name in sample.expected_facts.get("victims", []):
            assert name in text, f"{sample.stem}: victim {name!r} not in text"
        for count in sample.expected_facts.get("counts", []):
            assert re.search(rf"(?<![\d.]){count}(?!\d|\.\d)", text), f"{sample.stem}: {count}"


def test_lengths_dates_and_languages_are_realistic() -> None:
    for sample in SAMPLES:
        words = len(sample.text.split())
        assert 120 <= words <= 400, f"{sample.stem}: {words} words"
        published = datetime.fromisoformat(sample.published)
        assert 2024 <= published.year <= 2026, sample.stem
        if sample.modified:
            assert datetime.fromisoformat(sample.modified) >= published, sample.stem
        arabic = sum(1 for ch in sample.text if "\u0600" <= ch <= "\u06ff")
        assert (arabic > len(sample.text) / 2) == (sample.lang == "ar"), sample.stem


def test_titles_follow_each_source_house_style() -> None:
    for sample in SAMPLES:
        if (sample.site, sample.lang) == ("sohr", "en"):
            assert " | " in sample.title, sample.stem
        if sample.site == "alkarama":
            prefix = {"en": "Syria: ", "fr": "Syrie : ", "ar": "سوريا: "}[sample.lang]
            assert sample.title.startswith(prefix), sample.stem
    masked = " ".join(s.title + s.text for s in SAMPLES if s.site == "sohr")
    assert "tor-ture" in masked
    assert "IS*IS" in masked
    assert "اعـ-ـتـ-ـقال" in masked


def test_one_french_alkarama_article_lives_under_the_english_path() -> None:
    assert [s.stem for s in SAMPLES if s.path_lang != s.lang] == ["alkarama-fr-03"]


def test_text_joins_paragraphs_with_blank_lines() -> None:
    sample = SAMPLES[0]
    assert isinstance(sample, SampleArticle)
    assert sample.text.split("\n\n") == list(sample.paragraphs)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda t: t.replace('slug = "a"\n', ""), "missing required key(s) slug"),
        (lambda t: t + 'colour = "red"\n', "unknown key(s) colour"),
        (lambda t: t.replace('"torture_death"', '"torture"'), "unknown label(s) torture"),
        (lambda t: t.replace('site = "snhr"', 'site = "bbc"'), "site 'bbc'"),
        (lambda t: t.replace('"Daraa"', '"Deraa"'), "governorate 'Deraa'"),
        (lambda t: t.replace("+03:00", ""), "needs a UTC offset"),
        (lambda t: t.replace("id = 1", "id = -4"), "positive integer"),
        (lambda t: t.replace('paragraphs = ["One paragraph."]', "paragraphs = []"), "paragraphs"),
        (lambda t: t + 'encoding = "ascii"\ntitle2 = 1\n', "unknown key(s) title2"),
        (lambda t: t.replace("A title", "عنوان") + 'encoding = "latin-1"\n', "cannot be encoded"),
        (lambda t: t.replace('site = "snhr"', "site = "), "not valid TOML"),
    ],
)
def test_malformed_sample_raises_value_error_naming_the_file(change, message) -> None:  # noqa: ANN001
    with pytest.raises(ValueError, match=r"articles/snhr-en-01\.toml: ") as info:
        parse_sample("snhr-en-01.toml", change(GOOD))
    assert message in str(info.value)


def test_file_name_must_match_site_and_lang() -> None:
    with pytest.raises(ValueError, match="sohr-en-01.toml: file name must be 'snhr-en-NN.toml'"):
        parse_sample("sohr-en-01.toml", GOOD)


def test_duplicate_ids_and_dangling_copies_are_rejected(tmp_path: Path) -> None:
    (tmp_path / "snhr-en-01.toml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "snhr-en-02.toml").write_text(GOOD.replace('"a"', '"b"'), encoding="utf-8")
    with pytest.raises(ValueError, match="snhr-en-02.toml: id 1 is already used by snhr-en-01"):
        load_samples(tmp_path)

    copy = GOOD.replace("id = 1", "id = 2") + 'copy_of = "snhr-en-09"\n'
    (tmp_path / "snhr-en-02.toml").write_text(copy, encoding="utf-8")
    with pytest.raises(ValueError, match="snhr-en-02.toml: copy_of 'snhr-en-09' names no"):
        load_samples(tmp_path)

    (tmp_path / "snhr-en-02.toml").write_text(copy.replace("09", "01"), encoding="utf-8")
    assert [s.stem for s in load_samples(tmp_path)] == ["snhr-en-01", "snhr-en-02"]
