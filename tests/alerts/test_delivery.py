"""Delivery through real loopback servers: retries, per-channel results, permanent failures,
the hourly cap, and escaping of hostile page text in the email and webhook payloads."""

from __future__ import annotations

import json
from datetime import timedelta

from support.smtp import SmtpServer
from support.webhook import WebhookServer

from alerts.dispatch import dispatch_pending
from crawler.archive.store import utcnow

DEATH = "A young man died under torture in a detention centre in Daraa, his family was told."
ARREST = "Security forces arrested three men at a checkpoint in Homs on Monday."


def later(minutes: float) -> object:
    return utcnow() + timedelta(minutes=minutes)


def test_smtp_down_then_back_is_delivered_exactly_once(store, make_config, add):
    smtp = SmtpServer()
    config = make_config([{"name": "desk", "url": smtp.url()}])
    add(config, title="Detainee dies under torture", sentence=DEATH, labels=("torture_death",))

    report = dispatch_pending(store, config)  # the server is not running
    assert report.retrying == 1
    assert report.sent == 0
    assert store.alert_states() == {"pending": 1}
    row = store.query("SELECT attempts, last_error, next_attempt_at FROM alerts")[0]
    assert row["attempts"] == 1
    assert "temporary" in row["last_error"]

    with smtp:
        assert dispatch_pending(store, config).sent == 0  # not due yet: back-off holds
        report = dispatch_pending(store, config, now=later(2))
        assert report.sent == 1
        assert dispatch_pending(store, config, now=later(600)).sent == 0
        assert smtp.count == 1
    assert store.alert_states() == {"sent": 1}
    assert smtp.subjects() == ["[death under torture] Detainee dies under torture"]


def test_webhook_500_twice_then_200_is_delivered_once(store, make_config, add):
    with WebhookServer() as hook:
        hook.script = [500, 500]
        config = make_config([{"name": "hook", "url": hook.url()}])
        add(config, title="Arrests in Homs", sentence=ARREST, labels=("arbitrary_arrest",))
        assert dispatch_pending(store, config).retrying == 1
        assert dispatch_pending(store, config, now=later(2)).retrying == 1
        assert dispatch_pending(store, config, now=later(3)).sent == 0  # second back-off: 5 min
        assert dispatch_pending(store, config, now=later(10)).sent == 1
        assert dispatch_pending(store, config, now=later(600)).sent == 0
        assert hook.count == 3
        assert len(hook.accepted) == 1
    assert store.query("SELECT state, attempts FROM alerts") == [{"state": "sent", "attempts": 3}]


def test_one_failing_channel_is_retried_alone(store, make_config, add):
    with WebhookServer() as healthy, WebhookServer() as broken:
        broken.status = 500
        config = make_config([{"name": "good", "url": healthy.url()},
                              {"name": "bad", "url": broken.url()}])
        add(config, title="Arrests in Homs", sentence=ARREST, labels=("arbitrary_arrest",))
        first = dispatch_pending(store, config)
        assert first.sent == 1
        assert first.retrying == 1
        for minutes in (2, 10, 40):
            dispatch_pending(store, config, now=later(minutes))
        broken.status = 200
        dispatch_pending(store, config, now=later(300))
        assert healthy.count == 1
        assert broken.count == 5
        assert len(broken.accepted) == 1
    assert store.alert_states() == {"sent": 2}


def test_smtp_550_fails_permanently_and_is_not_retried(store, make_config, add, caplog):
    with SmtpServer() as smtp:
        smtp.reply = "550"
        config = make_config([{"name": "desk", "url": smtp.url()}])
        add(config, title="Detainee dies", sentence=DEATH, labels=("torture_death",))
        report = dispatch_pending(store, config)
        assert report.failed == 1
        assert report.retrying == 0
        assert "SMTP 550" in report.errors[0]
        smtp.reply = "250"
        assert dispatch_pending(store, config, now=later(24 * 60)).sent == 0
        assert smtp.count == 0
    row = store.failed_alerts()[0]
    assert row["channel"] == "desk"
    assert "550" in row["last_error"]
    assert any(r.levelname == "ERROR" and "permanently" in r.getMessage() for r in caplog.records)


def test_smtp_451_is_temporary_and_max_attempts_ends_it(store, make_config, add):
    with SmtpServer() as smtp:
        smtp.reply = "451"
        config = make_config([{"name": "desk", "url": smtp.url()}],
                             alerts={"max_attempts": 2})
        add(config, title="Detainee dies", sentence=DEATH, labels=("torture_death",))
        assert dispatch_pending(store, config).retrying == 1
        report = dispatch_pending(store, config, now=later(2))
        assert report.failed == 1
    assert store.alert_states() == {"failed": 1}


def test_hourly_cap_folds_the_rest_into_one_summary(store, make_config, add):
    with WebhookServer() as hook:
        config = make_config([{"name": "hook", "url": hook.url(), "max_per_hour": 3}])
        for n in range(6):
            add(config, title=f"Arrest number {n}", sentence=ARREST, labels=("arbitrary_arrest",))
        report = dispatch_pending(store, config)
        assert report.sent == 6
        assert report.messages == 3
        assert hook.count == 3
        summary = hook.accepted[-1]
        assert "and 4 more" in summary["title"]
        for n in range(2, 6):
            assert f"Arrest number {n}" in summary["message"]
        add(config, title="Arrest seven", sentence=ARREST, labels=("arbitrary_arrest",))
        report = dispatch_pending(store, config)
        assert report.deferred == 1
        assert report.sent == 0
        assert hook.count == 3
    assert store.alert_states() == {"sent": 6, "pending": 1}


HOSTILE_TITLE = 'Report <script>alert("x")</script> @everyone'
HOSTILE = ('Detainee died under torture <img src=http://tracker.example/p.png> see '
           '<a href="javascript:alert(1)">this</a> @here')


def test_hostile_page_text_is_inert_in_email_html_and_webhook(store, make_config, add):
    with SmtpServer() as smtp, WebhookServer() as hook:
        config = make_config([{"name": "mail", "url": smtp.url()},
                              {"name": "hook", "url": hook.url()}])
        add(config, title=HOSTILE_TITLE, sentence=HOSTILE, labels=("torture_death",))
        # The extractor would drop tags, so put the hostile text in the stored article itself.
        store.db.execute("UPDATE articles SET title = ?, evidence = ?",
                         [HOSTILE_TITLE, json.dumps({"torture_death": [HOSTILE]})])
        assert dispatch_pending(store, config).sent == 2
        message = smtp.messages[0]
        html_part = message.get_body(("html",)).get_content()
        text_part = message.get_body(("plain",)).get_content()
        payload = hook.accepted[0]

    for raw in ("<script", "<img", "javascript:", "@everyone", "@here", "http://tracker"):
        assert raw not in html_part
    for raw in ("<script", "<img", "<a ", "javascript:", "@everyone", "@here", "http://tracker"):
        assert raw not in payload["message"]
        assert raw not in payload["title"]
    assert "&lt;script&gt;" in html_part
    assert "&lt;img" in html_part
    assert "&lt;script&gt;" in payload["message"]
    assert "@\u200beveryone" in payload["title"]
    assert "@\u200bhere" in text_part
    links = [part.split('"')[0] for part in html_part.split('href="')[1:]]
    assert links == ["https://snhr-en.example.org/news/item-" + links[0].rsplit("-", 1)[1]]
    assert "Content note" in text_part
