"""A loopback mirror of Telegram's channel web preview (``/s/<channel>``), for the
``telegram`` spider's tests.

The page is shaped like the real preview: about 20 posts oldest first, each a
``div.tgme_widget_message[data-post]`` with its text, views, an "edited" mark once edited,
a "Forwarded from" header on forwards, a photo on captioned posts, and its date link to
``/<channel>/<id>``; a "more" link ``?before=<id>`` (and ``<link rel="prev">``) while older
posts exist. Two fictional channels are served: ``sy_rights_watch`` (45 posts in English
and Arabic, short ones among them) and ``south_sy_network`` (a forward and a signed copy of
the first channel's posts, and posts of its own). Every text is the project's own writing.

An edit is marked as the real page marks it, by the word "edited" opening the meta line
before the date link: independent public scrapers of the preview read it so (one tests that
the meta span's text starts with "edited", another that its first word is). No page of the
real site is at hand offline to confirm it, so ``edited_mark = "element"`` serves the mark
as an element of its own instead, and the spider is tested against both.

``/robots.txt`` answers 404, as t.me's does in several independent public reports (which
also saw 40 back-to-back ``?before=`` pages answered 200, with no 429). ``robots`` serves
a file instead, to test that rules would be obeyed if t.me published some.

    with TelegramMirror() as tg:
        url = tg.preview("sy_rights_watch")    # http://127.0.0.1:PORT/s/sy_rights_watch
        tg.edit("sy_rights_watch", 108, "new text")
        tg.add("sy_rights_watch", "a new post")
        tg.requests                            # every request received
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from html import escape
from types import TracebackType
from urllib.parse import parse_qs, urlsplit

from crawler.mirror.server import Request, RequestRecord, Response, SiteServer

PAGE_SIZE = 20
ANCHOR = datetime(2026, 3, 20, 9, 0, tzinfo=UTC)  # the newest post of the first channel
STEP = timedelta(hours=7)

WATCH = "sy_rights_watch"
SOUTH = "south_sy_network"


@dataclass(frozen=True)
class MirrorPost:
    id: int
    text: str  # plain text; "\n" becomes <br/>, URLs become links
    published: datetime
    edited: bool = False
    forwarded_from: tuple[str, str] | None = None  # (channel title, link of the original)
    photo: bool = False
    views: int = 0


# The first channel's own posts, by id: (text, has a photo). Ids in between are fillers.
WATCH_POSTS: dict[int, tuple[str, bool]] = {
    101: ("Regime security forces arrested Khaled Mansour, 34, at a checkpoint near Nawa in "
          "rural Daraa on Tuesday morning. His family has had no word of where he was taken.",
          False),
    104: ("اعتقلت دورية تابعة لفرع الأمن العسكري الشاب عمر الزعبي من منزله في مدينة طفس "
          "بريف درعا الغربي فجر اليوم، دون إبراز أي مذكرة توقيف.", False),
    112: ("Rania Saleh was released from Adra prison on Sunday after more than three years "
          "held without trial. She reached her family's home in Jaramana in the evening.",
          False),
    118: ("توفي المعتقل سامر العلي تحت التعذيب في أحد سجون النظام بعد أربع سنوات من اعتقاله، "
          "وأُبلغت عائلته بوفاته عبر دائرة النفوس دون تسليم جثمانه.", False),
    123: ("The family of Yousef Darwish says he has been missing since security men took him "
          "from his home in Homs in 2019; the authorities deny holding him and refuse to "
          "disclose his fate or whereabouts.", False),
    127: ("Arrested.", False),
    131: ("https://example.org/reports/daraa-checkpoints", False),
    134: ("Checkpoint at the northern entrance of Jasim this morning", True),
    137: ("Mahmoud al-Hassan, a teacher from Douma, died under torture in a detention facility "
          "in Damascus, his relatives said; they were told to collect his identity card from "
          "the military police.", False),
    140: ("أفرجت السلطات عن المعتقلة هدى الخطيب بعد عامين من احتجازها في سجن عدرا المركزي، "
          "ووصلت إلى منزل عائلتها في حمص مساء أمس.", False),
    143: ("Unconfirmed reports of raids in the town of Sanamayn tonight.", False),
    145: ("اعتقال", False),
}
# The text post 143 takes when the test edits it.
WATCH_EDIT = (143, "Update: security forces raided homes in Sanamayn tonight and arrested four "
                   "young men from the Khalil family, according to local sources.")
WATCH_GAPS = frozenset({109, 121})  # deleted posts: ids the preview never shows

_TOWNS = ("Nawa", "Inkhil", "Busra", "Shahba", "Salkhad", "Jasim", "Dael", "Tafas", "Izra",
          "Sanamayn", "Qrayya", "Harak")
_FILLERS = (
    "Bread is dearer again in {town}: a bundle now costs {n} pounds at the municipal bakery "
    "and people queued from before dawn.",
    "انقطعت الكهرباء عن أحياء {town} لأكثر من {n} ساعة اليوم، ويطالب الأهالي مجلس البلدة "
    "بإصلاح خط التغذية الرئيسي.",
    "Farmers around {town} say the wheat harvest is {n} percent below last year after a dry "
    "spring and the cost of diesel for the pumps.",
    "افتتحت مدرسة جديدة في {town} تتسع لنحو {n} طالب بعد أشهر من أعمال الترميم التي موّلها "
    "أبناء البلدة في المغترب.",
)


def _filler(index: int) -> str:
    template = _FILLERS[index % len(_FILLERS)]
    town = _TOWNS[(index // len(_FILLERS) + index) % len(_TOWNS)]
    return template.format(town=town, n=12 + 7 * index)


def watch_channel() -> list[MirrorPost]:
    posts = []
    ids = [i for i in range(101, 146) if i not in WATCH_GAPS]
    for index, post_id in enumerate(ids):
        text, photo = WATCH_POSTS.get(post_id, (_filler(index), False))
        published = ANCHOR - STEP * (ids[-1] - post_id)
        posts.append(MirrorPost(post_id, text, published, photo=photo, views=40 * post_id))
    return posts


def south_channel(base: str) -> list[MirrorPost]:
    watch = {post.id: post for post in watch_channel()}
    moment = ANCHOR + timedelta(hours=2)
    return [
        MirrorPost(51, _filler(3), moment - timedelta(days=3), views=900),
        MirrorPost(52, watch[104].text, moment - timedelta(days=2), views=1300,
                   forwarded_from=("Syria Rights Watch", f"{base}/{WATCH}/104")),
        MirrorPost(53, watch[137].text + "\n\nFollow the network: @south_sy_network",
                   moment - timedelta(days=1), views=2100),
        MirrorPost(54, "Fadi Nasser returned to his family in Bosra after eight months in "
                       "detention at the Military Security branch in Suwayda; he was released "
                       "without charge.", moment, views=700),
        MirrorPost(55, "", moment + timedelta(hours=1), photo=True, views=300),
    ]


class TelegramMirror:
    """The preview of each channel served on one loopback port (a context manager)."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.host = host
        self.requests: list[RequestRecord] = []
        self.edited_mark = "text"  # or "element": see the module docstring
        self.robots: str | None = None  # None: no robots.txt (404), as t.me answers
        self.channels: dict[str, list[MirrorPost]] = {}
        self.titles = {WATCH: "Syria Rights Watch", SOUTH: "South Syria Network"}
        self._lock = threading.Lock()
        self._server: SiteServer | None = None

    # -- life cycle ---------------------------------------------------------------------

    def start(self) -> TelegramMirror:
        if self._server is None:
            self._server = SiteServer("telegram", self, self.requests, host=self.host)
            self.channels = {WATCH: watch_channel(), SOUTH: south_channel(self.base_url)}
            self._server.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.stop()
            self._server = None

    def __enter__(self) -> TelegramMirror:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    # -- where things are ---------------------------------------------------------------

    @property
    def base_url(self) -> str:
        if self._server is None:
            raise RuntimeError("the telegram mirror is not started; call start() or use `with`")
        return self._server.base_url

    def preview(self, channel: str) -> str:
        return f"{self.base_url}/s/{channel}"

    def link(self, channel: str, post_id: int) -> str:
        return f"{self.base_url}/{channel}/{post_id}"

    def post(self, channel: str, post_id: int) -> MirrorPost:
        return next(p for p in self.channels[channel] if p.id == post_id)

    def source(self, channel: str, name: str, lang: str | None = None) -> dict[str, object]:
        table: dict[str, object] = {"name": name, "spider": "telegram",
                                    "url": self.preview(channel), "every": "15m"}
        if lang:
            table["lang"] = lang
        return table

    # -- changing what the channels show ------------------------------------------------

    def edit(self, channel: str, post_id: int, text: str) -> None:
        with self._lock:
            self.channels[channel] = [replace(p, text=text, edited=True) if p.id == post_id
                                      else p for p in self.channels[channel]]

    def open_channel(self, name: str, title: str | None = None) -> str:
        """Serve another channel (a catalogue entry's @name) with the first channel's posts;
        returns its preview URL."""
        with self._lock:
            self.channels[name] = watch_channel()
            self.titles[name] = title or name
        return self.preview(name)

    def add(self, channel: str, text: str, *, published: datetime | None = None) -> int:
        with self._lock:
            posts = self.channels[channel]
            post_id = max(p.id for p in posts) + 1
            moment = published or max(p.published for p in posts) + timedelta(hours=1)
            posts.append(MirrorPost(post_id, text, moment, views=10))
            return post_id

    # -- serving ------------------------------------------------------------------------

    def __call__(self, request: Request) -> Response:
        if request.path == "/robots.txt":
            if self.robots is None:
                return Response(404, b"<html><body>Not found</body></html>")
            return Response(200, self.robots.encode(), content_type="text/plain; charset=utf-8")
        parts = [p for p in request.path.split("/") if p]
        if len(parts) == 2 and parts[0] == "s" and parts[1] in self.channels:
            before = request.arg("before")
            return Response(200, self.render(parts[1], int(before) if before and
                                             before.isdigit() else None).encode("utf-8"))
        return Response(404, b"<html><body>Not found</body></html>")

    def render(self, channel: str, before: int | None) -> str:
        with self._lock:
            posts = sorted(self.channels[channel], key=lambda p: p.id)
        older = [p for p in posts if before is None or p.id < before]
        shown = older[-PAGE_SIZE:]
        title = escape(self.titles.get(channel, channel))
        more = ""
        prev = ""
        if shown and len(older) > len(shown):
            first = shown[0].id
            more = (f'<div class="tme_messages_more_wrap"><a class="tme_messages_more '
                    f'js-messages_more" data-before="{first}" href="/s/{channel}?before='
                    f'{first}"></a></div>')
            prev = f'<link rel="prev" href="/s/{channel}?before={first}">'
        body = "\n".join(self._post_html(channel, post) for post in shown)
        return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title} – '
                f'Telegram</title><meta property="og:title" content="{title}">'
                f'<link rel="canonical" href="{self.base_url}/s/{channel}">{prev}</head>'
                f'<body class="widget_frame_base tgme_webpreview"><header class="tgme_header">'
                f'<div class="tgme_header_title">{title}</div></header><main class="tgme_main">'
                f'<section class="tgme_channel_history js-message_history">{more}{body}'
                "</section></main></body></html>")

    def _post_html(self, channel: str, post: MirrorPost) -> str:
        forwarded = ""
        if post.forwarded_from:
            name, link = post.forwarded_from
            forwarded = ('<div class="tgme_widget_message_forwarded_from accent_color">'
                         f'Forwarded from <a class="tgme_widget_message_forwarded_from_name" '
                         f'href="{escape(link)}"><span>{escape(name)}</span></a></div>')
        photo = ('<a class="tgme_widget_message_photo_wrap" href="#" style="width:320px;'
                 "background-image:url('/file/photo.jpg')\"></a>" if post.photo else "")
        text = ""
        if post.text:
            text = ('<div class="tgme_widget_message_text js-message_text" dir="auto">'
                    f"{_text_html(post.text)}</div>")
        edited = ""
        if post.edited:
            edited = ('<span class="tgme_widget_message_edited">edited</span> '
                      if self.edited_mark == "element" else "edited ")
        stamp = post.published.isoformat()
        return (f'<div class="tgme_widget_message_wrap js-widget_message_wrap">'
                f'<div class="tgme_widget_message text_not_supported_wrap js-widget_message" '
                f'data-post="{channel}/{post.id}" data-view="v{post.id}">'
                f'<div class="tgme_widget_message_bubble">{forwarded}{photo}{text}'
                '<div class="tgme_widget_message_footer compact js-message_footer">'
                '<div class="tgme_widget_message_info short js-message_info">'
                f'<span class="tgme_widget_message_views">{_views(post.views)}</span>'
                f'<span class="tgme_widget_message_meta">{edited}<a class="tgme_widget_message_'
                f'date" href="{self.link(channel, post.id)}"><time datetime="{stamp}" '
                f'class="time">{post.published:%H:%M}</time></a></span></div></div></div></div>'
                "</div>")


def _text_html(text: str) -> str:
    lines = []
    for line in text.split("\n"):
        words = [f'<a href="{escape(w)}" target="_blank" rel="noopener">{escape(w)}</a>'
                 if w.startswith(("http://", "https://")) else escape(w)
                 for w in line.split(" ")]
        lines.append(" ".join(words))
    return "<br/>".join(lines)


def _views(count: int) -> str:
    return f"{count / 1000:.1f}K" if count >= 1000 else str(count)


def before_of(target: str) -> int | None:
    """The ``before`` id of a request target (``/s/x?before=12``), for tests."""
    values = parse_qs(urlsplit(target).query).get("before")
    return int(values[0]) if values else None
