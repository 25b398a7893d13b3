"""Alert messages: crawled text made safe, then rendered by Jinja2 templates in three formats.

Every string that came from a crawled page goes through ``clean`` (control and bidi-override
characters removed, chat mass mentions defused, URL schemes and domain names defanged so
nothing is auto-linked), then the format's own escaping: HTML templates autoescape; Markdown
templates escape every ``{{ }}`` output through ``finalize`` unless raqib built it
(``MdSafe``); links are built here, only from the stored http(s) article URL.

Templates live in ``alerts/templates``; a directory named by ``$RAQIB_TEMPLATES`` is searched
first, so an organisation can restyle messages by copying and editing the files.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from crawler.models import LABELS

TEMPLATES = Path(__file__).parent / "templates"
TEMPLATES_ENV = "RAQIB_TEMPLATES"

LABEL_NAMES: dict[str, tuple[str, str]] = {
    "torture_death": ("death under torture", "deaths under torture"),
    "enforced_disappearance": ("enforced disappearance", "enforced disappearances"),
    "arbitrary_arrest": ("arrest", "arrests"),
    "release": ("release", "releases"),
}
PERPETRATOR_NAMES = {
    "syrian_regime": "Syrian regime (Assad government)",
    "transitional_authorities": "transitional authorities",
    "isis": "ISIS",
    "hts": "Hay'at Tahrir al-Sham (HTS)",
    "sdf": "Syrian Democratic Forces (SDF)",
    "armed_opposition": "armed opposition",
    "unknown": "unknown",
    "other": "other",
}
CONTENT_NOTE = "Content note: this report contains descriptions of torture and death in detention."

# Words that made the classifier fire, shown in bold (or *between stars* in plain text).
KEY_WORDS = (
    r"tortur\w*|died|death\w*|killed|detention|detainee\w*|custody|prison\w*|"
    r"disappear\w*|whereabouts|fate|missing|arrest\w*|detained|abduct\w*|kidnap\w*|raid\w*|"
    r"releas\w*|freed|amnesty|"
    r"décès|décéd\w*|mort\w*|disparu\w*|disparition\w*|arrêt\w*|arrestation\w*|libér\w*|"
    r"\w*تعذيب\w*|\w*توفي\w*|\w*وفاة\w*|\w*مقتل\w*|\w*اعتقل\w*|\w*اعتقال\w*|\w*احتجاز\w*|"
    r"\w*سجن\w*|\w*اختفاء\w*|\w*مختف\w*|\w*مجهول\w*|\w*مصير\w*|\w*إفراج\w*|\w*أفرج\w*|"
    r"\w*إطلاق سراح\w*"
)
_KEY_RE = re.compile(rf"(?<!\w)(?:{KEY_WORDS})(?!\w)", re.IGNORECASE)
_ARABIC_RE = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_LATIN_RE = re.compile(r"[A-Za-zÀ-ÿ]")
_MENTION_RE = re.compile(r"([@＠])(everyone|here|channel|all|room)\b", re.IGNORECASE)
_SLACK_MENTION_RE = re.compile(r"<!(everyone|here|channel)>", re.IGNORECASE)
_SCHEME_RE = re.compile(r"\b(https?|ftp|javascript|data|vbscript|file|mailto)(:)", re.IGNORECASE)
# A host name in running text (``www.evil-phish.example/login``), which chat clients link
# even without a scheme. The last label must be all lower or all upper case, so a missing
# space after a full stop ("detention.The") is left alone.
_DOMAIN_RE = re.compile(
    r"(?<![\w.-])((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+([a-z]{2,24}|xn--[a-z0-9-]{1,59}))"
    r"(?![\w-])", re.IGNORECASE)
_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~&=])")
ZWSP = "\u200b"
RLM = "\u200f"


# -- making page text safe -------------------------------------------------------------------

def clean(value: Any) -> str:
    """Page text fit for any format: no control or bidi-override characters, mentions defused,
    URL schemes and host names defanged (``https[:]//evil[.]example``) so no client turns
    page text into a link."""
    if value is None:
        return ""
    text = str(value).translate(_BIDI_CONTROLS)
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")
    text = _SLACK_MENTION_RE.sub(lambda m: f"<!{ZWSP}{m.group(1)}>", text)
    text = _MENTION_RE.sub(lambda m: f"{m.group(1)}{ZWSP}{m.group(2)}", text)
    text = _SCHEME_RE.sub(lambda m: f"{m.group(1)}[:]", text)
    return _DOMAIN_RE.sub(_defang_host, text)


def _defang_host(match: re.Match[str]) -> str:
    host, last = match.group(1), match.group(2)
    if not (last.islower() or last.isupper()):
        return host
    return host.replace(".", "[.]")


def one_line(value: Any, limit: int = 300) -> str:
    text = " ".join(clean(value).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def safe_url(url: Any) -> str | None:
    """The URL if it is a plain http(s) URL raqib can link to, else None."""
    if not isinstance(url, str):
        return None
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    if any(ch.isspace() or unicodedata.category(ch) == "Cc" for ch in url.strip()):
        return None
    return quote(url.strip(), safe=":/?#[]@!$&'*+,;=%~-._")


def is_arabic(text: str) -> bool:
    """Whether Arabic letters outnumber Latin ones (such a block is shown right-to-left)."""
    return len(_ARABIC_RE.findall(text)) > len(_LATIN_RE.findall(text))


class MdSafe(str):
    """Markdown raqib built itself (links, emphasis); passed through unescaped."""


def escape_markdown(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


# -- view models ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Segment:
    text: str
    key: bool = False


@dataclass(frozen=True)
class Evidence:
    label: str
    segments: tuple[Segment, ...]
    rtl: bool


@dataclass(frozen=True)
class Item:
    """One article as messages show it; every page-derived string already ``clean``."""

    article_id: int | None
    title: str
    title_rtl: bool
    url: str | None
    source: str
    lang: str
    date: str
    labels: tuple[str, ...]  # label keys, in LABELS order
    label_names: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    facts: tuple[tuple[str, str, bool], ...]  # (name, value, rtl)
    removed: bool = False

    @property
    def primary(self) -> str:
        return self.labels[0] if self.labels else ""

    @property
    def md_link(self) -> MdSafe:
        return markdown_link(self.url)


def markdown_link(url: str | None, text: str = "read the report") -> MdSafe:
    """A Markdown link raqib builds from a ``safe_url``; empty without a URL."""
    if not url:
        return MdSafe("")
    return MdSafe(f"[{escape_markdown(text)}]({url.replace('(', '%28').replace(')', '%29')})")


def label_name(label: str, count: int = 1) -> str:
    singular, plural = LABEL_NAMES.get(label, (label, label))
    return singular if count == 1 else plural


def ordered_labels(labels: Iterable[str]) -> tuple[str, ...]:
    wanted = set(labels)
    return tuple(label for label in LABELS if label in wanted) + tuple(
        sorted(wanted - set(LABELS)))


def segments(sentence: str) -> tuple[Segment, ...]:
    parts: list[Segment] = []
    position = 0
    for match in _KEY_RE.finditer(sentence):
        if match.start() > position:
            parts.append(Segment(sentence[position:match.start()]))
        parts.append(Segment(match.group(0), key=True))
        position = match.end()
    if position < len(sentence):
        parts.append(Segment(sentence[position:]))
    return tuple(parts)


def make_item(article: dict[str, Any] | None, labels: Sequence[str] = (), *,
              max_evidence: int = 2, evidence_first: Sequence[str] = ()) -> Item:
    """The view of one stored article for the labels a channel is told about; evidence is
    taken label by label, those in ``evidence_first`` first (a digest quotes the sentence of
    the label it shows the report under)."""
    article = article or {}
    keys = ordered_labels(labels or article.get("labels") or ())
    evidence_map = article.get("evidence") or {}
    evidence: list[Evidence] = []
    seen: set[str] = set()
    rank = {label: n for n, label in enumerate(evidence_first)}
    for label in sorted(keys, key=lambda key: rank.get(key, len(rank))):
        for sentence in evidence_map.get(label, [])[:1]:
            text = one_line(sentence, 400)
            if text and text not in seen and len(evidence) < max_evidence:
                seen.add(text)
                evidence.append(Evidence(label_name(label), segments(text),
                                         article.get("lang") == "ar" or is_arabic(text)))
    title = one_line(article.get("title") or "(untitled)", 300)
    arabic = article.get("lang") == "ar"
    probable = set(article.get("probable") or ())
    return Item(
        article_id=article.get("id"),
        title=title,
        title_rtl=arabic or is_arabic(title),
        url=safe_url(article.get("link") or article.get("url")),  # as published
        source=one_line(article.get("source") or "", 80),
        lang=one_line(article.get("lang") or "", 8),
        date=one_line((article.get("published") or article.get("first_seen") or "")[:10], 10),
        labels=keys,
        label_names=tuple(label_name(label) + (" (probable)" if label in probable else "")
                          for label in keys),
        evidence=tuple(evidence),
        facts=_facts(article.get("facts") or {}),
        removed=bool(article.get("removed_at")),
    )


def _facts(facts: dict[str, Any]) -> tuple[tuple[str, str, bool], ...]:
    shown: list[tuple[str, str, bool]] = []

    def add(name: str, value: Any) -> None:
        text = one_line(value, 300)
        if text:
            shown.append((name, text, is_arabic(text)))

    victims = facts.get("victims") or []
    if isinstance(victims, list) and victims:
        more = f" and {len(victims) - 10} more" if len(victims) > 10 else ""
        add("Victims", ", ".join(str(v) for v in victims[:10]) + more)
    if facts.get("governorate"):
        add("Place", facts["governorate"])
    if facts.get("perpetrator"):
        add("Perpetrator", PERPETRATOR_NAMES.get(str(facts["perpetrator"]),
                                                 str(facts["perpetrator"])))
    if facts.get("death_date"):
        add("Date of death", facts["death_date"])
    if facts.get("arrest_date"):
        add("Date of arrest", facts["arrest_date"])
    counts = facts.get("counts") or []
    if isinstance(counts, list) and counts:
        # the numbers the report states (tallies included), not facts of the victims above
        cited = (f"{c:,}" if isinstance(c, int) else str(c) for c in counts[:6])
        add("Figures cited", ", ".join(cited))
    return tuple(shown)


# -- rendering ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Message:
    title: str
    text: str
    html: str | None = None
    markdown: str | None = None


@dataclass
class Templates:
    """The three Jinja2 environments (text, HTML with autoescape, Markdown with escaping)."""

    directories: list[Path] = field(default_factory=list)

    def __post_init__(self) -> None:
        override = os.environ.get(TEMPLATES_ENV)
        search = [*self.directories, *([Path(override)] if override else []), TEMPLATES]
        loader = FileSystemLoader([str(p) for p in search])
        common: dict[str, Any] = {"loader": loader, "undefined": StrictUndefined,
                                  "trim_blocks": True, "lstrip_blocks": True,
                                  "keep_trailing_newline": True}
        self.text = Environment(autoescape=False, finalize=_text_finalize, **common)
        self.html = Environment(autoescape=True, **common)
        self.markdown = Environment(autoescape=False, finalize=_md_finalize, **common)
        self.markdown.globals["notice_link"] = lambda url: markdown_link(url, "link")
        for env in (self.text, self.html, self.markdown):
            env.globals.update(RLM=RLM)
            env.filters["plural"] = label_name

    def render(self, name: str, context: dict[str, Any]) -> Message:
        return Message(
            title=context["subject"],
            text=_tidy(self.text.get_template(f"{name}.txt.j2").render(context)),
            html=self.html.get_template(f"{name}.html.j2").render(context),
            markdown=_tidy(self.markdown.get_template(f"{name}.md.j2").render(context)),
        )


def _text_finalize(value: Any) -> Any:
    return "" if value is None else value


def _md_finalize(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, MdSafe | int | float):
        return value
    return escape_markdown(str(value))


def _tidy(text: str) -> str:
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


_templates: Templates | None = None


def templates() -> Templates:
    global _templates
    if _templates is None:
        _templates = Templates()
    return _templates


def subject_for(item: Item, prefix: str = "") -> str:
    labels = ", ".join(item.label_names) or "report"
    subject = f"{prefix}[{labels}] {item.title}"
    return one_line(subject, 200)


def render_article(article: dict[str, Any] | None, labels: Sequence[str], *, kind: str,
                   content_note: bool, payload: dict[str, Any] | None = None) -> Message:
    """One immediate alert: a new article ('article'), newly added labels ('update') or a
    report taken down at its source ('removal')."""
    item = make_item(article, labels)
    prefix = {"update": "Update: ", "removal": "Removed at source: "}.get(kind, "")
    context = {
        "subject": subject_for(item, prefix),
        "kind": kind,
        "item": item,
        "note": CONTENT_NOTE if content_note and "torture_death" in item.labels else "",
        "how": _how_removed(payload or {}),
    }
    return templates().render("alert", context)


def _how_removed(payload: dict[str, Any]) -> str:
    """How the source said a report is gone: the ingestor's reason (a redirect to the front
    page, a 'page not found' page), else the HTTP status."""
    reason = one_line(payload.get("reason") or "", 80)
    status = one_line(payload.get("status") or "", 10)
    return reason or (f"HTTP {status}" if status else "")


# How much of a watch entry's note an alert shows (`raqib watch merge` says so when a merged
# note is longer).
WATCH_NOTE_CHARS = 300


def render_watch(article: dict[str, Any] | None, *, watched: str | None, entry: int | None,
                 watch_note: str = "", content_note: bool) -> Message:
    """A watchlist alert, to the entry's own channel only. The subject, which mail clients
    and phones show in previews, names the report, never the watched person; the body
    does. ``watched`` is None when the entry was removed after the alert was queued."""
    item = make_item(article, (article or {}).get("labels") or ())
    name = one_line(watched, 200) if watched else "(a name since removed from the watchlist)"
    context = {
        "subject": one_line(f"Watchlist: {item.title}", 200),
        "item": item,
        "watched": name,
        "watched_rtl": is_arabic(name),
        "entry": entry,
        "watch_note": one_line(watch_note, WATCH_NOTE_CHARS),
        "note": CONTENT_NOTE if content_note and "torture_death" in item.labels else "",
    }
    return templates().render("watch", context)


def render_health(payload: dict[str, Any]) -> Message:
    """A source-health notice (failing / silent / recovered)."""
    source = one_line(payload.get("source") or "a source", 80)
    state = one_line(payload.get("state") or "changed", 40)
    context = {
        "subject": one_line(f"raqib: source {source} is {state}", 200),
        "source": source,
        "state": state,
        "detail": one_line(payload.get("detail") or payload.get("message") or "", 600),
        "since": one_line(payload.get("since") or "", 40),
    }
    return templates().render("health", context)


def render_test(channel_name: str, when: str) -> Message:
    context = {"subject": f"raqib: test message for channel {channel_name}",
               "channel": channel_name, "when": when}
    return templates().render("test", context)


def render_case(payload: dict[str, Any], article: dict[str, Any] | None) -> Message:
    """A case whose status a new report changed: the person's names, the status before and
    after, the timeline (one line per date and status, with its sources) and the reports."""
    from crawler.cases.timeline import grouped

    names = [one_line(n, 120) for n in payload.get("names") or []]
    name = one_line(payload.get("name") or (names[0] if names else "a person"), 120)
    status = one_line(payload.get("status") or "changed", 20)
    timeline = [
        {"when": one_line(line.when, 30), "status": one_line(line.status, 20),
         "sources": [one_line(s, 60) for s in line.sources]}
        for line in grouped(payload.get("timeline") or [])
    ]
    reports: dict[str, dict[str, Any]] = {}
    for event in payload.get("timeline") or []:
        url = safe_url(event.get("url"))
        if url and url not in reports:
            reports[url] = {"source": one_line(event.get("source"), 60), "url": url,
                            "md_link": markdown_link(url, "report")}
    link = safe_url((article or {}).get("link") or (article or {}).get("url"))
    context = {
        "subject": one_line(f"Case update: {name} - {status}", 200),
        "case_id": int(payload.get("case_id") or 0),
        "name": name,
        "others": [n for n in names if n != name],
        "status": status,
        "previous": one_line(payload.get("previous") or "", 20),
        "timeline": timeline,
        "reports": list(reports.values()),
        "link": link or "",
        "md_link": markdown_link(link, "read the new report"),
    }
    return templates().render("case", context)
