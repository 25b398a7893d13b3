"""Digests: counts, grouping by label then source, each flagged report once, RTL, sending."""

from __future__ import annotations

import re
from datetime import timedelta

from support.smtp import SmtpServer

from alerts.digest import build_digests, send_digests
from alerts.dispatch import dispatch_pending
from crawler.store import utcnow

DEATH = "A detainee died under torture in a prison in Homs, a relative said on Sunday."
ARREST = "Security forces arrested a teacher at a checkpoint near Hama and took him away."
GONE = "His family says his fate has been unknown since he was taken to a security branch."
AR_ARREST = "اعتقلت قوات الأمن شاباً من مدينة درعا على حاجز عسكري واقتادته إلى جهة مجهولة."


def fill(config, add):
    add(config, title="Detainee dies in Homs prison", sentence=DEATH, labels=("torture_death",),
        published="2025-03-01")
    add(config, title="Second death in custody", sentence=DEATH, labels=("torture_death",),
        source="sohr-en", published="2025-03-03")
    add(config, title="Teacher arrested near Hama", sentence=ARREST,
        labels=("arbitrary_arrest",), published="2025-03-02")
    add(config, title="Teacher missing after arrest", sentence=GONE,
        labels=("enforced_disappearance", "arbitrary_arrest"), published="2025-03-04")
    add(config, title="اعتقال شاب في درعا", sentence=AR_ARREST, labels=("arbitrary_arrest",),
        source="snhr-ar", lang="ar", published="2025-03-05")
    add(config, title="Shelling damages shops in Ariha", sentence="Shells hit a street.",
        labels=())


def test_digest_counts_groups_and_each_item_once(store, make_config, add):
    config = make_config([{"name": "daily", "url": "console://", "mode": "digest"}])
    fill(config, add)
    [digest] = build_digests(store, config)
    assert digest.counts() == {"torture_death": 2, "enforced_disappearance": 1,
                               "arbitrary_arrest": 3}
    assert digest.counts_line() == "2 deaths under torture, 1 enforced disappearance, 3 arrests"

    text = digest.render_text()
    html = digest.render_html()
    markdown = digest.render_markdown()
    for rendered in (text, html, markdown):
        assert rendered.count("Detainee dies in Homs prison") == 1
        assert rendered.count("Teacher missing after arrest") == 1
        assert rendered.count("اعتقال شاب في درعا") == 1
        assert "Shelling" not in rendered
    assert text.index("2 deaths under torture") < text.index("== Deaths under torture (2) ==")
    sections = re.findall(r"== (.+?) \(\d+\) ==", text)
    assert sections == ["Deaths under torture", "Enforced disappearances", "Arrests"]
    deaths = text.split("== Enforced")[0]
    assert deaths.index("-- snhr-en --") < deaths.index("-- sohr-en --")
    arrests = text.split("== Arrests")[1]
    assert arrests.index("-- snhr-ar --") < arrests.index("-- snhr-en --")
    assert "## Arrests (2)" in markdown
    assert "### snhr\\-ar" in markdown
    arabic = re.search(r'<div dir="(\w+)" lang="ar"[^>]*><a href="[^"]+">اعتقال شاب', html)
    assert arabic
    assert arabic.group(1) == "rtl"
    assert html.count('href="https://') == 5
    assert "\u200fاعتقال شاب في درعا" in text
    assert "Content note" in text


def test_newest_first_within_a_source(store, make_config, add):
    config = make_config([{"name": "daily", "url": "console://", "mode": "digest"}])
    add(config, title="Older arrest report", sentence=ARREST, labels=("arbitrary_arrest",),
        published="2025-01-01")
    add(config, title="Newer arrest report", sentence=ARREST, labels=("arbitrary_arrest",),
        published="2025-02-01")
    text = build_digests(store, config)[0].render_text()
    assert text.index("Newer arrest report") < text.index("Older arrest report")


def test_send_digest_marks_rows_and_nothing_new_sends_nothing(store, make_config, add):
    with SmtpServer() as smtp:
        config = make_config([{"name": "daily", "url": smtp.url(), "mode": "digest"}])
        fill(config, add)
        report = send_digests(store, config)
        assert report.sent == 5
        assert report.messages == 1
        assert smtp.count == 1
        message = smtp.messages[0]
        assert "2 deaths under torture" in str(message["Subject"])
        html = message.get_body(("html",)).get_content()
        plain = message.get_body(("plain",)).get_content()
        assert 'dir="rtl"' in html
        assert "Teacher arrested near Hama" in plain
        digest_ids = {row["digest_id"] for row in store.query("SELECT digest_id FROM alerts")}
        assert digest_ids == {store.last_digest("daily")["id"]}
        assert send_digests(store, config).messages == 0
        assert smtp.count == 1

        config = make_config([{"name": "daily", "url": smtp.url(), "mode": "digest"}],
                             digest={"send_empty": True})
        assert send_digests(store, config).messages == 1
        assert "nothing new" in str(smtp.messages[-1]["Subject"])


def test_failed_digest_is_retried_by_dispatch(store, make_config, add):
    smtp = SmtpServer()
    config = make_config([{"name": "daily", "url": smtp.url(), "mode": "digest"}])
    fill(config, add)
    report = send_digests(store, config)
    assert report.retrying == 5
    with smtp:
        assert dispatch_pending(store, config, mode="digest").messages == 0  # back-off
        later = utcnow() + timedelta(hours=1)
        assert dispatch_pending(store, config, now=later, mode="digest").sent == 5
        assert smtp.count == 1
    assert store.alert_states() == {"sent": 5}
