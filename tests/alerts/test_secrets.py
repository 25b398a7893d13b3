"""A canary secret in every channel URL must never reach logs, the store or error output."""

from __future__ import annotations

import logging
from pathlib import Path

from click.testing import CliRunner
from support.smtp import SmtpServer
from support.webhook import WebhookServer

from alerts.dispatch import dispatch_pending
from alerts.redact import install_redaction
from alerts.transport import describe
from crawler.cli import cli

CANARY = "CanaryX7q9Zt4Wk2"
DEATH = "A young man died under torture in a detention centre in Daraa, his family was told."


def channels(smtp: SmtpServer, hook: WebhookServer, dead_port: int) -> list[dict[str, str]]:
    return [
        {"name": "mail", "url": smtp.url(password=CANARY)},
        {"name": "mail-down", "url": f"mailto://raqib:{CANARY}@127.0.0.1:{dead_port}"
                                     "?to=a@example.org&from=b@example.org&mode=insecure"},
        {"name": "hook", "url": hook.url(token=CANARY)},
        {"name": "hook-q", "url": f"json://127.0.0.1:{hook.port}/x?token={CANARY}"},
    ]


def test_canary_never_leaks_into_logs_store_or_errors(store, make_config, add, caplog):
    from support.smtp import free_port

    with SmtpServer(password=CANARY) as smtp, WebhookServer() as hook:
        smtp.reply = "550"
        hook.status = 500
        config = make_config(channels(smtp, hook, free_port()))
        install_redaction(config.secrets())
        caplog.set_level(logging.DEBUG)
        logging.getLogger("apprise").setLevel(logging.DEBUG)  # what a careless -vv would do
        install_redaction(config.secrets())
        assert logging.getLogger("apprise").level >= logging.INFO

        add(config, title="Detainee dies under torture", sentence=DEATH,
            labels=("torture_death",))
        report = dispatch_pending(store, config)
        assert report.failed == 1
        assert report.retrying == 3
        logging.getLogger("raqib.test").warning("sending with %s failed",
                                                smtp.url(password=CANARY))
        try:
            raise RuntimeError(f"boom {hook.url(token=CANARY)}")
        except RuntimeError:
            logging.getLogger("raqib.test").exception("unexpected")
        shown = [describe(channel) for channel in config.channels]
        store.db.conn.commit()

    assert caplog.records, "the dispatcher logs its failures"
    assert CANARY not in caplog.text
    for record in caplog.records:
        assert CANARY not in record.getMessage()
    assert "***" in caplog.text
    assert not [e for e in report.errors if CANARY in e]
    assert not [s for s in shown if CANARY in s]
    for row in store.query("SELECT * FROM alerts"):
        assert CANARY not in str(row)
    for suffix in ("", "-wal"):
        path = Path(str(store.path) + suffix)
        if path.exists():
            assert CANARY.encode() not in path.read_bytes()


def test_cli_output_never_shows_the_secret(tmp_path, monkeypatch):
    with WebhookServer() as hook:
        hook.status = 500
        config = tmp_path / "raqib.toml"
        config.write_text(f"""
[store]
path = "raqib.db"

[[sources]]
name = "snhr-en"
spider = "feed"
url = "https://news.example.org/feed"

[[channels]]
name = "hook"
url = "json://127.0.0.1:{hook.port}/hook/${{HOOK_TOKEN}}"
""", encoding="utf-8")
        monkeypatch.setenv("HOOK_TOKEN", CANARY)
        runner = CliRunner()
        result = runner.invoke(cli, ["--config", str(config), "-vv", "alerts", "test", "hook"])
        assert result.exit_code == 1
        assert "FAILED" in result.output
        assert CANARY not in result.output
        hook.status = 200
        result = runner.invoke(cli, ["--config", str(config), "alerts", "test", "hook"])
        assert result.exit_code == 0, result.output
        assert "hook: ok" in result.output
        assert CANARY not in result.output
        assert hook.count == 2


HEADER_CANARY = "HdrCanary5r8Pq"
SECRET_URLS = {
    "bearer": "json://127.0.0.1:{port}/hook?+Authorization=Bearer%20" + HEADER_CANARY,
    "api-key": "json://127.0.0.1:{port}/hook?+X-Api-Key=" + HEADER_CANARY,
    "payload": "json://127.0.0.1:{port}/hook?:token=" + HEADER_CANARY,
    "query": "json://127.0.0.1:{port}/hook?sig=" + HEADER_CANARY,
    "path": "json://127.0.0.1:{port}/hook/" + HEADER_CANARY[:6],
    "password": "json://user:" + HEADER_CANARY + "@127.0.0.1:{port}/hook",
}


def test_header_payload_query_and_path_secrets_are_masked_everywhere(tmp_path):
    with WebhookServer() as hook:
        lines = "".join(f'\n[[channels]]\nname = "{name}"\nurl = "{url.format(port=hook.port)}"\n'
                        for name, url in SECRET_URLS.items())
        config = tmp_path / "raqib.toml"
        config.write_text('[store]\npath = "raqib.db"\n' + lines, encoding="utf-8")
        runner = CliRunner()
        for status in (500, 200):
            hook.status = status
            result = runner.invoke(cli, ["--config", str(config), "-vv", "alerts", "test"])
            output = result.output + (result.stderr if result.stderr_bytes else "")
            assert HEADER_CANARY not in output
            assert HEADER_CANARY[:6] not in output
            assert "%20" + HEADER_CANARY[:4] not in output
        assert result.exit_code == 0, result.output
        assert output.count(": ok (json://") == len(SECRET_URLS)
        assert hook.count == 2 * len(SECRET_URLS)
