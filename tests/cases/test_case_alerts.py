"""Case update messages: the timeline in every format, page text made safe."""

from __future__ import annotations

from alerts.render import render_case
from crawler.cases.timeline import grouped

TIMELINE = [
    {"status": "arrested", "date": "2024-03-12", "reported": "2024-03-14", "source": "snhr-en",
     "lang": "en", "url": "https://news.example.org/a", "name": "Tal al-Mallohi"},
    {"status": "arrested", "date": "2024-03-12", "reported": "2024-07-20", "source": "sohr-ar",
     "lang": "ar", "url": "https://ar.example.org/b", "name": "طل الملوحي"},
    {"status": "disappeared", "date": None, "reported": "2024-07-20", "source": "sohr-ar",
     "lang": "ar", "url": "https://ar.example.org/b", "name": "طل الملوحي"},
    {"status": "died", "date": "2024-10-17", "reported": "2024-11-30", "source": "alkarama-fr",
     "lang": "fr", "url": "https://fr.example.org/c", "name": "Tal el-Mallouhi"},
]


def payload(**changes: object) -> dict:
    base = {"case_id": 7, "name": "Tal al-Mallohi",
            "names": ["Tal al-Mallohi", "طل الملوحي", "Tal el-Mallouhi"],
            "status": "died", "previous": "disappeared", "timeline": TIMELINE}
    return {**base, **changes}


def test_the_timeline_groups_sources_of_one_event() -> None:
    lines = grouped(TIMELINE)
    assert [(line.when, line.status, line.sources) for line in lines] == [
        ("2024-03-12", "arrested", ("snhr-en", "sohr-ar")),
        ("reported 2024-07-20", "disappeared", ("sohr-ar",)),
        ("2024-10-17", "died", ("alkarama-fr",)),
    ]


def test_every_format_carries_names_status_timeline_and_links() -> None:
    article = {"link": "https://fr.example.org/c", "url": "fr.example.org/c"}
    message = render_case(payload(), article)
    assert message.title == "Case update: Tal al-Mallohi - died"
    for body in (message.text, message.markdown, message.html):
        assert body is not None
        assert "طل الملوحي" in body
        assert "disappeared" in body
        assert "2024-10-17" in body.replace("\\-", "-")  # Markdown escapes the dashes
        for url in ("https://news.example.org/a", "https://ar.example.org/b",
                    "https://fr.example.org/c"):
            assert url in body
    assert "- 2024-03-12  arrested  (snhr-en, sohr-ar)" in message.text
    assert "[read the new report](https://fr.example.org/c)" in message.markdown


def test_page_text_in_a_case_message_is_made_safe() -> None:
    hostile = payload(name="<script>x</script> [click](https://evil.example) @everyone",
                      names=["<b>bold</b>"],
                      timeline=[{**TIMELINE[0], "url": "javascript:alert(1)"}])
    message = render_case(hostile, None)
    assert "<script>" not in (message.html or "")
    assert "&lt;script&gt;" in (message.html or "")
    assert "javascript:" not in (message.html or "") + message.text + (message.markdown or "")
    assert "](https://evil" not in (message.markdown or "")
    assert "@everyone" not in message.text
