"""The only module that imports trafilatura: raw page bytes in, ``Extracted`` out.

Raw bytes, never Scrapy's decoded text: a server that labels a windows-1256 page as
UTF-8 makes decoded text unreadable, while trafilatura reads the bytes and the page's
own ``<meta charset>``.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

import trafilatura
from py3langid.langid import LanguageIdentifier

from classifiers.layout import drop_clutter
from crawler.errors import ExtractionError
from crawler.models import LANGS, Extracted, PageHints

logging.getLogger("trafilatura").setLevel(logging.WARNING)
logging.getLogger("htmldate").setLevel(logging.WARNING)

MIN_TEXT_CHARS = 80
EXTRACTOR = f"trafilatura {trafilatura.__version__}"
_SUFFIX_RE = re.compile(r"\s+[•|\-–—:]\s+[^•|\-–—:]{3,80}$")
_ARABIC_RE = re.compile(r"[\u0600-\u06FF]")
# Page chrome the real sources carry that the shared clutter rules do not name: a bare view
# count under the title (SOHR Arabic), cookie banners, press-contact footers (Alkarama),
# the PDF download line of SNHR's report pages. Matched against whole short lines only.
_CHROME_LINE = re.compile(
    r"^(?:[\d٠-٩][\d٠-٩,.\s]*(?:views?|مشاهدة|مشاهدات|vues)?"
    r"|(?:we use|this (?:web)?site uses|ce site utilise|nous utilisons|يستخدم هذا الموقع|"
    r"نستخدم) .{0,40}(?:cookies|témoins|ملفات تعريف الارتباط)\b.*"
    r"|accept(?: all)?|accepter|موافق|read more|en savoir plus"
    r"|for more information or an interview.*|pour plus d.informations.*"
    r"|للمزيد من المعلومات أو لإجراء مقابلة.*"
    r"|link below to download (?:the )?full report.*|للاطلاع على التقرير كاملاً.*)$",
    re.IGNORECASE)
_CHROME_WORDS = 40
# Language detection reads this much of the title and text: the language shows in the
# first paragraphs, and py3langid's cost grows with the length it reads.
LANG_SAMPLE_CHARS = 600


def extract(body: bytes, *, url: str, hints: PageHints | None = None,
            default_lang: str | None = None) -> Extracted:
    """Clean text and metadata of one article page.

    Hints from the feed or API win over what the page says for title and date: SNHR's
    Arabic pages start with the header's *current* date, and SNHR titles end with the
    event date. Raises ExtractionError when there is no article text.
    """
    hints = hints or PageHints()
    if hints.text is not None:
        return extract_listed(hints, url=url, default_lang=default_lang)
    if not body.strip():
        raise ExtractionError(f"{url}: the page is empty")
    try:
        document = trafilatura.bare_extraction(
            body, url=url, with_metadata=True, include_comments=False, include_tables=True,
            deduplicate=False, favor_recall=True,
        )
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        raise ExtractionError(f"{url}: the page could not be parsed ({exc})") from None
    if document is None:
        raise ExtractionError(f"{url}: no article text found (is it a listing or an error page?)")
    found = document if isinstance(document, dict) else document.as_dict()
    text = (found.get("text") or "").strip()
    page_title = (found.get("title") or "").strip()
    title = clean_title(hints.title or page_title, found.get("sitename"))
    text = clean_text(_drop_leading_title(text, title), title)
    if len(text) < MIN_TEXT_CHARS:
        raise ExtractionError(f"{url}: only {len(text)} characters of text; not an article page")
    return Extracted(
        title=title or text.split("\n", 1)[0][:200],
        text=text,
        published=hints.published or found.get("date"),
        lang=detect_language(f"{title}\n{text}", fallback=hints.lang or default_lang),
        author=found.get("author"),
        sitename=found.get("sitename"),
        canonical_url=hints.canonical_url or found.get("url"),
        description=found.get("description"),
        extractor=EXTRACTOR,
    )


def clean_title(title: str, sitename: str | None = None) -> str:
    """Drop a site-name suffix (" • The Syrian Observatory For Human Rights", " | SNHR")."""
    title = " ".join(title.split())
    if sitename and title.lower().endswith(sitename.lower()) and len(title) > len(sitename) + 3:
        title = title[: -len(sitename)].rstrip(" •|-–—:")
    match = _SUFFIX_RE.search(title)
    if match and any(word in match.group(0).lower() for word in
                     ("observatory", "network", "alkarama", "horrya", "press", "المرصد",
                      "الشبكة", "حرية", "الكرامة")):
        title = title[: match.start()]
    return title.strip()


def detect_language(text: str, *, fallback: str | None = None) -> str | None:
    """en, ar or fr from the text itself (an Alkarama /en/ path can hold French)."""
    sample = text[:LANG_SAMPLE_CHARS]
    if not sample.strip():
        return fallback
    letters = sum(map(str.isalpha, sample))
    if letters and sum(map(str.isalpha, _ARABIC_RE.findall(sample))) / letters > 0.4:
        return "ar"
    lang, _ = _identifier().classify(sample)
    if lang in LANGS:
        return lang
    return fallback


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    from crawler.langmodel import identifier

    return identifier(LANGS)


def clean_text(text: str, title: str) -> str:
    """The article text without the page chrome the real pages carry (issue 12): related
    teasers with their own dates and the page header above a repeated title, the title
    repeated at the end, skip links, "Available In", "Sorry Comments are closed" (which
    would make an Arabic page read as English), view counts, cookie banners and contact
    footers. The stored text is what classification and facts read, so it is cleaned here,
    once. Falls back to the uncleaned text if cleaning would leave nothing."""
    cleaned = drop_clutter(title, text)
    lines = [line for line in cleaned.split("\n")
             if not (len(line.split()) <= _CHROME_WORDS and _CHROME_LINE.match(line.strip()))]
    result = "\n".join(lines).strip()
    return result if result else text


def _drop_leading_title(text: str, title: str) -> str:
    first, _, rest = text.partition("\n")
    if title and first.strip() == title.strip() and rest.strip():
        return rest.strip()
    return text


LISTED_EXTRACTOR = "listing text (the post as its channel's preview shows it)"
_TITLE_CHARS = 120
_LANG_MIN_WORDS = 3


def extract_listed(hints: PageHints, *, url: str, default_lang: str | None = None) -> Extracted:
    """A post that the listing carries whole (``hints.text``, e.g. a Telegram post): its
    own text, never the listing around it. Short posts (a link, a photo caption) are kept:
    no minimum length. The title is the post's first line, cut at a word near 120
    characters; the language is detected from the text once it has a few words, else the
    source's."""
    text = "\n".join(line.strip() for line in (hints.text or "").splitlines())
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    if not text:
        raise ExtractionError(f"{url}: the post has no text")
    fallback = hints.lang or default_lang
    words = re.findall(r"[^\W\d_]{2,}", re.sub(r"https?://\S+", " ", text))
    lang = detect_language(text, fallback=fallback) if len(words) >= _LANG_MIN_WORDS else (
        fallback or detect_language(text))
    return Extracted(title=hints.title or _first_line_title(text), text=text,
                     published=hints.published, lang=lang,
                     canonical_url=hints.canonical_url, extractor=LISTED_EXTRACTOR)


def _first_line_title(text: str) -> str:
    first = " ".join(text.split("\n", 1)[0].split())
    if len(first) <= _TITLE_CHARS:
        return first
    cut = first[:_TITLE_CHARS].rsplit(" ", 1)[0]
    return (cut or first[:_TITLE_CHARS]) + "…"
