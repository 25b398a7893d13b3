from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from crawler.errors import ConfigError, RaqibError
from crawler.urls import InvalidURLError, canonicalize, canonicalize_for_source, host_of

ALIASES = {"news.sn4hr.org": "news.snhr.org", "syriahr.com": "www.syriahr.com"}
ARABIC_SLUG = "%D8%A7%D9%84%D9%85%D8%B1%D8%B5%D8%AF-%D8%A7%D9%84%D8%B3%D9%88%D8%B1%D9%8A"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # scheme and host case, http → https
        ("HTTPS://WWW.SyriaHR.COM/en/101171/", "https://www.syriahr.com/en/101171"),
        ("http://www.syriahr.com/en/101171/", "https://www.syriahr.com/en/101171"),
        # default ports go, other ports stay
        ("https://news.snhr.org:443/2024/05/04/x/", "https://news.snhr.org/2024/05/04/x"),
        ("http://news.snhr.org:80/2024/05/04/x/", "https://news.snhr.org/2024/05/04/x"),
        ("https://127.0.0.1:8765/post/", "https://127.0.0.1:8765/post"),
        # fragments
        ("https://www.syriahr.com/en/101171/#comments", "https://www.syriahr.com/en/101171"),
        # tracking parameters
        (
            "https://news.snhr.org/2024/05/04/x/?utm_source=tw&utm_medium=social&fbclid=AbC",
            "https://news.snhr.org/2024/05/04/x",
        ),
        (
            "https://www.syriahr.com/en/1/?gclid=1&mc_cid=2&mc_eid=3&_ga=4&igshid=5&ref=home",
            "https://www.syriahr.com/en/1",
        ),
        ("https://horrya.net/archives/1?doing_wp_cron=1714.5", "https://horrya.net/archives/1"),
        ("https://horrya.net/archives/1?UTM_Campaign=x", "https://horrya.net/archives/1"),
        # meaningful parameters stay, sorted
        ("https://www.syriahr.com/en/?p=140151", "https://www.syriahr.com/en?p=140151"),
        ("https://snhr.org/?page_id=7&lang=ar", "https://snhr.org/?lang=ar&page_id=7"),
        ("https://snhr.org/?p=123&utm_source=x", "https://snhr.org/?p=123"),
        ("https://example.org/search?q=b&a=2&a=1", "https://example.org/search?a=1&a=2&q=b"),
        # AMP variants
        ("https://www.syriahr.com/en/101171/amp/", "https://www.syriahr.com/en/101171"),
        ("https://www.syriahr.com/en/101171/amp", "https://www.syriahr.com/en/101171"),
        ("https://www.syriahr.com/en/101171/?amp=1", "https://www.syriahr.com/en/101171"),
        ("https://www.syriahr.com/en/101171/?amp", "https://www.syriahr.com/en/101171"),
        ("https://amp.example.org/news/a/", "https://example.org/news/a"),
        ("https://example.org/news/ampersand/", "https://example.org/news/ampersand"),
        # trailing slash: stripped except at the root
        ("https://www.alkarama.org/en/articles/x", "https://www.alkarama.org/en/articles/x"),
        ("https://www.alkarama.org/en/articles/x/", "https://www.alkarama.org/en/articles/x"),
        ("https://www.alkarama.org", "https://www.alkarama.org/"),
        ("https://www.alkarama.org/", "https://www.alkarama.org/"),
        # www is kept without an alias
        ("https://syriahr.com/en/1/", "https://syriahr.com/en/1"),
        # percent-encoding: case, unreserved characters, non-ASCII
        ("https://example.org/%7euser/%41bc", "https://example.org/~user/Abc"),
        ("https://example.org/a%2fb", "https://example.org/a%2Fb"),
        ("https://example.org/?q=a%20b", "https://example.org/?q=a+b"),
    ],
)
def test_canonicalize_rules(url: str, expected: str) -> None:
    assert canonicalize(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        f"https://www.syriahr.com/{ARABIC_SLUG}/",
        f"https://www.syriahr.com/{ARABIC_SLUG.lower()}/",
        f"http://www.syriahr.com/{ARABIC_SLUG.lower()}/amp/?utm_source=facebook",
        "https://www.syriahr.com/المرصد-السوري/",
    ],
)
def test_arabic_slug_variants_share_one_uppercase_encoded_form(url: str) -> None:
    assert canonicalize(url) == f"https://www.syriahr.com/{ARABIC_SLUG}"


def test_idn_host_is_stored_as_punycode_and_round_trips() -> None:
    unicode_form = canonicalize("https://مثال.إختبار/خبر/")
    assert unicode_form == canonicalize("https://xn--mgbh0fb.xn--kgbechtv/%D8%AE%D8%A8%D8%B1")
    assert unicode_form.isascii()
    assert canonicalize(unicode_form) == unicode_form
    assert host_of("https://مثال.إختبار/") == "xn--mgbh0fb.xn--kgbechtv"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.sn4hr.org/2024/05/04/x/", "https://news.snhr.org/2024/05/04/x"),
        ("http://syriahr.com/en/55223/", "https://www.syriahr.com/en/55223"),
        ("https://www.syriahr.com/en/55223/", "https://www.syriahr.com/en/55223"),
        ("https://NEWS.SN4HR.ORG./x", "https://news.snhr.org/x"),
        ("https://amp.news.sn4hr.org/x/amp/", "https://news.snhr.org/x"),
    ],
)
def test_aliases_map_hosts(url: str, expected: str) -> None:
    assert canonicalize(url, aliases=ALIASES) == expected


def test_alias_chains_are_followed() -> None:
    aliases = {"sn4hr.org": "news.sn4hr.org", "news.sn4hr.org": "news.snhr.org"}
    assert canonicalize("https://sn4hr.org/a", aliases=aliases) == "https://news.snhr.org/a"


def test_alias_cycle_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="cycle"):
        canonicalize("https://a.org/", aliases={"a.org": "b.org", "b.org": "a.org"})


def test_host_of() -> None:
    assert host_of("HTTP://News.SN4HR.org:8080/x") == "news.sn4hr.org"
    assert host_of("https://news.sn4hr.org/x", aliases=ALIASES) == "news.snhr.org"
    assert host_of("https://amp.example.org/x") == "example.org"


@pytest.mark.parametrize(
    "url",
    ["", "/2024/05/04/x/", "mailto:desk@example.org", "javascript:void(0)", "ftp://x.org/a",
     "https://", "https://exa mple.org/", "https://example.org:99999/"],
)  # fmt: skip
def test_rejects_what_cannot_name_an_article(url: str) -> None:
    with pytest.raises(InvalidURLError) as caught:
        canonicalize(url)
    assert isinstance(caught.value, RaqibError)
    assert isinstance(caught.value, ValueError)


_HOSTS = st.sampled_from(
    ["news.snhr.org", "WWW.SyriaHR.com", "amp.example.org", "horrya.net", "127.0.0.1",
     "مثال.إختبار", "news.sn4hr.org"]
)  # fmt: skip
_SEGMENTS = st.one_of(
    st.sampled_from(["amp", "AMP", "", ".", "..", "%d8%a7", "%D8%A7", "%7e", "a%2fb", "en"]),
    st.text(alphabet="abcXYZ019-_~.اسرصد %", min_size=1, max_size=8),
)
_PARAMS = st.lists(
    st.tuples(
        st.sampled_from(["p", "page_id", "utm_source", "amp", "ref", "q", "Q", "a b", "ق"]),
        st.text(alphabet="az09 %&=+/ص", max_size=5),
    ),
    max_size=4,
)


@st.composite
def _urls(draw: st.DrawFn) -> str:
    scheme = draw(st.sampled_from(["http", "https", "HTTP"]))
    host = draw(_HOSTS)
    port = draw(st.sampled_from(["", ":80", ":443", ":8080"]))
    path = "/".join(draw(st.lists(_SEGMENTS, max_size=5)))
    slash = draw(st.sampled_from(["", "/"]))
    query = "&".join(f"{name}={value}" for name, value in draw(_PARAMS))
    fragment = draw(st.sampled_from(["", "#top", "#%D8%A7"]))
    return f"{scheme}://{host}{port}/{path}{slash}" + (f"?{query}" if query else "") + fragment


@settings(max_examples=300, deadline=None)
@given(_urls())
def test_canonicalize_is_idempotent(url: str) -> None:
    once = canonicalize(url, aliases=ALIASES)
    assert canonicalize(once, aliases=ALIASES) == once
    assert once.startswith("https://")
    assert "#" not in once


@settings(max_examples=200, deadline=None)
@given(_urls())
def test_variants_collapse(url: str) -> None:
    assume(url == url.strip())  # surrounding whitespace is trimmed, so it must stay outermost
    base = canonicalize(url)
    assert canonicalize(url.replace("https://", "http://", 1)) == base
    noisy = url.split("#", 1)[0]
    noisy += ("&" if "?" in noisy else "?") + "utm_source=newsletter&fbclid=xyz"
    assert canonicalize(noisy) == base


def test_canonicalize_for_source_maps_aliases_to_the_source_host() -> None:
    url = canonicalize_for_source(
        "http://news.sn4hr.org/2024/05/04/x/?utm_source=rss",
        base_url="https://news.snhr.org/",
        aliases=["news.sn4hr.org"],
    )
    assert url == "https://news.snhr.org/2024/05/04/x"


def test_an_http_only_source_keeps_http() -> None:
    url = canonicalize_for_source(
        "https://127.0.0.1:8765/post/7/", base_url="http://127.0.0.1:8765/"
    )
    assert url == "http://127.0.0.1:8765/post/7"
    assert canonicalize(url, scheme="http") == url
