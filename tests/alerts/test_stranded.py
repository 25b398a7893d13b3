"""Alerts for a channel the config no longer sends to are kept and reported, never dropped."""

from __future__ import annotations

from support.webhook import WebhookServer

from alerts.dispatch import dispatch_pending

ARREST = "Security forces arrested three men at a checkpoint in Homs on Monday."


def test_a_removed_channel_keeps_its_alerts_and_is_reported(store, make_config, add):
    with WebhookServer() as hook:
        both = make_config([{"name": "desk", "url": hook.url()},
                            {"name": "archive", "url": hook.url()}])
        add(both, title="Arrests in Homs", sentence=ARREST, labels=("arbitrary_arrest",))
        only_desk = make_config([{"name": "desk", "url": hook.url()}])
        report = dispatch_pending(store, only_desk)
        assert report.sent == 1
        assert report.stranded == {"archive": 1}
        assert "1 wait for channels the config no longer sends to: archive (1)" \
            in report.summary()
        assert store.waiting_alerts() == [("archive", "immediate", 1)]

        report = dispatch_pending(store, both)  # the channel is back: its alert goes out
        assert report.sent == 1
        assert report.stranded == {}
    assert store.alert_states() == {"sent": 2}
    assert hook.count == 2


def test_digest_items_of_a_channel_switched_to_immediate_are_reported(store, make_config, add):
    with WebhookServer() as hook:
        digest = make_config([{"name": "desk", "url": hook.url(), "mode": "digest"}])
        add(digest, title="Arrests in Homs", sentence=ARREST, labels=("arbitrary_arrest",))
        immediate = make_config([{"name": "desk", "url": hook.url()}])
        report = dispatch_pending(store, immediate)
        assert report.sent == 0
        assert report.stranded == {"desk": 1}
        assert hook.count == 0
    assert store.alert_states() == {"pending": 1}


def test_status_marks_a_channel_missing_from_the_config(store, make_config, add, tmp_path):
    from click.testing import CliRunner

    from crawler.cli import cli

    with WebhookServer() as hook:
        add(make_config([{"name": "archive", "url": hook.url()}]), title="Arrests in Homs",
            sentence=ARREST, labels=("arbitrary_arrest",))
    config = tmp_path / "raqib.toml"
    config.write_text(f'[store]\npath = "{store.path}"\n\n[[sources]]\nname = "snhr-en"\n'
                      'spider = "feed"\nurl = "https://news.example.org/feed"\n',
                      encoding="utf-8")
    result = CliRunner().invoke(cli, ["--config", str(config), "status"])
    assert "archive (not in the config)" in result.output, result.output
