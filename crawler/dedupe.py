"""Exact and near-duplicate detection of article texts.

Two articles are compared on their *masked* text: the stock paragraphs a
source appends to hundreds of different articles (SNHR's running tallies of
torture deaths and of the detained, SOHR's "documented since the beginning of
the revolution" counts, "Related News", share buttons) are removed first,
otherwise two unrelated short death reports would look alike because most of
their words are the same closing paragraphs.

* Exact: :func:`content_hash`, SHA-256 of the masked text folded to words
  (case, punctuation, whitespace, Arabic diacritics and letter variants).
* Near: :func:`fingerprint` gives a MinHash signature over word 5-grams and
  LSH band keys. The store indexes band keys (band key → article) so finding
  candidates for a new article is one indexed query; :func:`similarity` of
  the two signatures then decides against :data:`NEAR_DUPLICATE_THRESHOLD`.

Everything here is a pure function of the text. Changing the folding, the
stock patterns, the shingle size or the MinHash parameters changes hashes and
signatures: bump :data:`FINGERPRINT_VERSION` so the store can recompute them.
"""

from __future__ import annotations

import functools
import hashlib
import math
import re
import unicodedata
import zlib
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field

import numpy as np
from datasketch import MinHash  # type: ignore[import-untyped]

__all__ = [
    "BANDS",
    "BOILERPLATE_LINES",
    "FINGERPRINT_VERSION",
    "NEAR_DUPLICATE_THRESHOLD",
    "NUM_PERM",
    "ROWS",
    "SHINGLE_SIZE",
    "STOCK_PATTERNS",
    "Fingerprint",
    "StockPattern",
    "content_hash",
    "copy_similarity",
    "fingerprint",
    "lsh_parameters",
    "mask_stock",
    "paragraph_shape",
    "paragraph_shapes",
    "similarity",
]

FINGERPRINT_VERSION = 1
NUM_PERM = 128
SHINGLE_SIZE = 5
_MINHASH_SEED = 20110315
_MINHASH_SCHEME = "affine32"  # 32-bit hash values: a signature is NUM_PERM * 4 bytes

NEAR_DUPLICATE_THRESHOLD = 0.8
"""Estimated Jaccard similarity of 5-gram sets at or above which two texts are one article.

A false near-duplicate silences the alert of a new article, a missed one only
repeats an alert, so the threshold sits high. Measured in the tests on
~250-word articles: a changed or added sentence scores 0.91-0.96 and a
different footer 0.90; two different terse SNHR death reports with the same
closing paragraphs score 0.84 unmasked, 0.91 with only the built-in patterns
(their fixed closing paragraphs remain) and 0.0 once learnt shapes mask those too.
"""

CANDIDATE_RECALL = 0.99
"""Wanted probability that a pair exactly at the threshold shares at least one band key."""


def lsh_parameters(threshold: float, num_perm: int, recall: float) -> tuple[int, int]:
    """Return (bands, rows) for LSH banding of ``num_perm`` hash values.

    A pair with Jaccard ``s`` shares a band key with probability
    ``1 - (1 - s**rows) ** bands``. Missed candidates are lost for good while
    extra candidates cost one signature comparison, so this picks the largest
    ``rows`` (fewest spurious candidates) for which some ``bands`` with
    ``bands * rows <= num_perm`` reaches ``recall`` at ``threshold``, and the
    fewest such bands (fewest index rows per article).
    """
    for rows in range(num_perm, 0, -1):
        per_band = threshold**rows
        if per_band >= 1.0:
            return 1, rows
        miss_per_band = math.log1p(-per_band)
        if miss_per_band == 0.0:
            continue
        bands = math.ceil(math.log1p(-recall) / miss_per_band)
        if bands * rows <= num_perm:
            return bands, rows
    raise ValueError(f"no banding of {num_perm} hash values reaches recall {recall}")


BANDS, ROWS = lsh_parameters(NEAR_DUPLICATE_THRESHOLD, NUM_PERM, CANDIDATE_RECALL)


# -- folding -------------------------------------------------------------------------------------

_MARKS_RE = re.compile(
    "["
    "\u0300-\u036f"  # Latin combining accents (after NFKD)
    "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"  # Arabic harakat, hamza marks, Quranic marks
    "\u0640"  # tatweel
    "\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff"  # zero-width and bidi controls
    "]"
)
_LETTER_MAP = str.maketrans(
    {
        "\u0671": "\u0627",  # alef wasla → alef
        "\u0649": "\u064a",  # alef maksura → yeh
        "\u06cc": "\u064a",  # Farsi yeh → yeh
        "\u0629": "\u0647",  # teh marbuta → heh
        "\u06a9": "\u0643",  # keheh → kaf
        **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + d): str(d) for d in range(10)},  # Extended Arabic-Indic digits
    }
)
_WORD_RE = re.compile(r"\w+")
_SENTENCE_END_RE = re.compile(r"(?<=[.!?\u061f])\s+")


@functools.cache
def _shared_fold() -> Callable[[str], str] | None:
    """The classifiers' fold, when that package is importable (it is optional here)."""
    try:
        from classifiers.normalise import fold
    except ImportError:
        return None
    return fold


def _local_fold(text: str) -> str:
    # NFKD splits hamza carriers (أ → ا + hamza mark) and accents off their letters,
    # and undoes presentation forms and ligatures; the marks are then dropped.
    text = unicodedata.normalize("NFKD", text)
    text = _MARKS_RE.sub("", text).translate(_LETTER_MAP).casefold()
    return unicodedata.normalize("NFC", text)


def _fold(text: str) -> str:
    """Character-local folding: the shared fold when installed, then the local one."""
    shared = _shared_fold()
    if shared is not None:
        text = shared(text)
    return _local_fold(text)


def _words(text: str) -> list[str]:
    """Folded words of ``text``: what every comparison in this module is made of."""
    return _WORD_RE.findall(_fold(text))


_DIGIT_RE = re.compile(r"\d")


def _mask_numbers(words: list[str]) -> list[str]:
    """Replace every number by ``#``; ``14,315`` (two words) becomes one ``#``."""
    if _DIGIT_RE.search(" ".join(words)) is None:
        return words
    shaped: list[str] = []
    for word in words:
        if not word.isalpha() and _DIGIT_RE.search(word):
            if shaped and shaped[-1] == "#":
                continue
            word = "#"
        shaped.append(word)
    return shaped


def _shape_words(text: str) -> list[str]:
    return _mask_numbers(_words(text))


# -- stock paragraphs ----------------------------------------------------------------------------

_GAP = "…"
_MAX_GAP_WORDS = 30
_CLITICS = "وف"  # Arabic writes "and"/"so" onto the next word: وثق also matches ووثق


def _is_arabic(word: str) -> bool:
    return "\u0600" <= word[0] <= "\u06ff"


def _compile_template(
    template: str,
) -> tuple[re.Pattern[str], tuple[frozenset[str], tuple[frozenset[str], ...]]]:
    """The template's regex over shaped text, and the words a match requires.

    Arabic words are required in any of their clitic forms.
    """
    atoms: list[str] = []
    required: set[str] = set()
    alternatives: list[frozenset[str]] = []
    for piece in re.split(f"({_GAP}|#)", template):
        if piece == _GAP:
            atoms.append(rf"(?:\S+ ){{0,{_MAX_GAP_WORDS}}}")
        elif piece == "#":
            atoms.append("# ")
            required.add("#")
        else:
            for word in _shape_words(piece):
                if _is_arabic(word):
                    atoms.append(f"[{_CLITICS}]?{re.escape(word)} ")
                    alternatives.append(frozenset({word, *(c + word for c in _CLITICS)}))
                else:
                    atoms.append(f"{re.escape(word)} ")
                    required.add(word)
    regex = re.compile(" " + "".join(atoms))
    return regex, (frozenset(required), tuple(dict.fromkeys(alternatives)))


@dataclass(frozen=True)
class StockPattern:
    """A sentence a source repeats across articles, numbers and small variations aside.

    ``template`` is written as the source writes it; it is folded like the
    text it is matched against. ``#`` stands for one number (``14,315``),
    ``…`` for up to 30 arbitrary words. A pattern must match a whole sentence
    or a whole paragraph. An Arabic word also matches with a leading و or ف.
    """

    name: str
    lang: str
    template: str
    regex: re.Pattern[str] = field(init=False, repr=False, compare=False)
    # (words all required, sets of which one word each is required)
    required: tuple[frozenset[str], tuple[frozenset[str], ...]] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        regex, required = _compile_template(self.template)
        object.__setattr__(self, "regex", regex)
        object.__setattr__(self, "required", required)

    def matches(self, text: str) -> bool:
        return self.matches_shape(_shape_words(text))

    def could_match(self, vocabulary: frozenset[str]) -> bool:
        """False when ``vocabulary`` (a set of shaped words) lacks a word the pattern needs."""
        return self.required[0] <= vocabulary and all(
            not options.isdisjoint(vocabulary) for options in self.required[1]
        )

    def matches_shape(self, shaped: list[str]) -> bool:
        """Match words already folded and number-masked (what :func:`_shape_words` gives)."""
        if not self.could_match(frozenset(shaped)):
            return False
        return self.regex.fullmatch(" " + " ".join(shaped) + " ") is not None


STOCK_PATTERNS: tuple[StockPattern, ...] = (
    StockPattern(
        "snhr-torture-tally",
        "en",
        "SNHR notes that at least # Syrian citizens have died due to torture …",
    ),
    StockPattern(
        "snhr-detained-tally",
        "en",
        "SNHR can confirm that at least # Syrian citizens are still detained or forcibly "
        "disappeared …",
    ),
    StockPattern(
        "snhr-body-withheld",
        "en",
        "SNHR has received confirmation that … failed to hand over … body … standard practice …",
    ),
    StockPattern(
        "sohr-torture-tally",
        "en",
        "… SOHR has documented … # … under torture … since the beginning of the … revolution …",
    ),
    StockPattern(
        "sohr-torture-tally-ar",
        "ar",
        "… وثق المرصد السوري … # … تحت التعذيب … منذ … الثورة …",
    ),
    StockPattern(
        "snhr-torture-tally-ar",
        "ar",
        "… ما لا يقل عن # مواطنًا سوريًا … بسبب التعذيب …",
    ),
    StockPattern(
        "snhr-detained-tally-ar",
        "ar",
        "… ما لا يقل عن # مواطنًا سوريًا لا يزالون قيد الاعتقال أو الاختفاء القسري …",
    ),
    StockPattern(
        "torture-tally-fr",
        "fr",
        "… au moins # … sous la torture … depuis …",
    ),
    StockPattern(
        "detained-tally-fr",
        "fr",
        "… au moins # … sont toujours détenus ou disparus …",
    ),
)
"""Built-in stock sentences. Add an entry to mask another one; bump FINGERPRINT_VERSION."""

BOILERPLATE_LINES: tuple[str, ...] = (
    # en
    "Related News", "Related Posts", "Related Articles", "Read more", "Read also",
    "Share", "Share this", "Share this article", "Share on", "Languages", "Available In",
    "Skip to main content", "Skip to content", "Date", "Tags", "Comments are closed",
    "Leave a comment", "Print",
    # ar
    "أخبار ذات صلة", "مقالات ذات صلة", "اقرأ أيضاً", "شارك", "شارك الخبر", "شارك هذا المقال",
    "مشاركة", "طباعة", "التعليقات مغلقة", "عذراً التعليقات مغلقة", "آخر تحديث",
    "تخطى إلى المحتوى", "الوسوم",
    # fr
    "Articles similaires", "Articles liés", "Lire aussi", "Lire la suite", "Partager",
    "Partager cet article", "Imprimer", "Aller au contenu principal", "Mots clés",
)  # fmt: skip
"""Whole paragraphs (numbers aside) that are page furniture, not article text."""

_SHARE_WORDS = frozenset(
    _words(
        "share on facebook twitter x whatsapp telegram email e mail print linkedin pinterest "
        "reddit copy link messenger "
        "شارك على فيسبوك تويتر واتساب تلغرام تيليغرام البريد طباعة نسخ الرابط "
        "partager sur imprimer courriel copier le lien"
    )
)
_BOILERPLATE_SHAPES = frozenset(" ".join(_shape_words(line)) for line in BOILERPLATE_LINES)


def paragraph_shape(paragraph: str) -> str:
    """A short hash of a paragraph with numbers masked and text folded.

    Two paragraphs that differ only in their numbers, case, punctuation or
    Arabic diacritics have the same shape. The store counts shapes across a
    source's articles and passes the frequent ones back as ``extra_shapes``.
    """
    return _shape_hash(_shape_words(paragraph))


def _shape_hash(shaped: list[str]) -> str:
    return hashlib.blake2b(" ".join(shaped).encode("utf-8"), digest_size=8).hexdigest()


def paragraph_shapes(text: str, *, min_words: int = 8) -> frozenset[str]:
    """The distinct shapes of the paragraphs of ``text`` that have at least ``min_words`` words.

    For a store to count per source. Short lines are left out: a line such as
    "He was # years old." recurs across unrelated articles without being boilerplate.
    """
    return frozenset(shape for shape, size in _analyse(text).shapes if size >= min_words)


def _is_furniture(shaped: list[str]) -> bool:
    if " ".join(shaped) in _BOILERPLATE_SHAPES:
        return True
    return all(word in _SHARE_WORDS for word in shaped)


def _is_stock(shaped: list[str], patterns: Iterable[StockPattern] = STOCK_PATTERNS) -> bool:
    return any(pattern.matches_shape(shaped) for pattern in patterns)


@dataclass(frozen=True)
class _Paragraph:
    text: str  # without its stock sentences
    words: list[str]  # folded words of ``text``
    shape: str  # paragraph_shape() of the whole paragraph


@dataclass(frozen=True)
class _Analysis:
    kept: tuple[_Paragraph, ...]  # what survives the built-in masking
    shapes: tuple[tuple[str, int], ...]  # (shape, shaped word count) of every paragraph


def _masked(text: str) -> tuple[_Paragraph, ...]:
    """The paragraphs of ``text`` that survive the built-in masking."""
    return _analyse(text).kept


# The ingest path asks about the same text several times (fingerprint, paragraph shapes,
# copy comparison): the analysis is kept for the last few texts.
@functools.lru_cache(maxsize=32)
def _analyse(text: str) -> _Analysis:
    """Fold and mask ``text`` once.

    The text is folded once. Folding is character-local and keeps newlines,
    and words never span the whitespace after a full stop, so the folded
    paragraphs and sentences line up with the original ones; where a fold
    changes the sentence count (a compatibility full stop), that paragraph's
    sentences are folded one by one instead.
    """
    originals = text.split("\n")
    folded = _fold(text).split("\n")
    if len(folded) != len(originals):
        folded = [_fold(paragraph) for paragraph in originals]
    kept: list[_Paragraph] = []
    shapes: list[tuple[str, int]] = []
    for original, folded_paragraph in zip(originals, folded, strict=True):
        words = _WORD_RE.findall(folded_paragraph)
        if not words:
            continue
        shaped = _mask_numbers(words)
        shape = _shape_hash(shaped)
        shapes.append((shape, len(shaped)))
        vocabulary = frozenset(shaped)
        candidates = [pattern for pattern in STOCK_PATTERNS if pattern.could_match(vocabulary)]
        if _is_furniture(shaped) or _is_stock(shaped, candidates):
            continue
        paragraph = _Paragraph(original.strip(), words, shape)
        if candidates:
            paragraph = _without_stock_sentences(paragraph, folded_paragraph, candidates)
        if paragraph.words:
            kept.append(paragraph)
    return _Analysis(tuple(kept), tuple(shapes))


def _without_stock_sentences(
    paragraph: _Paragraph, folded: str, candidates: list[StockPattern]
) -> _Paragraph:
    sentences = _SENTENCE_END_RE.split(paragraph.text)
    folded_sentences = _SENTENCE_END_RE.split(folded.strip())
    if len(folded_sentences) != len(sentences):
        folded_sentences = [_fold(sentence) for sentence in sentences]
    pairs = [
        (sentence, chunk)
        for sentence, chunk in zip(sentences, map(_WORD_RE.findall, folded_sentences), strict=True)
        if not _is_stock(_mask_numbers(chunk), candidates)
    ]
    if len(pairs) == len(sentences):
        return paragraph
    text = " ".join(sentence for sentence, _ in pairs)
    return _Paragraph(text, [word for _, chunk in pairs for word in chunk], paragraph.shape)


def mask_stock(text: str, extra_shapes: Collection[str] = ()) -> str:
    """Return ``text`` without stock sentences, page furniture and ``extra_shapes`` paragraphs.

    Paragraphs are the lines of ``text``. A paragraph goes when it is page
    furniture, matches a stock pattern as a whole, or has a shape listed in
    ``extra_shapes``; otherwise only its sentences that match a stock pattern go.
    The result is for comparison only; it is never what the store keeps.
    """
    shapes = frozenset(extra_shapes)
    return "\n".join(p.text for p in _masked(text) if p.shape not in shapes)


# -- exact comparison of two candidate texts ----------------------------------------------

# A reprint adds its own intro and footer: the shorter text is then almost wholly contained
# in the longer one although their Jaccard similarity is lower. Containment only counts
# between texts of comparable length, so a short brief quoted inside a long round-up is not
# taken for a copy of it.
COPY_CONTAINMENT = 0.9
COPY_SIZE_RATIO = 0.6


def copy_similarity(text_a: str, text_b: str, *, extra_shapes: Collection[str] = ()) -> float:
    """How much two texts are one article, from their exact word 5-gram shingle sets once
    both are masked (built-in stock and ``extra_shapes``): their Jaccard similarity, or the
    share of the shorter text contained in the longer when that is at least
    COPY_CONTAINMENT and the shorter is at least COPY_SIZE_RATIO of the longer."""
    shapes = frozenset(extra_shapes)

    def shingles(text: str) -> set[bytes]:
        return _shingles([w for p in _masked(text) if p.shape not in shapes for w in p.words])

    a, b = shingles(text_a), shingles(text_b)
    if not a or not b:
        return 0.0
    shared = len(a & b)
    jaccard = shared / len(a | b)
    small, large = sorted((len(a), len(b)))
    containment = shared / small
    if small / large >= COPY_SIZE_RATIO and containment >= COPY_CONTAINMENT:
        return max(jaccard, containment)
    return jaccard


# -- hashes and signatures -----------------------------------------------------------------------


def _digest(words: list[str]) -> str:
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()


def _hash_words(text: str, paragraphs: tuple[_Paragraph, ...]) -> list[str]:
    """Words the content hash is made of: the masked text, else the whole text.

    An article that is all stock (a bare tally update) must not collide with
    every other such article on the hash of an empty string.
    """
    return [word for p in paragraphs for word in p.words] or _words(text)


def content_hash(text: str) -> str:
    """SHA-256 hex of the folded words of ``text`` once the built-in stock is masked.

    Stable for a given FINGERPRINT_VERSION (learnt shapes play no part), so it
    tells whether an article's text changed between two fetches.
    """
    return _digest(_hash_words(text, _masked(text)))


@dataclass(frozen=True)
class Fingerprint:
    """What the store keeps to find copies of an article.

    ``signature`` is empty and ``band_keys`` is empty for a text without words.
    """

    content_hash: str
    signature: bytes  # NUM_PERM little-endian uint32 MinHash values
    band_keys: tuple[str, ...]  # f"{band:02d}:{16 hex digits}", BANDS of them


# CRC-32 rather than datasketch's default SHA-1: ten times cheaper per shingle, and
# datasketch's affine32 scheme runs every value through the MurmurHash3 finaliser first.
@functools.cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    seeded = MinHash(num_perm=NUM_PERM, seed=_MINHASH_SEED, scheme=_MINHASH_SCHEME)
    a, b = seeded.permutations
    return np.asarray(a), np.asarray(b)


def _shingles(words: list[str]) -> set[bytes]:
    if len(words) <= SHINGLE_SIZE:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {
        " ".join(words[i : i + SHINGLE_SIZE]).encode("utf-8")
        for i in range(len(words) - SHINGLE_SIZE + 1)
    }


def _signature(shingles: Iterable[bytes]) -> np.ndarray:
    minhash = MinHash(
        num_perm=NUM_PERM,
        seed=_MINHASH_SEED,
        scheme=_MINHASH_SCHEME,
        permutations=_permutations(),
        hashfunc=zlib.crc32,
    )
    minhash.update_batch(shingles)
    return np.asarray(minhash.hashvalues, dtype="<u4")


def _band_keys(values: np.ndarray) -> tuple[str, ...]:
    return tuple(
        f"{band:02d}:"
        + hashlib.blake2b(
            values[band * ROWS : (band + 1) * ROWS].tobytes(), digest_size=8
        ).hexdigest()
        for band in range(BANDS)
    )


def fingerprint(text: str, *, extra_shapes: Collection[str] = (), mask: bool = True) -> Fingerprint:
    """Content hash, MinHash signature and LSH band keys of ``text``.

    ``content_hash`` is always :func:`content_hash` of the text. The signature
    is computed on the text without its built-in stock and without paragraphs
    whose shape is in ``extra_shapes`` (the shapes a store learnt to be
    boilerplate for the source), falling back to less masking when that would
    leave nothing. ``mask=False`` signs the raw text; it exists to measure what
    masking buys and is not meant for the pipeline.
    """
    paragraphs = _masked(text)
    hash_words = _hash_words(text, paragraphs)
    if not mask:
        words = _words(text)
    elif extra_shapes:
        shapes = frozenset(extra_shapes)
        words = [w for p in paragraphs if p.shape not in shapes for w in p.words] or hash_words
    else:
        words = hash_words
    digest = _digest(hash_words)
    shingles = _shingles(words)
    if not shingles:
        return Fingerprint(content_hash=digest, signature=b"", band_keys=())
    values = _signature(shingles)
    return Fingerprint(
        content_hash=digest, signature=values.tobytes(), band_keys=_band_keys(values)
    )


def similarity(sig_a: bytes, sig_b: bytes) -> float:
    """Estimated Jaccard similarity of the 5-gram sets behind two signatures (0.0 to 1.0)."""
    if not sig_a or not sig_b:
        return 0.0
    if len(sig_a) != len(sig_b):
        raise ValueError(
            f"signatures differ in size ({len(sig_a)} and {len(sig_b)} bytes): they come from "
            "different FINGERPRINT_VERSIONs; recompute the older one with fingerprint()"
        )
    a = np.frombuffer(sig_a, dtype="<u4")
    b = np.frombuffer(sig_b, dtype="<u4")
    return float(np.count_nonzero(a == b)) / len(a)
