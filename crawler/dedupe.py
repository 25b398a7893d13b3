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
from datasketch import MinHash

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
repeats an alert, so the threshold sits high. The tests place it: a changed
sentence or a different footer on a few-hundred-word article stays above 0.85,
while different reports from the same source stay below 0.2 once stock
paragraphs are masked (and reach 0.85 when they are not).
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
) -> tuple[re.Pattern[str], tuple[frozenset[str], ...]]:
    """The template's regex over shaped text, and the words it requires (any of each set)."""
    atoms: list[str] = []
    required: list[frozenset[str]] = []
    for piece in re.split(f"({_GAP}|#)", template):
        if piece == _GAP:
            atoms.append(rf"(?:\S+ ){{0,{_MAX_GAP_WORDS}}}")
        elif piece == "#":
            atoms.append("# ")
            required.append(frozenset({"#"}))
        else:
            for word in _shape_words(piece):
                if _is_arabic(word):
                    atoms.append(f"[{_CLITICS}]?{re.escape(word)} ")
                    required.append(frozenset({word, *(c + word for c in _CLITICS)}))
                else:
                    atoms.append(f"{re.escape(word)} ")
                    required.append(frozenset({word}))
    return re.compile(" " + "".join(atoms)), tuple(dict.fromkeys(required))


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
    required: tuple[frozenset[str], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        regex, required = _compile_template(self.template)
        object.__setattr__(self, "regex", regex)
        object.__setattr__(self, "required", required)

    def matches(self, text: str) -> bool:
        return self.matches_shape(_shape_words(text))

    def could_match(self, vocabulary: frozenset[str]) -> bool:
        """False when ``vocabulary`` (a set of shaped words) lacks a word the pattern needs."""
        return all(not options.isdisjoint(vocabulary) for options in self.required)

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


def paragraph_shapes(text: str) -> frozenset[str]:
    """The distinct shapes of the non-empty paragraphs of ``text`` (for counting)."""
    return frozenset(
        paragraph_shape(paragraph) for paragraph in text.split("\n") if _words(paragraph)
    )


def _is_furniture(shaped: list[str]) -> bool:
    if " ".join(shaped) in _BOILERPLATE_SHAPES:
        return True
    return all(word in _SHARE_WORDS for word in shaped)


def _is_stock(shaped: list[str], patterns: Iterable[StockPattern] = STOCK_PATTERNS) -> bool:
    return any(pattern.matches_shape(shaped) for pattern in patterns)


def _masked(text: str, extra_shapes: Collection[str]) -> list[tuple[str, list[str]]]:
    """(text, folded words) of each paragraph that survives masking.

    The text is folded once. Folding is character-local and keeps newlines,
    and words never span the whitespace after a full stop, so the folded
    paragraphs and sentences line up with the original ones; where a fold
    changes the sentence count (a compatibility full stop), that paragraph's
    sentences are folded one by one instead.
    """
    shapes = frozenset(extra_shapes)
    originals = text.split("\n")
    folded = _fold(text).split("\n")
    if len(folded) != len(originals):
        folded = [_fold(paragraph) for paragraph in originals]
    kept: list[tuple[str, list[str]]] = []
    for original, folded_paragraph in zip(originals, folded, strict=True):
        sentences = _SENTENCE_END_RE.split(original.strip())
        folded_sentences = _SENTENCE_END_RE.split(folded_paragraph.strip())
        if len(folded_sentences) != len(sentences):
            folded_sentences = [_fold(sentence) for sentence in sentences]
        chunks = [_WORD_RE.findall(sentence) for sentence in folded_sentences]
        words = [word for chunk in chunks for word in chunk]
        if not words:
            continue
        shaped = _mask_numbers(words)
        vocabulary = frozenset(shaped)
        candidates = [pattern for pattern in STOCK_PATTERNS if pattern.could_match(vocabulary)]
        if _is_furniture(shaped) or _is_stock(shaped, candidates):
            continue
        if shapes and _shape_hash(shaped) in shapes:
            continue
        if len(chunks) > 1 and candidates:
            pairs = [
                (sentence, chunk)
                for sentence, chunk in zip(sentences, chunks, strict=True)
                if not _is_stock(_mask_numbers(chunk), candidates)
            ]
            if not pairs:
                continue
            original = " ".join(sentence for sentence, _ in pairs)
            words = [word for _, chunk in pairs for word in chunk]
        kept.append((original.strip(), words))
    return kept


def mask_stock(text: str, extra_shapes: Collection[str] = ()) -> str:
    """Return ``text`` without stock sentences, page furniture and ``extra_shapes`` paragraphs.

    Paragraphs are the lines of ``text``. A paragraph goes when it is page
    furniture, matches a stock pattern as a whole, or has a shape listed in
    ``extra_shapes``; otherwise only its sentences that match a stock pattern go.
    The result is for comparison only; it is never what the store keeps.
    """
    return "\n".join(paragraph for paragraph, _ in _masked(text, extra_shapes))


# -- hashes and signatures -----------------------------------------------------------------------


def _comparable_words(text: str, extra_shapes: Collection[str], mask: bool) -> list[str]:
    """Words of the masked text; of the whole text when masking would leave nothing.

    An article that is all stock (a bare tally update) must not collide with
    every other such article on the hash of an empty string.
    """
    if mask:
        words = [word for _, chunk in _masked(text, extra_shapes) for word in chunk]
        if words:
            return words
    return _words(text)


def content_hash(text: str, *, extra_shapes: Collection[str] = ()) -> str:
    """SHA-256 hex of the folded, stock-masked words of ``text``.

    Keep ``extra_shapes`` empty for the hash that decides whether an article
    changed: learnt shapes grow over time and would change the hash of an
    unchanged text.
    """
    words = _comparable_words(text, extra_shapes, mask=True)
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()


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
    return seeded.permutations


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
    return minhash.hashvalues.astype("<u4", copy=False)


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

    ``mask=False`` compares the raw text (stock paragraphs included); it exists
    to measure what masking buys and is not meant for the pipeline.
    """
    words = _comparable_words(text, extra_shapes, mask)
    digest = hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()
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
